#pragma once
/// @file protocol_file_names.hpp
/// Private to the library: the types of rules and criteria, which only the
/// protocol files name, with their tokens (snake_case), and the bounds the
/// loader puts on numbers. Every other enum's tokens are in its one table of
/// names, next to its declaration (`detail/enum_names.hpp`). Keep them in
/// step with share/rehab/protocol.schema.json and catalog.schema.json.

#include <cstdint>

#include "json_read.hpp"
#include <rehab/criteria.hpp>
#include <rehab/detail/enum_names.hpp>
#include <rehab/dosage.hpp>
#include <rehab/exercise.hpp>
#include <rehab/frequency.hpp>
#include <rehab/protocol.hpp>
#include <rehab/restrictions.hpp>
#include <rehab/rules.hpp>
#include <rehab/session_log.hpp>

namespace rehab::detail {

/// Upper bounds that keep every count a file can give far from overflow in
/// the library's arithmetic (sets x reps x sides x sessions fits an int), and
/// far above any real prescription.
namespace limit {
inline constexpr std::int64_t sets = 100;
inline constexpr std::int64_t reps = 1000;
inline constexpr std::int64_t seconds = 86400;     // a day
inline constexpr std::int64_t tempo_seconds = 600; // one phase of one repetition
inline constexpr std::int64_t days = 3650;         // ten years
inline constexpr std::int64_t weeks = 520;
inline constexpr std::int64_t sessions_per_day = 24;
inline constexpr std::int64_t sessions = 1000; // consecutive sessions a rule waits for
inline constexpr std::int64_t count = 100000;  // sessions a criterion asks for
inline constexpr std::int64_t steps = 100;     // steps a breach regresses
inline constexpr std::int64_t version = 1000000;
inline constexpr std::int64_t gap_minutes = 1440;
inline constexpr double load = 1000.0; // kg or percent of body weight
inline constexpr double measurement = 1e6;
// Bounds the reader puts on restriction settings, wide of the checks in
// validate(const phase_restrictions&), which give the clinical ranges.
inline constexpr std::int64_t wedges = 1000;
inline constexpr std::int64_t degrees = 3600;
inline constexpr double heel_lift_cm = 1000.0;
} // namespace limit

/// The types of rules in a protocol file.
enum class rule_type : std::uint8_t {
    dose_ladder,
    week_table,
    load_step,
    pain_monitoring,
    floor_on_insertional_pain,
};
/// The types of criteria in a protocol file.
enum class criterion_type : std::uint8_t {
    sessions_completed,
    pain_rules_respected,
    measurement_at_least,
    no_insertional_pain,
    time_since_day_zero,
    clinician_confirmation,
};

/// The names of `rule_type`: the token of the protocol files (it has no `to_string`).
inline constexpr enum_names<rule_type, 5> rule_type_names{{
    {rule_type::dose_ladder, {}, "dose_ladder"},
    {rule_type::week_table, {}, "week_table"},
    {rule_type::load_step, {}, "load_step"},
    {rule_type::pain_monitoring, {}, "pain_monitoring"},
    {rule_type::floor_on_insertional_pain, {}, "floor_on_insertional_pain"},
}};

/// The names of `criterion_type`: the token of the protocol files (it has no `to_string`).
inline constexpr enum_names<criterion_type, 6> criterion_type_names{{
    {criterion_type::sessions_completed, {}, "sessions_completed"},
    {criterion_type::pain_rules_respected, {}, "pain_rules_respected"},
    {criterion_type::measurement_at_least, {}, "measurement_at_least"},
    {criterion_type::no_insertional_pain, {}, "no_insertional_pain"},
    {criterion_type::time_since_day_zero, {}, "time_since_day_zero"},
    {criterion_type::clinician_confirmation, {}, "clinician_confirmation"},
}};

static_assert(well_formed(rule_type_names) &&
              rule_type_names.back().value == rule_type::floor_on_insertional_pain);
static_assert(well_formed(criterion_type_names) &&
              criterion_type_names.back().value == criterion_type::clinician_confirmation);

} // namespace rehab::detail
