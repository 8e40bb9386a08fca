#include <rehab/time_zone.hpp>

#include <rehab/protocols.hpp>
#include <rehab/schedule.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

// Expected instants below are worked out by hand from the published rules,
// not from the code under test:
//  - EU (Europe/Copenhagen): CET = UTC+1, CEST = UTC+2, summer time from the
//    last Sunday of March to the last Sunday of October, both at 01:00 UTC.
//  - US (America/New_York): EST = UTC-5, EDT = UTC-4, from the second Sunday
//    of March 02:00 EST (07:00 UTC) to the first Sunday of November 02:00 EDT
//    (06:00 UTC).
//  - Australia/Sydney: AEST = UTC+10, AEDT = UTC+11, from the first Sunday of
//    October 02:00 AEST (16:00 UTC the day before) to the first Sunday of
//    April 03:00 AEDT (16:00 UTC the day before).
//  - America/Sao_Paulo: UTC-3 ("-03") since DST was abolished in 2019; its last
//    DST began on Sunday 2018-11-04 at 00:00 local (03:00 UTC), to UTC-2.
// Weekdays come from 2026-01-01 = Thursday, 2027-01-01 = Friday,
// 2040-01-01 = Sunday (13 years after 2027 with 3 leap days: 4748 days, and
// 4748 mod 7 = 2, Friday + 2).

namespace {

using namespace std::chrono;
using namespace std::chrono_literals;
using rehab::local_kind;
using rehab::time_zone;

sys_seconds utc(year_month_day d, seconds since_midnight = 0s) {
    return sys_days{d} + since_midnight;
}

local_seconds local(year_month_day d, seconds since_midnight = 0s) {
    return local_days{d} + since_midnight;
}

time_zone zone(std::string_view name) { return time_zone::locate(name).value(); }

std::filesystem::path zoneinfo_file(std::string_view name) {
    const char* dir = std::getenv("TZDIR");
    const std::filesystem::path base = dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo";
    return base / std::string(name);
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void expect_transition(const rehab::zone_transition& t, sys_seconds at, seconds before,
                       seconds after, std::string_view abbreviation, bool dst) {
    EXPECT_EQ(t.at, at);
    EXPECT_EQ(t.offset_before, before);
    EXPECT_EQ(t.offset_after, after);
    EXPECT_EQ(t.abbreviation_after, abbreviation);
    EXPECT_EQ(t.dst_after, dst);
}

// --- a small TZif writer for hand-made files ----------------------------------

struct tzif_type {
    std::int32_t offset = 0;
    std::uint8_t dst = 0;
    std::uint8_t abbreviation = 0;
};

struct tzif_spec {
    char version = '2';
    std::vector<std::int64_t> times;
    std::vector<std::uint8_t> indices;
    std::vector<tzif_type> types{{0, 0, 0}};
    std::string chars{"UTC", 4}; // NUL-terminated abbreviations
    std::string footer;          // without the newlines
    bool with_footer = true;
};

void put32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        out += static_cast<char>((v >> shift) & 0xffU);
    }
}

