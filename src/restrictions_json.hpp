#pragma once
/// @file restrictions_json.hpp
/// Private to the library: a phase's restrictions (orthosis, weight-bearing,
/// range-of-motion limits, activities) and an exercise's needs as JSON, in
/// protocol and catalog files. Keep in step with
/// share/rehab/protocol.schema.json and catalog.schema.json.
///
/// The readers check the shape of each field; the clinical ranges (wedges
/// 0-10, a heel lift of 0-10 cm, degrees within -90..90, snake_case activity
/// ids) are left to `validate(const phase_restrictions&)`, whose paths
/// (`/orthosis/wedges`, `/rom_limits/0/max_degrees`, `/not_allowed/0/id`)
/// are the keys the file uses.

#include <nlohmann/json.hpp>

#include <rehab/protocol.hpp>
#include <rehab/restrictions.hpp>

#include "json_read.hpp"

namespace rehab::detail {

/// Reads a restrictions object at `path` (the orthosis as `{"type", one of
/// "wedges" / "heel_lift_cm" / "plantarflexion_degrees", "worn",
/// "off_for_washing_and_dressing", "off_for_exercise", "source"}`):
/// `{"orthosis": {...}, "weight_bearing": {...}, "rom_limits": [...],
/// "not_allowed": [...], "allowed": [...]}`, every part optional.
[[nodiscard]] phase_restrictions read_restrictions(json_reader& r, const json& v,
                                                   const json_path& path);

/// The restrictions as `read_restrictions` reads them: the parts present
/// only (an empty value writes `{}`).
[[nodiscard]] nlohmann::ordered_json restrictions_json(const phase_restrictions& limits);

/// Reads a protocol's earliest start at `path`: `{"after_days": 42,
/// "until_then": {restrictions}, "source": "..."}`, after_days required.
[[nodiscard]] earliest_start read_earliest_start(json_reader& r, const json& v,
                                                 const json_path& path);

/// The earliest start as `read_earliest_start` reads it, every field written.
[[nodiscard]] nlohmann::ordered_json earliest_start_json(const earliest_start& start);

/// Reads an exercise's needs at `path`: `{"weight_bearing": ...,
/// "single_leg_stance": ..., "dorsiflexion": ..., "passive_stretch": ...}`,
/// every field optional (absent: the default).
[[nodiscard]] exercise_needs read_needs(json_reader& r, const json& v, const json_path& path);

/// The needs as `read_needs` reads them, every field written.
[[nodiscard]] nlohmann::ordered_json needs_json(const exercise_needs& needs);

} // namespace rehab::detail
