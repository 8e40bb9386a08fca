// Making a course (`start`, `make` from a course file's parts), the checks
// of a calendar against a protocol, the log (`record`) and the window of
// sessions it keeps ahead. Changing a course from a date on is
// course_changes.cpp's; the queries are course_queries.cpp's.
#include <rehab/course.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <span>
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

/// Errors unless a course file's protocols and calendars can start a
/// course on `start`: each list holds one at least, every protocol is
/// given, and the first of each starts on `start`.
expected<void> check_segments(const std::vector<protocol_segment>& protocols,
                              const std::vector<calendar_segment>& calendars, date start) {
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
    const auto iso_or_none = [](date d) { return d.is_special() ? "none" : to_iso_date(d); };
    for (const auto& [first, path] : {std::pair{protocols.front().from, "/protocols/0/from"},
                                      std::pair{calendars.front().from, "/calendars/0/from"}}) {
        if (first != start) {
            return fail(errc::invalid_value, path,
                        fmt::format("must be the course's start ({}), got {}", iso_or_none(start),
                                    iso_or_none(first)));
        }
    }
    return {};
}

/// The error of the change that protocol `p` and calendar `k` of a course
/// file make (the protocol's when it starts that day), under their paths.
error in_segments(error e, bool protocol_changes, std::size_t p, std::size_t k) {
    const std::string where =
        protocol_changes ? fmt::format("/protocols/{}", p) : fmt::format("/calendars/{}", k);
    e = moved(std::move(e), "/from", where + "/from");
    e = moved(std::move(e), "/protocol", fmt::format("/protocols/{}/protocol", p));
    return moved(std::move(e), "/calendar", fmt::format("/calendars/{}", k));
}

/// Calls `change(from, calendar, protocol)` for the protocols and calendars
/// after the first of each, in date order (one call for both on one date).
template <class Change>
expected<void> change_in_order(const std::vector<protocol_segment>& protocols,
                               const std::vector<calendar_segment>& calendars, Change change) {
    std::size_t p = 1;
    std::size_t k = 1;
    while (p < protocols.size() || k < calendars.size()) {
        const bool take_p = p < protocols.size() &&
                            (k == calendars.size() || protocols[p].from <= calendars[k].from);
        const bool take_k = k < calendars.size() &&
                            (p == protocols.size() || calendars[k].from <= protocols[p].from);
        std::optional<course_calendar> calendar;
        std::optional<protocol> program;
        if (take_k) {
            calendar = calendars[k].calendar;
        }
        if (take_p) {
            program = *protocols[p].program;
        }
        const date from = take_p ? protocols[p].from : calendars[k].from;
        if (auto ok = change(from, std::move(calendar), std::move(program)); !ok) {
            return tl::unexpected(in_segments(ok.error(), take_p, p, k));
        }
        p += take_p ? 1 : 0;
        k += take_k ? 1 : 0;
    }
    return {};
}

/// Reads the key of every entry of a course file's log from its session id.
expected<void> read_keys(std::vector<course_entry>& log) {
    for (std::size_t i = 0; i < log.size(); ++i) {
        const auto key = key_of_id(log[i].session);
        if (!key) {
            return tl::unexpected(
                not_a_session_id(log[i].session).error().inside(fmt::format("/log/{}", i)));
        }
        log[i].entry.session = *key;
    }
    return {};
}

} // namespace

