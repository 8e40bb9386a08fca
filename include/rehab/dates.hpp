#pragma once
/// @file dates.hpp
/// Calendar dates at the library's boundary. The API takes
/// `boost::gregorian::date` (the design card's date type); these helpers read
/// and convert dates without exceptions, so a caller never meets Boost's
/// throwing constructor (`boost::gregorian::date(2026, 2, 30)` throws before
/// the library can refuse it). The supported range is 1900-01-01 to
/// 9000-12-31, as for schedules.
/// @code
/// auto start = rehab::parse_date("2026-12-01");          // expected<date>
/// auto same = rehab::to_date(std::chrono::year{2026} / 12 / 1);
/// @endcode

#include <chrono>
#include <string>
#include <string_view>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <rehab/api.hpp>
#include <rehab/error.hpp>

namespace rehab {

/// The first date the library plans for: 1900-01-01.
inline constexpr std::chrono::year_month_day first_supported_date{
    std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}};
/// The last date the library plans for: 9000-12-31.
inline constexpr std::chrono::year_month_day last_supported_date{
    std::chrono::year{9000}, std::chrono::December, std::chrono::day{31}};

/// "2026-12-01" as a date. Errors (`errc::parse_error`, path `field`): not
/// the form YYYY-MM-DD ("is not a date as YYYY-MM-DD"), no such day ("is
/// not a calendar date"), or outside the supported range (which it gives).
[[nodiscard]] REHAB_API expected<boost::gregorian::date> parse_date(std::string_view text,
                                                                    std::string_view field = "");

/// A `std::chrono` date as a Boost date; errors as `parse_date`'s.
[[nodiscard]] REHAB_API expected<boost::gregorian::date> to_date(std::chrono::year_month_day ymd,
                                                                 std::string_view field = "");

/// A Boost date as `std::chrono::year_month_day`. Precondition: not special.
[[nodiscard]] REHAB_API std::chrono::year_month_day
to_year_month_day(boost::gregorian::date d) noexcept;

/// Days since 1970-01-01 of a Boost date. Precondition: not special.
[[nodiscard]] REHAB_API std::chrono::sys_days to_sys_days(boost::gregorian::date d) noexcept;

/// "2026-12-01".
[[nodiscard]] REHAB_API std::string to_iso_date(boost::gregorian::date d);

/// "2026-12-01T08:00:00Z" as an instant. Errors (`errc::parse_error`, path
/// `field`): not that form, no such date or time, or a date outside the
/// supported range.
[[nodiscard]] REHAB_API expected<std::chrono::sys_seconds>
parse_instant(std::string_view text, std::string_view field = "");

/// "2026-12-01T08:00:00Z".
[[nodiscard]] REHAB_API std::string to_iso_instant(std::chrono::sys_seconds t);

} // namespace rehab
