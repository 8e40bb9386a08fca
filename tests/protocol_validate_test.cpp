// validate(protocol, catalog): the checks for session gaps and for criteria
// that can never be met.
#include <rehab/protocol.hpp>

#include <chrono>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <rehab/protocols.hpp>

#include "test_support.hpp"

namespace {

using rehab::test::error_lines;

using namespace std::chrono_literals;

rehab::protocol alfredson() { return rehab::find_builtin_protocol("alfredson-eccentric")->get(); }

TEST(ProtocolValidateTest, BuiltinsKeepTheDefaultSessionGap) {
    for (const auto& p : rehab::builtin_protocols()) {
        EXPECT_EQ(p.min_session_gap, 180min) << p.id;
    }
}

TEST(ProtocolValidateTest, RefusesSessionsCloserThanTheGap) {
    auto p = alfredson();
    p.phases[0].frequency.times = {rehab::clock_time{8h}, rehab::clock_time{10h}};
    EXPECT_EQ(error_lines(rehab::validate(p, rehab::catalog::builtin())),
              "/phases/0/frequency/times/1: must be at least 180 min after the time before it "
              "(08:00), got 10:00 (min_session_gap_minutes)\n");
    p.min_session_gap = 120min;
    EXPECT_TRUE(rehab::validate(p, rehab::catalog::builtin()).empty());
    p.min_session_gap = -1min;
    EXPECT_EQ(error_lines(rehab::validate(p, rehab::catalog::builtin())),
              "/min_session_gap_minutes: must be >= 0, got -1\n");
}

TEST(ProtocolValidateTest, RefusesControlCharactersInText) {
    auto p = alfredson();
    p.name = "Alfredson\x07";
    p.condition = "tendinopathy\n";
    p.source = "Alfredson\t1998";
    p.phases[0].name = "Loading\x1f";
    p.phases[0].goal = "\x7f";
    EXPECT_EQ(error_lines(rehab::validate(p, rehab::catalog::builtin())),
              "/name: contains the control character U+0007 at byte 9; text is printable, on one "
              "line\n"
              "/condition: contains the control character U+000A at byte 12; text is printable, "
              "on one line\n"
              "/source: contains the control character U+0009 at byte 9; text is printable, on "
              "one line\n"
              "/phases/0/name: contains the control character U+001F at byte 7; text is "
              "printable, on one line\n"
              "/phases/0/goal: contains the control character U+007F at byte 0; text is "
              "printable, on one line\n");
}

TEST(ProtocolValidateTest, TimesOutOfOrderAreReportedOnceNotAsAGap) {
    auto p = alfredson();
    p.phases[0].frequency.times = {rehab::clock_time{18h}, rehab::clock_time{8h}};
    EXPECT_EQ(error_lines(rehab::validate(p, rehab::catalog::builtin())),
              "/phases/0/frequency/times/1: must be later than the time before it (18:00), got "
              "08:00\n");
}

TEST(ProtocolValidateTest, RefusesScoresAboveTheirMaximum) {
    auto p = alfredson();
    p.phases[0].exit = {rehab::measurement_at_least{rehab::measure::visa_a, 101.0},
                        rehab::measurement_at_least{rehab::measure::atrs, 100.0},
                        rehab::measurement_at_least{rehab::measure::heel_rise_lsi_work, 250.0}};
    EXPECT_EQ(error_lines(rehab::validate(p, rehab::catalog::builtin())),
              "/phases/0/exit/0/value: must be <= 100 (the highest VISA-A score), got 101: the "
              "criterion could never be met\n"
              "/phases/0/exit/2/value: must be <= 200 (a limb symmetry index above 200 % is out "
              "of reach), got 250\n");
}

TEST(ProtocolValidateTest, RefusesMoreSessionsThanThePhaseHolds) {
    auto p = alfredson(); // 84 days, twice a day: 168 sessions
    p.phases[0].exit = {rehab::sessions_completed{168}};
    EXPECT_TRUE(rehab::validate(p, rehab::catalog::builtin()).empty());
    p.phases[0].exit = {rehab::sessions_completed{169}};
    EXPECT_EQ(error_lines(rehab::validate(p, rehab::catalog::builtin())),
              "/phases/0/exit/0/count: must be <= 168, the most sessions the phase holds in its "
              "maximum of 84 days, got 169: the criterion could never be met\n");
}

TEST(ProtocolValidateTest, EntryCriteriaCountTheSessionsOfThePhaseBefore) {
    auto p = rehab::find_builtin_protocol("hsr-achilles")->get();
    p.phases.push_back(p.phases[0]);
    p.phases[1].id = "second";
    // 3 days a week for 12 weeks: 36 sessions at most in the phase before.
    p.phases[1].entry = {rehab::sessions_completed{36}};
    EXPECT_TRUE(rehab::validate(p, rehab::catalog::builtin()).empty());
    p.phases[1].entry = {rehab::sessions_completed{37}};
    EXPECT_EQ(error_lines(rehab::validate(p, rehab::catalog::builtin())),
              "/phases/1/entry/0/count: must be <= 36, the most sessions the phase before holds "
              "in its maximum of 84 days, got 37: the criterion could never be met\n");
}

TEST(ProtocolValidateTest, WithoutAMaximumAnyCountIsReachable) {
    auto p = rehab::find_builtin_protocol("silbernagel-combined")->get();
    p.phases[0].exit.push_back(rehab::sessions_completed{100000});
    EXPECT_TRUE(rehab::validate(p, rehab::catalog::builtin()).empty());
}

} // namespace
