#pragma once
/// @file dosage.hpp
/// A dose: how much of one exercise to do in one session.
///
/// A dose is sets of one kind of work (repetitions, a held position, or timed
/// work), with optional tempo, rest, load, side, support and movement limit.
/// Build one from a `dose_spec` with `dose::make`, which checks every field:
/// @code
/// using namespace std::chrono_literals;
/// auto d = rehab::dose::make({.sets = rehab::sets{3},
///                             .work = rehab::repetitions{rehab::reps{15}},
///                             .side = rehab::sides::affected_only});
/// fmt::print("{}\n", *d);  // 3 x 15 reps, affected side only
/// @endcode

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <fmt/format.h>

#include <rehab/detail/enum_formatter.hpp>
#include <rehab/error.hpp>
#include <rehab/support_level.hpp>
#include <rehab/units.hpp>

namespace rehab {

/// Repetitions per set: `repetitions{reps{15}}` or a range
/// `repetitions{reps{10}, reps{15}}` (10 to 15 reps).
struct repetitions {
    rehab::reps reps{1};
    /// The top of a rep range; absent for a fixed number.
    std::optional<rehab::reps> reps_max{};
    friend bool operator==(const repetitions&, const repetitions&) = default;
};

/// A position held still for a time, once per set: a stretch held 30 s,
/// done 3 times, is 3 sets of `hold{30s}` ("hold 30 s x 3").
struct hold {
    std::chrono::seconds duration{0};
    friend bool operator==(const hold&, const hold&) = default;
};

/// Work kept up for a time per set, e.g. single-leg balance 3 x 30 s, or a
/// range "15-20 s" with `duration_max`. With `as_long_as_possible`,
/// `duration` is the ceiling: "as long as possible, up to 60 s".
struct timed {
    std::chrono::seconds duration{0};
    /// The top of a time range; absent for a fixed time.
    std::optional<std::chrono::seconds> duration_max{};
    bool as_long_as_possible = false;
    friend bool operator==(const timed&, const timed&) = default;
};

/// What one set asks for.
using work = std::variant<repetitions, hold, timed>;

/// Seconds spent in each phase of one repetition. A phase left empty is not
/// prescribed; `eccentric` alone is a lowering-only tempo ("eccentric 3 s").
/// Heavy slow resistance is `{.eccentric = 3s, .concentric = 3s}` // Beyer 2015
struct tempo {
    std::optional<std::chrono::seconds> eccentric{};  ///< lowering
    std::chrono::seconds pause{0};                    ///< at the bottom, between the two
    std::optional<std::chrono::seconds> concentric{}; ///< lifting
    friend bool operator==(const tempo&, const tempo&) = default;
};

/// No load beyond the body's own weight.
struct body_weight {
    friend bool operator==(const body_weight&, const body_weight&) = default;
};

/// The load of a dose: body weight, added kilograms (a backpack), a share of
/// body weight added, or a repetition-maximum target (load chosen so that
/// the reps can just be done: "15RM").
using load = std::variant<body_weight, kilograms, percent_body_weight, rm_target>;

/// Which side does the work.
enum class sides : std::uint8_t {
    each,          ///< each side in turn: the dose is done once per side
    affected_only, ///< the affected side only (Alfredson: the healthy leg lifts you back up)
    together,      ///< both sides at once (two-leg heel raise)
};

/// A limit on the range of movement that a protocol imposes.
enum class movement_constraint : std::uint8_t {
    /// Heel not lowered below neutral: work on the floor, not a step edge,
    /// so the ankle is not loaded into dorsiflexion // Jonsson 2008
    no_dorsiflexion_below_neutral,
};

/// The fields of a dose, for designated initializers. Check it with
/// `dose::make`.
struct dose_spec {
    rehab::sets sets{1};
    rehab::work work{repetitions{}};
    std::optional<rehab::tempo> tempo{};
    /// Rest between sets; absent when not prescribed.
    std::optional<std::chrono::seconds> rest{};
    rehab::load load{body_weight{}};
    rehab::sides side = sides::each;
    std::optional<support_level> support{};
    std::optional<movement_constraint> constraint{};
    friend bool operator==(const dose_spec&, const dose_spec&) = default;
};

/// Assumptions for `dose::estimated_duration` where the dose is silent.
struct duration_assumptions {
    /// Time for one repetition when the dose gives no tempo. Default 4 s: the
    /// slow end of ACSM's "1-2 s concentric, 1-2 s eccentric" // ACSM 2009 (Ratamess)
    std::chrono::seconds rep_duration{4};
    /// Rest between sets when the dose prescribes none. Default: none.
    std::chrono::seconds rest_between_sets{0};
    /// Time to change sides for a dose done on each side. Default: none.
    std::chrono::seconds side_change{0};
};

/// A checked dose. Immutable; build a changed one from `spec()`.
class dose {
public:
    /// Checks every field of `spec` and returns the dose, or the first problem,
    /// with the field's path and value, e.g. `/sets: must be >= 1, got 0`,
    /// `/reps_max: must be >= reps (15), got 10`, `/rest_seconds: must be >=
    /// 0 s, got -30 s`. `validate(spec)` lists every problem.
    [[nodiscard]] static expected<dose> make(const dose_spec& spec);

