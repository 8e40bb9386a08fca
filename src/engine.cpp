#include <rehab/engine.hpp>

#include <rehab/dates.hpp>

#include "engine_doses.hpp"
#include "overloaded.hpp"

#include <rehab/detail/close_matches.hpp>

#include <algorithm>
#include <cstddef>
#include <map>
#include <numeric>

#include <fmt/format.h>

namespace rehab {

namespace {

using detail::overloaded;

std::size_t measure_index(measure m) noexcept { return static_cast<std::size_t>(m); }

/// The dose's added load after `steps` increments of `rule`, capped.
load step_load(const load& base, const load_step& rule_def, int steps) {
    if (steps <= 0) {
        return base;
    }
    return std::visit(
        overloaded{
            [&](const kilograms& step) -> load {
                const double cap = std::get_if<kilograms>(&rule_def.cap)
                                       ? std::get<kilograms>(rule_def.cap).value()
                                       : 1e300;
                const double start =
                    std::get_if<kilograms>(&base) ? std::get<kilograms>(base).value() : 0.0;
                return kilograms(std::min(start + step.value() * steps, std::max(cap, start)));
            },
            [&](const percent_body_weight& step) -> load {
                const double cap = std::get_if<percent_body_weight>(&rule_def.cap)
                                       ? std::get<percent_body_weight>(rule_def.cap).percent()
                                       : 1e300;
                const double start = std::get_if<percent_body_weight>(&base)
                                         ? std::get<percent_body_weight>(base).percent()
                                         : 0.0;
                return percent_body_weight(
                    std::min(start + step.percent() * steps, std::max(cap, start)));
            }},
        rule_def.step);
}

/// Number of steps a load rule can still take before its cap.
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

/// Whether the log reports the session done in full against `doses`.
bool done_in_full(const session_log& log, const phase& ph, const std::vector<dose>& doses) {
    if (log.status != session_status::done) {
        return false;
    }
    for (const auto& item : log.items) {
        for (std::size_t i = 0; i < ph.prescriptions.size(); ++i) {
            if (ph.prescriptions[i].exercise != item.exercise) {
                continue;
            }
            const dose& d = doses[i];
            if (item.sets_done && *item.sets_done < d.sets()) {
                return false;
            }
            if (const auto* r = d.reps_work();
                r && item.reps_per_set && *item.reps_per_set < r->reps) {
                return false;
            }
            const auto* h = std::get_if<hold>(&d.work());
            const auto* t = std::get_if<timed>(&d.work());
            if (item.seconds_per_set &&
                ((h && *item.seconds_per_set < h->duration) ||
                 (t && !t->as_long_as_possible && *item.seconds_per_set < t->duration))) {
                return false;
            }
        }
    }
    return true;
}

std::string pain_text(std::string_view when, pain_score p) {
    return fmt::format("pain {} {}", when, p);
}

} // namespace

namespace detail {

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
    } else if (const auto* p = std::get_if<percent_body_weight>(&d.load()); p && who.body_weight) {
        out.load_kg = p->of(*who.body_weight);
    }
    return out;
}

} // namespace detail

// --- the day the protocol counts from ------------------------------------------

namespace {

bool asks_confirmation(const std::vector<criterion>& list) noexcept {
    return std::any_of(list.begin(), list.end(), [](const criterion& c) {
        return std::holds_alternative<clinician_confirmation>(c);
    });
}

/// "the start", "the injury", "the surgery".
std::string day_zero_name(time_basis b) { return fmt::format("the {}", b); }

} // namespace

