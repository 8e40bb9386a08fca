#pragma once
/// @file engine.hpp
/// The progression engine: a pure, deterministic function of (protocol,
/// start date, patient, session log) to the prescription of any session,
/// with a trace of every change and its reason. No clock reads, no globals.
///
/// @code
/// auto result = rehab::prescribe(protocol, start, {.affected_side = rehab::body_side::left},
///                                log, rehab::session_key{.day = 14, .slot = 0});
/// for (const auto& item : result->prescription.items) fmt::print("{}\n", item);
/// for (const auto& step : result->trace) fmt::print("{}\n", step);
/// @endcode

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <fmt/format.h>

#include <rehab/api.hpp>
#include <rehab/detail/enum_formatter.hpp>
#include <rehab/detail/enum_names.hpp>
#include <rehab/error.hpp>
#include <rehab/protocol.hpp>
#include <rehab/session_log.hpp>

namespace rehab {

/// A side of the body: the affected side of a patient, the side an item of a
/// prescription works.
enum class body_side : std::uint8_t {
    left,  ///< the left side
    right, ///< the right side
};

namespace detail {
/// The names of `body_side`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<body_side, 2> body_side_names{{
    {body_side::left, "left", "left"},
    {body_side::right, "right", "right"},
}};
} // namespace detail

/// What the engine needs to know of the patient.
struct patient {
    /// The injured side: the side that does the work when a dose is for the
    /// affected side only.
    body_side affected_side = body_side::left;
    /// Needed to turn a share of body weight into kilograms; optional.
    std::optional<kilograms> body_weight{};
    /// The day of the injury and of the surgery, for protocols that count
    /// from them (`protocol::counted_from`). Absent: the start date is
    /// day 0 of the count.
    std::optional<boost::gregorian::date> injury_date{};
    /// The day of the surgery, for protocols counted from it; absent when
    /// there was none or it is not known.
    std::optional<boost::gregorian::date> surgery_date{};
    /// Equal when every field is.
    friend bool operator==(const patient&, const patient&) = default;
};

/// One exercise of a session, at today's dose.
struct prescribed_item {
    std::string exercise{}; ///< the exercise's id in the catalog
    rehab::dose dose;       ///< the dose for this session
    /// The side that does the work when the dose is for the affected side
    /// only; absent for "each side" and "both together".
    std::optional<body_side> side{};
    /// The added load in kilograms, where known (a share of body weight
    /// needs the patient's body weight).
    std::optional<kilograms> load_kg{};
    /// Equal when every field is.
    friend bool operator==(const prescribed_item&, const prescribed_item&) = default;
};

/// A stop-and-refer flag: progression is halted until a clinician clears it.
struct referral {
    std::string reason{};    ///< why the flag was raised, in words
    session_key raised_at{}; ///< the logged session that raised it
    /// Equal when every field is.
    friend bool operator==(const referral&, const referral&) = default;
};

/// Which limit of a pain-monitoring rule is broken.
enum class pain_limit : std::uint8_t {
    during,         ///< pain during above `during_max`
    after,          ///< pain after above `after_max`
    next_morning,   ///< next-morning pain above `morning_max`: not settled
    weekly_morning, ///< 7-day mean of next-morning pain above `weekly_morning_max`
};

namespace detail {
/// The names of `pain_limit`: the text of `to_string` (no file has a token for it).
inline constexpr enum_names<pain_limit, 4> pain_limit_names{{
    {pain_limit::during, "pain during"},
    {pain_limit::after, "pain after"},
    {pain_limit::next_morning, "next-morning pain"},
    {pain_limit::weekly_morning, "weekly next-morning pain"},
}};
} // namespace detail

/// A pain-rule breach in force: it started at `since` and lasts until an
/// entry is back within the limit (see `pain_monitoring`).
struct pain_breach {
    std::string rule{};                    ///< the pain-monitoring rule's id
    pain_limit limit = pain_limit::during; ///< which limit is broken
    session_key since{};                   ///< the logged session that started it
    std::string reason{};                  ///< "pain during 7/10 is above 5/10"
    /// Equal when every field is.
    friend bool operator==(const pain_breach&, const pain_breach&) = default;
};

