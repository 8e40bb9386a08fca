#include <rehab/fhir.hpp>

#include <chrono>
#include <cstddef>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <rehab/criteria.hpp>
#include <rehab/dosage.hpp>
#include <rehab/exercise.hpp>
#include <rehab/frequency.hpp>
#include <rehab/restrictions.hpp>
#include <rehab/units.hpp>

#include "fhir_names.hpp"
#include "fhir_write.hpp"
#include "json_write.hpp"
#include "protocol_json.hpp"
#include "restrictions_json.hpp"

namespace rehab {

// The pieces the course export shares (src/fhir_write.hpp).
namespace detail::fhir {

/// A computable name for a kebab-case or snake_case id:
/// "alfredson-eccentric" is "AlfredsonEccentric" (FHIR's pattern for `name`,
/// `[A-Z]([A-Za-z0-9_]){0,254}`).
std::string computable_name(std::string_view id) {
    std::string name;
    bool upper = true;
    for (const char c : id) {
        if (c == '-' || c == '_') {
            upper = true;
            continue;
        }
        if (upper && c >= 'a' && c <= 'z') {
            name.push_back(static_cast<char>(c - 'a' + 'A'));
        } else {
            name.push_back(c);
        }
        upper = false;
    }
    if (name.empty() || name.front() < 'A' || name.front() > 'Z') {
        name.insert(0, "X");
    }
    return name;
}

/// An activity's snake_case id in words: "resistance exercise".
std::string activity_words(std::string_view id) {
    std::string out(id);
    for (char& c : out) {
        if (c == '_') {
            c = ' ';
        }
    }
    return out;
}

/// A FHIR id (`[A-Za-z0-9\-\.]{1,64}`) for an activity's snake_case id.
std::string resource_id(std::string_view id) {
    std::string out(id);
    for (char& c : out) {
        if (c == '_') {
            c = '-';
        }
    }
    return out;
}

/// A UCUM quantity of `value` `code` (a Duration or a Quantity).
ojson quantity(const ojson& value, std::string_view unit, std::string_view code) {
    return ojson{{"value", value}, {"unit", unit}, {"system", ucum}, {"code", code}};
}

ojson seconds(std::chrono::seconds s) { return quantity(s.count(), "s", "s"); }

ojson days(std::chrono::days d) { return quantity(d.count(), "days", "d"); }

ojson sub_extension(std::string_view url, std::string_view value_key, ojson value) {
    return ojson{{"url", url}, {value_key, std::move(value)}};
}

/// The sub-extensions of the work of one set.
void append_work(ojson& parts, const work& w) {
    if (const auto* r = std::get_if<repetitions>(&w)) {
        parts.push_back(sub_extension(dose_part::repetitions, "valuePositiveInt", r->reps.value()));
        if (r->reps_max) {
            parts.push_back(sub_extension(dose_part::repetitions_max, "valuePositiveInt",
                                          r->reps_max->value()));
        }
    } else if (const auto* h = std::get_if<hold>(&w)) {
        parts.push_back(sub_extension(dose_part::hold, "valueDuration", seconds(h->duration)));
    } else if (const auto* t = std::get_if<timed>(&w)) {
        parts.push_back(sub_extension(dose_part::timed, "valueDuration", seconds(t->duration)));
        if (t->duration_max) {
            parts.push_back(
                sub_extension(dose_part::timed_max, "valueDuration", seconds(*t->duration_max)));
        }
        if (t->as_long_as_possible) {
            parts.push_back(sub_extension(dose_part::as_long_as_possible, "valueBoolean", true));
        }
    }
}

/// The sub-extensions of a tempo: the pause always, each movement given.
void append_tempo(ojson& parts, const tempo& t) {
    if (t.eccentric) {
        parts.push_back(
            sub_extension(dose_part::tempo_eccentric, "valueDuration", seconds(*t.eccentric)));
    }
    parts.push_back(sub_extension(dose_part::tempo_pause, "valueDuration", seconds(t.pause)));
    if (t.concentric) {
        parts.push_back(
            sub_extension(dose_part::tempo_concentric, "valueDuration", seconds(*t.concentric)));
    }
}

/// The sub-extension of an added load; none for body weight.
void append_load(ojson& parts, const load& l) {
    if (const auto* kg = std::get_if<kilograms>(&l)) {
        parts.push_back(sub_extension(dose_part::load_mass, "valueQuantity",
                                      quantity(kg->value(), "kg", "kg")));
    } else if (const auto* pbw = std::get_if<percent_body_weight>(&l)) {
        parts.push_back(
            sub_extension(dose_part::load_percent_body_weight, "valueDecimal", pbw->percent()));
    } else if (const auto* rm = std::get_if<rm_target>(&l)) {
        parts.push_back(
            sub_extension(dose_part::load_repetition_maximum, "valuePositiveInt", rm->max_reps()));
    }
}

/// The exercise-dose extension of `d`: every number as the dose holds it,
/// in the order of `share/rehab/fhir/exercise-dose.StructureDefinition.json`.
ojson dose_extension(const dose& d) {
    ojson parts = ojson::array();
    parts.push_back(sub_extension(dose_part::sets, "valuePositiveInt", d.sets().value()));
    append_work(parts, d.work());
    if (d.tempo()) {
        append_tempo(parts, *d.tempo());
    }
    if (d.rest()) {
        parts.push_back(sub_extension(dose_part::rest, "valueDuration", seconds(*d.rest())));
    }
    append_load(parts, d.load());
    parts.push_back(sub_extension(dose_part::side, "valueCode",
                                  detail::token_of(d.side(), detail::sides_names)));
    if (d.support()) {
        parts.push_back(sub_extension(dose_part::support, "valueCode",
                                      detail::token_of(*d.support(), detail::support_level_names)));
    }
    if (d.constraint()) {
        parts.push_back(
            sub_extension(dose_part::constraint, "valueCode",
                          detail::token_of(*d.constraint(), detail::movement_constraint_names)));
    }
    return ojson{{"url", fhir_dose_extension_url}, {"extension", std::move(parts)}};
}

/// The sessions of a phase as a Timing: `frequency` the sessions a day per
/// `period` 1 "d", with `dayOfWeek` for given weekdays. N days a week with
/// one session a day is `frequency` N per `period` 1 "wk"; with more
/// sessions a day (one Timing.repeat cannot hold both counts) it stays the
/// sessions a day per day. Every Timing carries the frequency in words as
/// `code.text` ("2 sessions a day, 3 days a week, at 07:00 and 19:00").
ojson timing(const frequency& f) {
    ojson repeat;
    if (const auto* n = std::get_if<days_per_week>(&f.days);
        n != nullptr && f.per_day.value() == 1) {
        repeat["frequency"] = n->count;
        repeat["period"] = 1;
        repeat["periodUnit"] = "wk";
    } else {
        repeat["frequency"] = f.per_day.value();
        repeat["period"] = 1;
        repeat["periodUnit"] = "d";
    }
    if (const auto* w = std::get_if<on_weekdays>(&f.days)) {
        ojson list = ojson::array();
        for (const std::chrono::weekday day : w->days) {
            list.push_back(detail::token_of(day, detail::weekday_names));
        }
        repeat["dayOfWeek"] = std::move(list);
    }
    if (!f.times.empty()) {
        ojson list = ojson::array();
        for (const clock_time& t : f.times) {
            list.push_back(detail::frequency_clock_text(t) + ":00");
        }
        repeat["timeOfDay"] = std::move(list);
    }
    return ojson{{"repeat", std::move(repeat)}, {"code", {{"text", fmt::format("{}", f)}}}};
}

} // namespace detail::fhir

namespace {

using namespace detail::fhir;

/// A gate criterion as a PlanDefinition.action.condition: the criterion in
/// words as `expression.description`. It is no FHIRPath or CQL, so the
/// expression's `language` (1..1; FHIR's JSON schema allows only text/cql,
/// text/fhirpath and application/x-fhir-query) is absent with a
/// data-absent-reason "unsupported", and `reference` (exp-1: an expression
/// or a reference) names the criterion in the protocol: its JSON Pointer in a
/// protocol file, `at`, under the protocol's identifier.
ojson condition(std::string_view kind, const criterion& c, const std::string& at) {
    return ojson{
        {"extension",
         ojson::array({{{"url", fhir_criterion_extension_url},
                        {"valueString", detail::fhir::embedded(detail::criterion_json(c))}}})},
        {"kind", kind},
        {"expression",
         {{"description", fmt::format("{}", c)},
          {"_language",
           {{"extension",
             ojson::array({{{"url", "http://hl7.org/fhir/StructureDefinition/data-absent-reason"},
                            {"valueCode", "unsupported"}}})}}},
          {"reference", at}}}};
}

/// The phase-rules extension of `ph`: the frequency in structure
/// (`sessionsPerDay`, `daysPerWeek` or one `weekday` per day, one `time` per
/// clock time), then the restrictions and each rule as the protocol file's
/// JSON in a `valueString`.
ojson phase_rules_extension(const phase& ph) {
    const frequency& f = ph.frequency;
    ojson parts = ojson::array();
    parts.push_back(
        sub_extension(phase_part::sessions_per_day, "valuePositiveInt", f.per_day.value()));
    if (const auto* n = std::get_if<days_per_week>(&f.days)) {
        parts.push_back(sub_extension(phase_part::days_per_week, "valuePositiveInt", n->count));
    } else if (const auto* w = std::get_if<on_weekdays>(&f.days)) {
        for (const std::chrono::weekday day : w->days) {
            parts.push_back(sub_extension(phase_part::weekday, "valueCode",
                                          detail::token_of(day, detail::weekday_names)));
        }
    }
    for (const clock_time& t : f.times) {
        parts.push_back(
            sub_extension(phase_part::time, "valueTime", detail::frequency_clock_text(t) + ":00"));
    }
    if (!ph.restrictions.empty()) {
        parts.push_back(
            sub_extension(phase_part::restrictions, "valueString",
                          detail::fhir::embedded(detail::restrictions_json(ph.restrictions))));
    }
    for (const rule& r : ph.rules) {
        parts.push_back(sub_extension(phase_part::rule, "valueString",
                                      detail::fhir::embedded(detail::rule_json(r))));
    }
    return ojson{{"url", fhir_phase_rules_extension_url}, {"extension", std::move(parts)}};
}

/// The protocol-settings extension of `p`: what the phases count from, the
/// least gap between sessions, the stop rules (no `painCeiling`: pain is not
/// checked) and, when the protocol has one, its earliest start as the
/// protocol file's JSON in a `valueString`.
ojson settings_extension(const protocol& p) {
    ojson parts = ojson::array();
    parts.push_back(sub_extension(settings_part::counted_from, "valueCode",
                                  detail::token_of(p.counted_from, detail::time_basis_names)));
    parts.push_back(sub_extension(settings_part::min_session_gap, "valueDuration",
                                  quantity(p.min_session_gap.count(), "min", "min")));
    if (p.stop.pain_ceiling) {
        parts.push_back(sub_extension(settings_part::pain_ceiling, "valueInteger",
                                      p.stop.pain_ceiling->value()));
    }
    parts.push_back(sub_extension(settings_part::refer_on_snap_or_pop, "valueBoolean",
                                  p.stop.refer_on_snap_or_pop));
    parts.push_back(sub_extension(settings_part::refer_on_unable_to_bear_weight, "valueBoolean",
                                  p.stop.refer_on_unable_to_bear_weight));
    if (p.earliest_start) {
        parts.push_back(
            sub_extension(settings_part::earliest_start, "valueString",
                          detail::fhir::embedded(detail::earliest_start_json(*p.earliest_start))));
    }
    return ojson{{"url", fhir_settings_extension_url}, {"extension", std::move(parts)}};
}

/// The ActivityDefinitions of the bundle, in order of first use.
struct definitions {
    std::vector<ojson> resources;
    std::set<std::string> urls;

