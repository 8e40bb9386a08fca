#include <rehab/protocol_file.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "dose_json.hpp"
#include "json_read.hpp"
#include "json_write.hpp"
#include "overloaded.hpp"
#include "protocol_file_names.hpp"
#include "protocol_json.hpp"
#include "restrictions_json.hpp"

namespace rehab {

namespace {

using namespace detail;
using std::chrono::days;
using std::chrono::minutes;
using std::chrono::seconds;
using ojson = nlohmann::ordered_json;

// --- reading -----------------------------------------------------------------

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

progress_condition read_advance(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    progress_condition c;
    if (const auto w = o.get_enum("when", progress_names, true)) {
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
        r.add(path, "must give \"kg\" or \"percent_body_weight\"");
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
    case rule_type::dose_ladder: {
        dose_ladder l{.id = std::move(id), .exercises = read_exercise_list(o)};
        if (const json* steps = o.required("steps");
            steps && expect_array(r, *steps, o.at("steps"))) {
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
        out = std::move(l);
        break;
    }
    case rule_type::week_table: {
        week_table t{.id = std::move(id), .exercises = read_exercise_list(o)};
        if (const json* rows = o.required("rows"); rows && expect_array(r, *rows, o.at("rows"))) {
            for (std::size_t i = 0; i < rows->size(); ++i) {
                object_reader row(r, (*rows)[i], json_path(o, "rows", i));
                week_row w;
                w.first_week = row.get_int("first_week", 1, limit::weeks, true).value_or(1);
                w.last_week =
                    row.get_int("last_week", 1, limit::weeks, true).value_or(w.first_week);
                w.sets = sets{row.get_int("sets", 1, limit::sets, true).value_or(1)};
                w.reps = reps{row.get_int("reps", 1, limit::reps, true).value_or(1)};
                w.rm = row.get_bool("rm").value_or(false);
                row.finish();
                t.rows.push_back(w);
            }
        }
        out = std::move(t);
        break;
    }
    case rule_type::load_step: {
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
        out = std::move(s);
        break;
    }
    case rule_type::pain_monitoring: {
        pain_monitoring p{.id = std::move(id)};
        p.during_max = read_nullable_pain(o, "during_max", p.during_max);
        p.after_max = read_nullable_pain(o, "after_max", p.after_max);
        p.morning_max = read_nullable_pain(o, "morning_max", p.morning_max);
        p.weekly_morning_max = read_nullable_pain(o, "weekly_morning_max", p.weekly_morning_max);
        p.response = o.get_enum("response", breach_names).value_or(p.response);
        p.regress_steps = o.get_int("regress_steps", 1, limit::steps).value_or(p.regress_steps);
        out = std::move(p);
        break;
    }
    case rule_type::floor_on_insertional_pain:
        out = floor_on_insertional_pain{.id = std::move(id), .exercises = read_exercise_list(o)};
        break;
    }
    o.finish();
    return out;
}

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
    if (const json* list = o.field(key); list && expect_array(r, *list, o.at(key))) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            out.push_back(read_criterion(r, (*list)[i], json_path(o, key, i)));
        }
    }
    return out;
}

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
    if (const json* times = o.field("times"); times && expect_array(r, *times, o.at("times"))) {
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
    if (const json* list = o.required("prescriptions");
        list && expect_array(r, *list, o.at("prescriptions"))) {
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
    if (const json* list = o.field("rules"); list && expect_array(r, *list, o.at("rules"))) {
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

protocol read_protocol(json_reader& r, const json& v, const json_path& path) {
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
    if (const json* list = o.required("phases"); list && expect_array(r, *list, o.at("phases"))) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            p.phases.push_back(read_phase(r, (*list)[i], json_path(o, "phases", i)));
        }
    }
    o.finish();
    return p;
}

namespace {

/// Repetitions of one session of a prescription at the highest dose its
/// rules can reach (the top of a rep range counted).
std::int64_t most_reps_per_session(const phase& ph, const prescription& item) {
    const auto of = [](const dose& d) -> std::int64_t {
        const auto* w = d.reps_work();
        if (w == nullptr) {
            return 0;
        }
        const int per_set = (w->reps_max ? *w->reps_max : w->reps).value();
        return std::int64_t{d.sets().value()} * per_set * d.sides_worked();
    };
    std::int64_t most = of(item.dose);
    for (const auto& r : ph.rules) {
        std::visit(
            overloaded{
                [&](const dose_ladder& l) {
                    if (l.exercises.empty() || std::find(l.exercises.begin(), l.exercises.end(),
                                                         item.exercise) != l.exercises.end()) {
                        for (const auto& step : l.steps) {
                            most = std::max(most, of(step));
                        }
                    }
                },
                [&](const week_table& t) {
                    if (t.exercises.empty() || std::find(t.exercises.begin(), t.exercises.end(),
                                                         item.exercise) != t.exercises.end()) {
                        for (const auto& row : t.rows) {
                            most = std::max(most, std::int64_t{row.sets.value()} *
                                                      row.reps.value() * item.dose.sides_worked());
                        }
                    }
                },
                [](const auto&) {}},
            r);
    }
    return most;
}

} // namespace

void check_limits(json_reader& r, const protocol& p, const load_limits& limits,
                  std::string_view prefix) {
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        const phase& ph = p.phases[i];
        std::int64_t per_session = 0;
        for (const auto& item : ph.prescriptions) {
            per_session += most_reps_per_session(ph, item);
        }
        const std::int64_t per_day = per_session * ph.frequency.per_day.value();
        if (per_day > limits.daily_reps.value()) {
            r.merge(
                {error{errc::invalid_value,
                       fmt::format("/phases/{}/prescriptions", i),
                       fmt::format("up to {} repetitions a day ({} a session x {}), above the "
                                   "plausibility limit of {} a day; check sets, reps and "
                                   "sessions_per_day",
                                   per_day, per_session, ph.frequency.per_day, limits.daily_reps),
                       {},
                       {}}},
                prefix);
        }
    }
}

