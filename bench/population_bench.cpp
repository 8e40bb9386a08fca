// population/*: plan the alfredson-eccentric schedule (168 sessions) in
// Europe/Copenhagen for P patients starting 2026-01-01 + (i mod 365) days,
// every session with its date, local time and UTC instant; items_per_second
// is sessions per second. Peers: libical's RRULE iterator, Boost.Date_Time
// local_time, and a plain loop over precomputed offsets (the practical floor).
#include <rehab/rehab.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdint>
#include <exception>
#include <latch>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/local_time/local_time.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

extern "C" {
#include <libical/ical.h>
}

namespace population_bench {
namespace {

using std::chrono::sys_seconds;

constexpr int sessions_per_patient = 168;
const boost::gregorian::date first_start(2026, 1, 1);

boost::gregorian::date start_of(std::int64_t patient) {
    return first_start + boost::gregorian::days(static_cast<long>(patient % 365));
}

/// What every contender produces for one session.
struct record {
    sys_seconds utc{};
    std::int32_t day = 0;
    std::int16_t clock_minutes = 0;
    std::uint8_t slot = 0;
};

struct population {
    rehab::time_zone zone = rehab::time_zone::locate("Europe/Copenhagen").value();
    /// The protocol laid out once in the zone; each patient's plan is dated from it.
    rehab::schedule_planner planner =
        rehab::schedule_planner::make(
            std::make_shared<const rehab::protocol>(
                rehab::find_builtin_protocol("alfredson-eccentric").value().get()),
            zone)
            .value();
};

const population& shared() {
    static const population p;
    return p;
}

// --- contenders: each fills `out` (168 records) for one patient ---------------------

void rehab_patient(const population& pop, std::int64_t patient,
                   std::span<rehab::scheduled_session> out) {
    auto plan = pop.planner.plan(start_of(patient));
    if (!plan || plan->write(out) != static_cast<std::size_t>(sessions_per_patient)) {
        throw std::runtime_error("population/rehab: could not plan");
    }
}

/// Offsets precomputed once per (day, slot) for the whole date range.
struct offset_table {
    std::vector<std::array<std::int32_t, 2>> offsets; // seconds, per day from first_start
    offset_table() {
        const auto& zone = shared().zone;
        const auto first = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
        for (int d = 0; d < 365 + 84 + 2; ++d) {
            std::array<std::int32_t, 2> day{};
            for (int slot = 0; slot < 2; ++slot) {
                const std::chrono::local_seconds local{
                    (first + std::chrono::days{d}).time_since_epoch() +
                    std::chrono::hours{slot == 0 ? 8 : 18}};
                day[static_cast<std::size_t>(slot)] = static_cast<std::int32_t>(
                    (local.time_since_epoch() - zone.to_utc(local).time_since_epoch()).count());
            }
            offsets.push_back(day);
        }
    }
};

void reference_patient(const offset_table& table, std::int64_t patient, std::span<record> out) {
    const int start = static_cast<int>(patient % 365);
    constexpr std::int64_t epoch_day_2026 = 20454; // 2026-01-01 in days since 1970-01-01
    constexpr std::array<std::int16_t, 2> minutes{8 * 60, 18 * 60};
    std::size_t n = 0;
    for (int d = 0; d < 84; ++d) {
        const auto& offsets = table.offsets[static_cast<std::size_t>(start + d)];
        const std::int64_t day_seconds = (epoch_day_2026 + start + d) * 86400;
        for (std::size_t slot = 0; slot < 2; ++slot) {
            out[n++] = record{
                sys_seconds{std::chrono::seconds{day_seconds + minutes[slot] * 60 - offsets[slot]}},
                d, minutes[slot], static_cast<std::uint8_t>(slot)};
        }
    }
}

void boost_patient(const boost::local_time::time_zone_ptr& zone, std::int64_t patient,
                   std::span<record> out) {
    using namespace boost::local_time;
    using namespace boost::posix_time;
    const auto start = start_of(patient);
    const ptime epoch(boost::gregorian::date(1970, 1, 1));
    std::size_t n = 0;
    for (int d = 0; d < 84; ++d) {
        for (std::uint8_t slot = 0; slot < 2; ++slot) {
            const int hour = slot == 0 ? 8 : 18;
            const local_date_time local(start + boost::gregorian::days(d), hours(hour), zone,
                                        local_date_time::NOT_DATE_TIME_ON_ERROR);
            const auto utc = (local.utc_time() - epoch).total_seconds();
            out[n++] = record{sys_seconds{std::chrono::seconds{utc}}, d,
                              static_cast<std::int16_t>(hour * 60), slot};
        }
    }
}

void libical_patient(icaltimezone* zone, std::int64_t patient, std::span<record> out) {
    const auto start = start_of(patient);
    icaltimetype dtstart = icaltime_null_time();
    dtstart.year = start.year();
    dtstart.month = start.month();
    dtstart.day = start.day();
    dtstart.hour = 8;
    dtstart = icaltime_set_timezone(&dtstart, zone);
    const icalrecurrencetype rule =
        icalrecurrencetype_from_string("FREQ=DAILY;BYHOUR=8,18;BYMINUTE=0;COUNT=168");
    icalrecur_iterator* it = icalrecur_iterator_new(rule, dtstart);
    std::size_t n = 0;
    for (icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t) && n < out.size();
         t = icalrecur_iterator_next(it)) {
        const auto utc = icaltime_as_timet_with_zone(t, zone);
        const auto day =
            static_cast<std::int32_t>((boost::gregorian::date(static_cast<unsigned short>(t.year),
                                                              static_cast<unsigned short>(t.month),
                                                              static_cast<unsigned short>(t.day)) -
                                       start)
                                          .days());
        out[n++] = record{sys_seconds{std::chrono::seconds{utc}}, day,
                          static_cast<std::int16_t>(t.hour * 60),
                          static_cast<std::uint8_t>(t.hour == 8 ? 0 : 1)};
    }
    icalrecur_iterator_free(it);
}

boost::local_time::time_zone_ptr boost_copenhagen() {
    // Boost's POSIX strings give offsets east of UTC (the zone's footer says
    // CET-1CEST,M3.5.0,M10.5.0/3).
    return boost::local_time::time_zone_ptr(
        new boost::local_time::posix_time_zone("CET+1CEST,M3.5.0/2,M10.5.0/3"));
}

icaltimezone* libical_copenhagen() {
    icaltimezone* zone = icaltimezone_get_builtin_timezone("Europe/Copenhagen");
    if (zone == nullptr) {
        throw std::runtime_error("libical has no Europe/Copenhagen");
    }
    return zone;
}

// --- the check every benchmark runs once before it is timed -------------------------------

template <class Session>
record as_record(const Session& s) {
    if constexpr (std::is_same_v<Session, record>) {
        return s;
    } else {
        return record{s.utc, s.day, s.clock_minutes, s.slot};
    }
}

/// Every contender must give the reference loop's 168 sessions for a few
/// patients (including ones whose plan crosses a DST change).
void check_against_reference() {
    static const bool checked = [] {
        const offset_table table;
        const auto boost_zone = boost_copenhagen();
        icaltimezone* ical_zone = libical_copenhagen();
        for (const std::int64_t patient : {0L, 59L, 87L, 200L, 300L, 364L}) {
            std::vector<record> reference(sessions_per_patient);
            reference_patient(table, patient, reference);
            std::vector<rehab::scheduled_session> rehab_out(sessions_per_patient);
            rehab_patient(shared(), patient, rehab_out);
            std::vector<record> boost_out(sessions_per_patient);
            boost_patient(boost_zone, patient, boost_out);
            std::vector<record> ical_out(sessions_per_patient);
            libical_patient(ical_zone, patient, ical_out);
            for (std::size_t i = 0; i < reference.size(); ++i) {
                const auto same = [&](const record& r) {
                    return r.utc == reference[i].utc && r.day == reference[i].day &&
                           r.clock_minutes == reference[i].clock_minutes &&
                           r.slot == reference[i].slot;
                };
                if (!same(as_record(rehab_out[i])) || !same(boost_out[i]) || !same(ical_out[i])) {
                    throw std::runtime_error(fmt::format(
                        "population: patient {} session {} differs between peers", patient, i));
                }
            }
        }
        return true;
    }();
    benchmark::DoNotOptimize(checked);
}

// --- benchmarks ----------------------------------------------------------------------

template <class F>
void run_population(benchmark::State& state, F&& per_patient) {
    check_against_reference();
    const std::int64_t patients = state.range(0);
    for (auto _ : state) {
        for (std::int64_t i = 0; i < patients; ++i) {
            per_patient(i);
        }
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * patients * sessions_per_patient);
}

void population_rehab(benchmark::State& state) {
    std::vector<rehab::scheduled_session> out(sessions_per_patient);
    run_population(state, [&](std::int64_t i) {
        rehab_patient(shared(), i, out);
        benchmark::DoNotOptimize(out.data());
    });
}

/// Plans a population on the calling thread and one helper thread, as a
/// server's workers would: each takes the next chunk of patients from a shared
/// counter, so a worker whose core runs faster plans more, and each keeps its
/// own planner and buffer. The helper is started once and makes its planner
/// on its own thread before the first round; a round (`run`) plans every
/// patient once.
class two_workers {
public:
    /// Returns once the helper is ready; an error making its planner is
    /// thrown here.
    explicit two_workers(std::int64_t patients) : patients_(patients) {
        ready_.wait();
        if (helper_failed_) {
            helper_.join();
            std::rethrow_exception(helper_failed_);
        }
    }
    two_workers(const two_workers&) = delete;
    two_workers& operator=(const two_workers&) = delete;
    ~two_workers() {
        stop_ = true;
        start_.arrive_and_wait();
        helper_.join();
    }

