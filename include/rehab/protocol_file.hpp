#pragma once
/// @file protocol_file.hpp
/// Protocols, exercises and catalogs as JSON files: read with every problem
/// reported, written in a stable form that reads back equal.
///
/// The format is described, field by field, by the JSON Schema installed as
/// `share/rehab/protocol.schema.json` (exercises and catalogs:
/// `share/rehab/catalog.schema.json`); the built-in protocols saved with
/// `to_json` are in `examples/protocols/`.
/// @code
/// auto p = rehab::load_protocol_file("my-protocol.json");
/// if (!p) {
///     for (const auto& e : p.error()) fmt::print(stderr, "{}\n", e);
///     // /phases/1/prescriptions/0/dose/sets: must be >= 1, got 0 (line 37, column 21)
/// }
/// @endcode
/// Loading never throws for bad input: a syntax error comes back with its line
/// and column; every other problem with the JSON Pointer of its field and the
/// line and column where that field (or the nearest enclosing one that
/// exists) starts. All problems are reported, in the order of the text.

#include <filesystem>
#include <string>
#include <string_view>

#include <rehab/api.hpp>
#include <rehab/catalog.hpp>
#include <rehab/error.hpp> // load_result
#include <rehab/exercise.hpp>
#include <rehab/protocol.hpp>
#include <rehab/units.hpp>

namespace rehab {

/// Plausibility limits the loader applies on top of `validate(protocol, catalog)`:
/// values that are valid but almost certainly a mistake in a hand-written file.
struct load_limits {
    /// Most repetitions in one day of a phase: every prescription at the
    /// highest dose its ladders and week tables can reach, on every side it
    /// works, times sessions per day. Default 360, twice the highest-volume
    /// protocol in common use: Alfredson's 3 x 15 x 2 exercises x 2 sessions =
    /// 180 a day // Alfredson 1998. More is far more likely a typo (15 sets
    /// for 1.5, an extra zero) than an intended dose.
    rehab::reps daily_reps{360};
};

/// Reads a protocol from JSON text and checks it: the shape of every field
/// (types, ranges, unknown fields with close matches, duplicate keys), then
/// `validate(p, exercises)` (ids, exercises in `exercises` with close
/// matches, phase durations, frequencies, session gaps, reachable criteria,
/// rules), then `limits`. Returns the protocol or every problem found.
[[nodiscard]] REHAB_API load_result<protocol>
load_protocol(std::string_view text, const catalog& exercises = catalog::builtin(),
              const load_limits& limits = {});

/// `load_protocol` on the contents of `file`; a file that cannot be read gives
/// one `errc::io_error` naming the path.
[[nodiscard]] REHAB_API load_result<protocol>
load_protocol_file(const std::filesystem::path& file, const catalog& exercises = catalog::builtin(),
                   const load_limits& limits = {});

/// The protocol as JSON: indented by 2, keys in a fixed order, every field
/// written (an absent maximum duration or tempo phase is left out), ending
/// with a newline. `load_protocol(to_json(p))` gives back `p` for any valid
/// `p` whose exercises are in the catalog.
[[nodiscard]] REHAB_API std::string to_json(const protocol& p);

/// Reads one exercise (an object as in a catalog's `exercises` array) and
/// checks it with `validate(exercise)`.
[[nodiscard]] REHAB_API load_result<exercise> load_exercise(std::string_view text);

/// The exercise as JSON, in the form `load_exercise` reads.
[[nodiscard]] REHAB_API std::string to_json(const exercise& e);

/// Reads a catalog, `{"exercises": [...]}`: every exercise checked, ids unique.
[[nodiscard]] REHAB_API load_result<catalog> load_catalog(std::string_view text);

/// `load_catalog` on the contents of `file` (`errc::io_error` naming the path
/// when it cannot be read).
[[nodiscard]] REHAB_API load_result<catalog> load_catalog_file(const std::filesystem::path& file);

/// The catalog as JSON, exercises in their order: `{"exercises": [...]}`.
[[nodiscard]] REHAB_API std::string to_json(const catalog& c);

} // namespace rehab
