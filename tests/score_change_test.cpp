#include <rehab/score_change.hpp>

#include <cmath>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace {

using rehab::change_threshold;
using rehab::change_verdict;
using rehab::outcome_measure;
using rehab::score_change;
using rehab::threshold_kind;

constexpr change_threshold ten{10.0, threshold_kind::mcid};

static_assert(rehab::max_total(outcome_measure::visa_a) == 100);
static_assert(rehab::max_total(outcome_measure::atrs) == 100);

TEST(ScoreChangeTest, JudgesAChangeAgainstItsThreshold) {
    // 40 -> 50 is +10: exactly the threshold counts.
    auto c = score_change::make(outcome_measure::visa_a, 40, 50, ten);
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->before(), 40);
    EXPECT_EQ(c->after(), 50);
    EXPECT_EQ(c->difference(), 10);
    EXPECT_EQ(c->verdict(), change_verdict::important_improvement);
    EXPECT_TRUE(c->reaches_threshold());

    EXPECT_EQ(score_change::make(outcome_measure::visa_a, 40, 49, ten)->verdict(),
              change_verdict::no_important_change);
    EXPECT_EQ(score_change::make(outcome_measure::visa_a, 40, 31, ten)->verdict(),
              change_verdict::no_important_change);
    EXPECT_EQ(score_change::make(outcome_measure::visa_a, 40, 30, ten)->verdict(),
              change_verdict::important_worsening);
    EXPECT_FALSE(score_change::make(outcome_measure::visa_a, 40, 30, ten)->reaches_threshold());
}

TEST(ScoreChangeTest, AFractionalThresholdNeedsTheNextWholePoint) {
    // MDC 18.5: +18 is within it, +19 beyond.
    const change_threshold mdc{18.5, threshold_kind::mdc};
    EXPECT_FALSE(score_change::make(outcome_measure::atrs, 60, 78, mdc)->reaches_threshold());
    EXPECT_TRUE(score_change::make(outcome_measure::atrs, 60, 79, mdc)->reaches_threshold());
}

TEST(ScoreChangeTest, CoversTheWholeRangeOfTotals) {
    auto c = score_change::make(outcome_measure::atrs, 0, 100, ten);
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->difference(), 100);
    EXPECT_EQ(fmt::format("{}", *c), "ATRS 0 -> 100 (+100): important improvement (MCID 10)");
}

TEST(ScoreChangeTest, RejectsTotalsOutsideTheScale) {
    auto high = score_change::make(outcome_measure::visa_a, 40, 101, ten);
    ASSERT_FALSE(high.has_value());
    EXPECT_EQ(fmt::format("{}", high.error()), "/after: must be between 0 and 100, got 101");
    auto low = score_change::make(outcome_measure::atrs, -1, 50, ten);
    ASSERT_FALSE(low.has_value());
    EXPECT_EQ(fmt::format("{}", low.error()), "/before: must be between 0 and 100, got -1");
}

TEST(ScoreChangeTest, ThresholdFromRunTimeInput) {
    auto t = change_threshold::make(15.4, threshold_kind::mcid);
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->points(), 15.4);
    EXPECT_EQ(t->kind(), threshold_kind::mcid);

    auto zero = change_threshold::make(0.0, threshold_kind::mcid);
    ASSERT_FALSE(zero.has_value());
    EXPECT_EQ(fmt::format("{}", zero.error()), "/threshold: must be > 0 points, got 0");
    auto negative = change_threshold::make(-3.0, threshold_kind::mdc, "/mdc");
    EXPECT_EQ(fmt::format("{}", negative.error()), "/mdc: must be > 0 points, got -3");
    EXPECT_FALSE(change_threshold::make(std::nan(""), threshold_kind::mdc).has_value());
    EXPECT_FALSE(change_threshold::make(INFINITY, threshold_kind::mdc).has_value());
}

TEST(ScoreChangeTest, Prints) {
    EXPECT_EQ(fmt::format("{}", ten), "MCID 10");
    EXPECT_EQ(fmt::format("{}", change_threshold{18.5, threshold_kind::mdc}), "MDC 18.5");
    EXPECT_EQ(fmt::format("{}", outcome_measure::visa_a), "VISA-A");
    EXPECT_EQ(fmt::format("{}", change_verdict::important_worsening), "important worsening");
    EXPECT_EQ(fmt::format("{}", *score_change::make(outcome_measure::visa_a, 50, 50, ten)),
              "VISA-A 50 -> 50 (+0): no important change (MCID 10)");
    EXPECT_EQ(fmt::format("{}", *score_change::make(outcome_measure::visa_a, 50, 35, ten)),
              "VISA-A 50 -> 35 (-15): important worsening (MCID 10)");
}

} // namespace
