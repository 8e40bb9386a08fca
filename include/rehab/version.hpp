#pragma once
/// @file version.hpp
/// The library version. This header is the one source of truth: CMake reads
/// the three numbers below when it configures the project.

#include <string_view>

#define REHAB_VERSION_MAJOR 0
#define REHAB_VERSION_MINOR 2
#define REHAB_VERSION_PATCH 0

namespace rehab {

namespace detail {
#define REHAB_DETAIL_STR2(x) #x
#define REHAB_DETAIL_STR(x) REHAB_DETAIL_STR2(x)
inline constexpr std::string_view version_text =
    REHAB_DETAIL_STR(REHAB_VERSION_MAJOR) "." REHAB_DETAIL_STR(
        REHAB_VERSION_MINOR) "." REHAB_DETAIL_STR(REHAB_VERSION_PATCH);
#undef REHAB_DETAIL_STR
#undef REHAB_DETAIL_STR2
} // namespace detail

/// The version as "MAJOR.MINOR.PATCH", e.g. "0.2.0".
[[nodiscard]] constexpr std::string_view version_string() noexcept { return detail::version_text; }

} // namespace rehab
