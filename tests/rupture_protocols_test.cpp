// The Achilles rupture protocols, walked week by week against their sources:
// Willits 2010 Table E-1 and Barfod 2016 weeks 9-16 (clinical-facts 4a, 4d)
// for `achilles-rupture-functional`, the London non-operative guidelines
// (clinical-facts 4c) for `achilles-rupture-boot-wedges`, and the seed video's
// program refused inside a no-dorsiflexion phase.

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <rehab/catalog.hpp>
#include <rehab/course.hpp>
#include <rehab/engine.hpp>
#include <rehab/guidance.hpp>
#include <rehab/protocols.hpp>
#include <rehab/schedule.hpp>

namespace {

using boost::gregorian::date;
using boost::gregorian::days;
using namespace std::chrono_literals;

const date surgery(2026, 10, 20);

/// The first day of week `n` (1-based) after `zero`.
date week(int n, date zero = surgery) { return zero + days(7 * (n - 1)); }

rehab::day_guidance functional_in_week(int n) {
    const auto p = rehab::protocols::achilles_rupture_functional().value();
    auto g = rehab::guidance_on(p, surgery, {.surgery_date = surgery}, week(n));
    EXPECT_TRUE(g.has_value()) << (g ? "" : g.error().message);
    return *g;
}

bool lists(const std::vector<rehab::activity>& list, std::string_view id) {
    return std::any_of(list.begin(), list.end(), [&](const auto& a) { return a.id == id; });
}

const rehab::prescribed_item* item(const rehab::day_guidance& g, std::string_view exercise) {
    const auto found = std::find_if(g.items.begin(), g.items.end(),
                                    [&](const auto& i) { return i.exercise == exercise; });
    return found == g.items.end() ? nullptr : &*found;
}

// Willits 2010 Table E-1, weeks 0-2: posterior splint, non-weight-bearing with crutches.
TEST(RuptureFunctionalTest, Week1IsASplintWithNoWeight) {
    const auto g = functional_in_week(1);
    EXPECT_EQ(g.phase_id, "splint");
    EXPECT_EQ(g.weeks(), 0);
    ASSERT_TRUE(g.restrictions.orthosis);
    EXPECT_EQ(g.restrictions.orthosis->type, rehab::orthosis_type::splint_or_cast);
    ASSERT_TRUE(g.restrictions.weight_bearing);
    EXPECT_EQ(g.restrictions.weight_bearing->affected, rehab::weight_bearing::non);
    EXPECT_EQ(g.restrictions.weight_bearing->aids, rehab::walking_aids::two_crutches);
    EXPECT_TRUE(g.items.empty());
    ASSERT_TRUE(g.next_gate);
    EXPECT_EQ(g.next_gate->earliest, surgery + days(14)); // weeks 0-2
}

// Weeks 2-4: boot with a 2 cm heel lift, protected weight-bearing with
// crutches, active plantar flexion and dorsiflexion to neutral, one-leg
// cycling, deep-water running, hydrotherapy; boot worn while sleeping, off
// for bathing and dressing.
TEST(RuptureFunctionalTest, Week3IsABootWithA2CmLiftAndProtectedWeightBearing) {
    const auto g = functional_in_week(3);
    EXPECT_EQ(g.phase_id, "boot-protected");
    const auto& o = *g.restrictions.orthosis;
    EXPECT_EQ(o.type, rehab::orthosis_type::walking_boot);
    EXPECT_EQ(o.setting, rehab::boot_setting{rehab::heel_lift{2.0}});
    EXPECT_EQ(o.worn, rehab::orthosis_wear::at_all_times);
    EXPECT_TRUE(o.off_for_washing_and_dressing);
    EXPECT_EQ(g.restrictions.weight_bearing->affected, rehab::weight_bearing::limited);
    EXPECT_EQ(g.restrictions.weight_bearing->aids, rehab::walking_aids::two_crutches);
    ASSERT_EQ(g.restrictions.rom_limits.size(), 2U);
    for (const auto& limit : g.restrictions.rom_limits) {
        EXPECT_EQ(limit.motion, rehab::ankle_motion::dorsiflexion);
        EXPECT_EQ(limit.max_degrees, 0); // to neutral
    }
    for (const char* id : {"one_leg_cycling", "deep_water_running", "hydrotherapy"}) {
        EXPECT_TRUE(lists(g.restrictions.allowed, id)) << id;
    }
    EXPECT_TRUE(lists(g.restrictions.not_allowed, "running"));
    ASSERT_NE(item(g, "ankle-range-to-neutral"), nullptr);
    EXPECT_EQ(g.next_gate->earliest, surgery + days(28));
}

// Weeks 4-6: weight-bearing as tolerated; the rest as in weeks 2-4.
TEST(RuptureFunctionalTest, Week5IsWeightBearingAsTolerated) {
    const auto g = functional_in_week(5);
    EXPECT_EQ(g.phase_id, "boot-weight-as-tolerated");
    EXPECT_EQ(g.restrictions.weight_bearing->affected, rehab::weight_bearing::as_tolerated);
    EXPECT_EQ(g.restrictions.orthosis->setting, rehab::boot_setting{rehab::heel_lift{2.0}});
    EXPECT_EQ(g.restrictions.rom_limits.size(), 2U);
    EXPECT_EQ(g.next_gate->earliest, surgery + days(42));
}

// Weeks 6-8: heel lift removed, slow dorsiflexion stretching, graduated
// resistance, proprioception, weight-bearing cardio.
TEST(RuptureFunctionalTest, Week7TakesTheLiftOutAndStartsStretching) {
    const auto g = functional_in_week(7);
    EXPECT_EQ(g.phase_id, "heel-lift-out");
    EXPECT_EQ(g.restrictions.orthosis->setting, rehab::boot_setting{rehab::heel_lift{0.0}});
    EXPECT_TRUE(g.restrictions.rom_limits.empty());
    EXPECT_NE(item(g, "towel-calf-stretch"), nullptr);
    EXPECT_NE(item(g, "ankle-plantarflexion-band"), nullptr);
    for (const char* id : {"stationary_bike", "elliptical_trainer", "treadmill_walking"}) {
        EXPECT_TRUE(lists(g.restrictions.allowed, id)) << id;
    }
    EXPECT_EQ(g.next_gate->earliest, surgery + days(56));
}

// Weeks 8-12: wean off the boot and the crutches; Barfod 2016 weeks 9-11:
// ankle ROM 2 x 8, standing heel rise 3 x 10 with 3 s up and down, one-leg
// balance 3 x 30 s, band 2 x 20, side-lying hip abduction 2 x 15, seated heel
// rise 3 x 15 at 20-25RM.
TEST(RuptureFunctionalTest, Week10WeansOffTheBootWithBarfodsExercises) {
    const auto g = functional_in_week(10);
    EXPECT_EQ(g.phase_id, "boot-weaning");
    EXPECT_EQ(g.restrictions.orthosis->worn, rehab::orthosis_wear::weaning);
    EXPECT_EQ(g.restrictions.weight_bearing->aids, rehab::walking_aids::as_needed);
    const auto dose = [&](std::string_view id) { return fmt::format("{}", item(g, id)->dose); };
    EXPECT_EQ(dose("ankle-range-to-neutral"), "2 x 8 reps, affected side only");
    EXPECT_EQ(dose("two-leg-heel-raise"), "3 x 10 reps, both sides together, tempo 3-0-3");
    EXPECT_EQ(dose("single-leg-balance"), "3 x 30 s, each side");
    EXPECT_EQ(dose("ankle-plantarflexion-band"), "2 x 20 reps, affected side only");
    EXPECT_EQ(dose("side-lying-hip-abduction"), "2 x 15 reps, each side");
    EXPECT_EQ(dose("sitting-heel-raise"), "3 x 15 reps at 25RM, both sides together");
    EXPECT_EQ(g.next_gate->earliest, surgery + days(84));
}

// From week 12: strength, power, plyometrics; running from week 14 once 5
// single-leg heel rises reach about 90 % of the other side's height.
TEST(RuptureFunctionalTest, Week13AllowsPlyometricsButRunningWaitsForItsGate) {
    const auto g = functional_in_week(13);
    EXPECT_EQ(g.phase_id, "strength-and-power");
    EXPECT_EQ(g.restrictions.orthosis->type, rehab::orthosis_type::none);
    EXPECT_EQ(g.restrictions.weight_bearing->affected, rehab::weight_bearing::full);
    EXPECT_TRUE(lists(g.restrictions.allowed, "plyometrics"));
    EXPECT_TRUE(lists(g.restrictions.not_allowed, "running"));
    EXPECT_EQ(fmt::format("{}", item(g, "single-leg-press")->dose), "2 x 10RM, each side");
    ASSERT_TRUE(g.next_gate);
    EXPECT_EQ(g.next_gate->earliest, surgery + days(91)); // week 14
    EXPECT_TRUE(g.next_gate->needs_confirmation);
    const std::vector<std::string> criteria{"single-leg heel raises >= 5",
                                            "heel-rise LSI (height) % >= 90",
                                            "a clinician confirms running may start"};
    EXPECT_EQ(g.next_gate->criteria, criteria);
}

TEST(RuptureFunctionalTest, NonOperativeArmCountsFromTheInjury) {
    const auto p = rehab::protocols::achilles_rupture_functional(
                       {.treatment = rehab::protocols::rupture_treatment::non_operative})
                       .value();
    EXPECT_EQ(p.counted_from, rehab::time_basis::injury);
    const date injury(2026, 10, 1);
    // A surgery date is ignored by a protocol counted from the injury.
    const auto g = rehab::guidance_on(p, injury, {.injury_date = injury}, week(3, injury));
    ASSERT_TRUE(g.has_value());
    EXPECT_EQ(g->phase_id, "boot-protected");
}

// "Are calf raises recommended 6 weeks after surgery?": not in weeks 2-6,
// allowed from the heel-lift-out phase (day 42).
TEST(RuptureFunctionalTest, MayDoAnswersFromWhenAndWhy) {
    const auto p = rehab::protocols::achilles_rupture_functional().value();
    const auto& catalog = rehab::catalog::builtin();
    const auto stretch = rehab::may_do(p, surgery, {.surgery_date = surgery}, week(3),
                                       "towel-calf-stretch", catalog);
    ASSERT_TRUE(stretch.has_value());
    EXPECT_FALSE(stretch->allowed);
    EXPECT_EQ(stretch->from, surgery + days(42));
    // The 2 cm lift holds the foot pointed, and the phase limits active and
    // passive dorsiflexion to neutral: three reasons, each with its source.
    ASSERT_EQ(stretch->reasons.size(), 3U);
    EXPECT_NE(stretch->reasons[2].find("passive dorsiflexion to neutral"), std::string::npos)
        << stretch->reasons[2];
    for (const auto& why : stretch->reasons) {
        EXPECT_NE(why.find("Willits 2010"), std::string::npos) << why;
    }
    // In the splint, nothing moves the ankle.
    const auto splint = rehab::may_do(p, surgery, {.surgery_date = surgery}, week(1),
                                      "towel-calf-stretch", catalog);
    EXPECT_FALSE(splint->allowed);
    EXPECT_EQ(splint->from, surgery + days(42));

    const auto balance = rehab::may_do(p, surgery, {.surgery_date = surgery}, week(3),
                                       "single-leg-balance", catalog);
    ASSERT_TRUE(balance.has_value());
    EXPECT_FALSE(balance->allowed); // limited weight-bearing: no standing on one leg
    EXPECT_EQ(balance->from, surgery + days(28));
    // "Just out of the splint into the boot: should I do the balancing?" Not
    // yet; weight as tolerated allows it from week 5, and the program starts
    // it with the heel lift out (week 7).
    EXPECT_EQ(balance->prescribed_from, surgery + days(42));
    const auto week5 = rehab::may_do(p, surgery, {.surgery_date = surgery}, week(5),
                                     "single-leg-balance", catalog);
    EXPECT_TRUE(week5->allowed);
    EXPECT_FALSE(week5->prescribed);
    EXPECT_NE(rehab::to_text(*week5, catalog).find("ask your clinician"), std::string::npos);

    const auto later = rehab::may_do(p, surgery, {.surgery_date = surgery}, week(7),
                                     "towel-calf-stretch", catalog);
    ASSERT_TRUE(later.has_value());
    EXPECT_TRUE(later->allowed);
    EXPECT_TRUE(later->prescribed);

    const auto unknown =
        rehab::may_do(p, surgery, {.surgery_date = surgery}, week(7), "towel-calf-strech", catalog);
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().path, "/exercise");
    EXPECT_NE(unknown.error().message.find("towel-calf-stretch"), std::string::npos);
}