/// Everything prescribed for one session.
struct session_prescription {
    session_key session{};       ///< the session: its program day and slot
    std::size_t phase_index = 0; ///< 0-based index of its phase in `protocol::phases`
    std::string phase_id{};      ///< the id of its phase
    int program_week = 1;        ///< 1-based week of the program
    int phase_week = 1;          ///< 1-based week of the phase
    /// The exercises of the session at their doses, in the phase's order.
    std::vector<prescribed_item> items{};
    /// Active stop-and-refer flags; while any is active, no dose increases
    /// and no phase advances.
    std::vector<referral> referrals{};
    /// Pain-rule breaches in force; while any is, no dose increases and no
    /// phase advances.
    std::vector<pain_breach> breaches{};
    /// The step each rule of the phase stands at (one per rule, in order): a
    /// ladder's step, a week table's row, a load rule's increments; 0 for
    /// pain-monitoring and floor rules.
    std::vector<int> rule_levels{};
    /// Equal when every field is.
    friend bool operator==(const session_prescription&, const session_prescription&) = default;
};

/// What a trace entry reports.
enum class trace_action : std::uint8_t {
    progressed,     ///< a rule stepped a dose up
    held,           ///< a pain-rule breach started: no increase while it lasts
    regressed,      ///< an entry broke a pain limit and stepped doses back
    released,       ///< a pain-rule breach ended: the entry is back within the limit
    floor_level,    ///< insertional pain moved exercises to floor level (or back)
    phase_advanced, ///< the program moved to the next phase
    phase_review,   ///< a phase reached its maximum with criteria unmet
    stop_and_refer, ///< a stop-and-refer flag was raised
    cleared,        ///< a clinician cleared the flags
    completed,      ///< the program is complete
};

namespace detail {
/// The names of `trace_action`: the text of `to_string` (no file has a token for it).
inline constexpr enum_names<trace_action, 10> trace_action_names{{
    {trace_action::progressed, "progressed"},
    {trace_action::held, "held"},
    {trace_action::regressed, "regressed"},
    {trace_action::released, "released"},
    {trace_action::floor_level, "floor level"},
    {trace_action::phase_advanced, "phase advanced"},
    {trace_action::phase_review, "phase review"},
    {trace_action::stop_and_refer, "stop and refer"},
    {trace_action::cleared, "cleared"},
    {trace_action::completed, "completed"},
}};
} // namespace detail

/// One decision of the engine: which rule, on which log entries, what changed.
struct trace_entry {
    /// The logged session that caused it, or the session it applies before.
    session_key at{};
    std::string rule{};                             ///< a rule id, "phase", or "stop"
    trace_action action = trace_action::progressed; ///< what the decision was
    std::vector<session_key> evidence{};            ///< the logged sessions the decision rests on
    std::string detail{};                           ///< what changed and why, in words
    /// Equal when every field is.
    friend bool operator==(const trace_entry&, const trace_entry&) = default;
};

/// A prescription and the decisions that led to it.
struct progression_result {
    session_prescription prescription{}; ///< the prescription of the session asked for
    std::vector<trace_entry> trace{};    ///< every decision up to it, in order
};

/// How the engine treats phase criteria.
enum class criteria_mode : std::uint8_t {
    from_log,   ///< criteria are checked against the log
    assume_met, ///< every phase ends at its minimum (a nominal plan)
};

namespace detail {
/// The names of `criteria_mode`: the token of the JSON files (it has no `to_string`).
inline constexpr enum_names<criteria_mode, 2> criteria_mode_names{{
    {criteria_mode::from_log, {}, "from_log"},
    {criteria_mode::assume_met, {}, "assume_met"},
}};
} // namespace detail

