/// @file engine.cpp
/// The progression engine: construction, stepping from session to session
/// (phase gates and calendar rules before a session, pauses), and `record`,
/// which runs the stages of `engine_stages.cpp` on a log entry. The dose
/// arithmetic is in `engine_doses.cpp`; the free functions (`prescribe`,
/// `simulate`, `check_log_entry`, `days_since_day_zero`) in `engine_run.cpp`.

#include <rehab/engine.hpp>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "engine_doses.hpp"
#include "overloaded.hpp"

namespace rehab {

namespace {

using detail::overloaded;

std::size_t measure_index(measure m) noexcept { return static_cast<std::size_t>(m); }

bool asks_confirmation(const std::vector<criterion>& list) noexcept {
    return std::any_of(list.begin(), list.end(), [](const criterion& c) {
        return std::holds_alternative<clinician_confirmation>(c);
    });
}

/// "the start", "the injury", "the surgery".
std::string day_zero_name(time_basis b) { return fmt::format("the {}", b); }

/// Whether `log` reports a red flag of `stop`: a snap or pop, unable to bear
/// weight, or pain above the ceiling.
bool reports_red_flag(const session_log& log, const stop_rules& stop) {
    const auto above = [&](const std::optional<pain_score>& p) {
        return p && stop.pain_ceiling && *p > *stop.pain_ceiling;
    };
    return log.snap_or_pop || log.unable_to_bear_weight || above(log.pain_during) ||
           above(log.pain_after) || above(log.pain_next_morning);
}

} // namespace

// --- construction ----------------------------------------------------------

progression_engine::progression_engine(const protocol& p, boost::gregorian::date start_date,
                                       const patient& who, criteria_mode mode)
    : protocol_(p), start_date_(start_date), patient_(who), mode_(mode),
      start_weekday_(static_cast<unsigned>(start_date.day_of_week().as_number())) {}

expected<progression_engine> progression_engine::start(const protocol& p,
                                                       boost::gregorian::date start_date,
                                                       const patient& who, criteria_mode mode) {
    if (start_date.is_special()) {
        return fail(errc::invalid_value, "/start", "must be a calendar date, got a special value");
    }
    if (p.phases.empty()) {
        return fail(errc::invalid_value, "/phases", "the protocol has no phases");
    }
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        if (auto why = sessionless_phase_problem(p, i)) {
            return fail(errc::invalid_value, fmt::format("/phases/{}/prescriptions", i),
                        std::move(*why));
        }
    }
    auto elapsed = days_since_day_zero(p, who, start_date);
    if (!elapsed) {
        return tl::unexpected(elapsed.error());
    }
    progression_engine engine(p, start_date, who, mode);
    engine.day_zero_offset_ = *elapsed;
    // Phases that ended before the start are passed by time alone: a patient
    // who starts at week 6 after surgery starts in the week-6 phase. A gate
    // that asks for more than time (a measurement, a clinician) is not: the
    // patient starts in the phase before it, as if just arrived at the gate.
    const std::vector<long long> starts = planned_phase_starts(p);
    engine.enter_phase(0, static_cast<int>(starts[0]) - *elapsed);
    while (engine.phase_index_ + 1 < p.phases.size()) {
        const auto next = static_cast<int>(starts[engine.phase_index_ + 1] - *elapsed);
        if (next > 0 || (mode == criteria_mode::from_log &&
                         gate_needs_more_than_time(p, engine.phase_index_))) {
            break;
        }
        const std::string from = engine.current_phase().id;
        engine.enter_phase(engine.phase_index_ + 1, next);
        engine.add_trace(session_key{0, 0}, "phase", trace_action::phase_advanced, {},
                         fmt::format("{} -> {}: {} ended {} days after {}, before the start", from,
                                     engine.current_phase().id, from, next + *elapsed,
                                     day_zero_name(p.counted_from)));
    }
    return engine;
}

