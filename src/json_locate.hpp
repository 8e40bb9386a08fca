#pragma once
/// @file json_locate.hpp
/// Private to the library: where things are in a JSON text. nlohmann-json
/// reports a byte offset for syntax errors only; these helpers turn offsets
/// into lines and columns and find the offset of any JSON Pointer, so that
/// every error of a loaded file can say where it is.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rehab::detail {

/// A 1-based line and column; columns count characters (UTF-8 code points).
struct text_position {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
};

/// The line and column of byte `offset` of `text` (clamped to its end).
[[nodiscard]] text_position position_of(std::string_view text, std::size_t offset) noexcept;

/// `key` as a JSON Pointer token: `~` becomes `~0` and `/` becomes `~1`.
[[nodiscard]] std::string pointer_token(std::string_view key);

/// Appends `pointer_token(key)` to `out`.
void append_pointer_token(std::string& out, std::string_view key);

/// The start of every value of a well-formed JSON text, by JSON Pointer (an
/// object member starts at its key), and every key that appears twice in one
/// object. Containers nested deeper than `max_depth` are skipped.
/// @par Complexity O(size of the text + size of the pointers recorded).
class json_locations {
public:
    static constexpr std::size_t max_depth = 64;

    explicit json_locations(std::string_view text);

    /// The offset of `pointer`, or of the longest prefix of it that exists.
    [[nodiscard]] std::size_t find(std::string_view pointer) const;

    /// A key given twice in the same object.
    struct duplicate {
        std::string pointer;
        std::size_t offset = 0;       ///< the second (or later) occurrence
        std::size_t first_offset = 0; ///< the first
    };
    [[nodiscard]] const std::vector<duplicate>& duplicates() const noexcept { return duplicates_; }

private:
    std::map<std::string, std::size_t, std::less<>> offsets_;
    std::vector<duplicate> duplicates_;
};

} // namespace rehab::detail
