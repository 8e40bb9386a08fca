#include <rehab/visa_a.hpp>

#include <chrono>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace {

using namespace std::chrono_literals;
using rehab::visa_a;
using rehab::visa_a_answers;
using rehab::visa_a_band;
using rehab::visa_a_branch;

// The Q8 table of Robinson 2001, every cell.
static_assert(rehab::visa_a_q8_points(visa_a_branch::a, visa_a_band::nil) == 0);
static_assert(rehab::visa_a_q8_points(visa_a_branch::a, visa_a_band::minutes_1_to_10) == 7);
static_assert(rehab::visa_a_q8_points(visa_a_branch::a, visa_a_band::minutes_11_to_20) == 14);
static_assert(rehab::visa_a_q8_points(visa_a_branch::a, visa_a_band::minutes_21_to_30) == 21);
static_assert(rehab::visa_a_q8_points(visa_a_branch::a, visa_a_band::over_30_minutes) == 30);
static_assert(rehab::visa_a_q8_points(visa_a_branch::b, visa_a_band::nil) == 0);
static_assert(rehab::visa_a_q8_points(visa_a_branch::b, visa_a_band::minutes_1_to_10) == 4);
static_assert(rehab::visa_a_q8_points(visa_a_branch::b, visa_a_band::minutes_11_to_20) == 10);
static_assert(rehab::visa_a_q8_points(visa_a_branch::b, visa_a_band::minutes_21_to_30) == 14);
static_assert(rehab::visa_a_q8_points(visa_a_branch::b, visa_a_band::over_30_minutes) == 20);
static_assert(rehab::visa_a_q8_points(visa_a_branch::c, visa_a_band::nil) == 0);
static_assert(rehab::visa_a_q8_points(visa_a_branch::c, visa_a_band::minutes_1_to_10) == 2);
static_assert(rehab::visa_a_q8_points(visa_a_branch::c, visa_a_band::minutes_11_to_20) == 5);
static_assert(rehab::visa_a_q8_points(visa_a_branch::c, visa_a_band::minutes_21_to_30) == 7);
static_assert(rehab::visa_a_q8_points(visa_a_branch::c, visa_a_band::over_30_minutes) == 10);

/// A complete, valid form: the worked example below.
visa_a_answers visa_a_example() {
    return {.q1 = 7,
            .q2 = 7,
            .q3 = 6,
            .q4 = 8,
            .q5 = 7,
            .q6 = 5,
            .q7 = 4,
            .q8b = visa_a_band::minutes_11_to_20};
}

rehab::error first_error(const visa_a_answers& answers) {
    auto v = visa_a::make(answers);
    EXPECT_FALSE(v.has_value());
    return v ? rehab::error{} : v.error();
}

std::string first_error_text(const visa_a_answers& answers) {
    return fmt::format("{}", first_error(answers));
}

int item1_from_minutes(std::chrono::minutes m) {
    auto answers = visa_a_example();
    answers.q1 = m;
    return visa_a::make(answers).value().items()[0];
}

int item8_from_minutes(visa_a_branch branch, std::chrono::minutes m) {
    auto answers = visa_a_example();
    answers.q8b.reset();
    switch (branch) {
    case visa_a_branch::a:
        answers.q8a = m;
        break;
    case visa_a_branch::b:
        answers.q8b = m;
        break;
    case visa_a_branch::c:
        answers.q8c = m;
        break;
    }
    return visa_a::make(answers).value().items()[7];
}

TEST(VisaATest, ScoresAWorkedExample) {
    // Pain 7 + 7 + 6 = 20; function 8 + 7 + 5 = 20; activity 4 + 8B 11-20 min (10) = 14.
    // Total 20 + 20 + 14 = 54.
    auto v = visa_a::make(visa_a_example());
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(v->items(), (std::array<int, 8>{7, 7, 6, 8, 7, 5, 4, 10}));
    EXPECT_EQ(v->pain(), 20);
    EXPECT_EQ(v->function(), 20);
    EXPECT_EQ(v->activity(), 14);
    EXPECT_EQ(v->total(), 54);
    EXPECT_EQ(v->q8_branch(), visa_a_branch::b);
    EXPECT_EQ(v->q8_band(), visa_a_band::minutes_11_to_20);
}