void progression_engine::enter_phase(std::size_t index, int day) {
    phase_index_ = index;
    phase_start_ = day;
    review_flagged_ = false;
    completed_in_phase_ = 0;
    // Every rule's interval counts from the phase start: its first step comes
    // one full interval after it at the earliest.
    rule_states_.assign(current_phase().rules.size(),
                        rule_state{.level = 0, .last_change_day = day, .streak = 0});
    confirmed_in_phase_ = false;
    dirty_ = true; // floor_level_ is the patient's state and carries over
}

void progression_engine::add_trace(session_key at, std::string rule_name, trace_action action,
                                   std::vector<session_key> evidence, std::string detail) {
    trace_.push_back(
        trace_entry{at, std::move(rule_name), action, std::move(evidence), std::move(detail)});
}

// --- phase gates ---------------------------------------------------------------

bool progression_engine::criteria_met(const std::vector<criterion>& list, int day,
                                      std::string* unmet) const {
    bool all = true;
    for (const auto& c : list) {
        // A plan assumes every criterion met but time: a gate "at least N
        // weeks since the injury" still waits for its day.
        const bool met =
            (mode_ == criteria_mode::assume_met &&
             !std::holds_alternative<time_since_day_zero>(c)) ||
            std::visit(
                overloaded{
                    [&](const sessions_completed& s) { return completed_in_phase_ >= s.count; },
                    [&](const pain_rules_respected& p) {
                        const int from = day - static_cast<int>(p.window.count()) + 1;
                        return last_logged_day_ >= from && last_breach_day_ < from;
                    },
                    [&](const measurement_at_least& m) {
                        const auto& v = latest_measure_[measure_index(m.what)];
                        return v.has_value() && *v >= m.value;
                    },
                    [&](const no_insertional_pain& n) {
                        const int from = day - static_cast<int>(n.window.count()) + 1;
                        return last_logged_day_ >= from && last_insertional_day_ < from;
                    },
                    [&](const time_since_day_zero& t) {
                        // Read for the day after `day`, the day a phase would
                        // start (the log is read up to the day before it).
                        // Calendar time: a pause does not stop the injury's clock.
                        return day + 1 + day_zero_offset_ >= t.time.count();
                    },
                    [&](const clinician_confirmation&) { return confirmed_in_phase_; }},
                c);
        if (!met) {
            all = false;
            if (unmet == nullptr) {
                break; // only the answer is wanted, not the list
            }
            *unmet += unmet->empty() ? "" : ", ";
            *unmet += fmt::format("{}", c);
        }
    }
    return all;
}

/// Moves to `day`; returns false when the program completed before it.
bool progression_engine::advance_day(int day) {
    while (!complete_) {
        const phase& ph = current_phase();
        const int in_phase = day - phase_start_;
        if (in_phase < static_cast<int>(ph.min_duration.count())) {
            return true;
        }
        // A referral or a pain-rule breach halts phase changes too; a phase
        // held past its maximum is still flagged for review.
        if (!increase_allowed() || !gates_met(day - 1, nullptr)) {
            flag_for_review(day);
            return true;
        }
        const session_key at{day, 0};
        if (in_last_phase()) {
            complete_ = true;
            add_trace(at, "phase", trace_action::completed, {},
                      fmt::format("{} completed after {} days", ph.id, in_phase));
            return false;
        }
        const std::string from = ph.id;
        enter_phase(phase_index_ + 1, day);
        add_trace(at, "phase", trace_action::phase_advanced, {},
                  fmt::format("{} -> {} after {} days", from, current_phase().id, in_phase));
        // A zero-length phase may end at once: go round again.
    }
    return false;
}

bool progression_engine::gates_met(int day, std::string* unmet) const {
    bool met = criteria_met(current_phase().exit, day, unmet);
    if (!in_last_phase() && (met || unmet != nullptr)) {
        met = criteria_met(program().phases[phase_index_ + 1].entry, day, unmet) && met;
    }
    return met;
}

