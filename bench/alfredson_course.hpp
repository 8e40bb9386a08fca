#pragma once
// The 12-week Alfredson course (168 sessions) that the export benchmarks
// time: started in Copenhagen on 2026-12-07, its first N sessions logged done
// with pain scores.
#include <rehab/rehab.hpp>

#include <chrono>
#include <stdexcept>
#include <string>

#include <boost/date_time/gregorian/gregorian.hpp>

namespace rehab_bench {

inline const boost::gregorian::date alfredson_start(2026, 12, 7);

/// The Alfredson course with its first `entries` sessions logged done, with
/// pain scores; `benchmark` names the caller in the error of a course that
/// cannot be built.
inline rehab::course alfredson_course(int entries, const std::string& benchmark) {
    auto c = rehab::course::start({.id = "patient-0042"},
                                  rehab::protocols::alfredson_eccentric().value(), alfredson_start,
                                  {.time_zone = "Europe/Copenhagen"});
    if (!c) {
        throw std::runtime_error(benchmark + ": cannot start the course");
    }
    std::chrono::sys_seconds after{};
    for (int i = 0; i < entries; ++i) {
        const auto s = c->next_after(after);
        if (!s || !c->record({.session = s->key,
                              .pain_during = rehab::pain_score{2},
                              .pain_after = rehab::pain_score{2},
                              .pain_next_morning = rehab::pain_score{1}})) {
            throw std::runtime_error(benchmark + ": an entry was refused");
        }
        after = s->utc;
    }
    return std::move(*c);
}

} // namespace rehab_bench