// A patient who starts at week 6 after surgery starts in the week-6 phase,
// in the engine, the schedule and the guidance alike.
TEST(RuptureFunctionalTest, AStartAtWeek6BeginsInTheWeek6Phase) {
    const auto p = rehab::protocols::achilles_rupture_functional().value();
    const date start = surgery + days(45);
    const rehab::patient who{.surgery_date = surgery};
    auto engine = rehab::progression_engine::start(p, start, who).value();
    const auto first = engine.next();
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->phase_id, "heel-lift-out");
    EXPECT_EQ(first->session.day, 0);

    const auto plan =
        rehab::schedule::make(p, start, {.time_zone = "Europe/Copenhagen", .patient = who});
    ASSERT_TRUE(plan.has_value()) << plan.error().message;
    // Days 45-55 of heel-lift-out, then the 28 days of boot-weaning, ...: 11 days
    // at 3 sessions first.
    const std::vector<rehab::scheduled_session> sessions(plan->sessions().begin(),
                                                         plan->sessions().end());
    ASSERT_FALSE(sessions.empty());
    EXPECT_EQ(p.phases[sessions[0].phase].id, "heel-lift-out");
    const auto in_first =
        std::count_if(sessions.begin(), sessions.end(), [](const auto& s) { return s.phase == 3; });
    EXPECT_EQ(in_first, 11 * 3);
    EXPECT_EQ(plan->prescription(sessions[0]).phase_id, "heel-lift-out");
}

