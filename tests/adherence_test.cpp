#include <rehab/adherence.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include <rehab/protocols.hpp>

#include "test_support.hpp"

namespace {

using rehab::test::plan;
using rehab::test::utc;

using namespace std::chrono_literals;
using boost::gregorian::date;
using rehab::session_log;
using rehab::session_status;

session_log entry(int day, int slot, session_status status = session_status::done) {
    session_log log;
    log.session = {day, slot};
    log.status = status;
    return log;
}

TEST(AdherenceTest, CountsSessionsAndRepsBySide) {
    const auto s = plan("alfredson-eccentric", date(2026, 12, 1)); // 08:00 and 18:00 UTC
    auto partial = entry(1, 1, session_status::partial);
    partial.items.push_back({.exercise = "eccentric-heel-drop-straight-knee",
                             .sets_done = rehab::sets{2},
                             .reps_per_set = rehab::reps{15}});
    const std::vector<session_log> log{entry(0, 0), entry(0, 1),
                                       entry(1, 0, session_status::missed), partial};
    const auto r =
        rehab::adherence(s, log, date(2026, 12, 1), date(2026, 12, 31), utc(2026, 12, 2, 18, 30));
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->due, 4); // the sessions of 1 and 2 December; later ones have not started
    EXPECT_EQ(r->done, 2);
    EXPECT_EQ(r->partial, 1);
    EXPECT_EQ(r->missed, 1);
    EXPECT_DOUBLE_EQ(r->session_rate().value(), 0.5);
    // Prescribed: 4 sessions x 2 exercises x 3 x 15 on the affected side = 360.
    // Done: 2 sessions x 90, plus 2 x 15 of the partial one = 210.
    EXPECT_EQ(r->affected, (rehab::side_reps{360, 210}));
    EXPECT_EQ(r->unaffected, (rehab::side_reps{0, 0}));
    EXPECT_EQ(fmt::format("{}", *r), "2/4 sessions (50 %), affected side 210/360 reps (58 %)");
}

TEST(AdherenceTest, AnUnloggedSessionIsMissedAndAWindowLimitsTheCount) {
    const auto s = plan("alfredson-eccentric", date(2026, 12, 1));
    const std::vector<session_log> log{entry(0, 0)};
    const auto r =
        rehab::adherence(s, log, date(2026, 12, 2), date(2026, 12, 2), utc(2026, 12, 10, 0));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->due, 2);
    EXPECT_EQ(r->missed, 2);
}

TEST(AdherenceTest, BothSidesCountForEachSideAndTwoLegDoses) {
    const auto s = plan("heel-pain-starter", date(2026, 12, 1));
    const std::vector<session_log> log{entry(0, 0)};
    const auto r =
        rehab::adherence(s, log, date(2026, 12, 1), date(2026, 12, 1), utc(2026, 12, 1, 9));
    ASSERT_TRUE(r.has_value());
    // Heel lift 5 reps (both together) + band 3 x 15 each side; the stretch has no reps.
    EXPECT_EQ(r->affected, (rehab::side_reps{50, 50}));
    EXPECT_EQ(r->unaffected, (rehab::side_reps{50, 50}));
}

TEST(AdherenceTest, AMakeUpCountsOnlyWithinItsWindow) {
    const auto s = plan("alfredson-eccentric", date(2026, 12, 1));
    auto in_time = entry(0, 0);
    in_time.done_at = utc(2026, 12, 2, 4); // 20 h late
    auto too_late = entry(0, 1);
    too_late.done_at = utc(2026, 12, 3, 0); // 30 h late
    const std::vector<session_log> log{in_time, too_late};
    const auto as_of = utc(2026, 12, 1, 23);
    const auto make_up =
        rehab::adherence(s, log, date(2026, 12, 1), date(2026, 12, 1), as_of,
                         {.policy = rehab::missed_policy::make_up, .make_up_window = 24h});
    ASSERT_TRUE(make_up.has_value());
    EXPECT_EQ(make_up->done, 1);
    EXPECT_EQ(make_up->missed, 1);
    const auto skip = rehab::adherence(s, log, date(2026, 12, 1), date(2026, 12, 1), as_of);
    EXPECT_EQ(skip->done, 2); // when it was done does not matter to "skip"
}

