#pragma once
/// @file course_exports.hpp
/// A patient's course in formats other tools read, with the doses actually
/// prescribed: iCalendar for the patient's calendar, JSON for apps, and the
/// "today" and report views a patient's app or a clinician's list shows.
///
/// Sessions up to the last one logged carry what the engine prescribed for
/// them then (and, when logged, their status); later ones carry the dose the
/// log so far gives, marked as planned: it may change with the entries to
/// come.
/// @code
/// rehab::course_export_options o{.as_of = now};
/// auto ics = rehab::to_icalendar(course, o);    // UIDs carry the patient id
/// auto json = rehab::to_sessions_json(course, o);
/// fmt::print("{}", rehab::today_json(course, now));
/// @endcode

#include <chrono>
#include <optional>
#include <string>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <rehab/adherence.hpp>
#include <rehab/api.hpp>
#include <rehab/course.hpp>
#include <rehab/error.hpp>

namespace rehab {

/// What a course export covers.
struct course_export_options {
    /// The instant the export describes: a session that started by then and
    /// is not logged is "unlogged" (counted as missed by adherence); a later
    /// one is "upcoming". Also the iCalendar `DTSTAMP`. Absent: the system
    /// clock, read once.
    std::optional<std::chrono::sys_seconds> as_of{};
    /// The last planned date exported. Absent: the course's last session,
    /// but no more than 365 days after the later of its start and its last
    /// session logged (a scheduling default: a phase without an end, waiting
    /// for criteria, has no last session).
    std::optional<boost::gregorian::date> through{};
    /// A reminder this long before each session (`VALARM`), 1 minute to 7
    /// days; iCalendar only.
    std::optional<std::chrono::minutes> remind_before{};
};

/// "done", "partial", "missed" (logged), "unlogged" (started by `as_of`,
/// not logged) or "upcoming".
[[nodiscard]] REHAB_API std::string_view session_state(const course_session& s,
                                                       std::chrono::sys_seconds as_of) noexcept;

/// The course as an iCalendar stream: one `VEVENT` per session due, with
/// `UID` "SESSION-ID.PATIENT-ID@rehab" (unique per patient, stable across
/// re-exports), `DTSTAMP` `as_of`, `DTSTART`/`DTEND` in UTC, a summary, and a
/// description with the state, the phase and week, and each exercise at the
/// dose prescribed (or planned). Errors: `remind_before` out of range
/// (`/remind_before`), a control character in a protocol's or phase's name
/// (`/protocols/i/protocol/name`, ...).
[[nodiscard]] REHAB_API expected<std::string>
to_icalendar(const course& c, const course_export_options& options = {});

/// The course's sessions as JSON:
/// @code{.unparsed}
/// {"patient": {"id", "affected_side"}, "start", "as_of",
///  "protocols": [{"from", "id", "name", "version", "source"}],
///  "sessions": [SESSION...]}
/// @endcode
/// where SESSION is
/// @code{.unparsed}
/// {"id", "date", "local_time", "utc", "planned_date", "time_zone", "placement",
///  "protocol", "phase", "program_week", "slot", "state", "planned",
///  "restrictions", "items": [...], "referrals": [{"reason"}],
///  "breaches": [{"rule", "limit", "reason"}]}
/// @endcode
/// `state` is `session_state`'s; `planned` is true for a session whose dose
/// may still change with entries to come; `restrictions` (the phase's, shaped
/// as in protocol files) only when the phase has any. Each item is shaped as
/// in the schedule's JSON (`to_json(const schedule&)`), with `load_kg` where
/// the engine added load.
[[nodiscard]] REHAB_API std::string to_sessions_json(const course& c,
                                                     const course_export_options& options = {});

/// What is due at `as_of`, as JSON:
/// @code{.unparsed}
/// {"as_of", "due": [SESSION], "next": [SESSION], "referrals": [{"reason", "raised_at"}]}
/// @endcode
/// with SESSION as in `to_sessions_json`; `due` holds `due_at(as_of)` and `next` holds
/// `next_after(as_of)` when there is one; `referrals` are the stop-and-refer
/// flags in force after the last entry.
[[nodiscard]] REHAB_API std::string today_json(const course& c, std::chrono::sys_seconds as_of);

/// A report over `first` to `last` (planned dates) as of `as_of`, as JSON:
/// @code{.unparsed}
/// {"from", "to", "as_of", "sessions_due", "sessions_done", "sessions_partial",
///  "sessions_missed",
///  "reps": {"affected": {"prescribed", "done", "beyond"}, "unaffected": {...}},
///  "trace": [{"session", "date", "rule", "action", "detail"}]}
/// @endcode
/// (the trace: the decisions in the window). Errors as `course::adherence`'s.
[[nodiscard]] REHAB_API expected<std::string> report_json(const course& c,
                                                          boost::gregorian::date first,
                                                          boost::gregorian::date last,
                                                          std::chrono::sys_seconds as_of);

} // namespace rehab
