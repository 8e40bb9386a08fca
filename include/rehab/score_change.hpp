#pragma once
/// @file score_change.hpp
/// The change between two scores of one outcome measure, and whether it is big
/// enough to matter: a minimal clinically important difference (MCID) or, where
/// no MCID exists, a minimal detectable change (MDC).
///
/// Build one from two scores with `change_between` (in `visa_a.hpp` and
/// `atrs.hpp`: two different instruments do not compare), or from stored
/// totals with `score_change::make`:
/// @code
/// auto c = rehab::change_between(before, after); // VISA-A, MCID 14 by default
/// fmt::print("{}\n", c); // VISA-A 58 -> 72 (+14): important improvement (MCID 14)
/// @endcode
///
/// Header-only (`rehab::values`): the definitions are at the end of this header.

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include <rehab/detail/enum_formatter.hpp>
#include <rehab/detail/enum_names.hpp>
#include <rehab/error.hpp>

namespace rehab {

/// A scored questionnaire (patient-reported outcome measure).
enum class outcome_measure : std::uint8_t {
    visa_a, ///< VISA-A, Achilles tendinopathy, 0-100 // Robinson 2001
    atrs,   ///< Achilles tendon Total Rupture Score, 0-100 // Nilsson-Helander 2007
};

namespace detail {
/// The names of `outcome_measure`: the text of `to_string` (no file has a token for it).
inline constexpr enum_names<outcome_measure, 2> outcome_measure_names{{
    {outcome_measure::visa_a, "VISA-A"},
    {outcome_measure::atrs, "ATRS"},
}};
} // namespace detail

/// The highest total of `m`; the lowest is 0 for every measure here.
[[nodiscard]] constexpr int max_total(outcome_measure m) noexcept {
    switch (m) {
    case outcome_measure::visa_a:
    case outcome_measure::atrs:
        return 100;
    }
    return 100;
}

/// What a change threshold was derived as.
enum class threshold_kind : std::uint8_t {
    /// Minimal clinically important difference: the smallest change patients
    /// notice as important (anchor-based).
    mcid,
    /// Minimal detectable change: the smallest change beyond measurement error
    /// for one person. Not evidence that the change matters to the patient.
    mdc,
};

namespace detail {
/// The names of `threshold_kind`: the text of `to_string` (no file has a token for it).
inline constexpr enum_names<threshold_kind, 2> threshold_kind_names{{
    {threshold_kind::mcid, "MCID"},
    {threshold_kind::mdc, "MDC"},
}};
} // namespace detail

/// A number of points a score must change by to count, and what kind of
/// number it is. Always > 0: build it from constants (`change_threshold{14.0,
/// threshold_kind::mcid}`, checked at compile time) or from run-time input with
/// `change_threshold::make`. Cited defaults: `visa_a_mcid_12_weeks`,
/// `atrs_mdc_danish`.
class change_threshold {
public:
    /// From constants; a threshold that is not > 0 does not compile.
    explicit consteval change_threshold(double points, threshold_kind kind)
        : points_(checked(points)), kind_(kind) {}

    /// From run-time input; not > 0 (or not finite) gives `errc::invalid_value`
    /// at `field`: "must be > 0 points, got 0".
    [[nodiscard]] static expected<change_threshold> make(double points, threshold_kind kind,
                                                         std::string_view field = "/threshold");

    /// Points a score must change by to count; always > 0.
    [[nodiscard]] constexpr double points() const noexcept { return points_; }
    /// Whether the points are an MCID or an MDC.
    [[nodiscard]] constexpr threshold_kind kind() const noexcept { return kind_; }

    /// Equal points and kind.
    friend constexpr bool operator==(change_threshold, change_threshold) noexcept = default;

private:
    struct unchecked {};
    constexpr change_threshold(unchecked /*tag*/, double points, threshold_kind kind) noexcept
        : points_(points), kind_(kind) {}
    static consteval double checked(double points) {
        if (!(points > 0.0 && points <= std::numeric_limits<double>::max())) {
            throw "change_threshold: a threshold is > 0 points"; // compile-time error
        }
        return points;
    }
    double points_;
    threshold_kind kind_;
};

/// Where a change lies against its threshold. The same threshold is applied
/// to worsening as to improvement (the published MCIDs were derived for
/// improvement).
enum class change_verdict : std::uint8_t {
    important_improvement, ///< after - before >= threshold
    no_important_change,   ///< within the threshold either way
    important_worsening,   ///< before - after >= threshold
};

namespace detail {
/// The names of `change_verdict`: the text of `to_string` (no file has a token for it).
inline constexpr enum_names<change_verdict, 3> change_verdict_names{{
    {change_verdict::important_improvement, "important improvement"},
    {change_verdict::no_important_change, "no important change"},
    {change_verdict::important_worsening, "important worsening"},
}};
} // namespace detail

/// The change from one total to a later total of the same measure. Higher is
/// better for every measure here, so a positive difference is an improvement.
class score_change {
public:
    /// From two stored totals of `measure`; a total outside 0 to
    /// `max_total(measure)` gives `errc::invalid_value` at `/before` or `/after`
    /// ("must be between 0 and 100, got 101").
    [[nodiscard]] static expected<score_change> make(outcome_measure measure, int before, int after,
                                                     change_threshold threshold);

