#include <rehab/schedule_planner.hpp>

#include <algorithm>
#include <chrono>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include "schedule_layout.hpp"

namespace rehab {

namespace {

/// The start dates a schedule accepts (inclusive), in days since 1970-01-01.
constexpr std::int64_t earliest_start_day =
    std::chrono::sys_days{std::chrono::year{1900} / 1 / 1}.time_since_epoch().count();
constexpr std::int64_t latest_start_day =
    std::chrono::sys_days{std::chrono::year{9000} / 12 / 31}.time_since_epoch().count();

/// A technical limit, not a clinical one: a phase's minimum duration is at
/// most a century, so program days and session indexes fit their fields.
constexpr std::int64_t max_phase_days = 36'525;

/// Times given for sessions must be valid and in order: the schedule walks
/// each day's sessions forwards in time.
std::optional<std::size_t> first_time_out_of_order(const std::vector<clock_time>& times) {
    for (std::size_t i = 0; i < times.size(); ++i) {
        if (!times[i].ok() || (i > 0 && times[i] <= times[i - 1])) {
            return i;
        }
    }
    return std::nullopt;
}

constexpr std::string_view times_rule =
    "times must be between 00:00 and 23:59, each later than the one before";

std::int64_t days_since_epoch(boost::gregorian::date d) noexcept {
    return (d - boost::gregorian::date(1970, 1, 1)).days();
}

/// The times and extra session days given per patient.
expected<void> check_options(const protocol& p, const schedule_options& options) {
    if (const auto bad = first_time_out_of_order(options.times)) {
        return fail(errc::invalid_value, fmt::format("/times/{}", *bad), std::string(times_rule));
    }
    // Times given per patient keep the protocol's gap, as its own times must.
    if (auto gap = check_session_gap(options.times, p.min_session_gap); !gap) {
        return tl::unexpected(gap.error());
    }
    for (std::size_t i = 0; i < options.extra_session_days.size(); ++i) {
        if (options.extra_session_days[i] < 0 || options.extra_session_days[i] > 3660) {
            return fail(
                errc::invalid_value, fmt::format("/extra_session_days/{}", i),
                fmt::format("must be between 0 and 3660, got {}", options.extra_session_days[i]));
        }
    }
    return {};
}

/// The times of phase `i`, which has `per_day` sessions a day: its own when
/// none are given per patient.
expected<void> check_phase_times(const protocol& p, std::size_t i, int per_day,
                                 const schedule_options& options) {
    const phase& ph = p.phases[i];
    if (!options.times.empty()) {
        if (options.times.size() != static_cast<std::size_t>(per_day)) {
            return fail(errc::invalid_value, "/times",
                        fmt::format("must give one time per session of phase \"{}\" ({}), got {}",
                                    ph.id, per_day, options.times.size()));
        }
        return {};
    }
    const std::string path = fmt::format("/phases/{}/frequency/times", i);
    if (const auto bad = first_time_out_of_order(ph.frequency.times)) {
        return fail(errc::invalid_value, fmt::format("{}/{}", path, *bad), std::string(times_rule));
    }
    if (auto gap = check_session_gap(ph.frequency.times, p.min_session_gap, path); !gap) {
        return tl::unexpected(gap.error());
    }
    if (ph.frequency.times.size() != static_cast<std::size_t>(per_day)) {
        return fail(errc::invalid_value, path,
                    fmt::format("must give one time per session of phase \"{}\" ({}), "
                                "got {}",
                                ph.id, per_day, ph.frequency.times.size()));
    }
    return {};
}

/// Phase `i`'s sessions a day, duration and times.
expected<void> check_phase(const protocol& p, std::size_t i, const schedule_options& options) {
    const phase& ph = p.phases[i];
    const int per_day = ph.frequency.per_day.value();
    if (per_day < 1 || per_day > 255 || ph.min_duration.count() < 0 ||
        ph.min_duration.count() > max_phase_days) {
        return fail(errc::invalid_value, fmt::format("/phases/{}", i),
                    fmt::format("needs 1 to 255 sessions a day and a minimum duration of 0 to "
                                "{} days",
                                max_phase_days));
    }
    if (!has_sessions(ph)) {
        if (auto why = sessionless_phase_problem(p, i)) {
            return fail(errc::invalid_value, fmt::format("/phases/{}/prescriptions", i),
                        std::move(*why));
        }
        return {}; // no sessions: its times are never used
    }
    return check_phase_times(p, i, per_day, options);
}

/// Every weekday's plan numbers its sessions with 32-bit indexes.
expected<void> check_total(const detail::schedule_layout& layout) {
    for (const detail::week_layout& week : layout.by_weekday) {
        if (week.total > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
            return fail(errc::invalid_value, "/phases",
                        fmt::format("the plan would have {} sessions, more than {}", week.total,
                                    std::numeric_limits<std::int32_t>::max()));
        }
    }
    return {};
}

/// Lays the phases out for plans starting on `start_weekday`, `elapsed`
/// days after the day the protocol counts from (`days_since_day_zero`).
detail::week_layout lay_out(const protocol& p, const schedule_options& options,
                            std::chrono::weekday start_weekday, int elapsed = 0);

} // namespace

expected<schedule_planner> schedule_planner::make(std::shared_ptr<const protocol> p,
                                                  const rehab::time_zone& zone,
                                                  const schedule_options& options) {
    if (!p) {
        return fail(errc::invalid_value, "", "no protocol given");
    }
    const protocol& proto = *p;
    if (proto.phases.empty()) {
        return fail(errc::invalid_value, "/phases", "the protocol has no phases");
    }
    if (proto.phases.size() > 255) {
        return fail(errc::invalid_value, "/phases",
                    fmt::format("at most 255 phases, got {}", proto.phases.size()));
    }
    if (auto ok = check_options(proto, options); !ok) {
        return tl::unexpected(ok.error());
    }
    for (std::size_t i = 0; i < proto.phases.size(); ++i) {
        if (auto ok = check_phase(proto, i, options); !ok) {
            return tl::unexpected(ok.error());
        }
    }
    auto layout = std::make_shared<detail::schedule_layout>(
        detail::schedule_layout{std::move(p), zone, options, {}});
    layout->options.time_zone = zone.name();
    for (unsigned w = 0; w < 7; ++w) {
        layout->by_weekday[w] = lay_out(*layout->program, options, std::chrono::weekday{w});
    }
    if (auto ok = check_total(*layout); !ok) {
        return tl::unexpected(ok.error());
    }
    return schedule_planner(std::move(layout));
}

expected<schedule_planner> schedule_planner::make(const protocol& p,
                                                  const schedule_options& options) {
    auto zone = time_zone::locate(options.time_zone);
    if (!zone) {
        return tl::unexpected(zone.error());
    }
    return make(std::make_shared<const protocol>(p), *zone, options);
}

expected<schedule> schedule_planner::plan(boost::gregorian::date start) const {
    if (start.is_special()) {
        return fail(errc::invalid_value, "/start", "must be a calendar date");
    }
    const std::int64_t day = days_since_epoch(start);
    if (day < earliest_start_day || day > latest_start_day) {
        return fail(errc::invalid_value, "/start",
                    fmt::format("must be a date between 1900 and 9000, got {}",
                                boost::gregorian::to_iso_extended_string(start)));
    }
    // 1970-01-01 was a Thursday (c_encoding 4).
    const auto weekday = static_cast<std::size_t>(((day + 4) % 7 + 7) % 7);
    const auto elapsed = days_since_day_zero(*layout_->program, layout_->options.patient, start);
    if (!elapsed) {
        return tl::unexpected(elapsed.error());
    }
    if (*elapsed > 0) {
        // Counted from an injury or surgery before the start: this plan
        // begins inside a phase, so it gets a layout of its own.
        auto own = std::make_shared<detail::schedule_layout>(*layout_);
        own->by_weekday[weekday] =
            lay_out(*own->program, own->options,
                    std::chrono::weekday{static_cast<unsigned>(weekday)}, *elapsed);
        const detail::week_layout& week = own->by_weekday[weekday];
        if (week.problem) {
            return tl::unexpected(*week.problem);
        }
        return schedule(std::move(own), week, start, day);
    }
    const detail::week_layout& week = layout_->by_weekday[weekday];
    if (week.problem) {
        return tl::unexpected(*week.problem);
    }
    return schedule(layout_, week, start, day);
}

std::size_t schedule_planner::max_sessions() const noexcept {
    std::size_t most = 0;
    for (const detail::week_layout& week : layout_->by_weekday) {
        most = std::max(most, week.total);
    }
    return most;
}

const protocol& schedule_planner::program() const noexcept { return *layout_->program; }
const time_zone& schedule_planner::zone() const noexcept { return layout_->zone; }
const schedule_options& schedule_planner::options() const noexcept { return layout_->options; }

namespace {

/// Lays out the 7-day block of phase `i`, which starts on program day
/// `layout.first_day`: appends its sessions to `out.block` and fills
/// `layout.days_before`. Returns which days of the block are session days.
std::array<bool, 7> lay_out_block(detail::week_layout& out, detail::phase_layout& layout,
                                  const protocol& p, std::size_t i, const schedule_options& options,
                                  std::chrono::weekday start_weekday) {
    const phase& ph = p.phases[i];
    const std::vector<clock_time>& times =
        options.times.empty() ? ph.frequency.times : options.times;
    std::array<bool, 7> session_day{};
    for (int offset = 0; offset < 7; ++offset) {
        const int d = layout.first_day + offset;
        const std::chrono::weekday weekday = start_weekday + std::chrono::days{d};
        const bool rest = std::find(options.rest_days.begin(), options.rest_days.end(), weekday) !=
                          options.rest_days.end();
        const auto o = static_cast<std::size_t>(offset);
        session_day[o] =
            !rest && has_sessions(ph) && is_session_day(ph.frequency.days, d, start_weekday);
        layout.days_before[o + 1] =
            static_cast<std::uint8_t>(layout.days_before[o] + (session_day[o] ? 1 : 0));
        if (!session_day[o]) {
            continue;
        }
        for (int slot = 0; slot < layout.per_day; ++slot) {
            const auto minutes = times[static_cast<std::size_t>(slot)].since_midnight.count();
            out.block.push_back(detail::block_session{
                std::chrono::sys_seconds{std::chrono::days{offset} + std::chrono::minutes{minutes}},
                0, offset, static_cast<std::int16_t>(minutes), static_cast<std::uint8_t>(slot),
                static_cast<std::uint8_t>(i)});
        }
    }
    return session_day;
}

/// Moves `layout.end_day` on past `extra` more session days of the pattern
/// `session_day` (which has at least one).
void extend(detail::phase_layout& layout, int extra, const std::array<bool, 7>& session_day) {
    for (int added = 0; added < extra; ++layout.end_day) {
        added +=
            session_day[static_cast<std::size_t>((layout.end_day - layout.first_day) % 7)] ? 1 : 0;
    }
}

detail::week_layout lay_out(const protocol& p, const schedule_options& options,
                            std::chrono::weekday start_weekday, int elapsed) {
    detail::week_layout out;
    // Phases that ended before the start are empty, and the one in force
    // then is cut to what is left of it, as the engine passes them.
    // Where each phase would start, counted from the start; extra session
    // days push every later phase on by `shift`.
    const std::vector<long long> starts = planned_phase_starts(p);
    const auto planned = [&](std::size_t i) { return static_cast<int>(starts[i]) - elapsed; };
    int shift = 0;
    std::size_t index = 0;
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        const phase& ph = p.phases[i];
        detail::phase_layout layout;
        layout.first_day = std::max(planned(i) + shift, 0);
        layout.end_day = std::max(planned(i + 1) + shift, 0);
        const bool passed = layout.end_day == 0 && i + 1 < p.phases.size();
        layout.per_day = ph.frequency.per_day.value();
        layout.block_begin = out.block.size();
        const std::array<bool, 7> session_day =
            lay_out_block(out, layout, p, i, options, start_weekday);
        layout.block_size = out.block.size() - layout.block_begin;
        // Extra session days (a phase extended for missed sessions) follow the
        // phase's own pattern: the phase ends just after the last one added.
        const int extra =
            i < options.extra_session_days.size() && !passed ? options.extra_session_days[i] : 0;
        if (extra > 0 && layout.block_size == 0 && !out.problem) {
            out.problem = fail(errc::invalid_value, fmt::format("/extra_session_days/{}", i),
                               fmt::format("phase \"{}\" has no session days to extend", ph.id))
                              .value();
        }
        const int planned_end = layout.end_day;
        if (layout.block_size > 0) {
            extend(layout, extra, session_day);
        }
        const int span = layout.end_day - layout.first_day;
        const std::size_t session_days =
            static_cast<std::size_t>(span / 7) * layout.days_before[7] +
            layout.days_before[static_cast<std::size_t>(span % 7)];
        layout.first_index = index;
        layout.count = session_days * static_cast<std::size_t>(layout.per_day);
        index += layout.count;
        shift += layout.end_day - planned_end;
        out.phases.push_back(layout);
    }
    out.total = index;
    return out;
}

} // namespace

} // namespace rehab
