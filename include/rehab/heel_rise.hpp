#pragma once
/// @file heel_rise.hpp
/// The single-leg heel-rise test: repetitions on each side, with the height of
/// the rise where it was measured, and the limb symmetry index (LSI) of the
/// affected (involved) side against the other:
/// LSI = involved / uninvolved x 100 // Silbernagel 2010, KSSTA 18(2):258
/// @code
/// auto t = rehab::heel_rise::make({.involved = {.reps = rehab::reps{21}},
///                                  .uninvolved = {.reps = rehab::reps{25}}});
/// fmt::print("{}\n", *t); // heel-rise LSI 84 % (reps 21 vs 25)
/// @endcode
/// Reference figures from the literature are the named constants at the end.
///
/// Header-only (`rehab::values`): the definitions are at the end of this header.

#include <chrono>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include <rehab/error.hpp>
#include <rehab/support_level.hpp>
#include <rehab/units.hpp>

namespace rehab {

/// One side's result.
struct heel_rise_side {
    /// Single-leg heel rises done (to fatigue, in the standard test).
    rehab::reps reps{0};
    /// The mean height of a rise, where it was measured.
    std::optional<centimeters> height{};

    /// Work as height x reps, the total height lifted; absent without a height.
    /// Silbernagel 2010 measured work as body weight x height; body weight is
    /// the same on both sides, so the LSI of the two is the same.
    [[nodiscard]] constexpr std::optional<centimeters> work() const noexcept {
        if (!height) {
            return std::nullopt;
        }
        return centimeters(height->value() * reps.value());
    }
    /// Equal when every field is.
    friend bool operator==(const heel_rise_side&, const heel_rise_side&) = default;
};

/// The two sides of one test, for designated initializers. Check it with
/// `heel_rise::make`. Paths in errors: `/involved/reps`, `/involved/height_cm`,
/// `/uninvolved/reps`, `/uninvolved/height_cm`.
struct heel_rise_spec {
    heel_rise_side involved{};   ///< the affected side
    heel_rise_side uninvolved{}; ///< the other side, the reference
    /// Equal when every field is.
    friend bool operator==(const heel_rise_spec&, const heel_rise_spec&) = default;
};

/// A checked heel-rise test: both sides, and their LSIs in percent.
class heel_rise {
public:
    /// Checks `spec` and returns the test, or the first problem:
    /// `/involved/reps: must be >= 0, got -1`, `/uninvolved/reps: must be >= 1
    /// to compare against, got 0` (the LSI divides by it), `/uninvolved/height_cm:
    /// must be > 0 cm to compare against, got 0 cm`, a height on one side only.
    /// `validate(spec)` lists every problem.
    [[nodiscard]] static expected<heel_rise> make(const heel_rise_spec& spec);

    /// Both sides, as checked by `make`.
    [[nodiscard]] constexpr const heel_rise_spec& spec() const noexcept { return spec_; }
    /// The affected side: at least 0 reps, a height of at least 0 cm where
    /// heights were measured.
    [[nodiscard]] constexpr const heel_rise_side& involved() const noexcept {
        return spec_.involved;
    }
    /// The other side, the reference the LSIs divide by: at least 1 rep, a
    /// height above 0 cm where heights were measured (on both sides or neither).
    [[nodiscard]] constexpr const heel_rise_side& uninvolved() const noexcept {
        return spec_.uninvolved;
    }

    /// LSI of repetitions, in percent (84.0 is 84 %).
    [[nodiscard]] constexpr double reps_lsi() const noexcept {
        return lsi(spec_.involved.reps.value(), spec_.uninvolved.reps.value());
    }
    /// LSI of height, in percent; absent when the heights were not measured.
    [[nodiscard]] constexpr std::optional<double> height_lsi() const noexcept {
        if (!spec_.involved.height) {
            return std::nullopt;
        }
        return lsi(spec_.involved.height->value(), spec_.uninvolved.height->value());
    }
    /// LSI of work (height x reps), in percent; absent without heights.
    [[nodiscard]] constexpr std::optional<double> work_lsi() const noexcept {
        if (!spec_.involved.height) {
            return std::nullopt;
        }
        return lsi(spec_.involved.work()->value(), spec_.uninvolved.work()->value());
    }

