#pragma once
#include <rehab/api.hpp>
/// @file course.hpp
/// One patient's course of care: where a protocol, the calendar, the log and
/// the progression engine meet.
///
/// A course starts with a protocol on a date in a time zone. From then on,
/// changes take effect from a date after the last session logged, so the
/// past never moves:
/// - `move`: new zone, times or rest days (travel, a new routine); earlier
///   sessions keep their instants and ids;
/// - `switch_protocol`: another protocol from a date (Alfredson to HSR after
///   four weeks); the history stays, the new protocol starts on its first day;
/// - `pause` and `resume`: no session is due, nothing counts as missed, and
///   the program's clock stops (`progression_engine::pause`).
///
/// Sessions are named by course day (0 = the course's first date) and slot:
/// `session_key` as in the log, and an id such as
/// "alfredson-eccentric.v1.eccentric-loading.d3.s1" (`course::id`). Every
/// query gives the engine's actual prescription: progressed doses,
/// referrals and breaches in force, and the decision that last changed it.
/// @code
/// auto c = rehab::course::start({.id = "patient-0042"}, alfredson, start,
///                               {.time_zone = "Europe/Copenhagen"});
/// c->record({.session = {0, 0}, .pain_during = rehab::pain_score{2}});
/// if (auto now = c->due_at(clock_now)) fmt::print("{}\n", now->prescription->items[0]);
/// @endcode

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <rehab/adherence.hpp>
#include <rehab/dates.hpp>
#include <rehab/engine.hpp>
#include <rehab/error.hpp>
#include <rehab/frequency.hpp>
#include <rehab/protocol.hpp>
#include <rehab/schedule.hpp>
#include <rehab/session_log.hpp>
#include <rehab/time_zone.hpp>

