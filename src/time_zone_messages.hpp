#pragma once
/// @file time_zone_messages.hpp
/// What the time-zone sources (time_zone.cpp, time_zone_posix.cpp,
/// time_zone_tzif.cpp) share for their error messages: the path every error
/// names, and how text from a file or a caller is quoted. Private to src/.

#include <cstddef>
#include <string>
#include <string_view>

namespace rehab::detail {

/// The path (`error::path`) of every error `time_zone::locate` and
/// `time_zone::from_tzif` give: the zone as a whole.
inline constexpr std::string_view zone_error_path = "/time_zone";

/// `text` quoted safely in an error message: at most `max` bytes (then
/// "..."), with every byte outside printable ASCII replaced by '?', so that
/// a garbage file or a hostile name cannot break the message's line.
[[nodiscard]] inline std::string printable_excerpt(std::string_view text, std::size_t max = 64) {
    std::string out;
    for (const char c : text.substr(0, max)) {
        out += (c >= 0x20 && c < 0x7f) ? c : '?';
    }
    if (text.size() > max) {
        out += "...";
    }
    return out;
}

} // namespace rehab::detail
