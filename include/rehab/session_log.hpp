#pragma once
/// @file session_log.hpp
/// What a patient reports about a session: done or missed, what was done of
/// each exercise, pain during, after and the next morning, measurements and
/// warning signs. The progression engine reads a list of these.
///
/// Header-only (`rehab::values`): the definitions are at the end of this header.

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <rehab/atrs.hpp>
#include <rehab/detail/enum_formatter.hpp>
#include <rehab/detail/enum_names.hpp>
#include <rehab/error.hpp>
#include <rehab/heel_rise.hpp>
#include <rehab/measure.hpp>
#include <rehab/units.hpp>
#include <rehab/visa_a.hpp>

namespace rehab {

/// A planned session: program day (0 = the start date) and slot within the
/// day (0 = the first session). Independent of time zone and clock times, so
/// a log stays attached when either changes.
struct session_key {
    int day = 0;  ///< program day, 0-based: 0 is the start date
    int slot = 0; ///< session of the day, 0-based: 0 is the first
    /// Orders by day, then by slot: the order the sessions are planned in.
    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>
    friend constexpr auto operator<=>(const session_key&, const session_key&) = default;
};

/// Whether a session was done.
enum class session_status : std::uint8_t {
    done,    ///< done as prescribed, or as the items say
    partial, ///< started but not finished
    missed,  ///< not done
};

namespace detail {
/// The names of `session_status`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<session_status, 3> session_status_names{{
    {session_status::done, "done", "done"},
    {session_status::partial, "partial", "partial"},
    {session_status::missed, "missed", "missed"},
}};
} // namespace detail

/// What was done of one exercise. Fields left empty mean "as prescribed".
struct item_log {
    /// The id of the exercise, as the phase prescribes it; the engine refuses
    /// an id that the session's phase does not prescribe.
    std::string exercise{};
    /// Sets actually done; fewer than prescribed means the session was not
    /// done in full.
    std::optional<rehab::sets> sets_done{};
    /// Repetitions per set actually done (the smallest set counts).
    std::optional<rehab::reps> reps_per_set{};
    /// Hold or timed work per set actually done.
    std::optional<std::chrono::seconds> seconds_per_set{};
    /// Load actually added (a backpack, weights); the engine refuses a
    /// negative one.
    std::optional<kilograms> added_load{};
    /// Equal when every field is.
    friend bool operator==(const item_log&, const item_log&) = default;
};

/// A VISA-A score as a log measurement, for criteria such as VISA-A >= 80.
[[nodiscard]] measurement measured(const visa_a& score) noexcept;
/// An ATRS score as a log measurement.
[[nodiscard]] measurement measured(const atrs& score) noexcept;
/// A heel-rise test as log measurements: the affected side's repetitions,
/// the LSI of repetitions, and the LSIs of height and work where measured.
[[nodiscard]] std::vector<measurement> measured(const heel_rise& test);

/// The report of one session.
struct session_log {
    /// The planned session this reports on.
    session_key session{};
    /// Done, partial or missed. A missed session lists no items: the engine
    /// refuses an entry that does.
    session_status status = session_status::done;
    /// Per-exercise detail; empty means every item was done as prescribed.
    std::vector<item_log> items{};
    /// Pain during the session; absent when not reported.
    std::optional<pain_score> pain_during{};
    /// Pain after the session; absent when not reported.
    std::optional<pain_score> pain_after{};
    /// Pain on getting up the next morning.
    std::optional<pain_score> pain_next_morning{};
    /// Outcome measurements taken at this session (`measured` makes them from
    /// a VISA-A, an ATRS or a heel-rise test). The engine refuses a negative
    /// value, or a VISA-A or ATRS total above 100.
    std::vector<measurement> measurements{};
    /// Pain at the tendon's insertion on the heel bone.
    bool insertional_pain = false;
    /// A sudden snap or pop felt or heard in the calf or heel.
    bool snap_or_pop = false;
    /// Unable to bear weight on the leg.
    bool unable_to_bear_weight = false;
    /// When the session was actually done, if it was recorded; a make-up
    /// policy uses it to tell a late session from a missed one.
    std::optional<std::chrono::sys_seconds> done_at{};
    /// A clinician has reviewed the patient and cleared earlier
    /// stop-and-refer flags; progression may resume.
    bool clinician_cleared = false;
    /// A clinician has reviewed the patient and confirms the move to the next
    /// phase (a `clinician_confirmation` gate of the phase the session is in).
    bool clinician_confirmed = false;
    /// Equal when every field is.
    friend bool operator==(const session_log&, const session_log&) = default;
};

/// "done", "partial", "missed".
[[nodiscard]] std::string_view to_string(session_status s) noexcept;

} // namespace rehab

/// Prints "day 3, session 2" (both 1-based, as a person counts).
template <>
struct fmt::formatter<rehab::session_key> : fmt::formatter<std::string_view> {
    auto format(const rehab::session_key& k, fmt::format_context& ctx) const
        -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(
            "day " + std::to_string(k.day + 1) + ", session " + std::to_string(k.slot + 1), ctx);
    }
};

// --- Definitions -------------------------------------------------------------

namespace rehab {

inline measurement measured(const visa_a& score) noexcept {
    return {measure::visa_a, static_cast<double>(score.total())};
}

inline measurement measured(const atrs& score) noexcept {
    return {measure::atrs, static_cast<double>(score.total())};
}

inline std::vector<measurement> measured(const heel_rise& test) {
    std::vector<measurement> out{
        {measure::single_leg_heel_raises, static_cast<double>(test.involved().reps.value())},
        {measure::heel_rise_lsi_reps, test.reps_lsi()},
    };
    if (const auto h = test.height_lsi()) {
        out.push_back({measure::heel_rise_lsi_height, *h});
    }
    if (const auto w = test.work_lsi()) {
        out.push_back({measure::heel_rise_lsi_work, *w});
    }
    return out;
}

inline std::string_view to_string(session_status s) noexcept {
    return detail::text_of(s, detail::session_status_names);
}

} // namespace rehab
