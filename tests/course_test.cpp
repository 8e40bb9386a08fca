// The course: protocol, calendar, log and engine in one value. Each test
// checks the course against an independent path through the library (the
// schedule for the calendar, the engine fed the same log for the doses).
#include <rehab/course.hpp>

#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <rehab/course_exports.hpp>
#include <rehab/dates.hpp>
#include <rehab/exports.hpp>
#include <rehab/protocols.hpp>

#include "test_support.hpp"

namespace {

using rehab::test::at;
using rehab::test::builtin;

using namespace std::chrono_literals;
using boost::gregorian::date;
using boost::gregorian::days;
using rehab::course;
using rehab::session_key;
using rehab::session_log;

course alfredson_course(std::string zone = "Europe/Copenhagen", date start = date(2026, 12, 1)) {
    auto c = course::start({.id = "patient-0042"}, builtin("alfredson-eccentric"), start,
                           {.time_zone = std::move(zone)});
    EXPECT_TRUE(c.has_value()) << (c ? "" : fmt::format("{}", c.error()));
    return std::move(c).value();
}

/// A session logged with pain 1 of 10 after it, none during it or the next morning.
session_log mild_pain_after(session_key key) {
    return {.session = key,
            .pain_during = rehab::pain_score{0},
            .pain_after = rehab::pain_score{1},
            .pain_next_morning = rehab::pain_score{0}};
}

std::string text(const rehab::error& e) { return fmt::format("{}", e); }

TEST(CourseTest, ANewCourseIsTheSchedulesCalendar) {
    const course c = alfredson_course();
    const auto plan = rehab::schedule::make(builtin("alfredson-eccentric"), date(2026, 12, 1),
                                            {.time_zone = "Europe/Copenhagen"})
                          .value();
    const auto due = c.between(date(2026, 12, 1), date(2026, 12, 14));
    ASSERT_EQ(due.size(), 28U);
    for (std::size_t i = 0; i < due.size(); ++i) {
        EXPECT_EQ(due[i].utc, plan[i].utc) << i;
        EXPECT_EQ(c.id(due[i]), plan.id(plan[i])) << i;
        EXPECT_EQ(due[i].key, plan[i].key()) << i;
        EXPECT_TRUE(due[i].planned);
    }
}

TEST(CourseTest, RecordedEntriesGiveTheEnginesProgressedDoses) {
    course c = alfredson_course();
    auto engine =
        rehab::progression_engine::start(builtin("alfredson-eccentric"), date(2026, 12, 1), {})
            .value();
    // Eight pain-free days: the first +5 kg comes on day 8 (rule intervals
    // count from the phase start).
    for (int day = 0; day < 8; ++day) {
        for (int slot = 0; slot < 2; ++slot) {
            ASSERT_TRUE(c.record(mild_pain_after({day, slot}))) << day;
            ASSERT_TRUE(engine.advance());
            ASSERT_TRUE(engine.record(mild_pain_after({day, slot})));
        }
    }
    const auto next = c.next_after(c.on(date(2026, 12, 8)).back().utc).value();
    EXPECT_EQ(next.key, (session_key{8, 0}));
    ASSERT_TRUE(engine.advance());
    const auto expected = engine.current();
    EXPECT_EQ(next.prescription->items, expected.items);
    EXPECT_NE(fmt::format("{}", next.prescription->items[0].dose).find("5 kg"), std::string::npos)
        << fmt::format("{}", next.prescription->items[0].dose);
    ASSERT_TRUE(next.last_change != nullptr);
    EXPECT_EQ(next.last_change->action, rehab::trace_action::progressed);
    // Logged sessions keep what was prescribed then.
    const auto first = c.on(date(2026, 12, 1));
    ASSERT_EQ(first.size(), 2U);
    EXPECT_FALSE(first[0].planned);
    EXPECT_EQ(first[0].logged, rehab::session_status::done);
    // The course's decisions are the engine's, up to the last session logged.
    auto decisions = engine.trace();
    while (!decisions.empty() && decisions.back().at > c.log().back().session) {
        decisions.pop_back();
    }
    EXPECT_EQ(c.trace(), decisions);
}

TEST(CourseTest, BadEntriesChangeNothing) {
    course c = alfredson_course();
    ASSERT_TRUE(c.record(mild_pain_after({0, 0})));
    ASSERT_TRUE(c.record(mild_pain_after({1, 1}))); // {0, 1} and {1, 0} stay unlogged
    const course before = c;
    auto refused = c.record(mild_pain_after({1, 0}));
    ASSERT_FALSE(refused);
    EXPECT_EQ(text(refused.error()), "/session: day 2, session 1 is not after the last session "
                                     "recorded (day 2, session 2): entries are recorded in order");
    refused = c.record(mild_pain_after({2, 5}));
    ASSERT_FALSE(refused);
    EXPECT_EQ(text(refused.error()), "/session: day 3, session 6 is not a session of the course");
    session_log wrong = mild_pain_after({2, 0});
    wrong.items = {{.exercise = "heel-drop"}};
    refused = c.record(wrong);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().path, "/items/0/exercise");
    refused = c.record("alfredson-eccentric.v1.eccentric-loading.d2.s7", mild_pain_after({}));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().path, "/session");
    refused = c.record("hsr-achilles.v1.heavy-slow-resistance.d2.s0", mild_pain_after({}));
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("alfredson-eccentric.v1.eccentric-loading.d2.s0"),
              std::string::npos)
        << refused.error().message;
    EXPECT_EQ(c, before);
    EXPECT_EQ(c.log().size(), 2U);
    // By id it works.
    ASSERT_TRUE(c.record("alfredson-eccentric.v1.eccentric-loading.d2.s0", mild_pain_after({})));
    EXPECT_EQ(c.log().back().session, (session_key{2, 0}));
}

