/// @file engine_stages.cpp
/// The stages `progression_engine::record` runs on each log entry, in order:
/// stop-and-refer rules (any entry, missed ones too), pain monitoring
/// (breaches start and end: each is a state with its release condition) with
/// the floor rules, then the condition rules (ladders, load steps). Every
/// increase goes through `increase_allowed()`: the floor rules' way back up
/// asks it here, the condition rules are only called while it holds
/// (`record`), and a regression only ever steps down.

#include <rehab/engine.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "engine_doses.hpp"
#include "overloaded.hpp"

namespace rehab {

namespace {

using detail::overloaded;

std::string pain_text(std::string_view when, pain_score p) {
    return fmt::format("pain {} {}", when, p);
}

// --- pain monitoring -------------------------------------------------------------

/// One pain-monitoring rule judged against one entry, limit by limit. A
/// reading above a limit starts a breach if none is in force (and, when the
/// entry's own score is above it, counts as broken by this entry); a reading
/// at or below it ends the breach in force; no reading leaves the state as it
/// was. The texts of readings are made only when used.
struct pain_rule_judgement {
    const pain_monitoring& rule;
    session_key at;
    std::vector<pain_breach>& breaches; ///< the engine's breaches in force
    std::vector<trace_entry>& trace;    ///< the engine's trace, for the releases
    std::string started{};              ///< the breaches this entry started
    std::string broken{};               ///< the limits this entry's own readings broke

