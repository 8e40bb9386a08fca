// One patient's course from the first day to a progressed dose and a
// report: Alfredson's protocol in Copenhagen, eight days pain-free (the
// first load comes), then pain on the ninth (Alfredson accepts it: the load holds).
#include <rehab/rehab.hpp>

#include <chrono>

#include <fmt/format.h>

int main() {
    using namespace std::chrono_literals;
    using std::chrono::year;
    const rehab::protocol& alfredson =
        rehab::find_builtin_protocol("alfredson-eccentric").value().get();
    auto course =
        rehab::course::start({.id = "patient-0042", .body_weight = rehab::kilograms{72.0}},
                             alfredson, year{2026} / 12 / 1, {.time_zone = "Europe/Copenhagen"});
    if (!course) {
        fmt::print(stderr, "{}\n", course.error());
        return 1;
    }
    // The patient's app logs each session as it is done.
    std::chrono::sys_seconds now = rehab::parse_instant("2026-12-01T06:00:00Z").value();
    for (int i = 0; i < 17; ++i) {
        const rehab::course_session next = course->next_after(now).value();
        const int pain = i < 16 ? 0 : 6; // the 17th session hurts
        const auto logged = course->record({.session = next.key,
                                            .pain_during = rehab::pain_score::make(pain).value(),
                                            .pain_after = rehab::pain_score{0}});
        if (!logged) {
            fmt::print(stderr, "{}\n", logged.error());
            return 1;
        }
        now = next.utc + 1h;
    }
    // What is due now, at the dose the engine prescribes after that log.
    const auto today = course->next_after(now).value();
    fmt::print("Next: {} at {} on {}\n", course->id(today), today.local_time,
               rehab::to_iso_date(today.date));
    for (const auto& item : today.prescription->items) {
        fmt::print("  {}: {}, {} kg added\n", item.exercise, item.dose,
                   item.load_kg ? item.load_kg->value() : 0.0);
    }
    if (today.last_change) {
        fmt::print("Because: {}\n", *today.last_change);
    }
    // The first nine days, for the clinician.
    const auto report = course->adherence(year{2026} / 12 / 1, year{2026} / 12 / 9, now).value();
    fmt::print("Done {} of {} sessions due; affected side {} of {} repetitions\n", report.done,
               report.due, report.affected.done, report.affected.prescribed);
}