TEST(AdherenceTest, ExtendingThePhaseAddsOneSessionDayPerDayMissed) {
    const auto s = plan("alfredson-eccentric", date(2026, 12, 1));
    // Day 0 done, day 1 missed entirely, day 2 half done: one session day missed.
    const std::vector<session_log> log{entry(0, 0), entry(0, 1),
                                       entry(1, 0, session_status::missed), entry(2, 0)};
    const auto longer = rehab::extend_for_missed(s, log, utc(2026, 12, 3, 23));
    ASSERT_TRUE(longer.has_value()) << longer.error().message;
    EXPECT_EQ(longer->size(), 170U);
    EXPECT_EQ(boost::gregorian::to_iso_extended_string(longer->date((*longer)[169])), "2027-02-23");
    EXPECT_EQ(s.id(s[10]), longer->id((*longer)[10])); // earlier sessions keep their ids

    // HSR trains Mon/Wed/Fri: one missed session day adds the next session day after the phase.
    const auto hsr = plan("hsr-achilles", date(2026, 11, 30));
    const std::vector<session_log> none{};
    const auto hsr_longer =
        rehab::extend_for_missed(hsr, none, utc(2026, 12, 1, 0)); // Monday's missed
    ASSERT_TRUE(hsr_longer.has_value());
    EXPECT_EQ(hsr_longer->size(), 37U);
    EXPECT_EQ(hsr_longer->date((*hsr_longer)[36]).day_of_week().as_number(),
              1); // the Monday after week 12
}

TEST(AdherenceTest, ExtendingKeepsThePlansOwnZoneAndProtocol) {
    // A zone read from bytes under a name no zone database has: the extended
    // plan must keep it (not look the name up again) and share the protocol.
    const char* dir = std::getenv("TZDIR"); // where time_zone::locate looks too
    const std::filesystem::path zoneinfo =
        dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo";
    std::ifstream file(zoneinfo / "Europe" / "Copenhagen", std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(file), {}};
    const auto zone = rehab::time_zone::from_tzif("Clinic/Local", bytes);
    ASSERT_TRUE(zone.has_value()) << zone.error().message;
    const auto program = std::make_shared<const rehab::protocol>(
        rehab::find_builtin_protocol("alfredson-eccentric").value().get());
    const auto s = rehab::schedule::make(program, date(2026, 12, 1), *zone).value();
    const std::vector<session_log> missed_first_day{entry(0, 0, session_status::missed)};
    const auto longer = rehab::extend_for_missed(s, missed_first_day, utc(2026, 12, 1, 23));
    ASSERT_TRUE(longer.has_value()) << longer.error().message;
    EXPECT_EQ(longer->size(), 170U);
    EXPECT_EQ(longer->zone().name(), "Clinic/Local");
    EXPECT_EQ(longer->shared_program(), program);
    EXPECT_EQ(longer->local_time((*longer)[0]), s.local_time(s[0])); // 08:00 in Copenhagen
}

TEST(AdherenceTest, RefusesLogEntriesThePlanDoesNotHave) {
    const auto hsr = plan("hsr-achilles", date(2026, 11, 30));
    const std::vector<session_log> tuesday{entry(1, 0)};
    const auto r =
        rehab::adherence(hsr, tuesday, date(2026, 11, 30), date(2026, 12, 31), utc(2027, 1, 1, 0));
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(fmt::format("{}", r.error()),
              "/log/0: day 2, session 1 is not a session of the plan");
    const std::vector<session_log> twice{entry(0, 0), entry(0, 0)};
    const auto d =
        rehab::adherence(hsr, twice, date(2026, 11, 30), date(2026, 12, 31), utc(2027, 1, 1, 0));
    ASSERT_FALSE(d.has_value());
    EXPECT_EQ(d.error().code, rehab::errc::duplicate_id);
    EXPECT_EQ(d.error().path, "/log/1");
}

} // namespace
