// The built-in protocols replayed through the engine and checked against
// the numbers of clinical-facts.md.
#include <rehab/protocols.hpp>

#include <algorithm>
#include <map>
#include <set>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <rehab/engine.hpp>

#include "test_support.hpp"

namespace {

using rehab::test::builtin;

using boost::gregorian::date;
using rehab::session_log;
using rehab::session_prescription;
using rehab::trace_action;

rehab::simulation
run(const rehab::protocol& p, date start,
    const std::function<std::optional<session_log>(const session_prescription&)>& report,
    rehab::patient who = {}) {
    auto result = rehab::simulate(p, start, who, report);
    EXPECT_TRUE(result.has_value()) << (result ? "" : fmt::format("{}", result.error()));
    return result ? *result : rehab::simulation{};
}

session_log with_pain(int during, int after = 0, int morning = 0) {
    session_log log;
    log.pain_during = rehab::pain_score::make(during).value();
    log.pain_after = rehab::pain_score::make(after).value();
    log.pain_next_morning = rehab::pain_score::make(morning).value();
    return log;
}

std::vector<rehab::trace_entry> entries(const rehab::simulation& s, std::string_view rule,
                                        trace_action action) {
    std::vector<rehab::trace_entry> out;
    std::copy_if(s.trace.begin(), s.trace.end(), std::back_inserter(out),
                 [&](const auto& t) { return t.rule == rule && t.action == action; });
    return out;
}

TEST(ProtocolsTest, EveryBuiltinIsValidAgainstTheCatalog) {
    ASSERT_EQ(rehab::builtin_protocols().size(), 8U);
    for (const auto& p : rehab::builtin_protocols()) {
        const auto errors = rehab::validate(p, rehab::catalog::builtin());
        EXPECT_TRUE(errors.empty())
            << p.id << ": " << (errors.empty() ? "" : fmt::format("{}", errors.front()));
    }
}

TEST(ProtocolsTest, UnknownProtocolIdSuggestsTheClosest) {
    auto p = rehab::find_builtin_protocol("alfredson-eccentrc");
    ASSERT_FALSE(p.has_value());
    EXPECT_EQ(p.error().code, rehab::errc::unknown_id);
    EXPECT_EQ(p.error().message,
              "unknown protocol id \"alfredson-eccentrc\"; did you mean \"alfredson-eccentric\"?");
}

// --- Alfredson 1998 ----------------------------------------------------------------------

TEST(ProtocolsTest, AlfredsonIs168SessionsOf180RepsADay) {
    const auto s = run(builtin("alfredson-eccentric"), date(2026, 12, 1), nullptr);
    ASSERT_TRUE(s.complete);
    ASSERT_EQ(s.sessions.size(), 168U); // 12 weeks x 7 days x 2
    std::map<int, int> reps_per_day;
    for (const auto& session : s.sessions) {
        ASSERT_EQ(session.items.size(), 2U);
        for (const auto& item : session.items) {
            EXPECT_EQ(fmt::format("{}", item.dose), "3 x 15 reps, affected side only");
            EXPECT_EQ(item.side, rehab::body_side::left);
            reps_per_day[session.session.day] += item.dose.reps_per_session().value();
        }
    }
    ASSERT_EQ(reps_per_day.size(), 84U);
    for (const auto& [day, total] : reps_per_day) {
        EXPECT_EQ(total, 180) << "day "
                              << day; // 3 x 15 x 2 variations x 2 sessions // Alfredson 1998
    }
    EXPECT_EQ(s.sessions.back().session.day, 83);
    EXPECT_EQ(s.sessions.front().items[0].exercise, "eccentric-heel-drop-straight-knee");
    EXPECT_EQ(s.sessions.front().items[1].exercise, "eccentric-heel-drop-bent-knee");
}

TEST(ProtocolsTest, AlfredsonAddsFiveKilogramsAWeekOncePainFreeUpToSixty) {
    const auto s = run(builtin("alfredson-eccentric"), date(2026, 12, 1),
                       [](const session_prescription&) { return with_pain(0); });
    const auto steps = entries(s, "backpack-load", trace_action::progressed);
    // One step a week from the end of week 1: weeks 2-12 give 11 steps, 55 kg
    // of the 60 kg cap // Nutrients 2019 [S]
    ASSERT_EQ(steps.size(), 11U);
    EXPECT_EQ(steps[0].at, (rehab::session_key{7, 0})) << "a full week after the start";
    for (std::size_t i = 1; i < steps.size(); ++i) {
        EXPECT_EQ(steps[i].at.day - steps[i - 1].at.day, 7) << "at most once a week";
    }
    EXPECT_EQ(steps[0].evidence, std::vector<rehab::session_key>{steps[0].at});
    EXPECT_NE(steps[0].detail.find(
                  "3 x 15 reps, affected side only -> 3 x 15 reps, +5 kg, affected side only"),
              std::string::npos)
        << steps[0].detail;
    const auto& last = s.sessions.back();
    EXPECT_EQ(fmt::format("{}", last.items[0].dose), "3 x 15 reps, +55 kg, affected side only");
    EXPECT_EQ(last.items[0].load_kg, rehab::kilograms{55.0});
}

TEST(ProtocolsTest, AlfredsonNeverAddsLoadWhilePainful) {
    // Pain during is expected and accepted: the dose stays, nothing stops.
    const auto s = run(builtin("alfredson-eccentric"), date(2026, 12, 1),
                       [](const session_prescription&) { return with_pain(7, 5, 3); });
    EXPECT_TRUE(s.complete);
    EXPECT_TRUE(entries(s, "backpack-load", trace_action::progressed).empty());
    EXPECT_EQ(fmt::format("{}", s.sessions.back().items[0].dose),
              "3 x 15 reps, affected side only");
}

TEST(ProtocolsTest, AlfredsonInsertionalStaysAtFloorLevel) {
    const auto s = run(builtin("alfredson-insertional"), date(2026, 12, 1), nullptr,
                       {.affected_side = rehab::body_side::right});
    ASSERT_EQ(s.sessions.size(), 168U); // 3 x 15, twice a day, 12 weeks // Jonsson 2008
    const auto& item = s.sessions.front().items.front();
    EXPECT_EQ(item.exercise, "eccentric-heel-drop-floor-straight-knee");
    EXPECT_EQ(item.side, rehab::body_side::right);
    EXPECT_EQ(
        fmt::format("{}", item.dose),
        "3 x 15 reps, affected side only, heel not below neutral (floor level, no step edge)");
}

// --- Heavy slow resistance, Beyer 2015 --------------------------------------------------------

TEST(ProtocolsTest, HsrIs36SessionsOnMondaysWednesdaysAndFridays) {
    const date monday(2026, 11, 30);
    ASSERT_EQ(monday.day_of_week().as_number(), 1);
    const auto s = run(builtin("hsr-achilles"), monday, nullptr);
    ASSERT_TRUE(s.complete);
    ASSERT_EQ(s.sessions.size(), 36U);
    for (const auto& session : s.sessions) {
        const auto weekday =
            (monday + boost::gregorian::days(session.session.day)).day_of_week().as_number();
        EXPECT_TRUE(weekday == 1 || weekday == 3 || weekday == 5) << session.session.day;
        ASSERT_EQ(session.items.size(), 3U);
    }
}

TEST(ProtocolsTest, HsrFollowsTheWeekTable) {
    const auto s = run(builtin("hsr-achilles"), date(2026, 11, 30), nullptr);
    // wk 1: 3 x 15RM; wk 2-3: 3 x 12RM; wk 4-5: 4 x 10RM; wk 6-8: 4 x 8RM; wk 9-12: 4 x 6RM //
    // Beyer 2015
    const std::map<int, std::string> expected{{1, "3 x 15RM"}, {2, "3 x 12RM"}, {3, "3 x 12RM"},
                                              {4, "4 x 10RM"}, {5, "4 x 10RM"}, {6, "4 x 8RM"},
                                              {7, "4 x 8RM"},  {8, "4 x 8RM"},  {9, "4 x 6RM"},
                                              {10, "4 x 6RM"}, {11, "4 x 6RM"}, {12, "4 x 6RM"}};
    for (const auto& session : s.sessions) {
        for (const auto& item : session.items) {
            EXPECT_EQ(fmt::format("{}", item.dose),
                      expected.at(session.program_week) +
                          ", both sides together, tempo 3-0-3, rest 2 min")
                << "week " << session.program_week;
        }
    }
    const auto changes = entries(s, "hsr-week-table", trace_action::progressed);
    ASSERT_EQ(changes.size(), 4U);
    EXPECT_EQ(changes[2].at.day / 7 + 1, 6);
    EXPECT_NE(changes[2].detail.find("week 6: seated-heel-raise: 4 x 10RM"), std::string::npos)
        << changes[2].detail;
}

TEST(ProtocolsTest, HsrHoldsTheTableWhenPainAfterRises) {
    // Pain after the week-1 Friday session is above the after-training limit:
    // week 2 starts at week 1's dose, Monday's entry ends the breach, then the
    // table catches up.
    const auto s =
        run(builtin("hsr-achilles"), date(2026, 11, 30), [](const session_prescription& p) {
            return with_pain(2, p.session.day == 4 ? 6 : 2, 1);
        });
    const auto held = entries(s, "hsr-pain-rule", trace_action::held);
    ASSERT_EQ(held.size(), 1U);
    EXPECT_EQ(held[0].at.day, 4);
    EXPECT_EQ(held[0].detail,
              "pain after 6/10 is above 5/10: no increase until it is back within the limit");
    const auto released = entries(s, "hsr-pain-rule", trace_action::released);
    ASSERT_EQ(released.size(), 1U);
    EXPECT_EQ(released[0].at, (rehab::session_key{7, 0}));
    EXPECT_EQ(released[0].detail,
              "pain after 2/10 is back at or below 5/10 (in breach since day 5, session 1)");
    auto at_day = [&](int day) {
        return std::find_if(s.sessions.begin(), s.sessions.end(),
                            [&](const auto& x) { return x.session.day == day; });
    };
    EXPECT_EQ(at_day(7)->items[0].dose.sets(), rehab::sets{3});
    EXPECT_EQ(at_day(7)->items[0].dose.reps_work()->reps,
              rehab::reps{15}); // held at week 1's 3 x 15RM
    EXPECT_EQ(at_day(9)->items[0].dose.reps_work()->reps, rehab::reps{12}); // then 3 x 12RM
}

// --- Silbernagel combined program -----------------------------------------------------------

session_log silbernagel_day(const session_prescription& p, int pain) {
    auto log = with_pain(pain, pain, 1);
    if (p.phase_index == 0) {
        log.measurements.push_back({rehab::measure::single_leg_heel_raises, 12.0});
    }
    return log;
}

TEST(ProtocolsTest, SilbernagelAdvancesThroughThreePhasesWhenTheRulesHold) {
    const auto s = run(builtin("silbernagel-combined"), date(2026, 12, 1),
                       [](const session_prescription& p) { return silbernagel_day(p, 2); });
    ASSERT_TRUE(s.complete);
    const auto advances = entries(s, "phase", trace_action::phase_advanced);
    ASSERT_EQ(advances.size(), 2U);
    EXPECT_EQ(advances[0].at.day, 7);  // phase 1 for its minimum of one week
    EXPECT_EQ(advances[1].at.day, 14); // phase 2 for one week
    EXPECT_EQ(advances[0].detail, "symptom-management -> recovery after 7 days");
    EXPECT_EQ(s.sessions.size(), 84U); // once a day to week 12 // JAT 2020
    const auto& phase1 = s.sessions.front();
    EXPECT_EQ(fmt::format("{}", phase1.items[0]),
              "two-leg-heel-raise: 3 x 10-15 reps, both sides together");
    const auto& phase2 = s.sessions[7];
    EXPECT_EQ(phase2.phase_id, "recovery");
    EXPECT_EQ(fmt::format("{}", phase2.items[4]),
              "quick-rebound-heel-raise: 3 x 20 reps, both sides together");
}

TEST(ProtocolsTest, SilbernagelStaysInPhaseOneWithoutTenHeelRaises) {
    const auto s =
        run(builtin("silbernagel-combined"), date(2026, 12, 1), [](const session_prescription&) {
            auto log = with_pain(2, 2, 1);
            log.measurements.push_back({rehab::measure::single_leg_heel_raises, 8.0});
            return log;
        });
    EXPECT_TRUE(entries(s, "phase", trace_action::phase_advanced).empty());
    EXPECT_FALSE(s.complete); // no maximum: it waits, and simulate stops at its day limit
    EXPECT_EQ(s.sessions.back().phase_id, "symptom-management");
}

TEST(ProtocolsTest, SilbernagelPainSevenDuringIsABreachAndNoIncreaseFollows) {
    // Phase 3 adds weight after 3 completed sessions; pain 7/10 on day 30 breaks the rule.
    const auto s =
        run(builtin("silbernagel-combined"), date(2026, 12, 1), [](const session_prescription& p) {
            return silbernagel_day(p, p.session.day == 30 ? 7 : 2);
        });
    const auto regressed = entries(s, "pain-monitoring", trace_action::regressed);
    ASSERT_EQ(regressed.size(), 1U);
    EXPECT_EQ(regressed[0].at.day, 30);
    EXPECT_NE(regressed[0].detail.find("pain during 7/10 is above 5/10"), std::string::npos);
    const auto& before = s.sessions[30];
    const auto& after = s.sessions[31];
    ASSERT_EQ(after.phase_id, "rebuilding");
    const auto percent = [](const session_prescription& x) {
        return std::get<rehab::percent_body_weight>(x.items[0].dose.load()).percent();
    };
    EXPECT_DOUBLE_EQ(percent(before), 20.0); // two weekly steps of 10 % body weight
    EXPECT_DOUBLE_EQ(percent(after), 10.0);  // one step back after the breach
}

TEST(ProtocolsTest, SilbernagelKeepsStepExercisesOnTheFloorWhileTheInsertionHurts) {
    const auto s =
        run(builtin("silbernagel-combined"), date(2026, 12, 1), [](const session_prescription& p) {
            auto log = silbernagel_day(p, 2);
            log.insertional_pain = p.phase_index == 1;
            return log;
        });
    const auto floor = entries(s, "floor-while-insertion-hurts", trace_action::floor_level);
    ASSERT_FALSE(floor.empty());
    const auto& next = s.sessions[static_cast<std::size_t>(floor[0].at.day) + 1];
    EXPECT_EQ(next.items[1].exercise, "single-leg-heel-raise-step");
    EXPECT_EQ(fmt::format("{}", next.items[1].dose),
              "3 x 15 reps, each side, heel not below neutral (floor level, no step edge)");
    // Phase 3 needs a week without insertional pain: it never comes.
    EXPECT_EQ(entries(s, "phase", trace_action::phase_advanced).size(), 1U);
}

// --- Seed programs ---------------------------------------------------------------------------

TEST(ProtocolsTest, HeelPainStarterIsTheSeedProgram) {
    const auto s = run(builtin("heel-pain-starter"), date(2026, 12, 1), nullptr);
    ASSERT_EQ(s.sessions.size(), 42U); // default 6 weeks, once a day (UNCONFIRMED defaults)
    const auto& items = s.sessions.front().items;
    ASSERT_EQ(items.size(), 3U);
    EXPECT_EQ(fmt::format("{}", items[0]), "heel-raise-bent-knee: 5 reps, both sides together");
    EXPECT_EQ(fmt::format("{}", items[1]), "ankle-dorsiflexion-band: 3 x 15 reps, each side");
    EXPECT_EQ(fmt::format("{}", items[2]), "achilles-wall-stretch: hold 30 s x 3, each side");
}

TEST(ProtocolsTest, RuptureHeelRaisesGrowFromTenWhenTheNextDayIsFine) {
    const auto s = run(builtin("rupture-stretch-balance"), date(2026, 12, 1),
                       [](const session_prescription&) { return with_pain(1, 1, 0); });
    // The ramp steps at most once a day, counted from the start: day 2 (the
    // second session) is the first that can step, so the third has 12.
    EXPECT_EQ(fmt::format("{}", s.sessions[0].items[3]),
              "heel-raise-slow-lowering: 10 reps, both sides together");
    EXPECT_EQ(fmt::format("{}", s.sessions[1].items[3]),
              "heel-raise-slow-lowering: 10 reps, both sides together");
    EXPECT_EQ(fmt::format("{}", s.sessions[2].items[3]),
              "heel-raise-slow-lowering: 12 reps, both sides together");
    EXPECT_EQ(fmt::format("{}", s.sessions.back().items[3]),
              "heel-raise-slow-lowering: 20 reps, both sides together");
}

TEST(ProtocolsTest, RuptureHeelRaisesWaitForNextMorningPain) {
    const auto s =
        run(builtin("rupture-stretch-balance"), date(2026, 12, 1), [](const session_prescription&) {
            session_log log;
            log.pain_during = rehab::pain_score{1};
            return log; // no next-morning report: no step up
        });
    EXPECT_EQ(fmt::format("{}", s.sessions.back().items[3]),
              "heel-raise-slow-lowering: 10 reps, both sides together");
}

TEST(ProtocolsTest, RuptureBalanceClimbsTheSupportLadder) {
    const auto s = run(builtin("rupture-stretch-balance"), date(2026, 12, 1),
                       [](const session_prescription&) { return with_pain(0, 0, 0); });
    const std::vector<std::string> expected{"3 x 15-20 s, each side, two-hand support",
                                            "3 x 15-20 s, each side, fingertip support",
                                            "3 x 15-20 s, each side, one-finger support",
                                            "3 x 10-15 s, each side, no support",
                                            "3 x 30 s, each side, no support",
                                            "3 x 45 s, each side, no support",
                                            "3 x 1 min, each side, no support"};
    std::vector<std::string> seen;
    for (const auto& session : s.sessions) {
        const auto text = fmt::format("{}", session.items[4].dose);
        if (seen.empty() || seen.back() != text) {
            seen.push_back(text);
        }
    }
    EXPECT_EQ(seen, expected);
    // Two completed sessions per step (default): step k starts at session 2k.
    EXPECT_EQ(fmt::format("{}", s.sessions[2].items[4].dose), expected[1]);
}

TEST(ProtocolsTest, OptionsThatMakeAnInvalidProtocolAreRefusedByName) {
    auto bad = rehab::protocols::hsr_achilles({.rest = std::chrono::seconds{-1}});
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(fmt::format("{}", bad.error()), "/options/rest: must be >= 0 s, got -1 s");
    auto times = rehab::protocols::alfredson_eccentric(
        {.times = {rehab::clock_time{std::chrono::hours{8}}}});
    ASSERT_FALSE(times.has_value());
    EXPECT_EQ(times.error().path, "/options/times");
}

} // namespace
