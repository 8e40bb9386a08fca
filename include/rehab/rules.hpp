#pragma once
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
#include <rehab/dosage.hpp>
#include <rehab/units.hpp>

namespace rehab {

/// What must be true of the latest logged session(s) for a rule to step up.
enum class progress_when : std::uint8_t {
    completed,     ///< the session was done in full
    pain_free,     ///< done in full, with pain during at most `pain_free_max`
    next_day_fine, ///< done in full, and next-morning pain reported and not above the morning
                   ///< before
};

/// A progression condition: `when`, in `sessions` consecutive logged
/// sessions, with no pain-rule breach among them.
struct progress_condition {
    progress_when when = progress_when::completed;
    int sessions = 1;
    /// Highest pain during that still counts as pain-free (for `pain_free`).
    pain_score pain_free_max{0};
    friend bool operator==(const progress_condition&, const progress_condition&) = default;
};

/// Explicit dose steps for some exercises; the dose is `steps[level]` and the
/// level goes up one step when `advance` holds, at most once per
/// `min_interval`. Ramps and support ladders are ladders.
struct dose_ladder {
    std::string id{};
    /// Exercises whose dose the ladder sets; empty means every prescription.
    std::vector<std::string> exercises{};
    std::vector<dose> steps{};
    progress_condition advance{};
    std::chrono::days min_interval{1};
    friend bool operator==(const dose_ladder&, const dose_ladder&) = default;
};

/// One row of a week table: weeks `first_week`-`last_week` of the phase
/// (1-based) have `sets` x `reps`, at `reps`RM when `rm` is set.
struct week_row {
    int first_week = 1;
    int last_week = 1;
    rehab::sets sets{1};
    rehab::reps reps{1};
    bool rm = false;
    friend bool operator==(const week_row&, const week_row&) = default;
};

/// Sets and reps by week of the phase, e.g. heavy slow resistance's
/// 3 x 15RM in week 1 to 4 x 6RM in weeks 9-12 // Beyer 2015
/// The calendar moves the table on; a pain-rule breach holds it (or steps it
/// back), and it then catches up at most one row per week.
struct week_table {
    std::string id{};
    std::vector<std::string> exercises{};
    std::vector<week_row> rows{};
    friend bool operator==(const week_table&, const week_table&) = default;
};

/// A load increment: kilograms or a share of body weight.
using load_amount = std::variant<kilograms, percent_body_weight>;

/// Adds `step` to the load when `advance` holds, at most once per
/// `min_interval`, never past `cap`.
struct load_step {
    std::string id{};
    std::vector<std::string> exercises{};
    load_amount step{kilograms{5.0}};
    load_amount cap{kilograms{60.0}};
    progress_condition advance{};
    std::chrono::days min_interval{7};
    friend bool operator==(const load_step&, const load_step&) = default;
};

/// What a pain-rule breach does to the dose.
enum class breach_response : std::uint8_t {
    hold,    ///< keep the dose: no increase at the next session
    regress, ///< step every rule back `regress_steps` and keep it there
};

/// The pain-monitoring model // Silbernagel 2007, as reproduced in [S] sources
/// A session breaches it when any enabled limit is broken; the engine then
/// holds or regresses the dose, never stops the program silently.
struct pain_monitoring {
    std::string id{};
    /// Highest acceptable pain during the session; absent: not checked.
    std::optional<pain_score> during_max{pain_score{5}};
    /// Highest acceptable pain after the session; absent: not checked.
    std::optional<pain_score> after_max{pain_score{5}};
    /// Pain after may not be higher than after the session before (HSR).
    bool after_may_not_rise = false;
    /// Next-morning pain may not be above the morning before ("settled by
    /// the next morning").
    bool settled_by_morning = true;
    /// The mean morning pain of the last 7 days may not be above that of the
    /// 7 days before ("no rise week on week").
    bool no_weekly_rise = true;
    breach_response response = breach_response::hold;
    int regress_steps = 1;
    friend bool operator==(const pain_monitoring&, const pain_monitoring&) = default;
};

/// While the latest session reports pain at the insertion, the exercises
/// keep the heel at or above neutral (floor level) // Silbernagel 2020, Table 2
struct floor_on_insertional_pain {
    std::string id{};
    std::vector<std::string> exercises{};
    friend bool operator==(const floor_on_insertional_pain&,
                           const floor_on_insertional_pain&) = default;
};

/// A rule that changes doses inside a phase.
using rule =
    std::variant<dose_ladder, week_table, load_step, pain_monitoring, floor_on_insertional_pain>;

/// The id of any rule.
[[nodiscard]] const std::string& rule_id(const rule& r) noexcept;

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
    friend bool operator==(const stop_rules&, const stop_rules&) = default;
};

[[nodiscard]] std::string_view to_string(progress_when w) noexcept;
[[nodiscard]] std::string_view to_string(breach_response r) noexcept;

} // namespace rehab

/// Prints "+5 kg" or "+10 % body weight".
template <>
struct fmt::formatter<rehab::load_amount> : fmt::formatter<std::string_view> {
    auto format(const rehab::load_amount& a, fmt::format_context& ctx) const
        -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(
            std::visit([](const auto& v) { return fmt::format("+{}", v); }, a), ctx);
    }
};
