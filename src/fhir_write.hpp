#pragma once
// Private to src/: the FHIR R4 pieces the protocol export (src/fhir_export.cpp)
// and the course export (src/fhir_course_export.cpp) both write, defined in
// src/fhir_export.cpp: UCUM quantities, the exercise-dose
// extension and the Timing of a frequency.

#include <chrono>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <rehab/dosage.hpp>
#include <rehab/frequency.hpp>

#include "fhir_names.hpp"

namespace rehab::detail::fhir {

using ojson = nlohmann::ordered_json;

/// A computable name for a kebab-case or snake_case id:
/// "alfredson-eccentric" is "AlfredsonEccentric".
[[nodiscard]] std::string computable_name(std::string_view id);

/// An activity's snake_case id in words: "resistance exercise".
[[nodiscard]] std::string activity_words(std::string_view id);

/// A FHIR id (`[A-Za-z0-9\-\.]{1,64}`) for a snake_case id: '_' becomes '-'.
[[nodiscard]] std::string resource_id(std::string_view id);

/// A UCUM quantity of `value` `code`, shown as `unit`.
[[nodiscard]] ojson quantity(const ojson& value, std::string_view unit, std::string_view code);

/// A UCUM duration in seconds, and one in days.
[[nodiscard]] ojson seconds(std::chrono::seconds s);
[[nodiscard]] ojson days(std::chrono::days d);

/// One sub-extension: `url` and its `value_key` ("valuePositiveInt").
[[nodiscard]] ojson sub_extension(std::string_view url, std::string_view value_key, ojson value);

/// The sub-extensions of the work, tempo and load of a dose.
void append_work(ojson& parts, const work& w);
void append_tempo(ojson& parts, const tempo& t);
void append_load(ojson& parts, const load& l);

/// The exercise-dose extension of `d` (`fhir_dose_extension_url`).
[[nodiscard]] ojson dose_extension(const dose& d);

/// The sessions of `f` as a Timing (`repeat` and `code.text`; see
/// src/fhir_export.cpp).
[[nodiscard]] ojson timing(const frequency& f);

} // namespace rehab::detail::fhir
