/// @file protocol_file_read.cpp
/// Reading protocol and catalog files: JSON to protocols, exercises and
/// catalogs, every problem reported with the JSON Pointer of its field. The
/// loaders that check what is read are in protocol_file.cpp.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "dose_json.hpp"
#include "json_read.hpp"
#include "protocol_file_names.hpp"
#include "protocol_json.hpp"
#include "restrictions_json.hpp"

namespace rehab {

namespace {

using namespace detail;
using std::chrono::days;
using std::chrono::minutes;

/// A pain score field that may be null ("not checked"); absent gives `fallback`.
std::optional<pain_score> read_nullable_pain(object_reader& o, std::string_view key,
                                             std::optional<pain_score> fallback) {
    const json* v = o.field(key);
    if (v == nullptr) {
        return fallback;
    }
    if (v->is_null()) {
        return std::nullopt;
    }
    if (const auto n = read_int(o.reader(), *v, o.at(key), pain_score::min, pain_score::max)) {
        return pain_score::make(*n).value();
    }
    return fallback;
}

// --- rules -------------------------------------------------------------------

progress_condition read_advance(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    progress_condition c;
    if (const auto w = o.get_enum("when", progress_when_names, true)) {
        c.when = *w;
    }
    if (const auto n = o.get_int("sessions", 1, limit::sessions)) {
        c.sessions = *n;
    }
    if (const auto n = o.get_int("pain_free_max", pain_score::min, pain_score::max)) {
        c.pain_free_max = pain_score::make(*n).value();
    }
    o.finish();
    return c;
}

load_amount read_amount(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    const json* kg = o.field("kg");
    const json* percent = o.field("percent_body_weight");
    load_amount a = kilograms{0.0};
    if (o.ok() && kg == nullptr && percent == nullptr) {
        r.add(path, R"(must give "kg" or "percent_body_weight")");
    } else if (kg != nullptr && percent != nullptr) {
        r.add(o.at("percent_body_weight"), "cannot be given with \"kg\": give one unit");
    }
    if (kg != nullptr) {
        a = kilograms{read_number(r, *kg, o.at("kg"), limit::load).value_or(0.0)};
    } else if (percent != nullptr) {
        a = percent_body_weight{
            read_number(r, *percent, o.at("percent_body_weight"), limit::load).value_or(0.0)};
    }
    o.finish();
    return a;
}

std::vector<std::string> read_exercise_list(object_reader& o) {
    return o.get_strings("exercises").value_or(std::vector<std::string>{});
}

dose_ladder read_dose_ladder(object_reader& o, std::string id) {
    json_reader& r = o.reader();
    dose_ladder l{.id = std::move(id), .exercises = read_exercise_list(o)};
    if (const json* steps = o.get_array("steps", true)) {
        for (std::size_t i = 0; i < steps->size(); ++i) {
            l.steps.push_back(read_dose(r, (*steps)[i], json_path(o, "steps", i)));
        }
    }
    if (const json* a = o.required("advance")) {
        l.advance = read_advance(r, *a, o.at("advance"));
    }
    if (const auto n = o.get_int("min_interval_days", 0, limit::days)) {
        l.min_interval = days{*n};
    }
    return l;
}

week_row read_week_row(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    week_row w;
    w.first_week = o.get_int("first_week", 1, limit::weeks, true).value_or(1);
    w.last_week = o.get_int("last_week", 1, limit::weeks, true).value_or(w.first_week);
    w.sets = sets{o.get_int("sets", 1, limit::sets, true).value_or(1)};
    w.reps = reps{o.get_int("reps", 1, limit::reps, true).value_or(1)};
    w.rm = o.get_bool("rm").value_or(false);
    o.finish();
    return w;
}

week_table read_week_table(object_reader& o, std::string id) {
    json_reader& r = o.reader();
    week_table t{.id = std::move(id), .exercises = read_exercise_list(o)};
    if (const json* rows = o.get_array("rows", true)) {
        for (std::size_t i = 0; i < rows->size(); ++i) {
            t.rows.push_back(read_week_row(r, (*rows)[i], json_path(o, "rows", i)));
        }
    }
    return t;
}

load_step read_load_step(object_reader& o, std::string id) {
    json_reader& r = o.reader();
    load_step s{.id = std::move(id), .exercises = read_exercise_list(o)};
    if (const json* a = o.required("step")) {
        s.step = read_amount(r, *a, o.at("step"));
    }
    if (const json* a = o.required("cap")) {
        s.cap = read_amount(r, *a, o.at("cap"));
    }
    if (const json* a = o.required("advance")) {
        s.advance = read_advance(r, *a, o.at("advance"));
    }
    if (const auto n = o.get_int("min_interval_days", 0, limit::days)) {
        s.min_interval = days{*n};
    }
    return s;
}

pain_monitoring read_pain_monitoring(object_reader& o, std::string id) {
    pain_monitoring p{.id = std::move(id)};
    p.during_max = read_nullable_pain(o, "during_max", p.during_max);
    p.after_max = read_nullable_pain(o, "after_max", p.after_max);
    p.morning_max = read_nullable_pain(o, "morning_max", p.morning_max);
    p.weekly_morning_max = read_nullable_pain(o, "weekly_morning_max", p.weekly_morning_max);
    p.response = o.get_enum("response", breach_response_names).value_or(p.response);
    p.regress_steps = o.get_int("regress_steps", 1, limit::steps).value_or(p.regress_steps);
    return p;
}

rule read_rule(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    const auto type = o.get_enum("type", rule_type_names, true);
    std::string id = o.get_string("id", true).value_or("");
    if (!type) {
        // Without a type the other fields cannot be judged; the placeholder
        // keeps the rule's index and id for the checks of the whole protocol.
        r.suppress(path);
        return floor_on_insertional_pain{.id = std::move(id), .exercises = {}};
    }
    rule out;
    switch (*type) {
    case rule_type::dose_ladder:
        out = read_dose_ladder(o, std::move(id));
        break;
    case rule_type::week_table:
        out = read_week_table(o, std::move(id));
        break;
    case rule_type::load_step:
        out = read_load_step(o, std::move(id));
        break;
    case rule_type::pain_monitoring:
        out = read_pain_monitoring(o, std::move(id));
        break;
    case rule_type::floor_on_insertional_pain:
        out = floor_on_insertional_pain{.id = std::move(id), .exercises = read_exercise_list(o)};
        break;
    }
    o.finish();
    return out;
}

// --- criteria ----------------------------------------------------------------

criterion read_criterion(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    const auto type = o.get_enum("type", criterion_type_names, true);
    if (!type) {
        r.suppress(path);
        return pain_rules_respected{};
    }
    criterion out;
    switch (*type) {
    case criterion_type::sessions_completed:
        out = sessions_completed{o.get_int("count", 1, limit::count, true).value_or(1)};
        break;
    case criterion_type::pain_rules_respected:
        out =
            pain_rules_respected{days{o.get_int("window_days", 1, limit::days, true).value_or(7)}};
        break;
    case criterion_type::measurement_at_least: {
        measurement_at_least m;
        m.what = o.get_enum("measure", measure_names, true).value_or(m.what);
        m.value = o.get_number("value", limit::measurement, true).value_or(m.value);
        out = m;
        break;
    }
    case criterion_type::no_insertional_pain:
        out = no_insertional_pain{days{o.get_int("window_days", 1, limit::days, true).value_or(7)}};
        break;
    case criterion_type::time_since_day_zero:
        out = time_since_day_zero{days{o.get_int("days", 0, limit::days, true).value_or(0)}};
        break;
    case criterion_type::clinician_confirmation:
        out = clinician_confirmation{o.get_string("what", true).value_or("")};
        break;
    }
    o.finish();
    return out;
}

std::vector<criterion> read_criteria(object_reader& o, std::string_view key) {
    std::vector<criterion> out;
    json_reader& r = o.reader();
    if (const json* list = o.get_array(key)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            out.push_back(read_criterion(r, (*list)[i], json_path(o, key, i)));
        }
    }
    return out;
}

// --- phases ------------------------------------------------------------------

frequency read_frequency(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    frequency f;
    if (const auto n = o.get_int("sessions_per_day", 1, limit::sessions_per_day, true)) {
        f.per_day = sessions{*n};
    }
    const json* per_week = o.field("days_per_week");
    const json* weekdays = o.field("weekdays");
    if (per_week != nullptr) {
        if (const auto n = read_int(r, *per_week, o.at("days_per_week"), 1, 7)) {
            f.days = days_per_week{*n};
        }
    }
    if (weekdays != nullptr && per_week != nullptr) {
        r.add(o.at("weekdays"), "cannot be given with \"days_per_week\": give one day pattern");
    } else if (weekdays != nullptr && expect_array(r, *weekdays, o.at("weekdays"))) {
        on_weekdays w;
        for (std::size_t i = 0; i < weekdays->size(); ++i) {
            w.days.push_back(
                read_enum(r, (*weekdays)[i], json_path(o, "weekdays", i), weekday_names)
                    .value_or(std::chrono::weekday{8})); // not ok(): a placeholder
        }
        f.days = std::move(w);
    }
    if (const json* times = o.get_array("times")) {
        for (std::size_t i = 0; i < times->size(); ++i) {
            const json_path at(o, "times", i);
            clock_time t{minutes{-1}}; // not ok(): a placeholder
            if (const auto text = read_string(r, (*times)[i], at)) {
                if (auto parsed = clock_time::parse(*text)) {
                    t = *parsed;
                } else {
                    error e = std::move(parsed).error();
                    e.path = at.str();
                    r.errors().push_back(std::move(e));
                }
            }
            f.times.push_back(t);
        }
    }
    o.finish();
    return f;
}

phase read_phase(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    phase ph;
    if (!o.ok()) {
        r.suppress(path);
        return ph;
    }
    ph.id = o.get_string("id", true).value_or("");
    ph.name = o.get_string("name", true).value_or("");
    ph.goal = o.get_string("goal").value_or("");
    if (const auto n = o.get_int("min_duration_days", 0, limit::days, true)) {
        ph.min_duration = days{*n};
    }
    if (const auto n = o.get_int("max_duration_days", 0, limit::days)) {
        ph.max_duration = days{*n};
    }
    ph.entry = read_criteria(o, "entry");
    ph.exit = read_criteria(o, "exit");
    if (const json* j = o.field("restrictions")) {
        ph.restrictions = read_restrictions(r, *j, o.at("restrictions"));
    }
    if (const json* list = o.get_array("prescriptions", true)) {
        for (std::size_t j = 0; j < list->size(); ++j) {
            object_reader p(r, (*list)[j], json_path(o, "prescriptions", j));
            prescription item{.exercise = p.get_string("exercise", true).value_or(""),
                              .dose = placeholder_dose()};
            if (const json* d = p.required("dose")) {
                item.dose = read_dose(r, *d, p.at("dose"));
            }
            p.finish();
            if (!p.ok()) {
                r.suppress(p.path());
            }
            ph.prescriptions.push_back(std::move(item));
        }
    }
    if (const json* f = o.required("frequency")) {
        ph.frequency = read_frequency(r, *f, o.at("frequency"));
    }
    if (const json* list = o.get_array("rules")) {
        for (std::size_t k = 0; k < list->size(); ++k) {
            ph.rules.push_back(read_rule(r, (*list)[k], json_path(o, "rules", k)));
        }
    }
    o.finish();
    return ph;
}

stop_rules read_stop(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    stop_rules s;
    s.pain_ceiling = read_nullable_pain(o, "pain_ceiling", s.pain_ceiling);
    s.refer_on_snap_or_pop = o.get_bool("refer_on_snap_or_pop").value_or(s.refer_on_snap_or_pop);
    s.refer_on_unable_to_bear_weight =
        o.get_bool("refer_on_unable_to_bear_weight").value_or(s.refer_on_unable_to_bear_weight);
    o.finish();
    return s;
}

} // namespace

