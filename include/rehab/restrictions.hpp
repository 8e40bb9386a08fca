#pragma once
/// @file restrictions.hpp
/// What a phase allows besides its exercises, and what an exercise needs.
///
/// After an Achilles tendon rupture the weeks since the injury (or the
/// surgery) decide more than the exercises: the orthosis and its heel
/// wedges, how much weight the leg may take and with which walking aids, how
/// far the ankle may bend up, and which activities are allowed. A phase holds
/// these as `phase_restrictions`; an exercise states what it needs as
/// `exercise_needs` (`exercise_needs.hpp`); `check_allowed` compares the two, so a calf stretch in
/// a "dorsiflexion to neutral" phase is refused with the reason.
///
/// Every part carries its source: the library informs, it never diagnoses.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include <rehab/api.hpp>
#include <rehab/detail/enum_formatter.hpp>
#include <rehab/detail/enum_names.hpp>
#include <rehab/error.hpp>
#include <rehab/exercise_needs.hpp>

namespace rehab {

/// The orthosis on the affected leg.
enum class orthosis_type : std::uint8_t {
    none,           ///< no orthosis: the leg is free
    splint_or_cast, ///< a back slab, splint or plaster cast
    walking_boot,   ///< a removable walking boot (walker)
};

namespace detail {
/// The names of `orthosis_type`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<orthosis_type, 3> orthosis_type_names{{
    {orthosis_type::none, "none", "none"},
    {orthosis_type::splint_or_cast, "splint or cast", "splint_or_cast"},
    {orthosis_type::walking_boot, "walking boot", "walking_boot"},
}};
} // namespace detail

/// When the orthosis is worn.
enum class orthosis_wear : std::uint8_t {
    at_all_times, ///< day and night, sleeping too
    when_walking, ///< up and about, not in bed
    at_night,     ///< only at night
    weaning,      ///< being weaned off: less each day
};

namespace detail {
/// The names of `orthosis_wear`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<orthosis_wear, 4> orthosis_wear_names{{
    {orthosis_wear::at_all_times, "at all times", "at_all_times"},
    {orthosis_wear::when_walking, "when walking", "when_walking"},
    {orthosis_wear::at_night, "at night", "at_night"},
    {orthosis_wear::weaning, "weaning off", "weaning"},
}};
} // namespace detail

/// Removable heel wedges in a boot, by count.
struct heel_wedges {
    int count = 0; ///< how many wedges are in the boot (0: none, the foot plantigrade)
    /// Equal counts.
    friend bool operator==(const heel_wedges&, const heel_wedges&) = default;
};

/// A heel lift of a given height in centimetres (0: none, the sole flat).
struct heel_lift {
    double cm = 0.0; ///< the height of the lift, in centimetres
    /// Equal heights.
    friend bool operator==(const heel_lift&, const heel_lift&) = default;
};

/// A hinged boot's range of plantarflexion in degrees (locked at 30: 30-30;
/// opened to neutral: 0-30).
struct plantarflexion_range {
    int min_degrees = 0; ///< the least plantarflexion the boot allows, in degrees
    int max_degrees = 0; ///< the most plantarflexion the boot allows, in degrees
    /// Equal ranges.
    friend bool operator==(const plantarflexion_range&, const plantarflexion_range&) = default;
};

/// How the boot holds the foot: not stated, wedges, a heel lift, or a range.
using boot_setting = std::variant<std::monostate, heel_wedges, heel_lift, plantarflexion_range>;

/// The orthosis a phase prescribes: what it is, how it holds the foot, when it
/// is worn and when it may come off.
struct REHAB_API orthosis {
    orthosis_type type = orthosis_type::none;         ///< splint, cast, boot or none
    boot_setting setting{};                           ///< wedges, a heel lift or a range, if stated
    orthosis_wear worn = orthosis_wear::at_all_times; ///< when it is worn
    /// It may come off for washing and dressing (weight-bearing limits still apply).
    bool off_for_washing_and_dressing = false;
    /// It comes off for the phase's exercises ("boot off for active
    /// plantarflexion"); otherwise an orthosis worn at all times leaves the
    /// ankle nothing to move.
    bool off_for_exercise = false;
    std::string source{}; ///< where this comes from ("Willits 2010, Table E-1")
    /// True when the foot is held in plantarflexion (equinus): wedges or a
    /// heel lift in place, or a range that stops short of neutral.
    [[nodiscard]] bool holds_equinus() const noexcept;
    /// Equal fields, the source included.
    friend bool operator==(const orthosis&, const orthosis&) = default;
};

