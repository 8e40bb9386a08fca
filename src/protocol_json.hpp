#pragma once
// Private to src/: a protocol as a JSON value inside a larger document (a
// course file holds its protocols by value).

#include <string_view>

#include <nlohmann/json.hpp>

#include <rehab/protocol.hpp>
#include <rehab/protocol_file.hpp>

#include "json_read.hpp"

namespace rehab {

/// Reads a protocol at `path`: the shape of every field, as `load_protocol`
/// does before `validate`.
[[nodiscard]] protocol read_protocol(detail::json_reader& r, const detail::json& v,
                                     const detail::json_path& path);

/// Reports, under `prefix`, a phase whose daily repetitions pass `limits`.
void check_limits(detail::json_reader& r, const protocol& p, const load_limits& limits,
                  std::string_view prefix);

/// The protocol as `to_json` writes it, as a value.
[[nodiscard]] nlohmann::ordered_json protocol_json(const protocol& p);

} // namespace rehab