TEST(CourseTest, AMoveKeepsEarlierSessionsWhereTheyWere) {
    // Finding: re-planning in New York after a trip moved a session already
    // done from 06:00 to 11:00 UTC.
    course c = alfredson_course();
    for (int day = 0; day < 3; ++day) {
        ASSERT_TRUE(c.record(mild_pain_after({day, 0})));
        ASSERT_TRUE(c.record(mild_pain_after({day, 1})));
    }
    const auto before = c.between(date(2026, 12, 1), date(2026, 12, 10));
    ASSERT_TRUE(c.move(date(2026, 12, 5),
                       {.time_zone = "America/New_York", .times = {.all = {at(6h), at(17h)}}}));
    const auto after = c.between(date(2026, 12, 1), date(2026, 12, 10));
    ASSERT_EQ(before.size(), after.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        if (after[i].planned_date < date(2026, 12, 5)) {
            EXPECT_EQ(after[i].utc, before[i].utc) << c.id(after[i]);
        } else {
            EXPECT_EQ(fmt::format("{}", after[i].local_time), i % 2 == 0 ? "06:00" : "17:00");
            EXPECT_EQ(after[i].utc - rehab::to_sys_days(after[i].planned_date),
                      i % 2 == 0 ? 11h : 22h); // EST is UTC-5
        }
        EXPECT_EQ(c.id(after[i]), c.id(before[i]));
    }
    // The past does not move.
    const auto refused = c.move(date(2026, 12, 3), {});
    ASSERT_FALSE(refused);
    EXPECT_EQ(text(refused.error()), "/from: 2026-12-03 is not after the last session logged "
                                     "(2026-12-03): the past does not change");
}