TEST(VisaATest, ScoresTheSameFormGivenInMinutes) {
    // Q1 30 min of stiffness: 10 - 3 = 7 points. Q8B 15 min is the 11-20 band: 10 points.
    // Same as the worked example: 54.
    auto answers = visa_a_example();
    answers.q1 = 30min;
    answers.q8b = 15min;
    auto v = visa_a::make(answers);
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(v->total(), 54);
    EXPECT_EQ(*v, visa_a::make(visa_a_example()).value());
}

TEST(VisaATest, ScoresTheLowestPossibleAnswersAsZero) {
    // Q1 100 min (0) + 0 x 5 + Q7 0 + Q8 nil (0 in every branch) = 0.
    for (auto answers : {visa_a_answers{.q8a = visa_a_band::nil},
                         visa_a_answers{.q8b = visa_a_band::nil}, visa_a_answers{.q8c = 0min}}) {
        answers.q1 = 100min;
        answers.q2 = answers.q3 = answers.q4 = answers.q5 = answers.q6 = 0;
        answers.q7 = 0;
        auto v = visa_a::make(answers);
        ASSERT_TRUE(v.has_value());
        EXPECT_EQ(v->total(), 0);
    }
}

TEST(VisaATest, ScoresTheHighestPossibleAnswersAsOneHundred) {
    // 10 x 6 + 10 + 8A more than 30 min (30) = 100.
    auto v = visa_a::make(
        {.q1 = 0min, .q2 = 10, .q3 = 10, .q4 = 10, .q5 = 10, .q6 = 10, .q7 = 10, .q8a = 45min});
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(v->total(), visa_a::max_total);
    EXPECT_EQ(v->total(), 100);
    EXPECT_EQ(v->pain(), 30);
    EXPECT_EQ(v->function(), 30);
    EXPECT_EQ(v->activity(), 40);
}

TEST(VisaATest, BestAnswersInBranchesBAndCCapTheTotal) {
    // 70 from Q1-Q7, plus 8B more than 30 min (20) = 90, or 8C (10) = 80.
    visa_a_answers answers{.q1 = 10, .q2 = 10, .q3 = 10, .q4 = 10, .q5 = 10, .q6 = 10, .q7 = 10};
    answers.q8b = visa_a_band::over_30_minutes;
    EXPECT_EQ(visa_a::make(answers)->total(), 90);
    answers.q8b.reset();
    answers.q8c = visa_a_band::over_30_minutes;
    EXPECT_EQ(visa_a::make(answers)->total(), 80);
}

TEST(VisaATest, ItemOneCountsWholeTenMinuteBlocksOfStiffness) {
    // 10 points minus 1 per completed 10 minutes, never below 0.
    EXPECT_EQ(item1_from_minutes(0min), 10);
    EXPECT_EQ(item1_from_minutes(9min), 10);
    EXPECT_EQ(item1_from_minutes(10min), 9);
    EXPECT_EQ(item1_from_minutes(19min), 9);
    EXPECT_EQ(item1_from_minutes(55min), 5);
    EXPECT_EQ(item1_from_minutes(90min), 1);
    EXPECT_EQ(item1_from_minutes(99min), 1);
    EXPECT_EQ(item1_from_minutes(100min), 0);
    EXPECT_EQ(item1_from_minutes(240min), 0);
}

