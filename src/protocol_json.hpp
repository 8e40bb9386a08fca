#pragma once
// Private to src/: protocols, exercises and catalogs as JSON values, read
// (protocol_file_read.cpp) and written (protocol_file_write.cpp) for the
// loaders of protocol_file.cpp and for documents that hold them (a course file
// holds its protocols by value).

#include <string_view>

#include <nlohmann/json.hpp>

#include <rehab/catalog.hpp>
#include <rehab/exercise.hpp>
#include <rehab/protocol.hpp>
#include <rehab/protocol_file.hpp>

#include "json_read.hpp"

namespace rehab::detail {

/// Reads a protocol at `path`: the shape of every field, as `load_protocol`
/// does before `validate`.
[[nodiscard]] protocol read_protocol(json_reader& r, const json& v, const json_path& path);

/// Reads an exercise at `path` and checks it with `validate(exercise)`.
[[nodiscard]] exercise read_exercise(json_reader& r, const json& v, const json_path& path);

/// Reads a catalog at `path`, `{"exercises": [...]}`: every exercise read
/// and checked, ids unique.
[[nodiscard]] catalog read_catalog(json_reader& r, const json& v, const json_path& path);

/// Reports, under `prefix`, a phase whose daily repetitions pass `limits`.
void check_limits(json_reader& r, const protocol& p, const load_limits& limits,
                  std::string_view prefix);

/// A rule as a protocol file holds it (`"type"` first), as a value.
[[nodiscard]] nlohmann::ordered_json rule_json(const rule& r);

/// A criterion as a protocol file holds it (`"type"` first), as a value.
[[nodiscard]] nlohmann::ordered_json criterion_json(const criterion& c);

/// The protocol as `to_json` writes it, as a value.
[[nodiscard]] nlohmann::ordered_json protocol_json(const protocol& p);

} // namespace rehab::detail