// A start on the day of surgery: no sessions in the splint weeks.
TEST(RuptureFunctionalTest, TheSplintWeeksHaveNoSessions) {
    const auto p = rehab::protocols::achilles_rupture_functional().value();
    auto engine = rehab::progression_engine::start(p, surgery, {.surgery_date = surgery}).value();
    const auto first = engine.next();
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->session.day, 14);
    EXPECT_EQ(first->phase_id, "boot-protected");
}

rehab::session_log done(rehab::session_key key) { return rehab::session_log{.session = key}; }

// The running gate: time, two measured criteria and a clinician's
// confirmation, which the engine never gives itself.
TEST(RuptureFunctionalTest, RunningNeedsWeek14TheHeelRiseCriterionAndAClinician) {
    const auto p = rehab::protocols::achilles_rupture_functional().value();
    const auto run = [&](bool measured, bool confirmed, int confirm_day) {
        auto engine =
            rehab::progression_engine::start(p, surgery, {.surgery_date = surgery}).value();
        std::string reached_on = "never";
        bool review = false;
        while (auto s = engine.next()) {
            if (s->phase_id == "return-to-running") {
                reached_on = std::to_string(s->session.day);
                break;
            }
            if (s->session.day > 200) {
                break;
            }
            auto log = done(s->session);
            if (measured && s->session.day >= 84) {
                log.measurements = {{rehab::measure::single_leg_heel_raises, 5},
                                    {rehab::measure::heel_rise_lsi_height, 90}};
            }
            log.clinician_confirmed = confirmed && s->session.day == confirm_day;
            EXPECT_TRUE(engine.record(log).has_value());
            for (const auto& t : engine.trace()) {
                review = review || t.action == rehab::trace_action::phase_review;
            }
        }
        return std::pair{reached_on, review};
    };
    // Measured from day 84 and confirmed then: running from day 91 (week 14), not sooner.
    EXPECT_EQ(run(true, true, 85).first, "91");
    // Never confirmed: the phase is due for review, and running never starts.
    const auto unconfirmed = run(true, false, 0);
    EXPECT_EQ(unconfirmed.first, "never");
    EXPECT_TRUE(unconfirmed.second);
    // Confirmed but not measured: no running either.
    EXPECT_EQ(run(false, true, 85).first, "never");
    // Confirmed late (day 120): running from the next day.
    EXPECT_EQ(run(true, true, 120).first, "121");
}

