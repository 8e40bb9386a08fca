#include <rehab/protocols.hpp>

#include <string>
#include <utility>

#include <fmt/format.h>

#include <rehab/catalog.hpp>
#include <rehab/detail/close_matches.hpp>

#include "protocol_builder.hpp"

namespace rehab::protocols {

namespace {

using namespace std::chrono_literals;
using detail::builder;
using detail::daily;
using detail::one_day;
using detail::weeks;

expected<protocol> alfredson(const alfredson_options& o, bool insertional) {
    builder b;
    b.check(o.times.size() == 2, "times",
            fmt::format("must give 2 session times, got {}", o.times.size()));
    const dose drop =
        b.make({.sets = sets{3},
                .work = repetitions{reps{15}},
                .side = sides::affected_only,
                .constraint =
                    insertional ? std::optional{movement_constraint::no_dorsiflexion_below_neutral}
                                : std::nullopt},
               "dose");
    const std::string straight = insertional ? "eccentric-heel-drop-floor-straight-knee"
                                             : "eccentric-heel-drop-straight-knee";
    const std::string bent =
        insertional ? "eccentric-heel-drop-floor-bent-knee" : "eccentric-heel-drop-bent-knee";
    protocol p{
        .id = insertional ? "alfredson-insertional" : "alfredson-eccentric",
        .version = 1,
        .name = insertional ? "Alfredson eccentric heel drops, insertional variant (floor level)"
                            : "Alfredson eccentric heel drops",
        .condition =
            insertional ? "insertional Achilles tendinopathy" : "mid-portion Achilles tendinopathy",
        .source = insertional ? "Jonsson P et al. Br J Sports Med 2008;42(9):746-749"
                              : "Alfredson H et al. Am J Sports Med 1998;26(3):360-366",
        .phases = {phase{
            .id = "eccentric-loading",
            .name = "Eccentric loading",
            .goal =
                "Load the tendon eccentrically twice a day; pain during the exercise is expected "
                "and accepted, and load is added once the exercises are pain-free.",
            .min_duration = weeks(12), // 12 weeks // Alfredson 1998; Jonsson 2008
            .max_duration = weeks(12),
            .entry = {},
            .exit = {},
            .prescriptions = {{straight, drop}, {bent, drop}},
            .frequency = daily(sessions{2}, o.times), // twice daily, 7 days a week
            .rules = {load_step{
                .id = "backpack-load",
                .exercises = {},
                .step = o.load_step,
                .cap = o.load_cap,
                .advance = {.when = progress_when::pain_free,
                            .sessions = 1,
                            .pain_free_max = o.pain_free_max},
                .min_interval = o.load_interval,
            }},
        }},
        .stop = {},
    };
    return b.finish(std::move(p));
}

} // namespace

expected<protocol> alfredson_eccentric(const alfredson_options& options) {
    return alfredson(options, false);
}

expected<protocol> alfredson_insertional(const alfredson_options& options) {
    return alfredson(options, true);
}

expected<protocol> hsr_achilles(const hsr_options& o) {
    builder b;
    const dose heavy_slow = b.make({.sets = sets{3},
                                    .work = repetitions{reps{15}},
                                    .tempo = tempo{.eccentric = 3s, .concentric = 3s}, // Beyer 2015
                                    .rest = o.rest,
                                    .load = rm_target{15},
                                    .side = sides::together},
                                   "rest");
    protocol p{
        .id = "hsr-achilles",
        .version = 1,
        .name = "Heavy slow resistance for Achilles tendinopathy",
        .condition = "mid-portion Achilles tendinopathy",
        .source = "Beyer R et al. Am J Sports Med 2015;43(7):1704-1711",
        .phases = {phase{
            .id = "heavy-slow-resistance",
            .name = "Heavy slow resistance",
            .goal =
                "Three calf exercises three times a week, heavier and fewer reps every few weeks; "
                "discomfort is acceptable, more pain after training means a lighter load or a "
                "slower progression.",
            .min_duration = weeks(12), // 12 weeks // Beyer 2015
            .max_duration = weeks(12),
            .entry = {},
            .exit = {},
            .prescriptions = {{"seated-heel-raise", heavy_slow},
                              {"leg-press-calf-raise", heavy_slow},
                              {"standing-calf-raise", heavy_slow}},
            // 3 sessions a week on non-consecutive days // Beyer 2015 via UpToDate [S]
            .frequency = {.per_day = sessions{1}, .days = days_per_week{3}, .times = {o.time}},
            .rules = {week_table{.id = "hsr-week-table",
                                 .exercises = {},
                                 // Beyer 2015 via UpToDate 103058 and [S] sources for weeks 6-8
                                 .rows = {{1, 1, sets{3}, reps{15}, true},
                                          {2, 3, sets{3}, reps{12}, true},
                                          {4, 5, sets{4}, reps{10}, true},
                                          {6, 8, sets{4}, reps{8}, true},
                                          {9, 12, sets{4}, reps{6}, true}}},
                      pain_monitoring{.id = "hsr-pain-rule",
                                      .during_max = std::nullopt, // discomfort during is acceptable
                                      .after_max = o.after_max,
                                      .morning_max = std::nullopt,
                                      .weekly_morning_max = std::nullopt,
                                      .response = o.on_pain_rise,
                                      .regress_steps = 1}},
        }},
        .stop = {},
    };
    return b.finish(std::move(p));
}

expected<protocol> silbernagel_combined(const silbernagel_options& o) {
    builder b;
    b.check(o.heel_raises_to_leave_phase_1 >= 1, "heel_raises_to_leave_phase_1",
            fmt::format("must be >= 1, got {}", o.heel_raises_to_leave_phase_1));
    b.check(o.sessions_before_load_step >= 1, "sessions_before_load_step",
            fmt::format("must be >= 1, got {}", o.sessions_before_load_step));
    const auto d = [&](int n_sets, int n_reps, sides side,
                       std::optional<int> reps_max = std::nullopt) {
        return b.make({.sets = sets{n_sets},
                       .work = repetitions{reps{n_reps}, reps_max ? std::optional{reps{*reps_max}}
                                                                  : std::nullopt},
                       .side = side},
                      "dose");
    };
    const auto monitoring = [&](std::string id) {
        return pain_monitoring{.id = std::move(id),
                               .during_max = o.during_max,
                               .after_max = o.after_max,
                               .morning_max = o.morning_max,
                               .weekly_morning_max = o.weekly_morning_max,
                               .response = o.on_breach,
                               .regress_steps = 1};
    };
    const frequency once_daily = daily(sessions{1}, {o.time}); // once a day // JAT 2020
    // JAT 2020 Table 2; one-leg work on each side, eccentric lowering on the affected side.
    protocol p{
        .id = "silbernagel-combined",
        .version = 1,
        .name = "Silbernagel combined Achilles loading program with pain monitoring",
        .condition = "Achilles tendinopathy",
        .source = "Silbernagel KG et al. J Athl Train 2020;55(5):438-447, Table 2; pain-monitoring "
                  "model: Silbernagel KG et al. Am J Sports Med 2007;35(6):897-906",
        .phases =
            {
                phase{
                    .id = "symptom-management",
                    .name = "Phase 1: symptom management",
                    .goal = "Start exercising within the pain-monitoring model.",
                    .min_duration = weeks(1), // weeks 1-2 (or longer); phase 2 may start in week 2
                    .max_duration = std::nullopt,
                    .entry = {},
                    .exit = {pain_rules_respected{weeks(1)}},
                    .prescriptions = {{"two-leg-heel-raise", d(3, 10, sides::together, 15)},
                                      {"single-leg-heel-raise", d(3, 10, sides::each)},
                                      {"eccentric-heel-raise-floor",
                                       d(3, 10, sides::affected_only)},
                                      {"sitting-heel-raise", d(3, 10, sides::together)}},
                    .frequency = once_daily,
                    .rules = {monitoring("pain-monitoring")},
                },
                phase{
                    .id = "recovery",
                    .name = "Phase 2: recovery",
                    .goal =
                        "Start strengthening on the edge of a step; stay on the floor while the "
                        "insertion hurts.",
                    .min_duration = weeks(1), // weeks 2-5 (or longer); phase 3 may start in week 3
                    .max_duration = std::nullopt,
                    .entry = {measurement_at_least{
                        measure::single_leg_heel_raises,
                        static_cast<double>(o.heel_raises_to_leave_phase_1)}},
                    .exit = {pain_rules_respected{weeks(1)}},
                    .prescriptions = {{"two-leg-heel-raise-step", d(3, 15, sides::together)},
                                      {"single-leg-heel-raise-step", d(3, 15, sides::each)},
                                      {"eccentric-heel-raise-step", d(3, 15, sides::affected_only)},
                                      {"sitting-heel-raise", d(3, 15, sides::together)},
                                      {"quick-rebound-heel-raise", d(3, 20, sides::together)}},
                    .frequency = once_daily,
                    .rules = {monitoring("pain-monitoring"),
                              floor_on_insertional_pain{
                                  .id = "floor-while-insertion-hurts",
                                  .exercises = {"two-leg-heel-raise-step",
                                                "single-leg-heel-raise-step",
                                                "eccentric-heel-raise-step"}}},
                },
                phase{
                    .id = "rebuilding",
                    .name = "Phase 3: rebuilding",
                    .goal =
                        "Heavier strength training with added weight; start or increase running "
                        "and jumping within the pain-monitoring model.",
                    .min_duration = weeks(10), // weeks 3-12 (or longer)
                    .max_duration = std::nullopt,
                    .entry = {no_insertional_pain{
                        weeks(1)}}, // no pain distally at the insertion // JAT 2020
                    .exit = {pain_rules_respected{weeks(1)}},
                    .prescriptions = {{"single-leg-heel-raise-step", d(3, 15, sides::each)},
                                      {"sitting-heel-raise", d(3, 15, sides::together)},
                                      {"eccentric-heel-raise-step", d(3, 15, sides::affected_only)},
                                      {"quick-rebound-heel-raise", d(3, 20, sides::together)}},
                    .frequency = once_daily,
                    .rules = {monitoring("pain-monitoring"),
                              load_step{.id = "added-weight",
                                        .exercises = {"single-leg-heel-raise-step",
                                                      "eccentric-heel-raise-step"},
                                        .step = o.load_step,
                                        .cap = o.load_cap,
                                        .advance = {.when = progress_when::completed,
                                                    .sessions = o.sessions_before_load_step,
                                                    .pain_free_max = pain_score{0}},
                                        .min_interval = weeks(1)},
                              floor_on_insertional_pain{
                                  .id = "floor-while-insertion-hurts",
                                  .exercises = {"single-leg-heel-raise-step",
                                                "eccentric-heel-raise-step"}}},
                },
            },
        .stop = {},
    };
    return b.finish(std::move(p));
}

expected<protocol> heel_pain_starter(const seed_program_options& o) {
    builder b;
    b.check(o.length.count() >= 1, "length",
            fmt::format("must be >= 1 day, got {}", o.length.count()));
    protocol p{
        .id = "heel-pain-starter",
        .version = 1,
        .name = "Pain in the back of the heel: starter program",
        .condition = "pain at the back of the heel (Achilles region)",
        .source = "seed: heel-pain app program",
        .phases = {phase{
            .id = "starter",
            .name = "Starter program",
            .goal = "Move and load the ankle and Achilles tendon gently every day.",
            .min_duration = o.length,
            .max_duration = o.length,
            .entry = {},
            .exit = {},
            .prescriptions =
                {{"heel-raise-bent-knee",
                  b.make({.sets = sets{1}, .work = repetitions{reps{5}}, .side = sides::together},
                         "dose")},
                 {"ankle-dorsiflexion-band",
                  b.make({.sets = sets{3}, .work = repetitions{reps{15}}, .side = sides::each},
                         "dose")},
                 {"achilles-wall-stretch",
                  b.make({.sets = sets{3}, .work = hold{30s}, .side = sides::each}, "dose")}},
            .frequency = {.per_day = o.per_day, .days = every_day{}, .times = {}},
            .rules = {},
        }},
        .stop = {},
    };
    if (o.per_day == sessions{1}) {
        p.phases[0].frequency.times = {o.time};
    }
    return b.finish(std::move(p));
}

expected<protocol> rupture_stretch_balance(const rupture_options& o) {
    builder b;
    b.check(o.program.length.count() >= 1, "program/length",
            fmt::format("must be >= 1 day, got {}", o.program.length.count()));
    b.check(o.heel_raise_step >= 1, "heel_raise_step",
            fmt::format("must be >= 1, got {}", o.heel_raise_step));
    b.check(o.heel_raise_max >= 10, "heel_raise_max",
            fmt::format("must be >= the starting 10 reps, got {}", o.heel_raise_max));
    b.check(o.sessions_per_balance_step >= 1, "sessions_per_balance_step",
            fmt::format("must be >= 1, got {}", o.sessions_per_balance_step));
    b.check(o.not_before.count() >= 0, "not_before",
            fmt::format("must be >= 0 days, got {}", o.not_before.count()));
    const dose stretch =
        b.make({.sets = sets{3}, .work = hold{30s}, .side = sides::each}, "dose"); // seed
    // Slow-lowering heel raises: start at 10 // seed; then +step up to the ceiling.
    std::vector<dose> heel_raises;
    for (int n = 10; n <= o.heel_raise_max && o.heel_raise_step >= 1; n += o.heel_raise_step) {
        heel_raises.push_back(
            b.make({.sets = sets{1}, .work = repetitions{reps{n}}, .side = sides::together},
                   "heel_raise_max"));
    }
    // Balance: two hands 15-20 s, one finger or two, one finger, then none at
    // 10-15 s // seed; then 30, 45 and 60 s // BMC MSK 2013 Table 2
    const auto balance = [&](timed work, std::optional<support_level> support) {
        return b.make(
            {.sets = sets{o.balance_sets}, .work = work, .side = sides::each, .support = support},
            "balance_sets");
    };
    const std::vector<dose> balance_steps{
        balance(timed{.duration = 15s, .duration_max = 20s}, support_level::two_hands),
        balance(timed{.duration = 15s, .duration_max = 20s}, support_level::fingertips),
        balance(timed{.duration = 15s, .duration_max = 20s}, support_level::one_finger),
        balance(timed{.duration = 10s, .duration_max = 15s}, support_level::none),
        balance(timed{30s}, support_level::none),
        balance(timed{45s}, support_level::none),
        balance(timed{60s}, support_level::none),
    };
    protocol p{
        .id = "rupture-stretch-balance",
        .version = 1,
        .name = "Achilles rupture: stretches, heel raises and balance",
        .condition = "Achilles tendon rupture, once the treating team allows loading",
        .source =
            "seed: rupture exercise video; balance times: BMC Musculoskelet Disord 2013, Table 2",
        .phases = {phase{
            .id = "stretch-and-balance",
            .name = "Stretch, strengthen and balance",
            .goal = "Regain calf length, controlled heel raises and single-leg balance.",
            .min_duration = o.program.length,
            .max_duration = o.program.length,
            .entry = {},
            .exit = {},
            .prescriptions = {{"towel-calf-stretch", stretch},
                              {"standing-calf-stretch", stretch},
                              {"standing-soleus-stretch", stretch},
                              {"heel-raise-slow-lowering",
                               heel_raises.empty() ? stretch : heel_raises.front()},
                              {"single-leg-balance", balance_steps.front()}},
            .frequency = {.per_day = o.program.per_day, .days = every_day{}, .times = {}},
            .rules = {dose_ladder{.id = "heel-raise-ramp",
                                  .exercises = {"heel-raise-slow-lowering"},
                                  .steps = heel_raises,
                                  .advance = {.when = progress_when::next_day_fine,
                                              .sessions = 1,
                                              .pain_free_max = pain_score{0}},
                                  .min_interval = one_day},
                      dose_ladder{.id = "balance-ladder",
                                  .exercises = {"single-leg-balance"},
                                  .steps = balance_steps,
                                  .advance = {.when = progress_when::completed,
                                              .sessions = o.sessions_per_balance_step,
                                              .pain_free_max = pain_score{0}},
                                  .min_interval = one_day}},
        }},
        .stop = {},
        .earliest_start =
            earliest_start{
                .after_day_zero = o.not_before,
                // Dorsiflexion to neutral and no stretching until week 6 // Willits 2010
                .until_then = {.rom_limits = {{ankle_motion::dorsiflexion, motion_mode::active, 0,
                                               "Willits 2010, Table E-1"},
                                              {ankle_motion::dorsiflexion, motion_mode::passive, 0,
                                               "Willits 2010, Table E-1"}}},
                .source = "accelerated rupture protocols: Willits 2010 Table E-1, UK boot "
                          "protocols (clinical-facts 4a, 4c)"},
    };
    if (o.program.per_day == sessions{1}) {
        p.phases[0].frequency.times = {o.program.time};
    }
    return b.finish(std::move(p));
}

} // namespace rehab::protocols