    [[nodiscard]] const dose_spec& spec() const noexcept { return spec_; }
    [[nodiscard]] rehab::sets sets() const noexcept { return spec_.sets; }
    [[nodiscard]] const rehab::work& work() const noexcept { return spec_.work; }
    [[nodiscard]] const std::optional<rehab::tempo>& tempo() const noexcept { return spec_.tempo; }
    [[nodiscard]] const std::optional<std::chrono::seconds>& rest() const noexcept {
        return spec_.rest;
    }
    [[nodiscard]] const rehab::load& load() const noexcept { return spec_.load; }
    [[nodiscard]] rehab::sides side() const noexcept { return spec_.side; }
    [[nodiscard]] const std::optional<support_level>& support() const noexcept {
        return spec_.support;
    }
    [[nodiscard]] const std::optional<movement_constraint>& constraint() const noexcept {
        return spec_.constraint;
    }

    /// The repetitions work, or nullptr for a hold or timed dose.
    [[nodiscard]] const repetitions* reps_work() const noexcept {
        return std::get_if<repetitions>(&spec_.work);
    }

    /// How many sides do the dose: 2 for `sides::each`, else 1.
    [[nodiscard]] int sides_worked() const noexcept { return spec_.side == sides::each ? 2 : 1; }

    /// Repetitions on one side in one session (sets x reps, the bottom of a
    /// range); 0 for hold and timed work.
    [[nodiscard]] rehab::reps reps_per_side() const noexcept;
    /// Repetitions in one session, all sides counted: Alfredson's 3 x 15 on
    /// the affected side is 45.
    [[nodiscard]] rehab::reps reps_per_session() const noexcept {
        return rehab::reps(reps_per_side().value() * sides_worked());
    }
    /// Repetitions in a day of `per_day` sessions.
    [[nodiscard]] rehab::reps reps_per_day(rehab::sessions per_day) const noexcept {
        return reps_per_session() * per_day;
    }

    /// Time under tension in one session, all sides counted: holds and timed
    /// work count their full time; repetitions need a tempo (absent without
    /// one). A timed "as long as possible" counts its ceiling.
    [[nodiscard]] std::optional<std::chrono::seconds> time_under_tension() const;

    /// Estimated length of the dose in a session: work, rest between sets and
    /// side changes, filling gaps from `assume`.
    [[nodiscard]] std::chrono::seconds
    estimated_duration(const duration_assumptions& assume = {}) const;

    friend bool operator==(const dose&, const dose&) = default;

private:
    explicit dose(const dose_spec& spec) : spec_(spec) {}
    dose_spec spec_;
};

/// Every problem with `spec`, each with its field's path; empty when valid.
/// Paths use the JSON names of the fields: `/sets`, `/reps`, `/reps_max`,
/// `/hold_seconds`, `/seconds`, `/seconds_max`, `/rest_seconds`, `/tempo/eccentric_seconds`,
/// `/tempo/pause_seconds`, `/tempo/concentric_seconds`, `/load_kg`,
/// `/load_percent_body_weight`, `/load_rm`.
[[nodiscard]] error_list validate(const dose_spec& spec);

[[nodiscard]] std::string_view to_string(sides s) noexcept;
[[nodiscard]] std::string_view to_string(movement_constraint c) noexcept;

} // namespace rehab

/// Prints "tempo 3-0-3", "eccentric 3 s", "concentric 2 s, pause 1 s".
template <>
struct fmt::formatter<rehab::tempo> : fmt::formatter<std::string_view> {
    auto format(const rehab::tempo& t, fmt::format_context& ctx) const -> decltype(ctx.out());
};

/// Prints "body weight", "+5 kg", "+10 % body weight", "15RM".
template <>
struct fmt::formatter<rehab::load> : fmt::formatter<std::string_view> {
    auto format(const rehab::load& l, fmt::format_context& ctx) const -> decltype(ctx.out());
};

/// Prints the spec as `fmt::formatter<rehab::dose>` prints a dose, checked
/// or not (a spec with 0 sets prints "0 x 15 reps, ...").
template <>
struct fmt::formatter<rehab::dose_spec> : fmt::formatter<std::string_view> {
    auto format(const rehab::dose_spec& d, fmt::format_context& ctx) const -> decltype(ctx.out());
};

/// Prints a dose as a clinician writes it: "3 x 15 reps, affected side only",
/// "hold 30 s x 3, each side", "3 x 15RM, both sides together, tempo 3-0-3,
/// rest 2 min", "3 x as long as possible, up to 60 s, each side".
template <>
struct fmt::formatter<rehab::dose> : fmt::formatter<std::string_view> {
    auto format(const rehab::dose& d, fmt::format_context& ctx) const -> decltype(ctx.out());
};
