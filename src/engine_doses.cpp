/// @file engine_doses.cpp
/// Doses: the arithmetic of the progression rules (`engine_doses.hpp`) and
/// the engine's cache of the current phase's doses, recomputed only when a
/// rule level or the floor level changes.

#include "engine_doses.hpp"

#include <algorithm>
#include <variant>

#include <fmt/format.h>

#include <rehab/engine.hpp>

#include "overloaded.hpp"

namespace rehab {

namespace detail {

namespace {

/// The dose's added load after `steps` increments of `rule_def`, capped (a
/// cap below the starting load keeps the starting load). A load of another
/// kind than the step counts as none.
load step_load(const load& base, const load_step& rule_def, int steps) {
    if (steps <= 0) {
        return base;
    }
    constexpr double no_cap = 1e300;
    return std::visit(
        overloaded{[&](const kilograms& step) -> load {
                       const auto* cap = std::get_if<kilograms>(&rule_def.cap);
                       const auto* start = std::get_if<kilograms>(&base);
                       const double from = start != nullptr ? start->value() : 0.0;
                       const double to = cap != nullptr ? cap->value() : no_cap;
                       return kilograms(std::min(from + step.value() * steps, std::max(to, from)));
                   },
                   [&](const percent_body_weight& step) -> load {
                       const auto* cap = std::get_if<percent_body_weight>(&rule_def.cap);
                       const auto* start = std::get_if<percent_body_weight>(&base);
                       const double from = start != nullptr ? start->percent() : 0.0;
                       const double to = cap != nullptr ? cap->percent() : no_cap;
                       return percent_body_weight(
                           std::min(from + step.percent() * steps, std::max(to, from)));
                   }},
        rule_def.step);
}

/// Whether `item` reports less than dose `d` asks: fewer sets, fewer reps,
/// or shorter holds or timed sets (a set "as long as possible" has no least).
bool short_of(const item_log& item, const dose& d) {
    if (item.sets_done && *item.sets_done < d.sets()) {
        return true;
    }
    if (const auto* r = d.reps_work();
        r != nullptr && item.reps_per_set && *item.reps_per_set < r->reps) {
        return true;
    }
    if (!item.seconds_per_set) {
        return false;
    }
    // A dose's work is one of reps, a hold or a timed set.
    if (const auto* h = std::get_if<hold>(&d.work())) {
        return *item.seconds_per_set < h->duration;
    }
    if (const auto* t = std::get_if<timed>(&d.work())) {
        return !t->as_long_as_possible && *item.seconds_per_set < t->duration;
    }
    return false;
}

} // namespace

bool rule_targets(const std::vector<std::string>& exercises, std::string_view exercise) noexcept {
    return exercises.empty() ||
           std::find(exercises.begin(), exercises.end(), exercise) != exercises.end();
}

int week_table_row(const week_table& table, int phase_week) noexcept {
    int row = 0;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        if (table.rows[i].first_week <= phase_week) {
            row = static_cast<int>(i);
        }
    }
    return row;
}

dose dose_at(const phase& ph, std::size_t item, std::span<const int> levels, bool floor_level) {
    const std::string& exercise = ph.prescriptions[item].exercise;
    dose_spec spec = ph.prescriptions[item].dose.spec();
    for (std::size_t r = 0; r < ph.rules.size(); ++r) {
        const int level = r < levels.size() ? levels[r] : 0;
        const auto step = [&](std::size_t count) {
            return static_cast<std::size_t>(std::clamp(level, 0, static_cast<int>(count) - 1));
        };
        std::visit(overloaded{[&](const dose_ladder& l) {
                                  if (rule_targets(l.exercises, exercise) && !l.steps.empty()) {
                                      spec = l.steps[step(l.steps.size())].spec();
                                  }
                              },
                              [&](const week_table& t) {
                                  if (rule_targets(t.exercises, exercise) && !t.rows.empty()) {
                                      const auto& row = t.rows[step(t.rows.size())];
                                      spec.sets = row.sets;
                                      spec.work = repetitions{row.reps};
                                      if (row.rm) {
                                          spec.load = rm_target(row.reps.value());
                                      }
                                  }
                              },
                              [&](const load_step& s) {
                                  if (rule_targets(s.exercises, exercise)) {
                                      spec.load = step_load(spec.load, s, level);
                                  }
                              },
                              [&](const floor_on_insertional_pain& f) {
                                  if (floor_level && rule_targets(f.exercises, exercise)) {
                                      spec.constraint =
                                          movement_constraint::no_dorsiflexion_below_neutral;
                                  }
                              },
                              [](const pain_monitoring&) {}},
                   ph.rules[r]);
    }
    auto made = dose::make(spec);
    // Every part comes from checked doses and rules; fall back to the phase's
    // own dose rather than fail if a rule produced something out of range.
    return made ? *made : ph.prescriptions[item].dose;
}

std::vector<int> nominal_levels(const phase& ph, int phase_week) {
    std::vector<int> levels(ph.rules.size(), 0);
    for (std::size_t r = 0; r < ph.rules.size(); ++r) {
        if (const auto* t = std::get_if<week_table>(&ph.rules[r])) {
            levels[r] = week_table_row(*t, phase_week);
        }
    }
    return levels;
}

prescribed_item prescribe_item(const phase& ph, std::size_t item, const dose& d,
                               const patient& who) {
    prescribed_item out{ph.prescriptions[item].exercise, d, {}, {}};
    if (d.side() == sides::affected_only) {
        out.side = who.affected_side;
    }
    if (const auto* k = std::get_if<kilograms>(&d.load())) {
        out.load_kg = *k;
    } else if (const auto* p = std::get_if<percent_body_weight>(&d.load());
               p != nullptr && who.body_weight) {
        out.load_kg = p->of(*who.body_weight);
    }
    return out;
}

bool load_at_cap(const load& current, const load_step& rule_def) {
    return std::visit(overloaded{[&](const kilograms& cap) {
                                     const auto* k = std::get_if<kilograms>(&current);
                                     return k != nullptr && *k >= cap;
                                 },
                                 [&](const percent_body_weight& cap) {
                                     const auto* p = std::get_if<percent_body_weight>(&current);
                                     return p != nullptr && *p >= cap;
                                 }},
                      rule_def.cap);
}

bool done_in_full(const session_log& log, const phase& ph, const std::vector<dose>& doses) {
    if (log.status != session_status::done) {
        return false;
    }
    for (const auto& item : log.items) {
        for (std::size_t i = 0; i < ph.prescriptions.size(); ++i) {
            if (ph.prescriptions[i].exercise == item.exercise && short_of(item, doses[i])) {
                return false;
            }
        }
    }
    return true;
}

} // namespace detail

// --- the engine's doses ----------------------------------------------------------

dose progression_engine::dose_for(std::size_t item) const {
    std::vector<int> levels(rule_states_.size());
    std::transform(rule_states_.begin(), rule_states_.end(), levels.begin(),
                   [](const rule_state& s) { return s.level; });
    return detail::dose_at(current_phase(), item, levels, floor_level_);
}

void progression_engine::refresh_doses() {
    if (!dirty_) {
        return;
    }
    const auto n = current_phase().prescriptions.size();
    doses_.clear();
    doses_.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        doses_.push_back(dose_for(i));
    }
    dirty_ = false;
}

std::string progression_engine::describe_changes(const std::vector<dose>& before) const {
    std::string text;
    for (std::size_t i = 0; i < doses_.size() && i < before.size(); ++i) {
        if (doses_[i] == before[i]) {
            continue;
        }
        if (!text.empty()) {
            text += "; ";
        }
        text += fmt::format("{}: {} -> {}", current_phase().prescriptions[i].exercise, before[i],
                            doses_[i]);
    }
    return text;
}

} // namespace rehab
