#include <rehab/schedule_planner.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <rehab/protocols.hpp>

#include "test_support.hpp"

namespace {

using rehab::test::builtin;

using boost::gregorian::date;
using rehab::schedule;
using rehab::schedule_planner;

std::vector<rehab::scheduled_session> all_of(const schedule& s) {
    std::vector<rehab::scheduled_session> out(s.size());
    EXPECT_EQ(s.write(out), out.size());
    return out;
}

/// The sessions a plan should have, day by day from the protocol's own
/// definitions: each phase for its minimum duration, its session days as
/// `is_session_day` gives them minus the rest days, then its extra session
/// days (the phase ends after the last one), each session day with the
/// phase's times (or the options' times) in order, at that civil time in
/// `zone` as `time_zone::to_utc` resolves it. A phase without prescriptions
/// has no session days.
std::vector<rehab::scheduled_session> expected_sessions(const rehab::protocol& p, date start,
                                                        const rehab::schedule_options& options,
                                                        const rehab::time_zone& zone) {
    const std::chrono::sys_days start_day{std::chrono::days{(start - date(1970, 1, 1)).days()}};
    const std::chrono::weekday start_weekday{start_day};
    std::vector<rehab::scheduled_session> out;
    int day = 0;
    for (std::size_t phase = 0; phase < p.phases.size(); ++phase) {
        const auto& ph = p.phases[phase];
        const auto& times = options.times.empty() ? ph.frequency.times : options.times;
        const auto session_day = [&](int d) {
            const std::chrono::weekday weekday{start_day + std::chrono::days{d}};
            return rehab::has_sessions(ph) &&
                   std::ranges::find(options.rest_days, weekday) == options.rest_days.end() &&
                   rehab::is_session_day(ph.frequency.days, d, start_weekday);
        };
        const auto add_day = [&](int d) {
            for (std::size_t slot = 0; slot < times.size(); ++slot) {
                const auto minutes = times[slot].since_midnight;
                rehab::scheduled_session s;
                const std::chrono::local_seconds local{
                    (start_day + std::chrono::days{d}).time_since_epoch() + minutes};
                s.utc = zone.to_utc(local);
                if (zone.classify(local) == rehab::local_kind::gap) {
                    s.placement = rehab::session_placement::moved_by_gap;
                }
                s.index = static_cast<std::int32_t>(out.size());
                s.day = d;
                s.clock_minutes = static_cast<std::int16_t>(minutes.count());
                s.slot = static_cast<std::uint8_t>(slot);
                s.phase = static_cast<std::uint8_t>(phase);
                out.push_back(s);
            }
        };
        const int end = day + static_cast<int>(ph.min_duration.count());
        for (; day < end; ++day) {
            if (session_day(day)) {
                add_day(day);
            }
        }
        const int extra =
            phase < options.extra_session_days.size() ? options.extra_session_days[phase] : 0;
        for (int added = 0; added < extra; ++day) {
            if (session_day(day)) {
                add_day(day);
                ++added;
            }
        }
    }
    // A moved session that the next one at its requested time would follow
    // too closely is not held.
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i].placement != rehab::session_placement::moved_by_gap) {
            continue;
        }
        for (std::size_t j = i + 1; j < out.size(); ++j) {
            if (out[j].placement == rehab::session_placement::as_requested) {
                if (out[j].utc - out[i].utc < p.min_session_gap) {
                    out[i].placement = rehab::session_placement::not_held;
                }
                break;
            }
        }
    }
    return out;
}

/// Every way of reading `plan` gives `wanted`: written in one pass or from
/// any index, by index, by key, date by date and by date range.
void expect_plan(const schedule& plan, const std::vector<rehab::scheduled_session>& wanted,
                 const std::string& what) {
    ASSERT_EQ(plan.size(), wanted.size()) << what;
    ASSERT_EQ(all_of(plan), wanted) << what;
    for (std::size_t first = 0; first < wanted.size(); ++first) {
        std::array<rehab::scheduled_session, 5> part{};
        const std::size_t n = plan.write(part, first);
        ASSERT_EQ(n, std::min<std::size_t>(part.size(), wanted.size() - first)) << what;
        ASSERT_TRUE(std::equal(part.begin(), part.begin() + static_cast<std::ptrdiff_t>(n),
                               wanted.begin() + static_cast<std::ptrdiff_t>(first)))
            << what << " from index " << first;
        ASSERT_EQ(plan[first], wanted[first]) << what;
        ASSERT_EQ(plan.find(wanted[first].key()), wanted[first]) << what;
    }
    const int last_day = wanted.empty() ? 0 : wanted.back().day;
    for (int d = -3; d <= last_day + 3; ++d) {
        std::vector<rehab::scheduled_session> due;
        std::ranges::copy_if(wanted, std::back_inserter(due),
                             [&](const rehab::scheduled_session& s) { return s.day == d; });
        const date on = plan.start() + boost::gregorian::days(d);
        ASSERT_EQ(plan.on(on), due) << what << " on day " << d;
        ASSERT_EQ(plan.between(on, on), due) << what << " on day " << d;
        ASSERT_FALSE(plan.find({d, 7}).has_value());
    }
    ASSERT_EQ(plan.between(plan.start() - boost::gregorian::days(30),
                           plan.start() + boost::gregorian::days(last_day + 30)),
              wanted)
        << what;
}

