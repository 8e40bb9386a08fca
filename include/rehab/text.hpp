#pragma once
/// @file text.hpp
/// What the library accepts as text (names, instructions, sources): printable
/// UTF-8 on one line. Control characters (U+0000 to U+001F, U+007F: NUL, tab,
/// line breaks, escape) are refused wherever text comes in (exercise and
/// protocol validation, the file loaders, the schemas), never stripped: an
/// exported calendar's TEXT values cannot carry them (RFC 5545 3.3.11), and
/// readers such as libical stop at a NUL.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace rehab {

/// Why `text` is not text the library accepts, or nothing: "contains the
/// control character U+0009 at byte 6; text is printable, on one line".
[[nodiscard]] std::optional<std::string> text_problem(std::string_view text);

/// True for 1 to 64 letters, digits, '.', '_' or '-': an identifier that
/// may go into a calendar UID or a file name (plan and patient ids).
[[nodiscard]] bool is_identifier(std::string_view id) noexcept;

// --- Definitions -------------------------------------------------------------

inline std::optional<std::string> text_problem(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) {
            return fmt::format("contains the control character U+{:04X} at byte {}; text is "
                               "printable, on one line",
                               static_cast<unsigned>(c), i);
        }
    }
    return std::nullopt;
}

inline bool is_identifier(std::string_view id) noexcept {
    if (id.empty() || id.size() > 64) {
        return false;
    }
    for (const char c : id) {
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && c != '.' && c != '_' && c != '-') {
            return false;
        }
    }
    return true;
}

} // namespace rehab
