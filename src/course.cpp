// Making a course (`start`, `make` from a course file's parts), the checks
// of a calendar against a protocol, the log (`record`) and the window of
// sessions it keeps ahead. Changing a course from a date on is
// course_changes.cpp's; the queries are course_queries.cpp's.
#include <rehab/course.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <rehab/dates.hpp>
#include <rehab/text.hpp>

#include "course_walker.hpp"

namespace rehab {

using boost::gregorian::date;
using boost::gregorian::days;
using detail::times_for;
using detail::times_path;

// --- making a course ----------------------------------------------------------

expected<course> course::start(course_patient who, protocol program, date start,
                               course_calendar calendar, criteria_mode mode) {
    if (!is_identifier(who.id)) {
        return fail(
            errc::invalid_value, "/patient/id",
            fmt::format("must be 1 to 64 letters, digits, '.', '_' or '-', got \"{}\"", who.id));
    }
    if (who.body_weight && !(who.body_weight->value() > 0.0)) {
        return fail(errc::invalid_value, "/patient/body_weight_kg",
                    fmt::format("must be above 0, got {}", who.body_weight->value()));
    }
    if (start.is_special()) {
        return fail(errc::invalid_value, "/start", "must be a calendar date");
    }
    if (auto in_range = to_date(to_year_month_day(start), "/start"); !in_range) {
        return tl::unexpected(in_range.error());
    }
    // The patient's injury and surgery dates against the start, located
    // where a course file holds them (`/patient/injury_date`, or `/start`
    // before the protocol's earliest start), not inside the protocol.
    if (auto since = days_since_day_zero(program, who.clinical(), start); !since) {
        return tl::unexpected(since.error());
    }
    course c;
    c.patient_ = std::move(who);
    c.start_ = start;
    c.mode_ = mode;
    auto shared = std::make_shared<const protocol>(std::move(program));
    if (auto ok = c.check_calendar(calendar, *shared); !ok) {
        return tl::unexpected(ok.error());
    }
    auto engine = progression_engine::start(*shared, start, c.patient_.clinical(), mode);
    if (!engine) {
        return tl::unexpected(engine.error().inside("/protocol"));
    }
    c.protocols_.push_back({start, shared});
    c.calendar_zones_.push_back(c.zones_.at(calendar.time_zone));
    c.calendars_.push_back({start, std::move(calendar)});
    c.runs_.push_back(run{0, std::nullopt, *engine, std::move(*engine), nullptr});
    c.project();
    return c;
}

namespace {

/// `e` with a path under `from` moved under `to`.
error moved(error e, std::string_view from, const std::string& to) {
    const std::string_view path = e.path;
    if (path.starts_with(from) && (path.size() == from.size() || path[from.size()] == '/')) {
        e.path = to + std::string(path.substr(from.size()));
    }
    return e;
}

/// The key at the end of a session id ("....dDAY.sSLOT").
std::optional<session_key> key_of_id(std::string_view id) {
    const auto s_at = id.rfind(".s");
    const auto d_at = s_at == std::string_view::npos ? s_at : id.rfind(".d", s_at);
    if (s_at == std::string_view::npos || d_at == std::string_view::npos) {
        return std::nullopt;
    }
    const auto read = [](std::string_view text, int& out) {
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
        return !text.empty() && ec == std::errc{} && end == text.data() + text.size();
    };
    session_key key{-1, -1};
    if (!read(id.substr(d_at + 2, s_at - d_at - 2), key.day) ||
        !read(id.substr(s_at + 2), key.slot) || key.day < 0 || key.slot < 0) {
        return std::nullopt;
    }
    return key;
}

expected<void> not_a_session_id(std::string_view id) {
    return fail(errc::invalid_value, "/session",
                fmt::format("\"{}\" is not a session of the course", id));
}

} // namespace

expected<course> course::make(course_patient who, date start,
                              std::vector<protocol_segment> protocols,
                              std::vector<calendar_segment> calendars,
                              std::vector<course_pause> pauses, std::vector<course_entry> log,
                              criteria_mode mode) {
    if (protocols.empty()) {
        return fail(errc::invalid_value, "/protocols", "must hold at least one protocol");
    }
    if (calendars.empty()) {
        return fail(errc::invalid_value, "/calendars", "must hold at least one calendar");
    }
    for (std::size_t i = 0; i < protocols.size(); ++i) {
        if (!protocols[i].program) {
            return fail(errc::invalid_value, fmt::format("/protocols/{}/protocol", i),
                        "is missing");
        }
    }
    for (const auto& [first, path] : {std::pair{protocols.front().from, "/protocols/0/from"},
                                      std::pair{calendars.front().from, "/calendars/0/from"}}) {
        if (first != start) {
            return fail(errc::invalid_value, path,
                        fmt::format("must be the course's start ({}), got {}",
                                    start.is_special() ? "none" : to_iso_date(start),
                                    first.is_special() ? "none" : to_iso_date(first)));
        }
    }
    auto c = course::start(std::move(who), *protocols.front().program, start,
                           calendars.front().calendar, mode);
    if (!c) {
        return tl::unexpected(moved(moved(c.error(), "/protocol", "/protocols/0/protocol"),
                                    "/calendar", "/calendars/0"));
    }
    std::size_t p = 1;
    std::size_t k = 1;
    while (p < protocols.size() || k < calendars.size()) {
        const bool take_p = p < protocols.size() &&
                            (k == calendars.size() || protocols[p].from <= calendars[k].from);
        const bool take_k = k < calendars.size() &&
                            (p == protocols.size() || calendars[k].from <= protocols[p].from);
        const date from = take_p ? protocols[p].from : calendars[k].from;
        std::optional<course_calendar> calendar;
        std::optional<protocol> program;
        if (take_k) {
            calendar = calendars[k].calendar;
        }
        if (take_p) {
            program = *protocols[p].program;
        }
        if (auto ok = c->change(from, std::move(calendar), std::move(program)); !ok) {
            const std::string where =
                take_p ? fmt::format("/protocols/{}", p) : fmt::format("/calendars/{}", k);
            error e = moved(ok.error(), "/from", where + "/from");
            e = moved(std::move(e), "/protocol", fmt::format("/protocols/{}/protocol", p));
            return tl::unexpected(
                moved(std::move(e), "/calendar", fmt::format("/calendars/{}", k)));
        }
        p += take_p ? 1 : 0;
        k += take_k ? 1 : 0;
    }
    for (std::size_t i = 0; i < pauses.size(); ++i) {
        if (auto ok = c->pause(pauses[i].from, pauses[i].to); !ok) {
            const std::string where = fmt::format("/pauses/{}", i);
            return tl::unexpected(
                moved(moved(ok.error(), "/from", where + "/from"), "/to", where + "/to"));
        }
    }
    if (log.empty()) {
        return c;
    }
    // One walk through the whole log; the window is the last entry's day's.
    for (std::size_t i = 0; i < log.size(); ++i) {
        const auto key = key_of_id(log[i].session);
        if (!key) {
            return tl::unexpected(
                not_a_session_id(log[i].session).error().inside(fmt::format("/log/{}", i)));
        }
        log[i].entry.session = *key;
    }
    const int last_day = log.back().entry.session.day;
    walker w(*c, walker::origin::last_logged);
    for (std::size_t i = 0; i < log.size(); ++i) {
        if (auto ok = c->record_on(w, log[i].entry, log[i].session, last_day, false); !ok) {
            return tl::unexpected(ok.error().inside(fmt::format("/log/{}", i)));
        }
    }
    c->project(w);
    return c;
}

const std::vector<referral>& course::referrals() const noexcept {
    static const std::vector<referral> none;
    if (log_.empty()) {
        return none;
    }
    const int last_day = log_.back().session.day;
    std::size_t r = 0;
    while (r + 1 < runs_.size() && runs_[r + 1].offset <= last_day) {
        ++r;
    }
    return runs_[r].engine.referrals();
}

std::size_t course::calendar_index(date d) const noexcept {
    std::size_t in_force = 0;
    for (std::size_t i = 1; i < calendars_.size() && calendars_[i].from <= d; ++i) {
        in_force = i;
    }
    return in_force;
}

expected<void> course::check_calendar(const course_calendar& calendar, const protocol& program) {
    if (!zones_.contains(calendar.time_zone)) {
        auto zone = time_zone::locate(calendar.time_zone);
        if (!zone) {
            error e = zone.error();
            e.path = "/calendar/time_zone";
            return tl::unexpected(std::move(e));
        }
        zones_.emplace(calendar.time_zone, std::make_shared<const time_zone>(std::move(*zone)));
    }
    for (const auto& entry : calendar.times.by_phase) {
        const std::string& id = entry.first;
        if (std::ranges::none_of(program.phases, [&](const phase& ph) { return ph.id == id; })) {
            return fail(errc::unknown_id, fmt::format("/calendar/times/by_phase/{}", id),
                        fmt::format("{} has no phase \"{}\"", program.id, id));
        }
    }
    for (std::size_t i = 0; i < program.phases.size(); ++i) {
        const phase& ph = program.phases[i];
        const auto [times, source] = times_for(calendar.times, ph);
        const std::string path = times_path(source, ph, i);
        for (std::size_t k = 1; k < times->size(); ++k) {
            if ((*times)[k] <= (*times)[k - 1]) {
                return fail(errc::invalid_value, fmt::format("{}/{}", path, k),
                            fmt::format("must be later than the time before it ({}), got {}",
                                        (*times)[k - 1], (*times)[k]));
            }
        }
        const auto per_day = static_cast<std::size_t>(ph.frequency.per_day.value());
        if (times->size() != per_day) {
            return fail(errc::invalid_value, path,
                        fmt::format("phase {} has {} session{} a day, but {} time{} apply to it: "
                                    "give times by phase or by sessions a day",
                                    ph.id, per_day, per_day == 1 ? "" : "s", times->size(),
                                    times->size() == 1 ? "" : "s"));
        }
        if (auto gap = check_session_gap(*times, program.min_session_gap, path); !gap) {
            return gap;
        }
    }
    for (std::size_t i = 0; i < calendar.rest_days.size(); ++i) {
        if (std::find(calendar.rest_days.begin(),
                      calendar.rest_days.begin() + static_cast<std::ptrdiff_t>(i),
                      calendar.rest_days[i]) !=
            calendar.rest_days.begin() + static_cast<std::ptrdiff_t>(i)) {
            return fail(errc::invalid_value, fmt::format("/calendar/rest_days/{}", i),
                        "is listed twice");
        }
    }
    if (calendar.rest_days.size() >= 7 &&
        std::ranges::all_of(std::array{0U, 1U, 2U, 3U, 4U, 5U, 6U}, [&](unsigned d) {
            return std::ranges::find(calendar.rest_days, std::chrono::weekday{d}) !=
                   calendar.rest_days.end();
        })) {
        return fail(errc::invalid_value, "/calendar/rest_days",
                    "every day of the week is a rest day: no session would ever be due");
    }
    return {};
}

// --- the log -----------------------------------------------------------------

expected<void> course::record(const session_log& entry) { return record_as(entry, {}); }

std::string course::id_of(std::size_t segment, std::size_t phase_index, session_key key) const {
    const protocol& program = *protocols_[segment].program;
    return fmt::format("{}.v{}.{}.d{}.s{}", program.id, program.version,
                       program.phases[phase_index].id, key.day, key.slot);
}

expected<void> course::record_as(const session_log& entry, std::string_view session_id) {
    walker w(*this, walker::origin::last_logged);
    return record_on(w, entry, session_id, entry.session.day, true);
}

expected<void> course::record_on(walker& w, const session_log& entry, std::string_view session_id,
                                 int window_day, bool reproject) {
    const auto not_a_session = [&] {
        return fail(errc::invalid_value, "/session",
                    session_id.empty()
                        ? fmt::format("{} is not a session of the course", entry.session)
                        : fmt::format("\"{}\" is not a session of the course", session_id));
    };
    if (entry.session.day < 0 || entry.session.slot < 0) {
        return fail(errc::invalid_value, "/session",
                    fmt::format("{} is not a session of the course", entry.session));
    }
    if (!log_.empty() && entry.session <= log_.back().session) {
        return fail(errc::invalid_value, "/session",
                    fmt::format("{} is not after the last session recorded ({}): entries are "
                                "recorded in order",
                                entry.session, log_.back().session));
    }
    if (const int from = log_.empty() ? 0 : log_.back().session.day;
        entry.session.day - from > course_max_days_ahead) {
        return fail(errc::invalid_value, "/session",
                    fmt::format("{} is more than {} days after {}", entry.session,
                                course_max_days_ahead,
                                log_.empty() ? "the course's start" : "the last session logged"));
    }
    // The sessions due on the entry's date before it: they stay in the window.
    std::vector<course_session> same_day;
    // What the window already prescribed for a session (the same engine
    // state), so it is not built twice.
    const auto prescribe = [&](walker::step& s) {
        for (std::size_t i = ahead_; i < window_.size(); ++i) {
            if (window_[i].key == s.session.key) {
                s.session.prescription = window_[i].prescription;
                s.session.last_change = window_[i].last_change;
                return;
            }
        }
        w.prescribe(s);
    };
    for (;;) {
        auto step = w.next();
        if (!step || entry.session < step->session.key) {
            return not_a_session();
        }
        course_session& s = step->session;
        s.planned = false;
        if (s.key != entry.session) {
            if (step->due && s.key.day == window_day) {
                prescribe(*step);
                same_day.push_back(std::move(s));
            }
            continue;
        }
        if (!session_id.empty()) {
            // The id must name this session, in the protocol and phase in
            // force then.
            const std::string actual = id_of(w.run_index(), w.engine().phase_index(), s.key);
            if (actual != session_id) {
                return fail(errc::invalid_value, "/session",
                            fmt::format("\"{}\" is not a session of the course; {} is \"{}\"",
                                        session_id, entry.session, actual));
            }
        }
        if (!step->due) {
            return fail(errc::invalid_value, "/session",
                        fmt::format("{} ({}) is not due: {}", entry.session,
                                    to_iso_date(s.planned_date),
                                    s.placement == session_placement::not_held
                                        ? "the time zone skipped its time"
                                        : "it falls on a rest day"));
        }
        if (s.key.day == window_day) {
            prescribe(*step);
        }
        if (auto ok = w.record(entry); !ok) {
            return ok;
        }
        // Nothing can fail from here on.
        run& r = runs_[w.run_index()];
        r.engine = w.engine();
        r.last_change = w.last_change();
        for (trace_entry& e : w.take_trace()) {
            trace_.push_back(std::move(e));
        }
        if (s.key.day == window_day) {
            const bool same_day_as_last =
                !log_.empty() && log_.back().session.day == entry.session.day;
            window_.resize(same_day_as_last ? ahead_ : 0);
            for (course_session& earlier : same_day) {
                window_.push_back(std::move(earlier));
            }
            s.logged = entry.status;
            window_.push_back(std::move(s));
        } else {
            window_.clear(); // a bulk load keeps only its last day's
        }
        ahead_ = window_.size();
        log_ids_.push_back(id_of(w.run_index(), w.engine().phase_index(), entry.session));
        log_.push_back(entry);
        if (reproject) {
            project(w); // the walk goes on from the session just logged
        }
        return {};
    }
}

expected<void> course::record(std::string_view session_id, session_log entry) {
    const auto key = key_of_id(session_id);
    if (!key) {
        return not_a_session_id(session_id);
    }
    entry.session = *key;
    return record_as(entry, session_id);
}

// --- the window ---------------------------------------------------------------

void course::project() {
    walker w(*this, walker::origin::last_logged);
    project(w);
}

void course::project(walker& w) {
    window_.resize(ahead_);
    window_ends_course_ = false;
    window_bound_.reset();
    std::optional<date> first_day;
    while (auto step = w.next()) {
        if (!step->due) {
            continue;
        }
        const date d = step->session.planned_date;
        if (first_day && d != *first_day) {
            // Only the time of the first session after that day: it ends
            // the last one's "due" span.
            window_bound_ = step->session.utc;
            return;
        }
        first_day = d;
        w.prescribe(*step);
        window_.push_back(std::move(step->session));
    }
    window_ends_course_ = true;
}

} // namespace rehab