void progression_engine::flag_for_review(int day) {
    const phase& ph = current_phase();
    const int in_phase = day - phase_start_;
    const session_key at{day, 0};
    const bool past_maximum =
        ph.max_duration && in_phase >= static_cast<int>(ph.max_duration->count());
    // A confirmation gate is never passed by the engine: once the phase's
    // time is up, the phase is due for review until a clinician confirms.
    const bool needs_confirmation =
        !confirmed_in_phase_ && mode_ == criteria_mode::from_log &&
        (asks_confirmation(ph.exit) ||
         (!in_last_phase() && asks_confirmation(program().phases[phase_index_ + 1].entry)));
    if (needs_confirmation && !review_flagged_) {
        review_flagged_ = true;
        std::string unmet;
        gates_met(day - 1, &unmet);
        add_trace(
            at, "phase", trace_action::phase_review, {},
            fmt::format("{} is due for review: its time is up and it needs {}", ph.id, unmet));
    }
    if (past_maximum && !review_flagged_) {
        review_flagged_ = true;
        std::string unmet;
        if (!referrals_.empty()) {
            unmet = "a stop-and-refer flag is active";
        } else if (!breaches_.empty()) {
            unmet = fmt::format("a pain rule is in breach: {}", breaches_.front().reason);
        }
        gates_met(day - 1, &unmet);
        add_trace(at, "phase", trace_action::phase_review, {},
                  fmt::format("{} reached its maximum of {} days with criteria unmet ({}): review "
                              "with a clinician",
                              ph.id, ph.max_duration->count(), unmet));
    }
}

// --- calendar rules ------------------------------------------------------------

void progression_engine::calendar_rules(int day, session_key at) {
    const phase& ph = current_phase();
    const int week = (day - phase_start_) / 7 + 1;
    for (std::size_t r = 0; r < ph.rules.size(); ++r) {
        const auto* table = std::get_if<week_table>(&ph.rules[r]);
        if (table == nullptr || table->rows.empty()) {
            continue;
        }
        const int target = detail::week_table_row(*table, week);
        auto& state = rule_states_[r];
        if (state.level >= target || !increase_allowed() || day - state.last_change_day < 7) {
            continue;
        }
        refresh_doses();
        const auto before = doses_;
        ++state.level;
        state.last_change_day = day;
        dirty_ = true;
        refresh_doses();
        add_trace(at, table->id, trace_action::progressed, {},
                  fmt::format("week {}: {}", week, describe_changes(before)));
    }
}

// --- pauses --------------------------------------------------------------------

expected<void> progression_engine::pause(int from_day, int days) {
    if (days < 1) {
        return fail(errc::invalid_value, "/pause", fmt::format("must last >= 1 day, got {}", days));
    }
    if (from_day <= day_) {
        return fail(errc::invalid_value, "/pause",
                    fmt::format("starts on program day {}, but day {} has already been served",
                                from_day + 1, day_ + 1));
    }
    const auto at = std::lower_bound(pauses_.begin(), pauses_.end(), std::pair{from_day, 0});
    const bool after_previous =
        at == pauses_.begin() || std::prev(at)->first + std::prev(at)->second <= from_day;
    const bool before_next = at == pauses_.end() || from_day + days <= at->first;
    if (!after_previous || !before_next) {
        return fail(errc::invalid_value, "/pause",
                    fmt::format("program days {} to {} overlap a pause already declared",
                                from_day + 1, from_day + days));
    }
    pauses_.insert(at, {from_day, days});
    return {};
}

int progression_engine::skip_pauses(int day) {
    for (const auto& [first, days] : pauses_) {
        if (first == day) {
            // Every day-stamped state moves on by the pause: the program
            // resumes as if the paused days had not been. Phases counted from
            // an injury or surgery follow the calendar: the boot weeks do not
            // wait for a pause.
            if (program().counted_from == time_basis::start) {
                phase_start_ += days;
            }
            for (rule_state& state : rule_states_) {
                state.last_change_day += days;
            }
            last_breach_day_ += days;
            last_logged_day_ += days;
            last_insertional_day_ += days;
            for (auto& morning : mornings_) {
                morning.first += days;
            }
            day += days;
        }
    }
    return day;
}

// --- stepping ------------------------------------------------------------------

std::optional<session_prescription> progression_engine::next() {
    if (!advance()) {
        return std::nullopt;
    }
    return current();
}

