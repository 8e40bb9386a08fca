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
///
/// Header-only (`rehab::values`): the definitions are at the end of this header.

#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <fmt/format.h>

#include <rehab/detail/enum_formatter.hpp>
#include <rehab/detail/enum_names.hpp>
#include <rehab/error.hpp>
#include <rehab/support_level.hpp>
#include <rehab/units.hpp>

namespace rehab {

/// Repetitions per set: `repetitions{reps{15}}` or a range
/// `repetitions{reps{10}, reps{15}}` (10 to 15 reps).
struct repetitions {
    /// Repetitions per set, or the bottom of a range; `dose::make` requires
    /// at least 1.
    rehab::reps reps{1};
    /// The top of a rep range, at least `reps`; absent for a fixed number.
    std::optional<rehab::reps> reps_max{};
    /// Equal when every field is.
    friend bool operator==(const repetitions&, const repetitions&) = default;
};

/// A position held still for a time, once per set: a stretch held 30 s,
/// done 3 times, is 3 sets of `hold{30s}` ("hold 30 s x 3").
struct hold {
    /// How long the position is held in each set; `dose::make` requires more
    /// than 0 s.
    std::chrono::seconds duration{0};
    /// Equal when every field is.
    friend bool operator==(const hold&, const hold&) = default;
};

/// Work kept up for a time per set, e.g. single-leg balance 3 x 30 s, or a
/// range "15-20 s" with `duration_max`. With `as_long_as_possible`,
/// `duration` is the ceiling: "as long as possible, up to 60 s".
struct timed {
    /// Time per set: the fixed time, the bottom of a range, or the ceiling of
    /// "as long as possible"; `dose::make` requires more than 0 s.
    std::chrono::seconds duration{0};
    /// The top of a time range, at least `duration`; absent for a fixed time.
    std::optional<std::chrono::seconds> duration_max{};
    /// Keep going as long as possible, up to `duration`. Cannot be combined
    /// with `duration_max` (`dose::make` refuses the pair).
    bool as_long_as_possible = false;
    /// Equal when every field is.
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
    /// Equal when every field is.
    friend bool operator==(const tempo&, const tempo&) = default;
};

/// No load beyond the body's own weight.
struct body_weight {
    /// Always equal: there is nothing to compare.
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

namespace detail {
/// The names of `sides`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<sides, 3> sides_names{{
    {sides::each, "each side", "each"},
    {sides::affected_only, "affected side only", "affected_only"},
    {sides::together, "both sides together", "together"},
}};
} // namespace detail

/// A limit on the range of movement that a protocol imposes.
enum class movement_constraint : std::uint8_t {
    /// Heel not lowered below neutral: work on the floor, not a step edge,
    /// so the ankle is not loaded into dorsiflexion // Jonsson 2008
    no_dorsiflexion_below_neutral,
};

namespace detail {
/// The names of `movement_constraint`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<movement_constraint, 1> movement_constraint_names{{
    {movement_constraint::no_dorsiflexion_below_neutral,
     "heel not below neutral (floor level, no step edge)", "no_dorsiflexion_below_neutral"},
}};
} // namespace detail

/// The fields of a dose, for designated initializers. Check it with
/// `dose::make`.
struct dose_spec {
    /// Number of sets; `dose::make` requires at least 1.
    rehab::sets sets{1};
    /// What each set asks for: repetitions, a hold or timed work.
    rehab::work work{repetitions{}};
    /// Seconds per phase of a repetition; absent when not prescribed. When
    /// given, it must set the eccentric or the concentric phase, and no phase
    /// may be negative.
    std::optional<rehab::tempo> tempo{};
    /// Rest between sets; absent when not prescribed; never negative.
    std::optional<std::chrono::seconds> rest{};
    /// The load; body weight unless given. Added kilograms and a share of body
    /// weight must be above 0, an RM target at least 1.
    rehab::load load{body_weight{}};
    /// Which side does the work; each side in turn unless given.
    rehab::sides side = sides::each;
    /// Hand support allowed while doing it; absent when not prescribed.
    std::optional<support_level> support{};
    /// A limit on the range of movement; absent for none.
    std::optional<movement_constraint> constraint{};
    /// Equal when every field is.
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

