#pragma once
// Private to src/: the iCalendar document (RFC 5545) both calendar exports
// write, a schedule's (exports.cpp) and a course's (course_exports.cpp): the
// checks on what goes in, the VCALENDAR around the events, and one VEVENT a
// session with its optional VALARM. The line folding and TEXT escaping are
// export_format.hpp's.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rehab/engine.hpp>
#include <rehab/error.hpp>
#include <rehab/protocol.hpp>
#include <rehab/restrictions.hpp>

namespace rehab::detail {

/// Refuses a reminder outside 1 minute to 7 days, at `/remind_before`.
[[nodiscard]] expected<void>
check_reminder(const std::optional<std::chrono::minutes>& remind_before);

/// Refuses a protocol whose name or phase names a TEXT value cannot carry
/// (control characters, RFC 5545 3.3.11), at `path`/name and
/// `path`/phases/N/name: a protocol that skipped validation is refused, not
/// stripped.
[[nodiscard]] expected<void> check_calendar_text(const protocol& p, std::string_view path);

/// Appends the start of a VCALENDAR called `name`: BEGIN, VERSION, PRODID,
/// CALSCALE and X-WR-CALNAME.
void begin_calendar(std::string& out, std::string_view name);

/// Appends the end of the VCALENDAR.
void end_calendar(std::string& out);

/// Appends to `description`, a line each, what `restrictions` allow and the
/// items ("- NAME: DOSE (SIDE)", with ", N kg added" when `with_load`);
/// returns the items' estimated duration.
std::chrono::seconds append_session_lines(std::string& description,
                                          const phase_restrictions& restrictions,
                                          const std::vector<prescribed_item>& items,
                                          bool with_load);

/// One session on the calendar.
struct calendar_event {
    std::string uid;                                     ///< without the "@rehab" domain
    std::string stamp;                                   ///< DTSTAMP, as `ical_time` writes it
    std::chrono::sys_seconds start;                      ///< DTSTART
    std::chrono::seconds work{0};                        ///< the items' estimated duration
    std::string_view protocol_name;                      ///< the SUMMARY's protocol
    int slot = 0;                                        ///< the session of its day, from 0
    std::string description;                             ///< unescaped
    std::optional<std::chrono::minutes> remind_before{}; ///< a VALARM this long before
};

/// Appends `e` as a VEVENT: DTEND is the work rounded up to 5 minutes (at
/// least 5) after DTSTART, the summary "NAME (session N of the day)".
void append_event(std::string& out, const calendar_event& e);

} // namespace rehab::detail
