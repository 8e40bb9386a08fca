#pragma once
/// @file catalog.hpp
/// A set of exercises looked up by id: the built-in catalog, extended with
/// a user's own exercises.

#include <cstddef>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <rehab/api.hpp>
#include <rehab/error.hpp>
#include <rehab/exercise.hpp>

namespace rehab {

/// Exercises by id. Copy the built-in catalog to add your own:
/// @code
/// rehab::catalog mine = rehab::catalog::builtin();
/// if (auto added = mine.add(my_exercise); !added) { /* added.error() */ }
/// @endcode
class REHAB_API catalog {
public:
    /// An empty catalog.
    catalog() = default;

    /// The exercises that ship with the library (see docs/exercises.md).
    [[nodiscard]] static const catalog& builtin();

    /// Adds `e`, or says why not: every broken invariant of `validate(e)`
    /// (the first is returned), or `errc::duplicate_id` when the id is taken.
    /// Nothing is added on error.
    [[nodiscard]] expected<void> add(exercise e);

    /// The exercise with this id, or nullptr.
    /// @par Complexity O(log n).
    [[nodiscard]] const exercise* find(std::string_view id) const noexcept;

    /// The exercise with this id, or `errc::unknown_id` with a message that
    /// lists close matches:
    /// `unknown exercise id "heel-raise"; did you mean "two-leg-heel-raise", ...?`.
    [[nodiscard]] expected<std::reference_wrapper<const exercise>> get(std::string_view id) const;

    /// True if an exercise with this id is in the catalog.
    [[nodiscard]] bool contains(std::string_view id) const noexcept { return find(id) != nullptr; }

    /// All exercises, in the order they were added.
    [[nodiscard]] std::span<const exercise> exercises() const noexcept;
    /// How many exercises the catalog holds.
    [[nodiscard]] std::size_t size() const noexcept { return exercises_.size(); }

    /// All ids, in the order they were added.
    [[nodiscard]] std::vector<std::string_view> ids() const;

private:
    std::vector<exercise> exercises_;
    std::map<std::string, std::size_t, std::less<>> index_;
};

} // namespace rehab