    /// Plans every patient once. An error on either thread is thrown here,
    /// once both have finished the round (neither is left waiting).
    void run() {
        next_.store(0, std::memory_order_relaxed);
        start_.arrive_and_wait();
        std::exception_ptr failed;
        try {
            work(caller_);
        } catch (...) {
            failed = std::current_exception();
            next_.store(patients_, std::memory_order_relaxed); // the helper stops taking
        }
        done_.arrive_and_wait();
        const std::exception_ptr helper_failed = std::exchange(helper_failed_, nullptr);
        if (failed) {
            std::rethrow_exception(failed);
        }
        if (helper_failed) {
            std::rethrow_exception(helper_failed);
        }
    }

private:
    /// Patients per chunk: about 60 us of work, so neither worker waits long
    /// for the other at the end of a round.
    static constexpr std::int64_t chunk = 256;

    struct worker {
        population planner; // with one shared planner both workers would bump
                            // the same reference count for every patient
        std::vector<rehab::scheduled_session> out =
            std::vector<rehab::scheduled_session>(sessions_per_patient);
    };

    void work(worker& w) {
        for (std::int64_t first = next_.fetch_add(chunk, std::memory_order_relaxed);
             first < patients_; first = next_.fetch_add(chunk, std::memory_order_relaxed)) {
            for (std::int64_t i = first; i < std::min(first + chunk, patients_); ++i) {
                rehab_patient(w.planner, i, w.out);
                benchmark::DoNotOptimize(w.out.data());
            }
        }
    }

