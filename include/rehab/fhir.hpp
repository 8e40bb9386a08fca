#pragma once
/// @file fhir.hpp
/// A protocol as HL7 FHIR R4 (4.0.1) JSON: a `Bundle` of a `PlanDefinition`
/// and the `ActivityDefinition`s it refers to, with every dose kept in
/// structure by the `rehab` exercise-dose extension.

#include <string>
#include <string_view>
#include <vector>

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
///   `protocol_from_fhir` gives the protocol back equal: protocol-settings on
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

/// Something a FHIR input holds that the imported protocol does not: the
/// input says more than the protocol can, and this is what was left out.
struct fhir_loss {
    /// JSON Pointer (RFC 6901) into the input: `/entry/2` for a foreign
    /// resource, `/entry/0/resource/action/0/action/0/timingTiming/repeat/bounds`.
    std::string path;
    /// Why it was not imported: "the protocol has no place for it", "differs
    /// from what the protocol gives (\"3 x 15 reps\")", an extension rehab does
    /// not know.
    std::string why;
    /// Equal when both fields are.
    friend bool operator==(const fhir_loss&, const fhir_loss&) = default;
};

/// What `protocol_from_fhir` gives: the protocol and what it left out.
struct fhir_import {
    rehab::protocol protocol; ///< checked as `load_protocol` checks a protocol file
    /// Everything in the input the protocol does not hold, in the order of the
    /// text; empty for a Bundle that `to_fhir` wrote.
    std::vector<fhir_loss> lost{};
};

/// The protocol of a FHIR R4 `Bundle` as `to_fhir` writes it: the inverse of
/// `to_fhir`, so `protocol_from_fhir(*to_fhir(p))` gives back `p` and an
/// empty loss report for any valid `p` whose exercises are in `exercises`.
///
/// What is read (mapped): the first `PlanDefinition` in the Bundle: `id`,
/// `version` (a whole number as text), `title` (the name), `description`
/// (the condition), the first `relatedArtifact` citation (the source) and
/// the protocol-settings extension; one phase per `action`, in order: `id`,
/// `title`, `description` (the goal), `timingDuration` or `timingRange` in
/// days ("d"), the phase-rules extension (the frequency, restrictions and
/// rules) and, for each `condition` of kind "start" (entry) or "stop" (exit),
/// its criterion extension; one prescription per nested action that has the
/// exercise-dose extension: the exercise is the `id` of the
/// `ActivityDefinition` its `definitionCanonical` refers to (by `url`,
/// inside the Bundle), the dose the extension's parts. The restrictions,
/// rules, criteria and earliest start are the protocol file's JSON in
/// `valueString`s (see `to_fhir`), read as `load_protocol` reads them. The
/// protocol-settings extension may be absent: then the protocol file's
/// defaults apply (counted from the start, stop rules and session gap as a
/// protocol file without them).
///
/// What is derived, and so only compared: everything else `to_fhir` writes
/// is worked out from the protocol and the catalog (the Bundle's id and
/// type, urls, identifier, computable names, the plan type and status, the
/// words of `textEquivalent`, `code.text` and the conditions, the
/// `timingTiming` of each prescription, `relatedAction`, the restriction and
/// not-allowed actions and the `ActivityDefinition`s' words). The input is
/// compared with `to_fhir` of the imported protocol, element by element
/// (array elements paired by what they stand for: entries by `url`,
/// extensions by `url`, actions by what they were read as or their `id`):
/// what is equal is accounted for; what differs or has no counterpart is in
/// `lost`: foreign resources, unknown elements and extensions,
/// `modifierExtension`s, Timing features the frequency has no place for
/// (`bounds`, `when`, another period), words that differ from the dose or the
/// catalog. Nothing in the input is dropped without a line in `lost`.
///
/// Errors, each with a JSON Pointer into the input (`path`) and its line and
/// column: text that is not JSON (`errc::parse_error`); not a Bundle
/// (`/resourceType`); no `PlanDefinition` (`/entry`); a `definitionCanonical`
/// that names no resource of the Bundle; a required element missing or of
/// the wrong type (a dose part with `valueString` where `valuePositiveInt`
/// belongs, a duration not in "s", a `valueString` that holds no JSON); then
/// the first problem `load_protocol` would report for the protocol read, such
/// as a dose `validate` refuses or an exercise `exercises` lacks, placed at
/// the element it was read from (the message ends with the protocol's own
/// pointer, "(the protocol's /phases/0/prescriptions/0/dose/sets)").
/// @par Complexity
/// O(n log n) in the size of the input, plus `to_fhir` of the protocol.
[[nodiscard]] REHAB_API expected<fhir_import>
protocol_from_fhir(std::string_view json, const catalog& exercises = catalog::builtin());

} // namespace rehab
