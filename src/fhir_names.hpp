#pragma once
/// @file fhir_names.hpp
/// Private to the library: the names `to_fhir` writes and
/// `protocol_from_fhir` reads, kept in one place. Keep in step with the
/// StructureDefinitions in share/rehab/fhir/.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <rehab/fhir.hpp>

namespace rehab::detail::fhir {

inline constexpr std::string_view ucum = "http://unitsofmeasure.org";
inline constexpr std::string_view snomed = "http://snomed.info/sct";

/// The canonical URL of the resource `type`/`id`.
[[nodiscard]] inline std::string canonical(std::string_view type, std::string_view id) {
    return std::string(fhir_base_url) + "/" + std::string(type) + "/" + std::string(id);
}

/// JSON held as text in a `valueString` (rules, restrictions, criteria,
/// earliest start): compact, keys in the writer's order, invalid UTF-8
/// replaced (never an exception).
[[nodiscard]] inline std::string embedded(const nlohmann::ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

/// The sub-extensions of the exercise-dose extension.
namespace dose_part {
inline constexpr std::string_view sets = "sets";
inline constexpr std::string_view repetitions = "repetitions";
inline constexpr std::string_view repetitions_max = "repetitionsMax";
inline constexpr std::string_view hold = "hold";
inline constexpr std::string_view timed = "timed";
inline constexpr std::string_view timed_max = "timedMax";
inline constexpr std::string_view as_long_as_possible = "asLongAsPossible";
inline constexpr std::string_view tempo_eccentric = "tempoEccentric";
inline constexpr std::string_view tempo_pause = "tempoPause";
inline constexpr std::string_view tempo_concentric = "tempoConcentric";
inline constexpr std::string_view rest = "rest";
inline constexpr std::string_view load_mass = "loadMass";
inline constexpr std::string_view load_percent_body_weight = "loadPercentBodyWeight";
inline constexpr std::string_view load_repetition_maximum = "loadRepetitionMaximum";
inline constexpr std::string_view side = "side";
inline constexpr std::string_view support = "support";
inline constexpr std::string_view constraint = "constraint";
} // namespace dose_part

/// The sub-extensions of the protocol-settings extension.
namespace settings_part {
inline constexpr std::string_view counted_from = "countedFrom";
inline constexpr std::string_view min_session_gap = "minSessionGap";
inline constexpr std::string_view pain_ceiling = "painCeiling";
inline constexpr std::string_view refer_on_snap_or_pop = "referOnSnapOrPop";
inline constexpr std::string_view refer_on_unable_to_bear_weight = "referOnUnableToBearWeight";
inline constexpr std::string_view earliest_start = "earliestStart";
} // namespace settings_part

/// The sub-extensions of the phase-rules extension.
namespace phase_part {
inline constexpr std::string_view sessions_per_day = "sessionsPerDay";
inline constexpr std::string_view days_per_week = "daysPerWeek";
inline constexpr std::string_view weekday = "weekday";
inline constexpr std::string_view time = "time";
inline constexpr std::string_view restrictions = "restrictions";
inline constexpr std::string_view rule = "rule";
} // namespace phase_part

} // namespace rehab::detail::fhir