expected<int> days_since_day_zero(const protocol& p, const patient& who,
                                  boost::gregorian::date start) {
    if (start.is_special()) {
        return fail(errc::invalid_value, "/start", "must be a calendar date, got a special value");
    }
    const auto since = [&](const std::optional<boost::gregorian::date>& d,
                           std::string_view field) -> expected<int> {
        if (!d) {
            return 0;
        }
        if (d->is_special()) {
            return fail(errc::invalid_value, fmt::format("/patient/{}", field),
                        "must be a calendar date, got a special value");
        }
        const auto days = (start - *d).days();
        if (days < 0) {
            return fail(
                errc::invalid_value, fmt::format("/patient/{}", field),
                fmt::format("{} is after the start date {}", to_iso_date(*d), to_iso_date(start)));
        }
        if (days > 36525) {
            return fail(
                errc::invalid_value, fmt::format("/patient/{}", field),
                fmt::format("{} is more than 100 years before the start date", to_iso_date(*d)));
        }
        return static_cast<int>(days);
    };
    if (who.injury_date && who.surgery_date && !who.injury_date->is_special() &&
        !who.surgery_date->is_special() && *who.surgery_date < *who.injury_date) {
        return fail(errc::invalid_value, "/patient/surgery_date",
                    fmt::format("{} is before the injury on {}", to_iso_date(*who.surgery_date),
                                to_iso_date(*who.injury_date)));
    }
    // The date the protocol counts from is missing while the other is given:
    // counting from the start instead would be a silent guess.
    if (p.counted_from == time_basis::surgery && !who.surgery_date && who.injury_date) {
        return fail(errc::invalid_value, "/patient/surgery_date",
                    fmt::format("{} counts from the surgery: give the surgery date (only the "
                                "injury date is given)",
                                p.id));
    }
    if (p.counted_from == time_basis::injury && !who.injury_date && who.surgery_date) {
        return fail(errc::invalid_value, "/patient/injury_date",
                    fmt::format("{} counts from the injury: give the injury date (only the "
                                "surgery date is given)",
                                p.id));
    }
    auto injury = since(who.injury_date, "injury_date");
    auto surgery = since(who.surgery_date, "surgery_date");
    if (!injury || !surgery) {
        return tl::unexpected(!injury ? injury.error() : surgery.error());
    }
    if (p.earliest_start) {
        const bool known = who.surgery_date || who.injury_date;
        const int elapsed = who.surgery_date ? *surgery : *injury;
        const auto need = static_cast<int>(p.earliest_start->after_day_zero.count());
        if (known && elapsed < need) {
            const char* from = who.surgery_date ? "the surgery" : "the injury";
            std::string why;
            for (const auto& r : p.earliest_start->until_then.rom_limits) {
                why += fmt::format("{}{}", why.empty() ? "; until then: " : ", ", r);
            }
            return fail(errc::invalid_value, "/start",
                        fmt::format("{} starts {} days after {}, but applies from day {} ({}){}{}",
                                    p.id, elapsed, from, need,
                                    to_iso_date(start + boost::gregorian::days(need - elapsed)),
                                    why,
                                    p.earliest_start->source.empty()
                                        ? std::string{}
                                        : fmt::format(" ({})", p.earliest_start->source)));
        }
    }
    switch (p.counted_from) {
    case time_basis::start:
        return 0;
    case time_basis::injury:
        return *injury;
    case time_basis::surgery:
        return *surgery;
    }
    return 0;
}

// --- construction ----------------------------------------------------------

progression_engine::progression_engine(const protocol& p, boost::gregorian::date start_date,
                                       const patient& who, criteria_mode mode)
    : protocol_(&p), start_date_(start_date), patient_(who), mode_(mode),
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

// --- doses -------------------------------------------------------------------

bool progression_engine::targets(const std::vector<std::string>& exercises,
                                 std::size_t item) const noexcept {
    return detail::rule_targets(exercises, current_phase().prescriptions[item].exercise);
}

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

