#include <rehab/units.hpp>

#include <chrono>
#include <concepts>
#include <type_traits>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace {

using namespace std::chrono_literals;

// --- Compile-time negative tests: the misuses the strong types exist to stop.

template <class A, class B>
concept addable = requires(A a, B b) {
    a + b;
};
template <class A, class B>
concept comparable = requires(A a, B b) {
    a < b;
};

// A bare number does not silently become a count, a load or a pain score.
static_assert(!std::is_convertible_v<int, rehab::reps>);
static_assert(!std::is_convertible_v<int, rehab::sets>);
static_assert(!std::is_convertible_v<int, rehab::sessions>);
static_assert(!std::is_convertible_v<int, rehab::pain_score>);
static_assert(!std::is_convertible_v<double, rehab::kilograms>);
static_assert(!std::is_convertible_v<int, rehab::rm_target>);
// ... and a count is not read back as a bare number without naming it.
static_assert(!std::is_convertible_v<rehab::reps, int>);
// Counts are whole numbers.
static_assert(!std::is_constructible_v<rehab::reps, double>);
static_assert(!std::is_constructible_v<rehab::sets, bool>);
static_assert(!std::is_constructible_v<rehab::rm_target, double>);
// A load is a mass, not a count.
static_assert(!std::is_constructible_v<rehab::kilograms, int>);
// Different counts never mix.
static_assert(!std::is_constructible_v<rehab::reps, rehab::sets>);
static_assert(!std::is_convertible_v<rehab::sets, rehab::reps>);
static_assert(!addable<rehab::reps, rehab::sets>);
static_assert(!addable<rehab::sessions, rehab::reps>);
static_assert(!addable<rehab::reps, int>);
static_assert(!comparable<rehab::reps, rehab::sets>);
static_assert(!addable<rehab::kilograms, rehab::percent_body_weight>);
// Same-kind arithmetic works, and sets x reps is reps.
static_assert(addable<rehab::reps, rehab::reps>);
static_assert(std::same_as<decltype(rehab::sets{3} * rehab::reps{15}), rehab::reps>);
static_assert(rehab::sets{3} * rehab::reps{15} == rehab::reps{45});
static_assert(rehab::reps{45} * rehab::sessions{2} == rehab::reps{90});
static_assert(rehab::reps{10} + rehab::reps{5} == rehab::reps{15});
// A pain score literal is checked at compile time: pain_score{11} does not compile.
static_assert(rehab::pain_score{10}.value() == 10);
static_assert(rehab::pain_score{0} < rehab::pain_score{5});
// Every value type stays small and trivially copyable.
static_assert(std::is_trivially_copyable_v<rehab::reps>);
static_assert(std::is_trivially_copyable_v<rehab::pain_score>);
static_assert(std::is_trivially_copyable_v<rehab::kilograms>);
static_assert(sizeof(rehab::reps) == sizeof(int));

TEST(UnitsTest, PainScoreFromRunTimeInputIsChecked) {
    auto ok = rehab::pain_score::make(5);
    ASSERT_TRUE(ok.has_value());
    EXPECT_EQ(ok->value(), 5);
    EXPECT_EQ(rehab::pain_score::make(0)->value(), 0);
    EXPECT_EQ(rehab::pain_score::make(10)->value(), 10);
}

TEST(UnitsTest, PainElevenIsRejectedNamingFieldAndValue) {
    auto bad = rehab::pain_score::make(11);
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code, rehab::errc::invalid_value);
    EXPECT_EQ(bad.error().path, "/pain");
    EXPECT_EQ(bad.error().message, "must be between 0 and 10, got 11");
}

TEST(UnitsTest, NegativePainIsRejectedAtTheCallersField) {
    auto bad = rehab::pain_score::make(-1, "/pain_after");
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(fmt::format("{}", bad.error()), "/pain_after: must be between 0 and 10, got -1");
}

TEST(UnitsTest, PercentOfBodyWeightIsAMass) {
    EXPECT_DOUBLE_EQ(rehab::percent_body_weight{10.0}.of(rehab::kilograms{80.0}).value(), 8.0);
}

TEST(UnitsTest, QuantitiesPrintWithTheirUnit) {
    EXPECT_EQ(fmt::format("{}", rehab::reps{15}), "15");
    EXPECT_EQ(fmt::format("{}", rehab::pain_score{5}), "5/10");
    EXPECT_EQ(fmt::format("{}", rehab::kilograms{7.5}), "7.5 kg");
    EXPECT_EQ(fmt::format("{}", rehab::kilograms{5.0}), "5 kg");
    EXPECT_EQ(fmt::format("{}", rehab::percent_body_weight{10.0}), "10 % body weight");
    EXPECT_EQ(fmt::format("{}", rehab::rm_target{15}), "15RM");
}

TEST(UnitsTest, DurationsPrintInSecondsOrWholeMinutes) {
    EXPECT_EQ(rehab::to_string(30s), "30 s");
    EXPECT_EQ(rehab::to_string(120s), "2 min");
    EXPECT_EQ(rehab::to_string(90s), "90 s");
    EXPECT_EQ(rehab::to_string(121s), "2 min 1 s");
    EXPECT_EQ(rehab::to_string(510s), "8 min 30 s");
    EXPECT_EQ(rehab::to_string(0s), "0 s");
    EXPECT_EQ(rehab::to_string(-5s), "-5 s");
}

} // namespace
