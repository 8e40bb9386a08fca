#pragma once
#include <rehab/api.hpp>
/// @file schedule.hpp
/// A dated plan: every session of a protocol's nominal course (each phase at
/// its minimum, no log yet) on the calendar, as civil local times in an IANA
/// time zone with their UTC instants.
///
/// A schedule is not expanded: it keeps the phase layout (shared with every
/// schedule of the same `schedule_planner`) and computes any session on
/// demand, so its memory does not grow with its length. The i-th session and
/// "what is due on this date" take the same time whatever the plan's length
/// (a scan of the phases and a look-up in the zone's offset changes, which
/// are indexed by time),
/// and a date range takes that plus O(sessions in it).
/// @code
/// auto plan = rehab::schedule::make(protocol, boost::gregorian::date(2026, 12, 1),
///                                   {.time_zone = "Europe/Copenhagen"});
/// for (const rehab::scheduled_session& s : plan->on(boost::gregorian::date(2026, 12, 24)))
///     fmt::print("{} {}\n", plan->local_time(s), plan->id(s));
/// @endcode

#include <array>
#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <rehab/detail/enum_names.hpp>
#include <rehab/engine.hpp>
#include <rehab/error.hpp>
#include <rehab/frequency.hpp>
#include <rehab/protocol.hpp>
#include <rehab/time_zone.hpp>

