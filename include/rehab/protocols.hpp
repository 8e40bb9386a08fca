#pragma once
/// @file protocols.hpp
/// The built-in protocols. Each is a function of its options, so a clinician
/// can change what the sources leave open; every option's default says where
/// it comes from, and UNCONFIRMED marks a default no retrieved source gives.
/// A factory returns an error naming the option when the options make an
/// invalid protocol (`/options/rest: must be >= 0 s, got -1 s`).
///
/// | id | source |
/// |---|---|
/// | `alfredson-eccentric` | Alfredson 1998 |
/// | `alfredson-insertional` | Jonsson 2008 |
/// | `hsr-achilles` | Beyer 2015 |
/// | `silbernagel-combined` | Silbernagel 2001/2020, pain-monitoring model 2007 |
/// | `heel-pain-starter` | seed: heel-pain app program |
/// | `rupture-stretch-balance` | seed: rupture exercise video |
/// | `achilles-rupture-functional` | Willits 2010 Table E-1, Barfod 2016 weeks 9-16 |
/// | `achilles-rupture-boot-wedges` | UK non-operative boot protocol (London) |

#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include <rehab/api.hpp>
#include <rehab/error.hpp>
#include <rehab/frequency.hpp>
#include <rehab/protocol.hpp>

namespace rehab::protocols {

/// Options of both Alfredson protocols.
struct alfredson_options {
    /// Backpack load added when the exercises are pain-free. The 1998 increment
    /// is UNCONFIRMED; +5 kg a week up to 60 kg is the Nutrients 2019 trial's
    /// rule (PMC6356409) [S].
    kilograms load_step{5.0};
    /// The most backpack load the steps reach: 60 kg, the same trial's rule.
    kilograms load_cap{60.0};
    /// The least time between two load steps: a week, the same trial's rule.
    std::chrono::days load_interval{7};
    /// Highest pain during a session that still counts as "without pain or
    /// discomfort". Default 0/10.
    pain_score pain_free_max{0};
    /// Session clock times, one for each of the two sessions a day
    /// (scheduling defaults, not clinical); a factory refuses any other count.
    std::vector<clock_time> times{clock_time{std::chrono::hours{8}},
                                  clock_time{std::chrono::hours{18}}};
};

/// 3 x 15 eccentric heel drops, knee straight and knee bent, affected side
/// only, twice a day, every day, 12 weeks (180 reps a day); pain during is
/// expected; backpack load when pain-free // Alfredson 1998
[[nodiscard]] REHAB_API expected<protocol>
alfredson_eccentric(const alfredson_options& options = {});

/// The same at floor level, without loading into dorsiflexion // Jonsson 2008
[[nodiscard]] REHAB_API expected<protocol>
alfredson_insertional(const alfredson_options& options = {});

/// Options of heavy slow resistance.
struct hsr_options {
    /// Rest between sets: 2-3 min // Beyer 2015 via UpToDate [S]; default 2 min.
    std::chrono::seconds rest{120};
    /// What more pain after training does: "go back to a lighter load or
    /// progress more slowly" [S]; default hold (progress more slowly).
    breach_response on_pain_rise = breach_response::hold;
    /// Pain after training above this is "higher pain after training".
    /// UNCONFIRMED default 5/10: Beyer 2015 gives no number; 5/10 is the
    /// after-activity limit of the pain-monitoring model (Silbernagel 2007 [S]).
    /// Set it to the patient's usual level to read "higher" against it.
    pain_score after_max{5};
    /// Session clock time (a scheduling default, not clinical).
    clock_time time{std::chrono::hours{8}};
};

/// Three exercises, 3 sessions a week on non-consecutive days, tempo 3 s
/// down / 3 s up, week table 3 x 15RM to 4 x 6RM over 12 weeks // Beyer 2015
[[nodiscard]] REHAB_API expected<protocol> hsr_achilles(const hsr_options& options = {});

/// Options of the Silbernagel combined loading program.
struct silbernagel_options {
    /// Pain limit during the exercises // Silbernagel 2007 via [S] sources
    pain_score during_max{5};
    /// Pain limit after the exercises // Silbernagel 2007 via [S] sources
    pain_score after_max{5};
    /// Pain has "settled by the next morning" at or below this; the 7-day
    /// mean of next-morning pain may not be above `weekly_morning_max`
    /// ("did not climb week to week"). The model gives no number for either:
    /// UNCONFIRMED defaults 2/10 (see `pain_monitoring`); set them to the
    /// patient's usual morning level.
    pain_score morning_max{2};
    /// The highest 7-day mean of next-morning pain (see `morning_max`).
    pain_score weekly_morning_max{2};
    /// "Reduce the load" when the rules are broken [S]; default regress.
    breach_response on_breach = breach_response::regress;
    /// Single-leg heel raises that end phase 1. Derived from the phase-1 entry
    /// status "difficulty performing 10 one-legged heel rises" // JAT 2020
    int heel_raises_to_leave_phase_1 = 10;
    /// External load step in phase 3. The program gives no increment
    /// (UNCONFIRMED); default +10 % body weight at most weekly, the Beyer 2015
    /// eccentric arm as summarised [S].
    percent_body_weight load_step{10.0};
    percent_body_weight load_cap{50.0}; ///< UNCONFIRMED default cap
    /// Consecutive completed sessions before a load step. UNCONFIRMED default.
    int sessions_before_load_step = 3;
    /// Session clock time (a scheduling default, not clinical).
    clock_time time{std::chrono::hours{8}};
};

/// Phases 1-3 of the combined loading program with the pain-monitoring
/// model. Phase 4 is UNCONFIRMED and left out // JAT 2020 Table 2
[[nodiscard]] REHAB_API expected<protocol>
silbernagel_combined(const silbernagel_options& options = {});

/// Options of the two seed programs, which give no duration or frequency.
struct seed_program_options {
    /// UNCONFIRMED default: 6 weeks.
    std::chrono::days length{42};
    /// UNCONFIRMED default: once a day.
    rehab::sessions per_day{1};
    /// Session clock time, used when there is one session a day (a
    /// scheduling default, not clinical).
    clock_time time{std::chrono::hours{8}};
};

/// Bent-knee heel lift x 5, band ankle bend 3 x 15 each leg, wall stretch
/// 30 s x 3 each leg // seed: heel-pain app program
[[nodiscard]] REHAB_API expected<protocol>
heel_pain_starter(const seed_program_options& options = {});

/// Options of the rupture stretch-and-balance program.
struct rupture_options {
    /// Length, sessions a day and time of the program.
    seed_program_options program{};
    /// Slow-lowering heel raises start at 10 and grow when the next day is
    /// fine // seed; the step and ceiling are UNCONFIRMED defaults.
    int heel_raise_step = 2;
    /// The most slow-lowering heel raises the steps reach (at least the
    /// starting 10).
    int heel_raise_max = 20;
    /// Sets of balance work: up to 3 repetitions // J Foot Ankle Res 2022
    int balance_sets = 3;
    /// Completed sessions at a balance step before the next. UNCONFIRMED default.
    int sessions_per_balance_step = 2;
    /// The earliest start after the injury (or surgery): the program
    /// stretches the calf, which accelerated rupture protocols keep out of
    /// until about week 6 (dorsiflexion to neutral, stretching from week 6
    /// // Willits 2010 Table E-1; clinical-facts 4a, 4c). UNCONFIRMED default:
    /// 6 weeks; the video gives no week. Only checked when the patient has
    /// an injury or surgery date.
    std::chrono::days not_before{42};
};

/// Towel, calf and soleus stretches 30 s x 3; slow-lowering heel raises from
/// 10; single-leg balance from two-hand support to none, then 30, 45 and
/// 60 s // seed: rupture exercise video; BMC MSK 2013
[[nodiscard]] REHAB_API expected<protocol>
rupture_stretch_balance(const rupture_options& options = {});

/// Operative or non-operative treatment of an Achilles tendon rupture.
enum class rupture_treatment : std::uint8_t {
    operative,     ///< counted from the surgery
    non_operative, ///< counted from the injury
};

/// Options of the accelerated functional rupture protocol.
struct rupture_functional_options {
    /// Willits 2010 used the same schedule for both arms, counted from the
    /// surgery (operative) or the injury (non-operative).
    rupture_treatment treatment = rupture_treatment::operative;
    /// Active ankle movement to neutral from week 2, and the band and
    /// balance work from week 6: Willits gives no doses. UNCONFIRMED
    /// defaults borrowed from Barfod 2016's weeks 9-16 table: ankle range of
    /// motion 2 x 8, band exercises 2 x 20, one-leg balance 3 x 30 s.
    sets range_sets{2};
    /// Repetitions a set of ankle range of motion (see `range_sets`).
    reps range_reps{8};
    /// Slow dorsiflexion stretching from week 6: Willits gives no dose.
    /// UNCONFIRMED default hold 30 s x 3 (the "3 x 30 s" shorthand,
    /// clinical-facts 5: Bandy 1997, ACSM).
    std::chrono::seconds stretch_hold{30};
    /// Sets of the dorsiflexion stretch (see `stretch_hold`).
    sets stretch_sets{3};
    /// Sessions a day in weeks 2-8. Willits gives none; UNCONFIRMED default
    /// 3, Barfod 2016's "home exercises three times daily" (weeks 9-16).
    sessions per_day{3};
    /// Session clock times, one per session (scheduling defaults, not clinical).
    std::vector<clock_time> times{clock_time{std::chrono::hours{8}},
                                  clock_time{std::chrono::hours{13}},
                                  clock_time{std::chrono::hours{18}}};
    /// Sessions a day from week 8, holding Barfod 2016's basic exercises and
    /// its added loading. Barfod does the basic (home) exercises three times
    /// daily and gives no frequency for the added loading; UNCONFIRMED
    /// default: once a day for all (three a day with every exercise would be
    /// 573 repetitions a day).
    sessions loading_per_day{1};
    /// Session clock times from week 8, one per session of `loading_per_day`
    /// (scheduling defaults, not clinical).
    std::vector<clock_time> loading_times{clock_time{std::chrono::hours{8}}};
    /// Running also needs a clinician's confirmation, besides week 14 and the
    /// heel-rise criterion. UNCONFIRMED default: yes (no source asks for
    /// it; a safety default a clinic may turn off).
    bool running_needs_confirmation = true;
};

/// Accelerated functional rehabilitation after an Achilles tendon rupture,
/// week by week from the surgery or the injury: splint and no weight
/// (weeks 0-2); boot with a 2 cm heel lift, protected weight-bearing,
/// dorsiflexion to neutral (2-4); weight-bearing as tolerated (4-6); heel
/// lift out, stretching and resistance (6-8); weaning off the boot (8-12);
/// strength and power (from 12) // Willits 2010 Table E-1. Loading from
/// week 9 and running from week 14 once 5 single-leg heel rises reach about
/// 90 % of the other side's height // Barfod 2016
[[nodiscard]] REHAB_API expected<protocol>
achilles_rupture_functional(const rupture_functional_options& options = {});

/// Options of the UK non-operative boot protocol.
struct boot_wedges_options {
    /// Wedges in the boot at first // London non-operative guidelines: 3.
    int wedges = 3;
    /// The day (since the injury) the first wedge comes out; one more each
    /// week until plantigrade. The guidelines say "4-8 weeks: remove one
    /// wedge per week until plantigrade at 6-8 weeks"; UNCONFIRMED default:
    /// day 28, the start of week 5 (plantigrade at 6 weeks with 3 wedges).
    std::chrono::days first_wedge_out{28};
    /// Pointing the foot out of the boot from week 2: the guidelines give no
    /// dose. UNCONFIRMED default 2 x 8, Barfod 2016's ankle range of motion.
    sets range_sets{2};
    /// Repetitions a set of pointing the foot (see `range_sets`).
    reps range_reps{8};
    /// Sessions a day. UNCONFIRMED default: three times daily, as Barfod
    /// 2016's home exercises.
    sessions per_day{3};
    /// Session clock times, one per session of `per_day` (scheduling
    /// defaults, not clinical).
    std::vector<clock_time> times{clock_time{std::chrono::hours{8}},
                                  clock_time{std::chrono::hours{13}},
                                  clock_time{std::chrono::hours{18}}};
    /// "Dorsiflex back to the boot position but not beyond" is given for
    /// weeks 2-4; keep it until plantigrade. UNCONFIRMED default: yes.
    bool keep_boot_limit_until_plantigrade = true;
};

/// Non-operative treatment in a boot with heel wedges, counted from the
/// injury: boot with 3 wedges and no weight (weeks 0-2); weight as pain
/// allows with crutches, pointing the foot out of the boot (2-4); one wedge
/// out a week until plantigrade (from 4) // London non-operative
/// guidelines (clinical-facts 4c)
[[nodiscard]] REHAB_API expected<protocol>
achilles_rupture_boot_wedges(const boot_wedges_options& options = {});

} // namespace rehab::protocols

namespace rehab {

/// Every built-in protocol with its default options, in the table's order.
[[nodiscard]] REHAB_API const std::vector<protocol>& builtin_protocols();

/// The built-in protocol with this id, or `errc::unknown_id` listing close
/// matches.
[[nodiscard]] REHAB_API expected<std::reference_wrapper<const protocol>>
find_builtin_protocol(std::string_view id);

} // namespace rehab