    /// The measure both totals are of.
    [[nodiscard]] constexpr outcome_measure measure() const noexcept { return measure_; }
    /// The earlier total, 0 to `max_total(measure())`.
    [[nodiscard]] constexpr int before() const noexcept { return before_; }
    /// The later total, 0 to `max_total(measure())`.
    [[nodiscard]] constexpr int after() const noexcept { return after_; }
    /// `after - before`: positive is better.
    [[nodiscard]] constexpr int difference() const noexcept { return after_ - before_; }
    /// The threshold the change is judged against.
    [[nodiscard]] constexpr change_threshold threshold() const noexcept { return threshold_; }

    /// An important improvement or worsening when `difference()` is at least
    /// the threshold's points either way, else no important change.
    [[nodiscard]] constexpr change_verdict verdict() const noexcept {
        if (difference() >= threshold_.points()) {
            return change_verdict::important_improvement;
        }
        if (-difference() >= threshold_.points()) {
            return change_verdict::important_worsening;
        }
        return change_verdict::no_important_change;
    }
    /// True when the improvement is at least the threshold.
    [[nodiscard]] constexpr bool reaches_threshold() const noexcept {
        return verdict() == change_verdict::important_improvement;
    }

    /// Equal measure, totals and threshold.
    friend constexpr bool operator==(const score_change&, const score_change&) noexcept = default;

private:
    constexpr score_change(outcome_measure measure, int from, int to,
                           change_threshold threshold) noexcept
        : measure_(measure), before_(from), after_(to), threshold_(threshold) {}
    outcome_measure measure_;
    int before_;
    int after_;
    change_threshold threshold_;
};

/// "VISA-A", "ATRS".
[[nodiscard]] std::string_view to_string(outcome_measure m) noexcept;
/// "MCID", "MDC".
[[nodiscard]] std::string_view to_string(threshold_kind k) noexcept;
/// "important improvement", "no important change", "important worsening".
[[nodiscard]] std::string_view to_string(change_verdict v) noexcept;

} // namespace rehab

/// Prints "MCID 14", "MDC 18.5".
template <>
struct fmt::formatter<rehab::change_threshold> : fmt::formatter<std::string_view> {
    auto format(rehab::change_threshold t, fmt::format_context& ctx) const -> decltype(ctx.out());
};

/// Prints "VISA-A 58 -> 72 (+14): important improvement (MCID 14)".
template <>
struct fmt::formatter<rehab::score_change> : fmt::formatter<std::string_view> {
    auto format(const rehab::score_change& c, fmt::format_context& ctx) const
        -> decltype(ctx.out());
};

// --- Definitions -------------------------------------------------------------
// Messages are built by concatenation (`std::to_string` prints an integer as
// "{}" does): each `fmt::format` call instantiates its own
// compile-time check, and these definitions are compiled by every file that
// includes the header.

namespace rehab {

namespace detail {

/// Points as "{}" prints them: "14", "18.5".
inline std::string score_change_points_text(double points) { return fmt::format("{}", points); }

/// "MCID 14", "MDC 18.5".
inline std::string score_change_threshold_text(change_threshold t) {
    return std::string(to_string(t.kind())) + " " + score_change_points_text(t.points());
}

} // namespace detail

inline expected<change_threshold> change_threshold::make(double points, threshold_kind kind,
                                                         std::string_view field) {
    if (!std::isfinite(points) || points <= 0.0) {
        return fail(errc::invalid_value, std::string(field),
                    "must be > 0 points, got " + detail::score_change_points_text(points));
    }
    return change_threshold(unchecked{}, points, kind);
}

inline expected<score_change> score_change::make(outcome_measure measure, int before, int after,
                                                 change_threshold threshold) {
    const int max = max_total(measure);
    for (const auto& [path, total] : {std::pair{"/before", before}, std::pair{"/after", after}}) {
        if (total < 0 || total > max) {
            return fail(errc::invalid_value, path,
                        "must be between 0 and " + std::to_string(max) + ", got " +
                            std::to_string(total));
        }
    }
    return score_change(measure, before, after, threshold);
}

inline std::string_view to_string(outcome_measure m) noexcept {
    return detail::text_of(m, detail::outcome_measure_names);
}

inline std::string_view to_string(threshold_kind k) noexcept {
    return detail::text_of(k, detail::threshold_kind_names);
}

inline std::string_view to_string(change_verdict v) noexcept {
    return detail::text_of(v, detail::change_verdict_names);
}

} // namespace rehab

inline auto fmt::formatter<rehab::change_threshold>::format(rehab::change_threshold t,
                                                            fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(rehab::detail::score_change_threshold_text(t),
                                                    ctx);
}

inline auto fmt::formatter<rehab::score_change>::format(const rehab::score_change& c,
                                                        fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    const int difference = c.difference();
    return fmt::formatter<std::string_view>::format(
        std::string(rehab::to_string(c.measure())) + " " + std::to_string(c.before()) + " -> " +
            std::to_string(c.after()) + " (" + (difference >= 0 ? "+" : "") +
            std::to_string(difference) + "): " + std::string(rehab::to_string(c.verdict())) + " (" +
            rehab::detail::score_change_threshold_text(c.threshold()) + ")",
        ctx);
}