namespace {

template <class T>
load_result<T> finish(json_reader& r, std::string_view text, T value) {
    if (r.ok()) {
        return value;
    }
    locate_and_sort(r.errors(), text);
    return tl::unexpected(std::move(r.errors()));
}

exercise read_exercise(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    exercise e;
    e.id = o.get_string("id", true).value_or("");
    e.name = o.get_string("name", true).value_or("");
    e.kind = o.get_enum("kind", kind_names, true).value_or(e.kind);
    e.targets = o.get_strings("targets").value_or(e.targets);
    if (const json* list = o.field("equipment");
        list && expect_array(r, *list, o.at("equipment"))) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            if (const auto item =
                    read_enum(r, (*list)[i], json_path(o, "equipment", i), equipment_names)) {
                e.equipment.push_back(*item);
            }
        }
    }
    e.position = o.get_enum("position", position_names).value_or(e.position);
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

// --- writing -----------------------------------------------------------------

ojson pain_json(const std::optional<pain_score>& p) {
    return p ? ojson(p->value()) : ojson(nullptr);
}

ojson advance_json(const progress_condition& c) {
    return ojson{{"when", name_of(c.when, progress_names)},
                 {"sessions", c.sessions},
                 {"pain_free_max", c.pain_free_max.value()}};
}

ojson amount_json(const load_amount& a) {
    return std::visit(overloaded{[](const kilograms& k) {
                                     return ojson{{"kg", k.value()}};
                                 },
                                 [](const percent_body_weight& p) {
                                     return ojson{{"percent_body_weight", p.percent()}};
                                 }},
                      a);
}

