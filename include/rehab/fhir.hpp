#pragma once
/// @file fhir.hpp
/// A protocol as HL7 FHIR R4 (4.0.1) JSON: a `Bundle` of a `PlanDefinition`
/// and the `ActivityDefinition`s it refers to, with every dose kept in
/// structure by the `rehab` exercise-dose extension. A course likewise: a
/// `Bundle` of a `CarePlan`, the `ServiceRequest`s of the doses actually
/// prescribed and the `Observation`s of the pain and outcome scores logged.
/// `protocol_from_fhir` reads a protocol's Bundle back, with a report of
/// anything in it the protocol cannot hold.

#include <string>
#include <string_view>
#include <vector>

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

/// The canonical URL of the course-record extension on a course's `CarePlan`
/// (`share/rehab/fhir/course-record.StructureDefinition.json`): the course
/// as its file holds it (`to_json(const course&)`, share/rehab/course.schema.json),
/// each protocol given as its PlanDefinition's "URL|VERSION", so that
/// `course_from_fhir` gives the course back equal, log and all.
inline constexpr std::string_view fhir_course_record_extension_url =
    "https://rehab.example/fhir/StructureDefinition/course-record";

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

/// The course `c` as a FHIR R4 `Bundle` of type "collection" (`identifier`
/// "PATIENT-ID.START" under `https://rehab.example/fhir/course`), JSON
/// indented by 2 and ending with a newline; the same course always gives the
/// same bytes, and nothing reads the clock: the export describes the course
/// as of its last session logged. Resource ids are local to the Bundle
/// ("rx-1", "pain-1"); every `fullUrl` is `fhir_base_url`/type/id, and
/// references are relative ("ServiceRequest/rx-1"). The bundle holds, in order:
/// - a `Patient`: id the patient's id ('_' as '-'), `identifier` the id itself
///   under `https://rehab.example/fhir/patient`; the `subject` of the rest;
/// - a `CarePlan` (id "careplan", intent "plan"): the course-record
///   extension (the course as its file holds it, for `course_from_fhir`);
///   `instantiatesCanonical`
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

/// What `course_from_fhir` gives: the course and what it left out.
struct fhir_course_import {
    rehab::course course; ///< checked as `load_course` checks a course file
    /// Everything in the input the course does not hold, in the order of the
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

/// The course of a FHIR R4 `Bundle` as `to_fhir(const course&, ...)` writes
/// it: the inverse of that export, so `course_from_fhir(*to_fhir(c))` gives
/// back a course equal to `c` (patient, start, protocols, calendars, pauses,
/// log and criteria mode, so the same engine state) and an empty loss report
/// for any course whose exercises are in `exercises`.
///
/// What is read (mapped): the first `CarePlan` of the Bundle and its
/// course-record extension, which holds the course as its file does (the
/// patient, start, criteria mode, the dates each protocol and calendar
/// takes effect, the pauses and the whole log), each protocol named by
/// its PlanDefinition's "URL|VERSION"; each such PlanDefinition of the
/// Bundle is read as `protocol_from_fhir` reads one. The Patient, the
/// CarePlan's other elements, the ServiceRequests and the Observations are
/// what the engine and the log give, so they are only compared: the input
/// is compared with `to_fhir` of the course read (entries paired by their
/// resource's `url`, else by `fullUrl`), and what differs or has no
/// counterpart is in `lost`, as for a protocol. A pain rating changed in an
/// Observation but not in the log is such a difference: the log is what the
/// engine replays.
///
/// Errors, each with a JSON Pointer into the input and its line and column:
/// text that is not JSON; not a Bundle; no `CarePlan` (`/entry`); a CarePlan
/// without the course-record extension (a care plan rehab did not write
/// holds no log to replay); a course record that is not JSON; a protocol it
/// names that no PlanDefinition of the Bundle is (its place in the record);
/// the errors of `protocol_from_fhir` in a PlanDefinition; then the first
/// problem `load_course` finds, placed at the PlanDefinition element a
/// protocol's field came from or at the course record ("(at /log/3/pain_during
/// of the JSON it holds)").
/// @par Complexity
/// O(n log n) in the size of the input, plus `to_fhir` of the course.
[[nodiscard]] REHAB_API expected<fhir_course_import>
course_from_fhir(std::string_view json, const catalog& exercises = catalog::builtin());

} // namespace rehab
