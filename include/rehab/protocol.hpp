#pragma once
#include <rehab/api.hpp>
/// @file protocol.hpp
/// A rehabilitation protocol as a value: phases, each with its duration,
/// gates, prescriptions, frequency and rules.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <rehab/catalog.hpp>
#include <rehab/criteria.hpp>
#include <rehab/detail/enum_names.hpp>
#include <rehab/dosage.hpp>
#include <rehab/error.hpp>
#include <rehab/frequency.hpp>
#include <rehab/restrictions.hpp>
#include <rehab/rules.hpp>

namespace rehab {

/// One exercise at one dose.
struct prescription {
    std::string exercise{}; ///< a catalog id
    rehab::dose dose;       ///< the checked dose: sets, work, load, sides
    /// Equal exercise and dose.
    friend bool operator==(const prescription&, const prescription&) = default;
};

/// A phase of a protocol.
struct phase {
    std::string id{};   ///< kebab-case, unique in the protocol
    std::string name{}; ///< e.g. "Recovery"
    std::string goal{}; ///< what the phase aims at, in a clinician's words
    /// Time before the phase may end. The phase ends when this has passed
    /// and its exit criteria and the next phase's entry criteria hold.
    std::chrono::days min_duration{7};
    /// Time after which a phase whose criteria are still unmet is flagged
    /// for review (it does not advance on its own); absent: no limit.
    std::optional<std::chrono::days> max_duration{};
    /// What must hold before the phase begins (checked with the previous
    /// phase's `exit`).
    std::vector<criterion> entry{};
    /// What must hold before the phase ends (with the next phase's `entry`).
    std::vector<criterion> exit{};
    /// The exercises of every session and their starting doses; none: a
    /// phase without sessions (see `has_sessions`).
    std::vector<prescription> prescriptions{};
    rehab::frequency frequency{}; ///< sessions a day, days a week, clock times
    /// How the doses change inside the phase (see `rules.hpp`).
    std::vector<rule> rules{};
    /// The orthosis, weight-bearing, range-of-motion limits and activities of
    /// the phase; `validate` refuses a prescription they forbid.
    phase_restrictions restrictions{};
    /// Equal in every field.
    friend bool operator==(const phase&, const phase&) = default;
};

/// What a protocol's phases count from: the start of the program, or the
/// injury or surgery (rupture protocols: "weeks 2-4 after surgery").
enum class time_basis : std::uint8_t {
    start,   ///< day 0 is the start date
    injury,  ///< day 0 is the injury (`patient::injury_date`)
    surgery, ///< day 0 is the surgery (`patient::surgery_date`)
};

namespace detail {
/// The names of `time_basis`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<time_basis, 3> time_basis_names{{
    {time_basis::start, "start", "start"},
    {time_basis::injury, "injury", "injury"},
    {time_basis::surgery, "surgery", "surgery"},
}};
} // namespace detail

/// The earliest a program may start after an injury or surgery, and what
/// applies until then: a program for the later weeks of a rupture states
/// it, so a start inside a "dorsiflexion to neutral" phase is refused with
/// the reason. Counted from the surgery where the patient has one, else from
/// the injury; a patient with neither is not checked.
struct earliest_start {
    /// The first day a program may start, counted from the surgery or the
    /// injury (day 0).
    std::chrono::days after_day_zero{0};
    /// What applies before then, the reasons a start too soon is refused.
    phase_restrictions until_then{};
    std::string source{}; ///< citation, quoted when a start is refused
    /// Equal in every field.
    friend bool operator==(const earliest_start&, const earliest_start&) = default;
};