TEST(CourseTest, ASwitchKeepsTheHistoryAndTheNewProtocolTakesItsOwnLog) {
    // Finding: switching from Alfredson to HSR with the existing log failed
    // ("/log/1: day 1, session 2 is not a planned session").
    course c = alfredson_course("UTC", date(2026, 11, 30)); // a Monday
    for (int day = 0; day < 28; ++day) {
        ASSERT_TRUE(c.record(mild_pain_after({day, 0})));
        ASSERT_TRUE(c.record(mild_pain_after({day, 1})));
    }
    ASSERT_TRUE(c.switch_protocol(date(2026, 12, 28), builtin("hsr-achilles")));
    EXPECT_EQ(c.protocols().size(), 2U);
    const auto week = c.between(date(2026, 12, 28), date(2027, 1, 3));
    ASSERT_EQ(week.size(), 3U); // Monday, Wednesday, Friday
    EXPECT_EQ(c.id(week[0]), "hsr-achilles.v1.heavy-slow-resistance.d28.s0");
    EXPECT_EQ(week[0].key, (session_key{28, 0}));
    EXPECT_EQ(week[0].segment, 1U);
    // The new protocol's doses are its own first ones, as its engine gives.
    auto hsr =
        rehab::progression_engine::start(builtin("hsr-achilles"), date(2026, 12, 28), {}).value();
    EXPECT_EQ(week[0].prescription->items, hsr.next()->items);
    ASSERT_TRUE(c.record(mild_pain_after({28, 0})));
    ASSERT_TRUE(c.record("hsr-achilles.v1.heavy-slow-resistance.d30.s0", mild_pain_after({})));
    // The Alfredson history is still there.
    const auto old = c.on(date(2026, 12, 27));
    ASSERT_EQ(old.size(), 2U);
    EXPECT_EQ(old[0].segment, 0U);
    EXPECT_EQ(old[0].logged, rehab::session_status::done);
    // No Alfredson sessions after the switch.
    for (const auto& s : c.between(date(2026, 12, 28), date(2027, 2, 28))) {
        EXPECT_EQ(s.segment, 1U) << c.id(s);
    }
}

TEST(CourseTest, APauseStopsTheClockAndNothingIsMissed) {
    course c = alfredson_course("UTC");
    ASSERT_TRUE(c.record(mild_pain_after({0, 0})));
    ASSERT_TRUE(c.pause(date(2026, 12, 3), date(2026, 12, 9)));
    EXPECT_TRUE(c.between(date(2026, 12, 3), date(2026, 12, 9)).empty());
    EXPECT_EQ(c.on(date(2026, 12, 10)).size(), 2U);
    // The program keeps its 168 sessions: the end moves by the pause.
    const auto all = c.between(date(2026, 12, 1), date(2027, 12, 31));
    EXPECT_EQ(all.size(), 168U);
    EXPECT_EQ(all.back().planned_date, date(2027, 2, 22) + days(7));
    // Adherence counts no session of the pause.
    const auto report =
        c.adherence(date(2026, 12, 1), date(2026, 12, 12), rehab::to_sys_days(date(2026, 12, 13)));
    ASSERT_TRUE(report.has_value());
    EXPECT_EQ(report->due, 2 * 5); // Dec 1, 2, 10, 11, 12
    EXPECT_EQ(report->done, 1);
    // A log entry for a paused day is refused.
    const auto refused = c.record(mild_pain_after({4, 0}));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().path, "/session");
    // An open pause: nothing is due until resume.
    ASSERT_TRUE(c.pause(date(2026, 12, 20)));
    EXPECT_TRUE(c.between(date(2026, 12, 20), date(2027, 6, 1)).empty());
    EXPECT_FALSE(c.next_after(rehab::to_sys_days(date(2026, 12, 21))).has_value());
    ASSERT_TRUE(c.resume(date(2026, 12, 24)));
    EXPECT_EQ(c.on(date(2026, 12, 24)).size(), 2U);
    EXPECT_TRUE(c.on(date(2026, 12, 23)).empty());
    EXPECT_EQ(c.between(date(2026, 12, 1), date(2027, 12, 31)).size(), 168U);
}

TEST(CourseTest, DueAtIsTheSessionFromItsTimeToTheNextOrTheEndOfItsDay) {
    const course c = alfredson_course("UTC");
    const auto morning = rehab::to_sys_days(date(2026, 12, 1)) + 8h;
    const auto evening = rehab::to_sys_days(date(2026, 12, 1)) + 18h;
    EXPECT_FALSE(c.due_at(morning - 1s).has_value());
    EXPECT_EQ(c.due_at(morning)->key, (session_key{0, 0}));
    EXPECT_EQ(c.due_at(evening - 1s)->key, (session_key{0, 0}));
    EXPECT_EQ(c.due_at(evening)->key, (session_key{0, 1}));
    EXPECT_EQ(c.due_at(evening + 5h + 59min)->key, (session_key{0, 1}));
    EXPECT_FALSE(c.due_at(evening + 6h).has_value()); // midnight: the day is over
    EXPECT_EQ(c.next_after(evening)->key, (session_key{1, 0}));
}

