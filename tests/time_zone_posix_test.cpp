// The POSIX TZ rule of a TZif footer (src/time_zone_posix.hpp), tested on its
// own: a private part of the library, compiled into rehab_internal_tests from
// its source (tests/CMakeLists.txt), not linked from the library.
#include "time_zone_posix.hpp"

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

// Where the expected instants come from: glibc's own reading of each TZ
// string (Debian 12, glibc 2.36), by
//
//   TZ='CET-1CEST,M3.5.0,M10.5.0/3' date -d @1806195600   # Sun Mar 28 03:00:00 CEST 2027
//   TZ='CET-1CEST,M3.5.0,M10.5.0/3' date -d @1806195599   # Sun Mar 28 01:59:59 CET 2027
//
// and, for every change of a year at once, python3 with TZ set: after
// time.tzset(), scan the year hour by hour for a change of
// time.localtime(t).tm_gmtoff / tm_isdst / tm_zone and bisect it to the
// second. The one exception, RFC 8536's rule of daylight time all year, is
// marked where it is tested: glibc reads it differently.

namespace {

using namespace std::chrono;
using rehab::detail::for_each_rule_change;
using rehab::detail::parse_posix_tz;
using rehab::detail::posix_transition;
using rehab::detail::posix_tz;
using rehab::detail::rule_repeats_changes;
using form = posix_transition::form;

constexpr std::int32_t hour = 3600;

posix_tz parsed(std::string_view text) {
    auto tz = parse_posix_tz(text);
    EXPECT_TRUE(tz.has_value()) << text << ": " << (tz ? "" : tz.error());
    return tz.value_or(posix_tz{});
}

std::int64_t unix_seconds(sys_days d, seconds since_midnight = seconds{0}) {
    return (sys_seconds{d} + since_midnight).time_since_epoch().count();
}

void expect_transition(const posix_transition& t, form kind, int day, int week, int month,
                       std::int32_t time) {
    EXPECT_EQ(t.kind, kind);
    EXPECT_EQ(t.day, day);
    EXPECT_EQ(t.week, week);
    EXPECT_EQ(t.month, month);
    EXPECT_EQ(t.time, time);
}

/// Every change of offset `for_each_rule_change` gives after `from` for the
/// years up to `last_year`, as (at, before, after).
std::vector<std::tuple<std::int64_t, std::int32_t, std::int32_t>>
changes_after(const posix_tz& rule, std::int64_t from, int last_year) {
    std::vector<std::tuple<std::int64_t, std::int32_t, std::int32_t>> out;
    for_each_rule_change(rule, from, rule.at(from).offset, last_year,
                         [&](std::int64_t at, std::int32_t before, std::int32_t after) {
                             out.emplace_back(at, before, after);
                             return true;
                         });
    return out;
}

// --- parsing -----------------------------------------------------------------

TEST(PosixTzTest, ParsesStandardAndDaylightTimeWithTheirRule) {
    const posix_tz tz = parsed("EST5EDT,M3.2.0,M11.1.0");
    EXPECT_EQ(tz.standard.abbreviation, "EST");
    EXPECT_EQ(tz.standard.offset, -5 * hour); // POSIX offsets are west of UTC
    EXPECT_FALSE(tz.standard.dst);
    ASSERT_TRUE(tz.has_dst);
    EXPECT_EQ(tz.daylight.abbreviation, "EDT");
    EXPECT_EQ(tz.daylight.offset, -4 * hour); // none given: an hour ahead
    EXPECT_TRUE(tz.daylight.dst);
    expect_transition(tz.start, form::month_week_day, 0, 2, 3, 2 * hour); // 02:00 by default
    expect_transition(tz.end, form::month_week_day, 0, 1, 11, 2 * hour);
}

TEST(PosixTzTest, ParsesAQuotedAbbreviationAndAnOffsetWithMinutes) {
    const posix_tz tz = parsed("<+0330>-3:30");
    EXPECT_EQ(tz.standard.abbreviation, "+0330");
    EXPECT_EQ(tz.standard.offset, 3 * hour + 30 * 60);
    EXPECT_FALSE(tz.has_dst);
    const posix_tz seconds_too = parsed("<-0044>0:44:30");
    EXPECT_EQ(seconds_too.standard.abbreviation, "-0044");
    EXPECT_EQ(seconds_too.standard.offset, -(44 * 60 + 30));
    EXPECT_EQ(parsed("UTC0").standard.offset, 0);
    EXPECT_EQ(parsed("XXX+24").standard.offset, -24 * hour);
}

TEST(PosixTzTest, ParsesAnExplicitChangeTime) {
    const posix_tz tz = parsed("CET-1CEST,M3.5.0,M10.5.0/3");
    EXPECT_EQ(tz.standard.offset, hour);
    EXPECT_EQ(tz.daylight.offset, 2 * hour);
    expect_transition(tz.start, form::month_week_day, 0, 5, 3, 2 * hour);
    expect_transition(tz.end, form::month_week_day, 0, 5, 10, 3 * hour);
}

TEST(PosixTzTest, ParsesJulianAndZeroBasedDays) {
    const posix_tz julian = parsed("<-03>3<-02>,J60/2,J300/2");
    expect_transition(julian.start, form::julian_no_leap, 60, 0, 0, 2 * hour);
    expect_transition(julian.end, form::julian_no_leap, 300, 0, 0, 2 * hour);
    const posix_tz zero = parsed("<-03>3<-02>,0/0,365");
    expect_transition(zero.start, form::zero_based, 0, 0, 0, 0);
    expect_transition(zero.end, form::zero_based, 365, 0, 0, 2 * hour);
}

TEST(PosixTzTest, ParsesNegativeAndOver24HourTimesAsRfc8536Allows) {
    // America/Nuuk: -1:00 the evening before; Asia/Jerusalem: 26:00, the
    // Friday 02:00 after a Thursday; the limits, -167 and 167 hours.
    EXPECT_EQ(parsed("<-02>2<-01>,M3.5.0/-1,M10.5.0/0").start.time, -hour);
    EXPECT_EQ(parsed("<-02>2<-01>,M3.5.0/-1,M10.5.0/0").end.time, 0);
    EXPECT_EQ(parsed("IST-2IDT,M3.4.4/26,M10.5.0").start.time, 26 * hour);
    const posix_tz limits = parsed("<-03>3<-02>,M3.2.0/167,M11.1.0/-167:59:59");
    EXPECT_EQ(limits.start.time, 167 * hour);
    EXPECT_EQ(limits.end.time, -(167 * hour + 59 * 60 + 59));
    EXPECT_EQ(parsed("EST5EDT4,0/0,J365/+25").end.time, 25 * hour);
}

TEST(PosixTzTest, DaylightTimeWithoutDatesFollowsTheUsRuleAsGlibcDoes) {
    const posix_tz tz = parsed("EST5EDT");
    ASSERT_TRUE(tz.has_dst);
    expect_transition(tz.start, form::month_week_day, 0, 2, 3, 2 * hour);
    expect_transition(tz.end, form::month_week_day, 0, 1, 11, 2 * hour);
    // glibc: 2027-03-14T07:00:00Z, as for "EST5EDT,M3.2.0,M11.1.0".
    EXPECT_EQ(tz.start_in(2027), 1'805'007'600);
}

TEST(PosixTzTest, RefusesMalformedRulesSayingWhatWasExpected) {
    const std::string standard_abbreviation = "expected a standard-time abbreviation";
    const std::string standard_offset =
        "expected the standard time's offset as [+-]hh[:mm[:ss]] (hh at most 24)";
    const std::string daylight_abbreviation = "expected a daylight-time abbreviation";
    const std::string daylight_offset =
        "expected the daylight time's offset as [+-]hh[:mm[:ss]] (hh at most 24)";
    const std::string dates = "expected ',start[/time],end[/time]' with dates as Jn, n or Mm.w.d";
    const std::vector<std::pair<std::string_view, std::string>> cases{
        {"", standard_abbreviation},
        {"1CET", standard_abbreviation},
        {"<CET-1", standard_abbreviation}, // no closing '>'
        {"<>-1", standard_abbreviation},
        {"<C T>-1", standard_abbreviation},
        {"CET", standard_offset},
        {"CET-", standard_offset},
        {"CET-25", standard_offset},
        {"CET-1:60", standard_offset},
        {"CET-1:00:60", standard_offset},
        {"CET-0100", standard_offset}, // more than three digits of hours
        {"CET-1,M3.5.0,M10.5.0", daylight_abbreviation},
        {"CET-1 ", daylight_abbreviation},
        {"CET-1CEST25", daylight_offset},
        {"CET-1CEST,", dates},
        {"CET-1CEST,M3.5.0", dates},
        {"CET-1CEST,M3.5.0,", dates},
        {"CET-1CEST,M13.5.0,M10.5.0", dates},
        {"CET-1CEST,M0.5.0,M10.5.0", dates},
        {"CET-1CEST,M3.6.0,M10.5.0", dates},
        {"CET-1CEST,M3.0.0,M10.5.0", dates},
        {"CET-1CEST,M3.5.7,M10.5.0", dates},
        {"CET-1CEST,M3.5,M10.5.0", dates},
        {"CET-1CEST,J0,J100", dates},
        {"CET-1CEST,J366,J100", dates},
        {"CET-1CEST,366,100", dates},
        {"CET-1CEST,M3.5.0/168,M10.5.0", dates},
        {"CET-1CEST,M3.5.0/-168,M10.5.0", dates},
        {"CET-1CEST,M3.5.0/2:60,M10.5.0", dates},
        {"CET-1CEST;M3.5.0,M10.5.0", daylight_offset},
        {"CET-1CEST,M3.5.0,M10.5.0/3x", "unexpected text \"x\" after the rule"},
        {"CET-1CEST,M3.5.0,M10.5.0,J1", "unexpected text \",J1\" after the rule"},
        {"CET-1CEST,M3.5.0,M10.5.0\x01\n", "unexpected text \"??\" after the rule"},
    };
    for (const auto& [text, message] : cases) {
        const auto tz = parse_posix_tz(text);
        ASSERT_FALSE(tz.has_value()) << '"' << text << "\" was accepted";
        EXPECT_EQ(tz.error(), message) << '"' << text << '"';
    }
}

TEST(PosixTzTest, QuotesLongLeftoverTextShortened) {
    const auto tz = parse_posix_tz("UTC0XXX,J1,J2" + std::string(100, 'x'));
    ASSERT_FALSE(tz.has_value());
    EXPECT_EQ(tz.error(), "unexpected text \"" + std::string(64, 'x') + "...\" after the rule");
}

// --- dates and change instants -----------------------------------------------

TEST(PosixTzTest, RuleDatesInTheirForms) {
    const posix_tz julian = parsed("<-03>3<-02>,J60,J365");
    const posix_tz zero = parsed("<-03>3<-02>,59,365");
    // Jn never counts February 29: J60 is March 1, J365 December 31, leap
    // year or not. n counts it: 59 is February 29 in 2028, March 1 in 2027,
    // and 365 in a common year is January 1 of the next.
    EXPECT_EQ(julian.start.date_in(2027), sys_days{2027y / March / 1});
    EXPECT_EQ(julian.start.date_in(2028), sys_days{2028y / March / 1});
    EXPECT_EQ(julian.end.date_in(2028), sys_days{2028y / December / 31});
    EXPECT_EQ(zero.start.date_in(2027), sys_days{2027y / March / 1});
    EXPECT_EQ(zero.start.date_in(2028), sys_days{2028y / February / 29});
    EXPECT_EQ(zero.end.date_in(2028), sys_days{2028y / December / 31});
    EXPECT_EQ(zero.end.date_in(2027), sys_days{2028y / January / 1});
    // Mm.5.d is the last such weekday: the last Sunday of October 2027 is the
    // 31st, of February 2027 the 28th; M2.5.1 in 2028 is Monday the 28th.
    const posix_tz months = parsed("A0B,M10.5.0,M2.5.0");
    EXPECT_EQ(months.start.date_in(2027), sys_days{2027y / October / 31});
    EXPECT_EQ(months.end.date_in(2027), sys_days{2027y / February / 28});
    EXPECT_EQ(parsed("A0B,M2.5.1,M3.1.0").start.date_in(2028), sys_days{2028y / February / 28});
}

TEST(PosixTzTest, ChangeInstantsOfAYearMatchGlibc) {
    struct year_case {
        std::string_view rule;
        int year;
        std::int64_t start; // glibc's change to daylight time
        std::int64_t end;   // glibc's change back
    };
    for (const year_case& c : {
             year_case{"EST5EDT,M3.2.0,M11.1.0", 2027, 1'805'007'600, 1'825'567'200},
             year_case{"CET-1CEST,M3.5.0,M10.5.0/3", 2027, 1'806'195'600, 1'824'944'400},
             year_case{"CET-1CEST,M3.5.0,M10.5.0/3", 2028, 1'837'645'200, 1'856'394'000},
             // Southern hemisphere: the end (April) comes before the start.
             year_case{"AEST-10AEDT,M10.1.0,M4.1.0/3", 2027, 1'822'492'800, 1'806'768'000},
             year_case{"AEST-10AEDT,M10.1.0,M4.1.0/3", 2028, 1'853'942'400, 1'838'217'600},
             year_case{"NZST-12NZDT,M9.5.0,M4.1.0/3", 2027, 1'821'880'800, 1'806'760'800},
             // Negative and over-24-hour times, and the limits.
             year_case{"<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 2027, 1'806'195'600, 1'824'944'400},
             year_case{"IST-2IDT,M3.4.4/26,M10.5.0", 2027, 1'806'019'200, 1'824'937'200},
             year_case{"<-03>3<-02>,M3.2.0/167,M11.1.0/-167", 2027, 1'805'594'400, 1'824'951'600},
             // Jn and n, in a leap year and a common one.
             year_case{"<-03>3<-02>,J60/2,J300/2", 2028, 1'835'499'600, 1'856'232'000},
             year_case{"<-03>3<-02>,59/2,299/2", 2028, 1'835'413'200, 1'856'145'600},
             year_case{"<-03>3<-02>,59/2,299/2", 2027, 1'803'877'200, 1'824'609'600},
         }) {
        const posix_tz tz = parsed(c.rule);
        EXPECT_EQ(tz.start_in(c.year), c.start) << c.rule << " in " << c.year;
        EXPECT_EQ(tz.end_in(c.year), c.end) << c.rule << " in " << c.year;
        // What is in force either side of each change.
        EXPECT_EQ(tz.at(c.start - 1).offset, tz.standard.offset) << c.rule;
        EXPECT_EQ(tz.at(c.start).offset, tz.daylight.offset) << c.rule;
        EXPECT_EQ(tz.at(c.start).abbreviation, tz.daylight.abbreviation) << c.rule;
        EXPECT_TRUE(tz.at(c.start).dst) << c.rule;
        EXPECT_EQ(tz.at(c.end - 1).offset, tz.daylight.offset) << c.rule;
        EXPECT_EQ(tz.at(c.end).offset, tz.standard.offset) << c.rule;
        EXPECT_FALSE(tz.at(c.end).dst) << c.rule;
    }
}

TEST(PosixTzTest, SouthernRuleKeepsDaylightTimeOverTheYearEnd) {
    // glibc: AEDT (+11) on 2027-01-15, AEST (+10) on 2027-07-15.
    const posix_tz tz = parsed("AEST-10AEDT,M10.1.0,M4.1.0/3");
    EXPECT_EQ(tz.at(unix_seconds(2027y / January / 15)).offset, 11 * hour);
    EXPECT_EQ(tz.at(unix_seconds(2027y / January / 15)).abbreviation, "AEDT");
    EXPECT_EQ(tz.at(unix_seconds(2027y / July / 15)).offset, 10 * hour);
    EXPECT_EQ(tz.at(unix_seconds(2027y / July / 15)).abbreviation, "AEST");
    EXPECT_EQ(tz.at(unix_seconds(2027y / December / 31, hours{23})).offset, 11 * hour);
}

TEST(PosixTzTest, StandardTimeAloneHoldsAtEveryInstant) {
    const posix_tz tz = parsed("<+0330>-3:30");
    for (const std::int64_t t :
         {std::numeric_limits<std::int64_t>::min(), std::int64_t{0}, unix_seconds(2027y / July / 1),
          std::numeric_limits<std::int64_t>::max()}) {
        EXPECT_EQ(tz.at(t).offset, 3 * hour + 30 * 60);
        EXPECT_EQ(tz.at(t).abbreviation, "+0330");
        EXPECT_FALSE(tz.at(t).dst);
    }
    EXPECT_FALSE(rule_repeats_changes(tz));
}

TEST(PosixTzTest, DaylightTimeAllYearHasNoChanges) {
    // RFC 8536 3.3.1's example: daylight time starts January 1 00:00 EST
    // (05:00 UTC) and ends December 31 25:00 EDT (January 1 05:00 UTC), the
    // instant the next start wins. (glibc reads it otherwise: it returns to
    // EST from 00:00 to 05:00 UTC each January 1.)
    const posix_tz tz = parsed("EST5EDT4,0/0,J365/25");
    EXPECT_EQ(tz.end_in(2027), tz.start_in(2028));
    EXPECT_EQ(tz.start_in(2028), unix_seconds(2028y / January / 1, hours{5}));
    for (const auto d : {2027y / 1 / 1, 2027y / 7 / 1, 2027y / 12 / 31, 2028y / 1 / 1}) {
        EXPECT_EQ(tz.at(unix_seconds(d)).offset, -4 * hour);
        EXPECT_EQ(tz.at(unix_seconds(d, hours{5})).abbreviation, "EDT");
    }
    EXPECT_FALSE(rule_repeats_changes(tz));
    EXPECT_TRUE(changes_after(tz, unix_seconds(2027y / 1 / 1), 2030).empty());
}

TEST(PosixTzTest, ChangesOfSeveralYearsComeInOrder) {
    // The CET and AEST instants of 2027 and 2028 above, in order of time,
    // each with the offsets either side.
    const posix_tz cet = parsed("CET-1CEST,M3.5.0,M10.5.0/3");
    using change = std::tuple<std::int64_t, std::int32_t, std::int32_t>;
    EXPECT_EQ(changes_after(cet, unix_seconds(2027y / 1 / 1), 2028),
              (std::vector<change>{{1'806'195'600, hour, 2 * hour},
                                   {1'824'944'400, 2 * hour, hour},
                                   {1'837'645'200, hour, 2 * hour},
                                   {1'856'394'000, 2 * hour, hour}}));
    const posix_tz aest = parsed("AEST-10AEDT,M10.1.0,M4.1.0/3");
    EXPECT_EQ(changes_after(aest, unix_seconds(2027y / 1 / 1), 2028),
              (std::vector<change>{{1'806'768'000, 11 * hour, 10 * hour},
                                   {1'822'492'800, 10 * hour, 11 * hour},
                                   {1'838'217'600, 11 * hour, 10 * hour},
                                   {1'853'942'400, 10 * hour, 11 * hour}}));
    // From an instant that is a change: only the ones after it.
    EXPECT_EQ(changes_after(cet, 1'806'195'600, 2027),
              (std::vector<change>{{1'824'944'400, 2 * hour, hour}}));
    EXPECT_TRUE(rule_repeats_changes(cet));
    EXPECT_TRUE(rule_repeats_changes(aest));
}

TEST(PosixTzTest, DaylightTimeAtTheSameOffsetNeverChangesIt) {
    // The abbreviation and DST flag change, the offset does not.
    const posix_tz tz = parsed("AAA0BBB0,M3.5.0,M10.5.0");
    EXPECT_EQ(tz.at(unix_seconds(2027y / July / 1)).abbreviation, "BBB");
    EXPECT_FALSE(rule_repeats_changes(tz));
    EXPECT_TRUE(changes_after(tz, unix_seconds(2027y / 1 / 1), 2030).empty());
}

TEST(PosixTzTest, InstantsBeyondTheRuleYearsReadTheNearestYear) {
    // Past 9999 the state at the end of 9999 holds (CET: winter); before
    // -9999, that of its start.
    const posix_tz cet = parsed("CET-1CEST,M3.5.0,M10.5.0/3");
    EXPECT_EQ(rehab::detail::rule_year_of(std::numeric_limits<std::int64_t>::max()), 9999);
    EXPECT_EQ(rehab::detail::rule_year_of(std::numeric_limits<std::int64_t>::min()), -9999);
    EXPECT_EQ(rehab::detail::rule_year_of(0), 1970);
    EXPECT_EQ(cet.at(std::numeric_limits<std::int64_t>::max()).offset, hour);
    EXPECT_EQ(cet.at(std::numeric_limits<std::int64_t>::min()).offset, hour);
    // The walk stops at the end of 9999 whatever year is asked for.
    const auto late = changes_after(cet, unix_seconds(9999y / 1 / 1), 20'000);
    ASSERT_EQ(late.size(), 2U);
    EXPECT_EQ(std::get<0>(late[1]), unix_seconds(9999y / October / 31, hours{1}));
}

} // namespace
