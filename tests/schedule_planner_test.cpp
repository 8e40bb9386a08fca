#include <rehab/schedule_planner.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <rehab/protocols.hpp>

namespace {

using boost::gregorian::date;
using rehab::schedule;
using rehab::schedule_planner;

const rehab::protocol& builtin(std::string_view id) {
    return rehab::find_builtin_protocol(id).value().get();
}

std::vector<rehab::scheduled_session> all_of(const schedule& s) {
    std::vector<rehab::scheduled_session> out(s.size());
    s.write(out);
    return out;
}

/// The sessions a plan should have, day by day from the protocol's own
/// definitions: each phase for its minimum duration, its session days as
/// `is_session_day` gives them minus the rest days, its times in order.
std::vector<rehab::scheduled_session> expected_sessions(const rehab::protocol& p, date start,
                                                        const rehab::schedule_options& options) {
    const std::chrono::sys_days start_day{std::chrono::days{(start - date(1970, 1, 1)).days()}};
    const std::chrono::weekday start_weekday{start_day};
    std::vector<rehab::scheduled_session> out;
    int day = 0;
    for (std::size_t phase = 0; phase < p.phases.size(); ++phase) {
        const auto& ph = p.phases[phase];
        const int end = day + static_cast<int>(ph.min_duration.count());
        for (; day < end; ++day) {
            const std::chrono::weekday weekday{start_day + std::chrono::days{day}};
            if (std::ranges::find(options.rest_days, weekday) != options.rest_days.end() ||
                !rehab::is_session_day(ph.frequency.days, day, start_weekday)) {
                continue;
            }
            for (std::size_t slot = 0; slot < ph.frequency.times.size(); ++slot) {
                rehab::scheduled_session s;
                s.index = static_cast<std::int32_t>(out.size());
                s.day = day;
                s.clock_minutes =
                    static_cast<std::int16_t>(ph.frequency.times[slot].since_midnight.count());
                s.slot = static_cast<std::uint8_t>(slot);
                s.phase = static_cast<std::uint8_t>(phase);
                out.push_back(s);
            }
        }
    }
    return out;
}

/// One planner serves starts on every weekday (its layout differs by weekday
/// when the protocol has weekday patterns or rest days), each plan with the
/// sessions the protocol defines for that start.
TEST(SchedulePlannerTest, PlansHaveTheProtocolsSessionDaysForEveryStartWeekday) {
    const auto zone = rehab::time_zone::utc();
    for (const auto& p : rehab::builtin_protocols()) {
        for (const auto& options :
             {rehab::schedule_options{},
              rehab::schedule_options{.rest_days = {std::chrono::Saturday, std::chrono::Sunday}},
              rehab::schedule_options{
                  .rest_days = {std::chrono::Monday, std::chrono::Wednesday}}}) {
            const auto planner =
                schedule_planner::make(std::make_shared<const rehab::protocol>(p), zone, options);
            ASSERT_TRUE(planner.has_value()) << p.id;
            std::size_t most = 0;
            for (int d = 0; d < 7; ++d) {
                const date start = date(2026, 11, 30) + boost::gregorian::days(d);
                const auto plan = planner->plan(start);
                ASSERT_TRUE(plan.has_value()) << p.id;
                const auto wanted = expected_sessions(p, start, options);
                const auto got = all_of(*plan);
                ASSERT_EQ(got.size(), wanted.size()) << p.id << " from " << start;
                for (std::size_t i = 0; i < got.size(); ++i) {
                    ASSERT_EQ(got[i].key(), wanted[i].key()) << p.id << " from " << start;
                    ASSERT_EQ(got[i].clock_minutes, wanted[i].clock_minutes) << p.id;
                    ASSERT_EQ(got[i].phase, wanted[i].phase) << p.id;
                    ASSERT_EQ(got[i].index, wanted[i].index) << p.id;
                }
                most = std::max(most, plan->size());
            }
            EXPECT_EQ(planner->max_sessions(), most) << p.id;
        }
    }
}

TEST(SchedulePlannerTest, PlansShareTheProtocolZoneAndOptions) {
    const auto planner =
        schedule_planner::make(builtin("alfredson-eccentric"), {.time_zone = "Europe/Copenhagen"})
            .value();
    const auto a = planner.plan(date(2026, 1, 1)).value();
    const auto b = planner.plan(date(2026, 6, 1)).value();
    EXPECT_EQ(&a.program(), &b.program());
    EXPECT_EQ(&a.program(), &planner.program());
    EXPECT_EQ(&a.zone(), &planner.zone());
    EXPECT_EQ(planner.options().time_zone, "Europe/Copenhagen");
    EXPECT_EQ(a.size(), 168U);
    EXPECT_EQ(planner.max_sessions(), 168U);
    // 08:00 CET and 08:00 CEST.
    EXPECT_EQ(a[0].utc,
              std::chrono::sys_days{std::chrono::year{2026} / 1 / 1} + std::chrono::hours{7});
    EXPECT_EQ(b[0].utc,
              std::chrono::sys_days{std::chrono::year{2026} / 6 / 1} + std::chrono::hours{6});
    // A copy outlives the planner it came from.
    const schedule kept = [] {
        const auto local = schedule_planner::make(builtin("hsr-achilles")).value();
        return local.plan(date(2026, 11, 30)).value();
    }();
    EXPECT_EQ(kept.size(), 36U);
    EXPECT_EQ(kept.id(kept[0]), "hsr-achilles.v1.heavy-slow-resistance.d0.s0");
}

TEST(SchedulePlannerTest, RefusesAStartOutsideTheSupportedYears) {
    const auto planner = schedule_planner::make(builtin("alfredson-eccentric")).value();
    EXPECT_TRUE(planner.plan(date(1900, 1, 1)).has_value());
    EXPECT_TRUE(planner.plan(date(9000, 12, 31)).has_value());
    for (const date bad : {date(1899, 12, 31), date(9001, 1, 1)}) {
        const auto plan = planner.plan(bad);
        ASSERT_FALSE(plan.has_value());
        EXPECT_EQ(fmt::format("{}", plan.error()),
                  fmt::format("/start: must be a date between 1900 and 9000, got {}",
                              boost::gregorian::to_iso_extended_string(bad)));
    }
    const auto special = planner.plan(date(boost::gregorian::not_a_date_time));
    ASSERT_FALSE(special.has_value());
    EXPECT_EQ(fmt::format("{}", special.error()), "/start: must be a calendar date");
}

TEST(SchedulePlannerTest, RefusesOptionsThatCannotBeLaidOutNamingThem) {
    const auto& p = builtin("alfredson-eccentric");
    const auto no_zone = schedule_planner::make(p, {.time_zone = "Mars/Olympus"});
    ASSERT_FALSE(no_zone.has_value());
    EXPECT_EQ(no_zone.error().path, "/time_zone");
    const auto order =
        schedule_planner::make(p, {.times = {rehab::clock_time{std::chrono::hours{18}},
                                             rehab::clock_time{std::chrono::hours{8}}}});
    ASSERT_FALSE(order.has_value());
    EXPECT_EQ(order.error().path, "/times/1");
    const auto extra = schedule_planner::make(p, {.extra_session_days = {-1}});
    ASSERT_FALSE(extra.has_value());
    EXPECT_EQ(fmt::format("{}", extra.error()),
              "/extra_session_days/0: must be between 0 and 3660, got -1");
    const auto none = schedule_planner::make(nullptr, rehab::time_zone::utc());
    ASSERT_FALSE(none.has_value());
    EXPECT_EQ(none.error().message, "no protocol given");
    rehab::protocol empty = p;
    empty.phases.clear();
    const auto no_phases = schedule_planner::make(empty);
    ASSERT_FALSE(no_phases.has_value());
    EXPECT_EQ(no_phases.error().path, "/phases");
}

/// With one session day a week (the phase's first day) and Mondays off, a
/// plan that starts on a Monday has no session day to extend; one that
/// starts on a Tuesday has. The planner is made either way, and says which
/// start cannot be planned and why.
TEST(SchedulePlannerTest, AStartWhoseWeekdayLeavesNoSessionDaysToExtendIsRefused) {
    rehab::protocol weekly = builtin("hsr-achilles");
    weekly.phases[0].frequency.days = rehab::days_per_week{1};
    const auto planner = schedule_planner::make(
        weekly, {.rest_days = {std::chrono::Monday}, .extra_session_days = {2}});
    ASSERT_TRUE(planner.has_value()) << fmt::format("{}", planner.error());
    const auto monday = planner->plan(date(2026, 11, 30));
    ASSERT_FALSE(monday.has_value());
    EXPECT_EQ(fmt::format("{}", monday.error()),
              "/extra_session_days/0: phase \"heavy-slow-resistance\" has no session days to "
              "extend");
    const auto tuesday = planner->plan(date(2026, 12, 1));
    ASSERT_TRUE(tuesday.has_value());
    EXPECT_EQ(tuesday->size(), 12U + 2U); // 12 weeks once a week, and the two extra days
    EXPECT_EQ(tuesday->date((*tuesday)[13]), date(2026, 12, 1) + boost::gregorian::days(13 * 7));
}

} // namespace