namespace rehab {

/// Where a session landed against the clock time it asked for.
///
/// A zone's clocks can skip local times: an hour on a spring-forward night,
/// a few hours on a base that changed zones, or a whole date (Pacific/Apia
/// skipped 2011-12-30, Pacific/Kiritimati 1994-12-31, Pacific/Kwajalein
/// 1993-08-21). The policy, for a session whose requested time was skipped:
/// - it moves forward by the length of the skip, as a clock left on the old
///   time would show it (`moved_by_gap`); its local date and time are where
///   it lands, which can be the next date (23:30 in a gap from 23:00 to
///   00:00 is 00:30 the next day), and its id keeps its program day;
/// - unless that would bring it to, past, or within the protocol's
///   `min_session_gap` of the first session after the skipped times: then
///   it is not held (`not_held`). It keeps its place and id in the plan but
///   is not due, not exported to a calendar, not counted as missed, and a
///   log entry for it is refused. This is what happens to every session of a
///   skipped date, so no two sessions ever share an instant.
enum class session_placement : std::uint8_t {
    as_requested, ///< at its requested clock time
    moved_by_gap, ///< the zone skipped its time: later by the length of the skip
    not_held,     ///< the zone skipped its time and moving it would crowd the next session
};

namespace detail {
/// The names of `session_placement`: the text of `to_string` (no file has a token for it).
inline constexpr enum_names<session_placement, 3> session_placement_names{{
    {session_placement::as_requested, "as_requested"},
    {session_placement::moved_by_gap, "moved_by_gap"},
    {session_placement::not_held, "not_held"},
}};
} // namespace detail

/// "as_requested", "moved_by_gap", "not_held".
[[nodiscard]] REHAB_API std::string_view to_string(session_placement p) noexcept;

/// One planned session, as a small value (24 bytes).
struct scheduled_session {
    std::chrono::sys_seconds utc{}; ///< when it starts, as an instant
    std::int32_t index = 0;         ///< 0-based position in the schedule
    std::int32_t day = 0;           ///< program day: 0 is the start date
    std::int16_t clock_minutes = 0; ///< the requested civil time, minutes after midnight
    std::uint8_t slot = 0;          ///< 0-based session of the day
    std::uint8_t phase = 0;         ///< index of its phase in the protocol
    /// Where it landed against its requested time (see `session_placement`).
    session_placement placement = session_placement::as_requested;
    /// Whether the session takes place (see `session_placement`).
    [[nodiscard]] constexpr bool held() const noexcept {
        return placement != session_placement::not_held;
    }
    /// The key the log and the engine use for this session.
    [[nodiscard]] constexpr session_key key() const noexcept { return {day, slot}; }
    /// Equal in every field.
    friend constexpr bool operator==(const scheduled_session&, const scheduled_session&) = default;
};

/// How to lay a protocol out on the calendar.
struct schedule_options {
    /// IANA time-zone name; sessions are civil times there.
    std::string time_zone = "UTC";
    /// Session clock times for every phase, overriding the protocol's defaults;
    /// one per session of the day.
    std::vector<clock_time> times{};
    /// Weekdays with no sessions (a rest-day pattern on top of the protocol's).
    std::vector<std::chrono::weekday> rest_days{};
    /// The patient, for sides and loads in the prescriptions.
    rehab::patient patient{};
    /// Extra session days per phase (index = phase), appended to each phase in
    /// its own day pattern: how a missed-session policy of "extend the phase"
    /// re-plans (see `adherence.hpp`). Missing entries mean none.
    std::vector<int> extra_session_days{};
};

class schedule_planner;

namespace detail {
struct schedule_layout; ///< a protocol laid out for every start weekday (src/schedule_layout.hpp)
struct week_layout;     ///< the layout for one start weekday
} // namespace detail

class schedule;

/// Every session of a schedule, computed as it is read: a random-access range
/// (`for (auto s : plan.sessions())`, `std::ranges::count_if(plan.sessions(), ...)`).
/// It refers to the schedule, which must outlive it.
class session_range : public std::ranges::view_base {
public:
    /// A position in the range: the schedule and a session index. Reading it
    /// computes the session (`schedule::operator[]`), so it yields values,
    /// not references. Compare only iterators of the same range.
    class iterator {
    public:
        using value_type = scheduled_session;   ///< what reading yields, by value
        using difference_type = std::ptrdiff_t; ///< a distance in sessions
        /// Random access, for C++20 ranges (reading yields a value, not a reference).
        using iterator_concept = std::random_access_iterator_tag;
        /// At no session: assign to it before reading or moving it.
        iterator() = default;
        /// Session `index` of `plan`, which must outlive it.
        iterator(const schedule* plan, std::size_t index) noexcept : plan_(plan), index_(index) {}
        /// The session here. Precondition: not at the end.
        [[nodiscard]] scheduled_session operator*() const noexcept;
        /// Moves to the next session.
        iterator& operator++() noexcept {
            ++index_;
            return *this;
        }
        /// Moves to the next session; returns the position before.
        iterator operator++(int) noexcept {
            iterator before = *this;
            ++index_;
            return before;
        }
        /// Moves to the previous session.
        iterator& operator--() noexcept {
            --index_;
            return *this;
        }
        /// Moves to the previous session; returns the position before.
        iterator operator--(int) noexcept {
            iterator before = *this;
            --index_;
            return before;
        }
        /// Moves `n` sessions on (back when negative).
        iterator& operator+=(difference_type n) noexcept {
            index_ = static_cast<std::size_t>(static_cast<difference_type>(index_) + n);
            return *this;
        }
        /// Moves `n` sessions back (on when negative).
        iterator& operator-=(difference_type n) noexcept { return *this += -n; }
        /// The session `n` places on: `*(*this + n)`.
        [[nodiscard]] scheduled_session operator[](difference_type n) const noexcept {
            return *(*this + n);
        }
        /// `i` moved `n` sessions on.
        friend iterator operator+(iterator i, difference_type n) noexcept { return i += n; }
        /// `i` moved `n` sessions on.
        friend iterator operator+(difference_type n, iterator i) noexcept { return i += n; }
        /// `i` moved `n` sessions back.
        friend iterator operator-(iterator i, difference_type n) noexcept { return i -= n; }
        /// The number of sessions from `b` to `a`.
        friend difference_type operator-(const iterator& a, const iterator& b) noexcept {
            return static_cast<difference_type>(a.index_) - static_cast<difference_type>(b.index_);
        }
        /// At the same session (of the same schedule).
        friend bool operator==(const iterator& a, const iterator& b) noexcept {
            return a.index_ == b.index_;
        }
        /// Ordered by session index.
        friend auto operator<=>(const iterator& a, const iterator& b) noexcept {
            return a.index_ <=> b.index_;
        }

    private:
        const schedule* plan_ = nullptr;
        std::size_t index_ = 0;
    };