namespace rehab {

/// Who the course is for.
struct course_patient {
    /// 1 to 64 letters, digits, '.', '_' or '-': carried by exported UIDs.
    std::string id = "patient";
    /// The side that does the work of a dose for the affected side.
    body_side affected_side = body_side::left;
    /// Needed to turn a share of body weight into kilograms; optional.
    std::optional<kilograms> body_weight{};
    /// The day of the injury, for protocols counted from it
    /// (`protocol::counted_from`, `protocol::earliest_start`).
    std::optional<boost::gregorian::date> injury_date{};
    /// The day of the surgery, likewise; `earliest_start` counts from it
    /// when it is given, else from the injury.
    std::optional<boost::gregorian::date> surgery_date{};
    /// What the engine needs of the patient: every field but `id`.
    [[nodiscard]] rehab::patient clinical() const {
        return {.affected_side = affected_side,
                .body_weight = body_weight,
                .injury_date = injury_date,
                .surgery_date = surgery_date};
    }
    /// Equal in every field.
    friend bool operator==(const course_patient&, const course_patient&) = default;
};

/// Session clock times. For a phase, the first that applies: its entry in
/// `by_phase` (by phase id), the entry in `by_sessions_per_day` for its
/// number of sessions a day, `all` (which must then have one time per
/// session: a misfit is an error, never silently replaced), and the
/// protocol's own times. So a protocol with two sessions a day, then one, can
/// take `{.by_sessions_per_day = {{2, {08:00, 18:00}}, {1, {07:30}}}}`.
/// Each list is in order, its times at least the protocol's
/// `min_session_gap` apart.
struct session_times {
    /// Times for every phase with no entry in the maps below, one per
    /// session of its day; empty: the protocol's own.
    std::vector<clock_time> all{};
    /// Times by phase id, first in precedence.
    std::map<std::string, std::vector<clock_time>> by_phase{};
    /// Times by a phase's number of sessions a day.
    std::map<int, std::vector<clock_time>> by_sessions_per_day{};
    /// Equal in every field.
    friend bool operator==(const session_times&, const session_times&) = default;
};

/// Where and when sessions fall.
struct course_calendar {
    std::string time_zone = "UTC"; ///< IANA name
    session_times times{};         ///< the session clock times (see `session_times`)
    std::vector<std::chrono::weekday> rest_days{}; ///< weekdays with no session due
    /// Equal in every field.
    friend bool operator==(const course_calendar&, const course_calendar&) = default;
};

/// A calendar in force from a date on.
struct calendar_segment {
    boost::gregorian::date from; ///< its first date; the first segment's is the course's start
    course_calendar calendar{};  ///< the calendar in force from `from` to the next segment
    /// Equal in every field.
    friend bool operator==(const calendar_segment&, const calendar_segment&) = default;
};

/// A protocol followed from a date on (until the next one starts).
struct protocol_segment {
    boost::gregorian::date from; ///< its first date; the first segment's is the course's start
    /// The protocol, shared (immutable) with the copies of the course.
    std::shared_ptr<const rehab::protocol> program{};
    /// Equal dates and protocols compared by value (out of line: comparing
    /// protocols instantiates every rule's, dose's and restriction's ==).
    friend REHAB_API bool operator==(const protocol_segment& a, const protocol_segment& b);
};

/// Dates with no session due, `from` to `to` inclusive; open while `to` is
/// absent (until `resume`).
struct course_pause {
    boost::gregorian::date from;                ///< its first date
    std::optional<boost::gregorian::date> to{}; ///< its last date; absent: open
    /// Equal in every field.
    friend bool operator==(const course_pause&, const course_pause&) = default;
};

/// One session of a course, with what the engine prescribes for it. Cheap
/// to copy: the prescription and the decision behind it are shared.
struct course_session {
    session_key key{};                   ///< course day (0 = the course's first date) and slot
    std::size_t segment = 0;             ///< index of its protocol segment (`course::protocols()`)
    std::chrono::sys_seconds utc{};      ///< when it starts, as an instant
    boost::gregorian::date planned_date; ///< the date of its course day
    boost::gregorian::date date;         ///< the local date at `utc`
    clock_time local_time{};             ///< the wall clock at `utc`
    /// Where it landed against its requested time (see `session_placement`).
    session_placement placement = session_placement::as_requested;
    /// The engine's prescription (its `session` is `key`). Never null.
    std::shared_ptr<const session_prescription> prescription{};
    /// The decision that last changed the doses or the phase of this
    /// protocol segment by this session (course keys), if any did.
    std::shared_ptr<const trace_entry> last_change{};
    /// The logged status, for a session logged.
    std::optional<session_status> logged{};
    /// After the last session logged: the prescription is what the log so
    /// far gives, and may change with the entries to come.
    bool planned = false;
    /// Equal fields, prescriptions and decisions compared by value.
    friend REHAB_API bool operator==(const course_session& a, const course_session& b);
};

/// A log entry naming its session by id, as a course file holds it.
struct course_entry {
    std::string session{}; ///< the session's id (`course::id`)
    session_log entry{};   ///< its `session` key is read from the id
    /// Equal in every field.
    friend bool operator==(const course_entry&, const course_entry&) = default;
};

/// The most days an entry or a change may lie after the last session
/// logged (or the start): ten years, the longest a protocol file's phase may
/// last. It bounds the walk to the session named, so that a mistyped day
/// (d99999999) is refused at once rather than walked to.
inline constexpr int course_max_days_ahead = 3650;

/// One patient's course (see the file comment). A value: copies are
/// independent (they share only immutable protocols).
///
/// Costs: `record` and the queries from the day of the last session logged
/// to the next day with sessions (`due_at(now)`, `next_after(now)`,
/// `on(today)`, `for_each_on(today)`) take a time independent of the log's
/// length; a query past that walks on from the last entry (its cost grows
/// with the days between), and one before it replays the log.
class REHAB_API course {
public:
    /// A course of `program` from `start`. Errors: a patient id that is not
    /// 1-64 letters, digits, '.', '_', '-' (`/patient/id`); an injury or
    /// surgery date after `start`, or a surgery before the injury
    /// (`/patient/injury_date`, `/patient/surgery_date`); a start before the
    /// protocol's `earliest_start` (`/start`); a protocol the engine refuses
    /// (`/protocol/...`); a date out of range (`/start`); the calendar's
    /// errors as `move`'s.
    [[nodiscard]] static expected<course> start(course_patient who, rehab::protocol program,
                                                boost::gregorian::date start,
                                                course_calendar calendar = {},
                                                criteria_mode mode = criteria_mode::from_log);

