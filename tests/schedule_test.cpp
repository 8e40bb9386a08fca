#include <rehab/schedule.hpp>

#include <algorithm>
#include <map>
#include <ranges>
#include <set>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <rehab/protocols.hpp>

#include "test_support.hpp"

namespace {

using rehab::test::at;
using rehab::test::builtin;
using rehab::test::iso;
using rehab::test::plan;
using rehab::test::utc;

using namespace std::chrono_literals;
using boost::gregorian::date;
using rehab::schedule;

TEST(ScheduleTest, AlfredsonFromFirstOfDecemberIs168SessionsToTheTwentySecondOfFebruary) {
    const auto s =
        plan("alfredson-eccentric", date(2026, 12, 1), {.time_zone = "Europe/Copenhagen"});
    ASSERT_EQ(s.size(), 168U);
    EXPECT_EQ(iso(s.date(s[0])), "2026-12-01");
    EXPECT_EQ(iso(s.date(s[167])), "2027-02-22");
    EXPECT_EQ(s[0].utc, utc(2026, 12, 1, 7));  // 08:00 CET = 07:00 UTC
    EXPECT_EQ(s[1].utc, utc(2026, 12, 1, 17)); // 18:00 CET
    std::map<int, int> reps_a_day;
    for (const auto& session : s.sessions()) {
        for (const auto& item : s.prescription(session).items) {
            reps_a_day[session.day] += item.dose.reps_per_session().value();
        }
    }
    ASSERT_EQ(reps_a_day.size(), 84U);
    EXPECT_TRUE(std::all_of(reps_a_day.begin(), reps_a_day.end(),
                            [](const auto& d) { return d.second == 180; }));
}

TEST(ScheduleTest, HsrFromAMondayIs36SessionsOnMondaysWednesdaysAndFridays) {
    const auto s = plan("hsr-achilles", date(2026, 11, 30));
    ASSERT_EQ(s.size(), 36U);
    for (const auto& session : s.sessions()) {
        const auto weekday = s.date(session).day_of_week().as_number();
        EXPECT_TRUE(weekday == 1 || weekday == 3 || weekday == 5) << iso(s.date(session));
    }
    EXPECT_TRUE(s.on(date(2026, 12, 1)).empty()); // a Tuesday
    ASSERT_EQ(s.on(date(2026, 12, 2)).size(), 1U);
    std::array<rehab::scheduled_session, 1> one{};
    EXPECT_EQ(s.on(date(2026, 12, 2), one), 1U);
    EXPECT_EQ(one[0], s.on(date(2026, 12, 2))[0]);
    EXPECT_EQ(s.on(date(2026, 12, 1), one), 0U);
}

TEST(ScheduleTest, RestDaysRemoveWeekdays) {
    const auto s =
        plan("heel-pain-starter", date(2026, 11, 30), {.rest_days = {std::chrono::Sunday}});
    EXPECT_EQ(s.size(), 36U); // 6 weeks x 6 days
    for (const auto& session : s.sessions()) {
        EXPECT_NE(s.date(session).day_of_week().as_number(), 0);
    }
}

TEST(ScheduleTest, CivilTimesStayPutAcrossSpringForwardInCopenhagen) {
    // 2027-03-28 02:00 CET -> 03:00 CEST. 08:00 stays 08:00 local: 07:00 UTC before, 06:00 UTC
    // after.
    const auto s =
        plan("alfredson-eccentric", date(2027, 3, 27), {.time_zone = "Europe/Copenhagen"});
    EXPECT_EQ(s[0].utc, utc(2027, 3, 27, 7));
    EXPECT_EQ(s[2].utc, utc(2027, 3, 28, 6));
    EXPECT_EQ(fmt::format("{}", s.local_time(s[2])), "08:00");
    EXPECT_EQ(s[3].utc, utc(2027, 3, 28, 16)); // 18:00 CEST
}

TEST(ScheduleTest, ATimeInTheSpringForwardGapMovesForwardByTheGap) {
    const auto s = plan("alfredson-eccentric", date(2027, 3, 28),
                        {.time_zone = "Europe/Copenhagen", .times = {at(2h + 30min), at(18h)}});
    EXPECT_EQ(s[0].utc, utc(2027, 3, 28, 1, 30)); // 02:30 does not exist: 01:30 UTC is 03:30 CEST
    EXPECT_EQ(fmt::format("{}", s.local_time(s[0])), "03:30");
    EXPECT_EQ(s[0].clock_minutes, 150);           // the requested time is kept
    EXPECT_EQ(s[2].utc, utc(2027, 3, 29, 0, 30)); // the next day 02:30 CEST is back
}

TEST(ScheduleTest, ATimeInTheFallBackOverlapTakesTheFirstOccurrence) {
    // 2026-10-25 03:00 CEST -> 02:00 CET: 02:30 happens at 00:30 UTC and again at 01:30 UTC.
    const auto s = plan("alfredson-eccentric", date(2026, 10, 25),
                        {.time_zone = "Europe/Copenhagen", .times = {at(2h + 30min), at(18h)}});
    EXPECT_EQ(s[0].utc, utc(2026, 10, 25, 0, 30));
    EXPECT_EQ(s[1].utc, utc(2026, 10, 25, 17)); // 18:00 CET
    // Never skipped, never doubled: one session per slot per day.
    EXPECT_EQ(s.on(date(2026, 10, 25)).size(), 2U);
}

TEST(ScheduleTest, NewYorkSpringAndFall) {
    // 2027-03-14 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST.
    const auto spring =
        plan("alfredson-eccentric", date(2027, 3, 13), {.time_zone = "America/New_York"});
    EXPECT_EQ(spring[0].utc, utc(2027, 3, 13, 13)); // 08:00 EST = 13:00 UTC
    EXPECT_EQ(spring[2].utc, utc(2027, 3, 14, 12)); // 08:00 EDT = 12:00 UTC
    const auto fall =
        plan("alfredson-eccentric", date(2026, 10, 31), {.time_zone = "America/New_York"});
    EXPECT_EQ(fall[0].utc, utc(2026, 10, 31, 12));
    EXPECT_EQ(fall[2].utc, utc(2026, 11, 1, 13));
}

TEST(ScheduleTest, SaoPauloHasNoDaylightSavingInTwentyTwentySeven) {
    // Brazil ended DST in 2019: 08:00 is 11:00 UTC in January and in July 2027
    // (a frozen rule table would still shift it in January).
    const auto january =
        plan("heel-pain-starter", date(2027, 1, 15), {.time_zone = "America/Sao_Paulo"});
    EXPECT_EQ(january[0].utc, utc(2027, 1, 15, 11));
    const auto july =
        plan("heel-pain-starter", date(2027, 7, 15), {.time_zone = "America/Sao_Paulo"});
    EXPECT_EQ(july[0].utc, utc(2027, 7, 15, 11));
}

TEST(ScheduleTest, LeapDayAndYearBoundaryAreOrdinaryDays) {
    const auto leap = plan("heel-pain-starter", date(2028, 2, 27));
    ASSERT_EQ(leap.on(date(2028, 2, 29)).size(), 1U);
    EXPECT_EQ(leap.on(date(2028, 2, 29))[0].day, 2);
    EXPECT_EQ(iso(leap.date(leap[3])), "2028-03-01");
    const auto year_end =
        plan("alfredson-eccentric", date(2026, 12, 1), {.time_zone = "Europe/Copenhagen"});
    const auto eve = year_end.on(date(2026, 12, 31));
    const auto new_year = year_end.on(date(2027, 1, 1));
    ASSERT_EQ(eve.size(), 2U);
    ASSERT_EQ(new_year.size(), 2U);
    EXPECT_EQ(new_year[0].index, eve[1].index + 1);
    EXPECT_EQ(new_year[0].utc, utc(2027, 1, 1, 7));
}

TEST(ScheduleTest, QueriesAgreeWithTheFullSequence) {
    for (const auto& p : rehab::builtin_protocols()) {
        const auto s = plan(p.id, date(2026, 11, 30), {.time_zone = "Europe/Copenhagen"});
        std::size_t i = 0;
        for (const auto& session : s.sessions()) {
            ASSERT_EQ(session.index, static_cast<std::int32_t>(i));
            ASSERT_EQ(s.find(session.key()), session);
            if (i > 0) {
                ASSERT_LT(s[i - 1].key(), session.key());
                ASSERT_LT(s[i - 1].utc, session.utc);
            }
            ++i;
        }
        const auto all = s.between(date(2026, 1, 1), date(2028, 1, 1));
        ASSERT_EQ(all.size(), s.size()) << p.id;
        const auto december = s.between(date(2026, 12, 1), date(2026, 12, 31));
        for (const auto& session : december) {
            EXPECT_EQ(s.date(session).month(), 12);
        }
        std::size_t by_day = 0;
        for (int d = 0; d < 120; ++d) {
            by_day += s.on(date(2026, 11, 30) + boost::gregorian::days(d)).size();
        }
        EXPECT_EQ(by_day, s.size()) << p.id;
    }
}

TEST(ScheduleTest, IdsDoNotChangeWithTimeZoneOrTimes) {
    const auto utc_plan = plan("alfredson-eccentric", date(2026, 12, 1));
    const auto moved = plan("alfredson-eccentric", date(2026, 12, 1),
                            {.time_zone = "America/New_York", .times = {at(6h), at(21h)}});
    ASSERT_EQ(utc_plan.size(), moved.size());
    std::set<std::string> ids;
    for (std::size_t i = 0; i < utc_plan.size(); ++i) {
        EXPECT_EQ(utc_plan.id(utc_plan[i]), moved.id(moved[i]));
        ids.insert(utc_plan.id(utc_plan[i]));
    }
    EXPECT_EQ(ids.size(), utc_plan.size());
    EXPECT_EQ(utc_plan.id(utc_plan[3]), "alfredson-eccentric.v1.eccentric-loading.d1.s1");
}

TEST(ScheduleTest, PrescriptionsMatchTheEnginesNominalPlan) {
    for (const auto& p : rehab::builtin_protocols()) {
        const auto s =
            plan(p.id, date(2026, 11, 30), {.patient = {.affected_side = rehab::body_side::right}});
        const auto sim =
            rehab::simulate(p, date(2026, 11, 30), {.affected_side = rehab::body_side::right},
                            nullptr, 3 * 365, rehab::criteria_mode::assume_met);
        ASSERT_TRUE(sim.has_value());
        ASSERT_EQ(sim->sessions.size(), s.size()) << p.id;
        for (std::size_t i = 0; i < s.size(); ++i) {
            ASSERT_EQ(s.prescription(s[i]), sim->sessions[i]) << p.id << " session " << i;
        }
    }
}

/// Every way of reading a schedule gives each session at its requested civil
/// time in the zone, as `time_zone::to_utc` resolves it on its own (binary
/// search and gap/overlap rules), across daylight-saving changes: written in
/// one pass, from any first index, by index, by date and by key.
void expect_civil_times(const schedule& s, const rehab::time_zone& zone, std::string_view what) {
    std::vector<rehab::scheduled_session> all(s.size() + 5);
    ASSERT_EQ(s.write(all), s.size()) << what;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto& session = all[i];
        const std::chrono::local_seconds local{
            std::chrono::local_days{
                std::chrono::days{(s.planned_date(session) - date(1970, 1, 1)).days()}}
                .time_since_epoch() +
            std::chrono::minutes{session.clock_minutes}};
        ASSERT_EQ(session.utc, zone.to_utc(local)) << what << " session " << i;
        // Its local date and time are the wall clock at its instant.
        const auto wall = zone.to_local(session.utc).time_since_epoch();
        const auto wall_day = std::chrono::floor<std::chrono::days>(wall);
        ASSERT_EQ(s.date(session), date(1970, 1, 1) + boost::gregorian::days(wall_day.count()))
            << what << " session " << i;
        ASSERT_EQ(s.local_time(session).since_midnight,
                  std::chrono::floor<std::chrono::minutes>(wall - wall_day))
            << what << " session " << i;
        ASSERT_EQ(session.index, static_cast<std::int32_t>(i)) << what;
        ASSERT_EQ(s[i], session) << what << " session " << i;
        ASSERT_EQ(s.find(session.key()), session) << what << " session " << i;
    }
    for (const std::size_t first : {std::size_t{1}, std::size_t{3}, s.size() / 2, s.size() - 1}) {
        std::vector<rehab::scheduled_session> part(9);
        const std::size_t n = s.write(part, first);
        ASSERT_EQ(n, std::min<std::size_t>(9, s.size() - first)) << what;
        for (std::size_t k = 0; k < n; ++k) {
            ASSERT_EQ(part[k], all[first + k]) << what << " from " << first;
        }
    }
    EXPECT_EQ(s.write(all, s.size()), 0U);
    std::vector<rehab::scheduled_session> by_date;
    for (auto d = s.start();
         by_date.size() < s.size() && d < s.start() + boost::gregorian::days(4000);
         d += boost::gregorian::days(1)) {
        const auto due = s.on(d);
        by_date.insert(by_date.end(), due.begin(), due.end());
    }
    ASSERT_EQ(by_date.size(), s.size()) << what;
    EXPECT_TRUE(std::equal(by_date.begin(), by_date.end(), all.begin())) << what;
}

