/// @file builtin_exercises.cpp
/// The exercises the library ships with.
///
/// Every instruction is written for this library. Exercises taken from the seed documents keep
/// only what those documents show (movement, position, equipment); exercises taken from papers
/// keep only what the papers (or the reproductions listed in `clinical-facts.md`) specify, with
/// the paper named beside each such fact. Doses (sets, repetitions, holds, loads, tempo) are
/// deliberately absent: they belong to protocols, not to exercises.

#include "builtin_exercises.hpp"

#include <vector>

#include <rehab/exercise.hpp>

namespace rehab::detail {

namespace {

// Target vocabulary, used consistently below.
constexpr const char* gastrocnemius = "gastrocnemius";
constexpr const char* soleus = "soleus";
constexpr const char* achilles_tendon = "Achilles tendon";
constexpr const char* plantar_fascia = "plantar fascia";
constexpr const char* ankle_dorsiflexors = "ankle dorsiflexors";
constexpr const char* ankle_stabilizers = "ankle stabilizers";
constexpr const char* ankle_joint = "ankle joint";
constexpr const char* gluteus_medius = "gluteus medius";
constexpr const char* gluteus_maximus = "gluteus maximus";
constexpr const char* quadriceps = "quadriceps";

// Source citations.
constexpr const char* seed_heel_pain_app = "seed: heel-pain app program";
constexpr const char* seed_rupture_video = "seed: rupture exercise video";
constexpr const char* alfredson_1998 = "Alfredson 1998";
constexpr const char* jonsson_2008 = "Jonsson 2008";
constexpr const char* beyer_2015 = "Beyer 2015";
constexpr const char* silbernagel_2020 = "Silbernagel 2020 (J Athl Train 55:438)";
constexpr const char* willits_barfod_range =
    "Willits 2010, Table E-1 (active plantar flexion, dorsiflexion to neutral; inversion/eversion "
    "below neutral); Barfod 2016 (ankle range of motion, dorsiflexion only to 90 degrees)";
constexpr const char* london_nonop_weeks_2_4 =
    "London non-operative rupture guidelines, weeks 2-4 (clinical-facts 4c)";
constexpr const char* willits_barfod_band =
    "Willits 2010, Table E-1 (graduated resistance from week 6); Barfod 2016 (band exercises)";
constexpr const char* barfod_2016_weeks_9_11 = "Barfod 2016, weeks 9-11";
constexpr const char* barfod_2016_weeks_12_16 = "Barfod 2016, weeks 12-16";

// Safety notes shared by many exercises.
constexpr const char* snap_or_pop =
    "Stop and get medical advice promptly if you feel or hear a sudden snap or pop in the calf "
    "or heel.";
constexpr const char* sharp_pain =
    "Stop and contact your clinician if the pain turns sharp or goes beyond what your program "
    "allows.";
constexpr const char* stretch_not_pain =
    "Stretch only to a firm, tolerable pull; never force the stretch into pain.";
constexpr const char* after_rupture_ask_first =
    "After a rupture or Achilles surgery, check with your surgeon or physical therapist before "
    "starting this exercise.";
// After a rupture the phase's restrictions (weight-bearing, ankle range) outrank the exercise.
constexpr const char* phase_limits_first =
    "The weight-bearing and ankle-range limits of your current phase come first: never put more "
    "weight on the leg or move the ankle further than they allow.";
constexpr const char* boot_off_no_weight =
    "Take the boot off only if your program allows it, keep weight off the leg while it is off, "
    "and put it back on before you stand up.";

// Beyer 2015 pain rule (as reproduced by UpToDate): discomfort during the session is acceptable;
// pain that is higher after training means a lighter load or slower progression.
constexpr const char* hsr_pain_rule =
    "Some discomfort during the set is acceptable, but if pain is worse after a session, tell "
    "your clinician so the load can be lowered or progressed more slowly.";

// Silbernagel 2007 pain-monitoring model, used with the Silbernagel 2020 loading program.
constexpr const char* pain_monitoring_rule =
    "Keep within the pain limits of your program: any pain the exercise brings on should have "
    "settled by the next morning and should not be building from week to week.";

// Silbernagel 2020, Table 2: with pain at the insertion, stay on the floor instead of a step.
constexpr const char* insertion_stay_on_floor =
    "If your program moves this onto a step and the pain is where the tendon joins the heel "
    "bone, ask your clinician before letting the heels drop below the step.";

// Alfredson 1998 drops are painful by design (Alfredson & Cook 2007); the wording stays careful.
constexpr const char* alfredson_pain_expected =
    "Some Achilles pain while lowering is expected in this method and is not by itself a reason "
    "to stop, as long as it stays within the limits your clinician has set.";

} // namespace

std::vector<rehab::exercise> builtin_exercises() {
    std::vector<rehab::exercise> out;
    out.reserve(29);

    // ---------------------------------------------------------------------------------------
    // Seed: the heel-pain app program.
    // ---------------------------------------------------------------------------------------

    out.push_back({
        .id = "heel-raise-bent-knee",
        .name = "Bent-knee heel raise",
        .kind = exercise_kind::concentric_eccentric,
        .targets = {soleus, achilles_tendon},
        .equipment = {},
        .position = body_position::standing,
        .laterality = laterality::bilateral,
        .starting_position =
            "Stand upright on a flat floor, feet a short distance apart and aimed forward.",
        .steps =
            {
                "Bend your knees and ankles together so your knees travel forward past your toes.",
                "Keep going until the ankles will bend no further, with both heels still down.",
                "Without straightening the knees, rise slowly onto the balls of your feet.",
                "Pause at the top and steady yourself.",
                "Let your heels sink slowly back to the floor, knees still bent.",
            },
        .cues =
            {
                "Deep in the knee bend, a tight feeling around the ankle, in front and behind, is "
                "normal; pain is not.",
                "Keep the same amount of knee bend while the heels rise and fall.",
            },
        .safety =
            {
                "Bend the knees less if the ankle hurts rather than just feeling tight.",
                snap_or_pop,
            },
        .source = seed_heel_pain_app,
        // Knees forward past the toes with the heels down bends the ankles past neutral under load.
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    out.push_back({
        .id = "ankle-dorsiflexion-band",
        .name = "Banded ankle dorsiflexion",
        .kind = exercise_kind::concentric_eccentric,
        .targets = {ankle_dorsiflexors},
        .equipment = {equipment::band},
        .position = body_position::long_sitting,
        .laterality = laterality::unilateral,
        .starting_position =
            "Sit on a mat, both legs extended in front of you. Secure one end of an elastic band "
            "to a heavy, immovable anchor ahead of you and loop the free end over one forefoot.",
        .steps =
            {
                "Shuffle back until the band is taut with your foot relaxed.",
                "Draw your toes and foot up toward your shin against the band.",
                "Let the foot return slowly, keeping tension in the band.",
                "Finish the set, then move the band to the other foot.",
            },
        .cues =
            {
                "Only the ankle moves; the knee stays straight and the heel rests on the floor.",
                "Control the way back instead of letting the band pull the foot down.",
            },
        .safety =
            {
                "Check the band and its anchor before you start so neither can slip or snap back "
                "toward you.",
                sharp_pain,
            },
        .source = seed_heel_pain_app,
        // The foot is pulled up actively, through its range and so past neutral.
        .needs =
            {
                .weight_bearing = weight_bearing::non,
                .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    out.push_back({
        .id = "achilles-wall-stretch",
        .name = "Achilles wall stretch",
        .kind = exercise_kind::stretch,
        .targets = {soleus, achilles_tendon, plantar_fascia},
        .equipment = {equipment::wall},
        .position = body_position::standing,
        .laterality = laterality::unilateral,
        .starting_position =
            "Face a wall without shoes on. Prop the toes of one foot up on the wall with that "
            "heel on the floor.",
        .steps =
            {
                "Soften the knee of the front leg slightly.",
                "Ease that knee toward the wall to bring on a stretch.",
                "Stay still in the stretch without bouncing.",
                "Come back out of the stretch slowly, then change feet.",
            },
        .cues =
            {
                "Expect the pull low down behind the heel and through the arch.",
                "The heel of the stretched foot stays on the floor.",
            },
        .safety =
            {
                stretch_not_pain,
                snap_or_pop,
            },
        .source = seed_heel_pain_app,
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                .passive_stretch = true,
            },
    });

    // ---------------------------------------------------------------------------------------
    // Seed: the rupture-rehabilitation exercise video.
    // ---------------------------------------------------------------------------------------

    out.push_back({
        .id = "towel-calf-stretch",
        .name = "Towel calf stretch",
        .kind = exercise_kind::stretch,
        .targets = {gastrocnemius, achilles_tendon},
        .equipment = {equipment::towel_or_strap},
        .position = body_position::long_sitting,
        .laterality = laterality::unilateral,
        .starting_position =
            "Sit on a mat, legs extended in front of you. Loop a towel, belt or strap across the "
            "ball of one foot and hold one end in each hand.",
        .steps =
            {
                "Relax the ankle so the towel does all of the moving.",
                "Draw the towel toward you, easing the forefoot back toward your shin.",
                "Stop once the calf and the area behind the heel feel stretched, and hold there.",
                "Slacken the towel and let the foot rest.",
            },
        .cues =
            {
                "Keep the knee of the stretched leg straight throughout.",
                "Sit the loop on the ball of the foot, not the toes, so it cannot slide off.",
            },
        .safety =
            {
                "Stop at a mild, bearable stretch; a healing tendon must not be pushed into "
                "pain.",
                after_rupture_ask_first,
                snap_or_pop,
            },
        .source = seed_rupture_video,
        .needs =
            {
                .weight_bearing = weight_bearing::non,
                .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                .passive_stretch = true,
            },
    });

    out.push_back({
        .id = "standing-calf-stretch",
        .name = "Standing calf stretch",
        .kind = exercise_kind::stretch,
        .targets = {gastrocnemius, achilles_tendon},
        .equipment = {equipment::chair_or_counter},
        .position = body_position::standing,
        .laterality = laterality::unilateral,
        .starting_position =
            "Stand facing a stable chair or counter with both hands on it. Step one foot back, "
            "toes aimed forward and heel flat on the floor.",
        .steps =
            {
                "Straighten the knee of the back leg.",
                "Bend the front knee and shift your weight forward.",
                "Stop once the calf of the back leg is gently stretched, and stay there.",
                "Straighten up again and relax.",
            },
        .cues =
            {
                "Keep the back foot pointing forward rather than turned out.",
                "The back heel stays on the floor the whole time.",
            },
        .safety =
            {
                stretch_not_pain,
                after_rupture_ask_first,
                snap_or_pop,
            },
        .source = seed_rupture_video,
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                .passive_stretch = true,
            },
    });

    out.push_back({
        .id = "standing-soleus-stretch",
        .name = "Standing soleus stretch",
        .kind = exercise_kind::stretch,
        .targets = {soleus, achilles_tendon},
        .equipment = {equipment::chair_or_counter},
        .position = body_position::standing,
        .laterality = laterality::unilateral,
        .starting_position =
            "Stand facing a stable chair or counter with both hands on it. Step one foot back, "
            "toes aimed forward and heel flat on the floor.",
        .steps =
            {
                "Bend the knee of the back leg; bending both knees is fine.",
                "Shift your weight forward while the back heel stays down.",
                "Stop once the stretch is felt low in the back calf, and stay there.",
                "Straighten up again and relax.",
            },
        .cues =
            {
                "Keep the back foot pointing forward rather than turned out.",
                "The stretch may also be felt at the front of the ankle, which bends further here.",
            },
        .safety =
            {
                stretch_not_pain,
                after_rupture_ask_first,
                snap_or_pop,
            },
        .source = seed_rupture_video,
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                .passive_stretch = true,
            },
    });

    out.push_back({
        .id = "heel-raise-slow-lowering",
        .name = "Heel raise with slow lowering",
        .kind = exercise_kind::concentric_eccentric,
        .targets = {gastrocnemius, soleus, achilles_tendon},
        .equipment = {equipment::chair_or_counter},
        .position = body_position::standing,
        .laterality = laterality::bilateral,
        .starting_position =
            "Stand tall with your feet level and shoulder-width apart, hands on a stable chair or "
            "counter if you need support.",
        .steps =
            {
                "Lift both heels off the floor to rise onto the balls of your feet.",
                "Lower the heels back down slowly, resisting all the way.",
                "Let the heels touch the floor before the next raise.",
            },
        .cues =
            {
                "The slow way down is the part that matters; do not just drop.",
                "Share your weight evenly between both feet.",
            },
        .safety =
            {
                "Start with a small amount and see how the heel and calf feel the next day before "
                "doing more.",
                after_rupture_ask_first,
                snap_or_pop,
            },
        .source = seed_rupture_video,
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .dorsiflexion = dorsiflexion_reach::to_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    out.push_back({
        .id = "single-leg-balance",
        .name = "Single-leg balance",
        .kind = exercise_kind::balance,
        .targets = {ankle_stabilizers},
        .equipment = {equipment::chair_or_counter},
        .position = body_position::standing,
        .laterality = laterality::unilateral,
        .starting_position =
            "Stand beside a stable chair or counter with both hands resting on it.",
        .steps =
            {
                "Lift one foot and balance on the other leg.",
                "As you get steadier, hold on with just one or two fingertips.",
                "Progress to a single fingertip, then to no support at all.",
                "Put the foot down and change legs.",
            },
        .cues =
            {
                "Stand tall and let the ankle make small corrections.",
                "Keep the support within reach even when you are not holding it.",
            },
        .safety =
            {
                "Grab the support straight away if you start to fall, and sit down if you feel "
                "dizzy.",
                after_rupture_ask_first,
            },
        .source = seed_rupture_video,
        // Standing flat on the floor holds the ankle at about neutral.
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .single_leg_stance = true,
                .dorsiflexion = dorsiflexion_reach::to_neutral,
            },
    });

    // ---------------------------------------------------------------------------------------
    // Alfredson 1998 heavy-load eccentric training (mid-portion tendinopathy).
    // ---------------------------------------------------------------------------------------

    out.push_back({
        .id = "eccentric-heel-drop-straight-knee",
        .name = "Eccentric heel drop, straight knee",
        .kind = exercise_kind::eccentric,
        .targets = {gastrocnemius, soleus, achilles_tendon}, // Alfredson 1998: straight knee
        .equipment = {equipment::step, equipment::chair_or_counter},
        .position = body_position::standing,
        .laterality = laterality::unilateral,
        // Alfredson 1998: start on the ball of the foot on a step edge, ankle plantarflexed,
        // weight on the symptomatic leg.
        .starting_position =
            "Stand with the balls of both feet on the edge of a step, heels over the edge and a "
            "rail or wall within reach. Rise onto your toes, then move your weight onto the "
            "affected leg.",
        .steps =
            {
                "Keep the knee of the affected leg straight.",
                // Alfredson 1998: lower below the forefoot into full dorsiflexion.
                "Lower the heel slowly below the step, as far as the ankle will go.",
                // Alfredson 1998: no concentric work on the affected side.
                "Put the other foot on the step and let it, with your arms if needed, lift you "
                "back onto your toes.",
                "Move your weight back onto the affected leg before the next lowering.",
            },
        .cues =
            {
                alfredson_pain_expected, // Alfredson & Cook 2007
                "The affected leg only lowers; the other leg does all of the lifting.",
            },
        .safety =
            {
                snap_or_pop,
                sharp_pain,
                // Fahlström 2003: poor results in insertional pain; Jonsson 2008 floor variant.
                "If the pain is where the tendon joins the heel bone, ask your clinician whether "
                "the floor-level version suits you better.",
            },
        .source = alfredson_1998,
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .single_leg_stance = true,
                .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    out.push_back({
        .id = "eccentric-heel-drop-bent-knee",
        .name = "Eccentric heel drop, bent knee",
        .kind = exercise_kind::eccentric,
        .targets = {soleus, achilles_tendon}, // Alfredson 1998: bent knee for soleus
        .equipment = {equipment::step, equipment::chair_or_counter},
        .position = body_position::standing,
        .laterality = laterality::unilateral,
        // Alfredson 1998: same start as the straight-knee drop.
        .starting_position =
            "Stand with the balls of both feet on the edge of a step, heels over the edge and a "
            "rail or wall within reach. Rise onto your toes, then move your weight onto the "
            "affected leg.",
        .steps =
            {
                // Alfredson 1998: knee bent; the angle is not confirmed, so none is given.
                "Bend the knee of the affected leg and keep it bent throughout.",
                // Alfredson 1998: lower below the forefoot into full dorsiflexion.
                "Lower the heel slowly below the step, as far as the ankle will go.",
                // Alfredson 1998: no concentric work on the affected side.
                "Put the other foot on the step and let it, with your arms if needed, lift you "
                "back onto your toes.",
                "Move your weight back onto the affected leg and bend its knee again.",
            },
        .cues =
            {
                alfredson_pain_expected, // Alfredson & Cook 2007
                "Hold the same knee bend from the top of the movement to the bottom.",
            },
        .safety =
            {
                snap_or_pop,
                sharp_pain,
                // Fahlström 2003: poor results in insertional pain; Jonsson 2008 floor variant.
                "If the pain is where the tendon joins the heel bone, ask your clinician whether "
                "the floor-level version suits you better.",
            },
        .source = alfredson_1998,
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .single_leg_stance = true,
                .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    // Jonsson 2008: the same painful eccentric regimen for insertional pain, "without loading
    // into dorsiflexion" (usually done at floor level, heel never below the forefoot). Being the
    // same regimen, it keeps both of Alfredson's knee variations.
    out.push_back({
        .id = "eccentric-heel-drop-floor-straight-knee",
        .name = "Eccentric heel drop to floor level, straight knee",
        .kind = exercise_kind::eccentric,
        .targets = {gastrocnemius, soleus, achilles_tendon}, // Alfredson 1998: straight knee
        .equipment = {equipment::chair_or_counter},
        .position = body_position::standing,
        .laterality = laterality::unilateral,
        .starting_position =
            "Stand on a flat floor with a rail, wall or counter within reach. Rise onto your toes "
            "on both feet, then move your weight onto the affected leg.",
        .steps =
            {
                "Keep the knee of the affected leg straight.",
                // Jonsson 2008: no loading into dorsiflexion.
                "Lower the heel slowly until it rests on the floor, and go no lower.",
                // Jonsson 2008 keeps Alfredson's rule: no concentric work on the affected side.
                "Put the other foot down and let it, with your arms if needed, lift you back onto "
                "your toes.",
                "Move your weight back onto the affected leg before the next lowering.",
            },
        .cues =
            {
                alfredson_pain_expected, // Jonsson 2008: a painful regimen
                "Never let the heel sink lower than the front of the foot.",
            },
        .safety =
            {
                snap_or_pop,
                sharp_pain,
            },
        .source = jonsson_2008,
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .single_leg_stance = true,
                .dorsiflexion = dorsiflexion_reach::to_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    out.push_back({
        .id = "eccentric-heel-drop-floor-bent-knee",
        .name = "Eccentric heel drop to floor level, bent knee",
        .kind = exercise_kind::eccentric,
        .targets = {soleus, achilles_tendon}, // Alfredson 1998: bent knee for soleus
        .equipment = {equipment::chair_or_counter},
        .position = body_position::standing,
        .laterality = laterality::unilateral,
        .starting_position =
            "Stand on a flat floor with a rail, wall or counter within reach. Rise onto your toes "
            "on both feet, then move your weight onto the affected leg.",
        .steps =
            {
                // Alfredson 1998: knee bent; the angle is not confirmed, so none is given.
                "Bend the knee of the affected leg and keep it bent throughout.",
                // Jonsson 2008: no loading into dorsiflexion.
                "Lower the heel slowly until it rests on the floor, and go no lower.",
                // Jonsson 2008 keeps Alfredson's rule: no concentric work on the affected side.
                "Put the other foot down and let it, with your arms if needed, lift you back onto "
                "your toes.",
                "Move your weight back onto the affected leg and bend its knee again.",
            },
        .cues =
            {
                alfredson_pain_expected, // Jonsson 2008: a painful regimen
                "Never let the heel sink lower than the front of the foot.",
                "Hold the same knee bend from the top of the movement to the bottom.",
            },
        .safety =
            {
                snap_or_pop,
                sharp_pain,
            },
        .source = jonsson_2008,
        // Judgement: the heel stops at the floor, but a bent knee over a flat foot tips the shin
        // forward, past neutral.
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .single_leg_stance = true,
                .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    // ---------------------------------------------------------------------------------------
    // Beyer 2015 heavy slow resistance (bilateral, full ankle range).
    // ---------------------------------------------------------------------------------------

    out.push_back({
        .id = "seated-heel-raise",
        .name = "Seated heel raise (machine)",
        .kind = exercise_kind::concentric_eccentric,
        .targets = {soleus, achilles_tendon},
        .equipment = {equipment::weight_machine},
        .position = body_position::sitting,
        .laterality = laterality::bilateral,
        // Beyer 2015: seated calf-raise machine, knees bent.
        .starting_position =
            "Sit at a seated calf-raise machine with the balls of both feet on the foot plate and "
            "the heels free. Fit the knee pad snugly across your thighs just above the knees.",
        .steps =
            {
                "Lift the load slightly and release the safety catch.",
                // Beyer 2015: full ankle range of motion.
                "Let your heels sink slowly as far as the ankles allow.",
                "Press up through the balls of your feet until the heels are as high as they go.",
                "Lower slowly back to the bottom position.",
                "Put the safety catch back on before you stand up.",
            },
        .cues =
            {
                "Use the whole ankle range, fully down to fully up, at a slow and even speed.",
                "Keep the knees bent and still; only the ankles move.",
            },
        .safety =
            {
                hsr_pain_rule, // Beyer 2015
                snap_or_pop,
            },
        .source = beyer_2015,
        // Judgement: seated, the load rests on the thighs, so limited rather than as tolerated.
        .needs =
            {
                .weight_bearing = weight_bearing::limited,
                .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    out.push_back({
        .id = "leg-press-calf-raise",
        .name = "Leg-press calf raise",
        .kind = exercise_kind::concentric_eccentric,
        .targets = {gastrocnemius, soleus, achilles_tendon},
        .equipment = {equipment::weight_machine},
        .position = body_position::sitting,
        .laterality = laterality::bilateral,
        // Beyer 2015: leg press, knees straight.
        .starting_position =
            "Sit in a leg press with your back against the pad. Put the balls of both feet on the "
            "lower edge of the platform with the heels off it, and straighten your knees to take "
            "the load.",
        .steps =
            {
                "Release the safety catches while your knees stay straight.",
                // Beyer 2015: full ankle range of motion.
                "Let the platform ease your toes toward you slowly, as far as the ankles allow.",
                "Push the platform away by pointing your feet until the ankles are fully extended.",
                "Return slowly to the stretched position.",
                "Lock the safety catches again before you take your feet off.",
            },
        .cues =
            {
                "The knees stay straight throughout; only the ankles move.",
                "Use the whole ankle range at a slow and even speed.",
            },
        .safety =
            {
                "Keep the balls of your feet firmly on the platform; a foot slipping off can let "
                "the sled drop.",
                hsr_pain_rule, // Beyer 2015
                snap_or_pop,
            },
        .source = beyer_2015,
        // Judgement: knees straight against the sled loads the leg as standing does, so as
        // tolerated.
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    out.push_back({
        .id = "standing-calf-raise",
        .name = "Standing calf raise (barbell)",
        .kind = exercise_kind::concentric_eccentric,
        .targets = {gastrocnemius, soleus, achilles_tendon},
        .equipment = {equipment::raised_surface, equipment::barbell},
        .position = body_position::standing,
        .laterality = laterality::bilateral,
        // Beyer 2015: forefoot on a disc or raised surface, barbell (or Smith machine) on the
        // upper back, knees straight.
        .starting_position =
            "Stand with the balls of both feet on a weight disc or solid block and your heels on "
            "the floor side. Rest a barbell, or the bar of a Smith machine, across your upper "
            "back.",
        .steps =
            {
                "Stand tall with your knees straight.",
                // Beyer 2015: full ankle range of motion.
                "Let your heels sink slowly as far as the ankles allow.",
                "Rise slowly onto the balls of your feet as high as you can.",
                "Lower back to the bottom with control and repeat.",
                "Return the bar to the rack when the set is done.",
            },
        .cues =
            {
                "Use the whole ankle range at a slow and even speed.",
                "Keep your trunk upright and your knees straight.",
            },
        .safety =
            {
                "Lift inside a rack with safety stops, or in a Smith machine, and make sure the "
                "disc or block cannot slide.",
                hsr_pain_rule, // Beyer 2015
                snap_or_pop,
            },
        .source = beyer_2015,
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    // ---------------------------------------------------------------------------------------
    // Silbernagel combined loading program (J Athl Train 2020, Table 2). Body weight first,
    // moved slowly and with control; speed before plyometrics.
    // ---------------------------------------------------------------------------------------

    out.push_back({
        .id = "two-leg-heel-raise",
        .name = "Two-leg heel raise",
        .kind = exercise_kind::concentric_eccentric,
        .targets = {gastrocnemius, soleus, achilles_tendon},
        .equipment = {},
        .position = body_position::standing,
        .laterality = laterality::bilateral,
        .starting_position =
            "Stand on the floor with feet hip-width apart, fingertips on a wall or chair for "
            "balance if needed.",
        .steps =
            {
                "Rise onto the balls of both feet, lifting the heels as high as you can.",
                "Lower both heels back to the floor slowly.",
                "Keep your weight shared evenly between the feet.",
            },
        .cues =
            {
                "Move slowly and smoothly in both directions.", // Silbernagel 2020
                "Reach full height on every repetition.",
            },
        .safety =
            {
                pain_monitoring_rule,    // Silbernagel 2007
                insertion_stay_on_floor, // Silbernagel 2020, Table 2
                snap_or_pop,
            },
        .source = silbernagel_2020,
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .dorsiflexion = dorsiflexion_reach::to_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    out.push_back({
        .id = "two-leg-heel-raise-step",
        .name = "Two-leg heel raise on a step",
        .kind = exercise_kind::concentric_eccentric,
        .targets = {gastrocnemius, soleus, achilles_tendon},
        .equipment = {equipment::step, equipment::chair_or_counter},
        .position = body_position::standing,
        .laterality = laterality::bilateral,
        // Silbernagel 2020, Table 2: on the edge of a step.
        .starting_position =
            "Stand with the balls of both feet on the edge of a step and your heels over the "
            "edge. Keep a hand on a rail, wall or chair for balance.",
        .steps =
            {
                "Rise onto the balls of both feet, lifting the heels as high as you can.",
                "Lower both heels slowly below the level of the step, as far as is comfortable.",
                "Keep your weight shared evenly between the feet.",
            },
        .cues =
            {
                "Move slowly and smoothly in both directions.", // Silbernagel 2020
                "Keep the balls of the feet pressed into the step so they cannot slide off.",
            },
        .safety =
            {
                pain_monitoring_rule,    // Silbernagel 2007
                insertion_stay_on_floor, // Silbernagel 2020, Table 2
                snap_or_pop,
            },
        .source = silbernagel_2020,
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    out.push_back({
        .id = "single-leg-heel-raise",
        .name = "Single-leg heel raise",
        .kind = exercise_kind::concentric_eccentric,
        .targets = {gastrocnemius, soleus, achilles_tendon},
        .equipment = {},
        .position = body_position::standing,
        .laterality = laterality::unilateral,
        .starting_position =
            "Stand on the floor on one leg with the other foot lifted, fingertips on a wall or "
            "chair for balance if needed.",
        .steps =
            {
                "Rise onto the ball of the standing foot, lifting the heel as high as you can.",
                "Lower the heel back to the floor slowly.",
                "Finish the set, then change legs.",
            },
        .cues =
            {
                "Move slowly and smoothly in both directions.", // Silbernagel 2020
                "Use the wall or chair for balance only, not to push yourself up.",
            },
        .safety =
            {
                pain_monitoring_rule,    // Silbernagel 2007
                insertion_stay_on_floor, // Silbernagel 2020, Table 2
                snap_or_pop,
            },
        .source = silbernagel_2020,
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .single_leg_stance = true,
                .dorsiflexion = dorsiflexion_reach::to_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    out.push_back({
        .id = "single-leg-heel-raise-step",
        .name = "Single-leg heel raise on a step",
        .kind = exercise_kind::concentric_eccentric,
        .targets = {gastrocnemius, soleus, achilles_tendon},
        .equipment = {equipment::step, equipment::chair_or_counter},
        .position = body_position::standing,
        .laterality = laterality::unilateral,
        // Silbernagel 2020, Table 2: on the edge of a step.
        .starting_position =
            "Stand on one leg with the ball of that foot on the edge of a step and the heel over "
            "the edge, the other foot lifted. Keep a hand on a rail, wall or chair for balance.",
        .steps =
            {
                "Rise onto the ball of the standing foot, lifting the heel as high as you can.",
                "Lower the heel slowly below the level of the step, as far as is comfortable.",
                "Finish the set, then change legs.",
            },
        .cues =
            {
                "Move slowly and smoothly in both directions.", // Silbernagel 2020
                "Use the support for balance only, not to push yourself up.",
            },
        .safety =
            {
                pain_monitoring_rule,    // Silbernagel 2007
                insertion_stay_on_floor, // Silbernagel 2020, Table 2
                snap_or_pop,
            },
        .source = silbernagel_2020,
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .single_leg_stance = true,
                .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    out.push_back({
        .id = "eccentric-heel-raise-floor",
        .name = "Eccentric heel raise on the floor",
        .kind = exercise_kind::eccentric,
        .targets = {gastrocnemius, soleus, achilles_tendon},
        .equipment = {},
        .position = body_position::standing,
        .laterality = laterality::unilateral,
        .starting_position =
            "Stand on the floor with feet hip-width apart, fingertips on a wall or chair for "
            "balance if needed.",
        .steps =
            {
                "Rise onto the balls of both feet.",
                "Lift the unaffected foot so your weight rests on the affected leg.",
                "Lower the heel of the affected leg slowly to the floor.",
                "Put the other foot down and rise on both feet again.",
            },
        .cues =
            {
                "Both legs lift; the affected leg alone lowers.",
                "Make the lowering slow and controlled all the way down.", // Silbernagel 2020
            },
        .safety =
            {
                pain_monitoring_rule,    // Silbernagel 2007
                insertion_stay_on_floor, // Silbernagel 2020, Table 2
                snap_or_pop,
            },
        .source = silbernagel_2020,
        // The affected leg alone takes the lowering.
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .single_leg_stance = true,
                .dorsiflexion = dorsiflexion_reach::to_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    out.push_back({
        .id = "eccentric-heel-raise-step",
        .name = "Eccentric heel raise on a step",
        .kind = exercise_kind::eccentric,
        .targets = {gastrocnemius, soleus, achilles_tendon},
        .equipment = {equipment::step, equipment::chair_or_counter},
        .position = body_position::standing,
        .laterality = laterality::unilateral,
        // Silbernagel 2020, Table 2: on the edge of a step.
        .starting_position =
            "Stand with the balls of both feet on the edge of a step and your heels over the "
            "edge. Keep a hand on a rail, wall or chair for balance.",
        .steps =
            {
                "Rise onto the balls of both feet.",
                "Lift the unaffected foot so your weight rests on the affected leg.",
                "Lower the heel of the affected leg slowly below the level of the step.",
                "Put the other foot back on the step and rise on both feet again.",
            },
        .cues =
            {
                "Both legs lift; the affected leg alone lowers.",
                "Make the lowering slow and controlled all the way down.", // Silbernagel 2020
            },
        .safety =
            {
                pain_monitoring_rule,    // Silbernagel 2007
                insertion_stay_on_floor, // Silbernagel 2020, Table 2
                snap_or_pop,
            },
        .source = silbernagel_2020,
        // The affected leg alone takes the lowering.
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .single_leg_stance = true,
                .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    // Silbernagel 2020, Table 2: "sitting heel rises", body weight or added resistance. Not the
    // Beyer 2015 machine exercise (`seated-heel-raise`).
    out.push_back({
        .id = "sitting-heel-raise",
        .name = "Sitting heel raise",
        .kind = exercise_kind::concentric_eccentric,
        .targets = {soleus, achilles_tendon},
        .equipment = {equipment::chair_or_counter},
        .position = body_position::sitting,
        .laterality = laterality::bilateral,
        .starting_position =
            "Sit on a sturdy chair with your knees bent and both feet flat on the floor, a short "
            "distance apart.",
        .steps =
            {
                "Lift both heels as high as you can, keeping the balls of your feet on the floor.",
                "Lower the heels slowly back to the floor.",
                // Silbernagel 2020: load is added through external resistance.
                "For more resistance, rest a weight on your knees or press down on them with your "
                "hands as you lift.",
            },
        .cues =
            {
                "Move slowly and smoothly in both directions.", // Silbernagel 2020
                "Only the ankles move; the knees stay bent and the trunk stays still.",
            },
        .safety =
            {
                pain_monitoring_rule, // Silbernagel 2007
                snap_or_pop,
            },
        .source = silbernagel_2020,
        // Judgement: seated, the feet press into the floor without body weight, so limited.
        .needs =
            {
                .weight_bearing = weight_bearing::limited,
                .dorsiflexion = dorsiflexion_reach::to_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    out.push_back({
        .id = "quick-rebound-heel-raise",
        .name = "Quick-rebound heel raise",
        .kind = exercise_kind::plyometric,
        .targets = {gastrocnemius, soleus, achilles_tendon},
        .equipment = {},
        .position = body_position::standing,
        .laterality = laterality::bilateral,
        .starting_position =
            "Stand on the floor with feet hip-width apart, fingertips on a wall or chair for "
            "balance if needed.",
        .steps =
            {
                "Rise onto the balls of your feet.",
                "Drop the heels and spring straight back up without pausing at the bottom.",
                "Keep up a quick, even rhythm.",
                "End the set when the rhythm stops being smooth.",
            },
        .cues =
            {
                "Think springy and light, changing direction quickly at the bottom.",
                "Stay tall and keep the effort in the ankles.",
            },
        .safety =
            {
                // Silbernagel 2020: speed is added once the slow body-weight work is easy.
                "Start these only when slow heel raises feel easy and your program includes them.",
                pain_monitoring_rule, // Silbernagel 2007
                snap_or_pop,
            },
        .source = silbernagel_2020,
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .dorsiflexion = dorsiflexion_reach::to_neutral,
                .counts_as = {"resistance_exercise", "plyometrics"},
            },
    });

    // ---------------------------------------------------------------------------------------
    // After an Achilles tendon rupture: early ankle range inside the phase's limits, then
    // resistance and the Barfod 2016 weeks 9-16 programme.
    // ---------------------------------------------------------------------------------------

    out.push_back({
        .id = "ankle-range-to-neutral",
        .name = "Active ankle movement to neutral",
        .kind = exercise_kind::mobility,
        .targets = {ankle_joint, ankle_dorsiflexors, ankle_stabilizers},
        .equipment = {},
        .position = body_position::sitting,
        .laterality = laterality::unilateral,
        .starting_position =
            "Sit with the affected leg resting on a stool or cushion, the heel just past its edge "
            "so the foot can move freely.",
        .steps =
            {
                "Point the foot down, away from you, as far as is comfortable.",
                // Willits 2010: dorsiflexion to neutral; Barfod 2016: only to 90 degrees.
                "Bring the foot slowly back up until it is at a right angle to your shin, and stop "
                "there.",
                // Willits 2010: inversion and eversion below neutral.
                "Point the foot down again and, keeping it pointed, turn the sole in toward the "
                "other foot.",
                "Still pointed, turn the sole out, away from the other foot.",
            },
        .cues =
            {
                "A right angle between foot and shin is as far up as the foot goes; never pull it "
                "further toward you.",
                "Your own muscles move the foot; do not push it with your hands or the other foot.",
            },
        .safety =
            {
                phase_limits_first,
                boot_off_no_weight,
                after_rupture_ask_first,
                snap_or_pop,
            },
        .source = willits_barfod_range,
        .needs =
            {
                .weight_bearing = weight_bearing::non,
                .dorsiflexion = dorsiflexion_reach::to_neutral,
            },
    });

    out.push_back({
        .id = "ankle-plantarflexion-from-boot",
        .name = "Pointing the foot from the boot position",
        .kind = exercise_kind::mobility,
        .targets = {ankle_joint, gastrocnemius, soleus},
        .equipment = {},
        // Sitting or lying on the back; the position enum holds one, so sitting.
        .position = body_position::sitting,
        .laterality = laterality::unilateral,
        .starting_position =
            "Sit, or lie on your back, with the affected leg resting on a pillow and the heel just "
            "past its edge. Let the foot rest at the angle the boot held it.",
        .steps =
            {
                // London non-op, weeks 2-4: from the boot position to full plantarflexion.
                "Point the foot down, away from you, as far as it will go.",
                // London non-op, weeks 2-4: back to the boot position but not beyond.
                "Bring it slowly back up to the angle the boot held it, and stop there.",
                "Put the boot back on when you have finished.",
            },
        .cues =
            {
                "The boot's angle is the highest the foot goes; never bring it further toward you.",
                "Your own calf muscles point the foot; do not push it with your hands.",
            },
        .safety =
            {
                phase_limits_first,
                boot_off_no_weight,
                after_rupture_ask_first,
                snap_or_pop,
            },
        .source = london_nonop_weeks_2_4,
        .needs =
            {
                .weight_bearing = weight_bearing::non,
            },
    });

    out.push_back({
        .id = "ankle-plantarflexion-band",
        .name = "Banded ankle push-down",
        .kind = exercise_kind::concentric_eccentric,
        .targets = {gastrocnemius, soleus, achilles_tendon},
        .equipment = {equipment::band},
        .position = body_position::long_sitting,
        .laterality = laterality::unilateral,
        .starting_position =
            "Sit on a mat or bed with your legs out straight. Loop an elastic band around the ball "
            "of the affected foot and hold one end in each hand, the band just taut.",
        .steps =
            {
                "Push the foot slowly down against the band, away from you, as far as is "
                "comfortable.",
                "Let it come back slowly to where it started, resisting the band all the way.",
                "Stop at the starting position; never let the band pull the foot up past a right "
                "angle to your shin.",
            },
        .cues =
            {
                "Keep your hands still; only the ankle moves.",
                "Move slowly in both directions.",
            },
        .safety =
            {
                phase_limits_first,
                "Check the band for tears and hold it firmly so it cannot slip or snap back toward "
                "you.",
                after_rupture_ask_first,
                snap_or_pop,
            },
        .source = willits_barfod_band,
        .needs =
            {
                .weight_bearing = weight_bearing::non,
                .dorsiflexion = dorsiflexion_reach::to_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    out.push_back({
        .id = "side-lying-hip-abduction",
        .name = "Side-lying leg lift",
        .kind = exercise_kind::concentric_eccentric,
        .targets = {gluteus_medius},
        .equipment = {},
        .position = body_position::lying,
        .laterality = laterality::unilateral,
        .starting_position =
            "Lie on your side with the leg to be worked on top, both legs straight and in line "
            "with your body. Bend the lower knee a little for balance and rest your head on your "
            "arm.",
        .steps =
            {
                "Lift the top leg toward the ceiling, taking it slightly behind you.",
                "Lower it slowly back down.",
                "Finish the set, then turn over and work the other leg.",
            },
        .cues =
            {
                "Keep the top knee straight and the toes facing forward.",
                "Keep your hips stacked; do not roll back as the leg rises.",
                "Feel the work at the side of the hip.",
            },
        .safety =
            {
                phase_limits_first,
                after_rupture_ask_first,
                snap_or_pop,
            },
        .source = barfod_2016_weeks_9_11,
        .needs =
            {
                .weight_bearing = weight_bearing::non,
            },
    });

    out.push_back({
        .id = "single-leg-press",
        .name = "Single-leg leg press",
        .kind = exercise_kind::concentric_eccentric,
        .targets = {quadriceps, gluteus_maximus, gastrocnemius, soleus},
        .equipment = {equipment::weight_machine},
        .position = body_position::sitting,
        .laterality = laterality::unilateral,
        .starting_position =
            "Sit in a leg press with your back against the pad. Put one foot flat on the platform, "
            "high enough that the ankle stays at a right angle or less when the knee is bent.",
        .steps =
            {
                "Release the safety catches.",
                "Push the platform away until the knee is nearly straight, without locking it.",
                "Let the platform come back slowly until the knee is bent again.",
                "Lock the safety catches before you take your foot off, then change legs.",
            },
        .cues =
            {
                "Push through the whole foot and keep the heel on the platform.",
                "Keep the knee in line with the foot; do not let it drift inward.",
            },
        .safety =
            {
                phase_limits_first,
                "Set the load before you start and keep the foot firmly on the platform.",
                after_rupture_ask_first,
                snap_or_pop,
            },
        .source = barfod_2016_weeks_12_16,
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .dorsiflexion = dorsiflexion_reach::to_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    out.push_back({
        .id = "forward-lunge",
        .name = "Forward lunge",
        .kind = exercise_kind::concentric_eccentric,
        .targets = {quadriceps, gluteus_maximus, soleus},
        .equipment = {},
        .position = body_position::standing,
        .laterality = laterality::unilateral,
        .starting_position =
            "Stand tall with your feet hip-width apart, near a wall or counter you can touch for "
            "balance.",
        .steps =
            {
                "Take a long step forward with one foot.",
                "Bend both knees to lower the back knee toward the floor, trunk upright.",
                "Push off the front foot to step back to the start.",
                "Repeat with the other foot in front.",
            },
        .cues =
            {
                "Keep the front heel down and the front knee over the foot.",
                "Go only as low as you can control.",
            },
        .safety =
            {
                phase_limits_first,
                "Take a shorter step and go less deep if the front ankle or heel hurts.",
                after_rupture_ask_first,
                snap_or_pop,
            },
        .source = barfod_2016_weeks_12_16,
        // The front ankle bends past neutral as you lower.
        .needs =
            {
                .weight_bearing = weight_bearing::as_tolerated,
                .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                .counts_as = {"resistance_exercise"},
            },
    });

    return out;
}

} // namespace rehab::detail
