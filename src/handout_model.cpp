#include "handout_model.hpp"

#include <array>
#include <map>
#include <set>
#include <utility>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include "export_format.hpp"

namespace rehab::detail {

namespace {

using boost::gregorian::date;

std::chrono::sys_seconds now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

/// The first problem `validate` finds in `p`, under `prefix`.
expected<void> check_program(const protocol& p, const catalog& exercises, std::string_view prefix) {
    error_list problems = validate(p, exercises);
    if (problems.empty()) {
        return {};
    }
    error e = std::move(problems.front());
    e.path = std::string(prefix) + e.path;
    return tl::unexpected(std::move(e));
}

/// The date `p`'s phases count from, for a program starting on `from`.
date day_zero_of(const protocol& p, const patient& who, date from) {
    if (p.counted_from == time_basis::surgery && who.surgery_date) {
        return *who.surgery_date;
    }
    if (p.counted_from == time_basis::injury && who.injury_date) {
        return *who.injury_date;
    }
    return from;
}

/// "07:00 and 19:00, Europe/Copenhagen time": the clock times the sessions
/// of `[first, last)` were asked for (moved ones left out).
std::string times_line(const std::vector<handout_session>& sessions, std::size_t first,
                       std::size_t last, std::string_view zone) {
    std::set<clock_time> clock;
    for (std::size_t i = first; i < last; ++i) {
        if (sessions[i].held && !sessions[i].moved) {
            clock.insert(sessions[i].local_time);
        }
    }
    std::vector<std::string> times;
    times.reserve(clock.size());
    for (const clock_time t : clock) {
        times.push_back(fmt::format("{}", t));
    }
    std::string text;
    for (std::size_t i = 0; i < times.size(); ++i) {
        text += i == 0 ? "" : (i + 1 == times.size() ? " and " : ", ");
        text += times[i];
    }
    return (text.empty() ? std::string("no session times") : text) + ", " + std::string(zone) +
           " time";
}

int week_of(date start, date planned) { return static_cast<int>((planned - start).days() / 7) + 1; }

constexpr std::array<std::string_view, 7> weekday_short = {"Sun", "Mon", "Tue", "Wed",
                                                           "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> month_short = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

} // namespace

std::string day_label(date d) {
    return fmt::format("{} {} {}", weekday_short.at(d.day_of_week().as_number()),
                       static_cast<int>(d.day()), month_short.at(d.month().as_number() - 1U));
}

std::string long_date(date d) {
    return fmt::format("{} {}", day_label(d), static_cast<int>(d.year()));
}

expected<handout_input> handout_of(const schedule& plan, const catalog& exercises,
                                   const handout_options& options) {
    const protocol& p = plan.program();
    if (auto ok = check_program(p, exercises, "/protocol"); !ok) {
        return tl::unexpected(ok.error());
    }
    handout_input in;
    in.who = plan.patient();
    in.start = plan.start();
    in.as_of = options.as_of.value_or(now());
    in.programs.push_back({&p, plan.start(), day_zero_of(p, in.who, plan.start())});
    // A nominal prescription depends on the session's phase and day (a week
    // table reads the week of the phase): computed once per day.
    std::vector<scheduled_session> all(plan.size());
    all.resize(plan.write(all));
    in.sessions.reserve(all.size());
    int day = -1;
    for (const scheduled_session& s : all) {
        if (s.day != day) {
            day = s.day;
            in.prescriptions.push_back(
                std::make_shared<const session_prescription>(plan.prescription(s)));
        }
        const date planned = plan.planned_date(s);
        in.sessions.push_back({.planned_date = planned,
                               .date = plan.date(s),
                               .local_time = plan.local_time(s),
                               .held = s.held(),
                               .moved = s.placement == session_placement::moved_by_gap,
                               .slot = s.slot,
                               .week = week_of(in.start, planned),
                               .program = 0,
                               .prescription = in.prescriptions.back().get()});
    }
    in.calendar_lines.push_back(times_line(in.sessions, 0, in.sessions.size(), plan.zone().name()));
    return in;
}

expected<handout_input> handout_of(const course& c, const catalog& exercises,
                                   const handout_options& options) {
    for (std::size_t i = 0; i < c.protocols().size(); ++i) {
        if (auto ok = check_program(*c.protocols()[i].program, exercises,
                                    fmt::format("/protocols/{}/protocol", i));
            !ok) {
            return tl::unexpected(ok.error());
        }
    }
    handout_input in;
    in.is_course = true;
    in.patient_id = c.patient().id;
    in.who = c.patient().clinical();
    in.start = c.start_date();
    in.as_of = options.as_of.value_or(now());
    in.referrals = c.referrals();
    in.pauses = c.pauses();
    for (const protocol_segment& segment : c.protocols()) {
        in.programs.push_back({segment.program.get(), segment.from,
                               day_zero_of(*segment.program, in.who, segment.from)});
    }
    in.course_sessions = c.between(c.start_date(), export_through(c, options.through));
    in.sessions.reserve(in.course_sessions.size());
    const std::vector<session_log>& log = c.log();
    std::size_t next_entry = 0;
    for (const course_session& s : in.course_sessions) {
        while (next_entry < log.size() && log[next_entry].session < s.key) {
            ++next_entry;
        }
        const session_log* entry = next_entry < log.size() && log[next_entry].session == s.key
                                       ? &log[next_entry]
                                       : nullptr;
        in.sessions.push_back({.planned_date = s.planned_date,
                               .date = s.date,
                               .local_time = s.local_time,
                               .held = s.placement != session_placement::not_held,
                               .moved = s.placement == session_placement::moved_by_gap,
                               .slot = s.key.slot,
                               .week = week_of(in.start, s.planned_date),
                               .program = s.segment,
                               .prescription = s.prescription.get(),
                               .entry = entry,
                               .past = s.utc <= in.as_of});
    }
    // One line per calendar, over the sessions it holds.
    const auto& calendars = c.calendars();
    std::size_t first = 0;
    for (std::size_t k = 0; k < calendars.size(); ++k) {
        const auto ends =
            k + 1 < calendars.size() ? std::optional<date>(calendars[k + 1].from) : std::nullopt;
        std::size_t last = first;
        while (last < in.sessions.size() && (!ends || in.sessions[last].planned_date < *ends)) {
            ++last;
        }
        std::string line = times_line(in.sessions, first, last, calendars[k].calendar.time_zone);
        if (k > 0) {
            line += " from " + iso_date(calendars[k].from);
        }
        in.calendar_lines.push_back(std::move(line));
        first = last;
    }
    return in;
}

std::vector<handout_week_totals> week_totals(const handout_input& in) {
    std::vector<handout_week_totals> weeks;
    for (const handout_session& s : in.sessions) {
        if (!s.held) {
            continue;
        }
        while (weeks.empty() || weeks.back().week < s.week) {
            weeks.push_back({.week = weeks.empty() ? 1 : weeks.back().week + 1});
        }
        handout_week_totals& w = weeks.back();
        const bool done = s.entry != nullptr && s.entry->status == session_status::done;
        count_session(w.reps, *s.prescription, s.entry, done);
        if (s.entry != nullptr && s.entry->pain_during) {
            w.pain_sum += s.entry->pain_during->value();
            ++w.pain_count;
        }
    }
    return weeks;
}

std::vector<std::string> red_flags(const handout_input& in) {
    std::vector<std::string> flags;
    const auto add = [&flags](std::string text) {
        for (const std::string& f : flags) {
            if (f == text) {
                return;
            }
        }
        flags.push_back(std::move(text));
    };
    for (const handout_program& p : in.programs) {
        const stop_rules& stop = p.program->stop;
        if (stop.pain_ceiling) {
            add(fmt::format("your pain goes above {}/10 during a session, after it or the next "
                            "morning",
                            stop.pain_ceiling->value()));
        }
        if (stop.refer_on_snap_or_pop) {
            add("you feel or hear a sudden snap or pop in the calf or heel");
        }
        if (stop.refer_on_unable_to_bear_weight) {
            add("the leg suddenly cannot take the weight it could take before");
        }
    }
    return flags;
}

} // namespace rehab::detail