ojson rule_json(const rule& r) {
    ojson j;
    std::visit(overloaded{[&](const dose_ladder& l) {
                              j["type"] = "dose_ladder";
                              j["id"] = l.id;
                              j["exercises"] = l.exercises;
                              j["steps"] = ojson::array();
                              for (const auto& s : l.steps) {
                                  j["steps"].push_back(dose_json(s));
                              }
                              j["advance"] = advance_json(l.advance);
                              j["min_interval_days"] = l.min_interval.count();
                          },
                          [&](const week_table& t) {
                              j["type"] = "week_table";
                              j["id"] = t.id;
                              j["exercises"] = t.exercises;
                              j["rows"] = ojson::array();
                              for (const auto& row : t.rows) {
                                  j["rows"].push_back(ojson{{"first_week", row.first_week},
                                                            {"last_week", row.last_week},
                                                            {"sets", row.sets.value()},
                                                            {"reps", row.reps.value()},
                                                            {"rm", row.rm}});
                              }
                          },
                          [&](const load_step& s) {
                              j["type"] = "load_step";
                              j["id"] = s.id;
                              j["exercises"] = s.exercises;
                              j["step"] = amount_json(s.step);
                              j["cap"] = amount_json(s.cap);
                              j["advance"] = advance_json(s.advance);
                              j["min_interval_days"] = s.min_interval.count();
                          },
                          [&](const pain_monitoring& p) {
                              j["type"] = "pain_monitoring";
                              j["id"] = p.id;
                              j["during_max"] = pain_json(p.during_max);
                              j["after_max"] = pain_json(p.after_max);
                              j["morning_max"] = pain_json(p.morning_max);
                              j["weekly_morning_max"] = pain_json(p.weekly_morning_max);
                              j["response"] = name_of(p.response, breach_names);
                              j["regress_steps"] = p.regress_steps;
                          },
                          [&](const floor_on_insertional_pain& f) {
                              j["type"] = "floor_on_insertional_pain";
                              j["id"] = f.id;
                              j["exercises"] = f.exercises;
                          }},
               r);
    return j;
}

ojson criterion_json(const criterion& c) {
    return std::visit(
        overloaded{
            [](const sessions_completed& s) {
                return ojson{{"type", "sessions_completed"}, {"count", s.count}};
            },
            [](const pain_rules_respected& p) {
                return ojson{{"type", "pain_rules_respected"}, {"window_days", p.window.count()}};
            },
            [](const measurement_at_least& m) {
                return ojson{{"type", "measurement_at_least"},
                             {"measure", name_of(m.what, measure_names)},
                             {"value", m.value}};
            },
            [](const no_insertional_pain& n) {
                return ojson{{"type", "no_insertional_pain"}, {"window_days", n.window.count()}};
            },
            [](const time_since_day_zero& t) {
                return ojson{{"type", "time_since_day_zero"}, {"days", t.time.count()}};
            },
            [](const clinician_confirmation& confirm) {
                return ojson{{"type", "clinician_confirmation"}, {"what", confirm.what}};
            }},
        c);
}

ojson criteria_json(const std::vector<criterion>& list) {
    ojson j = ojson::array();
    for (const auto& c : list) {
        j.push_back(criterion_json(c));
    }
    return j;
}

ojson frequency_json(const frequency& f) {
    ojson j;
    j["sessions_per_day"] = f.per_day.value();
    std::visit(overloaded{[](const every_day&) {},
                          [&](const days_per_week& d) { j["days_per_week"] = d.count; },
                          [&](const on_weekdays& w) {
                              j["weekdays"] = ojson::array();
                              for (const auto day : w.days) {
                                  j["weekdays"].push_back(name_of(day, weekday_names));
                              }
                          }},
               f.days);
    j["times"] = ojson::array();
    for (const auto& t : f.times) {
        j["times"].push_back(fmt::format("{}", t));
    }
    return j;
}

ojson phase_json(const phase& ph) {
    ojson j;
    j["id"] = ph.id;
    j["name"] = ph.name;
    j["goal"] = ph.goal;
    j["min_duration_days"] = ph.min_duration.count();
    if (ph.max_duration) {
        j["max_duration_days"] = ph.max_duration->count();
    }
    j["entry"] = criteria_json(ph.entry);
    j["exit"] = criteria_json(ph.exit);
    if (!ph.restrictions.empty()) {
        j["restrictions"] = restrictions_json(ph.restrictions);
    }
    j["frequency"] = frequency_json(ph.frequency);
    j["prescriptions"] = ojson::array();
    for (const auto& item : ph.prescriptions) {
        j["prescriptions"].push_back(
            ojson{{"exercise", item.exercise}, {"dose", dose_json(item.dose)}});
    }
    j["rules"] = ojson::array();
    for (const auto& r : ph.rules) {
        j["rules"].push_back(rule_json(r));
    }
    return j;
}

