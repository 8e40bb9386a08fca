#pragma once
/// @file exercise.hpp
/// An exercise: what it is, what it needs and how to do it, in plain words.
///
/// `exercise` is a record (an aggregate); its invariants (kebab-case id,
/// a name, at least one step) are checked by `validate()` and by
/// `catalog::add()`, which refuses an exercise that breaks them.
///
/// Header-only (`rehab::values`): the definitions are at the end of this header.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <rehab/detail/enum_formatter.hpp>
#include <rehab/detail/enum_names.hpp>
#include <rehab/error.hpp>
#include <rehab/exercise_needs.hpp>
#include <rehab/text.hpp>

namespace rehab {

/// The kind of muscle work or movement an exercise is.
enum class exercise_kind : std::uint8_t {
    stretch,              ///< holding a muscle at length, e.g. a calf stretch
    eccentric,            ///< lowering under load only
    concentric_eccentric, ///< lifting and lowering
    isometric,            ///< holding a position against load
    balance,              ///< keeping steady, e.g. standing on one leg
    mobility,             ///< moving a joint through its range, e.g. active ankle movement
    plyometric,           ///< fast, springy work (hops, quick rebounds)
};

namespace detail {
/// The names of `exercise_kind`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<exercise_kind, 7> exercise_kind_names{{
    {exercise_kind::stretch, "stretch", "stretch"},
    {exercise_kind::eccentric, "eccentric", "eccentric"},
    {exercise_kind::concentric_eccentric, "concentric-eccentric", "concentric_eccentric"},
    {exercise_kind::isometric, "isometric", "isometric"},
    {exercise_kind::balance, "balance", "balance"},
    {exercise_kind::mobility, "mobility", "mobility"},
    {exercise_kind::plyometric, "plyometric", "plyometric"},
}};
} // namespace detail

/// Equipment an exercise needs. Body weight alone needs none.
enum class equipment : std::uint8_t {
    step,             ///< a stair or step edge
    wall,             ///< a wall to lean or push against
    band,             ///< an elastic exercise band
    towel_or_strap,   ///< a towel, belt, strap or leash
    chair_or_counter, ///< something sturdy to hold for balance
    backpack,         ///< a backpack or vest carrying added weight
    weight_machine,   ///< leg press, seated calf machine, Smith machine
    barbell,          ///< a barbell with weight plates
    raised_surface,   ///< a disc weight or block under the forefoot
};

namespace detail {
/// The names of `equipment`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<equipment, 9> equipment_names{{
    {equipment::step, "step", "step"},
    {equipment::wall, "wall", "wall"},
    {equipment::band, "band", "band"},
    {equipment::towel_or_strap, "towel or strap", "towel_or_strap"},
    {equipment::chair_or_counter, "chair or counter", "chair_or_counter"},
    {equipment::backpack, "backpack", "backpack"},
    {equipment::weight_machine, "weight machine", "weight_machine"},
    {equipment::barbell, "barbell", "barbell"},
    {equipment::raised_surface, "raised surface", "raised_surface"},
}};
} // namespace detail

/// The body position an exercise starts from.
enum class body_position : std::uint8_t {
    standing,     ///< on the feet
    sitting,      ///< on a chair or bench
    long_sitting, ///< on the floor, legs out straight
    lying,        ///< on the back, front or side
};

namespace detail {
/// The names of `body_position`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<body_position, 4> body_position_names{{
    {body_position::standing, "standing", "standing"},
    {body_position::sitting, "sitting", "sitting"},
    {body_position::long_sitting, "long sitting", "long_sitting"},
    {body_position::lying, "lying", "lying"},
}};
} // namespace detail

/// Whether an exercise works one limb at a time or both together.
enum class laterality : std::uint8_t {
    unilateral, ///< one leg at a time
    bilateral,  ///< both legs together
};

namespace detail {
/// The names of `laterality`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<laterality, 2> laterality_names{{
    {laterality::unilateral, "one leg at a time", "unilateral"},
    {laterality::bilateral, "both legs together", "bilateral"},
}};
} // namespace detail

/// An exercise of the catalog. Instructions are short imperative sentences.
/// Every member has a default, so designated initializers may name only some.
struct exercise {
    std::string id{};   ///< stable kebab-case id, e.g. "single-leg-balance"
    std::string name{}; ///< display name, e.g. "Single-leg balance"
    /// The kind of work; concentric-eccentric unless given.
    exercise_kind kind = exercise_kind::concentric_eccentric;
    std::vector<std::string> targets{}; ///< structures loaded, e.g. "soleus"
    /// Equipment it needs; empty for body weight alone.
    std::vector<rehab::equipment> equipment{};
    /// The position it starts from; standing unless given.
    body_position position = body_position::standing;
    /// One leg at a time unless given.
    rehab::laterality laterality = laterality::unilateral;
    std::string starting_position{};   ///< where to begin, one or two sentences
    std::vector<std::string> steps{};  ///< what to do, in order
    std::vector<std::string> cues{};   ///< what to feel or watch for
    std::vector<std::string> safety{}; ///< when to stop or take care
    std::string source{};              ///< where the exercise comes from
    /// What it needs of the affected leg: a phase whose restrictions forbid
    /// it may not prescribe it.
    exercise_needs needs{};

