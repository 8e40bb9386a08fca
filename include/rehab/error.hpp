#pragma once
/// @file error.hpp
/// The one error type of the library and the `rehab::expected<T>` alias.
///
/// Every validating factory and loader returns `rehab::expected<T>`: either the
/// value or an `error` that says what was wrong (`message`) and where (`path`,
/// a JSON Pointer into the value being checked, e.g. `/sets` or
/// `/phases/1/prescriptions/0/dose/sets`). The library does not throw for bad
/// input.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <tl/expected.hpp>

namespace rehab {

/// What kind of problem an `error` reports, for callers that branch on it.
enum class errc : std::uint8_t {
    invalid_value, ///< a value outside its allowed range or shape
    unknown_id,    ///< an id that names nothing (exercise, protocol, ...)
    duplicate_id,  ///< an id that is already taken
    parse_error,   ///< text that could not be read (JSON, a date, a time)
    io_error,      ///< a file that could not be read or written
};

/// A problem with an input, located by a JSON Pointer.
struct error {
    errc code = errc::invalid_value; ///< what kind of problem, for callers that branch on it
    /// JSON Pointer (RFC 6901) to the offending field, relative to the value
    /// that was checked; empty for the value as a whole.
    std::string path;
    /// What is wrong, in words a person can act on: "must be >= 1, got 0".
    std::string message;
    /// 1-based line in a text input, where the parser knows it.
    std::optional<std::uint32_t> line;
    /// 1-based column in a text input, where the parser knows it.
    std::optional<std::uint32_t> column;

    /// The same error located inside `parent` (a JSON Pointer): `/sets`
    /// becomes `/phases/0/dose/sets`.
    [[nodiscard]] error inside(std::string_view parent) const& {
        error e = *this;
        e.path = std::string(parent) + e.path;
        return e;
    }

    /// The last token of `path` (`sets` for `/phases/0/dose/sets`).
    [[nodiscard]] std::string_view field() const noexcept {
        const std::string_view p = path;
        const auto slash = p.rfind('/');
        return slash == std::string_view::npos ? p : p.substr(slash + 1);
    }

    /// Equal when every field is.
    friend bool operator==(const error&, const error&) = default;
};

/// Result of an operation that can fail on bad input.
template <class T>
using expected = tl::expected<T, error>;

/// Shorthand for returning an error from a function returning `expected<T>`.
[[nodiscard]] inline tl::unexpected<error> fail(errc code, std::string path, std::string message) {
    return tl::unexpected<error>(error{code, std::move(path), std::move(message), {}, {}});
}

/// Several errors at once, for checks that report everything they find.
using error_list = std::vector<error>;

/// A value read from a file or text, or every problem found in it (the
/// loaders of protocols, catalogs, courses and outcome measures).
template <class T>
using load_result = tl::expected<T, error_list>;

} // namespace rehab

/// Prints `path: message` (and ` (line L, column C)` where known).
template <>
struct fmt::formatter<rehab::error> : fmt::formatter<std::string_view> {
    auto format(const rehab::error& e, fmt::format_context& ctx) const -> decltype(ctx.out()) {
        std::string text = e.path.empty() ? e.message : e.path + ": " + e.message;
        if (e.line) {
            text += e.column ? fmt::format(" (line {}, column {})", *e.line, *e.column)
                             : fmt::format(" (line {})", *e.line);
        }
        return fmt::formatter<std::string_view>::format(text, ctx);
    }
};