void put64(std::string& out, std::uint64_t v) {
    put32(out, static_cast<std::uint32_t>(v >> 32));
    put32(out, static_cast<std::uint32_t>(v & 0xffff'ffffU));
}

std::string tzif_block(const tzif_spec& s, bool wide) {
    std::string out = "TZif";
    out += s.version;
    out += std::string(15, '\0');
    put32(out, 0); // isutcnt
    put32(out, 0); // isstdcnt
    put32(out, 0); // leapcnt
    put32(out, static_cast<std::uint32_t>(s.times.size()));
    put32(out, static_cast<std::uint32_t>(s.types.size()));
    put32(out, static_cast<std::uint32_t>(s.chars.size()));
    for (const std::int64_t t : s.times) {
        if (wide) {
            put64(out, static_cast<std::uint64_t>(t));
        } else {
            put32(out, static_cast<std::uint32_t>(static_cast<std::int32_t>(t)));
        }
    }
    for (const std::uint8_t i : s.indices) {
        out += static_cast<char>(i);
    }
    for (const tzif_type& t : s.types) {
        put32(out, static_cast<std::uint32_t>(t.offset));
        out += static_cast<char>(t.dst);
        out += static_cast<char>(t.abbreviation);
    }
    out += s.chars;
    return out;
}

std::string tzif(const tzif_spec& s) {
    if (s.version == '\0') {
        return tzif_block(s, false);
    }
    std::string out = tzif_block(s, false) + tzif_block(s, true);
    if (s.with_footer) {
        out += "\n" + s.footer + "\n";
    }
    return out;
}

/// A zone that has no transitions, only the POSIX TZ string `footer`.
time_zone footer_zone(std::string_view footer) {
    tzif_spec s;
    s.footer = std::string(footer);
    return time_zone::from_tzif("Test/Footer", tzif(s)).value();
}

void expect_parse_error(std::string_view bytes, std::string_view message_part) {
    const auto z = time_zone::from_tzif("Test/Bad", bytes);
    ASSERT_FALSE(z.has_value()) << message_part;
    EXPECT_EQ(z.error().code, rehab::errc::parse_error);
    EXPECT_EQ(z.error().path, "/time_zone");
    EXPECT_NE(z.error().message.find("Test/Bad is not a valid TZif file: "), std::string::npos)
        << z.error().message;
    EXPECT_NE(z.error().message.find(message_part), std::string::npos) << z.error().message;
}

/// Uses every query on `z`: for files that parse, nothing may crash.
void exercise(const time_zone& z) {
    for (std::int64_t t = -4'000'000'000; t <= 8'000'000'000; t += 97'000'003) {
        const sys_seconds s{seconds{t}};
        (void)z.offset_at(s);
        (void)z.abbreviation_at(s);
        const local_seconds l{seconds{t}};
        (void)z.classify(l);
        (void)z.to_utc(l);
    }
    (void)z.offset_at(sys_seconds::min());
    (void)z.offset_at(sys_seconds::max());
    (void)z.to_utc(local_seconds::min());
    (void)z.to_utc(local_seconds::max());
    (void)z.transitions(utc(1900y / 1 / 1), utc(2100y / 1 / 1));
}

// --- Europe/Copenhagen -------------------------------------------------------

TEST(TimeZoneTest, CopenhagenSpringForwardGapMovesForward) {
    const time_zone cph = zone("Europe/Copenhagen");
    EXPECT_EQ(cph.name(), "Europe/Copenhagen");
    // 2027-03-28 is the last Sunday of March (Jan 1 Friday + 86 days, 86 mod 7 = 2).
    // The change is at 01:00 UTC = 1'806'195'600 s: 2027-01-01 is day
    // 57 * 365 + 14 leap days = 20'819 after 1970-01-01, plus 86 days = 20'905;
    // 20'905 * 86'400 + 3'600.
    const sys_seconds change = utc(2027y / March / 28, 1h);
    EXPECT_EQ(change.time_since_epoch().count(), 1'806'195'600);
    EXPECT_EQ(cph.offset_at(change - 1s), 1h);
    EXPECT_EQ(cph.offset_at(change), 2h);
    EXPECT_EQ(cph.abbreviation_at(change - 1s), "CET");
    EXPECT_EQ(cph.abbreviation_at(change), "CEST");

    // 02:00 -> 03:00 local: 02:30 does not exist; it moves forward by the gap
    // to 03:30 CEST = 01:30 UTC.
    const local_seconds half_past_two = local(2027y / March / 28, 2h + 30min);
    EXPECT_EQ(cph.classify(half_past_two), local_kind::gap);
    EXPECT_EQ(cph.to_utc(half_past_two), utc(2027y / March / 28, 1h + 30min));
    EXPECT_EQ(cph.to_local(cph.to_utc(half_past_two)), local(2027y / March / 28, 3h + 30min));
    EXPECT_EQ(cph.classify(local(2027y / March / 28, 2h)), local_kind::gap);
    EXPECT_EQ(cph.classify(local(2027y / March / 28, 1h + 59min)), local_kind::unique);
    EXPECT_EQ(cph.classify(local(2027y / March / 28, 3h)), local_kind::unique);

    // 08:00 local: CEST on the day (06:00 UTC), CET the day before (07:00 UTC).
    EXPECT_EQ(cph.classify(local(2027y / March / 28, 8h)), local_kind::unique);
    EXPECT_EQ(cph.to_utc(local(2027y / March / 28, 8h)), utc(2027y / March / 28, 6h));
    EXPECT_EQ(cph.to_utc(local(2027y / March / 27, 8h)), utc(2027y / March / 27, 7h));
}

TEST(TimeZoneTest, CopenhagenFallBackOverlapTakesTheFirstOccurrence) {
    const time_zone cph = zone("Europe/Copenhagen");
    // 2026-10-25 is the last Sunday of October (Jan 1 Thursday + 297 days,
    // 297 mod 7 = 3). At 01:00 UTC, 03:00 CEST becomes 02:00 CET, so 02:30
    // local happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    const local_seconds half_past_two = local(2026y / October / 25, 2h + 30min);
    EXPECT_EQ(cph.classify(half_past_two), local_kind::overlap);
    EXPECT_EQ(cph.to_utc(half_past_two), utc(2026y / October / 25, 30min));
    // 1'792'888'200 = (56 * 365 + 14 + 297) days * 86'400 + 1'800.
    EXPECT_EQ(cph.to_utc(half_past_two).time_since_epoch().count(), 1'792'888'200);
    EXPECT_EQ(cph.to_local(utc(2026y / October / 25, 30min)), half_past_two);
    EXPECT_EQ(cph.to_local(utc(2026y / October / 25, 1h + 30min)), half_past_two);
    EXPECT_EQ(cph.abbreviation_at(utc(2026y / October / 25, 30min)), "CEST");
    EXPECT_EQ(cph.abbreviation_at(utc(2026y / October / 25, 1h + 30min)), "CET");

    EXPECT_EQ(cph.classify(local(2026y / October / 25, 1h + 59min)), local_kind::unique);
    EXPECT_EQ(cph.to_utc(local(2026y / October / 25, 1h + 59min)),
              utc(2026y / October / 24, 23h + 59min));
    EXPECT_EQ(cph.classify(local(2026y / October / 25, 3h)), local_kind::unique);
    EXPECT_EQ(cph.to_utc(local(2026y / October / 25, 3h)), utc(2026y / October / 25, 2h));
}

TEST(TimeZoneTest, CopenhagenHasExactlyTwoTransitionsIn2027) {
    const time_zone cph = zone("Europe/Copenhagen");
    const auto ts = cph.transitions(utc(2027y / 1 / 1), utc(2028y / 1 / 1));
    ASSERT_EQ(ts.size(), 2U);
    // Last Sundays: March 28 (above) and October 31 (Jan 1 Friday + 303 days,
    // 303 mod 7 = 2), both at 01:00 UTC.
    expect_transition(ts[0], utc(2027y / March / 28, 1h), 1h, 2h, "CEST", true);
    expect_transition(ts[1], utc(2027y / October / 31, 1h), 2h, 1h, "CET", false);
    // [from, to): an instant exactly at `to` is left out, one at `from` kept.
    EXPECT_EQ(cph.transitions(utc(2027y / March / 28, 1h), utc(2027y / October / 31, 1h)).size(),
              1U);
    EXPECT_TRUE(cph.transitions(utc(2027y / 6 / 1), utc(2027y / 6 / 1)).empty());
    EXPECT_TRUE(cph.transitions(utc(2028y / 1 / 1), utc(2027y / 1 / 1)).empty());
}

TEST(TimeZoneTest, CopenhagenFollowsTheFooterRulePast2037) {
    const time_zone cph = zone("Europe/Copenhagen");
    EXPECT_EQ(cph.offset_at(utc(2040y / July / 1, 12h)), 2h);
    EXPECT_EQ(cph.abbreviation_at(utc(2040y / July / 1, 12h)), "CEST");
    EXPECT_EQ(cph.offset_at(utc(2040y / January / 1)), 1h);
    EXPECT_EQ(cph.offset_at(utc(2240y / July / 1)), 2h);
    EXPECT_EQ(cph.offset_at(utc(2240y / December / 1)), 1h);

    // 2040: March 31 is Jan 1 (Sunday) + 90 days (leap year), 90 mod 7 = 6, a
    // Saturday, so the last Sunday is March 25; October 31 is + 304 days,
    // 304 mod 7 = 3, a Wednesday, so the last Sunday is October 28.
    const auto ts = cph.transitions(utc(2040y / 1 / 1), utc(2041y / 1 / 1));
    ASSERT_EQ(ts.size(), 2U);
    expect_transition(ts[0], utc(2040y / March / 25, 1h), 1h, 2h, "CEST", true);
    EXPECT_EQ(ts[0].at.time_since_epoch().count(), 2'216'250'000);
    expect_transition(ts[1], utc(2040y / October / 28, 1h), 2h, 1h, "CET", false);
    EXPECT_EQ(cph.classify(local(2040y / March / 25, 2h + 30min)), local_kind::gap);
    EXPECT_EQ(cph.to_utc(local(2040y / March / 25, 2h + 30min)),
              utc(2040y / March / 25, 1h + 30min));
    EXPECT_EQ(cph.classify(local(2040y / October / 28, 2h + 30min)), local_kind::overlap);
    EXPECT_EQ(cph.to_utc(local(2040y / October / 28, 2h + 30min)),
              utc(2040y / October / 28, 30min));
}

TEST(TimeZoneTest, TransitionsAcrossTheEndOfTheFileTableAreTwoAYear) {
    // Debian's files list transitions up to 2037; later ones come from the rule.
    const time_zone cph = zone("Europe/Copenhagen");
    const auto ts = cph.transitions(utc(2030y / 1 / 1), utc(2050y / 1 / 1));
    ASSERT_EQ(ts.size(), 40U);
    for (std::size_t i = 0; i < ts.size(); ++i) {
        const year_month_day d{floor<days>(ts[i].at)};
        EXPECT_EQ(d.year(), year{2030 + static_cast<int>(i / 2)}) << i;
        EXPECT_EQ(d.month(), i % 2 == 0 ? March : October) << i;
        EXPECT_EQ(weekday{floor<days>(ts[i].at)}, Sunday) << i;
        EXPECT_EQ(ts[i].at - floor<days>(ts[i].at), 1h) << i;
        EXPECT_EQ(ts[i].dst_after, i % 2 == 0) << i;
    }
}

// --- America/New_York --------------------------------------------------------

TEST(TimeZoneTest, NewYorkSpringForward2027) {
    const time_zone ny = zone("America/New_York");
    // March 1, 2027 is Jan 1 (Friday) + 59 days, 59 mod 7 = 3: a Monday, so
    // the second Sunday is March 14. 02:00 EST = 07:00 UTC.
    EXPECT_EQ(ny.offset_at(utc(2027y / March / 14, 7h) - 1s), -5h);
    EXPECT_EQ(ny.offset_at(utc(2027y / March / 14, 7h)), -4h);
    EXPECT_EQ(ny.abbreviation_at(utc(2027y / March / 14, 7h)), "EDT");
    EXPECT_EQ(ny.classify(local(2027y / March / 14, 2h + 30min)), local_kind::gap);
    // 02:30 moves forward to 03:30 EDT = 07:30 UTC.
    EXPECT_EQ(ny.to_utc(local(2027y / March / 14, 2h + 30min)),
              utc(2027y / March / 14, 7h + 30min));
    EXPECT_EQ(ny.to_utc(local(2027y / March / 14, 8h)), utc(2027y / March / 14, 12h));
    EXPECT_EQ(ny.to_utc(local(2027y / March / 13, 8h)), utc(2027y / March / 13, 13h));
}

TEST(TimeZoneTest, NewYorkFallBack2026) {
    const time_zone ny = zone("America/New_York");
    // November 1, 2026 is Jan 1 (Thursday) + 304 days, 304 mod 7 = 3: a Sunday.
    // 02:00 EDT = 06:00 UTC becomes 01:00 EST: 01:30 local is 05:30 UTC (EDT)
    // and 06:30 UTC (EST); the first is taken.
    EXPECT_EQ(ny.offset_at(utc(2026y / November / 1, 6h) - 1s), -4h);
    EXPECT_EQ(ny.offset_at(utc(2026y / November / 1, 6h)), -5h);
    EXPECT_EQ(ny.classify(local(2026y / November / 1, 1h + 30min)), local_kind::overlap);
    EXPECT_EQ(ny.to_utc(local(2026y / November / 1, 1h + 30min)),
              utc(2026y / November / 1, 5h + 30min));
    EXPECT_EQ(ny.to_utc(local(2026y / November / 1, 8h)), utc(2026y / November / 1, 13h));
    const auto ts = ny.transitions(utc(2026y / 1 / 1), utc(2027y / 1 / 1));
    ASSERT_EQ(ts.size(), 2U);
    // 2026: March 1 is Jan 1 (Thursday) + 59 days: a Sunday, so the second
    // Sunday is March 8.
    expect_transition(ts[0], utc(2026y / March / 8, 7h), -5h, -4h, "EDT", true);
    expect_transition(ts[1], utc(2026y / November / 1, 6h), -4h, -5h, "EST", false);
}

// --- America/Sao_Paulo -------------------------------------------------------

TEST(TimeZoneTest, SaoPauloHasNoDaylightTimeSince2019) {
    const time_zone sp = zone("America/Sao_Paulo");
    for (const auto d :
         {2027y / January / 15, 2027y / July / 15, 2027y / November / 7, 2040y / January / 15}) {
        EXPECT_EQ(sp.to_utc(local(d, 8h)), utc(d, 11h));
        EXPECT_EQ(sp.classify(local(d, 8h)), local_kind::unique);
        EXPECT_EQ(sp.abbreviation_at(utc(d, 11h)), "-03");
    }
    EXPECT_TRUE(sp.transitions(utc(2027y / 1 / 1), utc(2100y / 1 / 1)).empty());

    // 2018-11-04, when it still had DST: from 00:00 local (03:00 UTC) UTC-2.
    EXPECT_EQ(sp.offset_at(utc(2018y / November / 4, 3h) - 1s), -3h);
    EXPECT_EQ(sp.offset_at(utc(2018y / November / 4, 3h)), -2h);
    EXPECT_EQ(sp.to_utc(local(2018y / November / 4, 8h)), utc(2018y / November / 4, 10h));
    EXPECT_EQ(sp.classify(local(2018y / November / 4, 30min)), local_kind::gap);
    EXPECT_EQ(sp.to_utc(local(2018y / November / 4, 30min)), utc(2018y / November / 4, 3h + 30min));
}

// --- Australia/Sydney --------------------------------------------------------

TEST(TimeZoneTest, SydneyDaylightTimeSpansTheYearEnd) {
    const time_zone syd = zone("Australia/Sydney");
    EXPECT_EQ(syd.offset_at(utc(2027y / January / 15)), 11h);
    EXPECT_EQ(syd.abbreviation_at(utc(2027y / January / 15)), "AEDT");
    EXPECT_EQ(syd.offset_at(utc(2027y / July / 1)), 10h);
    EXPECT_EQ(syd.abbreviation_at(utc(2027y / July / 1)), "AEST");
    // 2027: April 1 is Jan 1 (Friday) + 90 days, 90 mod 7 = 6: a Thursday, so
    // the first Sunday is April 4; October 1 is + 273 days, 273 mod 7 = 0: a
    // Friday, so the first Sunday is October 3.
    auto ts = syd.transitions(utc(2027y / 1 / 1), utc(2028y / 1 / 1));
    ASSERT_EQ(ts.size(), 2U);
    expect_transition(ts[0], utc(2027y / April / 3, 16h), 11h, 10h, "AEST", false);
    expect_transition(ts[1], utc(2027y / October / 2, 16h), 10h, 11h, "AEDT", true);

    // From the footer: 2040-04-01 is Jan 1 (Sunday) + 91 days, a Sunday itself;
    // 2040-10-01 is + 274 days, 274 mod 7 = 1: a Monday, first Sunday October 7.
    ts = syd.transitions(utc(2040y / 1 / 1), utc(2041y / 1 / 1));
    ASSERT_EQ(ts.size(), 2U);
    expect_transition(ts[0], utc(2040y / March / 31, 16h), 11h, 10h, "AEST", false);
    EXPECT_EQ(ts[0].at.time_since_epoch().count(), 2'216'822'400);
    expect_transition(ts[1], utc(2040y / October / 6, 16h), 10h, 11h, "AEDT", true);
    EXPECT_EQ(ts[1].at.time_since_epoch().count(), 2'233'152'000);

    // Across the year end, in summer time.
    EXPECT_EQ(syd.offset_at(utc(2040y / December / 31, 14h)), 11h);
    EXPECT_EQ(syd.to_local(utc(2040y / December / 31, 14h)), local(2041y / January / 1, 1h));
    EXPECT_EQ(syd.to_utc(local(2041y / January / 1, 30min)),
              utc(2040y / December / 31, 13h + 30min));
    // 03:00 AEDT -> 02:00 AEST on 2040-04-01: 02:30 happens twice.
    EXPECT_EQ(syd.classify(local(2040y / April / 1, 2h + 30min)), local_kind::overlap);
    EXPECT_EQ(syd.to_utc(local(2040y / April / 1, 2h + 30min)),
              utc(2040y / March / 31, 15h + 30min));
}

// --- UTC, leap days, year ends -----------------------------------------------

TEST(TimeZoneTest, UtcWorksFromTheFileAndWithoutIt) {
    for (const time_zone& z : {zone("UTC"), time_zone::utc()}) {
        EXPECT_EQ(z.name(), "UTC");
        for (const auto d : {1900y / 1 / 1, 2027y / 3 / 28, 2100y / 7 / 1}) {
            EXPECT_EQ(z.offset_at(utc(d, 2h)), 0s);
            EXPECT_EQ(z.abbreviation_at(utc(d, 2h)), "UTC");
            EXPECT_EQ(z.classify(local(d, 2h)), local_kind::unique);
            EXPECT_EQ(z.to_utc(local(d, 2h)), utc(d, 2h));
        }
        EXPECT_TRUE(z.transitions(utc(1900y / 1 / 1), utc(2100y / 1 / 1)).empty());
    }
}

TEST(TimeZoneTest, LeapDay2028) {
    const time_zone cph = zone("Europe/Copenhagen");
    const time_zone ny = zone("America/New_York");
    EXPECT_EQ(cph.to_utc(local(2028y / February / 29, 12h)), utc(2028y / February / 29, 11h));
    EXPECT_EQ(ny.to_utc(local(2028y / February / 29, 12h)), utc(2028y / February / 29, 17h));
    EXPECT_EQ(cph.to_local(utc(2028y / February / 29, 23h + 30min)),
              local(2028y / March / 1, 30min));
    EXPECT_EQ(ny.to_local(utc(2028y / March / 1, 3h)), local(2028y / February / 29, 22h));
}

TEST(TimeZoneTest, YearBoundaryFrom2026To2027) {
    const time_zone cph = zone("Europe/Copenhagen");
    const time_zone ny = zone("America/New_York");
    EXPECT_EQ(ny.to_utc(local(2026y / December / 31, 23h + 30min)),
              utc(2027y / January / 1, 4h + 30min));
    EXPECT_EQ(ny.to_local(utc(2027y / January / 1, 4h + 30min)),
              local(2026y / December / 31, 23h + 30min));
    EXPECT_EQ(cph.to_utc(local(2027y / January / 1, 30min)),
              utc(2026y / December / 31, 23h + 30min));
    EXPECT_EQ(cph.to_local(utc(2026y / December / 31, 23h + 30min)),
              local(2027y / January / 1, 30min));
    EXPECT_TRUE(cph.transitions(utc(2026y / December / 1), utc(2027y / February / 1)).empty());
}

TEST(TimeZoneTest, EveryHourOf2027RoundTrips) {
    for (const char* name : {"Europe/Copenhagen", "America/New_York", "Australia/Sydney"}) {
        const time_zone z = zone(name);
        for (sys_seconds t = utc(2027y / 1 / 1); t < utc(2028y / 1 / 1); t += 1h) {
            const local_seconds l = z.to_local(t);
            const local_kind kind = z.classify(l);
            ASSERT_NE(kind, local_kind::gap) << name << " " << t.time_since_epoch().count();
            if (kind == local_kind::unique) {
                ASSERT_EQ(z.to_utc(l), t) << name;
            } else {
                ASSERT_LE(z.to_utc(l), t) << name;
                ASSERT_EQ(z.to_local(z.to_utc(l)), l) << name;
            }
        }
    }
}

// --- names -------------------------------------------------------------------

TEST(TimeZoneTest, RejectsUnknownZones) {
    for (const char* name : {"Mars/Olympus", "Europe", "Europe/Copenhagen_X"}) {
        const auto z = time_zone::locate(name);
        ASSERT_FALSE(z.has_value()) << name;
        EXPECT_EQ(z.error().code, rehab::errc::unknown_id);
        EXPECT_EQ(z.error().path, "/time_zone");
        EXPECT_EQ(z.error().message.rfind(fmt::format("unknown time zone \"{}\"", name), 0), 0U)
            << z.error().message;
    }
}

TEST(TimeZoneTest, RejectsNamesThatAreNotZoneNames) {
    using namespace std::string_view_literals;
    for (const std::string_view name :
         {""sv, "../etc/passwd"sv, "/etc/passwd"sv, "/usr/share/zoneinfo/UTC"sv, "Europe/../UTC"sv,
          ".."sv, "."sv, "./UTC"sv, "Europe//Copenhagen"sv, "Europe/Copenhagen/"sv,
          "Europe/Copen hagen"sv, "zone.tab"sv, "Europe\\Copenhagen"sv, "UTC\0/../etc"sv,
          "Europe/Copenhagen\n"sv, "Europe/København"sv}) {
        const auto z = time_zone::locate(name);
        ASSERT_FALSE(z.has_value()) << name;
        EXPECT_EQ(z.error().code, rehab::errc::unknown_id);
        EXPECT_EQ(z.error().path, "/time_zone");
        EXPECT_NE(z.error().message.find("\" is not a time-zone name"), std::string::npos)
            << z.error().message;
    }
    EXPECT_EQ(time_zone::locate("../etc/passwd")
                  .error()
                  .message.rfind("\"../etc/passwd\" is not a time-zone name", 0),
              0U);
}

TEST(TimeZoneTest, TzdirOverridesTheSystemDirectory) {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / fmt::format("rehab_tzdir_{}", ::getpid());
    std::filesystem::create_directories(dir / "Test");
    {
        tzif_spec s;
        s.types = {{-3 * 3600, 0, 0}};
        s.chars = std::string("-03", 4);
        s.footer = "<-03>3";
        std::ofstream(dir / "Test" / "Zone", std::ios::binary) << tzif(s);
        std::ofstream(dir / "Test" / "Text") << "not a time zone\n";
    }
    const char* old = std::getenv("TZDIR");
    const std::string saved = old != nullptr ? old : "";
    ::setenv("TZDIR", dir.c_str(), 1);

    const auto z = time_zone::locate("Test/Zone");
    const auto text = time_zone::locate("Test/Text");
    const auto cph = time_zone::locate("Europe/Copenhagen");

    if (old != nullptr) {
        ::setenv("TZDIR", saved.c_str(), 1);
    } else {
        ::unsetenv("TZDIR");
    }
    std::filesystem::remove_all(dir);

    ASSERT_TRUE(z.has_value()) << z.error().message;
    EXPECT_EQ(z->name(), "Test/Zone");
    EXPECT_EQ(z->offset_at(utc(2027y / 1 / 1)), -3h);
    ASSERT_FALSE(text.has_value());
    EXPECT_EQ(text.error().code, rehab::errc::parse_error);
    EXPECT_EQ(fmt::format("{}", text.error()),
              "/time_zone: Test/Text is not a valid TZif file: truncated header (16 bytes, 44 "
              "needed)");
    ASSERT_FALSE(cph.has_value());
    EXPECT_EQ(cph.error().code, rehab::errc::unknown_id);
}

// --- from_tzif: bad input ----------------------------------------------------

TEST(TimeZoneTest, FromTzifRejectsEmptyAndGarbageInput) {
    const auto empty = time_zone::from_tzif("Europe/X", "");
    ASSERT_FALSE(empty.has_value());
    EXPECT_EQ(fmt::format("{}", empty.error()),
              "/time_zone: Europe/X is not a valid TZif file: truncated header (0 bytes, 44 "
              "needed)");
    expect_parse_error("garbage", "truncated header");
    expect_parse_error(std::string(100, 'x'), "does not start with \"TZif\"");
    std::string wrong_version = tzif(tzif_spec{});
    wrong_version[4] = '9';
    expect_parse_error(wrong_version, "unsupported version byte 0x39");
}

TEST(TimeZoneTest, FromTzifRejectsEveryTruncationOfARealFile) {
    const std::string bytes = read_file(zoneinfo_file("Europe/Copenhagen"));
    ASSERT_GT(bytes.size(), 1000U);
    ASSERT_TRUE(time_zone::from_tzif("Europe/Copenhagen", bytes).has_value());
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        // An exact-size copy, so that AddressSanitizer sees any read past it.
        const std::vector<char> prefix(bytes.begin(), bytes.begin() + static_cast<long>(n));
        const auto z = time_zone::from_tzif("Europe/X", std::string_view(prefix.data(), n));
        ASSERT_FALSE(z.has_value()) << n;
        EXPECT_EQ(z.error().code, rehab::errc::parse_error) << n;
        EXPECT_EQ(z.error().message.rfind("Europe/X is not a valid TZif file: ", 0), 0U)
            << z.error().message;
    }
    // Cut inside the version 1 data block, which is skipped but must be there.
    const auto cut = time_zone::from_tzif("Europe/X", std::string_view(bytes).substr(0, 44 + 10));
    EXPECT_NE(cut.error().message.find("truncated version 1 data block"), std::string::npos);
}

TEST(TimeZoneTest, FromTzifSurvivesCorruptedBytes) {
    const std::string bytes = read_file(zoneinfo_file("America/New_York"));
    ASSERT_FALSE(bytes.empty());
    int parsed = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        for (const unsigned flip : {0x01U, 0x80U, 0xffU}) {
            std::string copy = bytes;
            copy[i] = static_cast<char>(static_cast<unsigned char>(copy[i]) ^ flip);
            const auto z = time_zone::from_tzif("Test/Flip", copy);
            if (z) {
                ++parsed;
                if (i % 7 == 0) {
                    exercise(*z);
                }
            } else {
                ASSERT_EQ(z.error().code, rehab::errc::parse_error);
            }
        }
    }
    EXPECT_GT(parsed, 0);
}

TEST(TimeZoneTest, FromTzifRejectsInconsistentTables) {
    tzif_spec two_types;
    two_types.types = {{0, 0, 0}, {3600, 1, 4}};
    two_types.chars = std::string("AAA\0BBB", 8);
    two_types.footer = "";

    tzif_spec s = two_types;
    s.times = {100, 200};
    s.indices = {1, 2};
    expect_parse_error(tzif(s), "transition 1 uses local time type 2, but there are 2");

    s = two_types;
    s.times = {200, 100};
    s.indices = {1, 0};
    expect_parse_error(tzif(s), "not in ascending order");
    s.times = {100, 100};
    expect_parse_error(tzif(s), "not in ascending order");

    s = two_types;
    s.types[1].abbreviation = 8;
    expect_parse_error(tzif(s), "abbreviation index 8 past the 8 characters");

    s = two_types;
    s.chars = std::string("AAA\0BBB", 7);
    expect_parse_error(tzif(s), "is not terminated");

    s = two_types;
    s.types[1].dst = 2;
    expect_parse_error(tzif(s), "DST flag 2");

    s = two_types;
    s.types.clear();
    expect_parse_error(tzif(s), "no local time types");

    s = two_types;
    s.chars.clear();
    expect_parse_error(tzif(s), "no time-zone abbreviation characters");

    s = two_types;
    s.with_footer = false;
    expect_parse_error(tzif(s), "missing footer");
    expect_parse_error(tzif(s) + "\nUTC0", "no closing newline");
    expect_parse_error(tzif(s) + "UTC0\n", "does not start with a newline");

    // Counts far beyond the input are refused without allocating for them.
    std::string huge = tzif(two_types);
    huge[32] = '\x7f'; // v1 timecnt = 0x7f000000
    expect_parse_error(huge, "truncated version 1 data block");
    huge = tzif(two_types);
    const std::size_t v2 = huge.size() / 2 - 1; // start of the 64-bit header
    ASSERT_EQ(huge.substr(v2, 4), "TZif");
    huge[v2 + 32] = '\xff';
    expect_parse_error(huge, "truncated transition table");
    huge = tzif(two_types);
    huge[v2 + 27] = '\x01';
    expect_parse_error(huge, "1 standard/wall indicators for 2 local time types");
    huge = tzif(two_types);
    huge[v2 + 38] = '\x01'; // typecnt = 258
    expect_parse_error(huge, "258 local time types (at most 256)");
}

TEST(TimeZoneTest, FromTzifRejectsInvalidFooters) {
    for (const char* footer :
         {"CET", "CET-", "CET-1CEST,", "CET-1CEST,M3.5.0", "CET-1CEST,M13.5.0,M10.5.0",
          "CET-1CEST,M3.6.0,M10.5.0", "CET-1CEST,M3.5.7,M10.5.0", "CET-1CEST,J0,J100",
          "CET-1CEST,366,100", "CET-1CEST,M3.5.0/168,M10.5.0", "CET-25", "CET-1:60", "<CET-1",
          "<>-1", "CET-1CEST,M3.5.0,M10.5.0/3x", "1CET", "CET-1 "}) {
        tzif_spec s;
        s.footer = footer;
        expect_parse_error(tzif(s), "in the footer");
    }
}

// --- from_tzif: valid hand-made files ----------------------------------------

TEST(TimeZoneTest, FromTzifReadsVersion1Files) {
    tzif_spec s;
    s.version = '\0';
    s.times = {1'000'000'000}; // 2001-09-09T01:46:40Z
    s.indices = {1};
    s.types = {{0, 0, 0}, {3600, 1, 4}};
    s.chars = std::string("AAA\0BBB", 8);
    const time_zone z = time_zone::from_tzif("Test/V1", tzif(s)).value();
    const sys_seconds change{1'000'000'000s};
    EXPECT_EQ(z.offset_at(change - 1s), 0s);
    EXPECT_EQ(z.abbreviation_at(change - 1s), "AAA");
    EXPECT_EQ(z.offset_at(change), 1h);
    EXPECT_EQ(z.abbreviation_at(change), "BBB");
    // No footer: the last transition's type holds forever.
    EXPECT_EQ(z.offset_at(utc(2300y / 1 / 1)), 1h);
    EXPECT_EQ(z.offset_at(sys_seconds::max()), 1h);
    // Before the first transition: type 0.
    EXPECT_EQ(z.offset_at(sys_seconds::min()), 0s);
    const auto ts = z.transitions(sys_seconds::min(), sys_seconds::max());
    ASSERT_EQ(ts.size(), 1U);
    expect_transition(ts[0], change, 0s, 1h, "BBB", true);
}

TEST(TimeZoneTest, FromTzifSkipsFillerTransitions) {
    // Like the 2038 filler entry of Debian's "fat" America/Sao_Paulo: a
    // transition to an identical type is not a change.
    tzif_spec s;
    s.times = {1'000, 2'000, 3'000};
    s.indices = {1, 2, 1};
    s.types = {{0, 0, 0}, {-10800, 0, 4}, {-10800, 0, 4}};
    s.chars = std::string("LMT\0-03", 8);
    s.footer = "<-03>3";
    const time_zone z = time_zone::from_tzif("Test/Filler", tzif(s)).value();
    const auto ts = z.transitions(sys_seconds::min(), sys_seconds::max());
    ASSERT_EQ(ts.size(), 1U);
    expect_transition(ts[0], sys_seconds{1'000s}, 0s, -3h, "-03", false);
}

TEST(TimeZoneTest, PosixRuleWithNegativeAndMidnightTimes) {
    // America/Nuuk's rule: -02 standard, -01 summer, from the last Sunday of
    // March at -1:00 local (Saturday 23:00 -02 = Sunday 01:00 UTC) to the last
    // Sunday of October at 0:00 local -01 (01:00 UTC): the EU instants.
    const time_zone z = footer_zone("<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
    EXPECT_EQ(z.offset_at(utc(2040y / March / 25, 1h) - 1s), -2h);
    EXPECT_EQ(z.offset_at(utc(2040y / March / 25, 1h)), -1h);
    EXPECT_EQ(z.abbreviation_at(utc(2040y / March / 25, 1h)), "-01");
    EXPECT_EQ(z.abbreviation_at(utc(2040y / March / 25)), "-02");
    const auto ts = z.transitions(utc(2040y / 1 / 1), utc(2041y / 1 / 1));
    ASSERT_EQ(ts.size(), 2U);
    expect_transition(ts[0], utc(2040y / March / 25, 1h), -2h, -1h, "-01", true);
    expect_transition(ts[1], utc(2040y / October / 28, 1h), -1h, -2h, "-02", false);
    // Local 2040-03-24 23:30 is in the gap (23:00 -> 00:00).
    EXPECT_EQ(z.classify(local(2040y / March / 24, 23h + 30min)), local_kind::gap);
    EXPECT_EQ(z.to_utc(local(2040y / March / 24, 23h + 30min)),
              utc(2040y / March / 25, 1h + 30min));
}

TEST(TimeZoneTest, PosixRuleJulianDayForms) {
    // Jn counts 1-365 and never February 29: J60 is March 1 in every year; J300
    // is October 27 (273 days before October in a common year).
    // n counts 0-365 with February 29: 59 is February 29 in 2040 (a leap
    // year) and March 1 in 2041; 299 is October 26 in 2040 (274 days before
    // October), October 27 in 2041.
    const time_zone julian = footer_zone("<-03>3<-02>,J60/2,J300/2");
    const time_zone zero = footer_zone("<-03>3<-02>,59/2,299/2");
    // Starts at 02:00 -03 = 05:00 UTC; ends at 02:00 -02 = 04:00 UTC.
    auto ts = julian.transitions(utc(2040y / 1 / 1), utc(2041y / 1 / 1));
    ASSERT_EQ(ts.size(), 2U);
    EXPECT_EQ(ts[0].at, utc(2040y / March / 1, 5h));
    EXPECT_EQ(ts[1].at, utc(2040y / October / 27, 4h));
    ts = zero.transitions(utc(2040y / 1 / 1), utc(2042y / 1 / 1));
    ASSERT_EQ(ts.size(), 4U);
    EXPECT_EQ(ts[0].at, utc(2040y / February / 29, 5h));
    EXPECT_EQ(ts[0].at.time_since_epoch().count(), 2'214'104'400);
    EXPECT_EQ(ts[1].at, utc(2040y / October / 26, 4h));
    EXPECT_EQ(ts[2].at, utc(2041y / March / 1, 5h));
    EXPECT_EQ(ts[3].at, utc(2041y / October / 27, 4h));
    EXPECT_EQ(zero.offset_at(utc(2040y / July / 1)), -2h);
}

TEST(TimeZoneTest, PosixRuleTimesUpTo167Hours) {
    // 2040: March 1 is a Thursday (Jan 1 Sunday + 60 days, 60 mod 7 = 4), so
    // the second Sunday is March 11; + 167 h = March 17 23:00 local -03 =
    // March 18 02:00 UTC. November 1 is a Thursday (+ 305 days), first Sunday
    // November 4; - 167 h = October 28 01:00 local -02 = 03:00 UTC.
    const time_zone z = footer_zone("<-03>3<-02>,M3.2.0/167,M11.1.0/-167");
    const auto ts = z.transitions(utc(2040y / 1 / 1), utc(2041y / 1 / 1));
    ASSERT_EQ(ts.size(), 2U);
    EXPECT_EQ(ts[0].at, utc(2040y / March / 18, 2h));
    EXPECT_EQ(ts[1].at, utc(2040y / October / 28, 3h));
}

TEST(TimeZoneTest, PosixRuleDefaultsAndDaylightTimeAllYear) {
    // No explicit DST offset: one hour ahead of standard time.
    const time_zone syd = footer_zone("AEST-10AEDT,M10.1.0,M4.1.0/3");
    EXPECT_EQ(syd.offset_at(utc(2040y / January / 15)), 11h);
    EXPECT_EQ(syd.offset_at(utc(2040y / July / 15)), 10h);
    // No rule: POSIX leaves it open; like glibc, the US rule (second Sunday
    // of March, first Sunday of November, 02:00): 2040-03-11 07:00 UTC.
    const time_zone us = footer_zone("EST5EDT");
    EXPECT_EQ(us.offset_at(utc(2040y / March / 11, 7h) - 1s), -5h);
    EXPECT_EQ(us.offset_at(utc(2040y / March / 11, 7h)), -4h);
    // RFC 8536's example of DST all year: starts January 1 00:00 EST (05:00
    // UTC) and ends December 31 25:00 EDT (January 1 05:00 UTC): no changes.
    const time_zone always = footer_zone("EST5EDT4,0/0,J365/25");
    for (const auto d : {2040y / 1 / 1, 2040y / 7 / 1, 2040y / 12 / 31, 2041y / 1 / 1}) {
        EXPECT_EQ(always.offset_at(utc(d, 5h)), -4h);
        EXPECT_EQ(always.abbreviation_at(utc(d, 5h)), "EDT");
    }
    EXPECT_TRUE(always.transitions(utc(2040y / 1 / 1), utc(2043y / 1 / 1)).empty());
    // No DST part at all, with a quoted abbreviation.
    const time_zone fixed = footer_zone("<+0530>-5:30");
    EXPECT_EQ(fixed.offset_at(utc(2040y / 1 / 1)), 5h + 30min);
    EXPECT_EQ(fixed.abbreviation_at(utc(2040y / 1 / 1)), "+0530");
}

TEST(TimeZoneTest, TransitionsOverHugeRangesAreBounded) {
    const time_zone cph = zone("Europe/Copenhagen");
    const auto ts = cph.transitions(sys_seconds::min(), sys_seconds::max());
    // The file's own changes, then at most 1000 years of rule changes
    // (2 a year) past its last transition in 2037.
    EXPECT_GT(ts.size(), 2000U);
    EXPECT_LE(ts.size(), 2200U);
    for (std::size_t i = 1; i < ts.size(); ++i) {
        ASSERT_LT(ts[i - 1].at, ts[i].at);
        ASSERT_EQ(ts[i - 1].offset_after, ts[i].offset_before);
    }
    EXPECT_EQ(cph.offset_at(sys_seconds::max()), 1h); // the end of 9999, in winter
    EXPECT_EQ(cph.offset_at(sys_seconds::min()), cph.offset_at(utc(1800y / 1 / 1)));
    EXPECT_EQ(cph.to_utc(local_seconds::max()), sys_seconds::max() - 1h);
}

} // namespace

namespace {

/// `next_offset_change` (a look-up in the file's table, then the footer's
/// rule) must agree with a linear scan of `transitions()` just before, at,
/// just after and well after every change from 1850 to 2100, including the
/// years past the file's table, and say "no more changes" where there are
/// none.
void expect_next_offset_change_agrees(const time_zone& zone, std::string_view name) {
    const sys_seconds from = sys_days{year{1850} / 1 / 1};
    const sys_seconds to = sys_days{year{2100} / 1 / 1};
    std::vector<rehab::offset_change> changes;
    for (const auto& t : zone.transitions(from, to)) {
        if (t.offset_before != t.offset_after) {
            changes.push_back({t.at, t.offset_before, t.offset_after});
        }
    }
    const auto scan = [&](sys_seconds t) -> std::optional<rehab::offset_change> {
        for (const auto& c : changes) {
            if (c.at > t) {
                return c;
            }
        }
        return std::nullopt;
    };
    std::vector<sys_seconds> probes{from, sys_days{year{2037} / 6 / 1}};
    for (const auto& c : changes) {
        probes.insert(probes.end(), {c.at - 1s, c.at, c.at + 1s, c.at + days{40}});
    }
    for (const sys_seconds t : probes) {
        if (!changes.empty() && t >= changes.back().at) {
            continue; // past the last change listed before 2100, the list cannot tell
        }
        ASSERT_EQ(zone.next_offset_change(t), scan(t))
            << name << " at " << t.time_since_epoch().count();
    }
    if (changes.empty()) {
        EXPECT_FALSE(zone.next_offset_change(from).has_value()) << name;
    }
}

TEST(TimeZoneTest, NextOffsetChangeAgreesWithTheListOfTransitions) {
    // Cairo puts four changes within 2^24 s (summer time paused for Ramadan).
    for (const char* name : {"Europe/Copenhagen", "America/New_York", "America/Sao_Paulo",
                             "Australia/Lord_Howe", "Asia/Kolkata", "Africa/Cairo", "UTC"}) {
        expect_next_offset_change_agrees(time_zone::locate(name).value(), name);
    }
}

/// A file whose offset changes `spacing` seconds apart: one change, twenty
/// from `cluster` on, then one a year later.
std::string crowded_file(std::int64_t cluster, std::int64_t spacing) {
    tzif_spec s;
    s.types = {{0, 0, 0}, {3600, 1, 0}};
    s.times.push_back(cluster - 365 * 86'400);
    s.indices.push_back(1);
    for (std::int64_t i = 0; i < 20; ++i) {
        s.times.push_back(cluster + i * spacing);
        s.indices.push_back(static_cast<std::uint8_t>(i % 2));
    }
    s.times.push_back(cluster + 365 * 86'400);
    s.indices.push_back(0);
    s.footer = "UTC0";
    return tzif(s);
}

TEST(TimeZoneTest, NextOffsetChangeAgreesWhereManyChangesAreCloseTogether) {
    // Twenty changes three days apart: more in one part of the index than
    // any real file has.
    const std::int64_t cluster = 1'800'000'000;
    const std::int64_t spacing = 3 * 86'400;
    const auto zone = time_zone::from_tzif("Test/Crowded", crowded_file(cluster, spacing)).value();
    expect_next_offset_change_agrees(zone, "Test/Crowded");
    for (std::int64_t i = 0; i < 19; ++i) {
        const auto next = zone.next_offset_change(sys_seconds{seconds{cluster + i * spacing}});
        ASSERT_TRUE(next.has_value());
        EXPECT_EQ(next->at, sys_seconds{seconds{cluster + (i + 1) * spacing}});
    }
    const auto last = zone.next_offset_change(sys_seconds{seconds{cluster + 19 * spacing}});
    ASSERT_TRUE(last.has_value());
    EXPECT_EQ(last->at, sys_seconds{seconds{cluster + 365 * 86'400}});
    // The ends of time: the first change, and none after the last.
    EXPECT_EQ(zone.next_offset_change(sys_seconds::min())->at,
              sys_seconds{seconds{cluster - 365 * 86'400}});
    EXPECT_FALSE(zone.next_offset_change(sys_seconds::max()).has_value());
}

TEST(TimeZoneTest, RefusesOffsetsAndChangesThatLocalTimesCannotBeReadFrom) {
    // Local times are read from the change nearest them, so changes 52 hours
    // apart or closer would give wrong instants: such a file is refused, in
    // its table or by its rule.
    const std::int64_t cluster = 1'800'000'000;
    expect_parse_error(crowded_file(cluster, 3600),
                       "transitions 1 (2027-01-15T08:00:00Z) and 2 change the UTC offset 3600 s "
                       "apart; changes must be more than 52 hours apart");
    expect_parse_error(crowded_file(cluster, 52 * 3600), "offset 187200 s apart");
    EXPECT_TRUE(time_zone::from_tzif("Test/Sparse", crowded_file(cluster, 52 * 3600 + 1)));
    // Offsets of 26 hours or more (RFC 8536 asks for less): the instants of a
    // local time would lie outside the window read around it.
    for (const std::int32_t offset : {93'600, -90'000}) {
        tzif_spec far;
        far.types = {{offset, 0, 0}};
        far.footer = "";
        expect_parse_error(tzif(far), fmt::format("local time type 0 has UTC offset {} s", offset));
    }
    tzif_spec rule;
    rule.footer = "AAA0BBB-1,M3.5.0/2,M3.5.0/5"; // daylight time for three hours
    expect_parse_error(tzif(rule),
                       "the footer's rule \"AAA0BBB-1,M3.5.0/2,M3.5.0/5\" changes the UTC offset "
                       "at 1970-03-29T04:00:00Z, 7200 s after the change at "
                       "1970-03-29T02:00:00Z; changes must be more than 52 hours apart");
    // A rule whose changes come close together only in some years (leap years
    // that start on a Thursday: 2088, then 2128) is followed far enough to
    // find them.
    tzif_spec late;
    late.times = {sys_seconds{sys_days{year{2090} / 6 / 1}}.time_since_epoch().count()};
    late.indices = {0};
    late.footer = "AAA0BBB-12,M2.4.0/167,M3.1.0/-167";
    expect_parse_error(tzif(late), "changes the UTC offset at 2128-02-28T23:00:00Z, 36000 s after");
    // Every zone of the system's database is read.
    for (const auto& entry : std::filesystem::recursive_directory_iterator(zoneinfo_file(""))) {
        const std::string bytes = entry.is_regular_file() ? read_file(entry.path()) : "";
        if (bytes.starts_with("TZif")) {
            const auto z = time_zone::from_tzif(entry.path().string(), bytes);
            if (entry.path().string().find("/right/") != std::string::npos) {
                // Leap-second files are refused (time_zone_glibc_test.cpp).
                ASSERT_FALSE(z.has_value()) << entry.path();
                EXPECT_NE(z.error().message.find("counts leap seconds"), std::string::npos);
            } else {
                EXPECT_TRUE(z.has_value()) << z.error().message;
            }
        }
    }
}

TEST(TimeZoneTest, NextOffsetChangeIsNoneWhereTheRuleNeverChangesTheOffset) {
    // A daylight rule with the same offset on both sides, and one that keeps
    // daylight time all year (the POSIX idiom for permanent DST): no change
    // ever, and the answer comes at once instead of year after year to 9999.
    for (const char* footer : {"AAA0BBB0,M3.2.0,M11.1.0", "EST5EDT,0/0,J365/25"}) {
        const time_zone z = footer_zone(footer);
        for (const sys_seconds t : {sys_seconds::min(), sys_seconds{sys_days{year{2027} / 1 / 1}},
                                    sys_seconds{sys_days{year{9990} / 1 / 1}}}) {
            EXPECT_FALSE(z.next_offset_change(t).has_value()) << footer;
        }
        EXPECT_EQ(z.offset_at(sys_days{year{2027} / 1 / 15}),
                  z.offset_at(sys_days{year{2027} / 7 / 15}))
            << footer;
    }
    // Sessions in such a zone are planned as in any other.
    const auto plan = rehab::schedule::make(
        std::make_shared<const rehab::protocol>(
            rehab::find_builtin_protocol("alfredson-eccentric").value().get()),
        boost::gregorian::date(2027, 3, 1), footer_zone("EST5EDT,0/0,J365/25"));
    ASSERT_TRUE(plan.has_value()) << plan.error().message;
    EXPECT_EQ(plan->size(), 168U);
    EXPECT_EQ((*plan)[0].utc, sys_days{year{2027} / 3 / 1} + 12h); // 08:00 EDT
}

TEST(TimeZoneTest, NextOffsetChangeFindsRuleChangesDecadesApart) {
    // Each year this rule's end and start fall at the same instant, except in
    // leap years that start on a Thursday (2004, 2032, 2060, ...): then the
    // offset changes twice, seven days apart.
    const time_zone z = footer_zone("AAA0BBB-1,M3.1.0/-167,M2.4.0/2");
    expect_next_offset_change_agrees(z, "rare changes");
    const auto next = z.next_offset_change(sys_days{year{2040} / 1 / 1});
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(floor<days>(next->at), sys_days{year{2060} / 2 / 22});
}

TEST(TimeZoneTest, NextOffsetChangeFindsRuleTimesOutsideTheirYear) {
    // Daylight time from 10 April to 100 hours past 31 December: each year's
    // end falls on 4 January of the next.
    const time_zone z = footer_zone("AAA0BBB-1,J100/2,J365/100");
    expect_next_offset_change_agrees(z, "end in the next year");
    const auto end = z.next_offset_change(sys_days{year{2030} / 1 / 2});
    ASSERT_TRUE(end.has_value());
    EXPECT_EQ(end->at, sys_days{year{2030} / 1 / 4} + 3h);
    // At the end of the range: a start 100 hours before 1 January 10000.
    const time_zone late = footer_zone("AAA0BBB-1,J1/-100,J180");
    const auto start = late.next_offset_change(sys_days{year{9999} / 7 / 1});
    ASSERT_TRUE(start.has_value());
    EXPECT_EQ(start->at, sys_days{year{9999} / 12 / 27} + 20h);
    // A table that ends in 9995, then a rule that changes the offset only in
    // some years: the change in 9999 is found.
    tzif_spec rare;
    rare.times = {sys_seconds{sys_days{year{9995} / 1 / 1}}.time_since_epoch().count()};
    rare.indices = {0};
    rare.footer = "<A>0:00:00<B>-1:00:00,M7.3.4/119:00:00,M7.5.6/-96:00:00";
    const auto z9995 = time_zone::from_tzif("Test/Rare", tzif(rare));
    ASSERT_TRUE(z9995.has_value()) << z9995.error().message;
    const auto change = z9995->next_offset_change(sys_days{year{9995} / 1 / 1});
    ASSERT_TRUE(change.has_value());
    EXPECT_EQ(change->at, sys_seconds{seconds{253'388'646'000}}); // 9999-07-26T23:00Z
}

} // namespace
