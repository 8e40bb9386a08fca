#pragma once
/// @file exports.hpp
/// A schedule in formats other tools read: iCalendar (RFC 5545) for
/// calendars, JSON for apps.

#include <chrono>
#include <optional>
#include <string>

#include <rehab/schedule.hpp>

namespace rehab {

/// How to render a calendar.
struct icalendar_options {
    /// DTSTAMP of every event: when the calendar was made. Default: the
    /// schedule's start date at 00:00 UTC, so the same schedule always renders
    /// the same bytes; an app passes the current time.
    std::optional<std::chrono::sys_seconds> created{};
};

/// The schedule as an iCalendar stream: `VERSION:2.0`, `PRODID`, one
/// `VEVENT` per session with a stable `UID` (the session id), `DTSTAMP`,
/// `DTSTART`/`DTEND` in UTC (the end from the doses' estimated durations,
/// rounded up to 5 minutes), a summary and a description listing the
/// exercises and doses; text escaped, lines folded at 75 octets, CRLF ends.
/// @par Complexity O(sessions).
[[nodiscard]] std::string to_icalendar(const schedule& plan, const icalendar_options& options = {});

/// The schedule as JSON:
/// `{"protocol": {"id", "name", "version", "source"}, "start", "time_zone",
///   "affected_side", "sessions": [{"id", "index", "date", "local_time", "utc",
///   "week", "phase", "slot", "items": [{"exercise", "dose", "sets", "reps"
///   | "hold_seconds" | "seconds", "reps_max", "side", "load_kg", "load_rm",
///   "load_percent_body_weight", "rest_seconds", "tempo"}]}]}`. Fields that do not
/// apply are left out. `side` is "left" or "right" for the affected side
/// only, "each" or "both".
[[nodiscard]] std::string to_json(const schedule& plan);

/// The start time of a session for event bodies: "2026-12-01T07:00:00Z".
[[nodiscard]] std::string to_iso8601(std::chrono::sys_seconds instant);

} // namespace rehab