// London non-operative guidelines: boot with 3 wedges, no weight (0-2 wk);
// weight as pain allows with crutches, pointing the foot out of the boot but
// not beyond its position (2-4 wk); one wedge out a week from week 4 until
// plantigrade (6-8 wk).
TEST(RuptureBootWedgesTest, WedgeByWedge) {
    const auto p = rehab::protocols::achilles_rupture_boot_wedges().value();
    EXPECT_EQ(p.counted_from, rehab::time_basis::injury);
    const date injury(2026, 11, 1);
    struct expected_week {
        int week;
        int wedges;
        rehab::weight_bearing bearing;
        bool exercises;
    };
    for (const auto& w :
         std::vector<expected_week>{{1, 3, rehab::weight_bearing::non, false},
                                    {2, 3, rehab::weight_bearing::non, false},
                                    {3, 3, rehab::weight_bearing::as_tolerated, true},
                                    {4, 3, rehab::weight_bearing::as_tolerated, true},
                                    {5, 2, rehab::weight_bearing::as_tolerated, true},
                                    {6, 1, rehab::weight_bearing::as_tolerated, true},
                                    {7, 0, rehab::weight_bearing::as_tolerated, true},
                                    {8, 0, rehab::weight_bearing::as_tolerated, true}}) {
        const auto g = rehab::guidance_on(p, injury, {.injury_date = injury}, week(w.week, injury));
        ASSERT_TRUE(g.has_value()) << w.week;
        EXPECT_EQ(g->restrictions.orthosis->setting,
                  rehab::boot_setting{rehab::heel_wedges{w.wedges}})
            << "week " << w.week;
        EXPECT_EQ(g->restrictions.weight_bearing->affected, w.bearing) << "week " << w.week;
        EXPECT_EQ(!g->items.empty(), w.exercises) << "week " << w.week;
    }
    // The guidelines end at week 8.
    const auto after = rehab::guidance_on(p, injury, {.injury_date = injury}, week(9, injury));
    ASSERT_FALSE(after.has_value());
    EXPECT_EQ(after.error().path, "/on");
    // Out of the boot, the foot goes back to the boot's angle, not beyond:
    // pointing the foot is allowed, bringing it up to neutral is not.
    const auto& catalog = rehab::catalog::builtin();
    const rehab::patient who{.injury_date = injury};
    EXPECT_TRUE(
        rehab::may_do(p, injury, who, week(3, injury), "ankle-plantarflexion-from-boot", catalog)
            ->allowed);
    const auto neutral =
        rehab::may_do(p, injury, who, week(3, injury), "ankle-range-to-neutral", catalog);
    EXPECT_FALSE(neutral->allowed);
    EXPECT_EQ(neutral->from, injury + days(42)); // plantigrade
}

