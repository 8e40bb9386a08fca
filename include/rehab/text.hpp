#pragma once
/// @file text.hpp
/// What the library accepts as text (names, instructions, sources): printable
/// UTF-8 on one line. Control characters (U+0000 to U+001F, U+007F: NUL, tab,
/// line breaks, escape) are refused wherever text comes in (exercise and
/// protocol validation, the file loaders, the schemas), never stripped: an
/// exported calendar's TEXT values cannot carry them (RFC 5545 3.3.11), and
/// readers such as libical stop at a NUL.

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
