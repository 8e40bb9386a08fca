#pragma once
/// @file exports.hpp
/// A schedule in formats other tools read: iCalendar (RFC 5545) for
/// calendars, JSON for apps.

#include <chrono>
#include <optional>
#include <string>

#include <rehab/api.hpp>
#include <rehab/schedule.hpp>

namespace rehab {

/// How to render a calendar.
struct icalendar_options {
    /// DTSTAMP of every event: when the calendar was exported (RFC 5545
    /// 3.8.7.2). Absent: the system clock, read once. Pass a fixed instant
    /// for reproducible bytes.
    std::optional<std::chrono::sys_seconds> created{};
    /// What makes this plan's UIDs its own: a patient or course id of 1 to 64
    /// letters, digits, '.', '_' or '-' (`is_identifier`). Absent: derived from what makes the
    /// plan distinct (protocol id and version, start, zone, times, rest days,
    /// side), so re-exports of one plan keep their UIDs; two patients on the
    /// same plan need an id each to share no UID.
    std::optional<std::string> plan_id{};
    /// A reminder this long before each session (`VALARM` with
    /// `ACTION:DISPLAY`), from 1 minute to 7 days; absent: none.
    std::optional<std::chrono::minutes> remind_before{};
};

/// The identifier `to_icalendar` puts in every UID when no `plan_id` is
/// given: "p" and 16 hex digits of a hash of what makes the plan distinct.
[[nodiscard]] REHAB_API std::string derived_plan_id(const schedule& plan);

/// The schedule as an iCalendar stream: `VERSION:2.0`, `PRODID`, one
/// `VEVENT` per session held (see `session_placement`) with a `UID` unique to
/// the session and the plan
/// ("alfredson-eccentric.v1.eccentric-loading.d0.s0.PLAN@rehab"), `DTSTAMP`,
/// `DTSTART`/`DTEND` in UTC (the end from the doses' estimated durations,
/// rounded up to 5 minutes), a summary, a description listing the exercises
/// and doses, and the reminder if asked for; text escaped, lines folded at
/// 75 octets, CRLF ends. No `METHOD`: the stream is a plain calendar file,
/// not an iTIP message (RFC 5546 would then require an `ORGANIZER`).
/// Errors: a `plan_id` (`/plan_id`) or `remind_before` (`/remind_before`)
/// out of range; a control character in the protocol's name or a phase name
/// (`/protocol/name`, `/protocol/phases/i/name`: see `text.hpp`), which only
/// a protocol never validated can hold.
/// @par Complexity
/// O(sessions).
[[nodiscard]] REHAB_API expected<std::string> to_icalendar(const schedule& plan,
                                                           const icalendar_options& options = {});

/// The schedule as JSON, indented by 2 and ending with a newline:
/// @code{.unparsed}
/// {"protocol": {"id", "name", "version", "source"}, "start", "time_zone",
///  "affected_side", "counted_from", "phase_restrictions": [{"id", "restrictions"}],
///  "sessions": [{"id", "index", "date", "local_time", "utc", "planned_date",
///                "placement", "week", "phase", "slot", "items": [ITEM...]}]}
/// @endcode
/// where ITEM is
/// @code{.unparsed}
/// {"exercise", "dose", "sets", "reps" | "hold_seconds" | "seconds", "reps_max",
///  "side", "load_kg", "load_rm", "load_percent_body_weight", "rest_seconds", "tempo"}
/// @endcode
/// Fields that do not apply are left out; `counted_from` and
/// `phase_restrictions` (each phase with restrictions, shaped as in protocol
/// files) only for a protocol whose phases have restrictions. `date` and
/// `local_time` are the wall clock at the instant `utc`; `planned_date` is
/// the date of the session's program day, which differs when the zone's
/// clocks moved it past midnight; `placement` is "as_requested",
/// "moved_by_gap" or "not_held" (every session is listed, held or not).
/// `side` is "left" or "right" for the affected side only, "each" or "both".
[[nodiscard]] REHAB_API std::string to_json(const schedule& plan);

/// The start time of a session for event bodies: "2026-12-01T07:00:00Z".
[[nodiscard]] REHAB_API std::string to_iso8601(std::chrono::sys_seconds instant);

} // namespace rehab