    /// A course from its parts, as a course file holds them: the first
    /// protocol and calendar from `start`, later ones in date order (both
    /// on one date is one change), then the pauses, then the log. Each part
    /// is checked as `start`, `move`, `switch_protocol`, `pause` and `record`
    /// check it, and errors name it: `/protocols/1/from`,
    /// `/calendars/2/time_zone`, `/pauses/0/to`, `/log/3/session`.
    [[nodiscard]] static expected<course>
    make(course_patient who, boost::gregorian::date start, std::vector<protocol_segment> protocols,
         std::vector<calendar_segment> calendars, std::vector<course_pause> pauses = {},
         std::vector<course_entry> log = {}, criteria_mode mode = criteria_mode::from_log);

    /// A new calendar from `from` on. Errors: `from` not after the last
    /// session logged nor after the last change of calendar, or more than
    /// `course_max_days_ahead` days after the last entry (`/from`); an
    /// unknown zone (`/calendar/time_zone`); times that do not give each
    /// phase one per session, out of order or closer than `min_session_gap`
    /// (`/calendar/times/...`); a first session under the new calendar less
    /// than `min_session_gap` after the last one before it, there or at any
    /// later change (`/from`: a flight west to east can do that).
    [[nodiscard]] expected<void> move(boost::gregorian::date from, course_calendar calendar);

    /// `program` from `from` on, starting at its first phase; the protocol
    /// in force ends the day before. Errors as `move`'s for the date and the
    /// times; the patient's dates as `start` checks them against `from`
    /// (`/patient/...`, and `/from` before the protocol's `earliest_start`);
    /// and the engine's for the protocol (`/protocol/...`).
    [[nodiscard]] expected<void> switch_protocol(boost::gregorian::date from,
                                                 rehab::protocol program);

    /// No session due from `from` to `to` (inclusive; open until `resume`
    /// when absent). Errors (`/from`, `/to`): `from` not after the last
    /// session logged, `to` before `from` or out of range, an overlap with
    /// another pause, a pause across a protocol switch, sessions due again
    /// after it that would start too soon after the one before (as `move`).
    [[nodiscard]] expected<void> pause(boost::gregorian::date from,
                                       std::optional<boost::gregorian::date> to = {});
    /// Ends the open pause: sessions are due again from `on`. Errors
    /// (`/resume`): no open pause, or `on` not after its first day.
    [[nodiscard]] expected<void> resume(boost::gregorian::date on);

    /// Records the entry for session `entry.session` (a course key). Entries
    /// come in order: one for a session at or before the last one logged is
    /// refused, and so is one for a session that is not due (paused, a rest
    /// day, not held, not a session of the course), one more than
    /// `course_max_days_ahead` days after the last entry, or one that the engine
    /// refuses (`check_log_entry`): paths inside the entry (`/session`,
    /// `/items/0/exercise`). Nothing changes on error. Sessions skipped
    /// between two entries stay unlogged (missed in adherence).
    [[nodiscard]] expected<void> record(const session_log& entry);
    /// The same, naming the session by its id (`id()`); `entry.session` is
    /// ignored. Errors: an id that is no session of the course (`/session`).
    [[nodiscard]] expected<void> record(std::string_view session_id, session_log entry);

    /// The id of a session: "alfredson-eccentric.v1.eccentric-loading.d3.s1"
    /// (the protocol in force, its phase, the course day and slot). While
    /// the first protocol runs, the same as a `schedule`'s.
    [[nodiscard]] std::string id(const course_session& s) const;

    /// The session due at `instant`: the last one due that started at or
    /// before it, until the next one due starts or its local day ends.
    [[nodiscard]] std::optional<course_session> due_at(std::chrono::sys_seconds instant) const;
    /// The first session due that starts after `instant`.
    [[nodiscard]] std::optional<course_session> next_after(std::chrono::sys_seconds instant) const;
    /// The sessions due on `d` (their planned date), earliest first.
    [[nodiscard]] std::vector<course_session> on(boost::gregorian::date d) const;
    /// The sessions due on `d`, as `on(d)` gives them, passed to `visit` by
    /// reference. Nothing is copied or allocated when `d` is at or after the
    /// day of the last session logged, through the next day with sessions
    /// (what a worklist asks each morning); otherwise it visits `on(d)`.
    template <class F>
    void for_each_on(boost::gregorian::date d, F&& visit) const {
        if (const auto held = window_day(d)) {
            for (const course_session& s : *held) {
                visit(s);
            }
            return;
        }
        for (const course_session& s : on(d)) {
            visit(s);
        }
    }
    /// Every session due from `first` to `last` (planned dates, inclusive).
    [[nodiscard]] std::vector<course_session> between(boost::gregorian::date first,
                                                      boost::gregorian::date last) const;
    /// Adherence from `first` to `last` (planned dates) for the sessions
    /// started by `as_of`: unlogged ones count as missed. Errors as
    /// `rehab::adherence`'s for the window (`/first`, `/as_of`).
    [[nodiscard]] expected<adherence_report> adherence(boost::gregorian::date first,
                                                       boost::gregorian::date last,
                                                       std::chrono::sys_seconds as_of,
                                                       const adherence_policy& policy = {}) const;