    /// Equal when both sides are.
    friend bool operator==(const heel_rise&, const heel_rise&) = default;

private:
    explicit constexpr heel_rise(const heel_rise_spec& spec) noexcept : spec_(spec) {}
    /// Precondition (checked by `make`): `reference` > 0.
    static constexpr double lsi(double value, double reference) noexcept {
        return value / reference * 100.0;
    }
    heel_rise_spec spec_;
};

/// Every problem with `spec`, each with its field's path; empty when valid.
[[nodiscard]] error_list validate(const heel_rise_spec& spec);

// --- Reference figures -------------------------------------------------------

/// Mean single-leg heel rises to fatigue in healthy adults: 27.9 (SD about 11),
/// 203 adults aged 20-59 // Lunsford 1995, Phys Ther [S]
inline constexpr double heel_rise_healthy_mean_reps = 27.9;
/// The count commonly used as the criterion for "normal" // Lunsford 1995 [S]
inline constexpr rehab::reps heel_rise_normal_reps{25};

/// Mean LSIs of the heel-rise test some time after an acute Achilles tendon
/// rupture.
struct heel_rise_lsi_reference {
    std::chrono::months after_injury{0}; ///< time since the rupture
    double reps_percent{0.0};            ///< mean LSI of repetitions, in percent
    double work_percent{0.0};            ///< mean LSI of work (height x reps), in percent
    /// Equal when every field is.
    friend bool operator==(const heel_rise_lsi_reference&,
                           const heel_rise_lsi_reference&) = default;
};
/// 6 months after rupture, 78 patients: LSI 84 % for reps, only 61 % for work
/// // Silbernagel 2010 [P]
inline constexpr heel_rise_lsi_reference silbernagel_2010_at_6_months{
    .after_injury = std::chrono::months{6}, .reps_percent = 84.0, .work_percent = 61.0};
/// 12 months after rupture: LSI 95 % for reps, only 76 % for work; the height
/// stayed lower on the injured side // Silbernagel 2010 [P]
inline constexpr heel_rise_lsi_reference silbernagel_2010_at_12_months{
    .after_injury = std::chrono::months{12}, .reps_percent = 95.0, .work_percent = 76.0};

/// Running on even ground is allowed once the patient can do 5 single-leg heel
/// rises at about 90 % of the uninjured side's heel-rise height // Barfod 2016,
/// Trials 17:564, Table 1 [P]
inline constexpr rehab::reps barfod_2016_running_reps{5};
/// The "about 90 %" height LSI of the same criterion // Barfod 2016 [P]
inline constexpr double barfod_2016_running_height_lsi = 90.0;

/// How a standardised heel-rise test is done.
struct heel_rise_setup {
    double incline_degrees{0.0};                 ///< the board the foot stands on
    int metronome_bpm{0};                        ///< metronome rate, in beats per minute
    std::chrono::seconds per_rise{0};            ///< one rise (up and down) every this long
    support_level support = support_level::none; ///< hand support allowed during the test
    /// The patient rises until no further rise can be done, rather than to a
    /// set count.
    bool to_fatigue = false;
    /// Between-day 95 % limits of agreement, plus or minus this many reps.
    rehab::reps limits_of_agreement{0};
    /// Equal when every field is.
    friend bool operator==(const heel_rise_setup&, const heel_rise_setup&) = default;
};
/// Single leg on a 10-degree incline, metronome 60 bpm (30 rises a minute),
/// fingertip support on a wall, to fatigue; n = 566 aged 20-81, ICC about 1.0,
/// between-day limits of agreement about +-6 reps // Hebert-Losier 2017,
/// Physiotherapy [P-abstract]
inline constexpr heel_rise_setup hebert_losier_2017_setup{
    .incline_degrees = 10.0,
    .metronome_bpm = 60,
    .per_rise = std::chrono::seconds{2},
    .support = support_level::fingertips,
    .to_fatigue = true,
    .limits_of_agreement = rehab::reps{6},
};

} // namespace rehab