    bool add(const std::string& url) { return urls.insert(url).second; }
};

ojson exercise_definition(const exercise& e) {
    std::string usage;
    for (std::size_t i = 0; i < e.steps.size(); ++i) {
        usage += (i == 0 ? "" : "\n") + std::to_string(i + 1) + ". " + e.steps[i];
    }
    ojson ad{{"resourceType", "ActivityDefinition"},
             {"id", e.id},
             {"url", canonical("ActivityDefinition", e.id)},
             {"name", computable_name(e.id)},
             {"title", e.name},
             {"status", "active"}};
    if (!e.starting_position.empty()) {
        ad["description"] = e.starting_position;
    }
    if (!usage.empty()) {
        ad["usage"] = usage;
    }
    if (!e.source.empty()) {
        ad["relatedArtifact"] = ojson::array({{{"type", "citation"}, {"citation", e.source}}});
    }
    ad["kind"] = "ServiceRequest";
    ad["code"] = {{"coding", ojson::array({{{"system", snomed},
                                            {"code", "229065009"},
                                            {"display", "Exercise therapy"}}})},
                  {"text", e.name}};
    return ad;
}

ojson not_allowed_definition(const activity& a, const std::string& id) {
    ojson ad{{"resourceType", "ActivityDefinition"},
             {"id", id},
             {"url", canonical("ActivityDefinition", id)},
             {"name", computable_name(id)},
             {"title", "Not yet: " + activity_words(a.id)},
             {"status", "active"},
             {"description", "Not yet: " + activity_words(a.id)},
             {"kind", "ServiceRequest"},
             {"doNotPerform", true}};
    return ad;
}

/// The nested actions of a phase's restrictions: one per line of
/// `plain_lines`, then one per activity not allowed, referring to its
/// `doNotPerform` ActivityDefinition.
void restriction_actions(const phase& ph, ojson& actions, definitions& defs) {
    const std::vector<std::string> lines = plain_lines(ph.restrictions);
    for (std::size_t k = 0; k < lines.size(); ++k) {
        actions.push_back({{"id", ph.id + ".restriction." + std::to_string(k)},
                           {"title", "Restriction"},
                           {"textEquivalent", lines[k]}});
    }
    for (std::size_t k = 0; k < ph.restrictions.not_allowed.size(); ++k) {
        const activity& a = ph.restrictions.not_allowed[k];
        const std::string id = "not-" + resource_id(a.id);
        const std::string url = canonical("ActivityDefinition", id);
        if (defs.add(url)) {
            defs.resources.push_back(not_allowed_definition(a, id));
        }
        std::string text = "Not yet: " + activity_words(a.id);
        if (!a.note.empty()) {
            text += " (" + a.note + ")";
        }
        ojson action{{"id", ph.id + ".not-allowed." + std::to_string(k)},
                     {"title", "Not yet: " + activity_words(a.id)},
                     {"textEquivalent", std::move(text)}};
        if (!a.source.empty()) {
            action["documentation"] =
                ojson::array({{{"type", "citation"}, {"citation", a.source}}});
        }
        action["definitionCanonical"] = url;
        actions.push_back(std::move(action));
    }
}

ojson phase_action(const protocol& p, std::size_t i, const catalog& exercises, definitions& defs) {
    const phase& ph = p.phases[i];
    ojson action{{"id", ph.id}, {"extension", ojson::array({phase_rules_extension(ph)})}};
    if (!ph.name.empty()) {
        action["title"] = ph.name;
    }
    if (!ph.goal.empty()) {
        action["description"] = ph.goal;
    }
    ojson conditions = ojson::array();
    const std::string at = std::string(fhir_base_url) + "/protocol/" + p.id + "/v" +
                           std::to_string(p.version) + "#/phases/" + std::to_string(i);
    for (std::size_t k = 0; k < ph.entry.size(); ++k) {
        conditions.push_back(condition("start", ph.entry[k], at + "/entry/" + std::to_string(k)));
    }
    for (std::size_t k = 0; k < ph.exit.size(); ++k) {
        conditions.push_back(condition("stop", ph.exit[k], at + "/exit/" + std::to_string(k)));
    }
    if (!conditions.empty()) {
        action["condition"] = std::move(conditions);
    }
    if (i > 0) {
        action["relatedAction"] =
            ojson::array({{{"actionId", p.phases[i - 1].id}, {"relationship", "after-end"}}});
    }
    if (ph.max_duration) {
        action["timingRange"] = {{"low", days(ph.min_duration)}, {"high", days(*ph.max_duration)}};
    } else {
        action["timingDuration"] = days(ph.min_duration);
    }
    ojson children = ojson::array();
    for (std::size_t j = 0; j < ph.prescriptions.size(); ++j) {
        const prescription& rx = ph.prescriptions[j];
        const exercise& e = exercises.get(rx.exercise).value().get();
        const std::string url = canonical("ActivityDefinition", e.id);
        if (defs.add(url)) {
            defs.resources.push_back(exercise_definition(e));
        }
        children.push_back({{"id", ph.id + "." + std::to_string(j)},
                            {"extension", ojson::array({dose_extension(rx.dose)})},
                            {"title", e.name},
                            {"textEquivalent", fmt::format("{}", rx.dose)},
                            {"timingTiming", timing(ph.frequency)},
                            {"definitionCanonical", url}});
    }
    restriction_actions(ph, children, defs);
    if (!children.empty()) {
        action["action"] = std::move(children);
    }
    return action;
}

} // namespace

expected<std::string> to_fhir(const protocol& p, const catalog& exercises) {
    if (error_list problems = validate(p, exercises); !problems.empty()) {
        return tl::unexpected(std::move(problems.front()));
    }
    definitions defs;
    ojson actions = ojson::array();
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        actions.push_back(phase_action(p, i, exercises, defs));
    }
    const std::string version = std::to_string(p.version);
    const std::string url = canonical("PlanDefinition", p.id);
    ojson plan{
        {"resourceType", "PlanDefinition"},
        {"id", p.id},
        {"extension", ojson::array({settings_extension(p)})},
        {"url", url},
        {"identifier", ojson::array({{{"system", std::string(fhir_base_url) + "/protocol"},
                                      {"value", p.id + ".v" + version}}})},
        {"version", version},
        {"name", computable_name(p.id)},
        {"title", p.name},
        {"type",
         {{"coding",
           ojson::array({{{"system", "http://terminology.hl7.org/CodeSystem/plan-definition-type"},
                          {"code", "clinical-protocol"},
                          {"display", "Clinical Protocol"}}})}}},
        {"status", "active"}};
    if (!p.condition.empty()) {
        plan["description"] = p.condition;
    }
    if (!p.source.empty()) {
        plan["relatedArtifact"] = ojson::array({{{"type", "citation"}, {"citation", p.source}}});
    }
    plan["action"] = std::move(actions);

    ojson entries = ojson::array();
    entries.push_back({{"fullUrl", url}, {"resource", std::move(plan)}});
    for (ojson& ad : defs.resources) {
        std::string ad_url = ad["url"].get<std::string>();
        entries.push_back({{"fullUrl", std::move(ad_url)}, {"resource", std::move(ad)}});
    }
    const ojson bundle{{"resourceType", "Bundle"},
                       {"id", p.id + "-v" + version},
                       {"type", "collection"},
                       {"entry", std::move(entries)}};
    return detail::dump(bundle);
}

} // namespace rehab