TEST(VisaATest, ItemEightMinutesFallInTheirBand) {
    // 0 nil, 1-10, 11-20, 21-30, 31 and more; 8A worth 0/7/14/21/30.
    EXPECT_EQ(item8_from_minutes(visa_a_branch::a, 0min), 0);
    EXPECT_EQ(item8_from_minutes(visa_a_branch::a, 1min), 7);
    EXPECT_EQ(item8_from_minutes(visa_a_branch::a, 10min), 7);
    EXPECT_EQ(item8_from_minutes(visa_a_branch::a, 11min), 14);
    EXPECT_EQ(item8_from_minutes(visa_a_branch::a, 20min), 14);
    EXPECT_EQ(item8_from_minutes(visa_a_branch::a, 21min), 21);
    EXPECT_EQ(item8_from_minutes(visa_a_branch::a, 30min), 21);
    EXPECT_EQ(item8_from_minutes(visa_a_branch::a, 31min), 30);
    EXPECT_EQ(item8_from_minutes(visa_a_branch::a, 120min), 30);
    // 8B worth 0/4/10/14/20, 8C worth 0/2/5/7/10.
    EXPECT_EQ(item8_from_minutes(visa_a_branch::b, 10min), 4);
    EXPECT_EQ(item8_from_minutes(visa_a_branch::b, 25min), 14);
    EXPECT_EQ(item8_from_minutes(visa_a_branch::c, 5min), 2);
    EXPECT_EQ(item8_from_minutes(visa_a_branch::c, 31min), 10);
}

TEST(VisaATest, RejectsItemSevenOfFive) {
    auto answers = visa_a_example();
    answers.q7 = 5;
    const auto e = first_error(answers);
    EXPECT_EQ(e.code, rehab::errc::invalid_value);
    EXPECT_EQ(e.path, "/q7");
    EXPECT_EQ(e.message, "must be one of 0, 4, 7, 10, got 5");
}

TEST(VisaATest, RejectsTwoBranchesOfItemEight) {
    auto answers = visa_a_example();
    answers.q8a = visa_a_band::nil;
    EXPECT_EQ(first_error_text(answers), "/q8: answer exactly one of 8A, 8B, 8C, got 2");
    answers.q8c = 5min;
    EXPECT_EQ(first_error_text(answers), "/q8: answer exactly one of 8A, 8B, 8C, got 3");
}

TEST(VisaATest, RejectsNoBranchOfItemEight) {
    auto answers = visa_a_example();
    answers.q8b.reset();
    EXPECT_EQ(first_error_text(answers), "/q8: answer exactly one of 8A, 8B, 8C, got 0");
}

TEST(VisaATest, RejectsAMissingItem) {
    auto answers = visa_a_example();
    answers.q3.reset();
    EXPECT_EQ(first_error_text(answers), "/q3: must be answered");
    answers = visa_a_example();
    answers.q1.reset();
    EXPECT_EQ(first_error_text(answers), "/q1: must be answered");
    answers = visa_a_example();
    answers.q7.reset();
    EXPECT_EQ(first_error_text(answers), "/q7: must be answered");
}

TEST(VisaATest, RejectsPointsOutsideZeroToTen) {
    auto answers = visa_a_example();
    answers.q1 = 11;
    EXPECT_EQ(first_error_text(answers), "/q1: must be between 0 and 10, got 11");
    answers = visa_a_example();
    answers.q2 = 11;
    EXPECT_EQ(first_error_text(answers), "/q2: must be between 0 and 10, got 11");
    answers = visa_a_example();
    answers.q6 = -1;
    EXPECT_EQ(first_error_text(answers), "/q6: must be between 0 and 10, got -1");
}

TEST(VisaATest, RejectsNegativeMinutes) {
    auto answers = visa_a_example();
    answers.q1 = -5min;
    EXPECT_EQ(first_error_text(answers), "/q1_minutes: must be >= 0 min, got -5 min");
    answers = visa_a_example();
    answers.q8b = -1min;
    EXPECT_EQ(first_error_text(answers), "/q8b_minutes: must be >= 0 min, got -1 min");
}

TEST(VisaATest, RejectsABandThatIsNotOnTheForm) {
    auto answers = visa_a_example();
    answers.q8b.reset();
    answers.q8a = static_cast<visa_a_band>(7);
    EXPECT_EQ(first_error_text(answers), "/q8a: must be one of nil, 1-10 min, 11-20 min, 21-30 "
                                         "min, more than 30 min, got 7");
}