expected<course> course::make(course_patient who, date start,
                              std::vector<protocol_segment> protocols,
                              std::vector<calendar_segment> calendars,
                              std::vector<course_pause> pauses, std::vector<course_entry> log,
                              criteria_mode mode) {
    if (auto ok = check_segments(protocols, calendars, start); !ok) {
        return tl::unexpected(ok.error());
    }
    auto c = course::start(std::move(who), *protocols.front().program, start,
                           calendars.front().calendar, mode);
    if (!c) {
        return tl::unexpected(moved(moved(c.error(), "/protocol", "/protocols/0/protocol"),
                                    "/calendar", "/calendars/0"));
    }
    const auto change = [&](date from, std::optional<course_calendar> calendar,
                            std::optional<protocol> program) {
        return c->change(from, std::move(calendar), std::move(program));
    };
    if (auto ok = change_in_order(protocols, calendars, change); !ok) {
        return tl::unexpected(ok.error());
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
    if (auto ok = read_keys(log); !ok) {
        return tl::unexpected(ok.error());
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

namespace {

/// Errors unless the times that apply to each phase of `program` are in
/// order, one a session of the day, and far enough apart.
expected<void> check_phase_times(const session_times& times, const protocol& program) {
    for (std::size_t i = 0; i < program.phases.size(); ++i) {
        const phase& ph = program.phases[i];
        const auto [list, source] = times_for(times, ph);
        const std::string path = times_path(source, ph, i);
        for (std::size_t k = 1; k < list->size(); ++k) {
            if ((*list)[k] <= (*list)[k - 1]) {
                return fail(errc::invalid_value, fmt::format("{}/{}", path, k),
                            fmt::format("must be later than the time before it ({}), got {}",
                                        (*list)[k - 1], (*list)[k]));
            }
        }
        const auto per_day = static_cast<std::size_t>(ph.frequency.per_day.value());
        if (list->size() != per_day) {
            return fail(errc::invalid_value, path,
                        fmt::format("phase {} has {} session{} a day, but {} time{} apply to it: "
                                    "give times by phase or by sessions a day",
                                    ph.id, per_day, per_day == 1 ? "" : "s", list->size(),
                                    list->size() == 1 ? "" : "s"));
        }
        if (auto gap = check_session_gap(*list, program.min_session_gap, path); !gap) {
            return gap;
        }
    }
    return {};
}

/// Errors if a rest day is listed twice, or every day of the week is one.
expected<void> check_rest_days(const std::vector<std::chrono::weekday>& rest_days) {
    for (std::size_t i = 0; i < rest_days.size(); ++i) {
        const auto before = rest_days.begin() + static_cast<std::ptrdiff_t>(i);
        if (std::find(rest_days.begin(), before, rest_days[i]) != before) {
            return fail(errc::invalid_value, fmt::format("/calendar/rest_days/{}", i),
                        "is listed twice");
        }
    }
    if (rest_days.size() >= 7 &&
        std::ranges::all_of(std::array{0U, 1U, 2U, 3U, 4U, 5U, 6U}, [&](unsigned d) {
            return std::ranges::find(rest_days, std::chrono::weekday{d}) != rest_days.end();
        })) {
        return fail(errc::invalid_value, "/calendar/rest_days",
                    "every day of the week is a rest day: no session would ever be due");
    }
    return {};
}

} // namespace

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
    if (auto ok = check_phase_times(calendar.times, program); !ok) {
        return ok;
    }
    return check_rest_days(calendar.rest_days);
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

namespace {

/// Errors unless `key` can be the next entry of `log`: a session after its
/// last one, and not too far ahead.
expected<void> check_next_entry(const std::vector<session_log>& log, session_key key) {
    if (key.day < 0 || key.slot < 0) {
        return fail(errc::invalid_value, "/session",
                    fmt::format("{} is not a session of the course", key));
    }
    if (!log.empty() && key <= log.back().session) {
        return fail(errc::invalid_value, "/session",
                    fmt::format("{} is not after the last session recorded ({}): entries are "
                                "recorded in order",
                                key, log.back().session));
    }
    if (const int from = log.empty() ? 0 : log.back().session.day;
        key.day - from > course_max_days_ahead) {
        return fail(errc::invalid_value, "/session",
                    fmt::format("{} is more than {} days after {}", key, course_max_days_ahead,
                                log.empty() ? "the course's start" : "the last session logged"));
    }
    return {};
}

/// Errors unless the walk reached the session `key` (`reached`, null when
/// it went past it), named `session_id` when one is given (`actual_id()`
/// is its id), and due.
template <class Id>
expected<void> check_reached(const course_session* reached, bool due, session_key key,
                             std::string_view session_id, const Id& actual_id) {
    if (reached == nullptr) {
        return fail(errc::invalid_value, "/session",
                    session_id.empty()
                        ? fmt::format("{} is not a session of the course", key)
                        : fmt::format("\"{}\" is not a session of the course", session_id));
    }
    if (!session_id.empty()) {
        // The id must name this session, in the protocol and phase in
        // force then.
        if (const std::string actual = actual_id(); actual != session_id) {
            return fail(errc::invalid_value, "/session",
                        fmt::format(R"("{}" is not a session of the course; {} is "{}")",
                                    session_id, key, actual));
        }
    }
    if (!due) {
        return fail(errc::invalid_value, "/session",
                    fmt::format("{} ({}) is not due: {}", key, to_iso_date(reached->planned_date),
                                reached->placement == session_placement::not_held
                                    ? "the time zone skipped its time"
                                    : "it falls on a rest day"));
    }
    return {};
}

/// The session of `key` among `sessions`, or null.
const course_session* find_session(std::span<const course_session> sessions, session_key key) {
    const auto it = std::ranges::find(sessions, key, &course_session::key);
    return it == sessions.end() ? nullptr : &*it;
}

/// Keeps the window from its first `kept` sessions on, then the sessions
/// due `earlier` on the logged session's day and `logged`.
void keep_logged_day(std::vector<course_session>& window, std::size_t kept,
                     std::vector<course_session>& earlier, course_session& logged) {
    window.resize(kept);
    for (course_session& s : earlier) {
        window.push_back(std::move(s));
    }
    window.push_back(std::move(logged));
}

} // namespace

expected<void> course::record_on(walker& w, const session_log& entry, std::string_view session_id,
                                 int window_day, bool reproject) {
    if (auto ok = check_next_entry(log_, entry.session); !ok) {
        return ok;
    }
    // What the window already prescribed for a session (the same engine
    // state), so it is not built twice.
    const auto prescribe = [&](walker::step& s) {
        const auto ahead = std::span<const course_session>(window_).subspan(ahead_);
        if (const course_session* known = find_session(ahead, s.session.key)) {
            s.session.prescription = known->prescription;
            s.session.last_change = known->last_change;
            return;
        }
        w.prescribe(s);
    };
    // The sessions due on the entry's date before it: they stay in the window.
    std::vector<course_session> same_day;
    auto step = w.next();
    for (; step && step->session.key < entry.session; step = w.next()) {
        if (step->due && step->session.key.day == window_day) {
            step->session.planned = false;
            prescribe(*step);
            same_day.push_back(std::move(step->session));
        }
    }
    const bool reached = step && step->session.key == entry.session;
    const auto actual_id = [&] {
        return id_of(w.run_index(), w.engine().phase_index(), entry.session);
    };
    if (auto ok = check_reached(reached ? &step->session : nullptr, reached && step->due,
                                entry.session, session_id, actual_id);
        !ok) {
        return ok;
    }
    course_session& s = step->session;
    s.planned = false;
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
        const bool same_day_as_last = !log_.empty() && log_.back().session.day == entry.session.day;
        s.logged = entry.status;
        keep_logged_day(window_, same_day_as_last ? ahead_ : 0, same_day, s);
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
