#pragma once
/// @file criteria.hpp
/// Criteria that gate a phase: what must be true to enter or leave it,
/// beyond its minimum duration.

#include <chrono>
#include <string>
#include <variant>

#include <fmt/format.h>

#include <rehab/api.hpp>
#include <rehab/measure.hpp>

namespace rehab {

/// At least `count` sessions of the phase done in full.
struct sessions_completed {
    int count = 1; ///< sessions of the phase done in full
    /// Equal when every field is.
    friend bool operator==(const sessions_completed&, const sessions_completed&) = default;
};

/// No pain-rule breach in the last `window`, with at least one session
/// logged in it.
struct pain_rules_respected {
    std::chrono::days window{7}; ///< the days looked back on, the day checked included
    /// Equal when every field is.
    friend bool operator==(const pain_rules_respected&, const pain_rules_respected&) = default;
};

/// The latest logged measurement of `what` is at least `value`, e.g.
/// VISA-A >= 80 or heel-rise LSI >= 90 %.
struct measurement_at_least {
    rehab::measure what = measure::visa_a; ///< the measurement, from the log
    double value = 0.0; ///< the least value, in the measure's own unit (score, count, percent)
    /// Equal when every field is.
    friend bool operator==(const measurement_at_least&, const measurement_at_least&) = default;
};

/// No pain at the insertion in the sessions of the last `window`, with at
/// least one session logged in it // Silbernagel 2020, phase 3 entry
struct no_insertional_pain {
    std::chrono::days window{7}; ///< the days looked back on, the day checked included
    /// Equal when every field is.
    friend bool operator==(const no_insertional_pain&, const no_insertional_pain&) = default;
};

/// At least `time` since the injury or the surgery, as the protocol counts
/// (`protocol::counted_from`; from the start date when it counts from the
/// start), e.g. running "from week 14" // Barfod 2016
struct time_since_day_zero {
    std::chrono::days time{0}; ///< the least time since day zero
    /// Equal when every field is.
    friend bool operator==(const time_since_day_zero&, const time_since_day_zero&) = default;
};

/// A clinician has seen the patient in this phase and confirms the next
/// step (`session_log::clinician_confirmed`). The engine never passes this
/// gate on its own: once the phase's time is up it flags the phase as due
/// for review and names what is missing. `what` says what the clinician
/// checks, e.g. "the repair is sound for running".
struct clinician_confirmation {
    std::string what{}; ///< what the clinician checks, in words
    /// Equal when every field is.
    friend bool operator==(const clinician_confirmation&, const clinician_confirmation&) = default;
};

/// One gate condition.
using criterion = std::variant<sessions_completed, pain_rules_respected, measurement_at_least,
                               no_insertional_pain, time_since_day_zero, clinician_confirmation>;

} // namespace rehab

/// Prints "VISA-A >= 80", "10 sessions completed", ...
template <>
struct REHAB_API fmt::formatter<rehab::criterion> : fmt::formatter<std::string_view> {
    auto format(const rehab::criterion& c, fmt::format_context& ctx) const -> decltype(ctx.out());
};
