#pragma once
// Private to src/: the pieces every export shares (a schedule's and a
// course's): iCalendar text, and a prescribed item as JSON.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <nlohmann/json.hpp>

#include <rehab/course.hpp>
#include <rehab/engine.hpp>

namespace rehab::detail {

/// The catalog name of exercise `id` (the id itself when unknown).
[[nodiscard]] std::string exercise_name(const std::string& id);

/// "20261201T070000Z".
[[nodiscard]] std::string ical_time(std::chrono::sys_seconds t);

/// RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines.
[[nodiscard]] std::string escape_text(std::string_view text);

/// Appends `line` folded at 75 octets (continuation lines start with a
/// space), never inside a UTF-8 sequence, ending with CRLF.
void append_folded(std::string& out, std::string_view line);

/// "left" or "right" for the affected side only, "each" or "both".
[[nodiscard]] std::string side_name(const prescribed_item& item);

/// The dose of `item` as every export writes it: `fmt::format("{}", dose)`,
/// then " (left)" or " (right)" when it is for the affected side only, then,
/// `with_load`, ", 5 kg added" where the engine added load.
[[nodiscard]] std::string dose_text(const prescribed_item& item, bool with_load);

/// "2026-12-01".
[[nodiscard]] std::string iso_date(boost::gregorian::date d);

/// An item as the JSON exports write it: exercise, dose, sets, the work,
/// side, load, rest and tempo (fields that do not apply left out).
[[nodiscard]] nlohmann::ordered_json item_json(const prescribed_item& item);

/// The last planned date a course export covers: `through` when given,
/// else 365 days after the later of the course's start and its last session
/// logged (`course::between` stops at the course's last session).
[[nodiscard]] boost::gregorian::date
export_through(const course& c, const std::optional<boost::gregorian::date>& through);

} // namespace rehab::detail