// --- criteria ----------------------------------------------------------------

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
        const session_key at{day, 0};
        // A referral or a pain-rule breach halts phase changes too; a phase
        // held past its maximum is still flagged for review below.
        const bool halted = !increase_allowed();
        const bool last = phase_index_ + 1 == protocol_->phases.size();
        const auto check = [&](std::string* unmet) {
            bool met = criteria_met(ph.exit, day - 1, unmet);
            if (!last && (met || unmet != nullptr)) {
                met =
                    criteria_met(protocol_->phases[phase_index_ + 1].entry, day - 1, unmet) && met;
            }
            return met;
        };
        const bool met = !halted && check(nullptr);
        if (met) {
            if (last) {
                complete_ = true;
                add_trace(at, "phase", trace_action::completed, {},
                          fmt::format("{} completed after {} days", ph.id, in_phase));
                return false;
            }
            const std::string from = ph.id;
            enter_phase(phase_index_ + 1, day);
            add_trace(at, "phase", trace_action::phase_advanced, {},
                      fmt::format("{} -> {} after {} days", from, current_phase().id, in_phase));
            continue; // a zero-length phase may end at once
        }
        const bool past_maximum =
            ph.max_duration && in_phase >= static_cast<int>(ph.max_duration->count());
        // A confirmation gate is never passed here: once the phase's time is
        // up, the phase is due for review until a clinician confirms.
        const bool needs_confirmation =
            !confirmed_in_phase_ && mode_ == criteria_mode::from_log &&
            (asks_confirmation(ph.exit) ||
             (!last && asks_confirmation(protocol_->phases[phase_index_ + 1].entry)));
        if (needs_confirmation && !review_flagged_) {
            review_flagged_ = true;
            std::string unmet;
            check(&unmet);
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
            check(&unmet);
            add_trace(
                at, "phase", trace_action::phase_review, {},
                fmt::format("{} reached its maximum of {} days with criteria unmet ({}): review "
                            "with a clinician",
                            ph.id, ph.max_duration->count(), unmet));
        }
        return true;
    }
    return false;
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
            if (protocol_->counted_from == time_basis::start) {
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

expected<void> progression_engine::record(const session_log& log) {
    if (!served_ || recorded_ || log.session != session_key{day_, slot_}) {
        return fail(errc::invalid_value, "/session",
                    served_ ? fmt::format("this log is for {}, but the session to record is {}",
                                          log.session, session_key{day_, slot_})
                            : std::string("no session has been served yet: call next() first"));
    }
    const phase& ph = current_phase();
    if (auto checked = check_log_entry(log, ph); !checked) {
        // Refused whole, so say so if it carries a red flag: it must not be
        // dropped with the entry.
        const auto above = [&](const std::optional<pain_score>& p) {
            return p && protocol_->stop.pain_ceiling && *p > *protocol_->stop.pain_ceiling;
        };
        if (log.snap_or_pop || log.unable_to_bear_weight || above(log.pain_during) ||
            above(log.pain_after) || above(log.pain_next_morning)) {
            checked.error().message +=
                "; the entry also reports a red flag: correct it and record it again";
        }
        return checked;
    }
    recorded_ = true;
    const session_key key = log.session;
    const bool missed = log.status == session_status::missed;
    refresh_doses();
    // Judged against the doses the patient was given, before this entry
    // changes any of them.
    const bool completed = done_in_full(log, ph, doses_);

    // Stage 1: red flags, from any entry, missed ones too.
    apply_stop_rules(log);

    // What the entry tells of the patient, whatever its status.
    for (const auto& m : log.measurements) {
        latest_measure_[measure_index(m.what)] = m.value;
    }
    if (log.insertional_pain) {
        last_insertional_day_ = key.day;
    }
    if (log.clinician_confirmed) {
        confirmed_in_phase_ = true;
    }
    if (!missed) {
        last_logged_day_ = key.day;
        recent_logged_.push_back(key);
        if (recent_logged_.size() > 16) {
            recent_logged_.erase(recent_logged_.begin());
        }
    }
    // Stage 2: pain monitoring; breaches start and end here.
    apply_pain_monitoring(log);
    apply_floor_rules(log);

    if (completed) {
        ++completed_in_phase_;
    }
    // Stage 3: condition rules, only while nothing forbids an increase.
    if (missed || !increase_allowed()) {
        for (auto& s : rule_states_) {
            s.streak = 0;
        }
        return {};
    }
    apply_condition_rules(log, completed);
    return {};
}

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
    const stop_rules& stop = protocol_->stop;
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

bool progression_engine::apply_pain_monitoring(const session_log& log) {
    const session_key key = log.session;
    const int day = key.day;
    if (!breaches_.empty()) {
        last_breach_day_ = day; // in force on every day up to this entry
    }
    // A clinician who has reviewed the patient ends the breaches in force
    // (as the referrals); this entry's own readings are judged after it.
    if (log.clinician_cleared && !breaches_.empty()) {
        for (const pain_breach& b : breaches_) {
            add_trace(
                key, b.rule, trace_action::released, {key},
                fmt::format("a clinician cleared the breach ({}, since {})", b.reason, b.since));
        }
        breaches_.clear();
        mornings_.clear(); // the mornings the clinician has seen do not start it again
    }
    if (log.pain_next_morning) {
        mornings_.emplace_back(day, log.pain_next_morning->value());
    }
    while (!mornings_.empty() && mornings_.front().first < day - 6) {
        mornings_.erase(mornings_.begin());
    }
    bool broke_any = false;
    for (const auto& r : current_phase().rules) {
        const auto* pm = std::get_if<pain_monitoring>(&r);
        if (pm == nullptr) {
            continue;
        }
        std::string broken; // what this entry itself broke
        std::string started;
        // One limit: a reading above it starts a breach if none is in force
        // (and, when `own` says the entry's own score is above it, counts as
        // broken by this entry); a reading at or below it ends the breach; no
        // reading leaves the state as it was. Texts are made only when used.
        const auto check = [&](pain_limit limit, const std::optional<pain_score>& max,
                               double reading, bool own, const auto& what) {
            if (!max) {
                return;
            }
            const auto in_force =
                std::find_if(breaches_.begin(), breaches_.end(), [&](const pain_breach& b) {
                    return b.rule == pm->id && b.limit == limit;
                });
            if (reading > max->value()) {
                if (in_force == breaches_.end()) {
                    std::string reason = fmt::format("{} is above {}", what(), *max);
                    started += started.empty() ? "" : "; ";
                    started += reason;
                    breaches_.push_back(pain_breach{pm->id, limit, key, std::move(reason)});
                }
                if (own) {
                    broken += broken.empty() ? "" : "; ";
                    broken += fmt::format("{} is above {}", what(), *max);
                }
            } else if (in_force != breaches_.end()) {
                add_trace(key, pm->id, trace_action::released, {key},
                          fmt::format("{} is back at or below {} (in breach since {})", what(),
                                      *max, in_force->since));
                breaches_.erase(in_force);
            }
        };
        if (log.pain_during) {
            check(pain_limit::during, pm->during_max, log.pain_during->value(), true,
                  [&] { return pain_text("during", *log.pain_during); });
        }
        if (log.pain_after) {
            check(pain_limit::after, pm->after_max, log.pain_after->value(), true,
                  [&] { return pain_text("after", *log.pain_after); });
        }
        if (log.pain_next_morning) {
            check(pain_limit::next_morning, pm->morning_max, log.pain_next_morning->value(), true,
                  [&] { return fmt::format("next-morning pain {}", *log.pain_next_morning); });
        }
        if (!mornings_.empty() && pm->weekly_morning_max) {
            // Read at every entry, with or without a morning of its own: the
            // 7-day level lasts until it comes down. Only an entry whose own
            // morning is above the limit counts as breaking it.
            double sum = 0.0;
            for (const auto& [d, pain] : mornings_) {
                sum += pain;
            }
            const double mean = sum / static_cast<double>(mornings_.size());
            const bool own =
                log.pain_next_morning && *log.pain_next_morning > *pm->weekly_morning_max;
            check(pain_limit::weekly_morning, pm->weekly_morning_max, mean, own, [&] {
                return fmt::format("the mean next-morning pain of the last 7 days ({:.1f}/10, {} "
                                   "mornings)",
                                   mean, mornings_.size());
            });
        }
        if (broken.empty() && started.empty()) {
            continue;
        }
        broke_any = broke_any || !broken.empty();
        if (pm->response == breach_response::regress && !broken.empty()) {
            regress(*pm, key, broken);
        } else if (!started.empty()) {
            add_trace(key, pm->id, trace_action::held, {key},
                      fmt::format("{}: no increase until it is back within the limit", started));
        }
    }
    if (!breaches_.empty()) {
        last_breach_day_ = day;
    }
    return broke_any;
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

void progression_engine::apply_condition_rules(const session_log& log, bool completed) {
    const phase& ph = current_phase();
    const session_key key = log.session;
    const int day = key.day;
    for (std::size_t r = 0; r < ph.rules.size(); ++r) {
        const progress_condition* cond = nullptr;
        int max_level = 0;
        std::chrono::days interval{0};
        const std::string* id = nullptr;
        bool capped = false;
        std::visit(overloaded{[&](const dose_ladder& l) {
                                  cond = &l.advance;
                                  max_level = static_cast<int>(l.steps.size()) - 1;
                                  interval = l.min_interval;
                                  id = &l.id;
                              },
                              [&](const load_step& s) {
                                  cond = &s.advance;
                                  max_level = 1'000'000;
                                  interval = s.min_interval;
                                  id = &s.id;
                                  for (std::size_t i = 0; i < doses_.size(); ++i) {
                                      if (targets(s.exercises, i) &&
                                          load_at_cap(doses_[i].load(), s)) {
                                          capped = true;
                                      }
                                  }
                              },
                              [](const auto&) {}},
                   ph.rules[r]);
        if (cond == nullptr) {
            continue;
        }
        auto& state = rule_states_[r];
        bool qualifies = completed;
        if (cond->when == progress_when::pain_free) {
            qualifies = qualifies && log.pain_during && *log.pain_during <= cond->pain_free_max;
        } else if (cond->when == progress_when::next_day_fine) {
            qualifies =
                qualifies && log.pain_next_morning && *log.pain_next_morning <= cond->pain_free_max;
        }
        state.streak = qualifies ? state.streak + 1 : 0;
        // The interval counts from the phase start (enter_phase) or the last
        // change, so the first step needs a full interval too.
        if (state.streak < std::max(1, cond->sessions) || state.level >= max_level || capped ||
            day - state.last_change_day < static_cast<int>(interval.count())) {
            continue;
        }
        const auto before = doses_;
        ++state.level;
        state.last_change_day = day;
        state.streak = 0;
        dirty_ = true;
        refresh_doses();
        std::vector<session_key> evidence(
            recent_logged_.end() -
                std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(recent_logged_.size()),
                                         std::max(1, cond->sessions)),
            recent_logged_.end());
        add_trace(key, *id, trace_action::progressed, std::move(evidence),
                  fmt::format("{}: {}", to_string(cond->when), describe_changes(before)));
    }
}

// --- whole-log functions -------------------------------------------------------------

expected<void> check_log_entry(const session_log& entry, const phase& ph) {
    if (entry.status == session_status::missed && !entry.items.empty()) {
        return fail(errc::invalid_value, "/items",
                    fmt::format("a missed session has no items, got {}", entry.items.size()));
    }
    for (std::size_t k = 0; k < entry.measurements.size(); ++k) {
        const measurement& m = entry.measurements[k];
        // VISA-A and ATRS totals are 0-100; the rest are counts or percentages.
        const bool scored = m.what == measure::visa_a || m.what == measure::atrs;
        if (!(m.value >= 0.0) || (scored && m.value > 100.0)) {
            return fail(errc::invalid_value, fmt::format("/measurements/{}/value", k),
                        fmt::format("{} must be {}, got {}", to_string(m.what),
                                    scored ? "between 0 and 100" : ">= 0", m.value));
        }
    }
    if (entry.items.empty()) {
        return {}; // the common case: done as prescribed, nothing to match
    }
    std::vector<bool> listed(ph.prescriptions.size(), false);
    for (std::size_t k = 0; k < entry.items.size(); ++k) {
        const item_log& item = entry.items[k];
        const std::string at = fmt::format("/items/{}", k);
        const auto found =
            std::find_if(ph.prescriptions.begin(), ph.prescriptions.end(),
                         [&](const prescription& x) { return x.exercise == item.exercise; });
        if (found == ph.prescriptions.end()) {
            std::vector<std::string_view> ids;
            for (const auto& x : ph.prescriptions) {
                ids.emplace_back(x.exercise);
            }
            const auto close = detail::close_matches(item.exercise, ids);
            return fail(errc::unknown_id, at + "/exercise",
                        fmt::format("\"{}\" is not prescribed in {} (phase \"{}\"){}",
                                    item.exercise, entry.session, ph.id,
                                    close.empty() ? fmt::format("; it prescribes \"{}\"",
                                                                fmt::join(ids, "\", \""))
                                                  : detail::did_you_mean(close)));
        }
        const auto index = static_cast<std::size_t>(found - ph.prescriptions.begin());
        if (listed[index]) {
            return fail(errc::duplicate_id, at + "/exercise",
                        fmt::format("\"{}\" is listed twice", item.exercise));
        }
        listed[index] = true;
        if (item.added_load && !(item.added_load->value() >= 0.0)) {
            return fail(errc::invalid_value, at + "/added_load",
                        fmt::format("must be >= 0 kg, got {}", item.added_load->value()));
        }
        if (item.seconds_per_set && item.seconds_per_set->count() < 0) {
            return fail(errc::invalid_value, at + "/seconds_per_set",
                        fmt::format("must be >= 0, got {}", item.seconds_per_set->count()));
        }
    }
    if (entry.status == session_status::done && !entry.items.empty()) {
        for (std::size_t i = 0; i < listed.size(); ++i) {
            if (!listed[i]) {
                return fail(errc::invalid_value, "/items",
                            fmt::format("a done session lists every prescribed exercise or none; "
                                        "\"{}\" is missing",
                                        ph.prescriptions[i].exercise));
            }
        }
    }
    return {};
}

expected<progression_result> prescribe(const protocol& p, boost::gregorian::date start_date,
                                       const patient& who, std::span<const session_log> log,
                                       session_key which) {
    std::vector<std::size_t> order(log.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return log[a].session < log[b].session; });
    for (std::size_t i = 1; i < order.size(); ++i) {
        if (log[order[i]].session == log[order[i - 1]].session) {
            return fail(errc::duplicate_id, fmt::format("/log/{}", order[i]),
                        fmt::format("a second entry for {} (the first is /log/{})",
                                    log[order[i]].session, order[i - 1]));
        }
    }
    auto engine = progression_engine::start(p, start_date, who);
    if (!engine) {
        return tl::unexpected(engine.error());
    }
    const auto not_planned = [&](std::size_t i) {
        return fail(errc::invalid_value, fmt::format("/log/{}", i),
                    fmt::format("{} is not a planned session of the program", log[i].session));
    };
    // The replay goes on past `which` until every entry has been checked; the
    // result is taken at `which`, so later entries do not change it.
    std::optional<progression_result> result;
    std::size_t cursor = 0;
    while (const auto key = engine->advance()) {
        if (cursor < order.size() && log[order[cursor]].session < *key) {
            return not_planned(order[cursor]);
        }
        if (*key == which) {
            result = progression_result{engine->current(), engine->trace()};
        } else if (which < *key && !result) {
            return fail(
                errc::invalid_value, "/session",
                fmt::format("{} is not a planned session; the next one is {}", which, *key));
        }
        if (cursor < order.size() && log[order[cursor]].session == *key) {
            if (auto recorded = engine->record(log[order[cursor]]); !recorded) {
                return tl::unexpected(
                    recorded.error().inside(fmt::format("/log/{}", order[cursor])));
            }
            ++cursor;
        }
        if (result && cursor == order.size()) {
            return std::move(*result);
        }
    }
    if (cursor < order.size()) {
        return not_planned(order[cursor]);
    }
    if (!result) {
        return fail(errc::invalid_value, "/session",
                    fmt::format("the program is complete before {}", which));
    }
    return std::move(*result);
}

