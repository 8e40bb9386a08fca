#include <rehab/frequency.hpp>

#include <algorithm>
#include <array>
#include <charconv>

#include <fmt/format.h>

namespace rehab {

namespace {

error invalid(std::string path, std::string message) {
    return error{errc::invalid_value, std::move(path), std::move(message), {}, {}};
}

bool is_offset_of(int count, int offset) noexcept {
    for (int i = 0; i < count; ++i) {
        if (i * 7 / count == offset) {
            return true;
        }
    }
    return false;
}

} // namespace

expected<clock_time> clock_time::parse(std::string_view text, std::string_view field) {
    const auto bad = [&] {
        return fail(
            errc::parse_error, std::string(field),
            fmt::format("expected a time as HH:MM between 00:00 and 23:59, got \"{}\"", text));
    };
    if (text.size() != 5 || text[2] != ':') {
        return bad();
    }
    int hours = -1;
    int minutes = -1;
    const auto h = std::from_chars(text.data(), text.data() + 2, hours);
    const auto m = std::from_chars(text.data() + 3, text.data() + 5, minutes);
    if (h.ptr != text.data() + 2 || m.ptr != text.data() + 5 || hours < 0 || hours > 23 ||
        minutes < 0 || minutes > 59) {
        return bad();
    }
    return clock_time{std::chrono::hours{hours} + std::chrono::minutes{minutes}};
}

expected<void> check_session_gap(std::span<const clock_time> times, std::chrono::minutes gap,
                                 std::string_view field) {
    for (std::size_t i = 1; i < times.size(); ++i) {
        const clock_time& before = times[i - 1];
        const clock_time& t = times[i];
        if (before.ok() && t.ok() && t > before && t.since_midnight - before.since_midnight < gap) {
            return fail(errc::invalid_value, fmt::format("{}/{}", field, i),
                        fmt::format("must be at least {} min after the time before it ({}), got "
                                    "{} (min_session_gap_minutes)",
                                    gap.count(), before, t));
        }
    }
    return {};
}

bool is_session_day(const day_pattern& pattern, int day, std::chrono::weekday start) noexcept {
    if (day < 0) {
        return false;
    }
    return std::visit(
        [&](const auto& p) -> bool {
            using P = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<P, every_day>) {
                return true;
            } else if constexpr (std::is_same_v<P, days_per_week>) {
                return p.count >= 1 && is_offset_of(std::min(p.count, 7), day % 7);
            } else {
                const std::chrono::weekday today = start + std::chrono::days{day};
                return std::find(p.days.begin(), p.days.end(), today) != p.days.end();
            }
        },
        pattern);
}

error_list validate(const frequency& f) {
    error_list errors;
    if (f.per_day < sessions{1}) {
        errors.push_back(
            invalid("/sessions_per_day", fmt::format("must be >= 1, got {}", f.per_day)));
    }
    if (const auto* n = std::get_if<days_per_week>(&f.days); n && (n->count < 1 || n->count > 7)) {
        errors.push_back(
            invalid("/days_per_week", fmt::format("must be between 1 and 7, got {}", n->count)));
    }
    if (const auto* w = std::get_if<on_weekdays>(&f.days)) {
        if (w->days.empty()) {
            errors.push_back(invalid("/weekdays", "must name at least one day"));
        }
        for (std::size_t i = 0; i < w->days.size(); ++i) {
            if (!w->days[i].ok()) {
                errors.push_back(
                    invalid(fmt::format("/weekdays/{}", i), "is not a day of the week"));
            }
        }
    }
    if (!f.times.empty() && static_cast<int>(f.times.size()) != f.per_day.value()) {
        errors.push_back(
            invalid("/times", fmt::format("must give one time per session ({}), got {}", f.per_day,
                                          f.times.size())));
    }
    for (std::size_t i = 0; i < f.times.size(); ++i) {
        if (!f.times[i].ok()) {
            errors.push_back(
                invalid(fmt::format("/times/{}", i), "must be between 00:00 and 23:59"));
        } else if (i > 0 && f.times[i] <= f.times[i - 1]) {
            errors.push_back(
                invalid(fmt::format("/times/{}", i),
                        fmt::format("must be later than the time before it ({}), got {}",
                                    f.times[i - 1], f.times[i])));
        }
    }
    return errors;
}

} // namespace rehab

auto fmt::formatter<rehab::frequency>::format(const rehab::frequency& f,
                                              fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    static constexpr std::array<std::string_view, 7> names{"Sun", "Mon", "Tue", "Wed",
                                                           "Thu", "Fri", "Sat"};
    const int n = f.per_day.value();
    std::string text = n == 1   ? "once a day"
                       : n == 2 ? "twice a day"
                                : fmt::format("{} times a day", n);
    std::visit(
        [&](const auto& p) {
            using P = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<P, rehab::every_day>) {
                text += ", every day";
            } else if constexpr (std::is_same_v<P, rehab::days_per_week>) {
                text += fmt::format(", {} days a week", p.count);
            } else {
                text += " on ";
                for (std::size_t i = 0; i < p.days.size(); ++i) {
                    text += (i > 0 ? ", " : "");
                    text += p.days[i].ok() ? names[p.days[i].c_encoding()] : "?";
                }
            }
        },
        f.days);
    return fmt::formatter<std::string_view>::format(text, ctx);
}