protocol detail::read_protocol(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    protocol p;
    if (const json* schema = o.field("$schema")) {
        (void)read_string(r, *schema, o.at("$schema")); // for editors; not read
    }
    p.id = o.get_string("id", true).value_or("");
    p.version = o.get_int("version", 1, limit::version, true).value_or(1);
    p.name = o.get_string("name", true).value_or("");
    p.condition = o.get_string("condition").value_or("");
    p.source = o.get_string("source").value_or("");
    if (const auto n = o.get_int("min_session_gap_minutes", 0, limit::gap_minutes)) {
        p.min_session_gap = minutes{*n};
    }
    p.counted_from = o.get_enum("counted_from", time_basis_names).value_or(p.counted_from);
    if (const json* e = o.field("earliest_start")) {
        p.earliest_start = read_earliest_start(r, *e, o.at("earliest_start"));
    }
    if (const json* s = o.field("stop")) {
        p.stop = read_stop(r, *s, o.at("stop"));
    }
    if (const json* list = o.get_array("phases", true)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            p.phases.push_back(read_phase(r, (*list)[i], json_path(o, "phases", i)));
        }
    }
    o.finish();
    return p;
}

exercise detail::read_exercise(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    exercise e;
    e.id = o.get_string("id", true).value_or("");
    e.name = o.get_string("name", true).value_or("");
    e.kind = o.get_enum("kind", exercise_kind_names, true).value_or(e.kind);
    e.targets = o.get_strings("targets").value_or(e.targets);
    if (const json* list = o.get_array("equipment")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            if (const auto item =
                    read_enum(r, (*list)[i], json_path(o, "equipment", i), equipment_names)) {
                e.equipment.push_back(*item);
            }
        }
    }
    e.position = o.get_enum("position", body_position_names).value_or(e.position);
    e.laterality = o.get_enum("laterality", laterality_names).value_or(e.laterality);
    e.starting_position = o.get_string("starting_position").value_or("");
    e.steps = o.get_strings("steps", true).value_or(e.steps);
    e.cues = o.get_strings("cues").value_or(e.cues);
    e.safety = o.get_strings("safety").value_or(e.safety);
    e.source = o.get_string("source").value_or("");
    if (const json* n = o.field("needs")) {
        e.needs = read_needs(r, *n, o.at("needs"));
    }
    o.finish();
    if (const error_list problems = validate(e); !problems.empty()) {
        r.merge(problems, path.str());
    }
    return e;
}

catalog detail::read_catalog(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    catalog c;
    if (const json* schema = o.field("$schema")) {
        (void)read_string(r, *schema, o.at("$schema"));
    }
    if (const json* list = o.get_array("exercises", true)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const json_path at(o, "exercises", i);
            exercise e = read_exercise(r, (*list)[i], at);
            if (r.reported_under(at)) {
                continue;
            }
            if (auto added = c.add(std::move(e)); !added) {
                r.merge({added.error()}, at.str());
            }
        }
    }
    o.finish();
    return c;
}

} // namespace rehab