expected<simulation>
simulate(const protocol& p, boost::gregorian::date start_date, const patient& who,
         const std::function<std::optional<session_log>(const session_prescription&)>& report,
         int max_days, criteria_mode mode) {
    auto engine = progression_engine::start(p, start_date, who, mode);
    if (!engine) {
        return tl::unexpected(engine.error());
    }
    simulation out;
    while (auto session = engine->next()) {
        if (session->session.day >= max_days) {
            break;
        }
        std::optional<session_log> log = report ? report(*session) : std::nullopt;
        out.sessions.push_back(std::move(*session));
        if (log) {
            log->session = out.sessions.back().session;
            if (auto recorded = engine->record(*log); !recorded) {
                return tl::unexpected(recorded.error());
            }
        }
    }
    out.complete = engine->complete();
    out.trace = engine->trace();
    return out;
}

std::string_view to_string(body_side s) noexcept {
    switch (s) {
    case body_side::left:
        return "left";
    case body_side::right:
        return "right";
    }
    return "unknown";
}

std::string_view to_string(pain_limit l) noexcept {
    switch (l) {
    case pain_limit::during:
        return "pain during";
    case pain_limit::after:
        return "pain after";
    case pain_limit::next_morning:
        return "next-morning pain";
    case pain_limit::weekly_morning:
        return "weekly next-morning pain";
    }
    return "unknown";
}

