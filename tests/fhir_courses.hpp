#pragma once
// Test-only courses that the FHIR tests of a course share
// (tests/fhir_course_test.cpp, tests/fhir_course_import_test.cpp). Files that
// include it are compiled with REHAB_SOURCE_DIR (tests/CMakeLists.txt).

#include <chrono>
#include <string>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>

#include <rehab/course.hpp>
#include <rehab/course_file.hpp>
#include <rehab/protocols.hpp>

namespace rehab_test {

using boost::gregorian::date;

inline rehab::session_log entry(rehab::session_key key, int during, int after, int morning) {
    return {.session = key,
            .pain_during = rehab::pain_score::make(during).value(),
            .pain_after = rehab::pain_score::make(after).value(),
            .pain_next_morning = rehab::pain_score::make(morning).value()};
}

/// Alfredson in New York from 2026-12-01 with three weeks logged: pain-free
/// (so the engine adds load from day 8), a VISA-A on the first and last day
/// and a heel-rise count on the last.
inline rehab::course three_weeks() {
    rehab::course c =
        rehab::course::start({.id = "patient_0042", .affected_side = rehab::body_side::right},
                             rehab::protocols::alfredson_eccentric().value(), date(2026, 12, 1),
                             {.time_zone = "America/New_York"})
            .value();
    for (int day = 0; day < 21; ++day) {
        for (int slot = 0; slot < 2; ++slot) {
            rehab::session_log e = entry({day, slot}, 0, day % 3 == 0 ? 1 : 0, 0);
            if (day == 3 && slot == 1) {
                e.pain_after.reset();
                e.pain_next_morning.reset();
            }
            if (day == 4 && slot == 0) { // done 40 minutes after its time
                e.done_at = c.on(date(2026, 12, 5)).front().utc + std::chrono::minutes{40};
            }
            if (slot == 0 && (day == 0 || day == 20)) {
                e.measurements.push_back({rehab::measure::visa_a, day == 0 ? 54.0 : 61.0});
            }
            if (slot == 0 && day == 20) {
                e.measurements.push_back({rehab::measure::single_leg_heel_raises, 12.0});
            }
            EXPECT_TRUE(c.record(e)) << day;
        }
    }
    return c;
}

inline rehab::course example_course() {
    return rehab::load_course_file(std::string(REHAB_SOURCE_DIR) +
                                   "/examples/courses/alfredson-two-weeks.course.json")
        .value();
}

/// Non-operative accelerated functional rehabilitation after a rupture,
/// from the day of the injury (so from its splint phase) in Oslo.
inline rehab::course rupture_course() {
    const date injury(2026, 11, 2);
    return rehab::course::start(
               {.id = "r1", .injury_date = injury},
               rehab::protocols::achilles_rupture_functional(
                   {.treatment = rehab::protocols::rupture_treatment::non_operative})
                   .value(),
               injury, {.time_zone = "Europe/Oslo"})
        .value();
}

} // namespace rehab_test