TEST(RuptureBootWedgesTest, OptionsThatCannotReachPlantigradeByWeek8AreRefused) {
    // 5 wedges, the first out on day 35: the last comes out on day 63.
    const auto bad = rehab::protocols::achilles_rupture_boot_wedges(
        {.wedges = 5, .first_wedge_out = std::chrono::days{35}});
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().path, "/options/first_wedge_out");
    const auto four = rehab::protocols::achilles_rupture_boot_wedges({.wedges = 4});
    ASSERT_TRUE(four.has_value());
    EXPECT_EQ(rehab::nominal_duration(*four), std::chrono::days{56});
}

// The seed video's program stretches the calf: refused inside the
// no-dorsiflexion weeks, accepted after them.
TEST(RuptureStretchBalanceTest, RefusedInsideANoDorsiflexionPhaseAcceptedAfter) {
    const auto p = rehab::protocols::rupture_stretch_balance().value();
    const date injury(2026, 11, 1);
    const auto early =
        rehab::progression_engine::start(p, injury + days(14), {.injury_date = injury});
    ASSERT_FALSE(early.has_value());
    EXPECT_EQ(early.error().path, "/start");
    EXPECT_NE(early.error().message.find("2026-12-13"), std::string::npos) << early.error().message;
    EXPECT_NE(early.error().message.find("passive dorsiflexion to neutral"), std::string::npos)
        << early.error().message;
    const auto plan =
        rehab::schedule::make(p, injury + days(14), {.patient = {.injury_date = injury}});
    EXPECT_FALSE(plan.has_value());
    EXPECT_TRUE(rehab::progression_engine::start(p, injury + days(42), {.injury_date = injury})
                    .has_value());
    // Without an injury date nothing is known, so nothing is refused.
    EXPECT_TRUE(rehab::progression_engine::start(p, injury, {}).has_value());

    // Put into a rupture protocol's weeks 2-4, its stretches are refused by
    // validate with the reason, at the prescription.
    auto mixed = rehab::protocols::achilles_rupture_functional().value();
    mixed.phases[1].prescriptions.push_back(p.phases[0].prescriptions[0]); // towel-calf-stretch
    const auto errors = rehab::validate(mixed, rehab::catalog::builtin());
    ASSERT_EQ(errors.size(), 3U); // the heel lift, and the limits to neutral
    for (const auto& e : errors) {
        EXPECT_EQ(e.path, "/phases/1/prescriptions/1/exercise");
    }
    EXPECT_NE(errors[2].message.find("to neutral"), std::string::npos) << errors[2].message;
}

