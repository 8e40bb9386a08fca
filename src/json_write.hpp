#pragma once
/// @file json_write.hpp
/// Private to the library: JSON as the library writes it to text, the one form
/// shared by the protocol, catalog, course and outcome-measure files and the
/// course exports.

#include <string>

#include <nlohmann/json.hpp>

namespace rehab::detail {

/// `j` as text: indented by 2, keys in the order they were added, invalid
/// UTF-8 in strings replaced by U+FFFD (never an exception), ending with a
/// newline.
[[nodiscard]] std::string dump(const nlohmann::ordered_json& j);

} // namespace rehab::detail
