// The value layer without any library: this program includes only
// header-only headers (rehab::values) and is compiled and linked with no -l
// flag at all, fmt header-only (ctest values.no_library). It exits 1 when a
// result differs from what the library's own tests expect.
#include <rehab/atrs.hpp>
#include <rehab/dosage.hpp>
#include <rehab/exercise.hpp>
#include <rehab/frequency.hpp>
#include <rehab/heel_rise.hpp>
#include <rehab/score_change.hpp>
#include <rehab/session_log.hpp>
#include <rehab/text.hpp>
#include <rehab/units.hpp>
#include <rehab/visa_a.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace {

int failures = 0;

void expect(bool ok, std::string_view what) {
    if (!ok) {
        fmt::print(stderr, "FAILED: {}\n", what);
        ++failures;
    }
}

void expect_text(const std::string& got, std::string_view want) {
    if (got != want) {
        fmt::print(stderr, "FAILED: got \"{}\", expected \"{}\"\n", got, want);
        ++failures;
    }
}

} // namespace

int main() {
    using namespace std::chrono_literals;

    // A dose, printed as a clinician writes it, and one refused.
    const auto alfredson = rehab::dose::make({.sets = rehab::sets{3},
                                              .work = rehab::repetitions{rehab::reps{15}},
                                              .side = rehab::sides::affected_only});
    expect(alfredson.has_value(), "3 x 15 reps is a dose");
    if (alfredson) {
        expect_text(fmt::format("{}", *alfredson), "3 x 15 reps, affected side only");
        expect(alfredson->reps_per_day(rehab::sessions{2}) == rehab::reps{90}, "90 reps a day");
        fmt::print("dose: {}\n", *alfredson);
    }
    const auto hsr = rehab::dose::make({.sets = rehab::sets{3},
                                        .work = rehab::repetitions{rehab::reps{15}},
                                        .tempo = rehab::tempo{.eccentric = 3s, .concentric = 3s},
                                        .rest = 2min,
                                        .load = rehab::rm_target{15},
                                        .side = rehab::sides::together});
    expect(hsr.has_value(), "heavy slow resistance is a dose");
    if (hsr) {
        expect_text(fmt::format("{}", *hsr),
                    "3 x 15RM, both sides together, tempo 3-0-3, rest 2 min");
        expect(hsr->time_under_tension() == 270s, "time under tension 270 s");
    }
    const auto no_sets = rehab::dose::make({.sets = rehab::sets{0}});
    expect(!no_sets.has_value(), "0 sets is refused");
    if (!no_sets) {
        expect_text(fmt::format("{}", no_sets.error()), "/sets: must be >= 1, got 0");
    }
    const auto pain = rehab::pain_score::make(11);
    expect(!pain.has_value(), "pain 11/10 is refused");
    expect_text(rehab::to_string(510s), "8 min 30 s");

    // An exercise record, validated.
    rehab::exercise wall_push{
        .id = "wall-push",
        .name = "Wall push",
        .kind = rehab::exercise_kind::isometric,
        .equipment = {rehab::equipment::wall},
        .steps = {"Lean into the wall."},
        .source = "test",
        .needs = {.weight_bearing = rehab::weight_bearing::as_tolerated,
                  .counts_as = {"resistance_exercise"}},
    };
    expect(rehab::validate(wall_push).empty(), "the wall push is valid");
    expect_text(fmt::format("{}", wall_push), "Wall push (wall-push)");
    wall_push.id = "Wall Push";
    wall_push.steps.push_back("Hold\tstill.");
    wall_push.needs.counts_as.emplace_back("Plyometrics");
    const auto problems = rehab::validate(wall_push);
    expect(problems.size() == 3, "three problems");
    if (problems.size() == 3) {
        expect_text(problems[0].path, "/id");
        expect_text(fmt::format("{}", problems[1]),
                    "/steps/1: contains the control character U+0009 at byte 4; text is "
                    "printable, on one line");
        expect_text(problems[2].path, "/needs/counts_as/1");
    }
    expect_text(fmt::format("{}, {}", rehab::exercise_kind::concentric_eccentric,
                            rehab::weight_bearing::as_tolerated),
                "concentric-eccentric, weight-bearing as tolerated");
    expect(rehab::is_identifier("patient-0042") && !rehab::is_identifier("a b"), "identifiers");

    // A VISA-A score and its change.
    const auto before = rehab::visa_a::make({.q1 = 30min,
                                             .q2 = 7,
                                             .q3 = 6,
                                             .q4 = 8,
                                             .q5 = 7,
                                             .q6 = 5,
                                             .q7 = 4,
                                             .q8b = rehab::visa_a_band::minutes_11_to_20});
    expect(before.has_value(), "the VISA-A form scores");
    if (before) {
        expect(before->total() == 54, "VISA-A 54");
        expect_text(fmt::format("{}", *before), "VISA-A 54/100");
        const auto after = rehab::visa_a::make({.q1 = 10,
                                                .q2 = 9,
                                                .q3 = 8,
                                                .q4 = 9,
                                                .q5 = 8,
                                                .q6 = 7,
                                                .q7 = 7,
                                                .q8b = rehab::visa_a_band::minutes_21_to_30});
        expect(after.has_value(), "the second VISA-A form scores");
        if (after) {
            const auto change = rehab::change_between(*before, *after);
            expect_text(fmt::format("{}", change),
                        "VISA-A 54 -> 72 (+18): important improvement (MCID 14)");
            expect(rehab::measured(*after) == rehab::measurement{rehab::measure::visa_a, 72.0},
                   "a VISA-A as a log measurement");
            fmt::print("score: {}\n", change);
        }
    }
    const auto unanswered = rehab::visa_a::make({.q1 = 7});
    expect(!unanswered.has_value() && unanswered.error().path == "/q2", "q2 must be answered");
    const auto atrs = rehab::atrs::make({.items = {9, 8, 9, 10, 10, 8, 9, 7, 8, 7}});
    expect(atrs.has_value() && atrs->total() == 85, "ATRS 85");

    // A heel-rise test's limb symmetry indexes.
    const auto test = rehab::heel_rise::make(
        {.involved = {.reps = rehab::reps{21}, .height = rehab::centimeters{8.0}},
         .uninvolved = {.reps = rehab::reps{25}, .height = rehab::centimeters{10.0}}});
    expect(test.has_value(), "the heel-rise test is valid");
    if (test) {
        expect(test->reps_lsi() == 84.0, "LSI 84 %");
        expect_text(fmt::format("{}", *test), "heel-rise LSI 84 % (reps 21 vs 25), height 80 % (8 "
                                              "vs 10 cm), work 67 % (168 vs 250 cm)");
        expect(rehab::measured(*test).size() == 4, "four measurements");
        fmt::print("test: {}\n", *test);
    }

    // A frequency and its days.
    const rehab::frequency three_days{.days = rehab::days_per_week{3}};
    expect(rehab::validate(three_days).empty(), "3 days a week is valid");
    expect_text(fmt::format("{}", three_days), "once a day, 3 days a week");
    expect(rehab::is_session_day(three_days.days, 2, std::chrono::Monday) &&
               !rehab::is_session_day(three_days.days, 1, std::chrono::Monday),
           "Monday, Wednesday, Friday");
    const auto morning = rehab::clock_time::parse("08:00");
    const auto evening = rehab::clock_time::parse("09:30");
    expect(morning && evening, "08:00 and 09:30 are times");
    if (morning && evening) {
        const rehab::clock_time times[] = {*morning, *evening};
        const auto gap = rehab::check_session_gap(times, 180min);
        expect(!gap.has_value(), "09:30 is too soon after 08:00");
        if (!gap) {
            expect_text(fmt::format("{}", gap.error()),
                        "/times/1: must be at least 180 min after the time before it (08:00), got "
                        "09:30 (min_session_gap_minutes)");
        }
    }
    const rehab::frequency twice{.per_day = rehab::sessions{2},
                                 .days = rehab::on_weekdays{{std::chrono::Monday}}};
    fmt::print("frequency: {}\n", twice);

    if (failures != 0) {
        fmt::print(stderr, "{} checks failed\n", failures);
        return 1;
    }
    fmt::print("value layer: all checks passed\n");
    return 0;
}
