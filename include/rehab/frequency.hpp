#pragma once
/// @file frequency.hpp
/// How often a phase is trained: sessions per day, which days, and the
/// default clock times of the sessions.

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include <rehab/error.hpp>
#include <rehab/units.hpp>

namespace rehab {

/// Every day of the week.
struct every_day {
    friend bool operator==(const every_day&, const every_day&) = default;
};

/// N days in each 7-day week, spread so that no two are adjacent where N
/// allows: day offsets `floor(i * 7 / N)` from the program's start, so 3 days
/// a week from a Monday start are Monday, Wednesday and Friday.
struct days_per_week {
    int count = 7;
    friend bool operator==(const days_per_week&, const days_per_week&) = default;
};

/// Given days of the week, e.g. Monday, Wednesday and Friday.
struct on_weekdays {
    std::vector<std::chrono::weekday> days{};
    friend bool operator==(const on_weekdays&, const on_weekdays&) = default;
};

/// Which days have sessions.
using day_pattern = std::variant<every_day, days_per_week, on_weekdays>;

/// A clock time of day, as minutes after midnight: `clock_time{8h}`,
/// `clock_time{18h + 30min}`. Civil (wall-clock) time: 08:00 stays 08:00
/// across a daylight-saving change.
struct clock_time {
    std::chrono::minutes since_midnight{0};

    /// From "HH:MM" (00:00 to 23:59), or an error naming the text.
    [[nodiscard]] static expected<clock_time> parse(std::string_view text,
                                                    std::string_view field = "/times");
    [[nodiscard]] constexpr bool ok() const noexcept {
        return since_midnight >= std::chrono::minutes{0} && since_midnight < std::chrono::hours{24};
    }
    friend constexpr auto operator<=>(const clock_time&, const clock_time&) = default;
};

/// How often a phase is trained.
struct frequency {
    rehab::sessions per_day{1};
    day_pattern days{every_day{}};
    /// Default clock times of the day's sessions, one per session, earliest
    /// first. Scheduling defaults, not clinical parameters: users override them.
    std::vector<clock_time> times{};
    friend bool operator==(const frequency&, const frequency&) = default;
};

/// Checks that each of `times` (in order) is at least `gap` after the one
/// before it; the error is located at `field/i` and names both times and the
/// gap: `/times/1: must be at least 180 min after the time before it (08:00),
/// got 09:00 (min_session_gap_minutes)`. The protocol checker, the loader and
/// the schedule (times given per patient) all use it.
[[nodiscard]] expected<void> check_session_gap(std::span<const clock_time> times,
                                               std::chrono::minutes gap,
                                               std::string_view field = "/times");

/// True if the program day `day` (0 = the start date, whose weekday is
/// `start`) has sessions under `pattern`.
[[nodiscard]] bool is_session_day(const day_pattern& pattern, int day,
                                  std::chrono::weekday start) noexcept;

/// Every problem with `f`: sessions per day below 1, a day count outside
/// 1-7, no weekdays, times out of order or not one per session.
[[nodiscard]] error_list validate(const frequency& f);

} // namespace rehab

/// Prints "08:00".
template <>
struct fmt::formatter<rehab::clock_time> : fmt::formatter<std::string_view> {
    auto format(const rehab::clock_time& t, fmt::format_context& ctx) const -> decltype(ctx.out()) {
        const auto m = t.since_midnight.count();
        return fmt::formatter<std::string_view>::format(fmt::format("{:02}:{:02}", m / 60, m % 60),
                                                        ctx);
    }
};

/// Prints "twice a day, every day", "once a day, 3 days a week",
/// "once a day on Mon, Wed, Fri".
template <>
struct fmt::formatter<rehab::frequency> : fmt::formatter<std::string_view> {
    auto format(const rehab::frequency& f, fmt::format_context& ctx) const -> decltype(ctx.out());
};