TEST(ScheduleTest, EverySessionIsItsCivilTimeAcrossDaylightSavingChanges) {
    // New York and Copenhagen shift by an hour, Lord Howe Island by half an
    // hour, Sydney in the other half of the year; 02:30 falls in gaps and
    // overlaps, 23:00 and 00:30 sit next to midnight.
    int checked = 0;
    for (const std::string_view name :
         {"America/New_York", "Europe/Copenhagen", "Australia/Lord_Howe", "Australia/Sydney"}) {
        const auto zone = rehab::time_zone::locate(name).value();
        for (const auto& p : rehab::builtin_protocols()) {
            const auto shared = std::make_shared<const rehab::protocol>(p);
            for (const auto& times :
                 {std::vector<rehab::clock_time>{}, std::vector<rehab::clock_time>{at(30min)},
                  std::vector<rehab::clock_time>{at(1h + 30min)},
                  std::vector<rehab::clock_time>{at(2h + 30min), at(23h)}}) {
                // From 2026-10-01 a plan crosses the autumn change in the north
                // (October 25 and November 1) and spring forward in Sydney and
                // Lord Howe (October 4); from 2027-03-01 the northern spring
                // (March 14 and 28) and the southern autumn (April 4).
                for (const date start : {date(2026, 10, 1), date(2027, 3, 1)}) {
                    auto made = schedule::make(shared, start, zone, {.times = times});
                    if (!made) {
                        continue; // times that do not match the phase's sessions a day
                    }
                    expect_civil_times(*made, zone,
                                       fmt::format("{} {} from {}", p.id, name, iso(start)));
                    ++checked;
                }
            }
        }
    }
    // Every built-in with its own times, and the one- and two-a-day overrides.
    EXPECT_GE(checked, static_cast<int>(4 * 2 * rehab::builtin_protocols().size()));
}

