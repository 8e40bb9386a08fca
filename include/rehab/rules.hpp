#pragma once
#include <rehab/api.hpp>
/// @file rules.hpp
/// Declarative progression rules: what changes a dose inside a phase, and
/// when. Each rule has an id that the engine's trace reports.
///
/// - `dose_ladder`: explicit steps (a rep ramp, a hold or duration ramp, a
///   support ladder), one step up when a condition holds;
/// - `week_table`: sets x reps (or RM) by week of the phase (HSR);
/// - `load_step`: add kilograms or a share of body weight, at most once per
///   interval, when a condition holds, up to a cap;
/// - `pain_monitoring`: the pain limits whose breach holds or regresses the
///   dose (Silbernagel 2007);
/// - `floor_on_insertional_pain`: keep the heel off the step edge while the
///   insertion hurts (Silbernagel 2020).
/// Protocol-wide stop-and-refer flags are `stop_rules`.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <rehab/detail/enum_formatter.hpp>
#include <rehab/detail/enum_names.hpp>
#include <rehab/dosage.hpp>
#include <rehab/units.hpp>

namespace rehab {

/// What must be true of the latest logged session(s) for a rule to step up.
/// Every condition compares a logged pain with a fixed limit, never with
/// another logged pain, so more pain can never make a step easier.
enum class progress_when : std::uint8_t {
    completed,     ///< the session was done in full
    pain_free,     ///< done in full, with pain during reported and at most `pain_free_max`
    next_day_fine, ///< done in full, with next-morning pain reported and at most
                   ///< `pain_free_max` ("if pain has gone the next day, repeat the same load
                   ///< or increase it slightly" [S])
};

namespace detail {
/// The names of `progress_when`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<progress_when, 3> progress_when_names{{
    {progress_when::completed, "session completed", "completed"},
    {progress_when::pain_free, "pain-free", "pain_free"},
    {progress_when::next_day_fine, "next day fine", "next_day_fine"},
}};
} // namespace detail

/// A progression condition: `when`, in `sessions` consecutive logged
/// sessions, with no pain-rule breach among them.
struct progress_condition {
    progress_when when = progress_when::completed; ///< what each of the sessions must show
    int sessions = 1; ///< how many consecutive logged sessions, at least 1
    /// Highest pain during (`pain_free`) or next morning (`next_day_fine`)
    /// that still counts as free of pain.
    pain_score pain_free_max{0};
    /// Equal in every field.
    friend bool operator==(const progress_condition&, const progress_condition&) = default;
};

/// Explicit dose steps for some exercises; the dose is `steps[level]` and the
/// level goes up one step when `advance` holds, at most once per
/// `min_interval`. The interval counts from the start of the phase: the
/// first step comes no earlier than one full interval after the phase began,
/// and each later one no earlier than one interval after the step (or the
/// regression) before it. Ramps and support ladders are ladders.
struct dose_ladder {
    std::string id{}; ///< kebab-case, unique in the phase; the engine's trace names it
    /// Exercises whose dose the ladder sets; empty means every prescription.
    std::vector<std::string> exercises{};
    std::vector<dose> steps{};         ///< the doses, first to last; at least one
    progress_condition advance{};      ///< when the level goes up one step
    std::chrono::days min_interval{1}; ///< the least time between two steps
    /// Equal in every field.
    friend bool operator==(const dose_ladder&, const dose_ladder&) = default;
};

/// One row of a week table: weeks `first_week`-`last_week` of the phase
/// (1-based) have `sets` x `reps`, at `reps`RM when `rm` is set.
struct week_row {
    int first_week = 1;  ///< the row's first week of the phase (1-based)
    int last_week = 1;   ///< its last week, inclusive: at least `first_week`
    rehab::sets sets{1}; ///< sets a session in those weeks
    rehab::reps reps{1}; ///< repetitions a set in those weeks
    bool rm = false;     ///< `reps` is a repetition maximum (the load for `reps`RM)
    /// Equal in every field.
    friend bool operator==(const week_row&, const week_row&) = default;
};

/// Sets and reps by week of the phase, e.g. heavy slow resistance's
/// 3 x 15RM in week 1 to 4 x 6RM in weeks 9-12 // Beyer 2015
/// The calendar moves the table on; a pain-rule breach holds it (or steps it
/// back), and it then catches up at most one row per week.
struct week_table {
    std::string id{}; ///< kebab-case, unique in the phase; the engine's trace names it
    /// Exercises the rule applies to; empty means every prescription.
    std::vector<std::string> exercises{};
    /// The rows, by week: the first from week 1, each from the week after
    /// the row before; at least one.
    std::vector<week_row> rows{};
    /// Equal in every field.
    friend bool operator==(const week_table&, const week_table&) = default;
};

/// A load increment: kilograms or a share of body weight.
using load_amount = std::variant<kilograms, percent_body_weight>;

/// Adds `step` to the load when `advance` holds, at most once per
/// `min_interval`, never past `cap`. The interval counts from the start of the
/// phase, as for `dose_ladder`: with the default of 7 days the first
/// increment comes at the first qualifying session of day 8 of the phase or
/// later ("no more than once a week" [S]).
struct load_step {
    std::string id{}; ///< kebab-case, unique in the phase; the engine's trace names it
    /// Exercises the rule applies to; empty means every prescription.
    std::vector<std::string> exercises{};
    load_amount step{kilograms{5.0}}; ///< added at each step: more than zero
    /// The highest load the steps reach (the dose's load, not the sum of the
    /// steps; a cap below the starting load keeps it): more than zero, in the
    /// unit of `step`.
    load_amount cap{kilograms{60.0}};
    progress_condition advance{};      ///< when the load goes up one step
    std::chrono::days min_interval{7}; ///< the least time between two steps
    /// Equal in every field.
    friend bool operator==(const load_step&, const load_step&) = default;
};