std::optional<session_key> progression_engine::advance() {
    if (complete_) {
        return std::nullopt;
    }
    // A session served but not recorded stays unlogged: nothing is learnt
    // from it, and a breach in force keeps holding until an entry ends it.
    int day = day_;
    int slot = slot_ + 1;
    if (day < 0) {
        day = skip_pauses(0);
        slot = 0;
        if (!advance_day(day)) {
            return std::nullopt;
        }
    }
    for (;;) {
        const phase& ph = current_phase();
        if (has_sessions(ph) && slot < ph.frequency.per_day.value() &&
            is_session_day(ph.frequency.days, day, start_weekday_)) {
            break;
        }
        day = skip_pauses(day + 1);
        slot = 0;
        if (!advance_day(day)) {
            return std::nullopt;
        }
    }
    day_ = day;
    slot_ = slot;
    served_ = true;
    recorded_ = false;
    const session_key key{day, slot};
    calendar_rules(day, key);
    return key;
}

session_prescription progression_engine::current() {
    refresh_doses();
    const session_key key{day_, slot_};
    const int day = day_;
    const phase& ph = current_phase();
    session_prescription out;
    out.session = key;
    out.phase_index = phase_index_;
    out.phase_id = ph.id;
    out.program_week = day / 7 + 1;
    out.phase_week = (day - phase_start_) / 7 + 1;
    out.items.reserve(ph.prescriptions.size());
    for (std::size_t i = 0; i < ph.prescriptions.size(); ++i) {
        out.items.push_back(detail::prescribe_item(ph, i, doses_[i], patient_));
    }
    out.referrals = referrals_;
    out.breaches = breaches_;
    out.rule_levels.reserve(rule_states_.size());
    for (const rule_state& state : rule_states_) {
        out.rule_levels.push_back(state.level);
    }
    return out;
}

// --- recording ---------------------------------------------------------------------

expected<void> progression_engine::record(const session_log& log) {
    if (auto recordable = check_recordable(log); !recordable) {
        return recordable;
    }
    recorded_ = true;
    refresh_doses();
    // Judged against the doses the patient was given, before this entry
    // changes any of them.
    const bool completed = detail::done_in_full(log, current_phase(), doses_);

    // Stage 1: red flags, from any entry, missed ones too.
    apply_stop_rules(log);
    note_entry(log);
    // Stage 2: pain monitoring; breaches start and end here.
    apply_pain_monitoring(log);
    apply_floor_rules(log);
    if (completed) {
        ++completed_in_phase_;
    }
    // Stage 3: condition rules, only while nothing forbids an increase.
    if (log.status == session_status::missed || !increase_allowed()) {
        for (auto& s : rule_states_) {
            s.streak = 0;
        }
        return {};
    }
    apply_condition_rules(log, completed);
    return {};
}

expected<void> progression_engine::check_recordable(const session_log& log) const {
    if (!served_) {
        return fail(errc::invalid_value, "/session",
                    "no session has been served yet: call next() first");
    }
    if (recorded_ || log.session != session_key{day_, slot_}) {
        return fail(errc::invalid_value, "/session",
                    fmt::format("this log is for {}, but the session to record is {}", log.session,
                                session_key{day_, slot_}));
    }
    auto checked = check_log_entry(log, current_phase());
    // Refused whole, so say so if it carries a red flag: it must not be
    // dropped with the entry.
    if (!checked && reports_red_flag(log, program().stop)) {
        checked.error().message +=
            "; the entry also reports a red flag: correct it and record it again";
    }
    return checked;
}

void progression_engine::note_entry(const session_log& log) {
    for (const auto& m : log.measurements) {
        latest_measure_[measure_index(m.what)] = m.value;
    }
    if (log.insertional_pain) {
        last_insertional_day_ = log.session.day;
    }
    if (log.clinician_confirmed) {
        confirmed_in_phase_ = true;
    }
    if (log.status != session_status::missed) {
        last_logged_day_ = log.session.day;
        recent_logged_.push_back(log.session);
        if (recent_logged_.size() > 16) {
            recent_logged_.erase(recent_logged_.begin());
        }
    }
}

} // namespace rehab
