// progression/replay: a session log replayed through a protocol to the next
// prescription; items_per_second counts logged sessions. alfredson-eccentric
// has 168 sessions, so its log holds the 167 before the last one; the
// silbernagel-combined log (no heel-raise test, so phase 1 goes on) holds 168.
// protocol_file/load vs protocol_file/parse_only: loading a protocol file
// (parse, build, check) against the JSON library parsing the same bytes.
#include <rehab/rehab.hpp>

#include <stdexcept>
#include <vector>

#include <benchmark/benchmark.h>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <nlohmann/json.hpp>

namespace progression_bench {
namespace {

const boost::gregorian::date start(2026, 12, 1);

rehab::session_log logged(rehab::session_key key) {
    rehab::session_log log;
    log.session = key;
    log.pain_during = rehab::pain_score{2};
    log.pain_after = rehab::pain_score{2};
    log.pain_next_morning = rehab::pain_score{1};
    return log;
}

void replay(benchmark::State& state, const char* id) {
    const rehab::protocol& p = rehab::find_builtin_protocol(id).value().get();
    // Every session logged done with pain 2/10 during and after, 1/10 the next morning.
    auto sim = rehab::simulate(
        p, start, {}, [](const rehab::session_prescription& s) { return logged(s.session); }, 200);
    if (!sim || sim->sessions.size() < 168) {
        throw std::runtime_error("progression/replay: the protocol has fewer than 168 sessions");
    }
    const std::size_t entries = std::min<std::size_t>(168, sim->sessions.size() - 1);
    std::vector<rehab::session_log> log;
    for (std::size_t i = 0; i < entries; ++i) {
        log.push_back(logged(sim->sessions[i].session));
    }
    const rehab::session_key next = sim->sessions[entries].session;
    const auto checked = rehab::prescribe(p, start, {}, log, next);
    if (!checked || checked->prescription != sim->sessions[entries]) {
        throw std::runtime_error("progression/replay: prescribe disagrees with simulate");
    }
    for (auto _ : state) {
        auto result = rehab::prescribe(p, start, {}, log, next);
        benchmark::DoNotOptimize(result);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(entries));
}
BENCHMARK_CAPTURE(replay, alfredson, "alfredson-eccentric")
    ->Name("progression/replay/alfredson-eccentric");
BENCHMARK_CAPTURE(replay, silbernagel, "silbernagel-combined")
    ->Name("progression/replay/silbernagel-combined");

const std::string& hsr_file() {
    static const std::string text =
        rehab::to_json(rehab::find_builtin_protocol("hsr-achilles").value().get());
    return text;
}

void protocol_file_load(benchmark::State& state) {
    if (!rehab::load_protocol(hsr_file()) ||
        *rehab::load_protocol(hsr_file()) !=
            rehab::find_builtin_protocol("hsr-achilles").value().get()) {
        throw std::runtime_error("protocol_file/load: the file does not load back equal");
    }
    for (auto _ : state) {
        auto p = rehab::load_protocol(hsr_file());
        benchmark::DoNotOptimize(p);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(hsr_file().size()));
}
BENCHMARK(protocol_file_load)->Name("protocol_file/load")->Unit(benchmark::kMicrosecond);

void protocol_file_parse_only(benchmark::State& state) {
    for (auto _ : state) {
        auto doc = nlohmann::json::parse(hsr_file());
        benchmark::DoNotOptimize(doc);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(hsr_file().size()));
}
BENCHMARK(protocol_file_parse_only)
    ->Name("protocol_file/parse_only")
    ->Unit(benchmark::kMicrosecond);

} // namespace
} // namespace progression_bench
