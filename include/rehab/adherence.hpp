#pragma once
/// @file adherence.hpp
/// How much of a plan was done: by session (done / due) and by dose
/// (repetitions done / prescribed, per side), over any window, under a
/// missed-session policy.

#include <chrono>
#include <cstdint>
#include <span>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <fmt/format.h>

#include <rehab/detail/enum_formatter.hpp>
#include <rehab/error.hpp>
#include <rehab/schedule.hpp>
#include <rehab/session_log.hpp>

namespace rehab {

/// What happens to a missed session.
enum class missed_policy : std::uint8_t {
    skip,         ///< it is gone; the plan goes on
    make_up,      ///< done within `make_up_window` after its time, it counts as done
    extend_phase, ///< its phase grows by one session day for each day missed (see
                  ///< `extend_for_missed`)
};

/// A missed-session policy and its parameter.
struct adherence_policy {
    missed_policy policy = missed_policy::skip;
    /// For `make_up`: how late a session may be done and still count.
    /// Default 24 h (a parameter; no source sets it).
    std::chrono::hours make_up_window{24};
};

/// Repetitions prescribed and done on one side.
struct side_reps {
    int prescribed = 0;
    int done = 0;
    /// done / prescribed, or 1 when nothing was prescribed.
    [[nodiscard]] double rate() const noexcept {
        return prescribed == 0 ? 1.0 : static_cast<double>(done) / prescribed;
    }
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
    /// done / due, or 1 when nothing was due.
    [[nodiscard]] double session_rate() const noexcept {
        return due == 0 ? 1.0 : static_cast<double>(done) / due;
    }
    friend bool operator==(const adherence_report&, const adherence_report&) = default;
};

/// Adherence to `plan` from `first` to `last` (local dates, inclusive),
/// counting the sessions that started by `as_of`. A session's prescribed
/// repetitions come from its nominal prescription; repetitions done come
/// from the log's items (sets x reps per set), or equal the prescription for
/// a session logged done without items. A partial session counts only what
/// its items report. Errors: a log entry for a session the plan does not
/// have (`/log/3`), or two entries for one session.
/// @par Complexity O(sessions in the window + log size).
[[nodiscard]] expected<adherence_report>
adherence(const schedule& plan, std::span<const session_log> log, boost::gregorian::date first,
          boost::gregorian::date last, std::chrono::sys_seconds as_of,
          const adherence_policy& policy = {});

/// The plan re-made for the `extend_phase` policy: each phase gets one extra
/// session day for every session day of it, started by `as_of`, on which no
/// session was done. Later phases and the end move accordingly.
[[nodiscard]] expected<schedule> extend_for_missed(const schedule& plan,
                                                   std::span<const session_log> log,
                                                   std::chrono::sys_seconds as_of);

[[nodiscard]] std::string_view to_string(missed_policy p) noexcept;

} // namespace rehab

/// Prints "10/12 sessions (83 %), affected side 450/540 reps (83 %)".
template <>
struct fmt::formatter<rehab::adherence_report> : fmt::formatter<std::string_view> {
    auto format(const rehab::adherence_report& r, fmt::format_context& ctx) const
        -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(
            fmt::format("{}/{} sessions ({:.0f} %), affected side {}/{} reps ({:.0f} %)", r.done,
                        r.due, 100.0 * r.session_rate(), r.affected.done, r.affected.prescribed,
                        100.0 * r.affected.rate()),
            ctx);
    }
};