    /// The same functions with `std::chrono` dates. A date that does not
    /// exist (2026-02-30) or lies outside 1900-9000 is an error naming the
    /// argument (`/start`, `/from`, `/to`, `/on`, `/first`, `/last`), never
    /// an exception.
    [[nodiscard]] static expected<course> start(course_patient who, rehab::protocol program,
                                                std::chrono::year_month_day start,
                                                course_calendar calendar = {},
                                                criteria_mode mode = criteria_mode::from_log);
    /// `move` from a `std::chrono` date (`/from`).
    [[nodiscard]] expected<void> move(std::chrono::year_month_day from, course_calendar calendar);
    /// `switch_protocol` from a `std::chrono` date (`/from`).
    [[nodiscard]] expected<void> switch_protocol(std::chrono::year_month_day from,
                                                 rehab::protocol program);
    /// `pause` with `std::chrono` dates (`/from`, `/to`).
    [[nodiscard]] expected<void> pause(std::chrono::year_month_day from,
                                       std::optional<std::chrono::year_month_day> to = {});
    /// `resume` on a `std::chrono` date (`/on`).
    [[nodiscard]] expected<void> resume(std::chrono::year_month_day on);
    /// `on` a `std::chrono` date (`/on`).
    [[nodiscard]] expected<std::vector<course_session>> on(std::chrono::year_month_day d) const;
    /// `between` `std::chrono` dates (`/first`, `/last`).
    [[nodiscard]] expected<std::vector<course_session>>
    between(std::chrono::year_month_day first, std::chrono::year_month_day last) const;
    /// `adherence` between `std::chrono` dates (`/first`, `/last`).
    [[nodiscard]] expected<adherence_report> adherence(std::chrono::year_month_day first,
                                                       std::chrono::year_month_day last,
                                                       std::chrono::sys_seconds as_of,
                                                       const adherence_policy& policy = {}) const;

    /// Every decision of the engine up to the last session logged, with
    /// course keys, in order.
    [[nodiscard]] const std::vector<trace_entry>& trace() const noexcept { return trace_; }

    /// Who the course is for.
    [[nodiscard]] const course_patient& patient() const noexcept { return patient_; }
    /// The course's first date: course day 0.
    [[nodiscard]] boost::gregorian::date start_date() const noexcept { return start_; }
    /// The protocols followed, the first from the start, in date order.
    [[nodiscard]] const std::vector<protocol_segment>& protocols() const noexcept {
        return protocols_;
    }
    /// The calendars in force, the first from the start, in date order.
    [[nodiscard]] const std::vector<calendar_segment>& calendars() const noexcept {
        return calendars_;
    }
    /// The pauses, in date order; only the last may be open.
    [[nodiscard]] const std::vector<course_pause>& pauses() const noexcept { return pauses_; }
    /// The entries recorded, in order (course keys).
    [[nodiscard]] const std::vector<session_log>& log() const noexcept { return log_; }
    /// The ids of the sessions of `log()`, as recorded (`id()`).
    [[nodiscard]] const std::vector<std::string>& log_ids() const noexcept { return log_ids_; }
    /// The stop-and-refer flags in force after the last entry (none before
    /// any): while one is, no dose increases.
    [[nodiscard]] const std::vector<referral>& referrals() const noexcept;
    /// How the engine treats phase criteria.
    [[nodiscard]] criteria_mode mode() const noexcept { return mode_; }

    /// Equal patient, start, protocols, calendars, pauses, log and mode (so
    /// equal engine states: a course is the replay of these).
    friend REHAB_API bool operator==(const course& a, const course& b);

private:
    /// A protocol segment with its engine.
    struct run {
        int offset = 0;               ///< course day of its first date
        std::optional<int> end_day{}; ///< course day it ends before, once switched
        progression_engine first;     ///< at the segment's start (replays start here)
        progression_engine engine;    ///< at the last session logged in it
        std::shared_ptr<const trace_entry> last_change{}; ///< of `engine`
    };
    class walker; ///< steps through sessions (src/course_walker.hpp)

