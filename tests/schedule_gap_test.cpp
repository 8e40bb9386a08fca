// Sessions whose requested times a zone skips: moved forward by the gap, or
// not held when moving them would crowd the next session (see
// `session_placement`). Each finding of the calendar review has its exact
// input here; a property runs every long gap of the system's zone files.
#include <rehab/schedule.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <rehab/adherence.hpp>
#include <rehab/exports.hpp>
#include <rehab/protocols.hpp>

#include "test_support.hpp"
#include "zone_files.hpp"

namespace {

using rehab::test::at;
using rehab::test::builtin;
using rehab::test::iso;

using namespace std::chrono_literals;
using boost::gregorian::date;
using rehab::schedule;
using rehab::scheduled_session;
using rehab::session_placement;

schedule alfredson_plan(std::string_view zone, date start,
                        std::vector<rehab::clock_time> times = {}) {
    auto made = schedule::make(builtin("alfredson-eccentric"), start,
                               {.time_zone = std::string(zone), .times = std::move(times)});
    EXPECT_TRUE(made.has_value()) << (made ? "" : fmt::format("{}", made.error()));
    return std::move(made).value();
}

std::vector<scheduled_session> all(const schedule& s) {
    std::vector<scheduled_session> out(s.size());
    EXPECT_EQ(s.write(out), out.size());
    return out;
}

TEST(ScheduleGapTest, AGapAcrossMidnightMovesTheSessionToTheNextDateNuuk2024) {
    // Nuuk springs forward at 23:00 local on 2024-03-30 (-02 to -01): 23:30
    // does not exist, and the session lands at 00:30 on the 31st.
    const schedule s = alfredson_plan("America/Nuuk", date(2024, 3, 25), {at(8h), at(23h + 30min)});
    const auto evening = s.find({5, 1}).value();
    EXPECT_EQ(evening.placement, session_placement::moved_by_gap);
    EXPECT_EQ(rehab::to_iso8601(evening.utc), "2024-03-31T01:30:00Z");
    EXPECT_EQ(iso(s.date(evening)), "2024-03-31");
    EXPECT_EQ(fmt::format("{}", s.local_time(evening)), "00:30");
    EXPECT_EQ(iso(s.planned_date(evening)), "2024-03-30");
    EXPECT_EQ(s.id(evening), "alfredson-eccentric.v1.eccentric-loading.d5.s1");
    // The planned day still lists it.
    const auto due = s.on(date(2024, 3, 30));
    ASSERT_EQ(due.size(), 2U);
    EXPECT_EQ(due[1], evening);
    // The JSON export says the same.
    const auto doc = nlohmann::json::parse(rehab::to_json(s));
    const auto& js = doc["sessions"][11];
    EXPECT_EQ(js["id"], s.id(evening));
    EXPECT_EQ(js["date"], "2024-03-31");
    EXPECT_EQ(js["local_time"], "00:30");
    EXPECT_EQ(js["utc"], "2024-03-31T01:30:00Z");
    EXPECT_EQ(js["planned_date"], "2024-03-30");
    EXPECT_EQ(js["placement"], "moved_by_gap");
    // Every other session is where it asked to be.
    for (const auto& other : all(s)) {
        if (other.index != evening.index) {
            EXPECT_EQ(other.placement, session_placement::as_requested) << s.id(other);
        }
    }
}

struct skipped_date {
    std::string_view zone;
    date start;   ///< the day before
    date skipped; ///< the date no clock in the zone showed
};

class SkippedDateTest : public ::testing::TestWithParam<skipped_date> {};

TEST_P(SkippedDateTest, SessionsOfASkippedDateAreNotHeldAndNoTwoShareAnInstant) {
    const auto& c = GetParam();
    const schedule s = alfredson_plan(c.zone, c.start);
    const auto sessions = all(s);
    for (const auto& session : sessions) {
        EXPECT_EQ(session.held(), s.planned_date(session) != c.skipped) << s.id(session);
    }
    // Held sessions are in order, never closer than the protocol's gap.
    const scheduled_session* previous = nullptr;
    for (const auto& session : sessions) {
        if (!session.held()) {
            continue;
        }
        if (previous != nullptr) {
            EXPECT_GE(session.utc - previous->utc, builtin("alfredson-eccentric").min_session_gap)
                << s.id(session);
        }
        previous = &session;
    }
    // The calendar has an event for each held session and none for the others.
    const std::string ics = rehab::to_icalendar(s, {.created = std::chrono::sys_seconds{}}).value();
    std::size_t events = 0;
    for (std::size_t p = ics.find("BEGIN:VEVENT"); p != std::string::npos;
         p = ics.find("BEGIN:VEVENT", p + 1)) {
        ++events;
    }
    EXPECT_EQ(events, s.size() - 2);
    EXPECT_EQ(ics.find(".d1.s0."), std::string::npos);
    // Adherence does not count them, and a log entry for one is refused.
    const auto report =
        rehab::adherence(s, {}, c.start, c.start + boost::gregorian::days(2), sessions[6].utc + 1h);
    ASSERT_TRUE(report.has_value()) << fmt::format("{}", report.error());
    EXPECT_EQ(report->due, 4);
    EXPECT_EQ(report->missed, 4);
    rehab::session_log entry{.session = {1, 0}, .status = rehab::session_status::missed};
    const auto refused =
        rehab::adherence(s, std::span(&entry, 1), c.start, c.start, sessions[1].utc + 1h);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().path, "/log/0/session");
    EXPECT_NE(refused.error().message.find("not held"), std::string::npos)
        << refused.error().message;
    // Extending the plan for missed sessions does not count the skipped date.
    const auto extended = rehab::extend_for_missed(s, {}, sessions[5].utc);
    ASSERT_TRUE(extended.has_value());
    EXPECT_EQ(extended->options().extra_session_days.at(0), 2); // the first and third days
}