/// One planner serves starts on every weekday (its layout differs by weekday
/// when the protocol has weekday patterns or rest days), each plan with the
/// sessions the protocol defines for that start, across daylight-saving
/// changes.
TEST(SchedulePlannerTest, PlansHaveTheProtocolsSessionsForEveryStartWeekday) {
    for (const std::string_view name : {"Europe/Copenhagen", "America/New_York"}) {
        const auto zone = rehab::time_zone::locate(name).value();
        for (const auto& p : rehab::builtin_protocols()) {
            for (const auto& options :
                 {rehab::schedule_options{},
                  rehab::schedule_options{
                      .rest_days = {std::chrono::Saturday, std::chrono::Sunday}},
                  rehab::schedule_options{
                      .rest_days = {std::chrono::Monday, std::chrono::Wednesday},
   .extra_session_days = {3}}}) {
                const auto planner = schedule_planner::make(
                    std::make_shared<const rehab::protocol>(p), zone, options);
                ASSERT_TRUE(planner.has_value()) << p.id;
                std::size_t most = 0;
                for (int d = 0; d < 7; ++d) {
                    // Starts a week before the autumn change of 2026 in both zones.
                    const date start = date(2026, 10, 18) + boost::gregorian::days(d);
                    const auto plan = planner->plan(start);
                    if (!options.extra_session_days.empty() &&
                        !rehab::has_sessions(p.phases.front())) {
                        // Extra session days for a phase with none to extend.
                        ASSERT_FALSE(plan.has_value()) << p.id;
                        EXPECT_EQ(plan.error().path, "/extra_session_days/0") << p.id;
                        most = planner->max_sessions(); // nothing to compare
                        continue;
                    }
                    ASSERT_TRUE(plan.has_value()) << p.id;
                    const auto wanted = expected_sessions(p, start, options, zone);
                    const auto got = all_of(*plan);
                    ASSERT_EQ(got, wanted) << p.id << " in " << name << " from " << start;
                    most = std::max(most, plan->size());
                }
                EXPECT_EQ(planner->max_sessions(), most) << p.id;
            }
        }
    }
}

/// Phases that end part-way through a week, an empty phase, phases extended
/// in the middle of the plan, three days a week with a rest day, and a plan
/// that crosses spring forward with a session inside the gap.
TEST(SchedulePlannerTest, OddPhaseLengthsEmptyPhasesAndExtensionsAreLaidOutExactly) {
    rehab::protocol p = builtin("hsr-achilles");
    p.phases = {p.phases[0], p.phases[0], p.phases[0]};
    p.phases[0].id = "ten-days";
    p.phases[0].min_duration = std::chrono::days{10};
    p.phases[1].id = "none";
    p.phases[1].min_duration = std::chrono::days{0};
    p.phases[2].id = "nine-days";
    p.phases[2].min_duration = std::chrono::days{9};
    for (auto& ph : p.phases) {
        ph.frequency = {.per_day = rehab::sessions{2},
                        .days = rehab::days_per_week{3},
                        .times = {rehab::clock_time{std::chrono::minutes{150}},
                                  rehab::clock_time{std::chrono::hours{20}}}};
    }
    const rehab::schedule_options options{.time_zone = "Europe/Copenhagen",
                                          .rest_days = {std::chrono::Thursday},
                                          .extra_session_days = {2, 0, 1}};
    const auto planner = schedule_planner::make(p, options);
    ASSERT_TRUE(planner.has_value()) << fmt::format("{}", planner.error());
    int planned = 0;
    for (int d = 0; d < 7; ++d) {
        const date start = date(2027, 3, 15) + boost::gregorian::days(d);
        const auto plan = planner->plan(start);
        if (!plan) {
            // A start whose rest day takes every session day of a phase it extends.
            EXPECT_EQ(plan.error().path.rfind("/extra_session_days/", 0), 0U);
            continue;
        }
        ++planned;
        expect_plan(*plan, expected_sessions(p, start, options, planner->zone()),
                    fmt::format("from {}", boost::gregorian::to_iso_extended_string(start)));
    }
    EXPECT_GE(planned, 5);
}

/// Moving a schedule leaves an empty one behind, not a dangling one.
TEST(SchedulePlannerTest, AMovedFromScheduleIsEmpty) {
    auto plan = schedule::make(builtin("alfredson-eccentric"), date(2026, 12, 1)).value();
    const schedule moved = std::move(plan);
    EXPECT_EQ(moved.size(), 168U);
    EXPECT_EQ(plan.size(), 0U); // NOLINT(bugprone-use-after-move): what is left is specified
    EXPECT_TRUE(plan.on(date(2026, 12, 1)).empty());
    EXPECT_FALSE(plan.find({0, 0}).has_value());
    std::array<rehab::scheduled_session, 2> out{};
    EXPECT_EQ(plan.write(out), 0U);
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