std::string_view to_string(trace_action a) noexcept {
    switch (a) {
    case trace_action::progressed:
        return "progressed";
    case trace_action::held:
        return "held";
    case trace_action::regressed:
        return "regressed";
    case trace_action::released:
        return "released";
    case trace_action::floor_level:
        return "floor level";
    case trace_action::phase_advanced:
        return "phase advanced";
    case trace_action::phase_review:
        return "phase review";
    case trace_action::stop_and_refer:
        return "stop and refer";
    case trace_action::cleared:
        return "cleared";
    case trace_action::completed:
        return "completed";
    }
    return "unknown";
}

} // namespace rehab

auto fmt::formatter<rehab::prescribed_item>::format(const rehab::prescribed_item& i,
                                                    fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    std::string text = fmt::format("{}: {}", i.exercise, i.dose);
    if (i.side) {
        text += fmt::format(" ({})", *i.side);
    }
    return fmt::formatter<std::string_view>::format(text, ctx);
}

auto fmt::formatter<rehab::trace_entry>::format(const rehab::trace_entry& t,
                                                fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    // "phase" and "stop" name themselves in the action ("phase advanced",
    // "stop and refer"): print them once.
    const std::string action = fmt::format("{}", t.action);
    std::string text = (t.rule == "phase" || t.rule == "stop") && action.starts_with(t.rule + " ")
                           ? fmt::format("{}: {}", t.at, action)
                           : fmt::format("{}: {} {}", t.at, t.rule, action);
    if (!t.evidence.empty()) {
        text += fmt::format(" [{}]", fmt::join(t.evidence, "; "));
    }
    if (!t.detail.empty()) {
        text += ": " + t.detail;
    }
    return fmt::formatter<std::string_view>::format(text, ctx);
}
