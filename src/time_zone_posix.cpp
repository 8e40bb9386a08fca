#include "time_zone_posix.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>

#include "time_zone_messages.hpp"

namespace rehab::detail {

namespace {

constexpr std::int64_t seconds_per_day = 86'400;

std::int64_t day_start(std::chrono::sys_days d) noexcept {
    return static_cast<std::int64_t>(d.time_since_epoch().count()) * seconds_per_day;
}

/// Reads one POSIX TZ string from left to right (`parse_posix_tz`).
class tz_string_parser {
public:
    using result = tl::expected<posix_tz, std::string>;

    explicit tz_string_parser(std::string_view text) : text_(text) {}

    result parse() {
        posix_tz tz;
        if (!abbreviation(tz.standard.abbreviation)) {
            return tl::unexpected<std::string>("expected a standard-time abbreviation");
        }
        std::int32_t west = 0;
        if (!signed_time(24, west)) {
            return tl::unexpected<std::string>(
                "expected the standard time's offset as [+-]hh[:mm[:ss]] (hh at most 24)");
        }
        tz.standard.offset = -west;
        if (done()) {
            return tz;
        }
        tz.has_dst = true;
        tz.daylight.dst = true;
        if (!abbreviation(tz.daylight.abbreviation)) {
            return tl::unexpected<std::string>("expected a daylight-time abbreviation");
        }
        tz.daylight.offset = tz.standard.offset + 3600;
        if (!done() && peek() != ',') {
            if (!signed_time(24, west)) {
                return tl::unexpected<std::string>(
                    "expected the daylight time's offset as [+-]hh[:mm[:ss]] (hh at most 24)");
            }
            tz.daylight.offset = -west;
        }
        if (done()) {
            // POSIX leaves the rule to the implementation; glibc uses the US rule.
            using form = posix_transition::form;
            tz.start = posix_transition{form::month_week_day, 0, 2, 3, 7200};
            tz.end = posix_transition{form::month_week_day, 0, 1, 11, 7200};
            return tz;
        }
        if (!(eat(',') && date_rule(tz.start) && eat(',') && date_rule(tz.end))) {
            return tl::unexpected<std::string>(
                "expected ',start[/time],end[/time]' with dates as Jn, n or Mm.w.d");
        }
        if (!done()) {
            return tl::unexpected<std::string>(fmt::format("unexpected text \"{}\" after the rule",
                                                           printable_excerpt(text_.substr(pos_))));
        }
        return tz;
    }

private:
    [[nodiscard]] bool done() const noexcept { return pos_ >= text_.size(); }
    [[nodiscard]] char peek() const noexcept { return done() ? '\0' : text_[pos_]; }
    bool eat(char c) noexcept {
        if (peek() != c || done()) {
            return false;
        }
        ++pos_;
        return true;
    }
    static bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
    static bool is_alpha(char c) noexcept {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /// `<...>` (letters, digits, '+', '-') or letters only.
    bool abbreviation(std::string& out) {
        const std::size_t begin = pos_;
        if (eat('<')) {
            while (!done() &&
                   (is_alpha(peek()) || is_digit(peek()) || peek() == '+' || peek() == '-')) {
                ++pos_;
            }
            out = std::string(text_.substr(begin + 1, pos_ - begin - 1));
            return !out.empty() && eat('>');
        }
        while (!done() && is_alpha(peek())) {
            ++pos_;
        }
        out = std::string(text_.substr(begin, pos_ - begin));
        return !out.empty();
    }

    /// 1 to `max_digits` decimal digits, at most `max`.
    bool number(int max_digits, int max, int& out) noexcept {
        int value = 0;
        int n = 0;
        while (n < max_digits && !done() && is_digit(peek())) {
            value = value * 10 + (peek() - '0');
            ++pos_;
            ++n;
        }
        out = value;
        return n > 0 && value <= max && (done() || !is_digit(peek()));
    }

    /// [+-]hh[:mm[:ss]] with hh at most `max_hours`, in seconds.
    bool signed_time(int max_hours, std::int32_t& out) noexcept {
        const bool negative = peek() == '-';
        if (peek() == '+' || peek() == '-') {
            ++pos_;
        }
        int h = 0;
        int m = 0;
        int s = 0;
        if (!number(3, max_hours, h)) {
            return false;
        }
        if (eat(':')) {
            if (!number(2, 59, m)) {
                return false;
            }
            if (eat(':') && !number(2, 59, s)) {
                return false;
            }
        }
        const std::int32_t magnitude = h * 3600 + m * 60 + s;
        out = negative ? -magnitude : magnitude;
        return true;
    }

    bool date_rule(posix_transition& r) noexcept {
        using form = posix_transition::form;
        if (eat('J')) {
            r.kind = form::julian_no_leap;
            if (!number(3, 365, r.day) || r.day < 1) {
                return false;
            }
        } else if (eat('M')) {
            r.kind = form::month_week_day;
            if (!number(2, 12, r.month) || r.month < 1 || !eat('.') || !number(1, 5, r.week) ||
                r.week < 1 || !eat('.') || !number(1, 6, r.day)) {
                return false;
            }
        } else {
            r.kind = form::zero_based;
            if (!number(3, 365, r.day)) {
                return false;
            }
        }
        r.time = 2 * 3600;
        if (eat('/')) {
            return signed_time(167, r.time);
        }
        return true;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

} // namespace

tl::expected<posix_tz, std::string> parse_posix_tz(std::string_view text) {
    return tz_string_parser(text).parse();
}

int rule_year_of(std::int64_t t) noexcept {
    using namespace std::chrono;
    t = std::clamp(t, first_rule_instant, last_rule_instant);
    const auto d = floor<days>(sys_seconds{seconds{t}});
    return static_cast<int>(year_month_day{d}.year());
}

std::chrono::sys_days posix_transition::date_in(int y) const noexcept {
    using namespace std::chrono;
    const year yy{y};
    const sys_days jan1{yy / January / 1};
    switch (kind) {
    case form::julian_no_leap: // Jn: February 29 is never counted
        return jan1 + days{day - 1 + (yy.is_leap() && day >= 60 ? 1 : 0)};
    case form::zero_based:
        return jan1 + days{day};
    case form::month_week_day:
        break;
    }
    const std::chrono::month m{static_cast<unsigned>(month)};
    const weekday wd{static_cast<unsigned>(day)};
    if (week >= 5) {
        return sys_days{yy / m / wd[last]};
    }
    return sys_days{yy / m / wd[static_cast<unsigned>(week)]};
}

zone_state posix_tz::at(std::int64_t t) const noexcept {
    if (!has_dst) {
        return state_of(standard);
    }
    t = std::clamp(t, first_rule_instant, last_rule_instant);
    const int y = rule_year_of(t);
    // The changes of the years around `t`, in order; at equal instants an end
    // sorts before a start (DST all year: the end at 24:00 meets the next start).
    // A rule time may lie about eight days outside its year (hours up to
    // 167, offsets up to 25 hours, day 365 of a common year), so a year's
    // changes can fall in the next one: two years either side hold the last
    // change before `t` whatever the year boundary, so the state changes only
    // at rule times.
    std::array<std::pair<std::int64_t, bool>, 10> changes{};
    for (std::size_t i = 0; i < 5; ++i) {
        const int year = y - 2 + static_cast<int>(i);
        changes[2 * i] = {end_in(year), false};
        changes[2 * i + 1] = {start_in(year), true};
    }
    std::sort(changes.begin(), changes.end());
    bool in_dst = !changes.front().second;
    for (const auto& [change_at, starts] : changes) {
        if (change_at > t) {
            break;
        }
        in_dst = starts;
    }
    return state_of(in_dst ? daylight : standard);
}

std::int64_t posix_tz::start_in(int y) const noexcept {
    // The start time is given in standard time, the time in force before it.
    return day_start(start.date_in(y)) + start.time - standard.offset;
}

std::int64_t posix_tz::end_in(int y) const noexcept {
    return day_start(end.date_in(y)) + end.time - daylight.offset;
}

bool rule_repeats_changes(const posix_tz& rule) {
    if (!rule.has_dst || rule.daylight.offset == rule.standard.offset) {
        return false;
    }
    constexpr std::int64_t from = 946'684'800; // 2000-01-01T00:00:00Z
    int changes = 0;
    for_each_rule_change(rule, from, rule.at(from).offset, 2401,
                         [&](std::int64_t, std::int32_t, std::int32_t) { return ++changes < 2; });
    return changes >= 2;
}

} // namespace rehab::detail
