// What a course answers: sessions due at an instant, on a date or in a range,
// adherence, and ids. Queries at or after the day of the last session logged
// read the window; earlier ones replay the log.
#include <rehab/course.hpp>

#include <algorithm>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <rehab/dates.hpp>

#include "course_walker.hpp"

namespace rehab {

using boost::gregorian::date;
using boost::gregorian::days;
using detail::local_at;

bool operator==(const protocol_segment& a, const protocol_segment& b) {
    return a.from == b.from &&
           (a.program == b.program || (a.program && b.program && *a.program == *b.program));
}

bool operator==(const course_session& a, const course_session& b) {
    const auto same = [](const auto& x, const auto& y) { return x == y || (x && y && *x == *y); };
    return a.key == b.key && a.segment == b.segment && a.utc == b.utc &&
           a.planned_date == b.planned_date && a.date == b.date && a.local_time == b.local_time &&
           a.placement == b.placement && same(a.prescription, b.prescription) &&
           same(a.last_change, b.last_change) && a.logged == b.logged && a.planned == b.planned;
}

std::string course::id(const course_session& s) const {
    return id_of(s.segment, s.prescription->phase_index, s.key);
}

namespace {

/// Walks `w` on, calling `keep(session)` for every session due that
/// `wanted(session)` accepts, prescribed, until `keep` returns false.
template <class Walker, class Wanted, class Keep>
void keep_walked(Walker& w, const Wanted& wanted, Keep& keep) {
    while (auto step = w.next()) {
        if (!step->due || !wanted(step->session)) {
            continue;
        }
        w.prescribe(*step);
        if (!keep(step->session)) {
            return;
        }
    }
}

} // namespace

template <class F>
void course::due_from(date first, std::optional<date> last, F&& keep) const {
    const auto from_first = [&](const course_session& s) { return s.planned_date >= first; };
    const date window_start = log_.empty() ? start_ : start_ + days(log_.back().session.day);
    if (first < window_start) {
        // Before the window: replay the log from the first session.
        walker w(*this, walker::origin::first_session);
        keep_walked(w, from_first, keep);
        return;
    }
    for (const course_session& s : window_) {
        if (from_first(s) && !keep(s)) {
            return;
        }
    }
    if (window_ends_course_ || (last && !window_.empty() && *last <= window_.back().planned_date)) {
        return; // the window holds every session of its last day
    }
    walker w(*this, walker::origin::last_logged);
    const session_key last_in_window = window_.back().key;
    keep_walked(
        w, [&](const course_session& s) { return s.key > last_in_window && from_first(s); }, keep);
}

std::optional<course_session> course::due_at(std::chrono::sys_seconds instant) const {
    const course_session* last = nullptr;
    std::optional<std::chrono::sys_seconds> following;
    std::optional<course_session> walked;
    const bool in_window = !window_.empty() && (log_.empty() || window_.front().utc <= instant) &&
                           (window_ends_course_ || (window_bound_ && instant < *window_bound_));
    if (in_window) {
        following = window_bound_;
        for (const course_session& s : window_) {
            if (s.utc > instant) {
                following = s.utc;
                break;
            }
            last = &s;
        }
    } else {
        const date from = !window_.empty() && window_.front().utc <= instant
                              ? window_.front().planned_date
                              : start_;
        due_from(from, std::nullopt, [&](const course_session& s) {
            if (s.utc <= instant) {
                walked = s;
                return true;
            }
            return false;
        });
        last = walked ? &*walked : nullptr;
    }
    if (last == nullptr || (following && *following <= instant)) {
        return std::nullopt;
    }
    const time_zone& zone = zone_on(last->planned_date);
    const auto day_ends = zone.to_utc(local_at(last->date + days(1), clock_time{}));
    if (instant >= day_ends) {
        return std::nullopt;
    }
    return *last;
}

std::optional<course_session> course::next_after(std::chrono::sys_seconds instant) const {
    std::optional<course_session> out;
    const date from = !window_.empty() && (log_.empty() || window_.front().utc <= instant)
                          ? window_.front().planned_date
                          : start_;
    due_from(from, std::nullopt, [&](const course_session& s) {
        if (s.utc > instant) {
            out = s;
            return false;
        }
        return true;
    });
    return out;
}

std::vector<course_session> course::between(date first, date last) const {
    std::vector<course_session> out;
    if (first.is_special() || last.is_special() || last < first) {
        return out;
    }
    due_from(std::max(first, start_), last, [&](const course_session& s) {
        if (s.planned_date > last) {
            return false;
        }
        out.push_back(s);
        return true;
    });
    return out;
}

std::vector<course_session> course::on(date d) const { return between(d, d); }

std::optional<std::span<const course_session>> course::window_day(date d) const noexcept {
    const date window_start = log_.empty() ? start_ : start_ + days(log_.back().session.day);
    if (window_.empty() || d < window_start ||
        (!window_ends_course_ && d > window_.back().planned_date)) {
        return std::nullopt;
    }
    const auto first =
        std::ranges::find_if(window_, [&](const course_session& s) { return s.planned_date >= d; });
    const auto end = std::find_if(first, window_.end(),
                                  [&](const course_session& s) { return s.planned_date > d; });
    return std::span<const course_session>(first, end);
}

expected<adherence_report> course::adherence(date first, date last, std::chrono::sys_seconds as_of,
                                             const adherence_policy& policy) const {
    if (policy.make_up_window < std::chrono::hours{0}) {
        return fail(errc::invalid_value, "/make_up_window_hours",
                    fmt::format("must be >= 0, got {}", policy.make_up_window.count()));
    }
    if (first.is_special() || last.is_special() || first > last) {
        return fail(errc::invalid_value, "/first", "the window must start on or before its end");
    }
    if (last < start_) {
        return fail(errc::invalid_value, "/first",
                    fmt::format("the window ends on {}, before the course starts ({})",
                                to_iso_date(last), to_iso_date(start_)));
    }
    const auto course_midnight = calendar_zones_.front()->to_utc(local_at(start_, clock_time{}));
    if (as_of < course_midnight) {
        return fail(errc::invalid_value, "/as_of",
                    fmt::format("{:%Y-%m-%dT%H:%M:%SZ} is before the course starts ({})", as_of,
                                to_iso_date(start_)));
    }
    adherence_report report;
    std::size_t next_entry = 0;
    due_from(std::max(first, start_), last, [&](const course_session& s) {
        if (s.planned_date > last || s.utc > as_of) {
            return false;
        }
        while (next_entry < log_.size() && log_[next_entry].session < s.key) {
            ++next_entry;
        }
        const session_log* entry = next_entry < log_.size() && log_[next_entry].session == s.key
                                       ? &log_[next_entry]
                                       : nullptr;
        const bool done = entry != nullptr && entry->status == session_status::done &&
                          (policy.policy != missed_policy::make_up || !entry->done_at ||
                           *entry->done_at <= s.utc + policy.make_up_window);
        count_session(report, *s.prescription, entry, done);
        return true;
    });
    return report;
}

bool operator==(const course& a, const course& b) {
    return a.patient_ == b.patient_ && a.start_ == b.start_ && a.mode_ == b.mode_ &&
           a.protocols_ == b.protocols_ && a.calendars_ == b.calendars_ && a.pauses_ == b.pauses_ &&
           a.log_ == b.log_;
}

// --- std::chrono dates ----------------------------------------------------------

expected<course> course::start(course_patient who, protocol program,
                               std::chrono::year_month_day start, course_calendar calendar,
                               criteria_mode mode) {
    auto d = to_date(start, "/start");
    if (!d) {
        return tl::unexpected(d.error());
    }
    return course::start(std::move(who), std::move(program), *d, std::move(calendar), mode);
}

expected<void> course::move(std::chrono::year_month_day from, course_calendar calendar) {
    auto d = to_date(from, "/from");
    return d ? move(*d, std::move(calendar)) : tl::unexpected(d.error());
}

expected<void> course::switch_protocol(std::chrono::year_month_day from, protocol program) {
    auto d = to_date(from, "/from");
    return d ? switch_protocol(*d, std::move(program)) : tl::unexpected(d.error());
}

expected<void> course::pause(std::chrono::year_month_day from,
                             std::optional<std::chrono::year_month_day> to) {
    auto first = to_date(from, "/from");
    if (!first) {
        return tl::unexpected(first.error());
    }
    if (!to) {
        return pause(*first);
    }
    auto last = to_date(*to, "/to");
    return last ? pause(*first, *last) : tl::unexpected(last.error());
}

expected<void> course::resume(std::chrono::year_month_day on) {
    auto d = to_date(on, "/on");
    return d ? resume(*d) : tl::unexpected(d.error());
}

expected<std::vector<course_session>> course::on(std::chrono::year_month_day d) const {
    auto day = to_date(d, "/on");
    if (!day) {
        return tl::unexpected(day.error());
    }
    return on(*day);
}

expected<std::vector<course_session>> course::between(std::chrono::year_month_day first,
                                                      std::chrono::year_month_day last) const {
    auto a = to_date(first, "/first");
    auto b = to_date(last, "/last");
    if (!a || !b) {
        return tl::unexpected(!a ? a.error() : b.error());
    }
    return between(*a, *b);
}

expected<adherence_report> course::adherence(std::chrono::year_month_day first,
                                             std::chrono::year_month_day last,
                                             std::chrono::sys_seconds as_of,
                                             const adherence_policy& policy) const {
    auto a = to_date(first, "/first");
    auto b = to_date(last, "/last");
    if (!a || !b) {
        return tl::unexpected(!a ? a.error() : b.error());
    }
    return adherence(*a, *b, as_of, policy);
}

} // namespace rehab