/// Steps through a program session by session. `prescribe` and `simulate`
/// are built on it; use it directly to feed a log as it grows.
/// The protocol must outlive the engine.
class REHAB_API progression_engine {
public:
    /// Checks the start date; the protocol should have passed `validate`.
    [[nodiscard]] static expected<progression_engine>
    start(const protocol& p, boost::gregorian::date start_date, const patient& who,
          criteria_mode mode = criteria_mode::from_log);

    /// The next planned session and its prescription, or nothing when the
    /// program is complete. Calling it again without `record` leaves the
    /// previous session unlogged.
    [[nodiscard]] std::optional<session_prescription> next();

    /// Moves to the next planned session without building its prescription
    /// (the fast path for replaying a log); nothing when the program is
    /// complete. `current()` builds the prescription when it is wanted.
    [[nodiscard]] std::optional<session_key> advance();

    /// The prescription of the session `next()` or `advance()` moved to last.
    /// Precondition: one of them returned a session.
    [[nodiscard]] session_prescription current();

    /// Applies the log of the session `next()` or `advance()` returned last,
    /// in three stages: stop-and-refer rules (on any entry, missed ones too),
    /// pain monitoring (breaches start and end), then the condition rules
    /// (ladders, load steps), which step up only while `increase_allowed()`.
    /// Refused, with nothing changed: an entry for any other session, or one
    /// that `check_log_entry` refuses (paths inside the entry: `/items/0/exercise`).
    [[nodiscard]] expected<void> record(const session_log& log);

    /// Declares the program days [from_day, from_day + days) a pause
    /// (illness, a holiday): no session is served on them, and the program's
    /// clock stops. Phase time, week tables, rule intervals and the windows of
    /// criteria and pain rules resume where they stood, so a 12-week phase
    /// still gives 12 weeks of sessions and a week table does not jump ahead.
    /// Session keys stay calendar days (weekday patterns are unchanged).
    /// Phases of a protocol counted from an injury or surgery keep to the
    /// calendar: their time runs on through a pause (the boot comes off when
    /// the weeks since surgery say so), while rule intervals still stop.
    /// Refused (`/pause`): `days` below 1, a start on or before the day of the
    /// last session served, or one overlapping a pause already declared.
    [[nodiscard]] expected<void> pause(int from_day, int days);

    /// Whether a dose may increase or a phase advance now: no stop-and-refer
    /// flag is active and no pain rule is in breach. The one check every
    /// increase goes through.
    [[nodiscard]] bool increase_allowed() const noexcept {
        return referrals_.empty() && breaches_.empty();
    }

    /// Every decision so far (since the last `take_trace`), in order.
    [[nodiscard]] const std::vector<trace_entry>& trace() const noexcept { return trace_; }
    /// Moves the decisions out, leaving `trace()` empty; the engine decides
    /// as before. For a caller that keeps the trace itself (a `course`), so
    /// that copies of the engine stay small however long the log.
    [[nodiscard]] std::vector<trace_entry> take_trace() noexcept {
        return std::exchange(trace_, {});
    }
    /// Whether the program is complete: `next()` and `advance()` return nothing.
    [[nodiscard]] bool complete() const noexcept { return complete_; }
    /// The stop-and-refer flags in force.
    [[nodiscard]] const std::vector<referral>& referrals() const noexcept { return referrals_; }
    /// The index of the phase of the session served last (or of the first).
    [[nodiscard]] std::size_t phase_index() const noexcept { return phase_index_; }
    /// The protocol the engine runs (the name `schedule::program()` has too).
    [[nodiscard]] const protocol& program() const noexcept { return protocol_.get(); }

private:
    struct rule_state {
        int level = 0;
        int last_change_day = -1'000'000;
        int streak = 0;
    };

    progression_engine(const protocol& p, boost::gregorian::date start_date, const patient& who,
                       criteria_mode mode);