TEST(CourseTest, TimesPerNumberOfSessionsADay) {
    // A protocol with two sessions a day, then one: a single list of times
    // could not fit both phases.
    rehab::protocol p = builtin("alfredson-eccentric");
    rehab::phase second = p.phases[0];
    second.id = "maintenance";
    second.min_duration = std::chrono::days{7};
    second.max_duration = std::nullopt;
    second.entry = {};
    second.frequency.per_day = rehab::sessions{1};
    second.frequency.times = {at(8h)};
    p.phases[0].min_duration = std::chrono::days{7};
    p.phases[0].max_duration = std::nullopt;
    p.phases[0].exit = {};
    p.phases.push_back(second);
    auto made = course::start(
        {.id = "p1"}, p, date(2026, 12, 1),
        {.times = {.by_sessions_per_day = {{2, {at(7h), at(19h)}}, {1, {at(12h + 30min)}}}}},
        rehab::criteria_mode::assume_met);
    ASSERT_TRUE(made.has_value()) << text(made.error());
    EXPECT_EQ(fmt::format("{}", made->on(date(2026, 12, 1))[1].local_time), "19:00");
    const auto later = made->on(date(2026, 12, 9));
    ASSERT_EQ(later.size(), 1U);
    EXPECT_EQ(fmt::format("{}", later[0].local_time), "12:30");
    // One list for every phase is refused, saying which phase it misfits.
    const auto refused =
        course::start({.id = "p1"}, p, date(2026, 12, 1), {.times = {.all = {at(7h), at(19h)}}});
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(text(refused.error()), "/calendar/times/all: phase maintenance has 1 session a "
                                     "day, but 2 times apply to it: give times by phase or by "
                                     "sessions a day");
}

TEST(CourseTest, BadStartsSayWhatIsWrong) {
    const auto& p = builtin("alfredson-eccentric");
    auto c = course::start({.id = "patient 1"}, p, date(2026, 12, 1));
    EXPECT_EQ(c.error().path, "/patient/id");
    c = course::start({}, p, date(2026, 12, 1), {.time_zone = "Mars/Olympus"});
    EXPECT_EQ(c.error().path, "/calendar/time_zone");
    c = course::start({}, p, date(1899, 12, 31));
    EXPECT_EQ(text(c.error()),
              "/start: 1899-12-31 is outside the supported range, 1900-01-01 to 9000-12-31");
    c = course::start({}, p, date(2026, 12, 1), {.times = {.by_phase = {{"loading", {}}}}});
    EXPECT_EQ(text(c.error()),
              "/calendar/times/by_phase/loading: alfredson-eccentric has no phase \"loading\"");
}

TEST(CourseTest, StdChronoDatesWorkAndBadOnesAreErrors) {
    using std::chrono::year;
    const auto& p = builtin("alfredson-eccentric");
    auto c = course::start({.id = "p1"}, p, year{2026} / 12 / 1);
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->start_date(), date(2026, 12, 1));
    EXPECT_EQ(c->on(year{2026} / 12 / 2).value(), c->on(date(2026, 12, 2)));
    EXPECT_EQ(text(course::start({}, p, year{2026} / 2 / 30).error()),
              "/start: \"2026-02-30\" is not a calendar date");
    EXPECT_EQ(text(c->pause(year{2026} / 12 / 5, year{2026} / 12 / 32).error()),
              "/to: \"2026-12-32\" is not a calendar date");
    EXPECT_EQ(text(c->between(year{2026} / 12 / 1, year{9001} / 1 / 1).error()),
              "/last: 9001-01-01 is outside the supported range, 1900-01-01 to 9000-12-31");
    ASSERT_TRUE(c->pause(year{2026} / 12 / 5, year{2026} / 12 / 6));
    EXPECT_TRUE(c->on(date(2026, 12, 5)).empty());
    // The course answers the same as one made with Boost dates.
    auto boost_made = course::start({.id = "p1"}, p, date(2026, 12, 1)).value();
    ASSERT_TRUE(boost_made.pause(date(2026, 12, 5), date(2026, 12, 6)));
    EXPECT_EQ(*c, boost_made);
}

