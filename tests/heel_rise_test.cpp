#include <rehab/heel_rise.hpp>

#include <chrono>
#include <cmath>
#include <type_traits>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace {

using rehab::centimeters;
using rehab::heel_rise;
using rehab::heel_rise_spec;
using rehab::reps;

// A height is not a count, and a bare number does not become one.
static_assert(!std::is_constructible_v<centimeters, int>);
static_assert(!std::is_convertible_v<double, centimeters>);

// Reference figures, as cited.
static_assert(rehab::heel_rise_healthy_mean_reps == 27.9);                // Lunsford 1995
static_assert(rehab::heel_rise_normal_reps == reps{25});                  // Lunsford 1995
static_assert(rehab::silbernagel_2010_at_6_months.reps_percent == 84.0);  // Silbernagel 2010
static_assert(rehab::silbernagel_2010_at_6_months.work_percent == 61.0);  // Silbernagel 2010
static_assert(rehab::silbernagel_2010_at_12_months.reps_percent == 95.0); // Silbernagel 2010
static_assert(rehab::silbernagel_2010_at_12_months.work_percent == 76.0); // Silbernagel 2010
static_assert(rehab::barfod_2016_running_reps == reps{5});                // Barfod 2016
static_assert(rehab::barfod_2016_running_height_lsi == 90.0);             // Barfod 2016
static_assert(rehab::hebert_losier_2017_setup.incline_degrees == 10.0);   // Hebert-Losier 2017
static_assert(rehab::hebert_losier_2017_setup.per_rise == std::chrono::seconds{2}); // 30 a minute

rehab::error first_error(const heel_rise_spec& spec) {
    auto t = heel_rise::make(spec);
    EXPECT_FALSE(t.has_value());
    return t ? rehab::error{} : t.error();
}

TEST(HeelRiseTest, RepsLsiOfAWorkedExample) {
    // 21 / 25 x 100 = 84 %.
    auto t = heel_rise::make({.involved = {.reps = reps{21}}, .uninvolved = {.reps = reps{25}}});
    ASSERT_TRUE(t.has_value());
    EXPECT_DOUBLE_EQ(t->reps_lsi(), 84.0);
    EXPECT_FALSE(t->height_lsi().has_value());
    EXPECT_FALSE(t->work_lsi().has_value());
    EXPECT_EQ(fmt::format("{}", *t), "heel-rise LSI 84 % (reps 21 vs 25)");
}

TEST(HeelRiseTest, HeightAndWorkLsiWhenHeightsAreGiven) {
    // Reps 21 / 25 = 84 %; height 8 / 10 cm = 80 %; work 21 x 8 = 168 vs 25 x 10 = 250 cm,
    // 168 / 250 = 67.2 %: work lags reps, as in Silbernagel 2010.
    auto t = heel_rise::make({.involved = {.reps = reps{21}, .height = centimeters{8.0}},
                              .uninvolved = {.reps = reps{25}, .height = centimeters{10.0}}});
    ASSERT_TRUE(t.has_value());
    EXPECT_DOUBLE_EQ(t->reps_lsi(), 84.0);
    EXPECT_DOUBLE_EQ(*t->height_lsi(), 80.0);
    EXPECT_NEAR(*t->work_lsi(), 67.2, 1e-9);
    EXPECT_DOUBLE_EQ(t->involved().work()->value(), 168.0);
    EXPECT_DOUBLE_EQ(t->uninvolved().work()->value(), 250.0);
    EXPECT_EQ(fmt::format("{}", *t), "heel-rise LSI 84 % (reps 21 vs 25), height 80 % (8 vs 10 "
                                     "cm), work 67 % (168 vs 250 cm)");
}

TEST(HeelRiseTest, LowestPossibleIsNoRiseOnTheAffectedSide) {
    // 0 / 25 = 0 %: 49 % could not do one single-leg rise 12 weeks after rupture (Olsson 2014).
    auto t = heel_rise::make({.involved = {.reps = reps{0}, .height = centimeters{0.0}},
                              .uninvolved = {.reps = reps{25}, .height = centimeters{10.0}}});
    ASSERT_TRUE(t.has_value());
    EXPECT_DOUBLE_EQ(t->reps_lsi(), 0.0);
    EXPECT_DOUBLE_EQ(*t->height_lsi(), 0.0);
    EXPECT_DOUBLE_EQ(*t->work_lsi(), 0.0);
    EXPECT_EQ(fmt::format("{}", *t), "heel-rise LSI 0 % (reps 0 vs 25), height 0 % (0 vs 10 cm), "
                                     "work 0 % (0 vs 250 cm)");
}

TEST(HeelRiseTest, AffectedSideMayOutdoTheOther) {
    // 30 / 25 = 120 %; the index has no ceiling.
    auto t = heel_rise::make({.involved = {.reps = reps{30}}, .uninvolved = {.reps = reps{25}}});
    ASSERT_TRUE(t.has_value());
    EXPECT_DOUBLE_EQ(t->reps_lsi(), 120.0);
}

TEST(HeelRiseTest, RejectsAnUninvolvedSideOfZeroReps) {
    const auto e = first_error({.involved = {.reps = reps{10}}, .uninvolved = {.reps = reps{0}}});
    EXPECT_EQ(e.code, rehab::errc::invalid_value);
    EXPECT_EQ(e.path, "/uninvolved/reps");
    EXPECT_EQ(e.message, "must be >= 1 to compare against, got 0");
}

