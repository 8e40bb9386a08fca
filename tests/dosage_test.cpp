#include <rehab/dosage.hpp>

#include <chrono>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace {

using namespace std::chrono_literals;
using rehab::dose;
using rehab::dose_spec;

rehab::error first_error(const dose_spec& spec) {
    auto d = dose::make(spec);
    EXPECT_FALSE(d.has_value());
    return d ? rehab::error{} : d.error();
}

TEST(DosageTest, RejectsZeroSets) {
    const auto e =
        first_error({.sets = rehab::sets{0}, .work = rehab::repetitions{rehab::reps{15}}});
    EXPECT_EQ(e.code, rehab::errc::invalid_value);
    EXPECT_EQ(e.path, "/sets");
    EXPECT_EQ(e.message, "must be >= 1, got 0");
}

TEST(DosageTest, RejectsZeroReps) {
    const auto e =
        first_error({.sets = rehab::sets{3}, .work = rehab::repetitions{rehab::reps{0}}});
    EXPECT_EQ(fmt::format("{}", e), "/reps: must be >= 1, got 0");
}

TEST(DosageTest, RejectsReversedRepRange) {
    const auto e = first_error(
        {.sets = rehab::sets{3}, .work = rehab::repetitions{rehab::reps{15}, rehab::reps{10}}});
    EXPECT_EQ(e.path, "/reps_max");
    EXPECT_EQ(e.message, "must be >= reps (15), got 10");
}

TEST(DosageTest, RejectsNegativeHold) {
    const auto e = first_error({.sets = rehab::sets{3}, .work = rehab::hold{-5s}});
    EXPECT_EQ(e.path, "/hold_seconds");
    EXPECT_EQ(e.message, "must be > 0 s, got -5 s");
}

TEST(DosageTest, RejectsZeroLengthTimedWork) {
    const auto e = first_error({.sets = rehab::sets{3}, .work = rehab::timed{0s}});
    EXPECT_EQ(fmt::format("{}", e), "/seconds: must be > 0 s, got 0 s");
}

TEST(DosageTest, RejectsRestShorterThanZero) {
    const auto e = first_error(
        {.sets = rehab::sets{3}, .work = rehab::repetitions{rehab::reps{15}}, .rest = -30s});
    EXPECT_EQ(e.path, "/rest_seconds");
    EXPECT_EQ(e.message, "must be >= 0 s, got -30 s");
}

TEST(DosageTest, RejectsNegativeTempoPhase) {
    const auto e = first_error({.sets = rehab::sets{3},
                                .work = rehab::repetitions{rehab::reps{15}},
                                .tempo = rehab::tempo{.eccentric = -3s, .concentric = 3s}});
    EXPECT_EQ(fmt::format("{}", e), "/tempo/eccentric_seconds: must be >= 0 s, got -3 s");
}

TEST(DosageTest, RejectsATempoWithNoPhase) {
    const auto e = first_error({.sets = rehab::sets{3},
                                .work = rehab::repetitions{rehab::reps{15}},
                                .tempo = rehab::tempo{}});
    EXPECT_EQ(e.path, "/tempo");
}

TEST(DosageTest, RejectsNonPositiveOrNonFiniteLoads) {
    const auto base =
        dose_spec{.sets = rehab::sets{3}, .work = rehab::repetitions{rehab::reps{15}}};
    auto spec = base;
    spec.load = rehab::kilograms{-5.0};
    EXPECT_EQ(first_error(spec).path, "/load_kg");
    EXPECT_NE(first_error(spec).message.find("got -5 kg"), std::string::npos);
    spec.load = rehab::kilograms{std::nan("")};
    EXPECT_EQ(first_error(spec).path, "/load_kg");
    spec.load = rehab::percent_body_weight{0.0};
    EXPECT_EQ(fmt::format("{}", first_error(spec)),
              "/load_percent_body_weight: must be > 0 %, got 0 %");
    spec.load = rehab::rm_target{0};
    EXPECT_EQ(fmt::format("{}", first_error(spec)), "/load_rm: must be >= 1, got 0");
}

TEST(DosageTest, ValidateListsEveryProblem) {
    const auto errors =
        rehab::validate(dose_spec{.sets = rehab::sets{0},
                                  .work = rehab::repetitions{rehab::reps{15}, rehab::reps{10}},
                                  .rest = -1s,
                                  .load = rehab::kilograms{-1.0}});
    ASSERT_EQ(errors.size(), 4U);
    EXPECT_EQ(errors[0].path, "/sets");
    EXPECT_EQ(errors[1].path, "/reps_max");
    EXPECT_EQ(errors[2].path, "/rest_seconds");
    EXPECT_EQ(errors[3].path, "/load_kg");
}

TEST(DosageTest, ErrorsLocateInsideAProtocol) {
    const auto e =
        first_error({.sets = rehab::sets{0}, .work = rehab::repetitions{rehab::reps{15}}});
    EXPECT_EQ(fmt::format("{}", e.inside("/phases/1/prescriptions/0/dose")),
              "/phases/1/prescriptions/0/dose/sets: must be >= 1, got 0");
}

TEST(DosageTest, KeepsEveryFieldItWasGiven) {
    const dose_spec spec{.sets = rehab::sets{4},
                         .work = rehab::repetitions{rehab::reps{8}},
                         .tempo = rehab::tempo{.eccentric = 3s, .concentric = 3s},
                         .rest = 150s,
                         .load = rehab::rm_target{8},
                         .side = rehab::sides::together,
                         .support = rehab::support_level::fingertips,
                         .constraint = rehab::movement_constraint::no_dorsiflexion_below_neutral};
    auto d = dose::make(spec);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->spec(), spec);
    EXPECT_EQ(d->sets(), rehab::sets{4});
    EXPECT_EQ(d->side(), rehab::sides::together);
    EXPECT_EQ(d->rest(), 150s);
}

