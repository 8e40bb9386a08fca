#pragma once
/// @file support_level.hpp
/// How much hand support a standing exercise or test allows: shared by a
/// dose (`dose_spec::support`) and the heel-rise test's conditions, so
/// neither needs the other's header. Header-only (`rehab::values`).

#include <cstdint>
#include <string_view>

#include <rehab/detail/enum_formatter.hpp>

namespace rehab {

/// How much hand support is allowed, from most to least.
enum class support_level : std::uint8_t {
    two_hands,  ///< both hands on a wall, rail or chair
    fingertips, ///< fingertips only, for balance
    one_finger, ///< one finger only
    none,       ///< no hand support
};

/// "two-hand support", "fingertip support", "one-finger support", "no support".
[[nodiscard]] constexpr std::string_view to_string(support_level s) noexcept {
    switch (s) {
    case support_level::two_hands:
        return "two-hand support";
    case support_level::fingertips:
        return "fingertip support";
    case support_level::one_finger:
        return "one-finger support";
    case support_level::none:
        return "no support";
    }
    return "unknown";
}

} // namespace rehab