TEST(ScheduleTest, PlansForManyPatientsShareOneProtocolAndZone) {
    const auto shared = std::make_shared<const rehab::protocol>(builtin("alfredson-eccentric"));
    const auto zone = rehab::time_zone::locate("Europe/Copenhagen").value();
    const auto a = schedule::make(shared, date(2026, 1, 1), zone).value();
    const auto b = schedule::make(shared, date(2026, 6, 1), zone).value();
    EXPECT_EQ(&a.program(), &b.program());
    EXPECT_EQ(a.options().time_zone, "Europe/Copenhagen");
    EXPECT_EQ(b[0].utc, utc(2026, 6, 1, 6)); // 08:00 CEST
}

TEST(ScheduleTest, SessionRecordsAreSmall) {
    static_assert(sizeof(rehab::scheduled_session) <= 32);
    // A schedule is a handle: a start date and a shared layout, whatever its length.
    static_assert(sizeof(schedule) <= 48);
    static_assert(std::is_trivially_copyable_v<rehab::scheduled_session>);
    static_assert(
        std::ranges::random_access_range<decltype(std::declval<const schedule&>().sessions())>);
    static_assert(std::ranges::view<decltype(std::declval<const schedule&>().sessions())>,
                  "plan.sessions() | std::views::filter(...) composes");
}

TEST(ScheduleTest, RefusesBadInputNamingIt) {
    auto zone = schedule::make(builtin("alfredson-eccentric"), date(2026, 12, 1),
                               {.time_zone = "Mars/Olympus"});
    ASSERT_FALSE(zone.has_value());
    EXPECT_EQ(zone.error().path, "/time_zone");
    auto times =
        schedule::make(builtin("alfredson-eccentric"), date(2026, 12, 1), {.times = {at(8h)}});
    ASSERT_FALSE(times.has_value());
    EXPECT_EQ(fmt::format("{}", times.error()),
              "/times: must give one time per session of phase \"eccentric-loading\" (2), got 1");
    auto special =
        schedule::make(builtin("alfredson-eccentric"), date(boost::gregorian::not_a_date_time));
    ASSERT_FALSE(special.has_value());
    EXPECT_EQ(special.error().path, "/start");
    const auto s = plan("hsr-achilles", date(2026, 11, 30));
    EXPECT_EQ(fmt::format("{}", s.at(36).error()),
              "/index: must be below the number of sessions (36), got 36");
}

} // namespace
