#include <rehab/outcome_json.hpp>

#include <chrono>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace {

using rehab::test::error_lines;

using namespace std::chrono_literals;

const rehab::visa_a_answers filled_visa_a{.q1 = 30min,
                                          .q2 = 7,
                                          .q3 = 6,
                                          .q4 = 8,
                                          .q5 = 7,
                                          .q6 = 5,
                                          .q7 = 4,
                                          .q8b = rehab::visa_a_band::minutes_11_to_20};

TEST(OutcomeJsonTest, VisaAAnswersRoundTrip) {
    const std::string saved = rehab::to_json(filled_visa_a);
    EXPECT_EQ(saved, R"({
  "q1_minutes": 30,
  "q2": 7,
  "q3": 6,
  "q4": 8,
  "q5": 7,
  "q6": 5,
  "q7": 4,
  "q8b": "minutes_11_to_20"
}
)");
    const auto loaded = rehab::load_visa_a_answers(saved);
    ASSERT_TRUE(loaded.has_value()) << error_lines(loaded.error());
    EXPECT_EQ(*loaded, filled_visa_a);
    EXPECT_EQ(rehab::visa_a::make(*loaded)->total(), 54);
}

TEST(OutcomeJsonTest, VisaAScoreIsWrittenWithItsSubscales) {
    EXPECT_EQ(rehab::to_json(rehab::visa_a::make(filled_visa_a).value()),
              R"({
  "total": 54,
  "pain": 20,
  "function": 20,
  "activity": 14,
  "items": [
    7,
    7,
    6,
    8,
    7,
    5,
    4,
    10
  ],
  "q8_branch": "b",
  "q8_band": "minutes_11_to_20"
}
)");
}

TEST(OutcomeJsonTest, VisaAReportsEveryProblemWithItsItem) {
    const auto loaded = rehab::load_visa_a_answers(
        R"({"q1": 7, "q1_minutes": 5, "q2": 11, "q3": 5, "q4": 5, "q5": 5, "q6": "5",
            "q7": 5, "q8a": "none", "q8b_minutes": 15, "q9": 1})");
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(error_lines(loaded.error()),
              "/q1_minutes: cannot be given with \"q1\": answer it once (line 1, column 11)\n"
              "/q2: must be between 0 and 10, got 11 (line 1, column 28)\n"
              "/q6: must be an integer, got \"5\" (line 1, column 65)\n"
              "/q7: must be one of 0, 4, 7, 10, got 5 (line 2, column 13)\n"
              "/q8a: must be one of \"nil\", \"minutes_1_to_10\", \"minutes_11_to_20\", "
              "\"minutes_21_to_30\" or \"over_30_minutes\", got \"none\" (line 2, column 22)\n"
              "/q9: unknown field; did you mean \"q1\"? (line 2, column 56)\n");
}

TEST(OutcomeJsonTest, AtrsAnswersRoundTrip) {
    const rehab::atrs_answers a{.items = {9, 8, 9, 10, 10, 8, 9, 7, 8, 7}};
    const auto loaded = rehab::load_atrs_answers(rehab::to_json(a));
    ASSERT_TRUE(loaded.has_value()) << error_lines(loaded.error());
    EXPECT_EQ(*loaded, a);
    EXPECT_EQ(rehab::to_json(rehab::atrs::make(a).value()),
              "{\n  \"total\": 85,\n  \"items\": [\n    9,\n    8,\n    9,\n    10,\n    10,\n    "
              "8,\n    9,\n    7,\n    8,\n    7\n  ]\n}\n");
}

TEST(OutcomeJsonTest, UnansweredAtrsItemIsWrittenAsNull) {
    const rehab::atrs_answers a{.items = {9, std::nullopt, 9, 10, 10, 8, 9, 7, 8, 7}};
    EXPECT_NE(rehab::to_json(a).find("    9,\n    null,\n"), std::string::npos)
        << rehab::to_json(a);
}

TEST(OutcomeJsonTest, AtrsNeedsTenItemsInRange) {
    const auto loaded = rehab::load_atrs_answers(R"({"items": [9, 8, 11, 10, 10, 8, 9, 7, 8]})");
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(error_lines(loaded.error()),
              "/items: must list 10 items (null for unanswered), got 9 (line 1, column 2)\n");
    const auto wrong =
        rehab::load_atrs_answers(R"({"items": [9, 8, 11, 10, 10, 8, 9, 7, 8, null]})");
    ASSERT_FALSE(wrong.has_value());
    EXPECT_EQ(error_lines(wrong.error()),
              "/items/2: must be between 0 and 10, got 11 (line 1, column 18)\n"
              "/items/9: must be answered (line 1, column 42)\n");
}

TEST(OutcomeJsonTest, HeelRiseRoundTripsAndReportsItsIndexes) {
    const rehab::heel_rise_spec spec{
        .involved = {.reps = rehab::reps{21}, .height = rehab::centimeters{8.0}},
        .uninvolved = {.reps = rehab::reps{25}, .height = rehab::centimeters{10.0}}};
    const auto loaded = rehab::load_heel_rise(rehab::to_json(spec));
    ASSERT_TRUE(loaded.has_value()) << error_lines(loaded.error());
    EXPECT_EQ(*loaded, spec);
    EXPECT_EQ(rehab::to_json(rehab::heel_rise::make(spec).value()),
              R"({
  "involved": {
    "reps": 21,
    "height_cm": 8.0
  },
  "uninvolved": {
    "reps": 25,
    "height_cm": 10.0
  },
  "reps_lsi": 84.0,
  "height_lsi": 80.0,
  "work_lsi": 67.2
}
)");
}

TEST(OutcomeJsonTest, HeelRiseErrorsNameTheSide) {
    const auto loaded = rehab::load_heel_rise(
        R"({"involved": {"reps": -1, "height_cm": 8}, "uninvolved": {"reps": 0}})");
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(error_lines(loaded.error()),
              "/involved/reps: must be >= 0, got -1 (line 1, column 15)\n"
              "/uninvolved/height_cm: must be given when the involved side's height is (line 1, "
              "column 44)\n"
              "/uninvolved/reps: must be >= 1 to compare against, got 0 (line 1, column 59)\n");
}

} // namespace