    [[nodiscard]] const phase& current_phase() const noexcept {
        return program().phases[phase_index_];
    }
    [[nodiscard]] bool in_last_phase() const noexcept {
        return phase_index_ + 1 == program().phases.size();
    }
    void enter_phase(std::size_t index, int day);
    void add_trace(session_key at, std::string rule_name, trace_action action,
                   std::vector<session_key> evidence, std::string detail);

    // Before a session (engine.cpp): phase gates and calendar rules.
    bool advance_day(int day);
    /// Whether every criterion holds on `day`; with `unmet`, also lists the
    /// ones that do not.
    [[nodiscard]] bool criteria_met(const std::vector<criterion>& list, int day,
                                    std::string* unmet) const;
    /// Whether the current phase may end after `day`: its exit criteria and
    /// the next phase's entry criteria hold. With `unmet`, appends every
    /// criterion that does not (a caller that wants only the list ignores the
    /// answer); without, stops at the first.
    bool gates_met(int day, std::string* unmet) const;
    /// Flags the current phase, whose gates are not passed on `day`, for review
    /// once: when it waits for a clinician's confirmation or is past its maximum.
    void flag_for_review(int day);
    void calendar_rules(int day, session_key at);
    /// `day`, or the first day after the pauses that start on it, with the
    /// program's clock moved on past them.
    int skip_pauses(int day);

    /// Why `log` cannot be recorded now: not the session served last, or an
    /// entry `check_log_entry` refuses.
    [[nodiscard]] expected<void> check_recordable(const session_log& log) const;
    /// What the entry tells of the patient, whatever its status: measurements,
    /// insertional pain, a clinician's confirmation, the day last logged.
    void note_entry(const session_log& log);

    // The stages of record(), in order (engine_stages.cpp).
    void apply_stop_rules(const session_log& log);
    /// Starts and ends the breaches of the phase's pain-monitoring rules.
    void apply_pain_monitoring(const session_log& log);
    /// A clinician who has reviewed the patient ends the breaches in force.
    void clear_breaches(session_key at);
    /// One pain-monitoring rule against the entry: the breaches it starts and
    /// ends, and the hold or regression that follows.
    void judge_pain_rule(const pain_monitoring& monitor, const session_log& log);
    void apply_floor_rules(const session_log& log);
    void regress(const pain_monitoring& monitor, session_key at, const std::string& why);
    void apply_condition_rules(const session_log& log, bool completed);

    // The current phase's doses (engine_doses.cpp).
    void refresh_doses();
    [[nodiscard]] dose dose_for(std::size_t item) const;
    [[nodiscard]] std::string describe_changes(const std::vector<dose>& before) const;

    /// A reference, never null; the protocol outlives the engine.
    std::reference_wrapper<const protocol> protocol_;
    boost::gregorian::date start_date_;
    patient patient_;
    criteria_mode mode_;
    std::chrono::weekday start_weekday_;

    int day_zero_offset_ = 0; ///< days from the day the protocol counts from to the start
    std::size_t phase_index_ = 0;
    int phase_start_ = 0;
    bool complete_ = false;
    bool review_flagged_ = false;
    int day_ = -1; ///< day of the session last served
    int slot_ = -1;
    bool served_ = false;
    bool recorded_ = false;

    std::vector<rule_state> rule_states_;
    std::vector<dose> doses_;
    bool dirty_ = true;
    bool floor_level_ = false;
    bool confirmed_in_phase_ = false; ///< a clinician confirmed the next step in this phase

    // What the log has shown so far.
    std::vector<pain_breach> breaches_;
    int last_breach_day_ = -1'000'000;
    int last_logged_day_ = -1'000'000;
    int last_insertional_day_ = -1'000'000;
    int completed_in_phase_ = 0;
    std::vector<std::pair<int, int>> mornings_; ///< (day, pain) of the last 7 days' mornings
    std::array<std::optional<double>, 6> latest_measure_{};
    std::vector<session_key> recent_logged_;
    std::vector<referral> referrals_;
    std::vector<trace_entry> trace_;
    std::vector<std::pair<int, int>> pauses_; ///< (first day, days), in order
};