INSTANTIATE_TEST_SUITE_P(
    Zones, SkippedDateTest,
    ::testing::Values(skipped_date{"Pacific/Apia", date(2011, 12, 29), date(2011, 12, 30)},
                      skipped_date{"Pacific/Kiritimati", date(1994, 12, 30), date(1994, 12, 31)},
                      skipped_date{"Pacific/Kwajalein", date(1993, 8, 20), date(1993, 8, 21)}),
    [](const ::testing::TestParamInfo<skipped_date>& param) {
        return std::string(param.param.zone.substr(param.param.zone.find('/') + 1));
    });

TEST(ScheduleGapTest, ASessionMovedIntoTheNextOnesGapIsNotHeldMcMurdo1956) {
    // Antarctica/McMurdo skipped 00:00-12:00 on 1956-01-01: 06:00 would land at
    // 18:00, two hours before the 20:00 session.
    const schedule s = alfredson_plan("Antarctica/McMurdo", date(1955, 12, 31), {at(6h), at(20h)});
    EXPECT_EQ(s.find({1, 0})->placement, session_placement::not_held);
    EXPECT_EQ(s.find({1, 1})->placement, session_placement::as_requested);
    // With a later evening session there is room: it moves to 18:00.
    const schedule later =
        alfredson_plan("Antarctica/McMurdo", date(1955, 12, 31), {at(6h), at(21h)});
    const auto moved = later.find({1, 0}).value();
    EXPECT_EQ(moved.placement, session_placement::moved_by_gap);
    EXPECT_EQ(fmt::format("{}", later.local_time(moved)), "18:00");
}

/// Every gap of two hours or more in the system's zone files from 1900 to
/// 2100, and the first ordinary one after 2020 in each zone: plans starting
/// the day before, with times around the clock. Held sessions never share an
/// instant, never come out of order, and a session the library moved is
/// never closer than `min_session_gap` to the next one held.
TEST(ScheduleGapTest, NoZoneEverPutsTwoHeldSessionsTooClose) {
    const std::vector<std::vector<rehab::clock_time>> time_sets{{at(6h), at(20h)},
                                                                {at(0min), at(23h + 30min)},
                                                                {at(2h + 30min), at(18h)},
                                                                {at(8h), at(23h)},
                                                                {at(3h), at(6h)}};
    const auto min_gap = builtin("alfredson-eccentric").min_session_gap;
    int gaps = 0;
    for (const std::string& name : rehab::test::zone_files(false)) {
        const auto zone = rehab::time_zone::locate(name);
        ASSERT_TRUE(zone.has_value()) << name;
        const auto from = std::chrono::sys_days{std::chrono::year{1900} / 1 / 2};
        const auto to = std::chrono::sys_days{std::chrono::year{2100} / 1 / 1};
        bool ordinary_done = false;
        for (const auto& change : zone->transitions(from, to)) {
            const auto length = change.offset_after - change.offset_before;
            const bool ordinary =
                length > 0s && length < 2h &&
                change.at > std::chrono::sys_days{std::chrono::year{2020} / 1 / 1};
            if (length < 2h && !(ordinary && !ordinary_done)) {
                continue;
            }
            ordinary_done = ordinary_done || ordinary;
            ++gaps;
            const auto local_day = std::chrono::floor<std::chrono::days>(
                std::chrono::local_seconds{change.at.time_since_epoch() + change.offset_before});
            const date start =
                date(1970, 1, 1) + boost::gregorian::days(local_day.time_since_epoch().count() - 1);
            const auto shared =
                std::make_shared<const rehab::protocol>(builtin("alfredson-eccentric"));
            for (const auto& times : time_sets) {
                const auto s = schedule::make(shared, start, *zone, {.times = times});
                ASSERT_TRUE(s.has_value()) << name;
                std::vector<scheduled_session> first(8);
                first.resize(s->write(first));
                const scheduled_session* previous = nullptr;
                for (const auto& session : first) {
                    if (!session.held()) {
                        continue;
                    }
                    if (previous != nullptr) {
                        const std::string what =
                            fmt::format("{} from {} at {}: {}", name, iso(start),
                                        fmt::join(times, ","), s->id(session));
                        ASSERT_GT(session.utc, previous->utc) << what;
                        if (previous->placement == session_placement::moved_by_gap) {
                            ASSERT_GE(session.utc - previous->utc, min_gap) << what;
                        }
                    }
                    previous = &session;
                }
            }
        }
    }
    EXPECT_GT(gaps, 300); // one ordinary gap in most zones, and the long ones
}

} // namespace
