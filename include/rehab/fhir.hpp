#pragma once
/// @file fhir.hpp
/// A protocol as HL7 FHIR R4 (4.0.1) JSON: a `Bundle` of a `PlanDefinition`
/// and the `ActivityDefinition`s it refers to, with every dose kept in
/// structure by the `rehab` exercise-dose extension. A course likewise: a
/// `Bundle` of a `CarePlan`, the `ServiceRequest`s of the doses actually
/// prescribed and the `Observation`s of the pain and outcome scores logged.

#include <string>
#include <string_view>

#include <rehab/api.hpp>
#include <rehab/catalog.hpp>
#include <rehab/course.hpp>
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

/// The course `c` as a FHIR R4 `Bundle` of type "collection" (`identifier`
/// "PATIENT-ID.START" under `https://rehab.example/fhir/course`), JSON
/// indented by 2 and ending with a newline; the same course always gives the
/// same bytes, and nothing reads the clock: the export describes the course
/// as of its last session logged. Resource ids are local to the Bundle
/// ("rx-1", "pain-1"); every `fullUrl` is `fhir_base_url`/type/id, and
/// references are relative ("ServiceRequest/rx-1"). The bundle holds, in order:
/// - a `Patient`: id the patient's id ('_' as '-'), `identifier` the id itself
///   under `https://rehab.example/fhir/patient`; the `subject` of the rest;
/// - a `CarePlan` (id "careplan", intent "plan"): `instantiatesCanonical`
///   each protocol's PlanDefinition as "URL|VERSION"; `status` "on-hold"
///   while a pause is open, "completed" when no session is due after the last
///   one logged, else "active"; `period` from the start to the last session's
///   date when the course has one; one `activity` per ServiceRequest below,
///   in the same order, with a `detail`: kind "ServiceRequest", the same
///   `instantiatesCanonical`, code, `reasonCode`, `doNotPerform`,
///   `description` (the patientInstruction) and `scheduledTiming` (or
///   `scheduledPeriod` for a restriction), and `status` from the sessions of
///   its period against the last session logged: "completed" when all are
///   logged or before it ("stopped" for the last period of a protocol that
///   another replaced before it completed), "on-hold" while a pause is
///   open, "in-progress" when it began by then, else "scheduled";
/// - one `ServiceRequest` per dose period (intent "plan", `basedOn` the
///   CarePlan): a run of consecutive sessions of one protocol in which an
///   exercise is prescribed for the same side at the same dose (the engine's:
///   progressions, regressions and floor-level changes start a new period,
///   and so do a change of frequency or clock times and a pause). SNOMED CT
///   229065009 "Exercise therapy" with the exercise's name as `code`,
///   `instantiatesCanonical` its ActivityDefinition, the exercise-dose
///   extension, `patientInstruction` the dose as every export writes it
///   ("3 x 15 reps, +5 kg, affected side only (right)"; the kilograms the
///   engine added when the dose gives no kilograms), `occurrenceTiming` the phase's
///   frequency with the course's clock times and rest days (as the protocol
///   export writes a Timing) and `repeat.boundsPeriod` the planned dates of
///   the period's first and last sessions (no end while the course goes on
///   past the exported sessions: its last 365 days after the last session
///   logged, as the other course exports). `status` "completed", "revoked"
///   (for "stopped"), "on-hold" or "active" as its activity's;
/// - then, per run of sessions in one phase of a protocol (a pause does not
///   end it; a phase with no session, such as a splint phase, is placed on
///   the days before the next phase's first session by its minimum duration),
///   one `doNotPerform`
///   ServiceRequest per restriction: weight-bearing below full, each range of
///   motion limit, each activity not allowed yet (`instantiatesCanonical` its
///   `doNotPerform` ActivityDefinition); `code.text` what is not to be done,
///   `reasonCode.text` the phase and protocol that restrict it,
///   `patientInstruction` the restriction as `plain_lines` writes it, `note`
///   its source, `occurrencePeriod` the dates of the run;
/// - one `Observation` (status "final", category "survey") per pain rating
///   logged, during, after or the next morning: LOINC 72514-3 "Pain severity
///   - 0-10 verbal numeric rating [Score] - Reported", `valueInteger`,
///   `effectiveDateTime` when the session was done (`done_at`, else when it
///   was due) with the zone's offset then (the next morning's: its local
///   date), `basedOn` the ServiceRequests of the session's exercises;
/// - one `Observation` per outcome measurement logged (VISA-A, ATRS, the
///   heel-rise test's repetitions and LSIs; category "survey", "exam" for
///   the heel-rise test), coded in `https://rehab.example/fhir/CodeSystem/measure`
///   by the measure's token (no LOINC code is claimed), `valueQuantity` in
///   UCUM ("{score}", "{repetitions}", "%"), `basedOn` the CarePlan;
/// - the PlanDefinition and ActivityDefinitions of every protocol followed, as
///   `to_fhir(protocol)` writes them, each URL once.
///
/// Errors: the first problem `validate(p, exercises)` finds in a protocol of
/// the course, under its index (`/protocols/1/protocol/phases/0/prescriptions/0/exercise`).
/// @par Complexity
/// O(sessions exported + protocols' sizes); it walks the sessions once.
[[nodiscard]] REHAB_API expected<std::string>
to_fhir(const course& c, const catalog& exercises = catalog::builtin());

} // namespace rehab