TEST(HeelRiseTest, RejectsNegativeReps) {
    EXPECT_EQ(fmt::format("{}", first_error({.involved = {.reps = reps{-1}},
                                             .uninvolved = {.reps = reps{25}}})),
              "/involved/reps: must be >= 0, got -1");
    EXPECT_EQ(fmt::format("{}", first_error({.involved = {.reps = reps{10}},
                                             .uninvolved = {.reps = reps{-3}}})),
              "/uninvolved/reps: must be >= 1 to compare against, got -3");
}

TEST(HeelRiseTest, RejectsAnUninvolvedHeightOfZero) {
    EXPECT_EQ(
        fmt::format("{}",
                    first_error({.involved = {.reps = reps{10}, .height = centimeters{5.0}},
                                 .uninvolved = {.reps = reps{25}, .height = centimeters{0.0}}})),
        "/uninvolved/height_cm: must be > 0 cm to compare against, got 0 cm");
}

TEST(HeelRiseTest, RejectsNegativeOrNonFiniteHeights) {
    EXPECT_EQ(
        fmt::format("{}",
                    first_error({.involved = {.reps = reps{10}, .height = centimeters{-2.0}},
                                 .uninvolved = {.reps = reps{25}, .height = centimeters{9.0}}})),
        "/involved/height_cm: must be >= 0 cm, got -2 cm");
    EXPECT_EQ(
        fmt::format(
            "{}", first_error({.involved = {.reps = reps{10}, .height = centimeters{std::nan("")}},
                               .uninvolved = {.reps = reps{25}, .height = centimeters{9.0}}})),
        "/involved/height_cm: must be >= 0 cm, got nan cm");
    EXPECT_EQ(
        fmt::format(
            "{}", first_error({.involved = {.reps = reps{10}, .height = centimeters{5.0}},
                               .uninvolved = {.reps = reps{25}, .height = centimeters{INFINITY}}})),
        "/uninvolved/height_cm: must be > 0 cm to compare against, got inf cm");
}

TEST(HeelRiseTest, RejectsAHeightOnOneSideOnly) {
    EXPECT_EQ(
        fmt::format("{}", first_error({.involved = {.reps = reps{10}, .height = centimeters{5.0}},
                                       .uninvolved = {.reps = reps{25}}})),
        "/uninvolved/height_cm: must be given when the involved side's height is");
    EXPECT_EQ(fmt::format("{}", first_error({.involved = {.reps = reps{10}},
                                             .uninvolved = {.reps = reps{25},
                                                            .height = centimeters{9.0}}})),
              "/involved/height_cm: must be given when the uninvolved side's height is");
}

TEST(HeelRiseTest, ValidateListsEveryProblem) {
    const auto errors = rehab::validate(heel_rise_spec{
        .involved = {.reps = reps{-1}, .height = centimeters{-1.0}}, .uninvolved = {}});
    ASSERT_EQ(errors.size(), 4U);
    EXPECT_EQ(errors[0].path, "/involved/reps");
    EXPECT_EQ(errors[1].path, "/involved/height_cm");
    EXPECT_EQ(errors[2].path, "/uninvolved/reps");
    EXPECT_EQ(fmt::format("{}", errors[3]),
              "/uninvolved/height_cm: must be given when the involved side's height is");
    EXPECT_TRUE(rehab::validate(
                    heel_rise_spec{.involved = {.reps = reps{5}}, .uninvolved = {.reps = reps{5}}})
                    .empty());
}

TEST(HeelRiseTest, KeepsTheSidesItWasGiven) {
    const heel_rise_spec spec{.involved = {.reps = reps{21}, .height = centimeters{8.0}},
                              .uninvolved = {.reps = reps{25}, .height = centimeters{10.0}}};
    auto t = heel_rise::make(spec);
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->spec(), spec);
    EXPECT_EQ(t->involved(), spec.involved);
    EXPECT_EQ(t->uninvolved(), spec.uninvolved);
}

TEST(HeelRiseTest, PrintsSidesAndSpec) {
    EXPECT_EQ(fmt::format("{}", centimeters{7.5}), "7.5 cm");
    EXPECT_EQ(fmt::format("{}", rehab::heel_rise_side{.reps = reps{21}}), "21 reps");
    const heel_rise_spec spec{.involved = {.reps = reps{21}, .height = centimeters{8.0}},
                              .uninvolved = {.reps = reps{0}}};
    EXPECT_EQ(fmt::format("{}", spec), "involved 21 reps at 8 cm, uninvolved 0 reps");
}

TEST(HeelRiseTest, PrintsTheReferenceFigures) {
    EXPECT_EQ(fmt::format("{}", rehab::silbernagel_2010_at_6_months),
              "6 months after injury: LSI 84 % for reps, 61 % for work");
    EXPECT_EQ(fmt::format("{}", rehab::silbernagel_2010_at_12_months),
              "12 months after injury: LSI 95 % for reps, 76 % for work");
    EXPECT_EQ(fmt::format("{}", rehab::hebert_losier_2017_setup),
              "10-degree incline, metronome 60 bpm (a rise every 2 s), fingertip support, to "
              "fatigue");
}

} // namespace
