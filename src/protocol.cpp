#include <rehab/protocol.hpp>

#include "overloaded.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include <rehab/text.hpp>

#include <rehab/detail/close_matches.hpp>

namespace rehab {

namespace {

using detail::overloaded;

class checker {
public:
    explicit checker(error_list& errors) : errors_(errors) {}
    void operator()(std::string path, std::string message) {
        errors_.push_back(error{errc::invalid_value, std::move(path), std::move(message), {}, {}});
    }
    void duplicate(std::string path, std::string message) {
        errors_.push_back(error{errc::duplicate_id, std::move(path), std::move(message), {}, {}});
    }
    void unknown(std::string path, std::string message) {
        errors_.push_back(error{errc::unknown_id, std::move(path), std::move(message), {}, {}});
    }
    void nested(const error_list& inner, const std::string& prefix) {
        for (const auto& e : inner) {
            errors_.push_back(e.inside(prefix));
        }
    }

private:
    error_list& errors_;
};

void check_id(checker& add, const std::string& id, const std::string& path) {
    if (!is_kebab_case(id)) {
        add(path, fmt::format("must be kebab-case (lower-case letters and digits joined by single "
                              "hyphens), got \"{}\"",
                              id));
    }
}

void check_rule_exercises(checker& add, const std::vector<std::string>& exercises,
                          const std::set<std::string, std::less<>>& prescribed,
                          const std::string& path) {
    for (std::size_t m = 0; m < exercises.size(); ++m) {
        if (!prescribed.contains(exercises[m])) {
            add(fmt::format("{}/exercises/{}", path, m),
                fmt::format("\"{}\" is not prescribed in this phase", exercises[m]));
        }
    }
}

void check_ladder(checker& add, const dose_ladder& l,
                  const std::set<std::string, std::less<>>& prescribed, const std::string& path) {
    check_rule_exercises(add, l.exercises, prescribed, path);
    if (l.steps.empty()) {
        add(path + "/steps", "a ladder needs at least one step");
    }
    if (l.advance.sessions < 1) {
        add(path + "/advance/sessions", fmt::format("must be >= 1, got {}", l.advance.sessions));
    }
}

void check_week_table(checker& add, const week_table& t,
                      const std::set<std::string, std::less<>>& prescribed,
                      const std::string& path) {
    check_rule_exercises(add, t.exercises, prescribed, path);
    if (t.rows.empty()) {
        add(path + "/rows", "a week table needs at least one row");
    }
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const auto& row = t.rows[i];
        const std::string at = fmt::format("{}/rows/{}", path, i);
        if (row.first_week < 1 || row.last_week < row.first_week) {
            add(at, fmt::format("weeks must run forwards from week 1, got {}-{}", row.first_week,
                                row.last_week));
        }
        if (i > 0 && row.first_week != t.rows[i - 1].last_week + 1) {
            add(at + "/first_week", fmt::format("must follow the row before (week {}), got {}",
                                                t.rows[i - 1].last_week + 1, row.first_week));
        }
        if (row.sets < sets{1} || row.reps < reps{1}) {
            add(at, fmt::format("sets and reps must be >= 1, got {} x {}", row.sets, row.reps));
        }
    }
}

bool is_positive(const load_amount& a) {
    return std::visit(overloaded{[](const kilograms& k) { return k.value() > 0.0; },
                                 [](const percent_body_weight& p) { return p.percent() > 0.0; }},
                      a);
}

void check_load_step(checker& add, const load_step& s,
                     const std::set<std::string, std::less<>>& prescribed,
                     const std::string& path) {
    check_rule_exercises(add, s.exercises, prescribed, path);
    if (!is_positive(s.step)) {
        add(path + "/step", fmt::format("must be > 0, got {}", s.step));
    }
    if (!is_positive(s.cap) || s.cap.index() != s.step.index()) {
        add(path + "/cap", "must be > 0 and in the same unit as the step");
    }
}

void check_rule(checker& add, const rule& r, const std::set<std::string, std::less<>>& prescribed,
                const std::string& path) {
    std::visit(overloaded{[&](const dose_ladder& l) { check_ladder(add, l, prescribed, path); },
                          [&](const week_table& t) { check_week_table(add, t, prescribed, path); },
                          [&](const load_step& s) { check_load_step(add, s, prescribed, path); },
                          [&](const pain_monitoring& p) {
                              if (p.regress_steps < 1) {
                                  add(path + "/regress_steps",
                                      fmt::format("must be >= 1, got {}", p.regress_steps));
                              }
                          },
                          [&](const floor_on_insertional_pain& f) {
                              check_rule_exercises(add, f.exercises, prescribed, path);
                          }},
               r);
}

void check_criteria(checker& add, const std::vector<criterion>& list, const std::string& path) {
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = fmt::format("{}/{}", path, i);
        std::visit(overloaded{[&](const sessions_completed& s) {
                                  if (s.count < 1) {
                                      add(at + "/count",
                                          fmt::format("must be >= 1, got {}", s.count));
                                  }
                              },
                              [&](const pain_rules_respected& p) {
                                  if (p.window.count() < 1) {
                                      add(at + "/window_days",
                                          fmt::format("must be >= 1, got {}", p.window.count()));
                                  }
                              },
                              [&](const measurement_at_least&) {},
                              [&](const no_insertional_pain& n) {
                                  if (n.window.count() < 1) {
                                      add(at + "/window_days",
                                          fmt::format("must be >= 1, got {}", n.window.count()));
                                  }
                              },
                              [&](const time_since_day_zero& t) {
                                  if (t.time.count() < 0) {
                                      add(at + "/days",
                                          fmt::format("must be >= 0, got {}", t.time.count()));
                                  }
                              },
                              [&](const clinician_confirmation& c) {
                                  if (c.what.empty()) {
                                      add(at + "/what", "must say what the clinician confirms");
                                  }
                              }},
                   list[i]);
    }
}