TEST(DosageTest, RepTotalsCountSetsSidesAndSessions) {
    auto each = dose::make({.sets = rehab::sets{3}, .work = rehab::repetitions{rehab::reps{15}}});
    ASSERT_TRUE(each.has_value());
    EXPECT_EQ(each->reps_per_side(), rehab::reps{45});
    EXPECT_EQ(each->reps_per_session(), rehab::reps{90});
    EXPECT_EQ(each->reps_per_day(rehab::sessions{2}), rehab::reps{180});

    auto range = dose::make({.sets = rehab::sets{3},
                             .work = rehab::repetitions{rehab::reps{10}, rehab::reps{15}},
                             .side = rehab::sides::together});
    EXPECT_EQ(range->reps_per_session(), rehab::reps{30}); // the bottom of the range

    auto stretch = dose::make({.sets = rehab::sets{3}, .work = rehab::hold{30s}});
    EXPECT_EQ(stretch->reps_per_session(), rehab::reps{0});
}

TEST(DosageTest, TimeUnderTensionNeedsATempoForRepetitions) {
    auto no_tempo =
        dose::make({.sets = rehab::sets{3}, .work = rehab::repetitions{rehab::reps{15}}});
    EXPECT_FALSE(no_tempo->time_under_tension().has_value());

    // Beyer 2015: 3 s down + 3 s up; 3 x 15 both legs together = 45 reps x 6 s.
    auto hsr = dose::make({.sets = rehab::sets{3},
                           .work = rehab::repetitions{rehab::reps{15}},
                           .tempo = rehab::tempo{.eccentric = 3s, .concentric = 3s},
                           .side = rehab::sides::together});
    EXPECT_EQ(hsr->time_under_tension(), 270s);

    // Stretch 30 s x 3 on each side: 180 s.
    auto stretch = dose::make({.sets = rehab::sets{3}, .work = rehab::hold{30s}});
    EXPECT_EQ(stretch->time_under_tension(), 180s);
}

TEST(DosageTest, EstimatedDurationAddsRestAndSideChanges) {
    // 3 x 15, tempo 3-0-3, rest 2 min, both legs: 3 x 90 s work + 2 x 120 s rest.
    auto hsr = dose::make({.sets = rehab::sets{3},
                           .work = rehab::repetitions{rehab::reps{15}},
                           .tempo = rehab::tempo{.eccentric = 3s, .concentric = 3s},
                           .rest = 120s,
                           .side = rehab::sides::together});
    EXPECT_EQ(hsr->estimated_duration(), 510s);

    // 3 x 10 each side, no tempo, no rest: the assumed 4 s per rep, twice.
    auto plain = dose::make({.sets = rehab::sets{3}, .work = rehab::repetitions{rehab::reps{10}}});
    EXPECT_EQ(plain->estimated_duration(), 240s);
    EXPECT_EQ(plain->estimated_duration(
                  {.rep_duration = 2s, .rest_between_sets = 30s, .side_change = 10s}),
              2 * (3 * 20s + 2 * 30s) + 10s);
}

TEST(DosageTest, PrintsTempoAndLoadOnTheirOwn) {
    EXPECT_EQ(fmt::format("{}", rehab::tempo{.eccentric = 3s, .concentric = 3s}), "tempo 3-0-3");
    EXPECT_EQ(fmt::format("{}", rehab::tempo{.eccentric = 3s}), "eccentric 3 s");
    EXPECT_EQ(fmt::format("{}", rehab::tempo{.pause = 1s, .concentric = 2s}),
              "concentric 2 s, pause 1 s");
    EXPECT_EQ(fmt::format("{}", rehab::load{rehab::body_weight{}}), "body weight");
    EXPECT_EQ(fmt::format("{}", rehab::load{rehab::kilograms{5.0}}), "+5 kg");
    EXPECT_EQ(fmt::format("{}", rehab::load{rehab::percent_body_weight{10.0}}),
              "+10 % body weight");
    EXPECT_EQ(fmt::format("{}", rehab::load{rehab::rm_target{15}}), "15RM");
}

TEST(DosageTest, SpecPrintsLikeTheDose) {
    const dose_spec spec{.sets = rehab::sets{3}, .work = rehab::hold{30s}};
    EXPECT_EQ(fmt::format("{}", spec), fmt::format("{}", dose::make(spec).value()));
}

TEST(DosageTest, PrintsOneSetWithoutTheMultiplier) {
    auto five = dose::make({.sets = rehab::sets{1},
                            .work = rehab::repetitions{rehab::reps{5}},
                            .side = rehab::sides::together});
    EXPECT_EQ(fmt::format("{}", *five), "5 reps, both sides together");
    auto one_hold = dose::make({.sets = rehab::sets{1}, .work = rehab::hold{45s}});
    EXPECT_EQ(fmt::format("{}", *one_hold), "hold 45 s, each side");
}

TEST(DosageTest, PrintsRepsAtAnRmLoadWhenTheyDiffer) {
    // Barfod 2016: seated heel-rise with weight 3 x 15 at 20-25RM; here at 20RM.
    auto d = dose::make({.sets = rehab::sets{3},
                         .work = rehab::repetitions{rehab::reps{15}},
                         .load = rehab::rm_target{20},
                         .side = rehab::sides::together});
    EXPECT_EQ(fmt::format("{}", *d), "3 x 15 reps at 20RM, both sides together");
}

} // namespace
