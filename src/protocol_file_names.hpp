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

inline constexpr std::array<enum_name<rule_type>, 5> rule_type_names{{
    {"dose_ladder", rule_type::dose_ladder},
    {"week_table", rule_type::week_table},
    {"load_step", rule_type::load_step},
    {"pain_monitoring", rule_type::pain_monitoring},
    {"floor_on_insertional_pain", rule_type::floor_on_insertional_pain},
}};

inline constexpr std::array<enum_name<criterion_type>, 6> criterion_type_names{{
    {"sessions_completed", criterion_type::sessions_completed},
    {"pain_rules_respected", criterion_type::pain_rules_respected},
    {"measurement_at_least", criterion_type::measurement_at_least},
    {"no_insertional_pain", criterion_type::no_insertional_pain},
    {"time_since_day_zero", criterion_type::time_since_day_zero},
    {"clinician_confirmation", criterion_type::clinician_confirmation},
}};

inline constexpr std::array<enum_name<sides>, 3> side_names{{
    {"each", sides::each},
    {"affected_only", sides::affected_only},
    {"together", sides::together},
}};

inline constexpr std::array<enum_name<support_level>, 4> support_names{{
    {"two_hands", support_level::two_hands},
    {"fingertips", support_level::fingertips},
    {"one_finger", support_level::one_finger},
    {"none", support_level::none},
}};

inline constexpr std::array<enum_name<movement_constraint>, 1> constraint_names{{
    {"no_dorsiflexion_below_neutral", movement_constraint::no_dorsiflexion_below_neutral},
}};

inline constexpr std::array<enum_name<progress_when>, 3> progress_names{{
    {"completed", progress_when::completed},
    {"pain_free", progress_when::pain_free},
    {"next_day_fine", progress_when::next_day_fine},
}};

inline constexpr std::array<enum_name<breach_response>, 2> breach_names{{
    {"hold", breach_response::hold},
    {"regress", breach_response::regress},
}};

inline constexpr std::array<enum_name<measure>, 6> measure_names{{
    {"single_leg_heel_raises", measure::single_leg_heel_raises},
    {"visa_a", measure::visa_a},
    {"atrs", measure::atrs},
    {"heel_rise_lsi_reps", measure::heel_rise_lsi_reps},
    {"heel_rise_lsi_height", measure::heel_rise_lsi_height},
    {"heel_rise_lsi_work", measure::heel_rise_lsi_work},
}};

inline constexpr std::array<enum_name<std::chrono::weekday>, 7> weekday_names{{
    {"mon", std::chrono::Monday},
    {"tue", std::chrono::Tuesday},
    {"wed", std::chrono::Wednesday},
    {"thu", std::chrono::Thursday},
    {"fri", std::chrono::Friday},
    {"sat", std::chrono::Saturday},
    {"sun", std::chrono::Sunday},
}};

inline constexpr std::array<enum_name<exercise_kind>, 7> kind_names{{
    {"stretch", exercise_kind::stretch},
    {"eccentric", exercise_kind::eccentric},
    {"concentric_eccentric", exercise_kind::concentric_eccentric},
    {"isometric", exercise_kind::isometric},
    {"balance", exercise_kind::balance},
    {"mobility", exercise_kind::mobility},
    {"plyometric", exercise_kind::plyometric},
}};

inline constexpr std::array<enum_name<equipment>, 9> equipment_names{{
    {"step", equipment::step},
    {"wall", equipment::wall},
    {"band", equipment::band},
    {"towel_or_strap", equipment::towel_or_strap},
    {"chair_or_counter", equipment::chair_or_counter},
    {"backpack", equipment::backpack},
    {"weight_machine", equipment::weight_machine},
    {"barbell", equipment::barbell},
    {"raised_surface", equipment::raised_surface},
}};

inline constexpr std::array<enum_name<body_position>, 4> position_names{{
    {"standing", body_position::standing},
    {"sitting", body_position::sitting},
    {"long_sitting", body_position::long_sitting},
    {"lying", body_position::lying},
}};

inline constexpr std::array<enum_name<laterality>, 2> laterality_names{{
    {"unilateral", laterality::unilateral},
    {"bilateral", laterality::bilateral},
}};

inline constexpr std::array<enum_name<time_basis>, 3> time_basis_names{{
    {"start", time_basis::start},
    {"injury", time_basis::injury},
    {"surgery", time_basis::surgery},
}};

inline constexpr std::array<enum_name<orthosis_type>, 3> orthosis_type_names{{
    {"none", orthosis_type::none},
    {"splint_or_cast", orthosis_type::splint_or_cast},
    {"walking_boot", orthosis_type::walking_boot},
}};

inline constexpr std::array<enum_name<orthosis_wear>, 4> orthosis_wear_names{{
    {"at_all_times", orthosis_wear::at_all_times},
    {"when_walking", orthosis_wear::when_walking},
    {"at_night", orthosis_wear::at_night},
    {"weaning", orthosis_wear::weaning},
}};

inline constexpr std::array<enum_name<weight_bearing>, 4> weight_bearing_names{{
    {"non", weight_bearing::non},
    {"limited", weight_bearing::limited},
    {"as_tolerated", weight_bearing::as_tolerated},
    {"full", weight_bearing::full},
}};

inline constexpr std::array<enum_name<walking_aids>, 4> walking_aids_names{{
    {"two_crutches", walking_aids::two_crutches},
    {"one_crutch", walking_aids::one_crutch},
    {"none", walking_aids::none},
    {"as_needed", walking_aids::as_needed},
}};

inline constexpr std::array<enum_name<ankle_motion>, 2> ankle_motion_names{{
    {"dorsiflexion", ankle_motion::dorsiflexion},
    {"plantarflexion", ankle_motion::plantarflexion},
}};

inline constexpr std::array<enum_name<motion_mode>, 2> motion_mode_names{{
    {"active", motion_mode::active},
    {"passive", motion_mode::passive},
}};

inline constexpr std::array<enum_name<dorsiflexion_reach>, 3> dorsiflexion_reach_names{{
    {"none", dorsiflexion_reach::none},
    {"to_neutral", dorsiflexion_reach::to_neutral},
    {"beyond_neutral", dorsiflexion_reach::beyond_neutral},
}};

} // namespace rehab::detail
