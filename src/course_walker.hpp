#pragma once
// Private to src/: how a course steps through its sessions.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <rehab/course.hpp>

namespace rehab::detail {

/// Days from `a` to `b` (dates of the supported range: they fit an int).
[[nodiscard]] int days_between(boost::gregorian::date a, boost::gregorian::date b);

/// The local time `t` on `d`.
[[nodiscard]] std::chrono::local_seconds local_at(boost::gregorian::date d, clock_time t);

/// Where the times of a phase come from (see `session_times`).
enum class times_source : std::uint8_t { by_phase, by_sessions_per_day, all, protocol };

/// The times that apply to phase `ph` under `t`, and where they come from.
[[nodiscard]] std::pair<const std::vector<clock_time>*, times_source>
times_for(const session_times& t, const phase& ph);

/// The JSON Pointer of the list `times_for` took (`ph` is phase `phase_index`).
[[nodiscard]] std::string times_path(times_source source, const phase& ph, std::size_t phase_index);

} // namespace rehab::detail

namespace rehab {

/// Steps through a course's sessions in order, on copies of its engines:
/// what `record`, the window and every query read.
///
/// From the first session, it replays the log: each session comes with its
/// logged status and, once `prescribe` is called, with what was prescribed
/// for it then; the entry is recorded when the walk moves on. After the last
/// session logged, it starts from the engine as the log left it.
class course::walker {
public:
    enum class origin : std::uint8_t { first_session, last_logged };

    struct step {
        course_session session;                 ///< its prescription is null until `prescribe`
        std::chrono::local_seconds requested{}; ///< the requested local time
        bool due = false;                       ///< held, and not on a rest day
    };

    walker(const course& c, origin from);

    /// The next session served, due or not; nothing after the course's
    /// last session or from the first day of an open pause.
    [[nodiscard]] std::optional<step> next();

    /// Fills in what the engine prescribes for `s`, the session `next()`
    /// returned last.
    void prescribe(step& s);

    /// Records `entry` (a course key) for the session `next()` returned
    /// last, as the engine checks it.
    [[nodiscard]] expected<void> record(const session_log& entry);

    [[nodiscard]] std::size_t run_index() const noexcept { return run_; }
    [[nodiscard]] progression_engine& engine() noexcept { return engine_; }
    [[nodiscard]] const std::shared_ptr<const trace_entry>& last_change() const noexcept {
        return last_change_;
    }
    /// The decisions taken on the walk so far (course keys), moved out.
    [[nodiscard]] std::vector<trace_entry> take_trace() noexcept {
        return std::exchange(trace_, {});
    }

private:
    /// Moves the engine's new decisions into `trace_` with course keys.
    void collect();
    void enter_run(std::size_t index);
    /// Replay: marks `s` planned when it is after the last session logged,
    /// and logged when it is the log entry to meet next (recorded when the
    /// walk moves on).
    void meet_log(course_session& s);
    [[nodiscard]] step make_step(session_key key, int day, boost::gregorian::date planned) const;
    /// The schedule's policy for a time the zone skips (see
    /// `session_placement`): moved by the gap, or not held when that crowds
    /// the first session after the skipped times.
    [[nodiscard]] session_placement placement_in_gap(const time_zone& zone,
                                                     std::chrono::local_seconds local,
                                                     std::chrono::sys_seconds moved,
                                                     std::chrono::minutes min_gap) const;

    const course* c_;
    origin origin_;
    std::size_t run_ = 0;
    progression_engine engine_;
    std::shared_ptr<const trace_entry> last_change_{};
    std::vector<trace_entry> trace_{};
    std::size_t next_entry_ = 0;           ///< replay: the log entry to meet next
    const session_log* pending_ = nullptr; ///< replay: to record before moving on
    bool resolve_gaps_ = true;
};

} // namespace rehab
