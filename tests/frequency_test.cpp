#include <rehab/frequency.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace {

using namespace std::chrono_literals;

TEST(FrequencyTest, ParsesClockTimes) {
    EXPECT_EQ(rehab::clock_time::parse("08:00")->since_midnight, 8h);
    EXPECT_EQ(rehab::clock_time::parse("23:59")->since_midnight, 23h + 59min);
    EXPECT_EQ(fmt::format("{}", *rehab::clock_time::parse("07:05")), "07:05");
}

TEST(FrequencyTest, RejectsImpossibleClockTimesNamingTheText) {
    for (const char* bad : {"25:00", "24:00", "12:60", "8:00", "08-00", "", "ab:cd", "08:00 "}) {
        auto t = rehab::clock_time::parse(bad, "/times/1");
        ASSERT_FALSE(t.has_value()) << bad;
        EXPECT_EQ(t.error().path, "/times/1");
        EXPECT_EQ(t.error().message,
                  fmt::format("expected a time as HH:MM between 00:00 and 23:59, got \"{}\"", bad));
    }
}

TEST(FrequencyTest, ThreeDaysAWeekAreSpreadFromTheStart) {
    const rehab::day_pattern three = rehab::days_per_week{3};
    std::vector<int> days;
    for (int d = 0; d < 14; ++d) {
        if (rehab::is_session_day(three, d, std::chrono::Monday)) {
            days.push_back(d);
        }
    }
    EXPECT_EQ(days, (std::vector<int>{0, 2, 4, 7, 9, 11}));
}

TEST(FrequencyTest, GivenWeekdaysFollowTheCalendar) {
    const rehab::day_pattern tue_thu =
        rehab::on_weekdays{{std::chrono::Tuesday, std::chrono::Thursday}};
    // Starting on a Sunday: day 2 is Tuesday, day 4 Thursday.
    EXPECT_FALSE(rehab::is_session_day(tue_thu, 0, std::chrono::Sunday));
    EXPECT_TRUE(rehab::is_session_day(tue_thu, 2, std::chrono::Sunday));
    EXPECT_TRUE(rehab::is_session_day(tue_thu, 4, std::chrono::Sunday));
    EXPECT_TRUE(rehab::is_session_day(tue_thu, 9, std::chrono::Sunday));
    EXPECT_FALSE(rehab::is_session_day(rehab::every_day{}, -1, std::chrono::Sunday));
}

TEST(FrequencyTest, ValidateNamesEveryProblem) {
    const rehab::frequency f{.per_day = rehab::sessions{2},
                             .days = rehab::days_per_week{8},
                             .times = {rehab::clock_time{18h}, rehab::clock_time{8h}}};
    const auto errors = rehab::validate(f);
    ASSERT_EQ(errors.size(), 2U);
    EXPECT_EQ(fmt::format("{}", errors[0]), "/days_per_week: must be between 1 and 7, got 8");
    EXPECT_EQ(fmt::format("{}", errors[1]),
              "/times/1: must be later than the time before it (18:00), got 08:00");
    EXPECT_EQ(
        fmt::format("{}", rehab::validate(rehab::frequency{.per_day = rehab::sessions{0}}).front()),
        "/sessions_per_day: must be >= 1, got 0");
    EXPECT_EQ(rehab::validate(rehab::frequency{.days = rehab::on_weekdays{}}).front().path,
              "/weekdays");
    EXPECT_EQ(rehab::validate(
                  rehab::frequency{.per_day = rehab::sessions{2}, .times = {rehab::clock_time{8h}}})
                  .front()
                  .message,
              "must give one time per session (2), got 1");
}

TEST(FrequencyTest, PrintsAsAClinicianWouldSayIt) {
    EXPECT_EQ(fmt::format("{}", rehab::frequency{.per_day = rehab::sessions{2}}),
              "twice a day, every day");
    EXPECT_EQ(fmt::format("{}", rehab::frequency{.days = rehab::days_per_week{3}}),
              "once a day, 3 days a week");
    EXPECT_EQ(
        fmt::format("{}", rehab::frequency{.days = rehab::on_weekdays{{std::chrono::Monday,
                                                                       std::chrono::Friday}}}),
        "once a day on Mon, Fri");
}

} // namespace
