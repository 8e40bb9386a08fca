#pragma once
/// @file dose_json.hpp
/// Private to the library: a dose as JSON. Read from protocol files with
/// every problem reported; written by one writer, for protocol files and for
/// the prescribed items of the exports. Keep in step with the `dose` of
/// share/rehab/protocol.schema.json.

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <rehab/dosage.hpp>
#include <rehab/units.hpp>

#include "json_read.hpp"

namespace rehab::detail {

/// Reads a dose at `path`: `sets`, one kind of work (`reps` with
/// `reps_max`, `hold_seconds`, or `seconds` with `seconds_max` and
/// `as_long_as_possible`), `side`, `tempo`, `rest_seconds`, at most one load
/// (`load_kg`, `load_percent_body_weight`, `load_rm`), `support`,
/// `constraint`; then `validate(dose_spec)`. A dose with a problem is reported
/// and read as `placeholder_dose()`.
[[nodiscard]] dose read_dose(json_reader& r, const json& v, const json_path& path);

/// A valid dose that stands in for one that could not be read, so that
/// reading goes on.
[[nodiscard]] dose placeholder_dose();

/// The two JSON shapes of a dose. Both write `sets` and the work (`reps` and
/// `reps_max`, `hold_seconds`, or `seconds`, `seconds_max` and
/// `as_long_as_possible`) first and the tempo alike, but they differ in the
/// order of the fields after the work, in the names of the side and in the
/// load. Shipped protocol files, the schemas and the exports compared byte for
/// byte hold each as it is.
enum class dose_shape : std::uint8_t {
    /// In a protocol file (`protocol.schema.json`; `load_protocol` reads it
    /// back): `sets`, the work, `side` ("each", "affected_only", "together"),
    /// `tempo`, `rest_seconds`, the load as prescribed (one of `load_kg`,
    /// `load_percent_body_weight`, `load_rm`), `support`, `constraint`.
    protocol_file,
    /// In a prescribed item of an export (a schedule's, a course's, guidance):
    /// `sets`, the work, `side` as the session has it, `load_kg` for the
    /// patient, `load_rm`, `load_percent_body_weight`, `rest_seconds`,
    /// `tempo`; no support or constraint.
    prescribed_item,
};

/// What a session adds to its dose: written by `dose_shape::prescribed_item`
/// only.
struct dose_in_session {
    /// The side that works: "left" or "right" for the affected side only,
    /// otherwise "each" or "both".
    std::string side;
    /// The added load in kilograms for this patient, where known.
    std::optional<kilograms> load_kg;
};

/// Adds the fields of `d` to the object `j`, after those it already has, in
/// `shape`; `session` is read only for `dose_shape::prescribed_item`.
void append_dose(nlohmann::ordered_json& j, const dose& d, dose_shape shape,
                 const dose_in_session& session = {});

/// `d` as a protocol file holds it (`dose_shape::protocol_file`).
[[nodiscard]] nlohmann::ordered_json dose_json(const dose& d);

} // namespace rehab::detail