TEST(VisaATest, ValidateListsEveryProblem) {
    const auto errors = rehab::validate(visa_a_answers{});
    ASSERT_EQ(errors.size(), 8U);
    const std::array<const char*, 8> paths{"/q1", "/q2", "/q3", "/q4", "/q5", "/q6", "/q7", "/q8"};
    for (std::size_t i = 0; i < paths.size(); ++i) {
        EXPECT_EQ(errors[i].path, paths[i]);
    }
    EXPECT_EQ(errors[0].message, "must be answered");
    EXPECT_EQ(errors[7].message, "answer exactly one of 8A, 8B, 8C, got 0");
    EXPECT_TRUE(rehab::validate(visa_a_example()).empty());
}

TEST(VisaATest, ErrorsLocateInsideARecord) {
    auto answers = visa_a_example();
    answers.q7 = 5;
    EXPECT_EQ(fmt::format("{}", first_error(answers).inside("/outcomes/0/visa_a")),
              "/outcomes/0/visa_a/q7: must be one of 0, 4, 7, 10, got 5");
}

TEST(VisaATest, Prints) {
    EXPECT_EQ(fmt::format("{}", visa_a::make(visa_a_example()).value()), "VISA-A 54/100");
    EXPECT_EQ(fmt::format("{}", visa_a_branch::c), "8C");
    EXPECT_EQ(fmt::format("{}", visa_a_band::over_30_minutes), "more than 30 min");
    auto answers = visa_a_example();
    answers.q1 = 30min;
    answers.q3.reset();
    EXPECT_EQ(fmt::format("{}", answers),
              "q1 30 min, q2 7, q3 -, q4 8, q5 7, q6 5, q7 4, q8b 11-20 min");
    EXPECT_EQ(fmt::format("{}", visa_a_answers{.q8a = 25min, .q8c = visa_a_band::nil}),
              "q1 -, q2 -, q3 -, q4 -, q5 -, q6 -, q7 -, q8a 25 min, q8c nil");
    EXPECT_EQ(fmt::format("{}", visa_a_answers{}),
              "q1 -, q2 -, q3 -, q4 -, q5 -, q6 -, q7 -, q8 -");
}

TEST(VisaATest, ChangeOfFourteenPointsReachesTheTwelveWeekMcid) {
    // 54 -> 68: +14, the MCID over 12 weeks (JOSPT 2021).
    const auto before = visa_a::make(visa_a_example()).value();
    auto answers = visa_a_example();
    answers.q7 = 10;                                  // +6
    answers.q8b = visa_a_band::over_30_minutes;       // +10: 20 - 10
    answers.q6 = 3;                                   // -2
    const auto after = visa_a::make(answers).value(); // 54 + 6 + 10 - 2 = 68
    ASSERT_EQ(after.total(), 68);

    const auto c = rehab::change_between(before, after);
    EXPECT_EQ(c.measure(), rehab::outcome_measure::visa_a);
    EXPECT_EQ(c.difference(), 14);
    EXPECT_EQ(c.threshold(), rehab::visa_a_mcid_12_weeks);
    EXPECT_TRUE(c.reaches_threshold());
    EXPECT_EQ(fmt::format("{}", c), "VISA-A 54 -> 68 (+14): important improvement (MCID 14)");

    // One point less is not an important change; the other way round is a worsening.
    answers.q6 = 2;
    const auto thirteen = rehab::change_between(before, visa_a::make(answers).value());
    EXPECT_EQ(thirteen.verdict(), rehab::change_verdict::no_important_change);
    EXPECT_FALSE(thirteen.reaches_threshold());
    EXPECT_EQ(rehab::change_between(after, before).verdict(),
              rehab::change_verdict::important_worsening);

    // Over 24 weeks the MCID is 7: 13 points reach it.
    EXPECT_TRUE(
        rehab::change_between(before, visa_a::make(answers).value(), rehab::visa_a_mcid_24_weeks)
            .reaches_threshold());
}

} // namespace
