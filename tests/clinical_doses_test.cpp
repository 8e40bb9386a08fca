// Every dose of the clinical facts and the seed programs, built as a
// rehab::dose and printed as a clinician would write it.
#include <rehab/dosage.hpp>

#include <chrono>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace {

using namespace std::chrono_literals;
using rehab::dose;
using rehab::reps;
using rehab::sets;
using rehab::sides;

std::string printed(const rehab::dose_spec& spec) {
    auto d = dose::make(spec);
    EXPECT_TRUE(d.has_value()) << (d ? "" : fmt::format("{}", d.error()));
    return d ? fmt::format("{}", *d) : std::string();
}

// --- Alfredson 1998: 3 x 15, knee straight and knee bent, twice daily.

TEST(ClinicalDosesTest, AlfredsonIsThreeByFifteenOnTheAffectedSide) {
    const rehab::dose_spec drop{
        .sets = sets{3}, .work = rehab::repetitions{reps{15}}, .side = sides::affected_only};
    EXPECT_EQ(printed(drop), "3 x 15 reps, affected side only");
}

TEST(ClinicalDosesTest, AlfredsonDayIsOneHundredEightyReps) {
    // Two variations (knee straight, knee bent) x 3 x 15 x 2 sessions = 180 // Stevens & Tan 2014
    auto drop = dose::make(
        {.sets = sets{3}, .work = rehab::repetitions{reps{15}}, .side = sides::affected_only});
    ASSERT_TRUE(drop.has_value());
    const rehab::sessions twice_daily{2};
    const reps straight_knee = drop->reps_per_day(twice_daily);
    const reps bent_knee = drop->reps_per_day(twice_daily);
    EXPECT_EQ(straight_knee + bent_knee, reps{180});
}

TEST(ClinicalDosesTest, AlfredsonWithBackpackLoad) {
    // +5 kg steps // Nutrients 2019 trial (PMC6356409)
    EXPECT_EQ(printed({.sets = sets{3},
                       .work = rehab::repetitions{reps{15}},
                       .load = rehab::kilograms{5.0},
                       .side = sides::affected_only}),
              "3 x 15 reps, +5 kg, affected side only");
    // about 10 % of body weight to start // Beyer 2015 eccentric arm, as summarised
    EXPECT_EQ(printed({.sets = sets{3},
                       .work = rehab::repetitions{reps{15}},
                       .load = rehab::percent_body_weight{10.0},
                       .side = sides::affected_only}),
              "3 x 15 reps, +10 % body weight, affected side only");
}

TEST(ClinicalDosesTest, InsertionalVariantStaysAtFloorLevel) {
    // Same regimen without loading into dorsiflexion // Jonsson 2008
    EXPECT_EQ(
        printed({.sets = sets{3},
                 .work = rehab::repetitions{reps{15}},
                 .side = sides::affected_only,
                 .constraint = rehab::movement_constraint::no_dorsiflexion_below_neutral}),
        "3 x 15 reps, affected side only, heel not below neutral (floor level, no step edge)");
}

TEST(ClinicalDosesTest, LoweringTempoPrintsAsEccentricSeconds) {
    EXPECT_EQ(printed({.sets = sets{3},
                       .work = rehab::repetitions{reps{15}},
                       .tempo = rehab::tempo{.eccentric = 3s},
                       .side = sides::affected_only}),
              "3 x 15 reps, affected side only, eccentric 3 s");
}

// --- Heavy slow resistance, Beyer 2015: tempo 3 s / 3 s, rest 2-3 min, week table.

struct hsr_week {
    int sets;
    int rm;
    const char* text;
};

TEST(ClinicalDosesTest, HeavySlowResistanceWeekTable) {
    // wk 1: 3 x 15RM; wk 2-3: 3 x 12RM; wk 4-5: 4 x 10RM; wk 6-8: 4 x 8RM; wk 9-12: 4 x 6RM //
    // Beyer 2015
    const hsr_week table[] = {
        {3, 15, "3 x 15RM, both sides together, tempo 3-0-3, rest 2 min"},
        {3, 12, "3 x 12RM, both sides together, tempo 3-0-3, rest 2 min"},
        {4, 10, "4 x 10RM, both sides together, tempo 3-0-3, rest 2 min"},
        {4, 8, "4 x 8RM, both sides together, tempo 3-0-3, rest 2 min"},
        {4, 6, "4 x 6RM, both sides together, tempo 3-0-3, rest 2 min"},
    };
    for (const auto& week : table) {
        EXPECT_EQ(printed({.sets = sets{week.sets},
                           .work = rehab::repetitions{reps{week.rm}},
                           .tempo = rehab::tempo{.eccentric = 3s, .concentric = 3s},
                           .rest = 2min,
                           .load = rehab::rm_target{week.rm},
                           .side = sides::together}),
                  week.text);
    }
}

TEST(ClinicalDosesTest, HeavySlowResistanceRepTakesSixSeconds) {
    auto week6 = dose::make({.sets = sets{4},
                             .work = rehab::repetitions{reps{8}},
                             .tempo = rehab::tempo{.eccentric = 3s, .concentric = 3s},
                             .load = rehab::rm_target{8},
                             .side = sides::together});
    ASSERT_TRUE(week6.has_value());
    EXPECT_EQ(week6->time_under_tension(), 4 * 8 * 6s);
}