    /// Judges `reading` against `max` (no limit: nothing to judge); `own`
    /// says whether the entry's own score is above it, `what` describes the
    /// reading ("pain during 7/10").
    template <class Describe>
    void limit(pain_limit which, const std::optional<pain_score>& max, double reading, bool own,
               const Describe& what) {
        if (!max) {
            return;
        }
        const auto in_force =
            std::find_if(breaches.begin(), breaches.end(), [&](const pain_breach& b) {
                return b.rule == rule.id && b.limit == which;
            });
        if (reading > max->value()) {
            if (in_force == breaches.end()) {
                std::string reason = fmt::format("{} is above {}", what(), *max);
                started += started.empty() ? "" : "; ";
                started += reason;
                breaches.push_back(pain_breach{rule.id, which, at, std::move(reason)});
            }
            if (own) {
                broken += broken.empty() ? "" : "; ";
                broken += fmt::format("{} is above {}", what(), *max);
            }
        } else if (in_force != breaches.end()) {
            trace.push_back(
                trace_entry{at,
                            rule.id,
                            trace_action::released,
                            {at},
                            fmt::format("{} is back at or below {} (in breach since {})", what(),
                                        *max, in_force->since)});
            breaches.erase(in_force);
        }
    }
};

/// The mean of the next-morning pain scores in `mornings` ((day, pain) pairs).
/// Precondition: not empty.
double mean_pain(const std::vector<std::pair<int, int>>& mornings) {
    double sum = 0.0;
    for (const auto& [day, pain] : mornings) {
        sum += pain;
    }
    return sum / static_cast<double>(mornings.size());
}

// --- condition rules -------------------------------------------------------------

/// What a rule that steps up on a condition (a dose ladder, a load step) asks
/// before its next step.
struct stepping_rule {
    const std::string& id;
    const progress_condition& advance;
    int max_level = 0; ///< its last step; a load rule stops at its cap instead
    std::chrono::days min_interval{0};
    bool at_cap = false; ///< a load rule whose load has reached its cap on an exercise it names
};

/// Whether load rule `s` has reached its cap on any prescription of `ph` it
/// names, at `doses`.
bool any_load_at_cap(const load_step& s, const phase& ph, const std::vector<dose>& doses) {
    for (std::size_t i = 0; i < doses.size(); ++i) {
        if (detail::rule_targets(s.exercises, ph.prescriptions[i].exercise) &&
            detail::load_at_cap(doses[i].load(), s)) {
            return true;
        }
    }
    return false;
}

/// `r` as a rule that steps up on a condition, with the cap read at `doses`
/// (the doses of `ph`'s prescriptions); nothing for every other kind of rule.
std::optional<stepping_rule> as_stepping_rule(const rule& r, const phase& ph,
                                              const std::vector<dose>& doses) {
    return std::visit(
        overloaded{[](const dose_ladder& l) -> std::optional<stepping_rule> {
                       return stepping_rule{.id = l.id,
                                            .advance = l.advance,
                                            .max_level = static_cast<int>(l.steps.size()) - 1,
                                            .min_interval = l.min_interval};
                   },
                   [&](const load_step& s) -> std::optional<stepping_rule> {
                       return stepping_rule{.id = s.id,
                                            .advance = s.advance,
                                            .max_level = 1'000'000,
                                            .min_interval = s.min_interval,
                                            .at_cap = any_load_at_cap(s, ph, doses)};
                   },
                   [](const auto&) -> std::optional<stepping_rule> { return std::nullopt; }},
        r);
}

/// Whether `log`, an entry `completed` in full or not, counts towards a step
/// of a rule that advances on `cond`: done in full, and pain-free during or
/// the next morning when the condition asks it.
bool counts_towards_step(const progress_condition& cond, const session_log& log, bool completed) {
    switch (cond.when) {
    case progress_when::completed:
        return completed;
    case progress_when::pain_free:
        return completed && log.pain_during && *log.pain_during <= cond.pain_free_max;
    case progress_when::next_day_fine:
        return completed && log.pain_next_morning && *log.pain_next_morning <= cond.pain_free_max;
    }
    return completed;
}

} // namespace

// --- stage 1: stop-and-refer rules ---------------------------------------------------

void progression_engine::apply_stop_rules(const session_log& log) {
    const session_key key = log.session;
    // A clinician's clearance ends the flags raised before; the entry's own
    // red flags are read after it, so they are never cleared by it.
    if (log.clinician_cleared && !referrals_.empty()) {
        referrals_.clear();
        add_trace(key, "stop", trace_action::cleared, {key},
                  "a clinician cleared the stop-and-refer flags");
    }
    const auto refer = [&](std::string reason) {
        add_trace(key, "stop", trace_action::stop_and_refer, {key},
                  fmt::format("{}: progression halted, refer to a clinician", reason));
        referrals_.push_back(referral{std::move(reason), key});
    };
    const stop_rules& stop = program().stop;
    if (stop.refer_on_snap_or_pop && log.snap_or_pop) {
        refer("suspected rupture: a sudden snap or pop was reported");
    }
    if (stop.refer_on_unable_to_bear_weight && log.unable_to_bear_weight) {
        refer("suspected rupture: unable to bear weight");
    }
    if (stop.pain_ceiling) {
        for (const auto& [when, pain] :
             {std::pair{"during", log.pain_during}, std::pair{"after", log.pain_after},
              std::pair{"the next morning", log.pain_next_morning}}) {
            if (pain && *pain > *stop.pain_ceiling) {
                refer(fmt::format("{} is above the ceiling of {}", pain_text(when, *pain),
                                  *stop.pain_ceiling));
            }
        }
    }
}

// --- stage 2: pain monitoring and floor rules ------------------------------------------

void progression_engine::apply_pain_monitoring(const session_log& log) {
    const int day = log.session.day;
    if (!breaches_.empty()) {
        last_breach_day_ = day; // in force on every day up to this entry
    }
    // This entry's own readings are judged after a clinician's clearance.
    if (log.clinician_cleared) {
        clear_breaches(log.session);
    }
    if (log.pain_next_morning) {
        mornings_.emplace_back(day, log.pain_next_morning->value());
    }
    while (!mornings_.empty() && mornings_.front().first < day - 6) {
        mornings_.erase(mornings_.begin());
    }
    for (const auto& r : current_phase().rules) {
        if (const auto* monitor = std::get_if<pain_monitoring>(&r)) {
            judge_pain_rule(*monitor, log);
        }
    }
    if (!breaches_.empty()) {
        last_breach_day_ = day;
    }
}

void progression_engine::clear_breaches(session_key at) {
    if (breaches_.empty()) {
        return;
    }
    for (const pain_breach& b : breaches_) {
        add_trace(at, b.rule, trace_action::released, {at},
                  fmt::format("a clinician cleared the breach ({}, since {})", b.reason, b.since));
    }
    breaches_.clear();
    mornings_.clear(); // the mornings the clinician has seen do not start it again
}

void progression_engine::judge_pain_rule(const pain_monitoring& monitor, const session_log& log) {
    const session_key key = log.session;
    pain_rule_judgement judged{monitor, key, breaches_, trace_};
    if (log.pain_during) {
        judged.limit(pain_limit::during, monitor.during_max, log.pain_during->value(), true,
                     [&] { return pain_text("during", *log.pain_during); });
    }
    if (log.pain_after) {
        judged.limit(pain_limit::after, monitor.after_max, log.pain_after->value(), true,
                     [&] { return pain_text("after", *log.pain_after); });
    }
    if (log.pain_next_morning) {
        judged.limit(pain_limit::next_morning, monitor.morning_max, log.pain_next_morning->value(),
                     true,
                     [&] { return fmt::format("next-morning pain {}", *log.pain_next_morning); });
    }
    if (!mornings_.empty() && monitor.weekly_morning_max) {
        // Read at every entry, with or without a morning of its own: the
        // 7-day level lasts until it comes down. Only an entry whose own
        // morning is above the limit counts as breaking it.
        const double mean = mean_pain(mornings_);
        const bool own =
            log.pain_next_morning && *log.pain_next_morning > *monitor.weekly_morning_max;
        judged.limit(pain_limit::weekly_morning, monitor.weekly_morning_max, mean, own, [&] {
            return fmt::format("the mean next-morning pain of the last 7 days ({:.1f}/10, {} "
                               "mornings)",
                               mean, mornings_.size());
        });
    }
    if (monitor.response == breach_response::regress && !judged.broken.empty()) {
        regress(monitor, key, judged.broken);
    } else if (!judged.started.empty()) {
        add_trace(key, monitor.id, trace_action::held, {key},
                  fmt::format("{}: no increase until it is back within the limit", judged.started));
    }
}

void progression_engine::regress(const pain_monitoring& monitor, session_key at,
                                 const std::string& why) {
    const phase& ph = current_phase();
    const auto before = doses_;
    for (std::size_t r = 0; r < ph.rules.size(); ++r) {
        if (std::holds_alternative<pain_monitoring>(ph.rules[r]) ||
            std::holds_alternative<floor_on_insertional_pain>(ph.rules[r])) {
            continue;
        }
        auto& s = rule_states_[r];
        s.level = std::max(0, s.level - monitor.regress_steps);
        s.last_change_day = at.day; // the next step waits a full interval
    }
    dirty_ = true;
    refresh_doses();
    const std::string changes = describe_changes(before);
    add_trace(at, monitor.id, trace_action::regressed, {at},
              fmt::format("{}: {}", why, changes.empty() ? "already at the lowest step" : changes));
}

void progression_engine::apply_floor_rules(const session_log& log) {
    // Insertional pain moves exercises to floor level. Back to the step is an
    // increase: it needs an entry of a session done or started without that
    // pain, and nothing else forbidding an increase. The state is the
    // patient's, kept across phases, so a phase entered while the insertion
    // hurts starts at floor level.
    const bool floor =
        log.insertional_pain ||
        (floor_level_ && (log.status == session_status::missed || !increase_allowed()));
    if (floor == floor_level_) {
        return;
    }
    const auto before = doses_;
    floor_level_ = floor;
    dirty_ = true;
    refresh_doses();
    for (const auto& r : current_phase().rules) {
        if (const auto* f = std::get_if<floor_on_insertional_pain>(&r)) {
            add_trace(log.session, f->id, trace_action::floor_level, {log.session},
                      fmt::format("{}: {}",
                                  floor ? "pain at the insertion" : "no pain at the insertion",
                                  describe_changes(before)));
        }
    }
}

// --- stage 3: condition rules ---------------------------------------------------------

void progression_engine::apply_condition_rules(const session_log& log, bool completed) {
    const phase& ph = current_phase();
    const session_key key = log.session;
    for (std::size_t r = 0; r < ph.rules.size(); ++r) {
        // Read rule by rule: a step of an earlier rule may bring a load to its cap.
        const auto stepping = as_stepping_rule(ph.rules[r], ph, doses_);
        if (!stepping) {
            continue;
        }
        const progress_condition& cond = stepping->advance;
        auto& state = rule_states_[r];
        state.streak = counts_towards_step(cond, log, completed) ? state.streak + 1 : 0;
        // The interval counts from the phase start (enter_phase) or the last
        // change, so the first step needs a full interval too.
        const bool too_soon =
            key.day - state.last_change_day < static_cast<int>(stepping->min_interval.count());
        if (state.streak < std::max(1, cond.sessions) || state.level >= stepping->max_level ||
            stepping->at_cap || too_soon) {
            continue;
        }
        const auto before = doses_;
        ++state.level;
        state.last_change_day = key.day;
        state.streak = 0;
        dirty_ = true;
        refresh_doses();
        std::vector<session_key> evidence(
            recent_logged_.end() -
                std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(recent_logged_.size()),
                                         std::max(1, cond.sessions)),
            recent_logged_.end());
        add_trace(key, stepping->id, trace_action::progressed, std::move(evidence),
                  fmt::format("{}: {}", to_string(cond.when), describe_changes(before)));
    }
}

} // namespace rehab
