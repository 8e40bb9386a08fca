/// @file rupture_protocols.cpp
/// The Achilles tendon rupture protocols, counted from the injury or the
/// surgery. Every number cites its source (clinical-facts section 4); what
/// the sources leave open is an option of `protocols.hpp`, marked UNCONFIRMED.

#include <rehab/protocols.hpp>

#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "protocol_builder.hpp"

namespace rehab::protocols {

namespace {

using namespace std::chrono_literals;
using detail::builder;
using detail::weeks;

constexpr const char* willits = "Willits 2010, Table E-1";
constexpr const char* barfod = "Barfod 2016 (Trials 17:564), weeks 9-16 table";
constexpr const char* london = "London non-operative rupture guidelines (clinical-facts 4c)";

activity act(std::string id, std::string note, std::string source) {
    return activity{std::move(id), std::move(note), std::move(source)};
}

/// Not allowed in any phase before running starts // Barfod 2016; Willits 2010
/// Not allowed until week 6: "graduated resistance" starts with the heel
/// lift out // Willits 2010
activity no_resistance_yet() {
    return act("resistance_exercise", "graduated resistance from week 6", willits);
}

std::vector<activity> with(std::vector<activity> list, activity more) {
    list.push_back(std::move(more));
    return list;
}

std::vector<activity> before_running(bool plyometrics_allowed) {
    std::vector<activity> out{
        act("running",
            "from week 14, once 5 single-leg heel rises reach about 90 % of the other "
            "side's height",
            barfod),
        act("jogging_up_stairs", "once you can walk 5 m on your toes without the heel dropping",
            barfod),
        act("contact_sport", "no earlier than 6-9 months", barfod)};
    if (!plyometrics_allowed) {
        out.push_back(act("plyometrics", "after week 12", willits));
    }
    return out;
}

/// "With crutches" (plural, Willits and London) is recorded as two crutches.
weight_bearing_status bearing(weight_bearing w, std::optional<walking_aids> aids,
                              const char* source) {
    return weight_bearing_status{w, aids, source};
}

} // namespace

expected<protocol> achilles_rupture_functional(const rupture_functional_options& o) {
    builder b;
    b.check(o.times.size() == static_cast<std::size_t>(o.per_day.value()), "times",
            fmt::format("must give {} session times, one per session, got {}", o.per_day.value(),
                        o.times.size()));
    b.check(o.loading_times.size() == static_cast<std::size_t>(o.loading_per_day.value()),
            "loading_times",
            fmt::format("must give {} session times, one per session, got {}",
                        o.loading_per_day.value(), o.loading_times.size()));
    const frequency home{.per_day = o.per_day, .days = every_day{}, .times = o.times};
    const frequency loading{
        .per_day = o.loading_per_day, .days = every_day{}, .times = o.loading_times};
    const dose range = b.make(
        {.sets = o.range_sets, .work = repetitions{o.range_reps}, .side = sides::affected_only},
        "range_reps");
    const dose stretch =
        b.make({.sets = o.stretch_sets, .work = hold{o.stretch_hold}, .side = sides::affected_only},
               "stretch_hold");
    // Barfod 2016, weeks 9-16: band exercises 2 x 20; one-leg balance 3 x 30 s;
    // standing heel rise 3 x 10 "with 2 x 3-s tempo", read here as 3 s up and
    // 3 s down (the reading is UNCONFIRMED).
    const dose band = b.make(
        {.sets = sets{2}, .work = repetitions{reps{20}}, .side = sides::affected_only}, "dose");
    const dose balance = b.make({.sets = sets{3}, .work = timed{30s}, .side = sides::each}, "dose");
    const dose heel_rise = b.make({.sets = sets{3},
                                   .work = repetitions{reps{10}},
                                   .tempo = tempo{.eccentric = 3s, .concentric = 3s},
                                   .side = sides::together},
                                  "dose");
    // Barfod 2016, weeks 9-11: side-lying hip abduction 2 x 15; seated heel
    // rise with weight 3 x 15 at 20-25RM (the lighter end, 25RM, here).
    const dose hip =
        b.make({.sets = sets{2}, .work = repetitions{reps{15}}, .side = sides::each}, "dose");
    const dose seated = b.make({.sets = sets{3},
                                .work = repetitions{reps{15}},
                                .load = rm_target{25},
                                .side = sides::together},
                               "dose");
    // Barfod 2016, weeks 12-16: single-leg leg press 2 x 10 at 10RM; lunges 2 x 10.
    const dose press = b.make({.sets = sets{2},
                               .work = repetitions{reps{10}},
                               .load = rm_target{10},
                               .side = sides::each},
                              "dose");
    const dose lunge =
        b.make({.sets = sets{2}, .work = repetitions{reps{10}}, .side = sides::each}, "dose");

    const bool operative = o.treatment == rupture_treatment::operative;
    // Boot worn while sleeping; it may come off for washing and dressing,
    // the weight-bearing limits still apply // Willits 2010
    const auto boot = [](boot_setting setting, orthosis_wear worn) {
        return orthosis{.type = orthosis_type::walking_boot,
                        .setting = setting,
                        .worn = worn,
                        .off_for_washing_and_dressing = true,
                        .source = willits};
    };
    // Active dorsiflexion to neutral; slow dorsiflexion stretching only from week 6.
    const std::vector<rom_limit> to_neutral{
        {ankle_motion::dorsiflexion, motion_mode::active, 0, willits},
        {ankle_motion::dorsiflexion, motion_mode::passive, 0, willits}};
    const std::vector<activity> non_weight_bearing_cardio{
        act("knee_and_hip_exercises", "with no ankle involvement", willits),
        act("one_leg_cycling", "", willits), act("deep_water_running", "", willits),
        act("hydrotherapy", "", willits)};
    const std::vector<activity> weight_bearing_cardio{
        act("stationary_bike", "", willits), act("elliptical_trainer", "", willits),
        act("treadmill_walking", "", willits), act("stair_climber", "", willits)};
    std::vector<criterion> to_running{
        time_since_day_zero{weeks(13)}, // running from week 14 // Barfod 2016
        measurement_at_least{measure::single_leg_heel_raises, 5.0}, // Barfod 2016
        measurement_at_least{measure::heel_rise_lsi_height, 90.0}}; // "about 90 %" // Barfod 2016
    if (o.running_needs_confirmation) {
        to_running.emplace_back(clinician_confirmation{"running may start"});
    }

    std::vector<phase> phases{
        phase{
            .id = "splint",
            .name = "Weeks 0-2: splint, no weight",
            .goal = "Protect the tendon in a splint; keep all weight off the leg.",
            .min_duration = weeks(2), // weeks 0-2 // Willits 2010
            .max_duration = weeks(2),
            .prescriptions = {},
            .frequency = home,
            .restrictions = {.orthosis = orthosis{.type = orthosis_type::splint_or_cast,
                                                  .worn = orthosis_wear::at_all_times,
                                                  .source = willits},
                             .weight_bearing =
                                 bearing(weight_bearing::non, walking_aids::two_crutches, willits),
                             .not_allowed = with(before_running(false), no_resistance_yet())},
        },
        phase{
            .id = "boot-protected",
            .name = "Weeks 2-4: boot with heel lift, protected weight-bearing",
            .goal = "Move the ankle actively up to neutral; keep fit without loading the ankle.",
            .min_duration = weeks(2), // weeks 2-4 // Willits 2010
            .max_duration = weeks(2),
            .prescriptions = {{"ankle-range-to-neutral", range}},
            .frequency = home,
            .restrictions = {.orthosis = boot(heel_lift{2.0}, orthosis_wear::at_all_times), // 2 cm
                             .weight_bearing = bearing(weight_bearing::limited,
                                                       walking_aids::two_crutches, willits),
                             .rom_limits = to_neutral,
                             .not_allowed = with(before_running(false), no_resistance_yet()),
                             .allowed = non_weight_bearing_cardio},
        },
        phase{
            .id = "boot-weight-as-tolerated",
            .name = "Weeks 4-6: boot with heel lift, weight as tolerated",
            .goal = "Walk in the boot with as much weight as is comfortable; carry on as in "
                    "weeks 2-4.",
            .min_duration = weeks(2), // weeks 4-6 // Willits 2010
            .max_duration = weeks(2),
            .prescriptions = {{"ankle-range-to-neutral", range}},
            .frequency = home,
            .restrictions = {.orthosis = boot(heel_lift{2.0}, orthosis_wear::at_all_times),
                             .weight_bearing =
                                 bearing(weight_bearing::as_tolerated, std::nullopt, willits),
                             .rom_limits = to_neutral,
                             .not_allowed = with(before_running(false), no_resistance_yet()),
                             .allowed = non_weight_bearing_cardio},
        },
        phase{
            .id = "heel-lift-out",
            .name = "Weeks 6-8: heel lift out, stretching and resistance",
            .goal = "Stretch slowly into dorsiflexion, start graduated resistance and balance, "
                    "and retrain walking.",
            .min_duration = weeks(2), // weeks 6-8 // Willits 2010
            .max_duration = weeks(2),
            .prescriptions = {{"ankle-range-to-neutral", range},
                              {"towel-calf-stretch", stretch},
                              {"ankle-plantarflexion-band", band},
                              {"single-leg-balance", balance}},
            .frequency = home,
            .restrictions = {.orthosis = boot(heel_lift{0.0}, orthosis_wear::at_all_times),
                             .weight_bearing =
                                 bearing(weight_bearing::as_tolerated, std::nullopt, willits),
                             .not_allowed = before_running(false),
                             .allowed = weight_bearing_cardio},
        },
        phase{
            .id = "boot-weaning",
            .name = "Weeks 8-12: weaning off the boot",
            .goal = "Wean off the boot and the crutches; build strength, range and balance "
                    "(Barfod 2016's weeks 9-11 exercises).",
            .min_duration = weeks(4), // weeks 8-12 // Willits 2010
            .max_duration = weeks(4),
            .prescriptions = {{"ankle-range-to-neutral", range},
                              {"two-leg-heel-raise", heel_rise},
                              {"single-leg-balance", balance},
                              {"ankle-plantarflexion-band", band},
                              {"side-lying-hip-abduction", hip},
                              {"sitting-heel-raise", seated}},
            .frequency = loading,
            .restrictions = {.orthosis = boot(std::monostate{}, orthosis_wear::weaning),
                             .weight_bearing = bearing(weight_bearing::as_tolerated,
                                                       walking_aids::as_needed, willits),
                             .not_allowed = before_running(false),
                             .allowed = weight_bearing_cardio},
        },
        phase{
            .id = "strength-and-power",
            .name = "From week 12: strength, power and endurance",
            .goal = "Build strength, power and endurance with dynamic weight-bearing work. "
                    "Barfod 2016's weeks 12-16 also add heel rises with added weight (5 x 10), "
                    "toe walking, trampoline work and a circuit, which this catalog does not "
                    "carry yet.",
            .min_duration = weeks(1), // week 13 here; running waits for week 14 // Barfod 2016
            .max_duration = std::nullopt,
            .exit = {},
            .prescriptions = {{"ankle-range-to-neutral", range},
                              {"two-leg-heel-raise", heel_rise},
                              {"single-leg-balance", balance},
                              {"single-leg-press", press},
                              {"forward-lunge", lunge}},
            .frequency = loading,
            .restrictions = {.orthosis = orthosis{.type = orthosis_type::none, .source = willits},
                             .weight_bearing = bearing(weight_bearing::full, std::nullopt, willits),
                             .not_allowed = before_running(true),
                             .allowed = {act("plyometrics", "dynamic weight-bearing work", willits),
                                         act("sport_specific_training", "", willits)}},
        },
        phase{
            .id = "return-to-running",
            .name = "Weeks 14-16: return to running",
            .goal = "Run on even ground; keep up the strength work.",
            .min_duration = weeks(3), // to the end of week 16 // Barfod 2016
            .max_duration = std::nullopt,
            .entry = to_running,
            .prescriptions = {{"ankle-range-to-neutral", range},
                              {"two-leg-heel-raise", heel_rise},
                              {"single-leg-balance", balance},
                              {"single-leg-press", press},
                              {"forward-lunge", lunge}},
            .frequency = loading,
            .restrictions = {.orthosis = orthosis{.type = orthosis_type::none, .source = willits},
                             .weight_bearing = bearing(weight_bearing::full, std::nullopt, willits),
                             .not_allowed = {act("contact_sport", "no earlier than 6-9 months",
                                                 barfod)},
                             .allowed = {act("running", "on even ground", barfod),
                                         act("jogging_up_stairs",
                                             "once you can walk 5 m on your toes without the "
                                             "heel dropping",
                                             barfod),
                                         act("plyometrics", "", willits)}},
        },
    };
    protocol p{
        .id = "achilles-rupture-functional",
        .version = 1,
        .name = "Achilles tendon rupture: accelerated functional rehabilitation",
        .condition = operative ? "acute Achilles tendon rupture, operative treatment"
                               : "acute Achilles tendon rupture, non-operative treatment",
        .source = "Willits K et al. J Bone Joint Surg Am 2010, Table E-1 (as reproduced, "
                  "clinical-facts 4a); Barfod KW et al. Trials 2016;17:564, weeks 9-16",
        .phases = std::move(phases),
        .stop = {},
        .counted_from = operative ? time_basis::surgery : time_basis::injury,
    };
    return b.finish(std::move(p));
}

expected<protocol> achilles_rupture_boot_wedges(const boot_wedges_options& o) {
    builder b;
    // With the first wedge out at day 28 and one a week after it, more than
    // 5 wedges would not be out by week 8, where the guidelines end.
    b.check(o.wedges >= 1 && o.wedges <= 5, "wedges", fmt::format("must be 1-5, got {}", o.wedges));
    b.check(o.first_wedge_out >= weeks(2) && o.first_wedge_out <= weeks(8), "first_wedge_out",
            fmt::format("must be day 14-56, got {}", o.first_wedge_out.count()));
    b.check(o.first_wedge_out + weeks(o.wedges - 1) <= weeks(8), "first_wedge_out",
            fmt::format("with {} wedges out one a week from day {}, the foot is not plantigrade "
                        "by week 8, where the guidelines end",
                        o.wedges, o.first_wedge_out.count()));
    b.check(o.times.size() == static_cast<std::size_t>(o.per_day.value()), "times",
            fmt::format("must give {} session times, one per session, got {}", o.per_day.value(),
                        o.times.size()));
    const frequency home{.per_day = o.per_day, .days = every_day{}, .times = o.times};
    const dose point = b.make(
        {.sets = o.range_sets, .work = repetitions{o.range_reps}, .side = sides::affected_only},
        "range_reps");
    // 24 h a day // London; from week 2 "boot off for active plantarflexion".
    const auto boot = [](int wedges, bool off_for_exercise) {
        return orthosis{.type = orthosis_type::walking_boot,
                        .setting = heel_wedges{wedges},
                        .worn = orthosis_wear::at_all_times,
                        .off_for_washing_and_dressing = false,
                        .off_for_exercise = off_for_exercise,
                        .source = london};
    };
    // "Dorsiflex back to the boot position but not beyond" // London, weeks 2-4:
    // moved or stretched.
    const std::vector<rom_limit> boot_position{
        {ankle_motion::dorsiflexion, motion_mode::active, std::nullopt, london},
        {ankle_motion::dorsiflexion, motion_mode::passive, std::nullopt, london}};
    // The guidelines give only active pointing of the foot out of the boot up
    // to week 8, and no running, jumping or sport.
    const std::vector<activity> not_yet{
        act("running", "", london), act("jumping", "", london), act("sport", "", london),
        act("resistance_exercise", "only active pointing of the foot out of the boot", london)};

    std::vector<phase> phases{
        phase{
            .id = "boot-non-weight-bearing",
            .name = "Weeks 0-2: boot with wedges, no weight",
            .goal = "Protect the tendon in the boot (about 20 degrees of equinus), day and "
                    "night; keep all weight off the leg.",
            .min_duration = weeks(2), // 0-2 weeks // London
            .max_duration = weeks(2),
            .prescriptions = {},
            .frequency = home,
            .restrictions = {.orthosis = boot(o.wedges, false),
                             .weight_bearing =
                                 bearing(weight_bearing::non, walking_aids::two_crutches, london),
                             .not_allowed = not_yet},
        },
        phase{
            .id = "boot-weight-as-pain-allows",
            .name = "Weeks 2-4: boot with wedges, weight as pain allows",
            .goal = "Walk in the boot on crutches with as much weight as pain allows; out of the "
                    "boot, point the foot down and bring it back only to the boot's angle.",
            .min_duration = o.first_wedge_out - weeks(2), // 2-4 weeks // London
            .max_duration = o.first_wedge_out - weeks(2),
            .prescriptions = {{"ankle-plantarflexion-from-boot", point}},
            .frequency = home,
            .restrictions = {.orthosis = boot(o.wedges, true),
                             .weight_bearing = bearing(weight_bearing::as_tolerated,
                                                       walking_aids::two_crutches, london),
                             .rom_limits = boot_position,
                             .not_allowed = not_yet},
        },
    };
    // One wedge out a week until plantigrade at 6-8 weeks // London
    for (int left = o.wedges - 1; left >= 0; --left) {
        const bool plantigrade = left == 0;
        phase ph{
            .id = plantigrade ? "plantigrade" : fmt::format("wedges-{}", left),
            .name = plantigrade ? std::string{"Plantigrade: no wedges, progressing to full weight"}
                                : fmt::format("{} wedge{} left, progressing to full weight", left,
                                              left == 1 ? "" : "s"),
            .goal = plantigrade
                        ? "Walk in the boot with the foot flat, building up to full weight."
                        : "Take one wedge out this week; build up to full weight in the boot.",
            .min_duration = weeks(1),
            .max_duration = weeks(1),
            .prescriptions = {{"ankle-plantarflexion-from-boot", point}},
            .frequency = home,
            .restrictions = {.orthosis = boot(left, true),
                             .weight_bearing =
                                 bearing(weight_bearing::as_tolerated, std::nullopt, london),
                             .rom_limits = {},
                             .not_allowed = not_yet},
        };
        if (o.keep_boot_limit_until_plantigrade) {
            ph.restrictions.rom_limits = boot_position;
        }
        if (plantigrade) {
            // The guidelines end at week 8.
            const auto end = weeks(8) - o.first_wedge_out - weeks(o.wedges - 1);
            ph.min_duration = end;
            ph.max_duration = end;
        }
        phases.push_back(std::move(ph));
    }
    protocol p{
        .id = "achilles-rupture-boot-wedges",
        .version = 1,
        .name = "Achilles tendon rupture: non-operative boot with heel wedges",
        .condition = "acute Achilles tendon rupture, non-operative treatment",
        .source = "London non-operative Achilles rupture rehabilitation guidelines "
                  "(londonorthopaedicsurgery.co.uk), as summarised in clinical-facts 4c",
        .phases = std::move(phases),
        .stop = {},
        .counted_from = time_basis::injury,
    };
    return b.finish(std::move(p));
}

} // namespace rehab::protocols