/// The walking aids a phase calls for.
enum class walking_aids : std::uint8_t {
    two_crutches, ///< two crutches
    one_crutch,   ///< one crutch
    none,         ///< no walking aid
    as_needed,    ///< crutches or a cane when needed, weaning off
};

namespace detail {
/// The names of `walking_aids`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<walking_aids, 4> walking_aids_names{{
    {walking_aids::two_crutches, "two crutches", "two_crutches"},
    {walking_aids::one_crutch, "one crutch", "one_crutch"},
    {walking_aids::none, "no walking aids", "none"},
    {walking_aids::as_needed, "crutches or a cane as needed", "as_needed"},
}};
} // namespace detail

/// How much weight the affected leg may take in a phase, and with which
/// walking aids.
struct weight_bearing_status {
    rehab::weight_bearing affected = weight_bearing::full; ///< the weight-bearing allowed
    /// Absent where the source does not say.
    std::optional<walking_aids> aids{};
    std::string source{}; ///< where this comes from
    /// Equal fields, the source included.
    friend bool operator==(const weight_bearing_status&, const weight_bearing_status&) = default;
};

/// A movement of the ankle.
enum class ankle_motion : std::uint8_t {
    dorsiflexion,   ///< the foot bending up, towards the shin
    plantarflexion, ///< the foot pointing down
};

namespace detail {
/// The names of `ankle_motion`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<ankle_motion, 2> ankle_motion_names{{
    {ankle_motion::dorsiflexion, "dorsiflexion", "dorsiflexion"},
    {ankle_motion::plantarflexion, "plantarflexion", "plantarflexion"},
}};
} // namespace detail

/// Whether the ankle moves by itself or is moved.
enum class motion_mode : std::uint8_t {
    active,  ///< the patient's own muscles move the ankle
    passive, ///< a stretch: body weight, a towel or a hand moves it
};

namespace detail {
/// The names of `motion_mode`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<motion_mode, 2> motion_mode_names{{
    {motion_mode::active, "active", "active"},
    {motion_mode::passive, "passive", "passive"},
}};
} // namespace detail

/// How far the ankle may move. Degrees past neutral (0 = neutral, the foot at
/// a right angle; negative = short of neutral). Absent degrees: not beyond
/// the position the orthosis holds ("dorsiflex back to the boot position but
/// not beyond").
struct rom_limit {
    ankle_motion motion = ankle_motion::dorsiflexion; ///< the movement limited
    motion_mode mode = motion_mode::active;           ///< active or passive movement
    /// The most degrees past neutral allowed; absent: not beyond the position
    /// the orthosis holds.
    std::optional<int> max_degrees{0};
    std::string source{}; ///< where this comes from
    /// Equal fields, the source included.
    friend bool operator==(const rom_limit&, const rom_limit&) = default;
};

/// An activity a phase allows or does not, e.g. "running" or
/// "one_leg_cycling" (snake_case), with a note ("from week 14 once ...")
/// and its source.
struct activity {
    std::string id{};     ///< the activity, snake_case ("running")
    std::string note{};   ///< when or how, in words; empty when there is none
    std::string source{}; ///< where this comes from
    /// Equal fields, the source included.
    friend bool operator==(const activity&, const activity&) = default;
};

/// What a phase allows besides its exercises. Every part is optional: a
/// tendinopathy phase has none.
struct REHAB_API phase_restrictions {
    std::optional<rehab::orthosis> orthosis{};             ///< absent: none stated
    std::optional<weight_bearing_status> weight_bearing{}; ///< absent: none stated
    std::vector<rom_limit> rom_limits{};                   ///< limits on the ankle's range
    std::vector<activity> not_allowed{}; ///< activities the phase does not allow yet
    std::vector<activity> allowed{};     ///< activities the phase allows
    /// True when the phase states no restriction at all.
    [[nodiscard]] bool empty() const noexcept {
        return !orthosis && !weight_bearing && rom_limits.empty() && not_allowed.empty() &&
               allowed.empty();
    }
    /// Every distinct source of the parts, in order.
    [[nodiscard]] std::vector<std::string> sources() const;
    /// Equal parts, sources included.
    friend bool operator==(const phase_restrictions&, const phase_restrictions&) = default;
};

