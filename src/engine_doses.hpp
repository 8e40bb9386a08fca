#pragma once
/// @file engine_doses.hpp (private to the library)
/// The dose arithmetic of the progression rules, shared by the engine and by
/// the nominal plans (`schedule::prescription`, `guidance`): which exercises a
/// rule names, which week-table row is in force, the dose of a prescription at
/// given rule levels, and what a prescription becomes for one patient. Kept
/// out of `engine.hpp`: no user of the library needs them, and they may change
/// with the engine.

#include <rehab/engine.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <rehab/protocol.hpp>
#include <rehab/session_log.hpp>

namespace rehab::detail {

/// True if a rule naming `exercises` (empty: every prescription) applies to `exercise`.
[[nodiscard]] bool rule_targets(const std::vector<std::string>& exercises,
                                std::string_view exercise) noexcept;

/// The row of `table` in force in week `phase_week` (1-based) of its phase.
[[nodiscard]] int week_table_row(const week_table& table, int phase_week) noexcept;

/// The dose of prescription `item` of `ph` when its rules stand at `levels`
/// (one per rule: a ladder's step, a week table's row, a load rule's
/// increments) and, for floor rules, `floor_level`.
[[nodiscard]] dose dose_at(const phase& ph, std::size_t item, std::span<const int> levels,
                           bool floor_level);

/// The rule levels of a nominal plan (no log) in week `phase_week` of `ph`:
/// week tables at that week's row, every other rule at its first step.
[[nodiscard]] std::vector<int> nominal_levels(const phase& ph, int phase_week);

/// Prescription `item` of `ph` at dose `d` for `who`: the side for an
/// affected-side dose, the load in kilograms where known.
[[nodiscard]] prescribed_item prescribe_item(const phase& ph, std::size_t item, const dose& d,
                                             const patient& who);

/// Whether `current`, a dose's added load, has reached the cap of load rule
/// `rule_def`; a load of another kind than the cap never has.
[[nodiscard]] bool load_at_cap(const load& current, const load_step& rule_def);

/// Whether `log` reports its session done in full against `doses`, the doses
/// of `ph`'s prescriptions that session was given: status `done`, and no
/// listed item below its sets, reps or seconds.
[[nodiscard]] bool done_in_full(const session_log& log, const phase& ph,
                                const std::vector<dose>& doses);

} // namespace rehab::detail
