// html/render/course/N: the printable handout of the 12-week Alfredson
// course (168 sessions) with its first N sessions logged, from the course
// to the finished page: the sessions and their prescriptions (the course
// replays its log), the doses, the phases in words, the chart and the 12
// weeks of the tick sheet. Target: <= 1 ms per handout (issue #18).
// html/render/schedule: the same for the nominal plan.
#include <rehab/rehab.hpp>

#include "alfredson_course.hpp"

#include <benchmark/benchmark.h>
#include <boost/date_time/gregorian/gregorian.hpp>

namespace handout_bench {
namespace {

const boost::gregorian::date start = rehab_bench::alfredson_start;
constexpr auto printed = std::chrono::sys_days{std::chrono::year{2026} / 12 / 6};

void render_course(benchmark::State& state) {
    const rehab::course c =
        rehab_bench::alfredson_course(static_cast<int>(state.range(0)), "html/render");
    const rehab::handout_options options{.as_of = printed + std::chrono::days{90}};
    // Checked once before timing: a page with all 12 weeks and the sessions logged ticked.
    const auto page = rehab::to_html(c, rehab::catalog::builtin(), options);
    if (!page || page->find("Week 12:") == std::string::npos) {
        state.SkipWithError("the handout is not the 12-week course");
        return;
    }
    std::size_t bytes = 0;
    for (auto _ : state) {
        auto html = rehab::to_html(c, rehab::catalog::builtin(), options);
        bytes = html->size();
        benchmark::DoNotOptimize(html);
    }
    state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(render_course)
    ->Name("html/render/course")
    ->Arg(0)
    ->Arg(84)
    ->Arg(168)
    ->Unit(benchmark::kMicrosecond);

void render_schedule(benchmark::State& state) {
    const auto plan = rehab::schedule::make(rehab::protocols::alfredson_eccentric().value(), start,
                                            {.time_zone = "Europe/Copenhagen"})
                          .value();
    const rehab::handout_options options{.as_of = printed};
    for (auto _ : state) {
        auto html = rehab::to_html(plan, rehab::catalog::builtin(), options);
        benchmark::DoNotOptimize(html);
    }
}
BENCHMARK(render_schedule)->Name("html/render/schedule")->Unit(benchmark::kMicrosecond);

} // namespace
} // namespace handout_bench