TEST(DaysSinceDayZeroTest, DatesOutOfOrderAreLocated) {
    const auto p = rehab::protocols::achilles_rupture_functional().value();
    const date start(2026, 11, 1);
    EXPECT_EQ(rehab::days_since_day_zero(p, {.surgery_date = start + days(1)}, start).error().path,
              "/patient/surgery_date");
    EXPECT_EQ(rehab::days_since_day_zero(
                  p, {.injury_date = start - days(3), .surgery_date = start - days(5)}, start)
                  .error()
                  .path,
              "/patient/surgery_date");
    EXPECT_EQ(rehab::days_since_day_zero(p, {.surgery_date = start - days(10)}, start).value(), 10);
    // Absent: the start is day zero.
    EXPECT_EQ(rehab::days_since_day_zero(p, {}, start).value(), 0);
}

} // namespace

namespace {

// A patient's course counted from the surgery: it begins in the phase that
// applies at its start, and a switch to the seed video's program is refused
// inside the no-dorsiflexion weeks and accepted after them.
TEST(RuptureCourseTest, ACourseCountsFromTheSurgery) {
    const auto p = rehab::protocols::achilles_rupture_functional().value();
    const date start = surgery + days(45);
    auto c = rehab::course::start({.id = "patient-7", .surgery_date = surgery}, p, start);
    ASSERT_TRUE(c.has_value()) << c.error().message;
    const auto today = c->on(start);
    ASSERT_FALSE(today.empty());
    EXPECT_EQ(today.front().prescription->phase_id, "heel-lift-out");

    // A surgery after the start is refused where the patient is given.
    const auto late =
        rehab::course::start({.id = "patient-7", .surgery_date = start + days(1)}, p, start);
    ASSERT_FALSE(late.has_value());
    EXPECT_EQ(late.error().path, "/patient/surgery_date");
}

TEST(RuptureCourseTest, SwitchingToTheStretchProgramWaitsForWeek6) {
    const auto functional = rehab::protocols::achilles_rupture_functional().value();
    const auto stretch = rehab::protocols::rupture_stretch_balance().value();
    auto c =
        rehab::course::start({.id = "patient-8", .surgery_date = surgery}, functional, surgery);
    ASSERT_TRUE(c.has_value()) << c.error().message;
    const auto before = *c;
    const auto early = c->switch_protocol(surgery + days(20), stretch);
    ASSERT_FALSE(early.has_value());
    EXPECT_NE(early.error().message.find("applies from day 42"), std::string::npos)
        << early.error().message;
    EXPECT_EQ(*c, before); // nothing changed
    const auto later = c->switch_protocol(surgery + days(42), stretch);
    EXPECT_TRUE(later.has_value()) << later.error().message;
}

} // namespace

namespace {

// For every start from the day of surgery to week 18, the engine (as a plan
// runs it), the schedule and the guidance agree on which phase applies and
// which sessions there are: three implementations of "count from the
// surgery", checked against each other.
TEST(RuptureTimeBasisTest, EngineScheduleAndGuidanceAgreeForEveryStart) {
    for (const auto& p : {rehab::protocols::achilles_rupture_functional().value(),
                          rehab::protocols::achilles_rupture_boot_wedges().value()}) {
        const rehab::patient who{.injury_date = surgery, .surgery_date = surgery};
        for (int offset = 0; offset <= 126; ++offset) {
            const date start = surgery + days(offset);
            const std::string what = fmt::format("{} from day {}", p.id, offset);
            const auto run = rehab::simulate(
                p, start, who, [](const auto&) { return std::nullopt; }, 400,
                rehab::criteria_mode::assume_met);
            const auto plan = rehab::schedule::make(p, start, {.patient = who});
            const auto today = rehab::guidance_on(p, start, who, start);
            // The boot protocol ends at week 8; the functional one waits at
            // its running gate however late the day.
            const bool ended = p.id == "achilles-rupture-boot-wedges" &&
                               rehab::nominal_duration(p).count() <= offset;
            ASSERT_TRUE(run.has_value()) << what;
            ASSERT_TRUE(plan.has_value()) << what << ": " << plan.error().message;
            ASSERT_EQ(today.has_value(), !ended) << what;
            ASSERT_EQ(plan->size(), run->sessions.size()) << what;
            std::size_t i = 0;
            for (const auto& s : plan->sessions()) {
                const auto& rx = run->sessions[i++];
                ASSERT_EQ((rehab::session_key{s.day, s.slot}), rx.session) << what;
                ASSERT_EQ(s.phase, rx.phase_index) << what;
                // The guidance of that day names the same phase and doses,
                // but past a gate that asks for measurements or a clinician,
                // which a plan assumes passed at its earliest: there it keeps
                // the phase before the gate, with the gate pending.
                const auto g = rehab::guidance_on(p, start, who, start + days(s.day));
                ASSERT_TRUE(g.has_value()) << what;
                if (g->phase_index != rx.phase_index) {
                    ASSERT_LT(g->phase_index, rx.phase_index) << what << " day " << s.day;
                    ASSERT_TRUE(rehab::gate_needs_more_than_time(p, g->phase_index)) << what;
                    ASSERT_TRUE(g->next_gate && g->next_gate->pending) << what;
                    continue;
                }
                ASSERT_EQ(g->items, rx.items) << what << " day " << s.day;
            }
            // From the log, the engine starts where the guidance says.
            auto engine = rehab::progression_engine::start(p, start, who).value();
            if (const auto first = engine.next(); today && first && first->session.day == 0) {
                EXPECT_EQ(today->phase_index, first->phase_index) << what;
            }
        }
    }
}

} // namespace