    /// Every field, as checked by `make`: the starting point for a changed dose.
    [[nodiscard]] const dose_spec& spec() const noexcept { return spec_; }
    /// Number of sets; at least 1.
    [[nodiscard]] rehab::sets sets() const noexcept { return spec_.sets; }
    /// What each set asks for: repetitions, a hold or timed work.
    [[nodiscard]] const rehab::work& work() const noexcept { return spec_.work; }
    /// Seconds per phase of a repetition; absent when not prescribed.
    [[nodiscard]] const std::optional<rehab::tempo>& tempo() const noexcept { return spec_.tempo; }
    /// Rest between sets; absent when not prescribed.
    [[nodiscard]] const std::optional<std::chrono::seconds>& rest() const noexcept {
        return spec_.rest;
    }
    /// Body weight, added kilograms, a share of body weight, or an RM target.
    [[nodiscard]] const rehab::load& load() const noexcept { return spec_.load; }
    /// Which side does the work.
    [[nodiscard]] rehab::sides side() const noexcept { return spec_.side; }
    /// Hand support allowed; absent when not prescribed.
    [[nodiscard]] const std::optional<support_level>& support() const noexcept {
        return spec_.support;
    }
    /// A limit on the range of movement; absent for none.
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

    /// Equal when their specs are.
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

/// "each side", "affected side only", "both sides together".
[[nodiscard]] std::string_view to_string(sides s) noexcept;
/// "heel not below neutral (floor level, no step edge)".
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

// --- Definitions -------------------------------------------------------------
// Messages are built by concatenation (`std::to_string` prints an integer as
// "{}" does): each `fmt::format` call instantiates its own compile-time check,
// and these definitions are compiled by every file that includes the header.

namespace rehab {

namespace detail {

inline error dosage_invalid(std::string path, std::string message) {
    return error{errc::invalid_value, std::move(path), std::move(message), {}, {}};
}

inline void dosage_check_work(const work& w, error_list& errors) {
    if (const auto* r = std::get_if<repetitions>(&w)) {
        if (r->reps < rehab::reps{1}) {
            errors.push_back(
                dosage_invalid("/reps", "must be >= 1, got " + std::to_string(r->reps.value())));
        }
        if (r->reps_max && *r->reps_max < r->reps) {
            errors.push_back(
                dosage_invalid("/reps_max", "must be >= reps (" + std::to_string(r->reps.value()) +
                                                "), got " + std::to_string(r->reps_max->value())));
        }
    } else if (const auto* h = std::get_if<hold>(&w)) {
        if (h->duration <= std::chrono::seconds{0}) {
            errors.push_back(dosage_invalid("/hold_seconds",
                                            "must be > 0 s, got " + rehab::to_string(h->duration)));
        }
    } else if (const auto* t = std::get_if<timed>(&w)) {
        if (t->duration <= std::chrono::seconds{0}) {
            errors.push_back(
                dosage_invalid("/seconds", "must be > 0 s, got " + rehab::to_string(t->duration)));
        }
        if (t->duration_max && *t->duration_max < t->duration) {
            errors.push_back(dosage_invalid("/seconds_max",
                                            "must be >= seconds (" + rehab::to_string(t->duration) +
                                                "), got " + rehab::to_string(*t->duration_max)));
        }
        if (t->duration_max && t->as_long_as_possible) {
            errors.push_back(dosage_invalid("/seconds_max",
                                            "a time range cannot also be \"as long as "
                                            "possible\": give one or the other"));
        }
    }
}

inline void dosage_check_phase(const std::optional<std::chrono::seconds>& phase,
                               std::string_view name, error_list& errors) {
    if (phase && *phase < std::chrono::seconds{0}) {
        errors.push_back(dosage_invalid("/tempo/" + std::string(name) + "_seconds",
                                        "must be >= 0 s, got " + rehab::to_string(*phase)));
    }
}

inline void dosage_check_tempo(const tempo& t, error_list& errors) {
    if (!t.eccentric && !t.concentric) {
        errors.push_back(
            dosage_invalid("/tempo", "must give the eccentric or the concentric phase"));
    }
    dosage_check_phase(t.eccentric, "eccentric", errors);
    dosage_check_phase(t.pause, "pause", errors);
    dosage_check_phase(t.concentric, "concentric", errors);
}

inline void dosage_check_load(const rehab::load& l, error_list& errors) {
    if (const auto* k = std::get_if<kilograms>(&l)) {
        if (!std::isfinite(k->value()) || k->value() <= 0.0) {
            errors.push_back(dosage_invalid(
                "/load_kg", "must be > 0 kg (body weight alone is no added load), "
                            "got " +
                                rehab::detail::units_number_text(k->value()) + " kg"));
        }
    } else if (const auto* p = std::get_if<percent_body_weight>(&l)) {
        if (!std::isfinite(p->percent()) || p->percent() <= 0.0) {
            errors.push_back(dosage_invalid(
                "/load_percent_body_weight",
                "must be > 0 %, got " + rehab::detail::units_number_text(p->percent()) + " %"));
        }
    } else if (const auto* r = std::get_if<rm_target>(&l)) {
        if (r->max_reps() < 1) {
            errors.push_back(
                dosage_invalid("/load_rm", "must be >= 1, got " + std::to_string(r->max_reps())));
        }
    }
}

/// Seconds of one repetition under the given tempo.
inline std::chrono::seconds dosage_rep_time(const tempo& t) {
    return t.eccentric.value_or(std::chrono::seconds{0}) + t.pause +
           t.concentric.value_or(std::chrono::seconds{0});
}

/// The time of one set of hold or timed work; zero for repetitions.
inline std::chrono::seconds dosage_set_duration(const work& w) {
    if (const auto* h = std::get_if<hold>(&w)) {
        return h->duration;
    }
    if (const auto* t = std::get_if<timed>(&w)) {
        return t->duration;
    }
    return std::chrono::seconds{0};
}

inline std::string dosage_tempo_text(const tempo& t) {
    if (t.eccentric && t.concentric) {
        return "tempo " + std::to_string(t.eccentric->count()) + "-" +
               std::to_string(t.pause.count()) + "-" + std::to_string(t.concentric->count());
    }
    std::string text;
    if (t.eccentric) {
        text = "eccentric " + rehab::to_string(*t.eccentric);
    }
    if (t.concentric) {
        text = "concentric " + rehab::to_string(*t.concentric);
    }
    if (t.pause > std::chrono::seconds{0}) {
        text += ", pause " + rehab::to_string(t.pause);
    }
    return text;
}

/// "15RM", as `fmt::formatter<rm_target>` prints it.
inline std::string dosage_rm_text(rm_target r) { return std::to_string(r.max_reps()) + "RM"; }

inline std::string dosage_load_text(const rehab::load& l) {
    if (const auto* k = std::get_if<kilograms>(&l)) {
        return "+" + rehab::detail::units_number_text(k->value()) + " kg";
    }
    if (const auto* p = std::get_if<percent_body_weight>(&l)) {
        return "+" + rehab::detail::units_number_text(p->percent()) + " % body weight";
    }
    if (const auto* r = std::get_if<rm_target>(&l)) {
        return dosage_rm_text(*r);
    }
    return "body weight";
}

/// "3 x 15 reps", "3 x 15RM", "hold 30 s x 3", "3 x as long as possible, up to 60 s".
inline std::string dosage_work_text(const dose_spec& d) {
    const int n = d.sets.value();
    std::string sets_prefix = n == 1 ? std::string() : std::to_string(n) + " x ";
    if (const auto* r = std::get_if<repetitions>(&d.work)) {
        const std::string count = r->reps_max ? std::to_string(r->reps.value()) + "-" +
                                                    std::to_string(r->reps_max->value())
                                              : std::to_string(r->reps.value());
        if (const auto* rm = std::get_if<rm_target>(&d.load)) {
            if (!r->reps_max && rm->max_reps() == r->reps.value()) {
                return sets_prefix + dosage_rm_text(*rm);
            }
            return sets_prefix + count + " reps at " + dosage_rm_text(*rm);
        }
        return sets_prefix + count + " reps";
    }
    if (const auto* h = std::get_if<hold>(&d.work)) {
        return n == 1 ? "hold " + rehab::to_string(h->duration)
                      : "hold " + rehab::to_string(h->duration) + " x " + std::to_string(n);
    }
    const auto* t = std::get_if<timed>(&d.work);
    if (t == nullptr) {
        return sets_prefix;
    }
    if (t->as_long_as_possible) {
        return sets_prefix + "as long as possible, up to " + rehab::to_string(t->duration);
    }
    if (t->duration_max) {
        return sets_prefix + std::to_string(t->duration.count()) + "-" +
               std::to_string(t->duration_max->count()) + " s";
    }
    return sets_prefix + rehab::to_string(t->duration);
}

/// The whole dose in words; every field that is set appears.
inline std::string dosage_text(const dose_spec& d) {
    std::string text = dosage_work_text(d);
    if (std::holds_alternative<kilograms>(d.load) ||
        std::holds_alternative<percent_body_weight>(d.load)) {
        text += ", " + dosage_load_text(d.load);
    }
    text += ", ";
    text += to_string(d.side);
    if (d.tempo) {
        text += ", " + dosage_tempo_text(*d.tempo);
    }
    if (d.rest) {
        text += ", rest " + rehab::to_string(*d.rest);
    }
    if (d.support) {
        text += ", ";
        text += to_string(*d.support);
    }
    if (d.constraint) {
        text += ", ";
        text += to_string(*d.constraint);
    }
    return text;
}

} // namespace detail

inline error_list validate(const dose_spec& spec) {
    error_list errors;
    if (spec.sets < rehab::sets{1}) {
        errors.push_back(detail::dosage_invalid("/sets", "must be >= 1, got " +
                                                             std::to_string(spec.sets.value())));
    }
    detail::dosage_check_work(spec.work, errors);
    if (spec.tempo) {
        detail::dosage_check_tempo(*spec.tempo, errors);
    }
    if (spec.rest && *spec.rest < std::chrono::seconds{0}) {
        errors.push_back(detail::dosage_invalid("/rest_seconds",
                                                "must be >= 0 s, got " + to_string(*spec.rest)));
    }
    detail::dosage_check_load(spec.load, errors);
    return errors;
}

inline expected<dose> dose::make(const dose_spec& spec) {
    if (auto errors = validate(spec); !errors.empty()) {
        return tl::unexpected(std::move(errors.front()));
    }
    return dose(spec);
}

inline reps dose::reps_per_side() const noexcept {
    if (const auto* r = reps_work()) {
        return spec_.sets * r->reps;
    }
    return rehab::reps{0};
}

inline std::optional<std::chrono::seconds> dose::time_under_tension() const {
    std::chrono::seconds per_side{0};
    if (const auto* r = reps_work()) {
        if (!spec_.tempo) {
            return std::nullopt;
        }
        per_side = detail::dosage_rep_time(*spec_.tempo) * (spec_.sets * r->reps).value();
    } else {
        per_side = detail::dosage_set_duration(spec_.work) * spec_.sets.value();
    }
    return per_side * sides_worked();
}

inline std::chrono::seconds dose::estimated_duration(const duration_assumptions& assume) const {
    using std::chrono::seconds;
    seconds per_set = detail::dosage_set_duration(spec_.work);
    if (const auto* r = reps_work()) {
        const seconds per_rep = spec_.tempo && detail::dosage_rep_time(*spec_.tempo) > seconds{0}
                                    ? detail::dosage_rep_time(*spec_.tempo)
                                    : assume.rep_duration;
        per_set = per_rep * r->reps.value();
    }
    const seconds rest = spec_.rest.value_or(assume.rest_between_sets);
    const int n = spec_.sets.value();
    const seconds per_side = per_set * n + rest * (n - 1);
    const int sides = sides_worked();
    return per_side * sides + assume.side_change * (sides - 1);
}

inline std::string_view to_string(sides s) noexcept {
    return detail::text_of(s, detail::sides_names);
}

inline std::string_view to_string(movement_constraint c) noexcept {
    return detail::text_of(c, detail::movement_constraint_names);
}

} // namespace rehab

inline auto fmt::formatter<rehab::tempo>::format(const rehab::tempo& t,
                                                 fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(rehab::detail::dosage_tempo_text(t), ctx);
}

inline auto fmt::formatter<rehab::load>::format(const rehab::load& l,
                                                fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(rehab::detail::dosage_load_text(l), ctx);
}

inline auto fmt::formatter<rehab::dose_spec>::format(const rehab::dose_spec& d,
                                                     fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(rehab::detail::dosage_text(d), ctx);
}

inline auto fmt::formatter<rehab::dose>::format(const rehab::dose& d,
                                                fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(rehab::detail::dosage_text(d.spec()), ctx);
}