    /// An empty range of no schedule.
    session_range() = default;
    /// The first `size` sessions of `plan` (`schedule::sessions` gives them all).
    session_range(const schedule& plan, std::size_t size) noexcept : plan_(&plan), size_(size) {}
    /// The first session.
    [[nodiscard]] iterator begin() const noexcept { return {plan_, 0}; }
    /// Past the last session.
    [[nodiscard]] iterator end() const noexcept { return {plan_, size_}; }
    /// The number of sessions.
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    /// Whether there is no session.
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

private:
    const schedule* plan_ = nullptr;
    std::size_t size_ = 0;
};

/// A dated plan. A small handle: its start date and a shared, immutable
/// layout of the protocol in its time zone (see `schedule_planner`): copies
/// are cheap, and what they share is immutable.
class REHAB_API schedule {
public:
    /// Lays `p` out from `start`: `schedule_planner::make(p, options)`, then
    /// `plan(start)`. Errors: an unknown time zone (`/time_zone`), a
    /// protocol with no phases (`/phases`), times out of order or not one per
    /// session of a phase (`/times`, or the phase's own
    /// `/phases/i/frequency/times` when none are given), extra session days
    /// out of range or for a phase with no session days
    /// (`/extra_session_days/i`), a special or out-of-range start date
    /// (`/start`).
    [[nodiscard]] static expected<schedule> make(const protocol& p, boost::gregorian::date start,
                                                 const schedule_options& options = {});

    /// The same with a shared protocol and a zone already located (no file
    /// is read; `zone` replaces `options.time_zone`). To plan many patients
    /// with the same protocol, zone and options, make a `schedule_planner`
    /// once and call its `plan(start)`: this function lays the protocol out
    /// again on every call.
    [[nodiscard]] static expected<schedule> make(std::shared_ptr<const protocol> p,
                                                 boost::gregorian::date start,
                                                 const rehab::time_zone& zone,
                                                 const schedule_options& options = {});

    /// A copy sharing the layout (cheap: no session is copied).
    schedule(const schedule&) = default;
    /// Shares the layout of `other` (cheap: no session is copied).
    schedule& operator=(const schedule&) = default;
    /// A moved-from schedule is empty: no sessions, nothing due on any date.
    schedule(schedule&& other) noexcept;
    /// Takes `other`'s plan; `other` is left empty (as the move constructor).
    schedule& operator=(schedule&& other) noexcept;
    /// Releases its share of the layout.
    ~schedule() = default;

    /// Number of sessions.
    [[nodiscard]] std::size_t size() const noexcept { return total_; }
    /// Whether it has no sessions (as a moved-from schedule).
    [[nodiscard]] bool empty() const noexcept { return total_ == 0; }

    /// The i-th session (0-based). Precondition: `i < size()`.
    /// O(phases) plus a zone look-up, as every look-up below: none grows
    /// with the plan's length (see `time_zone::next_offset_change`).
    [[nodiscard]] scheduled_session operator[](std::size_t i) const noexcept;
    /// The i-th session, or an error naming the index when out of range.
    [[nodiscard]] expected<scheduled_session> at(std::size_t i) const;

    /// The sessions planned for `d` (their program day's date), earliest
    /// first, including any not held (check `held()`). O(result).
    [[nodiscard]] std::vector<scheduled_session> on(boost::gregorian::date d) const;
    /// The same without allocating: writes up to `out.size()` of them and
    /// returns how many are due (a day has at most 255). O(result).
    [[nodiscard]] std::size_t on(boost::gregorian::date d,
                                 std::span<scheduled_session> out) const noexcept;
    /// The sessions planned from `first` to `last` inclusive (as `on`). O(result).
    [[nodiscard]] std::vector<scheduled_session> between(boost::gregorian::date first,
                                                         boost::gregorian::date last) const;
    /// The session with this key, if the schedule has it.
    [[nodiscard]] std::optional<scheduled_session> find(session_key key) const noexcept;

    /// Writes sessions `first`, `first + 1`, ... into `out` until it is full
    /// or the schedule ends; returns how many were written. The same values
    /// as `operator[]`, computed in one pass over the phases' repeating 7-day
    /// blocks and the zone's offset changes. Allocates nothing.
    /// @par Complexity O(phases + written) plus a zone look-up.
    [[nodiscard]] std::size_t write(std::span<scheduled_session> out,
                                    std::size_t first = 0) const noexcept;