namespace {

// A late start does not jump a gate that asks for more than time: at day 99
// after surgery, with no heel-rise test and no clinician, the patient is in
// the phase before running, and that phase is due for review.
TEST(RuptureGateTest, ALateStartStopsAtAGateThatNeedsMoreThanTime) {
    const auto p = rehab::protocols::achilles_rupture_functional().value();
    const date start = surgery + days(99);
    const rehab::patient who{.surgery_date = surgery};
    auto engine = rehab::progression_engine::start(p, start, who).value();
    const auto first = engine.next();
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->phase_id, "strength-and-power");
    EXPECT_TRUE(std::any_of(engine.trace().begin(), engine.trace().end(), [](const auto& t) {
        return t.action == rehab::trace_action::phase_review;
    }));
    const auto g = rehab::guidance_on(p, start, who, start).value();
    EXPECT_EQ(g.phase_id, "strength-and-power");
    ASSERT_TRUE(g.next_gate);
    EXPECT_TRUE(g.next_gate->pending);
    EXPECT_TRUE(lists(g.restrictions.not_allowed, "running"));
    // Six months on, still no running without the test; contact sport is
    // "no earlier than 6-9 months" whatever the day.
    const auto later = rehab::guidance_on(p, start, who, surgery + days(190)).value();
    EXPECT_EQ(later.phase_id, "strength-and-power");
    EXPECT_TRUE(lists(later.restrictions.not_allowed, "contact_sport"));
}

rehab::protocol two_phases(std::vector<rehab::criterion> exit, std::vector<rehab::criterion> entry,
                           std::chrono::days first_min) {
    const auto dose =
        rehab::dose::make({.sets = rehab::sets{2}, .work = rehab::repetitions{}}).value();
    const rehab::frequency daily{.per_day = rehab::sessions{1},
                                 .days = rehab::every_day{},
                                 .times = {rehab::clock_time{std::chrono::hours{9}}}};
    rehab::protocol p{.id = "gated", .name = "Gated", .counted_from = rehab::time_basis::injury};
    p.phases = {rehab::phase{.id = "first",
                             .name = "First",
                             .min_duration = first_min,
                             .exit = std::move(exit),
                             .prescriptions = {{"ankle-range-to-neutral", dose}},
                             .frequency = daily},
                rehab::phase{.id = "second",
                             .name = "Second",
                             .min_duration = std::chrono::days{14},
                             .entry = std::move(entry),
                             .prescriptions = {{"ankle-range-to-neutral", dose}},
                             .frequency = daily}};
    return p;
}

// A zero-length phase whose exit needs a measurement is not passed at once.
TEST(RuptureGateTest, AZeroLengthPhaseWithCriteriaWaitsForThem) {
    auto p = two_phases({rehab::measurement_at_least{rehab::measure::single_leg_heel_raises, 5}},
                        {}, std::chrono::days{0});
    p.counted_from = rehab::time_basis::start;
    ASSERT_TRUE(rehab::validate(p, rehab::catalog::builtin()).empty());
    auto engine = rehab::progression_engine::start(p, surgery, {}).value();
    EXPECT_EQ(engine.next()->phase_id, "first");
}

