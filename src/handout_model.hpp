#pragma once
// Private to src/: what a handout shows, gathered from a schedule or a
// course into one shape, so that one renderer (src/handout.cpp and the files
// it calls) draws both. A schedule's sessions carry its nominal doses, each
// week's computed once; a course's carry the engine's prescriptions and the
// log.

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <rehab/adherence.hpp>
#include <rehab/catalog.hpp>
#include <rehab/course.hpp>
#include <rehab/engine.hpp>
#include <rehab/handout.hpp>
#include <rehab/protocol.hpp>
#include <rehab/schedule.hpp>

namespace rehab::detail {

/// One session as the handout shows it.
struct handout_session {
    boost::gregorian::date planned_date; ///< the date of its program (course) day
    boost::gregorian::date date;         ///< the local date it starts on
    clock_time local_time{};             ///< the wall clock when it starts
    bool held = true;                    ///< false: the zone skipped its time (`not_held`)
    bool moved = false;      ///< the zone skipped its time and it starts later (`moved_by_gap`)
    int slot = 0;            ///< 0-based session of the day
    int week = 1;            ///< 1-based week since the handout's start
    std::size_t program = 0; ///< index in `handout_input::programs`
    const session_prescription* prescription = nullptr; ///< never null
    const session_log* entry = nullptr;                 ///< the log entry, for a session logged
    bool past = false; ///< started by `as_of` (a course's; never for a schedule)
};

/// A protocol of the handout and the dates it applies.
struct handout_program {
    const protocol* program = nullptr;
    boost::gregorian::date from; ///< its first date
    /// The date its phases count from (the start, the injury or the surgery).
    boost::gregorian::date day_zero;
};

/// Everything the page shows.
struct handout_input {
    bool is_course = false;
    std::string patient_id{}; ///< a course's patient
    patient who{};
    boost::gregorian::date start;
    std::chrono::sys_seconds as_of{};
    std::vector<handout_program> programs{};
    /// "07:00 and 19:00, Europe/Copenhagen time" (one per calendar; a
    /// course's with "from DATE" after the first).
    std::vector<std::string> calendar_lines{};
    std::vector<handout_session> sessions{};
    std::vector<referral> referrals{};  ///< a course's flags in force
    std::vector<course_pause> pauses{}; ///< a course's pauses
    /// Owners of what the sessions point to.
    std::vector<std::shared_ptr<const session_prescription>> prescriptions{};
    std::vector<course_session> course_sessions{};
};

/// The input of a schedule's handout, or the first problem of its protocol
/// (`validate` against `exercises`, paths under `/protocol`).
[[nodiscard]] expected<handout_input> handout_of(const schedule& plan, const catalog& exercises,
                                                 const handout_options& options);

/// The input of a course's handout (paths under `/protocols/i/protocol`).
[[nodiscard]] expected<handout_input> handout_of(const course& c, const catalog& exercises,
                                                 const handout_options& options);

/// "Mon 7 Dec".
[[nodiscard]] std::string day_label(boost::gregorian::date d);
/// "Mon 7 Dec 2026".
[[nodiscard]] std::string long_date(boost::gregorian::date d);

/// The page (src/handout.cpp).
[[nodiscard]] std::string render_handout(const handout_input& in, const catalog& exercises);

/// Repetitions per week, for the chart: prescribed and done on the affected
/// side, and the mean pain during the sessions logged with one.
struct handout_week_totals {
    int week = 1;
    adherence_report reps{};
    double pain_sum = 0.0;
    int pain_count = 0;
};
[[nodiscard]] std::vector<handout_week_totals> week_totals(const handout_input& in);

/// The SVG chart of `totals` (src/handout_chart.cpp).
void append_chart(std::string& out, const handout_input& in,
                  const std::vector<handout_week_totals>& totals);

/// The "what changes when" section of one protocol (src/handout_phases.cpp).
/// `next` is the date the next protocol of a course takes over, if any.
void append_phases(std::string& out, const handout_input& in, const handout_program& program,
                   const catalog& exercises, std::optional<boost::gregorian::date> next);

/// A stick figure of the kind of exercise, as inline SVG
/// (src/handout_pictograms.cpp).
void append_pictogram(std::string& out, exercise_kind kind);

/// The warning signs of the protocols' stop rules, in a patient's words.
[[nodiscard]] std::vector<std::string> red_flags(const handout_input& in);

} // namespace rehab::detail
