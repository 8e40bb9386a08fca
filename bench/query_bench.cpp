// day_query/rehab: "sessions due on date D" for random D, for a 12-week and a
// 52-week plan (the same protocol with a 52-week phase): O(1) means the two
// take the same time. ics/render: the 168-session calendar as a string.
#include <rehab/rehab.hpp>

#include <array>
#include <memory>
#include <random>
#include <stdexcept>
#include <vector>

#include <benchmark/benchmark.h>
#include <boost/date_time/gregorian/gregorian.hpp>

namespace query_bench {
namespace {

const boost::gregorian::date start(2026, 12, 1);

rehab::protocol with_weeks(int weeks) {
    rehab::protocol p = rehab::find_builtin_protocol("alfredson-eccentric").value().get();
    p.phases[0].min_duration = std::chrono::days{7 * weeks};
    p.phases[0].max_duration = p.phases[0].min_duration;
    return p;
}

void day_query(benchmark::State& state) {
    const int weeks = static_cast<int>(state.range(0));
    const auto plan =
        rehab::schedule::make(with_weeks(weeks), start, {.time_zone = "Europe/Copenhagen"}).value();
    // Checked once: every day has its two sessions, as indexing gives them.
    for (int d = 0; d < 7 * weeks; ++d) {
        const auto due = plan.on(start + boost::gregorian::days(d));
        if (due.size() != 2 || due[0] != plan[static_cast<std::size_t>(2 * d)]) {
            throw std::runtime_error("day_query: on(date) disagrees with indexing");
        }
    }
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> day(0, 7 * weeks - 1);
    std::vector<boost::gregorian::date> dates;
    for (int i = 0; i < 4096; ++i) {
        dates.push_back(start + boost::gregorian::days(day(rng)));
    }
    std::size_t i = 0;
    std::array<rehab::scheduled_session, 4> due{}; // an app's screen keeps a small buffer
    for (auto _ : state) {
        const std::size_t n = plan.on(dates[i++ & 4095], due);
        benchmark::DoNotOptimize(n);
        benchmark::DoNotOptimize(due.data());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(day_query)->Name("day_query/rehab")->Arg(12)->Arg(52);

void ics_render(benchmark::State& state) {
    const auto stamp = std::chrono::sys_days{std::chrono::year{2026} / 11 / 30};
    const auto plan =
        rehab::schedule::make(rehab::find_builtin_protocol("alfredson-eccentric").value().get(),
                              start, {.time_zone = "Europe/Copenhagen"})
            .value();
    if (plan.size() != 168 ||
        rehab::to_icalendar(plan, {.created = stamp}).value().find("END:VCALENDAR") ==
            std::string::npos) {
        throw std::runtime_error("ics/render: unexpected calendar");
    }
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string ics = rehab::to_icalendar(plan, {.created = stamp}).value();
        bytes += ics.size();
        benchmark::DoNotOptimize(ics.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(ics_render)->Name("ics/render")->Unit(benchmark::kMicrosecond);

} // namespace
} // namespace query_bench