// A time gate later than the phase's minimum holds the next phase back to it
// in the engine, the schedule and the guidance alike.
TEST(RuptureGateTest, ATimeGateLaterThanTheMinimumHoldsTheNextPhaseBack) {
    const auto p =
        two_phases({}, {rehab::time_since_day_zero{std::chrono::days{60}}}, std::chrono::days{14});
    ASSERT_TRUE(rehab::validate(p, rehab::catalog::builtin()).empty());
    const rehab::patient who{.injury_date = surgery};
    for (const int offset : {0, 30, 59, 60, 61}) {
        const date start = surgery + days(offset);
        auto engine = rehab::progression_engine::start(p, start, who).value();
        const auto plan = rehab::schedule::make(p, start, {.patient = who}).value();
        int engine_second = -1;
        while (auto s = engine.next()) {
            if (s->phase_id == "second") {
                engine_second = s->session.day;
                break;
            }
            ASSERT_TRUE(engine.record({.session = s->session}).has_value());
        }
        int plan_second = -1;
        for (const auto& s : plan.sessions()) {
            if (s.phase == 1) {
                plan_second = s.day;
                break;
            }
        }
        EXPECT_EQ(engine_second, std::max(60 - offset, 0)) << offset;
        EXPECT_EQ(plan_second, std::max(60 - offset, 0)) << offset;
        const auto g = rehab::guidance_on(p, start, who, surgery + days(59)).value();
        EXPECT_EQ(g.phase_id, "first") << offset;
    }
}

} // namespace

namespace {

// Loading and impact: resistance work waits for week 6 and plyometrics for
// week 12 (Willits 2010); the boot protocol gives only active pointing of the
// foot. An active range limit also caps a passive stretch.
TEST(RuptureLoadingTest, ResistanceAndImpactWaitForTheirWeeks) {
    const auto p = rehab::protocols::achilles_rupture_functional().value();
    const auto& catalog = rehab::catalog::builtin();
    const rehab::patient who{.surgery_date = surgery};
    for (const char* id : {"sitting-heel-raise", "ankle-plantarflexion-band",
                           "single-leg-heel-raise", "eccentric-heel-raise-floor"}) {
        const auto a = rehab::may_do(p, surgery, who, week(5), id, catalog).value();
        EXPECT_FALSE(a.allowed) << id;
        EXPECT_EQ(a.from, surgery + days(42)) << id;
    }
    const auto hops =
        rehab::may_do(p, surgery, who, week(7), "quick-rebound-heel-raise", catalog).value();
    EXPECT_FALSE(hops.allowed);
    EXPECT_EQ(hops.from, surgery + days(84));
    const auto boot = rehab::protocols::achilles_rupture_boot_wedges().value();
    const auto raise = rehab::may_do(boot, surgery, {.injury_date = surgery}, week(7),
                                     "single-leg-heel-raise", catalog)
                           .value();
    EXPECT_FALSE(raise.allowed);
    EXPECT_FALSE(raise.from.has_value());

    rehab::phase_restrictions active_only{
        .rom_limits = {{rehab::ankle_motion::dorsiflexion, rehab::motion_mode::active, 0, "x"}}};
    EXPECT_FALSE(
        rehab::check_allowed(catalog.find("towel-calf-stretch")->needs, active_only).empty());
}

} // namespace

namespace {

TEST(RuptureDatesTest, TheDateTheProtocolCountsFromIsNotGuessed) {
    const auto functional = rehab::protocols::achilles_rupture_functional().value();
    const auto only_injury =
        rehab::days_since_day_zero(functional, {.injury_date = surgery}, surgery + days(20));
    ASSERT_FALSE(only_injury.has_value());
    EXPECT_EQ(only_injury.error().path, "/patient/surgery_date");
    const auto boot = rehab::protocols::achilles_rupture_boot_wedges().value();
    const auto only_surgery =
        rehab::days_since_day_zero(boot, {.surgery_date = surgery}, surgery + days(20));
    ASSERT_FALSE(only_surgery.has_value());
    EXPECT_EQ(only_surgery.error().path, "/patient/injury_date");
}

// A pause in the boot weeks does not keep the boot on: phases counted from
// the surgery follow the calendar.
TEST(RuptureDatesTest, APauseDoesNotStretchPhasesCountedFromTheSurgery) {
    const auto p = rehab::protocols::achilles_rupture_functional().value();
    auto engine = rehab::progression_engine::start(p, surgery, {.surgery_date = surgery}).value();
    ASSERT_TRUE(engine.pause(20, 10).has_value());
    int first_in_phase_3 = -1;
    while (auto s = engine.next()) {
        if (s->phase_id == "boot-weight-as-tolerated") {
            first_in_phase_3 = s->session.day;
            break;
        }
        ASSERT_TRUE(engine.record({.session = s->session}).has_value());
    }
    EXPECT_EQ(first_in_phase_3, 30); // paused days 20-29; the phase began on day 28
}

} // namespace