    /// Equal when every field is.
    friend bool operator==(const exercise&, const exercise&) = default;
};

/// True for a non-empty lower-case id of letters and digits joined by single
/// hyphens ("heel-raise-bent-knee").
[[nodiscard]] bool is_kebab_case(std::string_view id) noexcept;

/// Every broken invariant of `e`, each with the path of its field
/// (`/id`, `/name`, `/steps`, `/steps/2`). Empty when `e` is valid.
[[nodiscard]] error_list validate(const exercise& e);

/// "stretch", "eccentric", "concentric-eccentric", ..., "plyometric".
[[nodiscard]] std::string_view to_string(exercise_kind k) noexcept;
/// "step", "wall", "band", "towel or strap", ..., "raised surface".
[[nodiscard]] std::string_view to_string(equipment e) noexcept;
/// "standing", "sitting", "long sitting", "lying".
[[nodiscard]] std::string_view to_string(body_position p) noexcept;
/// "one leg at a time", "both legs together".
[[nodiscard]] std::string_view to_string(laterality l) noexcept;

} // namespace rehab

/// Prints "Single-leg balance (single-leg-balance)".
template <>
struct fmt::formatter<rehab::exercise> : fmt::formatter<std::string_view> {
    auto format(const rehab::exercise& e, fmt::format_context& ctx) const -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(e.name + " (" + e.id + ")", ctx);
    }
};

// --- Definitions -------------------------------------------------------------
// Messages are built by concatenation (`std::to_string` prints an integer as
// "{}" does): each `fmt::format` call instantiates its own compile-time check,
// and these definitions are compiled by every file that includes the header.

namespace rehab {

namespace detail {

inline bool exercise_is_blank(std::string_view text) noexcept {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

inline void exercise_check_text(std::string_view text, std::string path, error_list& errors) {
    if (auto problem = rehab::text_problem(text)) {
        errors.push_back(error{errc::invalid_value, std::move(path), std::move(*problem), {}, {}});
    }
}

inline void exercise_check_lines(const std::vector<std::string>& lines, std::string_view field,
                                 error_list& errors) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (exercise_is_blank(lines[i])) {
            errors.push_back(error{errc::invalid_value,
                                   "/" + std::string(field) + "/" + std::to_string(i),
                                   "must not be empty",
                                   {},
                                   {}});
        } else {
            exercise_check_text(lines[i], "/" + std::string(field) + "/" + std::to_string(i),
                                errors);
        }
    }
}

} // namespace detail

inline bool is_kebab_case(std::string_view id) noexcept {
    if (id.empty() || id.front() == '-' || id.back() == '-') {
        return false;
    }
    char previous = '\0';
    for (const char c : id) {
        const bool lower = c >= 'a' && c <= 'z';
        const bool digit = c >= '0' && c <= '9';
        if (!(lower || digit || c == '-') || (c == '-' && previous == '-')) {
            return false;
        }
        previous = c;
    }
    return true;
}

inline error_list validate(const exercise& e) {
    error_list errors;
    if (!is_kebab_case(e.id)) {
        errors.push_back(error{errc::invalid_value,
                               "/id",
                               "must be kebab-case (lower-case letters and digits joined by "
                               "single hyphens), got \"" +
                                   e.id + "\"",
                               {},
                               {}});
    }
    if (detail::exercise_is_blank(e.name)) {
        errors.push_back(error{errc::invalid_value, "/name", "must not be empty", {}, {}});
    }
    detail::exercise_check_text(e.name, "/name", errors);
    detail::exercise_check_text(e.starting_position, "/starting_position", errors);
    detail::exercise_check_text(e.source, "/source", errors);
    if (e.steps.empty()) {
        errors.push_back(
            error{errc::invalid_value, "/steps", "must list at least one step", {}, {}});
    }
    detail::exercise_check_lines(e.steps, "steps", errors);
    detail::exercise_check_lines(e.cues, "cues", errors);
    detail::exercise_check_lines(e.safety, "safety", errors);
    detail::exercise_check_lines(e.targets, "targets", errors);
    for (std::size_t i = 0; i < e.needs.counts_as.size(); ++i) {
        if (!is_snake_case(e.needs.counts_as[i])) {
            errors.push_back(error{errc::invalid_value,
                                   "/needs/counts_as/" + std::to_string(i),
                                   "must be snake_case (letters and digits joined by single "
                                   "underscores), got \"" +
                                       e.needs.counts_as[i] + "\"",
                                   {},
                                   {}});
        }
    }
    return errors;
}

inline std::string_view to_string(exercise_kind k) noexcept {
    return detail::text_of(k, detail::exercise_kind_names);
}

inline std::string_view to_string(equipment e) noexcept {
    return detail::text_of(e, detail::equipment_names);
}

inline std::string_view to_string(body_position p) noexcept {
    return detail::text_of(p, detail::body_position_names);
}

inline std::string_view to_string(laterality l) noexcept {
    return detail::text_of(l, detail::laterality_names);
}

} // namespace rehab
