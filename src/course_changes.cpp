// Changing a course from a date on: a new calendar (`move`), a new protocol
// (`switch_protocol`), a pause and its end, and the checks every change
// passes (its date, the calendars against the protocols they meet, the gap
// between sessions across the change). Making a course, its log and its
// window are course.cpp's.
#include <rehab/course.hpp>

#include <algorithm>
#include <utility>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <rehab/dates.hpp>

#include "course_walker.hpp"

namespace rehab {

using boost::gregorian::date;
using boost::gregorian::days;
using detail::days_between;

// --- changing a course -------------------------------------------------------

expected<void> course::check_change_date(date from, std::string_view field) const {
    if (from.is_special() || from < start_) {
        return fail(
            errc::invalid_value, std::string(field),
            fmt::format("must be a date from the course's start ({}) on", to_iso_date(start_)));
    }
    if (auto in_range = to_date(to_year_month_day(from), field); !in_range) {
        return tl::unexpected(in_range.error());
    }
    const date reference = log_.empty() ? start_ : start_ + days(log_.back().session.day);
    if (days_between(reference, from) > course_max_days_ahead) {
        return fail(errc::invalid_value, std::string(field),
                    fmt::format("{} is more than {} days after {}", to_iso_date(from),
                                course_max_days_ahead,
                                log_.empty() ? "the course's start" : "the last session logged"));
    }
    if (!log_.empty()) {
        const date last = start_ + days(log_.back().session.day);
        if (from <= last) {
            return fail(errc::invalid_value, std::string(field),
                        fmt::format("{} is not after the last session logged ({}): the past "
                                    "does not change",
                                    to_iso_date(from), to_iso_date(last)));
        }
    }
    return {};
}

expected<void> course::move(date from, course_calendar calendar) {
    return change(from, std::move(calendar), std::nullopt);
}

expected<void> course::switch_protocol(date from, protocol program) {
    return change(from, std::nullopt, std::move(program));
}

namespace {

/// Errors unless a new calendar and a new protocol can start on `from`:
/// after the last calendar and the last protocol.
expected<void> check_change_order(date from, bool calendar, bool program,
                                  const std::vector<calendar_segment>& calendars,
                                  const std::vector<protocol_segment>& protocols) {
    if (calendar && from <= calendars.back().from) {
        return fail(errc::invalid_value, "/from",
                    fmt::format("must be after the last change of calendar ({})",
                                to_iso_date(calendars.back().from)));
    }
    if (program && from <= protocols.back().from) {
        return fail(errc::invalid_value, "/from",
                    fmt::format("must be after the start of the protocol in force ({})",
                                to_iso_date(protocols.back().from)));
    }
    return {};
}

/// Errors if `from` falls inside one of `pauses` (after its first day).
expected<void> check_not_paused(date from, const std::vector<course_pause>& pauses) {
    for (const course_pause& p : pauses) {
        if (p.from < from && (!p.to || *p.to >= from)) {
            return fail(errc::invalid_value, "/from",
                        fmt::format("{} falls in the pause from {}", to_iso_date(from),
                                    to_iso_date(p.from)));
        }
    }
    return {};
}

/// The engine of `program` started on `from` for `patient`, with the
/// closed `pauses` from `from` on.
expected<progression_engine> start_engine(const protocol& program, date from,
                                          const course_patient& patient, criteria_mode mode,
                                          const std::vector<course_pause>& pauses) {
    if (auto since = days_since_day_zero(program, patient.clinical(), from); !since) {
        error e = std::move(since).error();
        if (e.path == "/start") {
            e.path = "/from"; // the new protocol starts on `from`
        }
        return tl::unexpected(std::move(e));
    }
    auto engine = progression_engine::start(program, from, patient.clinical(), mode);
    if (!engine) {
        return tl::unexpected(engine.error().inside("/protocol"));
    }
    for (const course_pause& p : pauses) {
        if (p.from < from || !p.to) {
            continue;
        }
        if (auto ok = engine->pause(days_between(from, p.from), days_between(p.from, *p.to) + 1);
            !ok) {
            return tl::unexpected(ok.error());
        }
    }
    return engine;
}

/// The date `segments[i + 1]` starts, or +infinity for the last one.
template <class Segment>
date end_of(const std::vector<Segment>& segments, std::size_t i) {
    return i + 1 < segments.size() ? segments[i + 1].from : date(boost::gregorian::pos_infin);
}

/// Calls `check(calendar, protocol)` for every calendar and protocol that
/// are in force together on some day from `from` on, until one fails.
template <class Check>
expected<void> check_meetings(date from, const std::vector<calendar_segment>& calendars,
                              const std::vector<protocol_segment>& protocols, Check check) {
    for (std::size_t c = 0; c < calendars.size(); ++c) {
        const date c_end = end_of(calendars, c);
        for (std::size_t p = 0; p < protocols.size(); ++p) {
            const date p_end = end_of(protocols, p);
            const bool meet = calendars[c].from < p_end && protocols[p].from < c_end;
            if (!meet || c_end <= from || p_end <= from) {
                continue;
            }
            if (auto ok = check(calendars[c].calendar, *protocols[p].program); !ok) {
                return ok;
            }
        }
    }
    return {};
}

} // namespace

expected<void> course::change(date from, std::optional<course_calendar> calendar,
                              std::optional<protocol> program) {
    if (auto ok = check_change_date(from, "/from"); !ok) {
        return ok;
    }
    if (auto ok = check_change_order(from, calendar.has_value(), program.has_value(), calendars_,
                                     protocols_);
        !ok) {
        return ok;
    }
    course changed = *this;
    if (program) {
        if (auto ok = check_not_paused(from, pauses_); !ok) {
            return ok;
        }
        auto shared = std::make_shared<const protocol>(std::move(*program));
        auto engine = start_engine(*shared, from, patient_, mode_, pauses_);
        if (!engine) {
            return tl::unexpected(engine.error());
        }
        const int offset = days_between(start_, from);
        changed.runs_.back().end_day = offset;
        changed.protocols_.push_back({from, shared});
        changed.runs_.push_back(run{offset, std::nullopt, *engine, std::move(*engine), nullptr});
    }
    if (calendar) {
        changed.calendars_.push_back({from, std::move(*calendar)});
    }
    // Every calendar from `from` on must fit every protocol it meets.
    const auto check = [&](const course_calendar& c, const protocol& p) {
        return changed.check_calendar(c, p);
    };
    if (auto ok = check_meetings(from, changed.calendars_, changed.protocols_, check); !ok) {
        return ok;
    }
    if (calendar) {
        changed.calendar_zones_.push_back(
            changed.zones_.at(changed.calendars_.back().calendar.time_zone));
    }
    if (auto ok = changed.check_change_gap(from); !ok) {
        return ok;
    }
    changed.project();
    *this = std::move(changed);
    return {};
}

namespace {

/// Errors unless `to`, when given, is a date from `from` on.
expected<void> check_pause_end(date from, std::optional<date> to) {
    if (to && !to->is_special()) {
        if (auto in_range = to_date(to_year_month_day(*to), "/to"); !in_range) {
            return tl::unexpected(in_range.error());
        }
    }
    if (to && (to->is_special() || *to < from)) {
        return fail(
            errc::invalid_value, "/to",
            fmt::format("must be on or after the pause's first day ({})", to_iso_date(from)));
    }
    return {};
}

/// Errors if the pause from `from` to `to` overlaps one of `pauses`.
expected<void> check_no_overlap(date from, std::optional<date> to,
                                const std::vector<course_pause>& pauses) {
    for (const course_pause& p : pauses) {
        const bool overlaps = (!p.to || from <= *p.to) && (!to || p.from <= *to);
        if (overlaps) {
            return fail(errc::invalid_value, "/from",
                        fmt::format("the pause overlaps the one from {}", to_iso_date(p.from)));
        }
    }
    return {};
}

} // namespace

expected<void> course::pause(date from, std::optional<date> to) {
    if (auto ok = check_change_date(from, "/from"); !ok) {
        return ok;
    }
    if (auto ok = check_pause_end(from, to); !ok) {
        return ok;
    }
    if (auto ok = check_no_overlap(from, to, pauses_); !ok) {
        return ok;
    }
    // The run in force on `from`; a pause may not span a protocol switch.
    std::size_t r = 0;
    while (r + 1 < protocols_.size() && protocols_[r + 1].from <= from) {
        ++r;
    }
    if (r + 1 < protocols_.size() && (!to || *to >= protocols_[r + 1].from)) {
        return fail(errc::invalid_value, "/to",
                    fmt::format("the pause runs into the switch to {} on {}",
                                protocols_[r + 1].program->id,
                                to_iso_date(protocols_[r + 1].from)));
    }
    course changed = *this;
    if (to) {
        run& in_force = changed.runs_[r];
        const int first = days_between(start_, from) - in_force.offset;
        const int length = days_between(from, *to) + 1;
        if (auto ok = in_force.first.pause(first, length); !ok) {
            return ok;
        }
        if (auto ok = in_force.engine.pause(first, length); !ok) {
            return ok;
        }
    }
    changed.pauses_.push_back({from, to});
    std::ranges::sort(changed.pauses_, {}, &course_pause::from);
    if (auto ok = changed.check_change_gap(to ? *to + days(1) : from); !ok) {
        return ok; // sessions due again after the pause must keep their order
    }
    changed.project();
    *this = std::move(changed);
    return {};
}

expected<void> course::resume(date on) {
    const auto open = std::ranges::find_if(pauses_, [](const course_pause& p) { return !p.to; });
    if (open == pauses_.end()) {
        return fail(errc::invalid_value, "/resume", "no pause is open");
    }
    if (on.is_special() || on <= open->from) {
        return fail(
            errc::invalid_value, "/resume",
            fmt::format("must be after the pause's first day ({})", to_iso_date(open->from)));
    }
    const date from = open->from;
    pauses_.erase(open);
    auto ok = pause(from, on - days(1));
    if (!ok) {
        pauses_.push_back({from, std::nullopt}); // as it was
        std::ranges::sort(pauses_, {}, &course_pause::from);
    }
    return ok;
}

expected<void> course::check_change_gap(date from) const {
    // Every date from `from` on where a calendar or a protocol starts: the
    // first session due from it must start a full gap after the last one
    // before it (a change can move a later boundary's sessions too).
    std::vector<date> boundaries{from};
    for (const calendar_segment& s : calendars_) {
        boundaries.push_back(s.from);
    }
    for (const protocol_segment& s : protocols_) {
        boundaries.push_back(s.from);
    }
    std::erase_if(boundaries, [&](date d) { return d < from; });
    std::ranges::sort(boundaries);
    walker w(*this, walker::origin::last_logged);
    std::optional<course_session> before;
    if (ahead_ > 0) {
        before = window_[ahead_ - 1];
    }
    std::size_t next = 0;
    while (next < boundaries.size()) {
        auto step = w.next();
        if (!step) {
            return {};
        }
        if (!step->due) {
            continue;
        }
        course_session& after = step->session;
        const bool crosses = after.planned_date >= boundaries[next];
        while (next < boundaries.size() && boundaries[next] <= after.planned_date) {
            ++next;
        }
        if (before && crosses) {
            const protocol& program = *protocols_[after.segment].program;
            const auto gap =
                std::chrono::duration_cast<std::chrono::minutes>(after.utc - before->utc);
            if (after.utc <= before->utc || gap < program.min_session_gap) {
                return fail(
                    errc::invalid_value, "/from",
                    fmt::format("with this change, the session of {} at {} {} in {} would start "
                                "{} min after the one before it ({} {}), but {} asks for at "
                                "least {} min between sessions: change from a later date or "
                                "choose later times",
                                to_iso_date(after.planned_date), to_iso_date(after.date),
                                after.local_time, calendar_on(after.planned_date).time_zone,
                                gap.count(), to_iso_date(before->date), before->local_time,
                                program.id, program.min_session_gap.count()));
            }
        }
        before = std::move(after);
    }
    return {};
}

} // namespace rehab
