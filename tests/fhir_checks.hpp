#pragma once
// Test-only checks of FHIR JSON that tests/fhir_test.cpp (a protocol) and
// tests/fhir_course_test.cpp (a course) share: the Timing invariants
// tim-1..tim-10, the exercise-dose extension a dose must give, and the
// references a Bundle holds.

#include <map>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include <rehab/dosage.hpp>
#include <rehab/units.hpp>

namespace rehab_test {

using json = nlohmann::json;

/// Every Timing in `j`: the value of every key ending in "Timing"
/// (`timingTiming`, `occurrenceTiming`, `scheduledTiming`).
inline void collect_timings(const json& j, std::vector<const json*>& out) {
    if (j.is_object()) {
        for (const auto& [key, value] : j.items()) {
            if (key.size() > 6 && key.ends_with("Timing")) {
                out.push_back(&value);
            }
            collect_timings(value, out);
        }
    } else if (j.is_array()) {
        for (const json& v : j) {
            collect_timings(v, out);
        }
    }
}

/// The FHIR R4 Timing invariants (hl7.org/fhir/R4/datatypes.html#Timing) a
/// Timing `t` breaks, each as "tim-N: why".
inline std::vector<std::string> timing_problems(const json& t) {
    std::vector<std::string> problems;
    if (!t.contains("repeat")) {
        return problems;
    }
    const json& r = t.at("repeat");
    const auto has = [&](const char* key) { return r.contains(key); };
    if (has("duration") && !has("durationUnit")) {
        problems.emplace_back("tim-1: a duration without durationUnit");
    }
    if (has("period") && !has("periodUnit")) {
        problems.emplace_back("tim-2: a period without periodUnit");
    }
    if ((has("period") || has("frequency")) && has("when")) {
        problems.emplace_back("tim-3: frequency or period with when");
    }
    if (has("duration") && !(r.at("duration").get<double>() >= 0)) {
        problems.emplace_back("tim-4: a negative duration");
    }
    if (has("period") && !(r.at("period").get<double>() >= 0)) {
        problems.emplace_back("tim-5: a negative period");
    }
    if (has("periodMax") && !has("period")) {
        problems.emplace_back("tim-6: periodMax without period");
    }
    if (has("durationMax") && !has("duration")) {
        problems.emplace_back("tim-7: durationMax without duration");
    }
    if (has("countMax") && !has("count")) {
        problems.emplace_back("tim-8: countMax without count");
    }
    if (has("offset")) {
        bool ok = has("when");
        if (ok) {
            for (const json& w : r.at("when")) {
                const auto code = w.get<std::string>();
                ok = ok && code != "C" && code != "CM" && code != "CD" && code != "CV";
            }
        }
        if (!ok) {
            problems.emplace_back("tim-9: an offset without a when (or with C, CM, CD, CV)");
        }
    }
    if (has("timeOfDay") && (has("when") || has("offset"))) {
        problems.emplace_back("tim-10: timeOfDay with when or offset");
    }
    return problems;
}

inline json seconds(long long s) {
    return json{
        {"value", s}, {"unit", "s"}, {"system", "http://unitsofmeasure.org"}, {"code", "s"}};
}

/// The sub-extensions the exercise-dose extension must hold for `d`, worked
/// out here from the dose on its own.
inline std::map<std::string, json> expected_dose_parts(const rehab::dose& d) {
    std::map<std::string, json> parts;
    parts["sets"] = {{"valuePositiveInt", d.sets().value()}};
    if (const auto* r = std::get_if<rehab::repetitions>(&d.work())) {
        parts["repetitions"] = {{"valuePositiveInt", r->reps.value()}};
        if (r->reps_max) {
            parts["repetitionsMax"] = {{"valuePositiveInt", r->reps_max->value()}};
        }
    } else if (const auto* h = std::get_if<rehab::hold>(&d.work())) {
        parts["hold"] = {{"valueDuration", seconds(h->duration.count())}};
    } else if (const auto* t = std::get_if<rehab::timed>(&d.work())) {
        parts["timed"] = {{"valueDuration", seconds(t->duration.count())}};
        if (t->duration_max) {
            parts["timedMax"] = {{"valueDuration", seconds(t->duration_max->count())}};
        }
        if (t->as_long_as_possible) {
            parts["asLongAsPossible"] = {{"valueBoolean", true}};
        }
    }
    if (const auto& t = d.tempo()) {
        if (t->eccentric) {
            parts["tempoEccentric"] = {{"valueDuration", seconds(t->eccentric->count())}};
        }
        parts["tempoPause"] = {{"valueDuration", seconds(t->pause.count())}};
        if (t->concentric) {
            parts["tempoConcentric"] = {{"valueDuration", seconds(t->concentric->count())}};
        }
    }
    if (d.rest()) {
        parts["rest"] = {{"valueDuration", seconds(d.rest()->count())}};
    }
    if (const auto* kg = std::get_if<rehab::kilograms>(&d.load())) {
        parts["loadMass"] = {{"valueQuantity",
                              {{"value", kg->value()},
                               {"unit", "kg"},
                               {"system", "http://unitsofmeasure.org"},
                               {"code", "kg"}}}};
    } else if (const auto* pbw = std::get_if<rehab::percent_body_weight>(&d.load())) {
        parts["loadPercentBodyWeight"] = {{"valueDecimal", pbw->percent()}};
    } else if (const auto* rm = std::get_if<rehab::rm_target>(&d.load())) {
        parts["loadRepetitionMaximum"] = {{"valuePositiveInt", rm->max_reps()}};
    }
    const char* side = d.side() == rehab::sides::each            ? "each"
                       : d.side() == rehab::sides::affected_only ? "affected_only"
                                                                 : "together";
    parts["side"] = {{"valueCode", side}};
    if (d.support()) {
        parts["support"] = {{"valueCode", std::string(rehab::detail::token_of(
                                              *d.support(), rehab::detail::support_level_names))}};
    }
    if (d.constraint()) {
        parts["constraint"] = {
            {"valueCode", std::string(rehab::detail::token_of(
                              *d.constraint(), rehab::detail::movement_constraint_names))}};
    }
    return parts;
}

/// Every Reference's "reference" string anywhere in `j` (an Expression's
/// `reference`, a URI to the expression's text, is none).
inline void collect_references(const json& j, std::vector<std::string>& out) {
    if (j.is_object()) {
        for (const auto& [key, value] : j.items()) {
            if (key == "reference" && value.is_string()) {
                out.push_back(value);
            } else if (key != "expression") {
                collect_references(value, out);
            }
        }
    } else if (j.is_array()) {
        for (const json& v : j) {
            collect_references(v, out);
        }
    }
}

} // namespace rehab_test