/// A protocol: what a program prescribes and how it progresses.
struct protocol {
    std::string id{};            ///< kebab-case, e.g. "alfredson-eccentric"
    int version = 1;             ///< part of every session's stable id
    std::string name{};          ///< e.g. "Alfredson eccentric heel-drop protocol"
    std::string condition{};     ///< the condition it is for
    std::string source{};        ///< citation
    std::vector<phase> phases{}; ///< in order; a protocol has at least one
    stop_rules stop{};           ///< the stop-and-refer flags of every phase
    /// The least time between two sessions of the same day, checked against
    /// every phase's session times. UNCONFIRMED default: 3 h. No retrieved
    /// source gives a minimum; twice-daily programs put the sessions morning
    /// and evening (Alfredson 1998), and sessions much closer than this are
    /// one double session, not two.
    std::chrono::minutes min_session_gap{180};
    /// What the phases count from. A plan given that date and a later start
    /// begins in the phase that applies at the start; phases that ended
    /// before it are passed by time alone.
    time_basis counted_from = time_basis::start;
    /// The earliest start after the injury or surgery; absent: any start.
    std::optional<rehab::earliest_start> earliest_start{};
    /// Equal in every field.
    friend bool operator==(const protocol&, const protocol&) = default;
};

/// Every problem with `p`, each located by a JSON Pointer
/// (`/phases/1/prescriptions/0/exercise`): ids that are not kebab-case or not
/// unique, exercises missing from `exercises` (with close matches), a phase
/// minimum above its maximum, no phases or prescriptions, bad frequencies,
/// rules naming exercises the phase does not prescribe, empty ladders and
/// week tables, week rows out of order, session times closer than
/// `min_session_gap`, and criteria that can never be met: a VISA-A or ATRS
/// above 100, a limb symmetry index above 200 %, or more completed sessions
/// than the phase (for entry criteria, the phase before) holds in its
/// maximum duration.
[[nodiscard]] REHAB_API error_list validate(const protocol& p, const catalog& exercises);

/// The nominal length of `p` in days: every phase at its minimum.
[[nodiscard]] REHAB_API std::chrono::days nominal_duration(const protocol& p) noexcept;

/// The days (since the day `p` counts from) each phase starts on when every
/// phase ends at its minimum and every gate passes as soon as it may: a
/// `time_since_day_zero` criterion of a gate later than the phase's minimum
/// holds the next phase back to it. One entry per phase and one more for the
/// planned end. The engine, a schedule and `guidance_on` all lay phases out
/// by it.
[[nodiscard]] REHAB_API std::vector<long long> planned_phase_starts(const protocol& p);

/// Whether the gate out of phase `index` (its exit and the next phase's
/// entry criteria) asks for more than time since the injury or surgery: a
/// measurement, a log, or a clinician's confirmation.
[[nodiscard]] REHAB_API bool gate_needs_more_than_time(const protocol& p, std::size_t index);

/// Whether a phase has sessions: a phase without prescriptions (a splint
/// and crutches, no exercise yet) has none.
[[nodiscard]] inline bool has_sessions(const phase& ph) noexcept {
    return !ph.prescriptions.empty();
}

/// Why phase `index` of `p`, which prescribes nothing, cannot be stepped
/// through (it is last, or ends on criteria a log would have to show);
/// nothing for a phase with prescriptions or one that ends by time alone.
[[nodiscard]] REHAB_API std::optional<std::string> sessionless_phase_problem(const protocol& p,
                                                                             std::size_t index);

/// "start", "injury", "surgery".
[[nodiscard]] REHAB_API std::string_view to_string(time_basis b) noexcept;

} // namespace rehab

/// Prints "Alfredson eccentric heel-drop protocol (alfredson-eccentric v1)".
template <>
struct REHAB_API fmt::formatter<rehab::protocol> : fmt::formatter<std::string_view> {
    auto format(const rehab::protocol& p, fmt::format_context& ctx) const -> decltype(ctx.out());
};

/// Prints "eccentric-heel-drop-straight-knee: 3 x 15 reps, affected side only".
template <>
struct REHAB_API fmt::formatter<rehab::prescription> : fmt::formatter<std::string_view> {
    auto format(const rehab::prescription& p, fmt::format_context& ctx) const
        -> decltype(ctx.out());
};