namespace rehab {

const std::vector<protocol>& builtin_protocols() {
    static const std::vector<protocol> all = [] {
        std::vector<protocol> out;
        for (auto made : {protocols::alfredson_eccentric(), protocols::alfredson_insertional(),
                          protocols::hsr_achilles(), protocols::silbernagel_combined(),
                          protocols::heel_pain_starter(), protocols::rupture_stretch_balance(),
                          protocols::achilles_rupture_functional(),
                          protocols::achilles_rupture_boot_wedges()}) {
            // Defaults are covered by the test suite; a failure is a library bug.
            if (!made) {
                throw std::logic_error(
                    fmt::format("rehab: invalid built-in protocol: {}", made.error()));
            }
            out.push_back(std::move(*made));
        }
        return out;
    }();
    return all;
}

expected<std::reference_wrapper<const protocol>> find_builtin_protocol(std::string_view id) {
    std::vector<std::string_view> ids;
    for (const auto& p : builtin_protocols()) {
        if (p.id == id) {
            return std::cref(p);
        }
        ids.emplace_back(p.id);
    }
    return fail(errc::unknown_id, "",
                fmt::format("unknown protocol id \"{}\"{}", id,
                            detail::did_you_mean(detail::close_matches(id, ids))));
}

} // namespace rehab