/// Days from the day `p` counts from (`protocol::counted_from`: the
/// patient's injury or surgery) to `start`; 0 for a protocol counted from its
/// start or a patient with neither date. Errors: only the other date given
/// (a protocol counted from the surgery and an injury date alone), a date
/// after the start or
/// more than 100 years before it, a surgery before the injury
/// (`/patient/surgery_date`, `/patient/injury_date`), a start before the
/// protocol's `earliest_start` (`/start`, with the date it applies from and
/// what applies until then).
[[nodiscard]] REHAB_API expected<int> days_since_day_zero(const protocol& p, const patient& who,
                                                          boost::gregorian::date start);

/// Checks one log entry against the phase its session belongs to, the same
/// way wherever a log is read (the engine, `prescribe`, `adherence`):
/// an item naming an exercise the session does not prescribe
/// (`/items/1/exercise`, with close matches), an exercise given twice, items
/// on a missed entry, a `done` entry whose items leave out a prescribed
/// exercise (list every one or none), negative seconds. Work beyond the
/// prescription is allowed: it is kept and reported, never capped here.
[[nodiscard]] REHAB_API expected<void> check_log_entry(const session_log& entry, const phase& ph);

/// The prescription of session `which` given the log so far (entries at or
/// after `which` do not change it), with the trace that led to it. Every
/// entry is checked, later ones too. Errors: a duplicate log entry
/// (`/log/3`), an entry for a session the program does not have (before or
/// after `which`, or past its end), an entry `check_log_entry` refuses
/// (`/log/3/items/0/exercise`), `which` not a planned session, or the
/// program already over.
/// @par Complexity O(sessions up to `which` or the last entry + log size).
[[nodiscard]] REHAB_API expected<progression_result>
prescribe(const protocol& p, boost::gregorian::date start_date, const patient& who,
          std::span<const session_log> log, session_key which);

/// A whole program run against a hypothetical patient: `report` is asked for
/// the log of each session (return nothing for an unlogged session).
struct simulation {
    std::vector<session_prescription> sessions{}; ///< every session served, in order
    std::vector<trace_entry> trace{};             ///< every decision, in order
    bool complete = false;                        ///< false if `max_days` was reached first
};

/// Runs the program from its start until it completes or `max_days` pass.
[[nodiscard]] REHAB_API expected<simulation>
simulate(const protocol& p, boost::gregorian::date start_date, const patient& who,
         const std::function<std::optional<session_log>(const session_prescription&)>& report,
         int max_days = 3 * 365, criteria_mode mode = criteria_mode::from_log);

/// The side's name: "left", "right" (also what `fmt::format("{}", s)` prints).
[[nodiscard]] REHAB_API std::string_view to_string(body_side s) noexcept;
/// The action in words: "progressed", "phase advanced", "stop and refer", ...
/// (also what `fmt::format("{}", a)` prints).
[[nodiscard]] REHAB_API std::string_view to_string(trace_action a) noexcept;
/// The limit in words: "pain during", "pain after", "next-morning pain",
/// "weekly next-morning pain" (also what `fmt::format("{}", l)` prints).
[[nodiscard]] REHAB_API std::string_view to_string(pain_limit l) noexcept;

} // namespace rehab

/// Prints "eccentric-heel-drop-straight-knee: 3 x 15 reps, affected side only (left)".
template <>
struct REHAB_API fmt::formatter<rehab::prescribed_item> : fmt::formatter<std::string_view> {
    auto format(const rehab::prescribed_item& i, fmt::format_context& ctx) const
        -> decltype(ctx.out());
};

/// Prints "day 15, session 1: load-step progressed [day 8, session 1]: ...".
template <>
struct REHAB_API fmt::formatter<rehab::trace_entry> : fmt::formatter<std::string_view> {
    auto format(const rehab::trace_entry& t, fmt::format_context& ctx) const -> decltype(ctx.out());
};