/// What a pain-rule breach does to the dose.
enum class breach_response : std::uint8_t {
    hold,    ///< keep the dose: no increase while the breach lasts
    regress, ///< each entry that breaks a limit steps every rule back `regress_steps`
};

namespace detail {
/// The names of `breach_response`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<breach_response, 2> breach_response_names{{
    {breach_response::hold, "hold", "hold"},
    {breach_response::regress, "regress", "regress"},
}};
} // namespace detail

/// The pain-monitoring model // Silbernagel 2007, as reproduced in [S] sources
///
/// Each enabled limit is a state, not an event of one session:
/// - pain during above `during_max`: in breach until an entry reports pain
///   during at or below it (likewise `after_max` for pain after);
/// - next-morning pain above `morning_max` (not "settled by the next
///   morning"): in breach until a morning at or below it;
/// - the mean next-morning pain of the last 7 days above `weekly_morning_max`
///   (a level held over the week, not a trend): in breach until the 7-day
///   mean, read at a later entry, is back at or below it.
/// A clinician's clearance (`session_log::clinician_cleared`) ends every
/// breach in force, as it ends referrals.
/// While any is in breach, nothing increases and no phase advances (a phase
/// held past its maximum is flagged for review). An entry whose own score is
/// above a limit holds the dose or, with `regress`, steps every rule back
/// `regress_steps`.
///
/// Every limit is a fixed level, never "higher than the session or morning
/// before": with such a comparison a worse day raises the bar for the next
/// one, and more pain could then give more load. What the sources call
/// "settled" and "no rise week on week" is read against the level the
/// patient should settle to, a parameter to set per patient.
struct pain_monitoring {
    std::string id{}; ///< kebab-case, unique in the phase; the engine's trace names it
    /// Highest acceptable pain during the session; absent: not checked.
    std::optional<pain_score> during_max{pain_score{5}};
    /// Highest acceptable pain after the session; absent: not checked.
    std::optional<pain_score> after_max{pain_score{5}};
    /// Highest next-morning pain that counts as settled; absent: not checked.
    /// UNCONFIRMED default 2/10: the top of the model's "safe" zone in its
    /// 0-2 reading (the cut-point, 0-2 or 0-3, is not confirmed).
    std::optional<pain_score> morning_max{pain_score{2}};
    /// Highest mean next-morning pain over the last 7 days; absent: not
    /// checked. UNCONFIRMED default 2/10, as `morning_max`.
    std::optional<pain_score> weekly_morning_max{pain_score{2}};
    breach_response response = breach_response::hold; ///< what a breaking entry does
    /// Steps every rule goes back per breaking entry with `regress`: at least 1.
    int regress_steps = 1;
    /// Equal in every field.
    friend bool operator==(const pain_monitoring&, const pain_monitoring&) = default;
};

/// While the latest session reports pain at the insertion, the exercises
/// keep the heel at or above neutral (floor level) // Silbernagel 2020, Table 2
struct floor_on_insertional_pain {
    std::string id{}; ///< kebab-case, unique in the phase; the engine's trace names it
    /// Exercises the rule applies to; empty means every prescription.
    std::vector<std::string> exercises{};
    /// Equal in every field.
    friend bool operator==(const floor_on_insertional_pain&,
                           const floor_on_insertional_pain&) = default;
};

/// A rule that changes doses inside a phase.
using rule =
    std::variant<dose_ladder, week_table, load_step, pain_monitoring, floor_on_insertional_pain>;

/// The id of any rule.
[[nodiscard]] REHAB_API const std::string& rule_id(const rule& r) noexcept;

/// Protocol-wide stop-and-refer flags: when one fires, progression halts, the
/// dose is held, and every later prescription carries the reason until a
/// log entry says a clinician has cleared it.
struct stop_rules {
    /// Pain above this (during, after or next morning) refers the patient.
    /// UNCONFIRMED default: 8/10, so 9 or 10 refers; set it per patient.
    std::optional<pain_score> pain_ceiling{pain_score{8}};
    /// A sudden snap or pop: a suspected rupture.
    bool refer_on_snap_or_pop = true;
    /// Unable to bear weight: a suspected rupture.
    bool refer_on_unable_to_bear_weight = true;
    /// Equal in every field.
    friend bool operator==(const stop_rules&, const stop_rules&) = default;
};

/// "session completed", "pain-free", "next day fine".
[[nodiscard]] REHAB_API std::string_view to_string(progress_when w) noexcept;
/// "hold", "regress".
[[nodiscard]] REHAB_API std::string_view to_string(breach_response r) noexcept;

} // namespace rehab

/// Prints "+5 kg" or "+10 % body weight".
template <>
struct REHAB_API fmt::formatter<rehab::load_amount> : fmt::formatter<std::string_view> {
    auto format(const rehab::load_amount& a, fmt::format_context& ctx) const -> decltype(ctx.out());
};