// --- Silbernagel combined loading program, phases 1-3 (J Athl Train 2020, Table 2).

TEST(ClinicalDosesTest, SilbernagelPhaseOne) {
    EXPECT_EQ(printed({.sets = sets{3},
                       .work = rehab::repetitions{reps{10}, reps{15}},
                       .side = sides::together}),
              "3 x 10-15 reps, both sides together"); // two-leg heel rises on the floor
    EXPECT_EQ(printed({.sets = sets{3}, .work = rehab::repetitions{reps{10}}}),
              "3 x 10 reps, each side"); // one-leg, eccentric and sitting heel rises
}

TEST(ClinicalDosesTest, SilbernagelPhaseTwo) {
    EXPECT_EQ(printed({.sets = sets{3}, .work = rehab::repetitions{reps{15}}}),
              "3 x 15 reps, each side"); // heel rises on the edge of a step
    EXPECT_EQ(
        printed({.sets = sets{3}, .work = rehab::repetitions{reps{20}}, .side = sides::together}),
        "3 x 20 reps, both sides together"); // quick-rebounding heel rises
}

TEST(ClinicalDosesTest, SilbernagelPhaseThreeAddsWeight) {
    // "with added weight": the amount is the patient's; 5 kg here is an example only.
    EXPECT_EQ(
        printed(
            {.sets = sets{3}, .work = rehab::repetitions{reps{15}}, .load = rehab::kilograms{5.0}}),
        "3 x 15 reps, +5 kg, each side");
}

// --- Stretching and balance.

TEST(ClinicalDosesTest, StretchThirtySecondsThreeTimes) {
    // 30 s holds // Bandy & Irion 1997; 3 x 30 s is the common shorthand
    EXPECT_EQ(printed({.sets = sets{3}, .work = rehab::hold{30s}}), "hold 30 s x 3, each side");
}

TEST(ClinicalDosesTest, BalanceThirtyFortyFiveSixty) {
    // 3 x 30 s -> 3 x 45 s -> 3 x 60 s // BMC MSK 2013 Table 2
    EXPECT_EQ(printed({.sets = sets{3}, .work = rehab::timed{30s}}), "3 x 30 s, each side");
    EXPECT_EQ(printed({.sets = sets{3}, .work = rehab::timed{45s}}), "3 x 45 s, each side");
    EXPECT_EQ(printed({.sets = sets{3}, .work = rehab::timed{60s}}), "3 x 1 min, each side");
}

TEST(ClinicalDosesTest, BalanceAsLongAsPossibleUpToSixty) {
    // up to 60 s per repetition, up to 3 repetitions // J Foot Ankle Res 2022 Table 2
    EXPECT_EQ(printed({.sets = sets{3},
                       .work = rehab::timed{.duration = 60s, .as_long_as_possible = true}}),
              "3 x as long as possible, up to 1 min, each side");
}

// --- Seed program "Pain in the back of the heel".

TEST(ClinicalDosesTest, HeelPainSeedProgram) {
    EXPECT_EQ(
        printed({.sets = sets{1}, .work = rehab::repetitions{reps{5}}, .side = sides::together}),
        "5 reps, both sides together"); // bent-knee heel lift x 5
    EXPECT_EQ(printed({.sets = sets{3}, .work = rehab::repetitions{reps{15}}}),
              "3 x 15 reps, each side"); // band ankle bend, each leg
    EXPECT_EQ(printed({.sets = sets{3}, .work = rehab::hold{30s}}),
              "hold 30 s x 3, each side"); // wall stretch, each leg
}

// --- Seed rupture exercise video.

TEST(ClinicalDosesTest, RuptureSeedProgram) {
    EXPECT_EQ(printed({.sets = sets{3}, .work = rehab::hold{30s}}),
              "hold 30 s x 3, each side"); // towel, calf and soleus stretches
    EXPECT_EQ(
        printed({.sets = sets{1}, .work = rehab::repetitions{reps{10}}, .side = sides::together}),
        "10 reps, both sides together"); // slow-lowering heel raises, start at 10
    EXPECT_EQ(printed({.sets = sets{1},
                       .work = rehab::timed{.duration = 15s, .duration_max = 20s},
                       .support = rehab::support_level::two_hands}),
              "15-20 s, each side, two-hand support"); // balance, holding on with both hands
    EXPECT_EQ(printed({.sets = sets{1},
                       .work = rehab::timed{.duration = 10s, .duration_max = 15s},
                       .support = rehab::support_level::none}),
              "10-15 s, each side, no support"); // then without holding on
}

TEST(ClinicalDosesTest, TimedRangeMustNotBeReversedOrOpenEnded) {
    auto reversed = dose::make({.work = rehab::timed{.duration = 20s, .duration_max = 15s}});
    ASSERT_FALSE(reversed.has_value());
    EXPECT_EQ(fmt::format("{}", reversed.error()),
              "/seconds_max: must be >= seconds (20 s), got 15 s");
    auto both = dose::make(
        {.work = rehab::timed{.duration = 20s, .duration_max = 30s, .as_long_as_possible = true}});
    ASSERT_FALSE(both.has_value());
    EXPECT_EQ(both.error().path, "/seconds_max");
}

} // namespace