ojson exercise_json(const exercise& e) {
    ojson j;
    j["id"] = e.id;
    j["name"] = e.name;
    j["kind"] = name_of(e.kind, kind_names);
    j["targets"] = e.targets;
    j["equipment"] = ojson::array();
    for (const auto item : e.equipment) {
        j["equipment"].push_back(name_of(item, equipment_names));
    }
    j["position"] = name_of(e.position, position_names);
    j["laterality"] = name_of(e.laterality, laterality_names);
    j["starting_position"] = e.starting_position;
    j["steps"] = e.steps;
    j["cues"] = e.cues;
    j["safety"] = e.safety;
    j["source"] = e.source;
    j["needs"] = needs_json(e.needs);
    return j;
}

} // namespace

load_result<protocol> load_protocol(std::string_view text, const catalog& exercises,
                                    const load_limits& limits) {
    json_reader r;
    const auto doc = parse_json(r, text);
    if (!doc) {
        return tl::unexpected(std::move(r.errors()));
    }
    const std::string root;
    protocol p = read_protocol(r, *doc, root);
    r.merge(validate(p, exercises));
    check_limits(r, p, limits, {});
    return finish(r, text, std::move(p));
}

load_result<protocol> load_protocol_file(const std::filesystem::path& file,
                                         const catalog& exercises, const load_limits& limits) {
    const auto text = read_text_file(file);
    if (!text) {
        return tl::unexpected(cannot_read_file(file));
    }
    return load_protocol(*text, exercises, limits);
}

std::string to_json(const protocol& p) { return dump(protocol_json(p)); }

nlohmann::ordered_json protocol_json(const protocol& p) {
    ojson j;
    j["id"] = p.id;
    j["version"] = p.version;
    j["name"] = p.name;
    j["condition"] = p.condition;
    j["source"] = p.source;
    j["min_session_gap_minutes"] = p.min_session_gap.count();
    j["counted_from"] = name_of(p.counted_from, time_basis_names);
    if (p.earliest_start) {
        j["earliest_start"] = earliest_start_json(*p.earliest_start);
    }
    j["stop"] = ojson{{"pain_ceiling", pain_json(p.stop.pain_ceiling)},
                      {"refer_on_snap_or_pop", p.stop.refer_on_snap_or_pop},
                      {"refer_on_unable_to_bear_weight", p.stop.refer_on_unable_to_bear_weight}};
    j["phases"] = ojson::array();
    for (const auto& ph : p.phases) {
        j["phases"].push_back(phase_json(ph));
    }
    return j;
}

load_result<exercise> load_exercise(std::string_view text) {
    json_reader r;
    const auto doc = parse_json(r, text);
    if (!doc) {
        return tl::unexpected(std::move(r.errors()));
    }
    const std::string root;
    exercise e = read_exercise(r, *doc, root);
    return finish(r, text, std::move(e));
}

std::string to_json(const exercise& e) { return dump(exercise_json(e)); }

load_result<catalog> load_catalog(std::string_view text) {
    json_reader r;
    const auto doc = parse_json(r, text);
    if (!doc) {
        return tl::unexpected(std::move(r.errors()));
    }
    catalog c;
    object_reader o(r, *doc, "");
    if (const json* schema = o.field("$schema")) {
        (void)read_string(r, *schema, o.at("$schema"));
    }
    if (const json* list = o.required("exercises");
        list && expect_array(r, *list, o.at("exercises"))) {
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
    return finish(r, text, std::move(c));
}

load_result<catalog> load_catalog_file(const std::filesystem::path& file) {
    const auto text = read_text_file(file);
    if (!text) {
        return tl::unexpected(cannot_read_file(file));
    }
    return load_catalog(*text);
}

std::string to_json(const catalog& c) {
    ojson j;
    j["exercises"] = ojson::array();
    for (const auto& e : c.exercises()) {
        j["exercises"].push_back(exercise_json(e));
    }
    return dump(j);
}

} // namespace rehab
