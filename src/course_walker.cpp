#include "course_walker.hpp"

#include <algorithm>
#include <cassert>
#include <limits>

#include <fmt/format.h>

#include <rehab/dates.hpp>

namespace rehab {

using boost::gregorian::date;
using boost::gregorian::days;

namespace detail {

int days_between(date a, date b) { return static_cast<int>((b - a).days()); }

std::chrono::local_seconds local_at(date d, clock_time t) {
    return std::chrono::local_seconds{to_sys_days(d).time_since_epoch() + t.since_midnight};
}

std::pair<const std::vector<clock_time>*, times_source> times_for(const session_times& t,
                                                                  const phase& ph) {
    if (const auto it = t.by_phase.find(ph.id); it != t.by_phase.end()) {
        return {&it->second, times_source::by_phase};
    }
    const int per_day = ph.frequency.per_day.value();
    if (const auto it = t.by_sessions_per_day.find(per_day); it != t.by_sessions_per_day.end()) {
        return {&it->second, times_source::by_sessions_per_day};
    }
    if (!t.all.empty()) {
        return {&t.all, times_source::all};
    }
    return {&ph.frequency.times, times_source::protocol};
}

std::string times_path(times_source source, const phase& ph, std::size_t phase_index) {
    switch (source) {
    case times_source::by_phase:
        return fmt::format("/calendar/times/by_phase/{}", ph.id);
    case times_source::by_sessions_per_day:
        return fmt::format("/calendar/times/by_sessions_per_day/{}", ph.frequency.per_day.value());
    case times_source::all:
        return "/calendar/times/all";
    case times_source::protocol:
        break;
    }
    return fmt::format("/protocol/phases/{}/frequency/times", phase_index);
}

} // namespace detail

using detail::local_at;
using detail::times_for;

namespace {

/// Whether `d` is on or after the first day of an open pause (one with no end).
bool in_open_pause(const std::vector<course_pause>& pauses, date d) {
    return std::ranges::any_of(pauses, [&](const course_pause& p) { return !p.to && d >= p.from; });
}

} // namespace

course::walker::walker(const course& c, origin from)
    : c_(&c), origin_(from), engine_(c.runs_.front().first) {
    if (from == origin::first_session || c.log_.empty()) {
        enter_run(0);
        return;
    }
    // The run of the last session logged, at that session.
    const int last_day = c.log_.back().session.day;
    std::size_t r = 0;
    while (r + 1 < c.runs_.size() && c.runs_[r + 1].offset <= last_day) {
        ++r;
    }
    enter_run(r);
}

void course::walker::enter_run(std::size_t index) {
    run_ = index;
    const run& r = c_->runs_[index];
    const bool replay = origin_ == origin::first_session;
    engine_ = replay ? r.first : r.engine;
    last_change_ = replay ? nullptr : r.last_change;
}

void course::walker::collect() {
    if (engine_.trace().empty()) {
        return;
    }
    const int offset = c_->runs_[run_].offset;
    for (trace_entry& e : engine_.take_trace()) {
        e.at.day += offset;
        for (session_key& k : e.evidence) {
            k.day += offset;
        }
        last_change_ = std::make_shared<const trace_entry>(e);
        trace_.push_back(std::move(e));
    }
}

// next -> make_step -> placement_in_gap -> next recurses once at most:
// placement_in_gap walks a copy with `resolve_gaps_` off, whose make_step
// never calls it.
// NOLINTNEXTLINE(misc-no-recursion): once at most, see above
std::optional<course::walker::step> course::walker::next() {
    if (pending_ != nullptr) {
        session_log entry = *pending_;
        pending_ = nullptr;
        // The log was accepted by the same engine in the same state.
        [[maybe_unused]] const auto replayed = record(entry);
        assert(replayed.has_value());
    }
    for (;;) {
        const run& r = c_->runs_[run_];
        const auto key = engine_.advance();
        const int day = key ? r.offset + key->day : std::numeric_limits<int>::max();
        if (!key || (r.end_day && day >= *r.end_day)) {
            // The segment is over: what the engine decided past its end
            // never happened.
            (void)engine_.take_trace();
            if (run_ + 1 == c_->runs_.size()) {
                return std::nullopt;
            }
            enter_run(run_ + 1);
            continue;
        }
        collect();
        const date planned = c_->start_ + days(day);
        if (in_open_pause(c_->pauses_, planned)) {
            return std::nullopt; // nothing is due until the pause ends
        }
        step out = make_step(*key, day, planned);
        if (origin_ == origin::first_session) {
            meet_log(out.session);
        }
        return out;
    }
}

void course::walker::meet_log(course_session& s) {
    const auto& log = c_->log_;
    s.planned = log.empty() || s.key > log.back().session;
    if (next_entry_ < log.size() && log[next_entry_].session == s.key) {
        s.logged = log[next_entry_].status;
        pending_ = &log[next_entry_];
        ++next_entry_;
    }
}

// NOLINTNEXTLINE(misc-no-recursion): once at most, see next()
course::walker::step course::walker::make_step(session_key key, int day, date planned) const {
    const protocol& program = *c_->protocols_[run_].program;
    const std::size_t phase_index = engine_.phase_index();
    const phase& ph = program.phases[phase_index];
    const std::size_t calendar_index = c_->calendar_index(planned);
    const course_calendar& calendar = c_->calendars_[calendar_index].calendar;
    const time_zone& zone = *c_->calendar_zones_[calendar_index];
    const clock_time at =
        times_for(calendar.times, ph).first->at(static_cast<std::size_t>(key.slot));
    step out;
    course_session& s = out.session;
    out.requested = local_at(planned, at);
    s.key = {day, key.slot};
    s.segment = run_;
    s.utc = zone.to_utc(out.requested);
    s.planned_date = planned;
    const auto wall = zone.to_local(s.utc).time_since_epoch();
    const auto wall_day = std::chrono::floor<std::chrono::days>(wall);
    s.date = date(1970, 1, 1) + days(wall_day.count());
    s.local_time = clock_time{std::chrono::floor<std::chrono::minutes>(wall - wall_day)};
    if (resolve_gaps_ && zone.classify(out.requested) == local_kind::gap) {
        s.placement = placement_in_gap(zone, out.requested, s.utc, program.min_session_gap);
    }
    s.planned = true;
    const bool rest =
        std::ranges::find(calendar.rest_days, std::chrono::weekday{to_sys_days(planned)}) !=
        calendar.rest_days.end();
    out.due = !rest && s.placement != session_placement::not_held;
    return out;
}

void course::walker::prescribe(step& s) {
    session_prescription p = engine_.current();
    p.session = s.session.key;
    s.session.prescription = std::make_shared<const session_prescription>(std::move(p));
    s.session.last_change = last_change_;
}

expected<void> course::walker::record(const session_log& entry) {
    session_log for_engine = entry;
    for_engine.session.day -= c_->runs_[run_].offset;
    if (auto ok = engine_.record(for_engine); !ok) {
        return ok;
    }
    collect();
    return {};
}

// NOLINTNEXTLINE(misc-no-recursion): once at most, see next()
session_placement course::walker::placement_in_gap(const time_zone& zone,
                                                   std::chrono::local_seconds local,
                                                   std::chrono::sys_seconds moved,
                                                   std::chrono::minutes min_gap) const {
    const std::chrono::sys_seconds before_change{local.time_since_epoch() - zone.offset_at(moved)};
    const auto change = zone.next_offset_change(before_change);
    if (!change) {
        return session_placement::moved_by_gap;
    }
    const std::chrono::local_seconds gap_end{change->at.time_since_epoch() + change->after};
    walker ahead(*this);
    ahead.resolve_gaps_ = false;
    while (auto later = ahead.next()) {
        if (later->requested >= gap_end) {
            const auto room = later->session.utc - moved;
            return room >= std::max<std::chrono::seconds>(min_gap, std::chrono::seconds{1})
                       ? session_placement::moved_by_gap
                       : session_placement::not_held;
        }
    }
    return session_placement::moved_by_gap;
}

} // namespace rehab
