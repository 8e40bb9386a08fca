#include <rehab/atrs.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace {

using rehab::atrs;
using rehab::atrs_answers;

atrs_answers atrs_example() { return {.items = {9, 8, 9, 10, 10, 8, 9, 7, 8, 7}}; }

rehab::error first_error(const atrs_answers& answers) {
    auto s = atrs::make(answers);
    EXPECT_FALSE(s.has_value());
    return s ? rehab::error{} : s.error();
}

TEST(AtrsTest, ScoresAWorkedExample) {
    // 9 + 8 + 9 + 10 + 10 + 8 + 9 + 7 + 8 + 7 = 85.
    auto s = atrs::make(atrs_example());
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->total(), 85);
    EXPECT_EQ(s->items(), (std::array<int, 10>{9, 8, 9, 10, 10, 8, 9, 7, 8, 7}));
}

TEST(AtrsTest, ScoresNoSymptomsAsOneHundredNotZero) {
    // Every item 10 (no limitation): 10 x 10 = 100, the plain sum, not 100 - sum.
    auto s = atrs::make({.items = {10, 10, 10, 10, 10, 10, 10, 10, 10, 10}});
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->total(), atrs::max_total);
    EXPECT_EQ(s->total(), 100);
}

TEST(AtrsTest, ScoresTheLowestPossibleAnswersAsZero) {
    // 0 x 10 = 0.
    auto s = atrs::make({.items = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}});
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->total(), 0);
}

TEST(AtrsTest, RejectsAnItemOfEleven) {
    auto answers = atrs_example();
    answers.items[3] = 11; // item 4
    const auto e = first_error(answers);
    EXPECT_EQ(e.code, rehab::errc::invalid_value);
    EXPECT_EQ(e.path, "/items/3");
    EXPECT_EQ(e.message, "must be between 0 and 10, got 11");
}

TEST(AtrsTest, RejectsANegativeItem) {
    auto answers = atrs_example();
    answers.items[0] = -1;
    EXPECT_EQ(fmt::format("{}", first_error(answers)),
              "/items/0: must be between 0 and 10, got -1");
}

TEST(AtrsTest, ReportsEveryMissingItem) {
    const atrs_answers seven{.items = {9, 8, 9, 10, 10, 8, 9}}; // the last three left empty
    EXPECT_EQ(fmt::format("{}", first_error(seven)), "/items/7: must be answered");
    const auto errors = rehab::validate(seven);
    ASSERT_EQ(errors.size(), 3U);
    EXPECT_EQ(errors[0].path, "/items/7");
    EXPECT_EQ(errors[1].path, "/items/8");
    EXPECT_EQ(errors[2].path, "/items/9");
    EXPECT_EQ(errors[2].message, "must be answered");
}

TEST(AtrsTest, ValidateListsEveryProblem) {
    EXPECT_EQ(rehab::validate(atrs_answers{}).size(), 10U);
    atrs_answers answers = atrs_example();
    answers.items[1] = 12;
    answers.items[5].reset();
    const auto errors = rehab::validate(answers);
    ASSERT_EQ(errors.size(), 2U);
    EXPECT_EQ(fmt::format("{}", errors[0]), "/items/1: must be between 0 and 10, got 12");
    EXPECT_EQ(fmt::format("{}", errors[1]), "/items/5: must be answered");
    EXPECT_TRUE(rehab::validate(atrs_example()).empty());
}

TEST(AtrsTest, Prints) {
    EXPECT_EQ(fmt::format("{}", atrs::make(atrs_example()).value()), "ATRS 85/100");
    EXPECT_EQ(fmt::format("{}", atrs_answers{.items = {9, 8, 9}}),
              "ATRS items 9 8 9 - - - - - - -");
}

TEST(AtrsTest, ChangeIsJudgedAgainstTheDanishMdcByDefault) {
    // 66 -> 85: +19, beyond the individual MDC of 18.5 (an MDC, not an MCID).
    const auto before = atrs::make({.items = {7, 6, 7, 8, 8, 6, 7, 5, 6, 6}}).value();
    ASSERT_EQ(before.total(), 66); // 7 + 6 + 7 + 8 + 8 + 6 + 7 + 5 + 6 + 6
    const auto after = atrs::make(atrs_example()).value();
    const auto c = rehab::change_between(before, after);
    EXPECT_EQ(c.measure(), rehab::outcome_measure::atrs);
    EXPECT_EQ(c.threshold().kind(), rehab::threshold_kind::mdc);
    EXPECT_TRUE(c.reaches_threshold());
    EXPECT_EQ(fmt::format("{}", c), "ATRS 66 -> 85 (+19): important improvement (MDC 18.5)");

    // 67 -> 85: +18 does not reach 18.5, but does reach the Norwegian 16.98.
    const auto closer = atrs::make({.items = {7, 6, 7, 8, 8, 6, 7, 5, 6, 7}}).value();
    EXPECT_EQ(rehab::change_between(closer, after).verdict(),
              rehab::change_verdict::no_important_change);
    EXPECT_TRUE(
        rehab::change_between(closer, after, rehab::atrs_mdc_norwegian).reaches_threshold());
}

} // namespace