/// The most sessions `ph` can hold in its maximum duration, whatever weekday
/// it starts on; nothing when it has no maximum. Day patterns repeat weekly.
std::optional<long long> most_sessions(const phase& ph) {
    if (!ph.max_duration || ph.max_duration->count() < 0 || ph.frequency.per_day < sessions{1}) {
        return std::nullopt;
    }
    const long long length = ph.max_duration->count();
    long long best = 0;
    for (unsigned start = 0; start < 7; ++start) {
        long long in_week = 0;
        long long in_rest = 0;
        for (int d = 0; d < 7; ++d) {
            if (is_session_day(ph.frequency.days, d, std::chrono::weekday{start})) {
                ++in_week;
                in_rest += d < length % 7 ? 1 : 0;
            }
        }
        best = std::max(best, length / 7 * in_week + in_rest);
    }
    return best * ph.frequency.per_day.value();
}

/// Criteria that can never be met. `holder` is the phase whose sessions a
/// sessions_completed criterion counts (for entry criteria, the phase before).
void check_reachable(checker& add, const std::vector<criterion>& list, const std::string& path,
                     const phase* holder, std::string_view holder_name) {
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = fmt::format("{}/{}", path, i);
        if (const auto* m = std::get_if<measurement_at_least>(&list[i])) {
            if (!std::isfinite(m->value)) {
                add(at + "/value", fmt::format("must be a finite number, got {}", m->value));
            } else if ((m->what == measure::visa_a || m->what == measure::atrs) &&
                       m->value > 100.0) {
                add(at + "/value",
                    fmt::format("must be <= 100 (the highest {} score), got {}: the criterion "
                                "could never be met",
                                m->what, m->value));
            } else if ((m->what == measure::heel_rise_lsi_reps ||
                        m->what == measure::heel_rise_lsi_height ||
                        m->what == measure::heel_rise_lsi_work) &&
                       m->value > 200.0) {
                add(at + "/value", fmt::format("must be <= 200 (a limb symmetry index above 200 % "
                                               "is out of reach), got {}",
                                               m->value));
            }
        }
        const auto* s = std::get_if<sessions_completed>(&list[i]);
        const auto most = holder != nullptr ? most_sessions(*holder) : std::nullopt;
        if (s != nullptr && most && s->count > *most) {
            add(at + "/count",
                fmt::format("must be <= {}, the most sessions {} holds in its maximum of {} "
                            "days, got {}: the criterion could never be met",
                            *most, holder_name, holder->max_duration->count(), s->count));
        }
    }
}

} // namespace