TEST(CourseTest, ForEachOnVisitsWhatOnReturns) {
    course c = alfredson_course();
    for (int day = 0; day < 5; ++day) {
        ASSERT_TRUE(c.record(mild_pain_after({day, 0})));
    }
    for (int day = 0; day < 9; ++day) {
        const date d = date(2026, 12, 1) + days(day);
        std::vector<rehab::course_session> visited;
        c.for_each_on(d, [&](const rehab::course_session& s) { visited.push_back(s); });
        EXPECT_EQ(visited, c.on(d)) << day;
    }
}

// Findings of the review of the course, each with its input.
TEST(CourseTest, AFarDayIsRefusedAtOnceNotWalkedTo) {
    auto c =
        course::start({.id = "p1"}, builtin("silbernagel-combined"), date(2026, 12, 1)).value();
    const auto refused = c.record(mild_pain_after({100000, 0}));
    ASSERT_FALSE(refused);
    EXPECT_EQ(text(refused.error()),
              "/session: day 100001, session 1 is more than 3650 days after the course's start");
    EXPECT_FALSE(c.record("silbernagel-combined.v1.symptom-management.d99999999.s0", {}));
    EXPECT_EQ(text(c.move(date(2300, 1, 1), {}).error()),
              "/from: 2300-01-01 is more than 3650 days after the course's start");
}

TEST(CourseTest, APauseEndsWithinTheSupportedRange) {
    course c = alfredson_course();
    EXPECT_EQ(text(c.pause(date(2026, 12, 5), date(9999, 12, 31)).error()),
              "/to: 9999-12-31 is outside the supported range, 1900-01-01 to 9000-12-31");
    ASSERT_TRUE(c.pause(date(2026, 12, 5)));
    EXPECT_FALSE(c.resume(date(9999, 12, 31)));
    EXPECT_EQ(c.pauses().size(), 1U);
    EXPECT_FALSE(c.pauses()[0].to.has_value());
}

TEST(CourseTest, ReferralsInForceAfterTheLastEntryWhateverComesNext) {
    course c = alfredson_course();
    ASSERT_TRUE(c.record(mild_pain_after({0, 0})));
    session_log flag = mild_pain_after({0, 1});
    flag.snap_or_pop = true;
    ASSERT_TRUE(c.record(flag));
    ASSERT_TRUE(c.pause(date(2026, 12, 2))); // open: no session after
    ASSERT_EQ(c.referrals().size(), 1U);
    const auto today = rehab::today_json(c, rehab::to_sys_days(date(2026, 12, 1)) + 20h);
    EXPECT_NE(today.find("\"referrals\": [\n    {"), std::string::npos) << today;
}

TEST(DatesTest, ParseDateNeverThrows) {
    EXPECT_EQ(rehab::parse_date("2026-12-01").value(), date(2026, 12, 1));
    EXPECT_EQ(text(rehab::parse_date("2026-02-30", "/start").error()),
              "/start: \"2026-02-30\" is not a calendar date");
    EXPECT_EQ(text(rehab::parse_date("1-12-2026", "/start").error()),
              "/start: \"1-12-2026\" is not a date as YYYY-MM-DD");
    EXPECT_EQ(text(rehab::parse_date("9001-01-01", "/start").error()),
              "/start: 9001-01-01 is outside the supported range, 1900-01-01 to 9000-12-31");
    EXPECT_FALSE(rehab::parse_date("2026-1２-01"));
    EXPECT_EQ(rehab::to_date(std::chrono::year{2028} / 2 / 29).value(), date(2028, 2, 29));
    EXPECT_FALSE(rehab::to_date(std::chrono::year{2027} / 2 / 29));
    EXPECT_EQ(rehab::to_year_month_day(date(2026, 12, 1)), std::chrono::year{2026} / 12 / 1);
    EXPECT_EQ(rehab::to_iso_date(date(1900, 1, 1)), "1900-01-01");
}

} // namespace
