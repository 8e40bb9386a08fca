#pragma once
/// @file outcome_json.hpp
/// The outcome measures as JSON, in the style of protocol files
/// (`protocol_file.hpp`): answers read with every problem reported (JSON
/// Pointer, line and column), answers and scores written in a stable form.
///
/// - `visa_a_answers`: `{"q1": 7}` or `{"q1_minutes": 30}`; `"q2"` to `"q7"`
///   in points, as ticked on the form; one of `"q8a"`, `"q8b"`, `"q8c"` as a
///   band (`"nil"`, `"minutes_1_to_10"`, `"minutes_11_to_20"`,
///   `"minutes_21_to_30"`, `"over_30_minutes"`) or as whole minutes
///   (`"q8a_minutes"`, ...); an unanswered item is left out, and an item
///   given both ways is refused.
/// - `atrs_answers`: `{"items": [9, 8, null, ...]}`: ten items, `null`
///   unanswered.
/// - `heel_rise_spec`: `{"involved": {"reps": 21, "height_cm": 8.0},
///   "uninvolved": {"reps": 25}}`: `height_cm` optional.
///
/// Paths in errors are those of `validate(answers)`: `/q7`, `/q1_minutes`,
/// `/items/3`, `/involved/height_cm`. Scores (`visa_a`, `atrs`, `heel_rise`)
/// are written with their totals and subscales for reports; they are read
/// back from their answers, never from a total.

#include <string>
#include <string_view>

#include <rehab/api.hpp>
#include <rehab/atrs.hpp>
#include <rehab/error.hpp>
#include <rehab/heel_rise.hpp>
#include <rehab/visa_a.hpp>

namespace rehab {

/// VISA-A answers, checked by `validate(visa_a_answers)`: an incomplete or
/// impossible form is refused with every problem.
[[nodiscard]] REHAB_API load_result<visa_a_answers> load_visa_a_answers(std::string_view text);
/// The answers as given, in the form `load_visa_a_answers` reads.
[[nodiscard]] REHAB_API std::string to_json(const visa_a_answers& answers);
/// The score with its subscales and its eight item scores:
/// `{"total": 72, "pain": ..., "function": ..., "activity": ..., "items":
/// [...], "q8_branch": "b", "q8_band": "minutes_11_to_20"}`.
[[nodiscard]] REHAB_API std::string to_json(const visa_a& score);

/// ATRS answers, checked by `validate(atrs_answers)`.
[[nodiscard]] REHAB_API load_result<atrs_answers> load_atrs_answers(std::string_view text);
/// The answers as given, in the form `load_atrs_answers` reads.
[[nodiscard]] REHAB_API std::string to_json(const atrs_answers& answers);
/// The score with its ten item scores: `{"total": 85, "items": [...]}`.
[[nodiscard]] REHAB_API std::string to_json(const atrs& score);

/// A heel-rise test, checked by `validate(heel_rise_spec)`.
[[nodiscard]] REHAB_API load_result<heel_rise_spec> load_heel_rise(std::string_view text);
/// The test as given, in the form `load_heel_rise` reads.
[[nodiscard]] REHAB_API std::string to_json(const heel_rise_spec& spec);
/// The spec's fields plus `"reps_lsi"` and, with heights, `"height_lsi"` and
/// `"work_lsi"` (percent).
[[nodiscard]] REHAB_API std::string to_json(const heel_rise& test);

} // namespace rehab
