#pragma once
/// @file frequency.hpp
/// How often a phase is trained: sessions per day, which days, and the
/// default clock times of the sessions.
///
/// Header-only (`rehab::values`): the definitions are at the end of this header.

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include <rehab/detail/enum_names.hpp>
#include <rehab/error.hpp>
#include <rehab/units.hpp>

namespace rehab {

/// Every day of the week.
struct every_day {
    /// Always equal: there is nothing to compare.
    friend bool operator==(const every_day&, const every_day&) = default;
};

/// N days in each 7-day week, spread so that no two are adjacent where N
/// allows: day offsets `floor(i * 7 / N)` from the program's start, so 3 days
/// a week from a Monday start are Monday, Wednesday and Friday.
struct days_per_week {
    /// Days with sessions in each week, 1-7 (`validate` refuses others).
    int count = 7;
    /// Equal when every field is.
    friend bool operator==(const days_per_week&, const days_per_week&) = default;
};

/// Given days of the week, e.g. Monday, Wednesday and Friday.
struct on_weekdays {
    /// The weekdays with sessions, in any order; `validate` asks for at least
    /// one, each a valid `std::chrono::weekday`.
    std::vector<std::chrono::weekday> days{};
    /// Equal when every field is.
    friend bool operator==(const on_weekdays&, const on_weekdays&) = default;
};

/// Which days have sessions.
using day_pattern = std::variant<every_day, days_per_week, on_weekdays>;

/// A clock time of day, as minutes after midnight: `clock_time{8h}`,
/// `clock_time{18h + 30min}`. Civil (wall-clock) time: 08:00 stays 08:00
/// across a daylight-saving change.
struct clock_time {
    /// Minutes after midnight: 0 (00:00) to 1439 (23:59) when `ok()`.
    std::chrono::minutes since_midnight{0};