    /// The helper's rounds; its errors go to `helper_failed_`, read after
    /// the latch or after the round's closing barrier.
    void help() {
        std::optional<worker> mine; // made on the helper's thread, from its own heap arena
        try {
            mine.emplace();
        } catch (...) {
            helper_failed_ = std::current_exception();
            ready_.count_down();
            return; // the constructor joins and throws
        }
        ready_.count_down();
        for (;;) {
            start_.arrive_and_wait();
            if (stop_) {
                return;
            }
            try {
                work(*mine);
            } catch (...) {
                helper_failed_ = std::current_exception();
                next_.store(patients_, std::memory_order_relaxed);
            }
            done_.arrive_and_wait();
        }
    }

    const std::int64_t patients_;
    worker caller_;
    alignas(64) std::atomic<std::int64_t> next_{0};
    alignas(64) std::atomic<bool> stop_{false};
    std::exception_ptr helper_failed_;
    std::latch ready_{1};
    std::barrier<> start_{2};
    std::barrier<> done_{2};
    std::thread helper_{[this] { help(); }}; // last: starts once the rest is made
};

/// `population/rehab` on 2 threads; the rate is all sessions over wall-clock
/// time.
void population_rehab_threads(benchmark::State& state) {
    check_against_reference();
    const std::int64_t patients = state.range(0);
    two_workers workers(patients);
    for (auto _ : state) {
        workers.run();
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * patients * sessions_per_patient);
}

void population_reference_loop(benchmark::State& state) {
    const offset_table table;
    std::vector<record> out(sessions_per_patient);
    run_population(state, [&](std::int64_t i) {
        reference_patient(table, i, out);
        benchmark::DoNotOptimize(out.data());
    });
}

void population_boost_local_time(benchmark::State& state) {
    const auto zone = boost_copenhagen();
    std::vector<record> out(sessions_per_patient);
    run_population(state, [&](std::int64_t i) {
        boost_patient(zone, i, out);
        benchmark::DoNotOptimize(out.data());
    });
}

void population_libical(benchmark::State& state) {
    icaltimezone* zone = libical_copenhagen();
    std::vector<record> out(sessions_per_patient);
    run_population(state, [&](std::int64_t i) {
        libical_patient(zone, i, out);
        benchmark::DoNotOptimize(out.data());
    });
}

BENCHMARK(population_rehab)
    ->Name("population/rehab")
    ->Arg(100'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(population_rehab_threads)
    ->Name("population/rehab_threads")
    ->Arg(100'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(population_reference_loop)
    ->Name("population/reference_loop")
    ->Arg(100'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(population_boost_local_time)
    ->Name("population/boost_local_time")
    ->Arg(2'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(population_libical)
    ->Name("population/libical")
    ->Arg(500)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

} // namespace
} // namespace population_bench
