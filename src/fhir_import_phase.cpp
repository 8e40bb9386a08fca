/// @file fhir_import_phase.cpp
/// `protocol_from_fhir`, the phases: each phase's action, its conditions,
/// the phase-rules extension and the prescriptions with their doses, into
/// the protocol file's JSON.

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fhir_import.hpp"
#include "fhir_names.hpp"
#include "json_read.hpp"

namespace rehab::detail::fhir {

namespace {

namespace dose_part = detail::fhir::dose_part;
namespace phase_part = detail::fhir::phase_part;

/// A part of the exercise-dose extension and the protocol file's dose field
/// it gives: a UCUM code for a quantity (its value is the field), `tempo`
/// for the fields of the dose's tempo.
struct dose_field {
    part_spec spec;
    std::string_view file_key;
    std::string_view unit{};
    bool tempo = false;
};

constexpr std::array<dose_field, 17> dose_fields{{
    {{dose_part::sets, "valuePositiveInt"}, "sets"},
    {{dose_part::repetitions, "valuePositiveInt"}, "reps"},
    {{dose_part::repetitions_max, "valuePositiveInt"}, "reps_max"},
    {{dose_part::hold, "valueDuration"}, "hold_seconds", "s"},
    {{dose_part::timed, "valueDuration"}, "seconds", "s"},
    {{dose_part::timed_max, "valueDuration"}, "seconds_max", "s"},
    {{dose_part::as_long_as_possible, "valueBoolean"}, "as_long_as_possible"},
    {{dose_part::tempo_eccentric, "valueDuration"}, "eccentric_seconds", "s", true},
    {{dose_part::tempo_pause, "valueDuration"}, "pause_seconds", "s", true},
    {{dose_part::tempo_concentric, "valueDuration"}, "concentric_seconds", "s", true},
    {{dose_part::rest, "valueDuration"}, "rest_seconds", "s"},
    {{dose_part::load_mass, "valueQuantity"}, "load_kg", "kg"},
    {{dose_part::load_percent_body_weight, "valueDecimal"}, "load_percent_body_weight"},
    {{dose_part::load_repetition_maximum, "valuePositiveInt"}, "load_rm"},
    {{dose_part::side, "valueCode"}, "side"},
    {{dose_part::support, "valueCode"}, "support"},
    {{dose_part::constraint, "valueCode"}, "constraint"},
}};

constexpr std::array<part_spec, 6> phase_parts{{
    {phase_part::sessions_per_day, "valuePositiveInt"},
    {phase_part::days_per_week, "valuePositiveInt"},
    {phase_part::weekday, "valueCode", true},
    {phase_part::time, "valueTime", true},
    {phase_part::restrictions, "valueString"},
    {phase_part::rule, "valueString", true},
}};

} // namespace

json importer::dose(const part& ext, const std::string& file_at) {
    std::array<part_spec, dose_fields.size()> specs{};
    std::transform(dose_fields.begin(), dose_fields.end(), specs.begin(),
                   [](const dose_field& f) { return f.spec; });
    json out = json::object();
    origin(file_at, ext.at);
    for (const auto& found : parts(ext, specs)) {
        const std::string_view url = found.first;
        const part& p = found.second;
        const auto& f = *std::find_if(dose_fields.begin(), dose_fields.end(),
                                      [&](const dose_field& d) { return d.spec.url == url; });
        const part value = f.unit.empty() ? p : quantity_value(p, f.unit, "a quantity");
        if (f.tempo) {
            origin(child(child(file_at, "tempo"), f.file_key), value.at);
            out["tempo"][std::string(f.file_key)] = *value.value;
        } else {
            origin(child(file_at, f.file_key), value.at);
            out[std::string(f.file_key)] = *value.value;
        }
    }
    return out;
}

json importer::prescription(const json& action, const part& dose_ext, const std::string& at,
                            const std::string& file_at) {
    origin(file_at, at);
    const std::string canonical_at = child(at, "definitionCanonical");
    origin(child(file_at, "exercise"), canonical_at);
    const json* canonical = member(action, "definitionCanonical");
    if (canonical == nullptr || !canonical->is_string()) {
        fail(canonical ? canonical_at : at,
             "a prescription must refer to its exercise's ActivityDefinition as "
             "\"definitionCanonical\"");
    }
    const json& definition = resource_by_url(canonical->get<std::string>(), canonical_at);
    const json* id = member(definition, "id");
    if (id == nullptr) {
        fail(canonical_at, fmt::format("refers to an ActivityDefinition without an id, which "
                                       "names the exercise: {}",
                                       canonical->get<std::string>()));
    }
    return json{{"exercise", *id}, {"dose", dose(dose_ext, child(file_at, "dose"))}};
}

void importer::conditions(const json& action, const std::string& at, std::size_t i, json& out) {
    const json* list = member(action, "condition");
    out["entry"] = json::array();
    out["exit"] = json::array();
    if (list == nullptr) {
        return;
    }
    const std::string list_at = child(at, "condition");
    if (!list->is_array()) {
        fail(list_at, "must be an array of conditions, got " + detail::describe(*list));
    }
    std::vector<std::pair<std::size_t, bool>> read; // input index, exit
    for (std::size_t m = 0; m < list->size(); ++m) {
        const json& c = (*list)[m];
        const std::string c_at = child(list_at, m);
        const auto criterion = extension(c, c_at, fhir_criterion_extension_url);
        const json* kind = member(c, "kind");
        if (!criterion || kind == nullptr || (*kind != "start" && *kind != "stop")) {
            continue; // in the loss report
        }
        const bool exit = *kind == "stop";
        json& target = out[exit ? "exit" : "entry"];
        const part value{member(*criterion->value, "valueString"),
                         child(criterion->at, "valueString")};
        if (value.value == nullptr) {
            fail(criterion->at, "the criterion extension must give the criterion as valueString");
        }
        origin(child(child(child("/phases", i), exit ? "exit" : "entry"), target.size()), value.at,
               true);
        target.push_back(embedded(value));
        read.emplace_back(m, exit);
    }
    const std::size_t entries = out["entry"].size();
    std::size_t entry = 0;
    std::size_t exit = 0;
    const std::string ref_at = child(child(child(reference_plan, "action"), i), "condition");
    for (const auto& [m, is_exit] : read) {
        aligned_[child(list_at, m)] = child(ref_at, is_exit ? entries + exit++ : entry++);
    }
}

json importer::frequency_and_rules(const json& action, const std::string& at,
                                   const std::string& file_at, json& out) {
    const auto ext = extension(action, at, fhir_phase_rules_extension_url);
    if (!ext) {
        fail(at, fmt::format("a phase must have the phase-rules extension ({}): without it its "
                             "frequency is unknown",
                             fhir_phase_rules_extension_url));
    }
    const std::string freq_at = child(file_at, "frequency");
    origin(freq_at, ext->at);
    json frequency = json::object();
    json rules = json::array();
    for (const auto& [url, p] : parts(*ext, phase_parts)) {
        if (url == phase_part::sessions_per_day) {
            origin(child(freq_at, "sessions_per_day"), p.at);
            frequency["sessions_per_day"] = *p.value;
        } else if (url == phase_part::days_per_week) {
            origin(child(freq_at, "days_per_week"), p.at);
            frequency["days_per_week"] = *p.value;
        } else if (url == phase_part::weekday) {
            json& list = frequency["weekdays"];
            origin(child(child(freq_at, "weekdays"), list.is_array() ? list.size() : 0), p.at);
            list.push_back(*p.value);
        } else if (url == phase_part::time) {
            const std::string text = p.value->is_string() ? p.value->get<std::string>() : "";
            if (text.size() != 8 || !text.ends_with(":00")) {
                fail(p.at, "must be a clock time on the minute, \"HH:MM:00\", got " +
                               detail::describe(*p.value));
            }
            json& list = frequency["times"];
            origin(child(child(freq_at, "times"), list.is_array() ? list.size() : 0), p.at);
            list.push_back(text.substr(0, 5));
        } else if (url == phase_part::restrictions) {
            origin(child(file_at, "restrictions"), p.at, true);
            out["restrictions"] = embedded(p);
        } else if (url == phase_part::rule) {
            origin(child(child(file_at, "rules"), rules.size()), p.at, true);
            rules.push_back(embedded(p));
        }
    }
    out["rules"] = std::move(rules);
    return frequency;
}

json importer::phase(const json& action, const std::string& at, std::size_t i) {
    const std::string file_at = child("/phases", i);
    if (!action.is_object()) {
        fail(at, "a phase's action must be an object, got " + detail::describe(action));
    }
    origin(file_at, at);
    json out = json::object();
    copy(action, at, "id", out, file_at, "id");
    copy(action, at, "title", out, file_at, "name");
    if (!out.contains("name")) {
        out["name"] = ""; // to_fhir leaves out the title of a phase without a name
    }
    copy(action, at, "description", out, file_at, "goal");
    if (const json* d = member(action, "timingDuration")) {
        const part value = quantity_value({d, child(at, "timingDuration")}, "d", "a duration");
        origin(child(file_at, "min_duration_days"), value.at);
        out["min_duration_days"] = *value.value;
    } else if (const json* r = member(action, "timingRange")) {
        const std::string r_at = child(at, "timingRange");
        for (const auto& [key, file_key] :
             {std::pair{"low", "min_duration_days"}, std::pair{"high", "max_duration_days"}}) {
            const json* q = member(*r, key);
            if (q == nullptr) {
                fail(r_at, fmt::format("must give \"{}\", the phase's {} duration", key,
                                       key == std::string_view("low") ? "least" : "greatest"));
            }
            const part value = quantity_value({q, child(r_at, key)}, "d", "a duration");
            origin(child(file_at, file_key), value.at);
            out[file_key] = *value.value;
        }
    } else {
        fail(at, "a phase must give its duration in days as \"timingDuration\" or "
                 "\"timingRange\"");
    }
    conditions(action, at, i, out);
    out["frequency"] = frequency_and_rules(action, at, file_at, out);
    out["prescriptions"] = json::array();
    if (const json* list = member(action, "action")) {
        const std::string list_at = child(at, "action");
        if (!list->is_array()) {
            fail(list_at, "must be an array of actions, got " + detail::describe(*list));
        }
        const std::string ref_at = child(child(child(reference_plan, "action"), i), "action");
        for (std::size_t c = 0; c < list->size(); ++c) {
            const std::string c_at = child(list_at, c);
            const auto dose_ext = extension((*list)[c], c_at, fhir_dose_extension_url);
            if (!dose_ext) {
                continue; // the restrictions' actions, or in the loss report
            }
            json& rx = out["prescriptions"];
            aligned_[c_at] = child(ref_at, rx.size());
            rx.push_back(prescription((*list)[c], *dose_ext, c_at,
                                      child(child(file_at, "prescriptions"), rx.size())));
        }
    }
    return out;
}

} // namespace rehab::detail::fhir