    /// From "HH:MM" (00:00 to 23:59), or an error naming the text.
    [[nodiscard]] static expected<clock_time> parse(std::string_view text,
                                                    std::string_view field = "/times");
    /// True when the time lies within the day, 00:00 to 23:59.
    [[nodiscard]] constexpr bool ok() const noexcept {
        return since_midnight >= std::chrono::minutes{0} && since_midnight < std::chrono::hours{24};
    }
    /// Orders by time of day: earlier is less.
    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>
    friend constexpr auto operator<=>(const clock_time&, const clock_time&) = default;
};

/// How often a phase is trained.
struct frequency {
    /// Sessions on each day that has sessions; at least 1 (`validate`).
    rehab::sessions per_day{1};
    /// Which days have sessions; every day unless given.
    day_pattern days{every_day{}};
    /// Default clock times of the day's sessions, one per session, earliest
    /// first. Scheduling defaults, not clinical parameters: users override them.
    std::vector<clock_time> times{};
    /// Equal when every field is.
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
    auto format(const rehab::clock_time& t, fmt::format_context& ctx) const -> decltype(ctx.out());
};

/// Prints "twice a day, every day", "once a day, 3 days a week",
/// "once a day on Mon, Wed, Fri".
template <>
struct fmt::formatter<rehab::frequency> : fmt::formatter<std::string_view> {
    auto format(const rehab::frequency& f, fmt::format_context& ctx) const -> decltype(ctx.out());
};

// --- Definitions -------------------------------------------------------------
// Messages are built by concatenation (`std::to_string` prints an integer as
// "{}" does): each `fmt::format` call instantiates its own compile-time check,
// and these definitions are compiled by every file that includes the header.

namespace rehab {

namespace detail {

inline error frequency_invalid(std::string path, std::string message) {
    return error{errc::invalid_value, std::move(path), std::move(message), {}, {}};
}

inline bool frequency_is_offset_of(int count, int offset) noexcept {
    for (int i = 0; i < count; ++i) {
        if (i * 7 / count == offset) {
            return true;
        }
    }
    return false;
}

/// `value` as "{:02}" prints it: at least two characters, zero-padded.
inline std::string frequency_two_digits(long long value) {
    std::string text = std::to_string(value);
    if (text.size() < 2) {
        text.insert(0, 2 - text.size(), '0');
    }
    return text;
}

/// The names of the weekdays, Monday first: the abbreviation in a
/// frequency's text ("Mon") and the token of the JSON files ("mon").
inline constexpr enum_names<std::chrono::weekday, 7> weekday_names{{
    {std::chrono::Monday, "Mon", "mon"},
    {std::chrono::Tuesday, "Tue", "tue"},
    {std::chrono::Wednesday, "Wed", "wed"},
    {std::chrono::Thursday, "Thu", "thu"},
    {std::chrono::Friday, "Fri", "fri"},
    {std::chrono::Saturday, "Sat", "sat"},
    {std::chrono::Sunday, "Sun", "sun"},
}};

/// "08:00".
inline std::string frequency_clock_text(const clock_time& t) {
    const auto m = t.since_midnight.count();
    return frequency_two_digits(m / 60) + ":" + frequency_two_digits(m % 60);
}

} // namespace detail

inline expected<clock_time> clock_time::parse(std::string_view text, std::string_view field) {
    const auto bad = [&] {
        return fail(errc::parse_error, std::string(field),
                    "expected a time as HH:MM between 00:00 and 23:59, got \"" + std::string(text) +
                        "\"");
    };
    if (text.size() != 5 || text[2] != ':') {
        return bad();
    }
    const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    if (!digit(0) || !digit(1) || !digit(3) || !digit(4)) {
        return bad();
    }
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours > 23 || minutes > 59) {
        return bad();
    }
    return clock_time{std::chrono::hours{hours} + std::chrono::minutes{minutes}};
}

inline expected<void> check_session_gap(std::span<const clock_time> times, std::chrono::minutes gap,
                                        std::string_view field) {
    for (std::size_t i = 1; i < times.size(); ++i) {
        const clock_time& before = times[i - 1];
        const clock_time& t = times[i];
        if (before.ok() && t.ok() && t > before && t.since_midnight - before.since_midnight < gap) {
            return fail(errc::invalid_value, std::string(field) + "/" + std::to_string(i),
                        "must be at least " + std::to_string(gap.count()) +
                            " min after the time before it (" +
                            detail::frequency_clock_text(before) + "), got " +
                            detail::frequency_clock_text(t) + " (min_session_gap_minutes)");
        }
    }
    return {};
}

inline bool is_session_day(const day_pattern& pattern, int day,
                           std::chrono::weekday start) noexcept {
    if (day < 0) {
        return false;
    }
    if (const auto* n = std::get_if<days_per_week>(&pattern)) {
        return n->count >= 1 &&
               detail::frequency_is_offset_of(n->count < 7 ? n->count : 7, day % 7);
    }
    if (const auto* w = std::get_if<on_weekdays>(&pattern)) {
        const std::chrono::weekday today = start + std::chrono::days{day};
        // No <algorithm> in the value layer: it adds the C++20 ranges algorithms to
        // every file that includes rehab.hpp (BENCHMARKS.md, compile time).
        // NOLINTNEXTLINE(readability-use-anyofallof)
        for (const std::chrono::weekday d : w->days) {
            if (d == today) {
                return true;
            }
        }
        return false;
    }
    return std::holds_alternative<every_day>(pattern);
}

inline error_list validate(const frequency& f) {
    using detail::frequency_invalid;
    error_list errors;
    if (f.per_day < sessions{1}) {
        errors.push_back(frequency_invalid(
            "/sessions_per_day", "must be >= 1, got " + std::to_string(f.per_day.value())));
    }
    if (const auto* n = std::get_if<days_per_week>(&f.days); n && (n->count < 1 || n->count > 7)) {
        errors.push_back(frequency_invalid("/days_per_week", "must be between 1 and 7, got " +
                                                                 std::to_string(n->count)));
    }
    if (const auto* w = std::get_if<on_weekdays>(&f.days)) {
        if (w->days.empty()) {
            errors.push_back(frequency_invalid("/weekdays", "must name at least one day"));
        }
        for (std::size_t i = 0; i < w->days.size(); ++i) {
            if (!w->days[i].ok()) {
                errors.push_back(frequency_invalid("/weekdays/" + std::to_string(i),
                                                   "is not a day of the week"));
            }
        }
    }
    if (!f.times.empty() && static_cast<int>(f.times.size()) != f.per_day.value()) {
        errors.push_back(frequency_invalid(
            "/times", "must give one time per session (" + std::to_string(f.per_day.value()) +
                          "), got " + std::to_string(f.times.size())));
    }
    for (std::size_t i = 0; i < f.times.size(); ++i) {
        if (!f.times[i].ok()) {
            errors.push_back(frequency_invalid("/times/" + std::to_string(i),
                                               "must be between 00:00 and 23:59"));
        } else if (i > 0 && f.times[i] <= f.times[i - 1]) {
            errors.push_back(frequency_invalid("/times/" + std::to_string(i),
                                               "must be later than the time before it (" +
                                                   detail::frequency_clock_text(f.times[i - 1]) +
                                                   "), got " +
                                                   detail::frequency_clock_text(f.times[i])));
        }
    }
    return errors;
}

} // namespace rehab

inline auto fmt::formatter<rehab::clock_time>::format(const rehab::clock_time& t,
                                                      fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(rehab::detail::frequency_clock_text(t), ctx);
}

inline auto fmt::formatter<rehab::frequency>::format(const rehab::frequency& f,
                                                     fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    const int n = f.per_day.value();
    std::string text = n == 1   ? "once a day"
                       : n == 2 ? "twice a day"
                                : std::to_string(n) + " times a day";
    if (const auto* p = std::get_if<rehab::days_per_week>(&f.days)) {
        text += ", " + std::to_string(p->count) + " days a week";
    } else if (const auto* w = std::get_if<rehab::on_weekdays>(&f.days)) {
        text += " on ";
        for (std::size_t i = 0; i < w->days.size(); ++i) {
            text += (i > 0 ? ", " : "");
            text += rehab::detail::text_of(w->days[i], rehab::detail::weekday_names, "?");
        }
    } else {
        text += ", every day";
    }
    return fmt::formatter<std::string_view>::format(text, ctx);
}