/// Why `needs` is not allowed under `limits`, one plain sentence per reason
/// ("it needs weight-bearing as tolerated on the affected leg; this phase
/// allows limited weight-bearing (Willits 2010, Table E-1)", "it takes the
/// ankle past neutral in a stretch; this phase allows passive dorsiflexion to
/// neutral (0 degrees) (...)"); empty when allowed. Single-leg
/// stance needs at least weight-bearing as tolerated; an active range limit
/// also caps passive stretching (a stretch never goes where the ankle may
/// not move); an activity the exercise counts as that the phase does not
/// allow refuses it. Plantarflexion limits are shown, not compared.
[[nodiscard]] REHAB_API std::vector<std::string> check_allowed(const exercise_needs& needs,
                                                               const phase_restrictions& limits);

/// The restrictions in plain words, one line each: "Orthosis: walking boot
/// with a 2 cm heel lift, worn at all times", "Weight on the affected leg:
/// limited weight-bearing, two crutches", "Range of motion: active
/// dorsiflexion to neutral (0 degrees)", "Not yet: running (from week 14
/// ...)", "Allowed: one leg cycling". Empty when there are none. Every export
/// writes them this way.
[[nodiscard]] REHAB_API std::vector<std::string> plain_lines(const phase_restrictions& r);

/// Every problem with `r`, located under its field as files name it
/// (`/orthosis/wedges`: outside 0-10; `/orthosis/heel_lift_cm`: outside
/// 0-10 cm; `/orthosis/plantarflexion_degrees`: minimum above maximum or
/// outside 0-90; `/orthosis/type`: wedges or a range on anything but a boot;
/// `/rom_limits/0/max_degrees`: outside -90..90; `/not_allowed/0/id`: not
/// snake_case, or listed twice, also across both lists).
[[nodiscard]] REHAB_API error_list validate(const phase_restrictions& r);

/// The type in words: "none", "splint or cast", "walking boot".
[[nodiscard]] REHAB_API std::string_view to_string(orthosis_type t) noexcept;
/// When it is worn, in words: "at all times", "when walking", "at night",
/// "weaning off".
[[nodiscard]] REHAB_API std::string_view to_string(orthosis_wear w) noexcept;
/// The aids in words: "two crutches", "one crutch", "no walking aids",
/// "crutches or a cane as needed".
[[nodiscard]] REHAB_API std::string_view to_string(walking_aids a) noexcept;
/// "dorsiflexion" or "plantarflexion".
[[nodiscard]] REHAB_API std::string_view to_string(ankle_motion m) noexcept;
/// "active" or "passive".
[[nodiscard]] REHAB_API std::string_view to_string(motion_mode m) noexcept;

} // namespace rehab

/// Prints "walking boot with a 2 cm heel lift, worn at all times, may come off
/// for washing and dressing", "splint or cast, worn at all times", "no
/// orthosis".
template <>
struct REHAB_API fmt::formatter<rehab::orthosis> : fmt::formatter<std::string_view> {
    auto format(const rehab::orthosis& o, fmt::format_context& ctx) const -> decltype(ctx.out());
};

/// Prints "weight-bearing as tolerated, two crutches".
template <>
struct REHAB_API fmt::formatter<rehab::weight_bearing_status> : fmt::formatter<std::string_view> {
    auto format(const rehab::weight_bearing_status& w, fmt::format_context& ctx) const
        -> decltype(ctx.out());
};

/// Prints "active dorsiflexion to neutral (0 degrees)", "passive dorsiflexion
/// not beyond the boot's position", "active dorsiflexion up to 10 degrees".
template <>
struct REHAB_API fmt::formatter<rehab::rom_limit> : fmt::formatter<std::string_view> {
    auto format(const rehab::rom_limit& r, fmt::format_context& ctx) const -> decltype(ctx.out());
};
