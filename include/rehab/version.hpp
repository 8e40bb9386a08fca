#pragma once
/// @file version.hpp
/// The library version. This header is the one source of truth: CMake reads
/// the three numbers below when it configures the project.

#include <string_view>

/// The major version: 0 while the API may still change with any minor version.
#define REHAB_VERSION_MAJOR 0
/// The minor version; while the major version is 0, the ABI too (librehab.so.0.2).
#define REHAB_VERSION_MINOR 2
/// The patch version: fixes that keep the API and the ABI.
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
