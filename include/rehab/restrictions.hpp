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

#include <rehab/detail/enum_formatter.hpp>
#include <rehab/error.hpp>
#include <rehab/exercise_needs.hpp>

namespace rehab {

/// The orthosis on the affected leg.
enum class orthosis_type : std::uint8_t {
    none,
    splint_or_cast, ///< a back slab, splint or plaster cast
    walking_boot,   ///< a removable walking boot (walker)
};

/// When the orthosis is worn.
enum class orthosis_wear : std::uint8_t {
    at_all_times, ///< day and night, sleeping too
    when_walking, ///< up and about, not in bed
    at_night,     ///< only at night
    weaning,      ///< being weaned off: less each day
};

/// Removable heel wedges in a boot, by count.
struct heel_wedges {
    int count = 0;
    friend bool operator==(const heel_wedges&, const heel_wedges&) = default;
};

/// A heel lift of a given height in centimetres (0: none, the sole flat).
struct heel_lift {
    double cm = 0.0;
    friend bool operator==(const heel_lift&, const heel_lift&) = default;
};

/// A hinged boot's range of plantarflexion in degrees (locked at 30: 30-30;
/// opened to neutral: 0-30).
struct plantarflexion_range {
    int min_degrees = 0;
    int max_degrees = 0;
    friend bool operator==(const plantarflexion_range&, const plantarflexion_range&) = default;
};

/// How the boot holds the foot: not stated, wedges, a heel lift, or a range.
using boot_setting = std::variant<std::monostate, heel_wedges, heel_lift, plantarflexion_range>;

struct orthosis {
    orthosis_type type = orthosis_type::none;
    boot_setting setting{};
    orthosis_wear worn = orthosis_wear::at_all_times;
    /// It may come off for washing and dressing (weight-bearing limits still apply).
    bool off_for_washing_and_dressing = false;
    /// It comes off for the phase's exercises ("boot off for active
    /// plantarflexion"); otherwise an orthosis worn at all times leaves the
    /// ankle nothing to move.
    bool off_for_exercise = false;
    std::string source{};
    /// True when the foot is held in plantarflexion (equinus): wedges or a
    /// heel lift in place, or a range that stops short of neutral.
    [[nodiscard]] bool holds_equinus() const noexcept;
    friend bool operator==(const orthosis&, const orthosis&) = default;
};

enum class walking_aids : std::uint8_t {
    two_crutches,
    one_crutch,
    none,
    as_needed, ///< crutches or a cane when needed, weaning off
};

struct weight_bearing_status {
    rehab::weight_bearing affected = weight_bearing::full;
    /// Absent where the source does not say.
    std::optional<walking_aids> aids{};
    std::string source{};
    friend bool operator==(const weight_bearing_status&, const weight_bearing_status&) = default;
};

enum class ankle_motion : std::uint8_t { dorsiflexion, plantarflexion };

enum class motion_mode : std::uint8_t {
    active,  ///< the patient's own muscles move the ankle
    passive, ///< a stretch: body weight, a towel or a hand moves it
};

/// How far the ankle may move. Degrees past neutral (0 = neutral, the foot at
/// a right angle; negative = short of neutral). Absent degrees: not beyond
/// the position the orthosis holds ("dorsiflex back to the boot position but
/// not beyond").
struct rom_limit {
    ankle_motion motion = ankle_motion::dorsiflexion;
    motion_mode mode = motion_mode::active;
    std::optional<int> max_degrees{0};
    std::string source{};
    friend bool operator==(const rom_limit&, const rom_limit&) = default;
};

/// An activity a phase allows or does not, e.g. "running" or
/// "one_leg_cycling" (snake_case), with a note ("from week 14 once ...")
/// and its source.
struct activity {
    std::string id{};
    std::string note{};
    std::string source{};
    friend bool operator==(const activity&, const activity&) = default;
};

/// What a phase allows besides its exercises. Every part is optional: a
/// tendinopathy phase has none.
struct phase_restrictions {
    std::optional<rehab::orthosis> orthosis{};
    std::optional<weight_bearing_status> weight_bearing{};
    std::vector<rom_limit> rom_limits{};
    std::vector<activity> not_allowed{};
    std::vector<activity> allowed{};
    [[nodiscard]] bool empty() const noexcept {
        return !orthosis && !weight_bearing && rom_limits.empty() && not_allowed.empty() &&
               allowed.empty();
    }
    /// Every distinct source of the parts, in order.
    [[nodiscard]] std::vector<std::string> sources() const;
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
[[nodiscard]] std::vector<std::string> check_allowed(const exercise_needs& needs,
                                                     const phase_restrictions& limits);

/// The restrictions in plain words, one line each: "Orthosis: walking boot
/// with a 2 cm heel lift, worn at all times", "Weight on the affected leg:
/// limited weight-bearing, two crutches", "Range of motion: active
/// dorsiflexion to neutral (0 degrees)", "Not yet: running (from week 14
/// ...)", "Allowed: one leg cycling". Empty when there are none. Every export
/// writes them this way.
[[nodiscard]] std::vector<std::string> plain_lines(const phase_restrictions& r);

/// Every problem with `r`, located under its field as files name it
/// (`/orthosis/wedges`: outside 0-10; `/orthosis/heel_lift_cm`: outside
/// 0-10 cm; `/orthosis/plantarflexion_degrees`: minimum above maximum or
/// outside 0-90; `/orthosis/type`: wedges or a range on anything but a boot;
/// `/rom_limits/0/max_degrees`: outside -90..90; `/not_allowed/0/id`: not
/// snake_case, or listed twice, also across both lists).
[[nodiscard]] error_list validate(const phase_restrictions& r);

[[nodiscard]] std::string_view to_string(orthosis_type t) noexcept;
[[nodiscard]] std::string_view to_string(orthosis_wear w) noexcept;
[[nodiscard]] std::string_view to_string(walking_aids a) noexcept;
[[nodiscard]] std::string_view to_string(ankle_motion m) noexcept;
[[nodiscard]] std::string_view to_string(motion_mode m) noexcept;

} // namespace rehab

/// Prints "walking boot with 2 cm heel lift, worn at all times, may come off
/// for washing and dressing", "splint or cast, worn at all times".
template <>
struct fmt::formatter<rehab::orthosis> : fmt::formatter<std::string_view> {
    auto format(const rehab::orthosis& o, fmt::format_context& ctx) const -> decltype(ctx.out());
};

/// Prints "weight-bearing as tolerated, two crutches".
template <>
struct fmt::formatter<rehab::weight_bearing_status> : fmt::formatter<std::string_view> {
    auto format(const rehab::weight_bearing_status& w, fmt::format_context& ctx) const
        -> decltype(ctx.out());
};

/// Prints "active dorsiflexion to 0 degrees (neutral)", "passive dorsiflexion
/// not beyond the boot's position".
template <>
struct fmt::formatter<rehab::rom_limit> : fmt::formatter<std::string_view> {
    auto format(const rehab::rom_limit& r, fmt::format_context& ctx) const -> decltype(ctx.out());
};
