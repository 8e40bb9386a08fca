#pragma once
/// @file guidance.hpp
/// What applies on a given day: the phase, the orthosis, weight-bearing,
/// range-of-motion limits and activities, the exercises at their doses, the
/// next gate and the sources; and whether an exercise is allowed that day,
/// and if not, from when and why.
///
/// These answer the questions patients ask after an Achilles rupture ("6
/// weeks after surgery, out of the cast: may I do calf raises?") from the
/// protocol as planned: every phase at its minimum, counted from the injury
/// or the surgery (`protocol::counted_from`). They inform; they never
/// diagnose, and a gate that needs a clinician says so.
/// @code
/// auto p = rehab::protocols::achilles_rupture_functional();
/// rehab::patient who{.surgery_date = boost::gregorian::date(2026, 10, 20)};
/// auto today = rehab::guidance_on(*p, boost::gregorian::date(2026, 11, 3), who,
///                                 boost::gregorian::date(2026, 12, 1));
/// fmt::print("{}", rehab::to_text(*today));   // week 7 after surgery: heel lift out, ...
/// @endcode

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <rehab/api.hpp>
#include <rehab/catalog.hpp>
#include <rehab/engine.hpp>
#include <rehab/error.hpp>
#include <rehab/protocol.hpp>
#include <rehab/restrictions.hpp>

namespace rehab {

/// The gate to the next phase.
struct phase_gate {
    /// The first day the next phase may start: the phase's minimum and any
    /// "at least N weeks since the injury" criterion, whichever is later.
    boost::gregorian::date earliest{boost::gregorian::not_a_date_time};
    /// What else must hold, in words ("single-leg heel raises >= 5").
    std::vector<std::string> criteria{};
    /// A clinician must confirm the step; it never happens on its own.
    bool needs_confirmation = false;
    /// `earliest` has passed: the phase applies until the criteria are met.
    bool pending = false;
    /// Equal when every field is.
    friend bool operator==(const phase_gate&, const phase_gate&) = default;
};

/// What applies on one day of a protocol.
struct day_guidance {
    /// The day the guidance is for.
    boost::gregorian::date date{boost::gregorian::not_a_date_time};
    /// What the protocol counts from (`protocol::counted_from`).
    time_basis counted_from = time_basis::start;
    /// Days since the day the protocol counts from (since the start for a
    /// protocol counted from its start); day zero is 0.
    int days_since_day_zero = 0;
    /// Days since the patient's injury, where known (for a protocol counted
    /// from the injury without its date, that day is the start).
    std::optional<int> days_since_injury{};
    /// Days since the patient's surgery, where known (for a protocol counted
    /// from the surgery without its date, that day is the start).
    std::optional<int> days_since_surgery{};
    /// The program has not started yet on `date`: what applies is read by
    /// time since the injury or surgery alone, and there are no sessions.
    bool before_start = false;
    std::size_t phase_index = 0; ///< 0-based index of the phase that applies
    std::string phase_id{};      ///< the id of the phase that applies
    std::string phase_name{};    ///< its name
    std::string goal{};          ///< its goal, in words
    /// Its restrictions: orthosis, weight-bearing, range-of-motion limits,
    /// activities allowed and not allowed.
    phase_restrictions restrictions{};
    /// The exercises of the phase at their planned doses that day (none
    /// before the start or in a phase without exercises).
    std::vector<prescribed_item> items{};
    /// Sessions a day of the phase (0 for a phase without exercises).
    int sessions_per_day = 0;
    /// Absent in the last phase.
    std::optional<phase_gate> next_gate{};
    /// The protocol's source, then every source of the restrictions.
    std::vector<std::string> sources{};

    /// Completed weeks since day zero (day 42 is 6); week N of a table is
    /// `weeks() + 1`.
    [[nodiscard]] int weeks() const noexcept { return days_since_day_zero / 7; }
};

/// What applies on `day` for `who` following `p` from `start`, as planned:
/// phases end at their minimum while their gates ask for time alone; at a
/// gate that asks for more (a measurement, a clinician's confirmation) the
/// phase before it applies, however late the day, with the gate `pending`.
/// (A schedule, a plan of dates, assumes every gate passed at its earliest.)
/// Errors: those of `days_since_day_zero` (dates out of order, a start
/// before the protocol's earliest start); `day` special, before the day the
/// protocol counts from, or after its nominal end (`/on`, with the dates).
[[nodiscard]] REHAB_API expected<day_guidance> guidance_on(const protocol& p,
                                                           boost::gregorian::date start,
                                                           const patient& who,
                                                           boost::gregorian::date day);

/// Whether an exercise is allowed on a day.
struct exercise_answer {
    std::string exercise{}; ///< the exercise's id
    /// The exercise's needs fit the restrictions of that day's phase.
    bool allowed = false;
    /// The phase of that day prescribes it.
    bool prescribed = false;
    /// When not allowed: the first day a later phase allows it, if any.
    std::optional<boost::gregorian::date> from{};
    /// When not prescribed that day: the first day a later phase of the
    /// program prescribes it, if any ("allowed" alone is not advice to add it).
    std::optional<boost::gregorian::date> prescribed_from{};
    /// Why not, one plain sentence each, with sources.
    std::vector<std::string> reasons{};
    /// Equal when every field is.
    friend bool operator==(const exercise_answer&, const exercise_answer&) = default;
};

/// May `who` do `exercise` on `day`? Read from the exercise's needs
/// (`exercise::needs`) against the restrictions of that day's phase.
/// Errors: those of `guidance_on`; an exercise not in `exercises`
/// (`/exercise`, with close matches).
[[nodiscard]] REHAB_API expected<exercise_answer>
may_do(const protocol& p, boost::gregorian::date start, const patient& who,
       boost::gregorian::date day, std::string_view exercise, const catalog& exercises);

/// The guidance in plain words, for a patient: the week, the phase, the
/// boot, weight-bearing, limits, what is and is not allowed, the exercises,
/// the next step and the sources, with a reminder that the treating team's
/// advice comes first.
[[nodiscard]] REHAB_API std::string to_text(const day_guidance& g);
/// The answer in plain words.
[[nodiscard]] REHAB_API std::string to_text(const exercise_answer& a, const catalog& exercises);

/// The guidance as a JSON object with the keys `"date"`, `"counted_from"`,
/// `"days_since_day_zero"`, `"weeks_since_injury"` and `"weeks_since_surgery"`
/// (completed weeks, null where unknown), `"before_start"`, `"phase"`
/// (`{"index", "id", "name", "goal"}`), `"orthosis"`, `"weight_bearing"`,
/// `"rom_limits"`, `"not_allowed"`, `"allowed"`, `"sessions_per_day"`,
/// `"items"`, `"next_gate"` (null in the last phase) and `"sources"`.
[[nodiscard]] REHAB_API std::string to_json(const day_guidance& g);
/// The answer as a JSON object with the keys `"exercise"`, `"allowed"`,
/// `"prescribed"`, `"from"` and `"prescribed_from"` (dates or null) and
/// `"reasons"`.
[[nodiscard]] REHAB_API std::string to_json(const exercise_answer& a);

} // namespace rehab
