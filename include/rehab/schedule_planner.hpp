#pragma once
/// @file schedule_planner.hpp
/// A protocol laid out once for a time zone and a set of options, then dated
/// for any number of start dates: how a clinic server plans a population.
///
/// `make` does the work that does not depend on the start date (checking the
/// options, each phase's repeating 7-day block of sessions for each weekday
/// the plan can start on); `plan(start)` then allocates nothing: the
/// schedule it returns is a start date and a reference to the shared layout.
/// @code
/// auto planner = rehab::schedule_planner::make(protocol, {.time_zone = "Europe/Copenhagen"});
/// std::vector<rehab::scheduled_session> sessions(planner->max_sessions());
/// for (const boost::gregorian::date start : starts) {
///     auto plan = planner->plan(start);          // check it: see plan()
///     const std::size_t n = plan->write(sessions);  // sessions[0, n)
/// }
/// @endcode
/// A planner is immutable and may be used from many threads. Its copies and
/// every schedule it plans share one reference count, so threads that each
/// plan many patients run faster with a planner of their own, each made by
/// its own `make` call.

#include <cstddef>
#include <memory>
#include <utility>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <rehab/api.hpp>
#include <rehab/error.hpp>
#include <rehab/protocol.hpp>
#include <rehab/schedule.hpp>
#include <rehab/time_zone.hpp>

namespace rehab {

/// A protocol laid out once for a time zone and options, which dates a
/// `schedule` for any start date without allocating (see the file's
/// description). Made by `make`; immutable, so it may be used from many
/// threads.
class REHAB_API schedule_planner {
public:
    /// Lays `p` out in `zone` (which replaces `options.time_zone`). Errors:
    /// no protocol, a protocol with no phases or more than 255 (`/phases`),
    /// a phase with no sessions a day or more than 255, or a minimum duration
    /// outside 0-36525 days (`/phases/i`), times out of order (`/times/i`,
    /// or `/phases/i/frequency/times/j` for a phase's own) or not one per
    /// session of a phase (`/times`, `/phases/i/frequency/times`), extra
    /// session days outside 0-3660 (`/extra_session_days/i`), a plan with
    /// more sessions than a session index holds (`/phases`).
    [[nodiscard]] static expected<schedule_planner> make(std::shared_ptr<const protocol> p,
                                                         const rehab::time_zone& zone,
                                                         const schedule_options& options = {});
    /// The same, locating `options.time_zone` (error path `/time_zone`).
    [[nodiscard]] static expected<schedule_planner> make(const protocol& p,
                                                         const schedule_options& options = {});

    /// The schedule from `start`. Errors: a special date, or one outside the
    /// years 1900-9000 (`/start`); extra session days asked of a phase that
    /// has no session days for this start's weekday (`/extra_session_days/i`:
    /// rest days and day patterns can leave a phase empty for some weekdays).
    [[nodiscard]] expected<schedule> plan(boost::gregorian::date start) const;

    /// The most sessions any of its schedules has (the count can depend on
    /// the start's weekday): a buffer this long holds any of them.
    [[nodiscard]] std::size_t max_sessions() const noexcept;

    /// The protocol it lays out (the name `schedule::program()` has too).
    [[nodiscard]] const protocol& program() const noexcept;
    /// The time zone its sessions are dated in.
    [[nodiscard]] const rehab::time_zone& zone() const noexcept;
    /// The options it was made with (`time_zone` is the zone's name).
    [[nodiscard]] const schedule_options& options() const noexcept;

private:
    explicit schedule_planner(std::shared_ptr<const detail::schedule_layout> layout) noexcept
        : layout_(std::move(layout)) {}
    std::shared_ptr<const detail::schedule_layout> layout_;
};

} // namespace rehab
