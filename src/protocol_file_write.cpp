/// @file protocol_file_write.cpp
/// Writing protocol and catalog files: protocols, exercises and catalogs to
/// JSON in the stable form that `load_protocol`, `load_exercise` and
/// `load_catalog` read back equal.

#include <rehab/protocol_file.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "dose_json.hpp"
#include "json_write.hpp"
#include "overloaded.hpp"
#include "protocol_file_names.hpp"
#include "protocol_json.hpp"
#include "restrictions_json.hpp"

namespace rehab {

namespace {

using namespace detail;
using ojson = nlohmann::ordered_json;

ojson pain_json(const std::optional<pain_score>& p) {
    return p ? ojson(p->value()) : ojson(nullptr);
}

ojson advance_json(const progress_condition& c) {
    return ojson{{"when", token_of(c.when, progress_when_names)},
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

} // namespace

ojson detail::rule_json(const rule& r) {
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
                              j["response"] = token_of(p.response, breach_response_names);
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

ojson detail::criterion_json(const criterion& c) {
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
                             {"measure", token_of(m.what, measure_names)},
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

namespace {

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
                                  j["weekdays"].push_back(token_of(day, weekday_names));
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
    j["kind"] = token_of(e.kind, exercise_kind_names);
    j["targets"] = e.targets;
    j["equipment"] = ojson::array();
    for (const auto item : e.equipment) {
        j["equipment"].push_back(token_of(item, equipment_names));
    }
    j["position"] = token_of(e.position, body_position_names);
    j["laterality"] = token_of(e.laterality, laterality_names);
    j["starting_position"] = e.starting_position;
    j["steps"] = e.steps;
    j["cues"] = e.cues;
    j["safety"] = e.safety;
    j["source"] = e.source;
    j["needs"] = needs_json(e.needs);
    return j;
}

} // namespace

nlohmann::ordered_json detail::protocol_json(const protocol& p) {
    ojson j;
    j["id"] = p.id;
    j["version"] = p.version;
    j["name"] = p.name;
    j["condition"] = p.condition;
    j["source"] = p.source;
    j["min_session_gap_minutes"] = p.min_session_gap.count();
    j["counted_from"] = token_of(p.counted_from, time_basis_names);
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

std::string to_json(const protocol& p) { return dump(protocol_json(p)); }

std::string to_json(const exercise& e) { return dump(exercise_json(e)); }

std::string to_json(const catalog& c) {
    ojson j;
    j["exercises"] = ojson::array();
    for (const auto& e : c.exercises()) {
        j["exercises"].push_back(exercise_json(e));
    }
    return dump(j);
}

} // namespace rehab
