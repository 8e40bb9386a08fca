#pragma once
/// @file support_level.hpp
/// How much hand support a standing exercise or test allows: shared by a
/// dose (`dose_spec::support`) and the heel-rise test's conditions, so
/// neither needs the other's header. Header-only (`rehab::values`).

#include <cstdint>
#include <string_view>

#include <rehab/detail/enum_formatter.hpp>
#include <rehab/detail/enum_names.hpp>

namespace rehab {

/// How much hand support is allowed, from most to least.
enum class support_level : std::uint8_t {
    two_hands,  ///< both hands on a wall, rail or chair
    fingertips, ///< fingertips only, for balance
    one_finger, ///< one finger only
    none,       ///< no hand support
};

namespace detail {
/// The names of `support_level`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<support_level, 4> support_level_names{{
    {support_level::two_hands, "two-hand support", "two_hands"},
    {support_level::fingertips, "fingertip support", "fingertips"},
    {support_level::one_finger, "one-finger support", "one_finger"},
    {support_level::none, "no support", "none"},
}};
} // namespace detail

/// "two-hand support", "fingertip support", "one-finger support", "no support".
[[nodiscard]] constexpr std::string_view to_string(support_level s) noexcept {
    return detail::text_of(s, detail::support_level_names);
}

} // namespace rehab
