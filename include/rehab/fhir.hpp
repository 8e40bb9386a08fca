#pragma once
/// @file fhir.hpp
/// A protocol as HL7 FHIR R4 (4.0.1) JSON: a `Bundle` of a `PlanDefinition`
/// and the `ActivityDefinition`s it refers to, with every dose kept in
/// structure by the `rehab` exercise-dose extension.

#include <string>
#include <string_view>

#include <rehab/api.hpp>
#include <rehab/catalog.hpp>
#include <rehab/error.hpp>
#include <rehab/protocol.hpp>

namespace rehab {

/// Where the resources `to_fhir` writes live: their canonical URLs are this
/// base, the resource type and the id
/// ("https://rehab.example/fhir/PlanDefinition/alfredson-eccentric").
inline constexpr std::string_view fhir_base_url = "https://rehab.example/fhir";

/// The canonical URL of the exercise-dose extension, the `url` of the
/// `StructureDefinition` shipped in `share/rehab/fhir/exercise-dose.StructureDefinition.json`.
inline constexpr std::string_view fhir_dose_extension_url =
    "https://rehab.example/fhir/StructureDefinition/exercise-dose";

/// The canonical URL of the protocol-settings extension on the
/// `PlanDefinition` (`share/rehab/fhir/protocol-settings.StructureDefinition.json`):
/// what the phases count from, the least gap between sessions, the stop
/// rules and the earliest start.
inline constexpr std::string_view fhir_settings_extension_url =
    "https://rehab.example/fhir/StructureDefinition/protocol-settings";

/// The canonical URL of the phase-rules extension on each phase's action
/// (`share/rehab/fhir/phase-rules.StructureDefinition.json`): the phase's
/// frequency, restrictions and progression rules.
inline constexpr std::string_view fhir_phase_rules_extension_url =
    "https://rehab.example/fhir/StructureDefinition/phase-rules";

/// The canonical URL of the criterion extension on each gate condition
/// (`share/rehab/fhir/criterion.StructureDefinition.json`): the criterion
/// as a protocol file holds it.
inline constexpr std::string_view fhir_criterion_extension_url =
    "https://rehab.example/fhir/StructureDefinition/criterion";

/// The protocol `p` as a FHIR R4 `Bundle` of type "collection", JSON indented
/// by 2 and ending with a newline; the same protocol always gives the same
/// bytes. The bundle holds:
/// - a `PlanDefinition` (type "clinical-protocol", status "active"): url and
///   identifier from the protocol's id and version, name and title,
///   `description` the condition, a `relatedArtifact` citation of the source;
///   one `action` per phase (id the phase id, title, `description` the goal,
///   `timingDuration` its minimum or `timingRange` its minimum and maximum in
///   days, `relatedAction` "after-end" of the phase before, `condition`s
///   "start" for its entry criteria and "stop" for its exit criteria, each
///   with the criterion in words as `expression.description`, no machine
///   language, and a `reference` to the criterion in the protocol), and
///   inside it one action per prescription (`definitionCanonical` the
///   exercise's `ActivityDefinition`,
///   `textEquivalent` the dose as a clinician writes it, the exercise-dose
///   extension, `timingTiming` the phase's frequency: `frequency` the
///   sessions a day per `period` 1 "d", `dayOfWeek` for given weekdays,
///   `frequency` N per 1 "wk" for N days a week with one session a day,
///   `timeOfDay` the clock times, `code.text` the frequency in words) and one
///   per line of the phase's restrictions (`textEquivalent`, as
///   `plain_lines` gives them), then one per activity not allowed yet,
///   referring to an `ActivityDefinition` with `doNotPerform`;
/// - what FHIR has no element for, in `rehab` extensions (their
///   `StructureDefinition`s are in `share/rehab/fhir/`), so that
///   a reader of the Bundle can rebuild the protocol equal: protocol-settings on
///   the `PlanDefinition` (what the phases count from, the least session
///   gap, the stop rules, the earliest start), phase-rules on each phase's
///   action (the frequency in structure, which a phase without prescriptions
///   has nowhere else; the restrictions and each rule) and criterion on each
///   condition. Restrictions, rules, criteria and the earliest start are the
///   protocol file's JSON (`to_json`, share/rehab/protocol.schema.json) in a
///   `valueString`: a structure of their own in FHIR would duplicate that
///   format for no reader but rehab;
/// - in order of first use, one `ActivityDefinition` per exercise (kind
///   "ServiceRequest", SNOMED CT 229065009 "Exercise therapy", the starting
///   position as `description`, the steps as `usage`) and one per activity
///   not allowed (`doNotPerform` true).
///
/// Errors: the first problem `validate(p, exercises)` finds, such as a
/// prescription whose exercise `exercises` lacks
/// (`/phases/i/prescriptions/j/exercise`).
/// @par Complexity
/// O(size of the protocol and of the exercises it uses).
[[nodiscard]] REHAB_API expected<std::string>
to_fhir(const protocol& p, const catalog& exercises = catalog::builtin());

} // namespace rehab