namespace {

void check_text(checker& add, std::string_view value, std::string path) {
    if (auto problem = text_problem(value)) {
        add(std::move(path), std::move(*problem));
    }
}

/// The fields of the protocol itself, before its phases.
void check_header(checker& add, const protocol& p) {
    check_id(add, p.id, "/id");
    if (p.version < 1) {
        add("/version", fmt::format("must be >= 1, got {}", p.version));
    }
    if (p.name.empty()) {
        add("/name", "must not be empty");
    }
    check_text(add, p.name, "/name");
    check_text(add, p.condition, "/condition");
    check_text(add, p.source, "/source");
    if (p.min_session_gap.count() < 0) {
        add("/min_session_gap_minutes",
            fmt::format("must be >= 0, got {}", p.min_session_gap.count()));
    }
    if (p.phases.empty()) {
        add("/phases", "a protocol needs at least one phase");
    }
    if (p.earliest_start) {
        if (p.earliest_start->after_day_zero.count() < 0) {
            add("/earliest_start/after_days",
                fmt::format("must be >= 0, got {}", p.earliest_start->after_day_zero.count()));
        }
        add.nested(validate(p.earliest_start->until_then), "/earliest_start/until_then");
    }
}

/// The ids, names and durations of phase `i` (at `at`).
void check_phase_fields(checker& add, const protocol& p, std::size_t i, const std::string& at,
                        std::set<std::string, std::less<>>& phase_ids) {
    const phase& ph = p.phases[i];
    check_id(add, ph.id, at + "/id");
    check_text(add, ph.name, at + "/name");
    check_text(add, ph.goal, at + "/goal");
    if (!phase_ids.insert(ph.id).second) {
        add.duplicate(at + "/id", fmt::format("phase id \"{}\" is used twice", ph.id));
    }
    if (ph.min_duration.count() < 0) {
        add(at + "/min_duration_days",
            fmt::format("must be >= 0, got {}", ph.min_duration.count()));
    }
    if (ph.max_duration && *ph.max_duration < ph.min_duration) {
        add(at + "/max_duration_days",
            fmt::format("must be >= min_duration_days ({}), got {}", ph.min_duration.count(),
                        ph.max_duration->count()));
    }
    if (auto why = sessionless_phase_problem(p, i)) {
        add(at + "/prescriptions", std::move(*why));
    }
}

/// The prescriptions of `ph` (at `at`); returns the exercises prescribed.
std::set<std::string, std::less<>> check_prescriptions(checker& add, const phase& ph,
                                                       const std::string& at,
                                                       const catalog& exercises) {
    std::set<std::string, std::less<>> prescribed;
    for (std::size_t j = 0; j < ph.prescriptions.size(); ++j) {
        const auto& id = ph.prescriptions[j].exercise;
        const std::string path = fmt::format("{}/prescriptions/{}/exercise", at, j);
        if (!exercises.contains(id)) {
            add.unknown(path, fmt::format("unknown exercise id \"{}\"{}", id,
                                          detail::did_you_mean(
                                              detail::close_matches(id, exercises.ids()))));
        }
        if (!prescribed.insert(id).second) {
            add.duplicate(path, fmt::format("\"{}\" is prescribed twice in this phase", id));
        }
        if (const exercise* e = exercises.find(id)) {
            for (const auto& why : check_allowed(e->needs, ph.restrictions)) {
                add(path, fmt::format("\"{}\" is not allowed in this phase: {}", id, why));
            }
        }
    }
    return prescribed;
}

/// The rules of `ph` (at `at`).
void check_rules(checker& add, const phase& ph, const std::string& at,
                 const std::set<std::string, std::less<>>& prescribed) {
    std::set<std::string, std::less<>> rule_ids;
    for (std::size_t k = 0; k < ph.rules.size(); ++k) {
        const std::string path = fmt::format("{}/rules/{}", at, k);
        check_id(add, rule_id(ph.rules[k]), path + "/id");
        if (!rule_ids.insert(rule_id(ph.rules[k])).second) {
            add.duplicate(path + "/id", fmt::format("rule id \"{}\" is used twice in this phase",
                                                    rule_id(ph.rules[k])));
        }
        check_rule(add, ph.rules[k], prescribed, path);
    }
}

/// Phase `i` of `p`.
void check_phase(checker& add, const protocol& p, std::size_t i, const catalog& exercises,
                 std::set<std::string, std::less<>>& phase_ids) {
    const phase& ph = p.phases[i];
    const std::string at = fmt::format("/phases/{}", i);
    check_phase_fields(add, p, i, at, phase_ids);
    add.nested(validate(ph.restrictions), at + "/restrictions");
    const auto prescribed = check_prescriptions(add, ph, at, exercises);
    if (has_sessions(ph)) {
        add.nested(validate(ph.frequency), at + "/frequency");
    }
    if (auto gap = rehab::check_session_gap(ph.frequency.times, p.min_session_gap,
                                            at + "/frequency/times");
        !gap) {
        add(gap.error().path, gap.error().message);
    }
    check_rules(add, ph, at, prescribed);
    check_criteria(add, ph.entry, at + "/entry");
    check_criteria(add, ph.exit, at + "/exit");
    check_reachable(add, ph.entry, at + "/entry", i > 0 ? &p.phases[i - 1] : nullptr,
                    "the phase before");
    check_reachable(add, ph.exit, at + "/exit", &ph, "the phase");
}

} // namespace