/// Prints "21 reps", "21 reps at 8 cm".
template <>
struct fmt::formatter<rehab::heel_rise_side> : fmt::formatter<std::string_view> {
    auto format(const rehab::heel_rise_side& s, fmt::format_context& ctx) const
        -> decltype(ctx.out());
};

/// Prints "involved 21 reps at 8 cm, uninvolved 25 reps at 10 cm", checked or not.
template <>
struct fmt::formatter<rehab::heel_rise_spec> : fmt::formatter<std::string_view> {
    auto format(const rehab::heel_rise_spec& s, fmt::format_context& ctx) const
        -> decltype(ctx.out());
};

/// Prints "heel-rise LSI 84 % (reps 21 vs 25)" and, with heights, ", height
/// 80 % (8 vs 10 cm), work 67 % (168 vs 250 cm)"; LSIs in whole percent.
template <>
struct fmt::formatter<rehab::heel_rise> : fmt::formatter<std::string_view> {
    auto format(const rehab::heel_rise& t, fmt::format_context& ctx) const -> decltype(ctx.out());
};

/// Prints "6 months after injury: LSI 84 % for reps, 61 % for work".
template <>
struct fmt::formatter<rehab::heel_rise_lsi_reference> : fmt::formatter<std::string_view> {
    auto format(const rehab::heel_rise_lsi_reference& r, fmt::format_context& ctx) const
        -> decltype(ctx.out());
};

/// Prints "10-degree incline, metronome 60 bpm (a rise every 2 s), fingertip
/// support, to fatigue".
template <>
struct fmt::formatter<rehab::heel_rise_setup> : fmt::formatter<std::string_view> {
    auto format(const rehab::heel_rise_setup& s, fmt::format_context& ctx) const
        -> decltype(ctx.out());
};

// --- Definitions -------------------------------------------------------------
// Messages are built by concatenation (`std::to_string` and `units_number_text`
// print a number as "{}" does): each `fmt::format` call instantiates its own
// compile-time check, and these definitions are compiled by every file that
// includes the header.

namespace rehab {

namespace detail {

inline error heel_rise_invalid(std::string path, std::string message) {
    return error{errc::invalid_value, std::move(path), std::move(message), {}, {}};
}

/// "8 cm", as `fmt::formatter<centimeters>` prints it.
inline std::string heel_rise_cm_text(centimeters c) {
    return rehab::detail::units_number_text(c.value()) + " cm";
}

inline std::string heel_rise_side_text(const heel_rise_side& s) {
    std::string text = std::to_string(s.reps.value()) + " reps";
    if (s.height) {
        text += " at " + heel_rise_cm_text(*s.height);
    }
    return text;
}

/// "84 %": an LSI in whole percent.
inline std::string heel_rise_percent_text(double percent) {
    return fmt::format("{:.0f} %", percent);
}

} // namespace detail

inline error_list validate(const heel_rise_spec& spec) {
    using detail::heel_rise_cm_text;
    using detail::heel_rise_invalid;
    error_list errors;
    const heel_rise_side& inv = spec.involved;
    const heel_rise_side& ref = spec.uninvolved;

    if (inv.reps < reps{0}) {
        errors.push_back(heel_rise_invalid("/involved/reps", "must be >= 0, got " +
                                                                 std::to_string(inv.reps.value())));
    }
    if (inv.height && (!std::isfinite(inv.height->value()) || inv.height->value() < 0.0)) {
        errors.push_back(heel_rise_invalid(
            "/involved/height_cm", "must be >= 0 cm, got " + heel_rise_cm_text(*inv.height)));
    }
    // The uninvolved side is what the LSI divides by: it must be above zero.
    if (ref.reps < reps{1}) {
        errors.push_back(
            heel_rise_invalid("/uninvolved/reps", "must be >= 1 to compare against, got " +
                                                      std::to_string(ref.reps.value())));
    }
    if (ref.height && (!std::isfinite(ref.height->value()) || ref.height->value() <= 0.0)) {
        errors.push_back(
            heel_rise_invalid("/uninvolved/height_cm", "must be > 0 cm to compare against, got " +
                                                           heel_rise_cm_text(*ref.height)));
    }
    if (inv.height && !ref.height) {
        errors.push_back(heel_rise_invalid("/uninvolved/height_cm",
                                           "must be given when the involved side's height is"));
    }
    if (ref.height && !inv.height) {
        errors.push_back(heel_rise_invalid("/involved/height_cm",
                                           "must be given when the uninvolved side's height is"));
    }
    return errors;
}

inline expected<heel_rise> heel_rise::make(const heel_rise_spec& spec) {
    if (auto errors = validate(spec); !errors.empty()) {
        return tl::unexpected(std::move(errors.front()));
    }
    return heel_rise(spec);
}

} // namespace rehab

