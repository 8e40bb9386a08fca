#pragma once
/// @file text.hpp
/// What the library accepts as text (names, instructions, sources): printable
/// UTF-8 on one line. Control characters (U+0000 to U+001F, U+007F: NUL, tab,
/// line breaks, escape) are refused wherever text comes in (exercise and
/// protocol validation, the file loaders, the schemas), never stripped: an
/// exported calendar's TEXT values cannot carry them (RFC 5545 3.3.11), and
/// readers such as libical stop at a NUL.
///
/// Header-only (`rehab::values`): the definitions are at the end of this header.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rehab {

/// Why `text` is not text the library accepts, or nothing: "contains the
/// control character U+0009 at byte 6; text is printable, on one line".
[[nodiscard]] std::optional<std::string> text_problem(std::string_view text);

/// True for 1 to 64 letters, digits, '.', '_' or '-': an identifier that
/// may go into a calendar UID or a file name (plan and patient ids).
[[nodiscard]] bool is_identifier(std::string_view id) noexcept;

} // namespace rehab

// --- Definitions -------------------------------------------------------------

namespace rehab {

inline std::optional<std::string> text_problem(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) {
            constexpr std::string_view hex = "0123456789ABCDEF";
            std::string code = "U+00"; // c < 0x80: four hex digits, as "U+{:04X}" prints it
            code += hex[c >> 4U];
            code += hex[c & 0xFU];
            return "contains the control character " + code + " at byte " + std::to_string(i) +
                   "; text is printable, on one line";
        }
    }
    return std::nullopt;
}

inline bool is_identifier(std::string_view id) noexcept {
    if (id.empty() || id.size() > 64) {
        return false;
    }
    constexpr std::string_view allowed =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
    return id.find_first_not_of(allowed) == std::string_view::npos;
}

} // namespace rehab
