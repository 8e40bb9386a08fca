#pragma once
/// @file measure.hpp
/// What a measurement measures and one measured value: the link between the
/// outcome measures a log records (VISA-A, ATRS, the heel-rise test) and the
/// criteria that gate a phase ("VISA-A >= 80"). Its own header so a criterion
/// can name a measure without pulling in the questionnaires.
/// Header-only (`rehab::values`).

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include <rehab/detail/enum_formatter.hpp>
#include <rehab/detail/enum_names.hpp>

namespace rehab {

/// What a measurement measures.
enum class measure : std::uint8_t {
    single_leg_heel_raises, ///< repetitions on the affected side
    visa_a,                 ///< VISA-A total, 0-100
    atrs,                   ///< ATRS total, 0-100
    heel_rise_lsi_reps,     ///< limb symmetry index of heel-rise repetitions, percent
    heel_rise_lsi_height,   ///< limb symmetry index of heel-rise height, percent
    heel_rise_lsi_work,     ///< limb symmetry index of heel-rise work, percent
};

namespace detail {
/// The names of `measure`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<measure, 6> measure_names{{
    {measure::single_leg_heel_raises, "single-leg heel raises", "single_leg_heel_raises"},
    {measure::visa_a, "VISA-A", "visa_a"},
    {measure::atrs, "ATRS", "atrs"},
    {measure::heel_rise_lsi_reps, "heel-rise LSI (reps) %", "heel_rise_lsi_reps"},
    {measure::heel_rise_lsi_height, "heel-rise LSI (height) %", "heel_rise_lsi_height"},
    {measure::heel_rise_lsi_work, "heel-rise LSI (work) %", "heel_rise_lsi_work"},
}};
} // namespace detail

/// One measured value, e.g. `{measure::visa_a, 72}`.
struct measurement {
    rehab::measure what = measure::visa_a; ///< what was measured
    double value = 0.0;                    ///< in the measure's own unit (score, count, percent)
    /// Equal when every field is.
    friend bool operator==(const measurement&, const measurement&) = default;
};

/// The measure's name as a clinician writes it: "VISA-A", "heel-rise LSI (reps) %".
[[nodiscard]] constexpr std::string_view to_string(measure m) noexcept {
    return detail::text_of(m, detail::measure_names);
}

} // namespace rehab

/// Prints "VISA-A 72".
template <>
struct fmt::formatter<rehab::measurement> : fmt::formatter<std::string_view> {
    auto format(const rehab::measurement& m, fmt::format_context& ctx) const
        -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(
            std::string(rehab::to_string(m.what)) + " " + fmt::format("{}", m.value), ctx);
    }
};