inline auto fmt::formatter<rehab::heel_rise_side>::format(const rehab::heel_rise_side& s,
                                                          fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(rehab::detail::heel_rise_side_text(s), ctx);
}

inline auto fmt::formatter<rehab::heel_rise_spec>::format(const rehab::heel_rise_spec& s,
                                                          fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(
        "involved " + rehab::detail::heel_rise_side_text(s.involved) + ", uninvolved " +
            rehab::detail::heel_rise_side_text(s.uninvolved),
        ctx);
}

inline auto fmt::formatter<rehab::heel_rise>::format(const rehab::heel_rise& t,
                                                     fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    using rehab::detail::heel_rise_percent_text;
    const auto& inv = t.involved();
    const auto& ref = t.uninvolved();
    std::string text = "heel-rise LSI " + heel_rise_percent_text(t.reps_lsi()) + " (reps " +
                       std::to_string(inv.reps.value()) + " vs " +
                       std::to_string(ref.reps.value()) + ")";
    if (const auto height = t.height_lsi()) {
        text += ", height " + heel_rise_percent_text(*height) + " (" +
                rehab::detail::units_number_text(inv.height->value()) + " vs " +
                rehab::detail::units_number_text(ref.height->value()) + " cm), work " +
                heel_rise_percent_text(*t.work_lsi()) + " (" +
                rehab::detail::units_number_text(inv.work()->value()) + " vs " +
                rehab::detail::units_number_text(ref.work()->value()) + " cm)";
    }
    return fmt::formatter<std::string_view>::format(text, ctx);
}

inline auto
fmt::formatter<rehab::heel_rise_lsi_reference>::format(const rehab::heel_rise_lsi_reference& r,
                                                       fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    using rehab::detail::heel_rise_percent_text;
    return fmt::formatter<std::string_view>::format(
        std::to_string(r.after_injury.count()) + " months after injury: LSI " +
            heel_rise_percent_text(r.reps_percent) + " for reps, " +
            heel_rise_percent_text(r.work_percent) + " for work",
        ctx);
}

inline auto fmt::formatter<rehab::heel_rise_setup>::format(const rehab::heel_rise_setup& s,
                                                           fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    std::string text = rehab::detail::units_number_text(s.incline_degrees) +
                       "-degree incline, metronome " + std::to_string(s.metronome_bpm) +
                       " bpm (a rise every " + rehab::to_string(s.per_rise) + "), " +
                       std::string(rehab::to_string(s.support));
    if (s.to_fatigue) {
        text += ", to fatigue";
    }
    return fmt::formatter<std::string_view>::format(text, ctx);
}