    /// Every session, lazily, as a C++20 random-access range.
    [[nodiscard]] session_range sessions() const noexcept { return {*this, total_}; }

    /// The local date at the session's instant: with `local_time`, the wall
    /// clock when it starts. The planned date, unless a gap moved the session
    /// past midnight.
    [[nodiscard]] boost::gregorian::date date(const scheduled_session& s) const;
    /// The date the session is planned for: the start date plus its program day.
    [[nodiscard]] boost::gregorian::date planned_date(const scheduled_session& s) const {
        return start_ + boost::gregorian::days(s.day);
    }
    /// The wall-clock time at the session's instant: its requested time, or
    /// later when the zone skipped that time (see `session_placement`).
    [[nodiscard]] clock_time local_time(const scheduled_session& s) const noexcept;
    /// The stable id "protocol.vN.phase.dDAY.sSLOT": unchanged when the time
    /// zone or the clock times change, so logs stay attached.
    [[nodiscard]] std::string id(const scheduled_session& s) const;
    /// 1-based week of the program.
    [[nodiscard]] static constexpr int week(const scheduled_session& s) noexcept {
        return s.day / 7 + 1;
    }
    /// What the session prescribes in the nominal plan (no log): the phase's
    /// doses with week tables at the session's week.
    [[nodiscard]] session_prescription prescription(const scheduled_session& s) const;

    /// The protocol laid out.
    [[nodiscard]] const protocol& program() const noexcept;
    /// The same protocol as shared with the planner that laid it out: to
    /// plan again with other options without copying it,
    /// `schedule::make(plan.shared_program(), start, plan.zone(), options)`.
    [[nodiscard]] const std::shared_ptr<const protocol>& shared_program() const noexcept;
    /// The start date: program day 0.
    [[nodiscard]] boost::gregorian::date start() const noexcept { return start_; }
    /// The time zone its sessions are civil times in.
    [[nodiscard]] const rehab::time_zone& zone() const noexcept;
    /// The patient of the options (`schedule_options::patient`).
    [[nodiscard]] const rehab::patient& patient() const noexcept;
    /// The options the schedule was made with (`time_zone` is the zone's name).
    [[nodiscard]] const schedule_options& options() const noexcept;

private:
    friend class schedule_planner;
    /// `start_day` is `start` in days since 1970-01-01, as the planner has it.
    schedule(std::shared_ptr<const detail::schedule_layout> shared, const detail::week_layout& week,
             boost::gregorian::date start, std::int64_t start_day) noexcept;

    /// Where a session stands: its index, its phase, its place in the
    /// phase's 7-day block and the program day that block starts on.
    struct cursor {
        std::size_t index = 0;
        std::size_t phase = 0;
        std::size_t entry = 0;
        std::int64_t block_day = 0;
    };
    /// The cursor of session `i < size()`.
    [[nodiscard]] cursor cursor_at(std::size_t i) const noexcept;
    /// The requested local time of session `i < size()`, in seconds since
    /// 1970-01-01 00:00 local.
    [[nodiscard]] std::int64_t requested_local(std::size_t i) const noexcept;
    /// The placement of session `i`, whose requested time `local` the zone
    /// skips in a gap ending at local time `gap_end`, moved to `moved`.
    [[nodiscard]] session_placement gap_placement(std::size_t i, std::int64_t gap_end,
                                                  std::int64_t moved) const noexcept;
    /// `write()` from a session's cursor.
    [[nodiscard]] std::size_t write_at(cursor at, std::span<scheduled_session> out) const noexcept;

    /// The sessions on program day `day`: the index of the first one on or
    /// after it, how many fall on it, and (when any do) the first one's cursor.
    struct day_sessions {
        std::size_t first = 0;
        std::size_t count = 0;
        cursor at{};
    };
    [[nodiscard]] day_sessions sessions_on(std::int64_t day) const noexcept;

    std::shared_ptr<const detail::schedule_layout> layout_;
    const detail::week_layout* week_ = nullptr;
    boost::gregorian::date start_;
    std::int64_t start_day_ = 0; ///< the start date in days since 1970-01-01
    std::size_t total_ = 0;
};

inline scheduled_session session_range::iterator::operator*() const noexcept {
    return (*plan_)[index_];
}

} // namespace rehab
