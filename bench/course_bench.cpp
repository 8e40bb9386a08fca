// course/record/N: one entry recorded into a course that already holds N,
// then the next prescription read (`next_after`); the same for 10 and 167
// entries shows the cost does not grow with the log.
// course/due_at: the session due now, with its doses, in a course whose log
// is up to date (the case a patient's app asks about many times a day).
#include <rehab/rehab.hpp>

#include <optional>
#include <stdexcept>
#include <vector>

#include <benchmark/benchmark.h>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <nlohmann/json.hpp>

namespace course_bench {
namespace {

const boost::gregorian::date start(2026, 12, 1);

rehab::session_log entry(rehab::session_key key) {
    rehab::session_log log;
    log.session = key;
    log.pain_during = rehab::pain_score{2};
    log.pain_after = rehab::pain_score{2};
    log.pain_next_morning = rehab::pain_score{1};
    return log;
}

/// A course of built-in protocol `id` in Copenhagen with its first
/// `entries` sessions logged; `last` is the last one logged (or none).
rehab::course course_of(const char* id, int entries,
                        std::optional<rehab::course_session>* last = nullptr) {
    const rehab::protocol& p = rehab::find_builtin_protocol(id).value().get();
    auto c =
        rehab::course::start({.id = "patient-0042"}, p, start, {.time_zone = "Europe/Copenhagen"});
    if (!c) {
        throw std::runtime_error("course: cannot start");
    }
    std::chrono::sys_seconds after{};
    for (int i = 0; i < entries; ++i) {
        const auto s = c->next_after(after);
        if (!s || !c->record(entry(s->key))) {
            throw std::runtime_error("course: an entry was refused");
        }
        after = s->utc;
        if (last != nullptr) {
            *last = s;
        }
    }
    return std::move(*c);
}

// A once-daily protocol (Silbernagel's, 24 weeks and more without a
// heel-raise test), so that the 168th entry still has a session after it.
void record(benchmark::State& state) {
    const int held = static_cast<int>(state.range(0));
    std::optional<rehab::course_session> last;
    const rehab::course base = course_of("silbernagel-combined", held, &last);
    const auto session = base.next_after(last ? last->utc : std::chrono::sys_seconds{});
    if (!session) {
        throw std::runtime_error("course/record: no session to record");
    }
    const rehab::session_log next = entry(session->key);
    // Copies are made outside the timed region, a batch at a time.
    std::vector<rehab::course> batch;
    std::size_t used = 0;
    for (auto _ : state) {
        if (used == batch.size()) {
            state.PauseTiming();
            batch.assign(256, base);
            used = 0;
            state.ResumeTiming();
        }
        rehab::course& c = batch[used++];
        auto ok = c.record(next);
        auto following = c.next_after(session->utc);
        if (!ok || !following) {
            state.SkipWithError("the entry was refused");
            break;
        }
        benchmark::DoNotOptimize(following->prescription);
    }
}
BENCHMARK(record)->Name("course/record")->Arg(10)->Arg(167)->Unit(benchmark::kNanosecond);

void due_at(benchmark::State& state) {
    const rehab::course c = course_of("alfredson-eccentric", 40); // days 0-19 logged
    // Day 20, 12:00 in Copenhagen: the morning session is due.
    const auto noon =
        rehab::to_sys_days(start + boost::gregorian::days(20)) + std::chrono::hours{11};
    if (!c.due_at(noon) || c.due_at(noon)->key != rehab::session_key{20, 0}) {
        throw std::runtime_error("course/due_at: not the morning session");
    }
    for (auto _ : state) {
        auto due = c.due_at(noon);
        benchmark::DoNotOptimize(due);
    }
}
BENCHMARK(due_at)->Name("course/due_at")->Unit(benchmark::kNanosecond);

} // namespace
} // namespace course_bench

namespace course_bench {
namespace {

/// An Alfredson course file with 168 entries (the whole program logged),
/// some with items, measurements and a done time, as a clinic keeps them.
const std::string& full_course_file() {
    static const std::string text = [] {
        auto c = course_of("alfredson-eccentric", 168);
        return rehab::to_json(c);
    }();
    return text;
}

void course_load(benchmark::State& state) {
    const auto loaded = rehab::load_course(full_course_file());
    if (!loaded || loaded->log().size() != 168 || rehab::to_json(*loaded) != full_course_file()) {
        throw std::runtime_error("course/load: the file does not load back equal");
    }
    for (auto _ : state) {
        auto c = rehab::load_course(full_course_file());
        benchmark::DoNotOptimize(c);
    }
    state.SetBytesProcessed(state.iterations() *
                            static_cast<std::int64_t>(full_course_file().size()));
}
BENCHMARK(course_load)->Name("course/load")->Unit(benchmark::kMicrosecond);

void course_parse_only(benchmark::State& state) {
    for (auto _ : state) {
        auto doc = nlohmann::json::parse(full_course_file());
        benchmark::DoNotOptimize(doc);
    }
    state.SetBytesProcessed(state.iterations() *
                            static_cast<std::int64_t>(full_course_file().size()));
}
BENCHMARK(course_parse_only)->Name("course/parse_only")->Unit(benchmark::kMicrosecond);

// population/worklist: a clinic's morning list. 100,000 patients on
// Alfredson's protocol, each 0 to 168 entries into it with the log up to
// date (a patient with N entries started N/2 days ago); for everyone, the
// sessions due today with today's doses. One core; items_per_second counts
// patients.
void population_worklist(benchmark::State& state) {
    const auto patients = static_cast<std::size_t>(state.range(0));
    const boost::gregorian::date today(2027, 3, 1);
    const rehab::protocol& p = rehab::find_builtin_protocol("alfredson-eccentric").value().get();
    // One course per log length, then copies: the same work per patient as
    // 100,000 distinct courses, built in a fraction of the time.
    std::vector<rehab::course> templates;
    for (int entries = 0; entries <= 168; ++entries) {
        auto c =
            rehab::course::start({.id = "patient"}, p, today - boost::gregorian::days(entries / 2),
                                 {.time_zone = "Europe/Copenhagen"});
        if (!c) {
            throw std::runtime_error("population/worklist: cannot start");
        }
        for (int i = 0; i < entries; ++i) {
            if (!c->record(entry({i / 2, i % 2}))) {
                throw std::runtime_error("population/worklist: an entry was refused");
            }
        }
        templates.push_back(std::move(*c));
    }
    std::vector<rehab::course> population;
    population.reserve(patients);
    for (std::size_t i = 0; i < patients; ++i) {
        population.push_back(templates[(i * 7919) % templates.size()]);
    }
    std::size_t due = 0;
    for (auto _ : state) {
        due = 0;
        for (const rehab::course& c : population) {
            c.for_each_on(today, [&](const rehab::course_session& s) {
                // Today's dose as the engine prescribes it.
                benchmark::DoNotOptimize(s.prescription->items.front().dose);
                ++due;
            });
        }
    }
    if (due == 0) {
        throw std::runtime_error("population/worklist: nothing due");
    }
    state.counters["sessions_due"] = static_cast<double>(due);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(patients));
}
BENCHMARK(population_worklist)
    ->Name("population/worklist")
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond);

} // namespace
} // namespace course_bench
