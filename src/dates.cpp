#include <rehab/dates.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

namespace rehab {

namespace {

std::string iso(std::chrono::year_month_day ymd) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

/// The `n` decimal digits of `text` at `from` as `out`; false if one is not a digit.
bool read_digits(std::string_view text, std::size_t from, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = from; i < from + n; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        out = out * 10 + (text[i] - '0');
    }
    return true;
}

} // namespace

expected<boost::gregorian::date> to_date(std::chrono::year_month_day ymd, std::string_view field) {
    if (!ymd.ok()) {
        return fail(errc::parse_error, std::string(field),
                    fmt::format("\"{}\" is not a calendar date", iso(ymd)));
    }
    const std::chrono::sys_days day{ymd};
    if (day < std::chrono::sys_days{first_supported_date} ||
        day > std::chrono::sys_days{last_supported_date}) {
        return fail(errc::parse_error, std::string(field),
                    fmt::format("{} is outside the supported range, {} to {}", iso(ymd),
                                iso(first_supported_date), iso(last_supported_date)));
    }
    return boost::gregorian::date(1970, 1, 1) +
           boost::gregorian::days(day.time_since_epoch().count());
}

expected<boost::gregorian::date> parse_date(std::string_view text, std::string_view field) {
    int y = 0;
    int m = 0;
    int d = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !read_digits(text, 0, 4, y) ||
        !read_digits(text, 5, 2, m) || !read_digits(text, 8, 2, d)) {
        return fail(errc::parse_error, std::string(field),
                    fmt::format("\"{}\" is not a date as YYYY-MM-DD", text));
    }
    return to_date(std::chrono::year{y} / std::chrono::month{static_cast<unsigned>(m)} /
                       std::chrono::day{static_cast<unsigned>(d)},
                   field);
}

std::chrono::sys_days to_sys_days(boost::gregorian::date d) noexcept {
    return std::chrono::sys_days{
        std::chrono::days{(d - boost::gregorian::date(1970, 1, 1)).days()}};
}

std::chrono::year_month_day to_year_month_day(boost::gregorian::date d) noexcept {
    return std::chrono::year_month_day{to_sys_days(d)};
}

std::string to_iso_date(boost::gregorian::date d) { return iso(to_year_month_day(d)); }

expected<std::chrono::sys_seconds> parse_instant(std::string_view text, std::string_view field) {
    int h = 0;
    int m = 0;
    int s = 0;
    if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
        text[19] != 'Z' || !read_digits(text, 11, 2, h) || !read_digits(text, 14, 2, m) ||
        !read_digits(text, 17, 2, s)) {
        return fail(errc::parse_error, std::string(field),
                    fmt::format("\"{}\" is not an instant as YYYY-MM-DDTHH:MM:SSZ", text));
    }
    auto day = parse_date(text.substr(0, 10), field);
    if (!day) {
        return tl::unexpected(day.error());
    }
    if (h > 23 || m > 59 || s > 59) {
        return fail(errc::parse_error, std::string(field),
                    fmt::format("\"{}\" is not a time of day", text.substr(11, 8)));
    }
    return std::chrono::sys_seconds{to_sys_days(*day)} + std::chrono::hours{h} +
           std::chrono::minutes{m} + std::chrono::seconds{s};
}

std::string to_iso_instant(std::chrono::sys_seconds t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::hh_mm_ss time{t - day};
    return fmt::format("{}T{:02}:{:02}:{:02}Z", iso(std::chrono::year_month_day{day}),
                       time.hours().count(), time.minutes().count(), time.seconds().count());
}

} // namespace rehab
