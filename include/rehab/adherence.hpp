#pragma once
/// @file adherence.hpp
/// How much of a plan was done: by session (done / due) and by dose
/// (repetitions done / prescribed, per side), over any window, under a
/// missed-session policy.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <fmt/format.h>

#include <rehab/api.hpp>
#include <rehab/detail/enum_formatter.hpp>
#include <rehab/detail/enum_names.hpp>
#include <rehab/error.hpp>
#include <rehab/schedule.hpp>
#include <rehab/session_log.hpp>

namespace rehab {

/// What happens to a missed session, and so what counts as done.
enum class missed_policy : std::uint8_t {
    /// A session logged done counts as done whenever it was done (`done_at`
    /// is not read); one not done is gone and the plan goes on.
    skip,
    /// A session logged done counts only if it was done by its time plus
    /// `make_up_window` (or has no `done_at`); done later it counts as
    /// missed. Stricter than `skip` about late sessions, not more lenient.
    make_up,
    /// Counted as `skip`; the plan itself is re-made with one extra session
    /// day per day missed (see `extend_for_missed`).
    extend_phase,
};

namespace detail {
/// The names of `missed_policy`: the text of `to_string` (no file has a token for it).
inline constexpr enum_names<missed_policy, 3> missed_policy_names{{
    {missed_policy::skip, "skip"},
    {missed_policy::make_up, "make up"},
    {missed_policy::extend_phase, "extend the phase"},
}};
} // namespace detail

/// A missed-session policy and its parameter.
struct adherence_policy {
    missed_policy policy = missed_policy::skip; ///< what a missed session does
    /// For `make_up`: how late a session may be done and still count.
    /// Default 24 h (a parameter; no source sets it).
    std::chrono::hours make_up_window{24};
};

/// Repetitions prescribed and done on one side.
struct side_reps {
    int prescribed = 0; ///< repetitions prescribed
    /// Done, counting each item at most at its prescription: extra work is
    /// not extra adherence.
    int done = 0;
    /// Done beyond the prescription (5 x 30 logged against 3 x 15: 105),
    /// kept apart from `done`.
    int beyond = 0;
    /// done / prescribed; nothing when nothing was prescribed.
    [[nodiscard]] std::optional<double> rate() const noexcept {
        return prescribed == 0 ? std::nullopt
                               : std::optional<double>(static_cast<double>(done) / prescribed);
    }
    /// Equal when every field is.
    friend bool operator==(const side_reps&, const side_reps&) = default;
};

/// Adherence over a window.
struct adherence_report {
    int due = 0;            ///< sessions in the window that had started by `as_of`
    int done = 0;           ///< done in full (on time, or made up in time under `make_up`)
    int partial = 0;        ///< started but not finished
    int missed = 0;         ///< logged as missed, not logged, or made up too late
    side_reps affected{};   ///< repetitions of the affected side
    side_reps unaffected{}; ///< repetitions of the other side
    /// done / due; nothing when no session was due (never "100 %").
    [[nodiscard]] std::optional<double> session_rate() const noexcept {
        return due == 0 ? std::nullopt : std::optional<double>(static_cast<double>(done) / due);
    }
    /// Equal when every field is.
    friend bool operator==(const adherence_report&, const adherence_report&) = default;
};

/// Adherence to `plan` from `first` to `last` (local dates, inclusive),
/// counting the sessions that started by `as_of`. A session's prescribed
/// repetitions come from its nominal prescription; repetitions done come
/// from the log's items (sets x reps per set), or equal the prescription for
/// a session logged done without items. A partial session counts only what
/// its items report; work beyond an item's prescription is counted in
/// `beyond`. Errors: `first` after `last` (`/first`), a window with no day
/// of the plan in it (`/first`), `as_of` before the plan's first day
/// (`/as_of`), a log entry for a session the plan does not have (`/log/3`),
/// two entries for one session, or an entry `check_log_entry` refuses
/// (`/log/3/items/0/exercise`) against the session's phase and every other
/// phase of the protocol: the plan is nominal, and a patient held in an
/// earlier phase by its criteria logs that phase's exercises (counted only
/// where they match the nominal session's). A window in which nothing is due yet is no
/// error: it reports `due == 0` and prints "no sessions due".
/// @par Complexity O(sessions in the window + log size).
[[nodiscard]] REHAB_API expected<adherence_report>
adherence(const schedule& plan, std::span<const session_log> log, boost::gregorian::date first,
          boost::gregorian::date last, std::chrono::sys_seconds as_of,
          const adherence_policy& policy = {});

/// Counts one due session into `report`: due, done (`done`: logged done and,
/// under `make_up`, in time), partial, or missed (no `entry`, or neither),
/// and the repetitions of `prescribed` done per side, as `adherence` does
/// for each session of its window. The building block `course::adherence`
/// shares.
REHAB_API void count_session(adherence_report& report, const session_prescription& prescribed,
                             const session_log* entry, bool done);

/// The plan re-made for the `extend_phase` policy: each phase gets one extra
/// session day for every session day of it, started by `as_of`, on which no
/// session was done. Later phases and the end move accordingly.
[[nodiscard]] REHAB_API expected<schedule> extend_for_missed(const schedule& plan,
                                                             std::span<const session_log> log,
                                                             std::chrono::sys_seconds as_of);

/// The policy in words: "skip", "make up", "extend the phase" (also what
/// `fmt::format("{}", p)` prints).
[[nodiscard]] REHAB_API std::string_view to_string(missed_policy p) noexcept;

} // namespace rehab

/// Prints "10/12 sessions (83 %), affected side 450/540 reps (83 %)", with
/// "; 105 reps more than prescribed" when work went beyond the prescription,
/// or "no sessions due".
template <>
struct REHAB_API fmt::formatter<rehab::adherence_report> : fmt::formatter<std::string_view> {
    auto format(const rehab::adherence_report& r, fmt::format_context& ctx) const
        -> decltype(ctx.out());
};
