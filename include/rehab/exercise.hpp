#pragma once
/// @file exercise.hpp
/// An exercise: what it is, what it needs and how to do it, in plain words.
///
/// `exercise` is a record (an aggregate); its invariants (kebab-case id,
/// a name, at least one step) are checked by `validate()` and by
/// `catalog::add()`, which refuses an exercise that breaks them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <rehab/detail/enum_formatter.hpp>
#include <rehab/error.hpp>
#include <rehab/restrictions.hpp>

namespace rehab {

/// The kind of muscle work or movement an exercise is.
enum class exercise_kind : std::uint8_t {
    stretch,
    eccentric,            ///< lowering under load only
    concentric_eccentric, ///< lifting and lowering
    isometric,            ///< holding a position against load
    balance,
    mobility,
    plyometric, ///< fast, springy work (hops, quick rebounds)
};

/// Equipment an exercise needs. Body weight alone needs none.
enum class equipment : std::uint8_t {
    step, ///< a stair or step edge
    wall,
    band,             ///< an elastic exercise band
    towel_or_strap,   ///< a towel, belt, strap or leash
    chair_or_counter, ///< something sturdy to hold for balance
    backpack,         ///< a backpack or vest carrying added weight
    weight_machine,   ///< leg press, seated calf machine, Smith machine
    barbell,
    raised_surface, ///< a disc weight or block under the forefoot
};

/// The body position an exercise starts from.
enum class body_position : std::uint8_t {
    standing,
    sitting,      ///< on a chair or bench
    long_sitting, ///< on the floor, legs out straight
    lying,
};

/// Whether an exercise works one limb at a time or both together.
enum class laterality : std::uint8_t {
    unilateral, ///< one leg at a time
    bilateral,  ///< both legs together
};

/// An exercise of the catalog. Instructions are short imperative sentences.
/// Every member has a default, so designated initializers may name only some.
struct exercise {
    std::string id{};   ///< stable kebab-case id, e.g. "single-leg-balance"
    std::string name{}; ///< display name, e.g. "Single-leg balance"
    exercise_kind kind = exercise_kind::concentric_eccentric;
    std::vector<std::string> targets{}; ///< structures loaded, e.g. "soleus"
    std::vector<rehab::equipment> equipment{};
    body_position position = body_position::standing;
    rehab::laterality laterality = laterality::unilateral;
    std::string starting_position{};   ///< where to begin, one or two sentences
    std::vector<std::string> steps{};  ///< what to do, in order
    std::vector<std::string> cues{};   ///< what to feel or watch for
    std::vector<std::string> safety{}; ///< when to stop or take care
    std::string source{};              ///< where the exercise comes from
    /// What it needs of the affected leg: a phase whose restrictions forbid
    /// it may not prescribe it.
    exercise_needs needs{};

    friend bool operator==(const exercise&, const exercise&) = default;
};

/// True for a non-empty lower-case id of letters and digits joined by single
/// hyphens ("heel-raise-bent-knee").
[[nodiscard]] bool is_kebab_case(std::string_view id) noexcept;

/// Every broken invariant of `e`, each with the path of its field
/// (`/id`, `/name`, `/steps`, `/steps/2`). Empty when `e` is valid.
[[nodiscard]] error_list validate(const exercise& e);

[[nodiscard]] std::string_view to_string(exercise_kind k) noexcept;
[[nodiscard]] std::string_view to_string(equipment e) noexcept;
[[nodiscard]] std::string_view to_string(body_position p) noexcept;
[[nodiscard]] std::string_view to_string(laterality l) noexcept;

} // namespace rehab

/// Prints "Single-leg balance (single-leg-balance)".
template <>
struct fmt::formatter<rehab::exercise> : fmt::formatter<std::string_view> {
    auto format(const rehab::exercise& e, fmt::format_context& ctx) const -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(fmt::format("{} ({})", e.name, e.id), ctx);
    }
};
