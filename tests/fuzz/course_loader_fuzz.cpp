// libFuzzer target for the course file loader (`load_course`) and what a
// loaded course answers: its sessions, the session due at an instant,
// adherence and the exports. Built in every build as a library: with
// REHAB_FUZZ (clang, the `fuzz` preset) it is linked into a libFuzzer
// executable; otherwise replay_main.cpp runs the seed corpus through it as a
// regression test.
#include <rehab/course_file.hpp>

#include <rehab/course_exports.hpp>
#include <rehab/dates.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace {

using boost::gregorian::date;
using boost::gregorian::days;
using std::chrono::seconds;
using std::chrono::sys_seconds;

/// Inputs larger than this are skipped: a course file of a year of twice-daily
/// sessions is about 100 KB of indented JSON, but the bugs are in the shape
/// of the text, not its length, and large inputs only slow the fuzzer down.
constexpr std::size_t max_input = std::size_t{64} * 1024;

/// The queries read this many days from the course's start: long enough to
/// reach past a move, a switch and a pause, short enough that a course with
/// sessions every day for years (or one starting in 9000) costs a bounded
/// amount per input.
constexpr int window_days = 400;

void require(bool ok) {
    if (!ok) {
        std::abort();
    }
}

/// Every error of a failed load is printable and located.
void check_errors(const rehab::error_list& errors) {
    require(!errors.empty());
    for (const auto& e : errors) {
        require(!fmt::format("{}", e).empty() && e.line && e.column);
    }
}

sys_seconds midnight_utc(date d) { return sys_seconds{rehab::to_sys_days(d).time_since_epoch()}; }

/// The sessions of the window: in key order, inside it, with what the engine
/// prescribes, and with their logged status where the log has them.
void check_sessions(const rehab::course& c, const std::vector<rehab::course_session>& due,
                    date last) {
    const auto& log = c.log();
    std::size_t entry = 0;
    for (std::size_t i = 0; i < due.size(); ++i) {
        const rehab::course_session& s = due[i];
        require(i == 0 || due[i - 1].key < s.key);
        require(s.planned_date >= c.start_date() && s.planned_date <= last);
        require(s.prescription != nullptr && s.prescription->session == s.key);
        require(s.segment < c.protocols().size());
        require(!c.id(s).empty());
        // A session logged was due: it is in the window, unless past its end.
        require(entry == log.size() || !(log[entry].session < s.key));
        const bool logged = entry < log.size() && log[entry].session == s.key;
        require(logged ? s.logged == log[entry].status : !s.logged);
        require(s.planned == (log.empty() || log.back().session < s.key));
        entry += logged ? 1 : 0;
    }
    // Entries left over are past the window.
    for (; entry < log.size(); ++entry) {
        require(c.start_date() + days(log[entry].session.day) > last);
    }
}

/// `due_at` and `next_after` around a session of the window: the session
/// has started at its instant and is due then; the first due after the
/// instant before it is the session itself.
void check_instants(const rehab::course& c, const rehab::course_session& s) {
    if (const auto now = c.due_at(s.utc)) {
        require(now->key == s.key && *now == s);
    } else {
        require(false);
    }
    if (const auto next = c.next_after(s.utc - seconds{1})) {
        require(next->key == s.key && *next == s);
    } else {
        require(false);
    }
    if (const auto next = c.next_after(s.utc)) {
        require(next->utc > s.utc && s.key < next->key);
    }
}

void check_exports(const rehab::course& c, date last, sys_seconds as_of,
                   const std::vector<rehab::course_session>& due) {
    const rehab::course_export_options options{
        .as_of = as_of, .through = last, .remind_before = std::chrono::minutes{15}};
    // iCalendar: one event per session (or an error for a name it cannot
    // carry).
    if (const auto calendar = rehab::to_icalendar(c, options)) {
        require(calendar->starts_with("BEGIN:VCALENDAR\r\n"));
        std::size_t events = 0;
        for (std::size_t at = calendar->find("\r\nBEGIN:VEVENT\r\n"); at != std::string::npos;
             at = calendar->find("\r\nBEGIN:VEVENT\r\n", at + 1)) {
            ++events;
        }
        require(events == due.size());
    } else {
        require(!calendar.error().path.empty());
    }
    const std::string sessions = rehab::to_sessions_json(c, options);
    const auto parsed = nlohmann::json::parse(sessions, nullptr, false);
    require(!parsed.is_discarded() && parsed.contains("sessions"));
    require(parsed["sessions"].size() == due.size());
    require(!rehab::today_json(c, as_of).empty());
    (void)rehab::report_json(c, c.start_date(), last, as_of);
}

void check_course(const rehab::course& c) {
    // Whatever loads saves, loads back equal (the same engine state, so the
    // same decisions), and saves the same.
    const std::string saved = rehab::to_json(c);
    const auto again = rehab::load_course(saved);
    require(again.has_value());
    require(*again == c && again->trace() == c.trace());
    require(rehab::to_json(*again) == saved);

    const date first = c.start_date();
    const date last = first + days(window_days);
    const auto due = c.between(first, last);
    check_sessions(c, due, last);
    require(again->between(first, last) == due);

    // A few instants: the first and last sessions of the window, the one
    // logged last and the first after it, and the window's ends.
    std::vector<std::size_t> picks;
    if (!due.empty()) {
        picks = {0, due.size() / 2, due.size() - 1};
        for (std::size_t i = 0; i < due.size(); ++i) {
            if (!due[i].planned && (i + 1 == due.size() || due[i + 1].planned)) {
                picks.push_back(i);
                if (i + 1 < due.size()) {
                    picks.push_back(i + 1);
                }
            }
        }
    }
    for (const std::size_t i : picks) {
        check_instants(c, due[i]);
    }
    for (const sys_seconds t : {midnight_utc(first) - seconds{1}, midnight_utc(first),
                                midnight_utc(last), midnight_utc(last + days(1))}) {
        if (const auto now = c.due_at(t)) {
            require(now->utc <= t);
        }
        if (const auto next = c.next_after(t)) {
            require(next->utc > t);
        }
    }

    // Adherence over the window as of its end: every session of the window
    // that had started counts once.
    const sys_seconds as_of = midnight_utc(last + days(1));
    if (const auto report = c.adherence(first, last, as_of)) {
        int started = 0;
        for (const auto& s : due) {
            started += s.utc <= as_of ? 1 : 0;
        }
        require(report->due == started);
        require(report->done + report->partial + report->missed == report->due);
    }

    check_exports(c, last, as_of, due);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > max_input) {
        return 0;
    }
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): bytes as text
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto loaded = rehab::load_course(text, rehab::catalog::builtin());
    if (loaded) {
        check_course(*loaded);
    } else {
        check_errors(loaded.error());
    }
    return 0;
}
