// Not a header of rehab: docs/Doxyfile.in reads it so that Doxygen knows the
// fmt::formatter template that rehab's headers specialise (without it, each
// specialisation is an "internal inconsistency").
#pragma once

/// {fmt}, the formatting library (https://fmt.dev): rehab's types print with
/// `fmt::format("{}", value)`.
namespace fmt {
/// {fmt}'s extension point: rehab specialises it for each type that prints,
/// with the text a clinician would write.
template <typename T, typename Char = char, typename Enable = void>
struct formatter {};
} // namespace fmt
