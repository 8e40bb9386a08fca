#pragma once
/// @file builtin_exercises.hpp (private to the library)
/// The exercises the library ships with, each with its source.

#include <vector>

#include <rehab/exercise.hpp>

namespace rehab::detail {

/// Every built-in exercise, in a stable order. Each one is valid
/// (`validate()` returns no errors) and names its source.
[[nodiscard]] std::vector<rehab::exercise> builtin_exercises();

} // namespace rehab::detail