error_list validate(const protocol& p, const catalog& exercises) {
    error_list errors;
    checker add(errors);
    check_header(add, p);
    std::set<std::string, std::less<>> phase_ids;
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        check_phase(add, p, i, exercises, phase_ids);
    }
    return errors;
}

namespace {

bool time_only(const std::vector<criterion>& list) noexcept {
    return std::all_of(list.begin(), list.end(), [](const criterion& c) {
        return std::holds_alternative<time_since_day_zero>(c);
    });
}

} // namespace

std::optional<std::string> sessionless_phase_problem(const protocol& p, std::size_t index) {
    const phase& ph = p.phases[index];
    if (has_sessions(ph)) {
        return std::nullopt;
    }
    if (index + 1 == p.phases.size()) {
        return "the phase prescribes nothing, and only a phase followed by another may (a "
               "splint and crutches before the exercises start)";
    }
    if (!time_only(ph.exit) || !time_only(p.phases[index + 1].entry)) {
        return "the phase prescribes nothing, so it has no sessions to log: it may end by time "
               "only (no exit criteria but time since the injury, nor entry criteria of the "
               "next phase)";
    }
    return std::nullopt;
}

std::vector<long long> planned_phase_starts(const protocol& p) {
    std::vector<long long> out{0};
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        long long next = out.back() + p.phases[i].min_duration.count();
        const auto hold_back = [&](const std::vector<criterion>& list) {
            for (const auto& c : list) {
                if (const auto* t = std::get_if<time_since_day_zero>(&c)) {
                    next = std::max(next, static_cast<long long>(t->time.count()));
                }
            }
        };
        hold_back(p.phases[i].exit);
        if (i + 1 < p.phases.size()) {
            hold_back(p.phases[i + 1].entry);
        }
        out.push_back(next);
    }
    return out;
}

bool gate_needs_more_than_time(const protocol& p, std::size_t index) {
    const bool next_gated = index + 1 < p.phases.size() && !time_only(p.phases[index + 1].entry);
    return !time_only(p.phases[index].exit) || next_gated;
}

std::string_view to_string(time_basis b) noexcept {
    return detail::text_of(b, detail::time_basis_names);
}

std::chrono::days nominal_duration(const protocol& p) noexcept {
    std::chrono::days total{0};
    for (const auto& ph : p.phases) {
        total += ph.min_duration;
    }
    return total;
}

} // namespace rehab

auto fmt::formatter<rehab::protocol>::format(const rehab::protocol& p,
                                             fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(
        fmt::format("{} ({} v{})", p.name, p.id, p.version), ctx);
}

auto fmt::formatter<rehab::prescription>::format(const rehab::prescription& p,
                                                 fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(fmt::format("{}: {}", p.exercise, p.dose), ctx);
}