    course() = default;
    /// The index in `calendars_` of the calendar in force on `d`.
    [[nodiscard]] std::size_t calendar_index(boost::gregorian::date d) const noexcept;
    /// The calendar in force on `d`.
    [[nodiscard]] const course_calendar& calendar_on(boost::gregorian::date d) const {
        return calendars_[calendar_index(d)].calendar;
    }
    /// The located zone of the calendar in force on `d`.
    [[nodiscard]] const time_zone& zone_on(boost::gregorian::date d) const {
        return *calendar_zones_[calendar_index(d)];
    }
    /// `move`, `switch_protocol`, or both on one date (as a file holds
    /// them): every calendar from `from` on is checked against every
    /// protocol it meets.
    [[nodiscard]] expected<void> change(boost::gregorian::date from,
                                        std::optional<course_calendar> calendar,
                                        std::optional<rehab::protocol> program);
    /// `record`, checking that the session is `session_id` when one is given.
    [[nodiscard]] expected<void> record_as(const session_log& entry, std::string_view session_id);
    /// `record_as` walking on with `w` (at the last session logged): the
    /// window keeps the sessions of course day `window_day` (the entry's;
    /// a bulk load's last), and is re-made after it when `reproject`.
    [[nodiscard]] expected<void> record_on(walker& w, const session_log& entry,
                                           std::string_view session_id, int window_day,
                                           bool reproject);
    /// The id of session `key` of protocol segment `segment` in phase `phase_index`.
    [[nodiscard]] std::string id_of(std::size_t segment, std::size_t phase_index,
                                    session_key key) const;
    /// Errors unless `from` is after the last session logged.
    [[nodiscard]] expected<void> check_change_date(boost::gregorian::date from,
                                                   std::string_view field) const;
    /// Errors unless `calendar` gives every phase of `program` its times.
    [[nodiscard]] expected<void> check_calendar(const course_calendar& calendar,
                                                const rehab::protocol& program);
    /// Errors if the first session due from `from` on starts less than the
    /// protocol's `min_session_gap` after the last one due before it.
    [[nodiscard]] expected<void> check_change_gap(boost::gregorian::date from) const;
    /// The sessions of `window_` planned for `d`, when the window holds
    /// all of that day's.
    [[nodiscard]] std::optional<std::span<const course_session>>
    window_day(boost::gregorian::date d) const noexcept;
    /// Re-makes `window_` after the last session logged (`ahead_`), walking
    /// on with `w` (at the last session logged) or a new walker.
    void project();
    void project(walker& w);
    /// Calls `keep(session)` for every session due from `first` on (planned
    /// dates), in order, until it returns false or, given `last`, the
    /// sessions of `last` are all seen.
    template <class F>
    void due_from(boost::gregorian::date first, std::optional<boost::gregorian::date> last,
                  F&& keep) const;

    course_patient patient_{};
    boost::gregorian::date start_;
    criteria_mode mode_ = criteria_mode::from_log;
    std::vector<run> runs_; ///< one per protocol segment
    std::vector<protocol_segment> protocols_;
    std::vector<calendar_segment> calendars_;
    std::vector<course_pause> pauses_;
    std::vector<session_log> log_;
    std::vector<std::string> log_ids_; ///< one per entry of `log_`
    std::vector<trace_entry> trace_;
    /// The sessions due on the day of the last session logged (the first
    /// day, before any) and on the next day with a session due after it:
    /// what queries about today read.
    std::vector<course_session> window_;
    std::size_t ahead_ = 0;           ///< index in `window_` of the first after the last logged
    bool window_ends_course_ = false; ///< no session is due after `window_`
    /// Otherwise, when the first session due after `window_` starts.
    std::optional<std::chrono::sys_seconds> window_bound_{};
    /// Every zone a calendar names, located once (shared: zones are immutable).
    std::map<std::string, std::shared_ptr<const time_zone>, std::less<>> zones_;
    std::vector<std::shared_ptr<const time_zone>> calendar_zones_; ///< one per calendar
};

} // namespace rehab
