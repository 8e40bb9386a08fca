#pragma once
/// @file exercise_needs.hpp
/// What an exercise needs of the affected leg (`exercise_needs`): the
/// weight-bearing, the stance and how far into dorsiflexion it goes. A phase's
/// restrictions (`restrictions.hpp`) are compared with it by `check_allowed`;
/// the `exercise` record holds it. Its own header, so the exercise record does
/// not depend on the restrictions. Header-only (`rehab::values`).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <rehab/detail/enum_formatter.hpp>
#include <rehab/detail/enum_names.hpp>

namespace rehab {

/// Weight-bearing on the affected leg, least to most (the UK BOASt
/// standard's non / limited / unrestricted, with "as tolerated" kept apart
/// from full because the protocols use both; clinical-facts 4f).
enum class weight_bearing : std::uint8_t {
    non,          ///< no weight on the leg
    limited,      ///< protected or partial weight-bearing
    as_tolerated, ///< as much as pain allows
    full,         ///< no limit
};

namespace detail {
/// The names of `weight_bearing`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<weight_bearing, 4> weight_bearing_names{{
    {weight_bearing::non, "non-weight-bearing", "non"},
    {weight_bearing::limited, "limited weight-bearing", "limited"},
    {weight_bearing::as_tolerated, "weight-bearing as tolerated", "as_tolerated"},
    {weight_bearing::full, "full weight-bearing", "full"},
}};
} // namespace detail

/// How far into dorsiflexion an exercise takes the ankle.
enum class dorsiflexion_reach : std::uint8_t {
    none,           ///< stays in plantarflexion (pointing the foot, seated work)
    to_neutral,     ///< down to neutral (heel to the floor)
    beyond_neutral, ///< past neutral (heel below a step edge, a calf stretch)
};

namespace detail {
/// The names of `dorsiflexion_reach`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<dorsiflexion_reach, 3> dorsiflexion_reach_names{{
    {dorsiflexion_reach::none, "none", "none"},
    {dorsiflexion_reach::to_neutral, "to neutral", "to_neutral"},
    {dorsiflexion_reach::beyond_neutral, "beyond neutral", "beyond_neutral"},
}};
} // namespace detail

/// What an exercise needs of the affected leg. The default needs nothing.
struct exercise_needs {
    /// The least weight-bearing on the affected leg it needs; none unless given.
    rehab::weight_bearing weight_bearing = weight_bearing::non;
    /// Standing on the affected leg alone.
    bool single_leg_stance = false;
    /// How far into dorsiflexion it takes the ankle; not at all unless given.
    dorsiflexion_reach dorsiflexion = dorsiflexion_reach::none;
    /// The dorsiflexion is a passive stretch, not active movement.
    bool passive_stretch = false;
    /// Activities the exercise counts as (snake_case, as phases list them:
    /// "resistance_exercise" for work against a band, a weight or body weight
    /// on the calf, "plyometrics" for hops and quick rebounds): a phase that
    /// lists one as not allowed refuses the exercise.
    std::vector<std::string> counts_as{};
    /// Equal when every field is.
    friend bool operator==(const exercise_needs&, const exercise_needs&) = default;
};

/// True for a non-empty lower-case id of letters and digits joined by single
/// underscores ("one_leg_cycling").
[[nodiscard]] bool is_snake_case(std::string_view id) noexcept;

/// The level in words: "non-weight-bearing" ... "full weight-bearing".
[[nodiscard]] std::string_view to_string(weight_bearing w) noexcept;
/// "none", "to neutral", "beyond neutral".
[[nodiscard]] std::string_view to_string(dorsiflexion_reach r) noexcept;

} // namespace rehab

// --- Definitions -------------------------------------------------------------

namespace rehab {

inline bool is_snake_case(std::string_view id) noexcept {
    if (id.empty() || id.front() == '_' || id.back() == '_') {
        return false;
    }
    char previous = '\0';
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok || (c == '_' && previous == '_')) {
            return false;
        }
        previous = c;
    }
    return true;
}

inline std::string_view to_string(weight_bearing w) noexcept {
    return detail::text_of(w, detail::weight_bearing_names);
}

inline std::string_view to_string(dorsiflexion_reach r) noexcept {
    return detail::text_of(r, detail::dorsiflexion_reach_names);
}

} // namespace rehab
