// fhir/export/course/N: the FHIR R4 Bundle of the 12-week Alfredson course
// (168 sessions) with its first N sessions logged, from the course to the
// finished JSON text: the CarePlan, a ServiceRequest per dose period, the
// pain Observations and the protocol's definitions (the course replays its
// log). fhir/export/protocol: the Bundle of the Alfredson protocol alone.
// fhir/import/protocol: that Bundle read back with protocol_from_fhir,
// which parses it, builds the protocol and compares the input with
// to_fhir of the protocol read, element by element. fhir/import/course/N:
// the course's Bundle read back with course_from_fhir (the course rebuilt
// from its record, its log replayed, the input compared with to_fhir of the
// course read). No target (issue #19):
// recorded in BENCHMARKS.md.
#include <rehab/rehab.hpp>

#include "alfredson_course.hpp"

#include <cstdint>
#include <string>

#include <benchmark/benchmark.h>

namespace fhir_bench {
namespace {

void export_course(benchmark::State& state) {
    const auto entries = static_cast<int>(state.range(0));
    const rehab::course c = rehab_bench::alfredson_course(entries, "fhir/export/course");
    // Checked once before timing: the course's Bundle, with the pain logged.
    const auto bundle = rehab::to_fhir(c, rehab::catalog::builtin());
    if (!bundle || bundle->find("\"resourceType\": \"CarePlan\"") == std::string::npos ||
        (bundle->find("\"id\": \"pain-1\"") != std::string::npos) != (entries > 0)) {
        state.SkipWithError("the Bundle is not the course's");
        return;
    }
    std::size_t bytes = 0;
    for (auto _ : state) {
        auto json = rehab::to_fhir(c, rehab::catalog::builtin());
        bytes = json->size();
        benchmark::DoNotOptimize(json);
    }
    state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(export_course)
    ->Name("fhir/export/course")
    ->Arg(0)
    ->Arg(84)
    ->Arg(168)
    ->Unit(benchmark::kMicrosecond);

void export_protocol(benchmark::State& state) {
    const rehab::protocol p = rehab::protocols::alfredson_eccentric().value();
    std::size_t bytes = 0;
    for (auto _ : state) {
        auto json = rehab::to_fhir(p, rehab::catalog::builtin());
        bytes = json->size();
        benchmark::DoNotOptimize(json);
    }
    state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(export_protocol)->Name("fhir/export/protocol")->Unit(benchmark::kMicrosecond);

void import_protocol(benchmark::State& state) {
    const rehab::protocol p = rehab::protocols::alfredson_eccentric().value();
    const std::string bundle = rehab::to_fhir(p, rehab::catalog::builtin()).value();
    // Checked once before timing: the protocol back, nothing lost.
    const auto back = rehab::protocol_from_fhir(bundle, rehab::catalog::builtin());
    if (!back || !back->lost.empty() || !(back->protocol == p)) {
        state.SkipWithError("the Bundle does not read back as the protocol");
        return;
    }
    for (auto _ : state) {
        auto imported = rehab::protocol_from_fhir(bundle, rehab::catalog::builtin());
        benchmark::DoNotOptimize(imported);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(bundle.size()));
}
BENCHMARK(import_protocol)->Name("fhir/import/protocol")->Unit(benchmark::kMicrosecond);

void import_course(benchmark::State& state) {
    const auto entries = static_cast<int>(state.range(0));
    const rehab::course c = rehab_bench::alfredson_course(entries, "fhir/import/course");
    const std::string bundle = rehab::to_fhir(c, rehab::catalog::builtin()).value();
    // Checked once before timing: the course back, log and all, nothing lost.
    const auto back = rehab::course_from_fhir(bundle, rehab::catalog::builtin());
    if (!back || !back->lost.empty() || !(back->course == c)) {
        state.SkipWithError("the Bundle does not read back as the course");
        return;
    }
    for (auto _ : state) {
        auto imported = rehab::course_from_fhir(bundle, rehab::catalog::builtin());
        benchmark::DoNotOptimize(imported);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(bundle.size()));
}
BENCHMARK(import_course)
    ->Name("fhir/import/course")
    ->Arg(0)
    ->Arg(168)
    ->Unit(benchmark::kMicrosecond);

} // namespace
} // namespace fhir_bench
