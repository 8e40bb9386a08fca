#pragma once
/// @file protocol_file_names.hpp
/// Private to the library: the names of enumerators in protocol and catalog
/// files (snake_case), and the bounds the loader puts on numbers. Keep them in
/// step with share/rehab/protocol.schema.json and catalog.schema.json.

#include <array>
#include <chrono>
#include <cstdint>

#include "json_read.hpp"
#include <rehab/criteria.hpp>
#include <rehab/dosage.hpp>
#include <rehab/exercise.hpp>
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

enum class rule_type : std::uint8_t {
    dose_ladder,
    week_table,
    load_step,
    pain_monitoring,
    floor_on_insertional_pain,
};
enum class criterion_type : std::uint8_t {
    sessions_completed,
    pain_rules_respected,
    measurement_at_least,
    no_insertional_pain,
    time_since_day_zero,
    clinician_confirmation,
};

inline constexpr enum_names<rule_type, 5> rule_type_names{{
    {rule_type::dose_ladder, {}, "dose_ladder"},
    {rule_type::week_table, {}, "week_table"},
    {rule_type::load_step, {}, "load_step"},
    {rule_type::pain_monitoring, {}, "pain_monitoring"},
    {rule_type::floor_on_insertional_pain, {}, "floor_on_insertional_pain"},
}};

inline constexpr enum_names<criterion_type, 6> criterion_type_names{{
    {criterion_type::sessions_completed, {}, "sessions_completed"},
    {criterion_type::pain_rules_respected, {}, "pain_rules_respected"},
    {criterion_type::measurement_at_least, {}, "measurement_at_least"},
    {criterion_type::no_insertional_pain, {}, "no_insertional_pain"},
    {criterion_type::time_since_day_zero, {}, "time_since_day_zero"},
    {criterion_type::clinician_confirmation, {}, "clinician_confirmation"},
}};

inline constexpr enum_names<sides, 3> sides_names{{
    {sides::each, {}, "each"},
    {sides::affected_only, {}, "affected_only"},
    {sides::together, {}, "together"},
}};

inline constexpr enum_names<support_level, 4> support_level_names{{
    {support_level::two_hands, {}, "two_hands"},
    {support_level::fingertips, {}, "fingertips"},
    {support_level::one_finger, {}, "one_finger"},
    {support_level::none, {}, "none"},
}};

inline constexpr enum_names<movement_constraint, 1> movement_constraint_names{{
    {movement_constraint::no_dorsiflexion_below_neutral, {}, "no_dorsiflexion_below_neutral"},
}};

inline constexpr enum_names<measure, 6> measure_names{{
    {measure::single_leg_heel_raises, {}, "single_leg_heel_raises"},
    {measure::visa_a, {}, "visa_a"},
    {measure::atrs, {}, "atrs"},
    {measure::heel_rise_lsi_reps, {}, "heel_rise_lsi_reps"},
    {measure::heel_rise_lsi_height, {}, "heel_rise_lsi_height"},
    {measure::heel_rise_lsi_work, {}, "heel_rise_lsi_work"},
}};

inline constexpr enum_names<std::chrono::weekday, 7> weekday_names{{
    {std::chrono::Monday, {}, "mon"},
    {std::chrono::Tuesday, {}, "tue"},
    {std::chrono::Wednesday, {}, "wed"},
    {std::chrono::Thursday, {}, "thu"},
    {std::chrono::Friday, {}, "fri"},
    {std::chrono::Saturday, {}, "sat"},
    {std::chrono::Sunday, {}, "sun"},
}};

inline constexpr enum_names<exercise_kind, 7> exercise_kind_names{{
    {exercise_kind::stretch, {}, "stretch"},
    {exercise_kind::eccentric, {}, "eccentric"},
    {exercise_kind::concentric_eccentric, {}, "concentric_eccentric"},
    {exercise_kind::isometric, {}, "isometric"},
    {exercise_kind::balance, {}, "balance"},
    {exercise_kind::mobility, {}, "mobility"},
    {exercise_kind::plyometric, {}, "plyometric"},
}};

inline constexpr enum_names<equipment, 9> equipment_names{{
    {equipment::step, {}, "step"},
    {equipment::wall, {}, "wall"},
    {equipment::band, {}, "band"},
    {equipment::towel_or_strap, {}, "towel_or_strap"},
    {equipment::chair_or_counter, {}, "chair_or_counter"},
    {equipment::backpack, {}, "backpack"},
    {equipment::weight_machine, {}, "weight_machine"},
    {equipment::barbell, {}, "barbell"},
    {equipment::raised_surface, {}, "raised_surface"},
}};

inline constexpr enum_names<body_position, 4> body_position_names{{
    {body_position::standing, {}, "standing"},
    {body_position::sitting, {}, "sitting"},
    {body_position::long_sitting, {}, "long_sitting"},
    {body_position::lying, {}, "lying"},
}};

inline constexpr enum_names<laterality, 2> laterality_names{{
    {laterality::unilateral, {}, "unilateral"},
    {laterality::bilateral, {}, "bilateral"},
}};

inline constexpr enum_names<weight_bearing, 4> weight_bearing_names{{
    {weight_bearing::non, {}, "non"},
    {weight_bearing::limited, {}, "limited"},
    {weight_bearing::as_tolerated, {}, "as_tolerated"},
    {weight_bearing::full, {}, "full"},
}};

inline constexpr enum_names<dorsiflexion_reach, 3> dorsiflexion_reach_names{{
    {dorsiflexion_reach::none, {}, "none"},
    {dorsiflexion_reach::to_neutral, {}, "to_neutral"},
    {dorsiflexion_reach::beyond_neutral, {}, "beyond_neutral"},
}};

} // namespace rehab::detail
