// Properties a clinician would state about the progression engine, checked
// over generated logs for every built-in protocol and for variants that add
// every rule kind (pain monitoring that holds or regresses, on top of
// ladders, week tables, load steps and floor rules):
// - nothing increases while a pain rule is in breach or a referral is active;
// - more pain never gives more;
// - no rule steps more often than its interval, counted from the phase start;
// - a red flag always yields a referral that stays until a clinician clears it;
// - prescribe, simulate and the incremental engine agree, and are deterministic.
// The asan preset runs a quarter of the seeds (property_sample.hpp).
#include <rehab/engine.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <variant>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <rehab/protocols.hpp>

#include "property_sample.hpp"

namespace {

using boost::gregorian::date;
using rehab::session_key;
using rehab::session_log;
using rehab::session_prescription;
using rehab::session_status;
using rehab::trace_action;

const date run_start(2026, 12, 1);
constexpr int max_days = 84; // 12 weeks: the length of most built-ins

// --- the protocols ------------------------------------------------------------------------

/// Every built-in, and each again with a pain-monitoring rule of random
/// limits added to every phase (holding in one variant, regressing in the
/// other), so that every rule kind meets pain monitoring.
std::vector<rehab::protocol> protocols_under_test() {
    std::vector<rehab::protocol> out;
    for (const auto& p : rehab::builtin_protocols()) {
        out.push_back(p);
        for (const auto response :
             {rehab::breach_response::hold, rehab::breach_response::regress}) {
            rehab::protocol variant = p;
            variant.id += response == rehab::breach_response::hold ? "-hold" : "-regress";
            for (auto& ph : variant.phases) {
                ph.rules.erase(
                    std::remove_if(ph.rules.begin(), ph.rules.end(),
                                   [](const rehab::rule& r) {
                                       return std::holds_alternative<rehab::pain_monitoring>(r);
                                   }),
                    ph.rules.end());
                ph.rules.push_back(rehab::pain_monitoring{
                    .id = "added-pain-rule",
                    .during_max = rehab::pain_score{5},
                    .after_max = rehab::pain_score{4},
                    .morning_max = rehab::pain_score{2},
                    .weekly_morning_max = rehab::pain_score{1},
                    .response = response,
                    .regress_steps = response == rehab::breach_response::regress ? 2 : 1});
            }
            out.push_back(std::move(variant));
        }
    }
    return out;
}

// --- the generated patient ----------------------------------------------------------------

/// What can be made worse in one entry.
enum class worse : std::uint8_t { during, after, morning, snap_or_pop, unable_to_bear_weight };

/// A patient whose report for a session depends only on the seed and the
/// session, so that changing one entry changes nothing else.
struct generated_patient {
    unsigned seed = 1;
    std::optional<session_key> worse_at{};
    worse what = worse::during;
    int by = 1;

    std::optional<session_log> operator()(const session_prescription& p) const {
        // splitmix64 over (seed, session): cheap, and the same for a session
        // whatever happened before it.
        std::uint64_t state = (std::uint64_t{seed} << 32U) ^
                              (static_cast<std::uint64_t>(p.session.day) << 8U) ^
                              static_cast<std::uint64_t>(p.session.slot);
        const auto roll = [&](int n) {
            state += 0x9e3779b97f4a7c15ULL;
            std::uint64_t z = state;
            z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
            z ^= z >> 31U;
            return static_cast<int>(z % static_cast<std::uint64_t>(n));
        };
        const auto pain = [&] {
            const int r = roll(100);
            return rehab::pain_score::make(r < 40   ? 0
                                           : r < 70 ? 1
                                           : r < 85 ? 2
                                           : r < 93 ? 3 + roll(3)
                                                    : 6 + roll(5))
                .value();
        };
        const int kind = roll(100);
        if (kind < 4) {
            return std::nullopt; // not logged
        }
        session_log log;
        log.session = p.session;
        log.status = kind < 14   ? session_status::missed
                     : kind < 22 ? session_status::partial
                                 : session_status::done;
        if (roll(100) < 85) {
            log.pain_during = pain();
        }
        if (roll(100) < 85) {
            log.pain_after = pain();
        }
        if (roll(100) < 85) {
            log.pain_next_morning = pain();
        }
        log.insertional_pain = roll(100) < 10;
        log.snap_or_pop = roll(1000) < 3;
        log.unable_to_bear_weight = roll(1000) < 3;
        log.clinician_cleared = roll(100) < 4;
        if (roll(100) < 15) {
            log.measurements.push_back(
                {rehab::measure::single_leg_heel_raises, static_cast<double>(5 + roll(20))});
        }
        if (log.status != session_status::missed && roll(100) < 35) {
            // Items: every prescribed exercise for a done session, some for a
            // partial one; sometimes less than prescribed, sometimes more.
            for (const auto& item : p.items) {
                if (log.status == session_status::partial && roll(2) == 0) {
                    continue;
                }
                rehab::item_log done{.exercise = item.exercise};
                const int sets = item.dose.sets().value();
                done.sets_done = rehab::sets{std::max(1, sets - 1 + roll(3))};
                if (const auto* r = item.dose.reps_work()) {
                    done.reps_per_set = rehab::reps{std::max(1, r->reps.value() - 2 + roll(5))};
                }
                log.items.push_back(std::move(done));
            }
        }
        if (worse_at && *worse_at == p.session) {
            // Only a reported score is raised: reporting one where there was
            // none is new evidence, not more pain.
            const auto raise = [&](std::optional<rehab::pain_score>& s) {
                if (s) {
                    s = rehab::pain_score::make(std::min(10, s->value() + by)).value();
                }
            };
            switch (what) {
            case worse::during:
                raise(log.pain_during);
                break;
            case worse::after:
                raise(log.pain_after);
                break;
            case worse::morning:
                raise(log.pain_next_morning);
                break;
            case worse::snap_or_pop:
                log.snap_or_pop = true;
                break;
            case worse::unable_to_bear_weight:
                log.unable_to_bear_weight = true;
                break;
            }
        }
        return log;
    }
};

struct run_result {
    rehab::simulation simulation;
    std::vector<session_log> log; ///< the entries the engine was given, in order
};

run_result run(const rehab::protocol& p, const generated_patient& patient) {
    run_result out;
    auto s = rehab::simulate(
        p, run_start, {},
        [&](const session_prescription& x) {
            auto entry = patient(x);
            if (entry) {
                out.log.push_back(*entry);
            }
            return entry;
        },
        max_days);
    EXPECT_TRUE(s.has_value()) << (s ? "" : fmt::format("{}", s.error()));
    if (s) {
        out.simulation = std::move(*s);
    }
    return out;
}

// --- comparing doses ----------------------------------------------------------------------

/// Whether dose `a` asks no more than `b` in any dimension: sets, reps (for
/// an RM load the RM number stands for both reps and load), hold and timed
/// seconds, added load, less support, the floor constraint kept.
bool not_above(const rehab::dose& a, const rehab::dose& b, std::string* why) {
    const auto fail = [&](std::string what) {
        if (why != nullptr) {
            *why = fmt::format("{} -> {}: {}", b, a, what);
        }
        return false;
    };
    if (a.sets() > b.sets()) {
        return fail("more sets");
    }
    const auto* rm_a = std::get_if<rehab::rm_target>(&a.load());
    const auto* rm_b = std::get_if<rehab::rm_target>(&b.load());
    if (rm_a != nullptr && rm_b != nullptr) {
        if (rm_a->max_reps() < rm_b->max_reps()) {
            return fail("a heavier RM load");
        }
    } else if (a.reps_work() != nullptr && b.reps_work() != nullptr &&
               a.reps_work()->reps > b.reps_work()->reps) {
        return fail("more reps");
    }
    const auto seconds = [](const rehab::dose& d) -> std::optional<std::chrono::seconds> {
        if (const auto* h = std::get_if<rehab::hold>(&d.work())) {
            return h->duration;
        }
        if (const auto* t = std::get_if<rehab::timed>(&d.work())) {
            return t->duration;
        }
        return std::nullopt;
    };
    if (seconds(a) && seconds(b) && *seconds(a) > *seconds(b)) {
        return fail("longer work");
    }
    const auto* kg_a = std::get_if<rehab::kilograms>(&a.load());
    const auto* kg_b = std::get_if<rehab::kilograms>(&b.load());
    if (kg_a != nullptr && (kg_b == nullptr ? kg_a->value() > 0.0 : *kg_a > *kg_b)) {
        return fail("more load");
    }
    const auto* bw_a = std::get_if<rehab::percent_body_weight>(&a.load());
    const auto* bw_b = std::get_if<rehab::percent_body_weight>(&b.load());
    if (bw_a != nullptr && (bw_b == nullptr ? bw_a->percent() > 0.0 : *bw_a > *bw_b)) {
        return fail("more load");
    }
    if (a.support() && b.support() && *a.support() > *b.support()) {
        return fail("less support");
    }
    if (b.constraint() && !a.constraint()) {
        return fail("the floor constraint lifted");
    }
    return true;
}

/// Whether session `a` prescribes no more than `b`: an earlier phase, or the
/// same phase with every rule at or below its step in `b` and, where every
/// step is the same, no dose dimension higher.
bool session_not_above(const session_prescription& a, const session_prescription& b,
                       std::string* why) {
    if (a.phase_index != b.phase_index) {
        if (a.phase_index > b.phase_index && why != nullptr) {
            *why = fmt::format("phase {} -> {}", b.phase_id, a.phase_id);
        }
        return a.phase_index < b.phase_index;
    }
    for (std::size_t r = 0; r < a.rule_levels.size() && r < b.rule_levels.size(); ++r) {
        if (a.rule_levels[r] > b.rule_levels[r]) {
            if (why != nullptr) {
                *why =
                    fmt::format("rule {} at step {} -> {}", r, b.rule_levels[r], a.rule_levels[r]);
            }
            return false;
        }
    }
    if (a.rule_levels != b.rule_levels) {
        return true; // a lower step: the protocol orders its steps
    }
    for (std::size_t i = 0; i < a.items.size() && i < b.items.size(); ++i) {
        if (!not_above(a.items[i].dose, b.items[i].dose, why)) {
            return false;
        }
    }
    return true;
}

// --- the properties -----------------------------------------------------------------------

/// About 10,000 logs: 18 protocols x 560 seeds, each run at least twice.
constexpr int seeds_per_protocol = 560;

/// The seeds 1 to `seeds(n)` of a property that runs n per protocol at the
/// full share: the first of them at a smaller share (property_sample.hpp).
unsigned seeds(int n) { return static_cast<unsigned>(rehab::test::property_scaled(n)); }

/// What a property must have met at least `n` times at the full share, at
/// the share run.
int at_least(int n) { return rehab::test::property_scaled(n); }

TEST(EnginePropertiesTest, NothingIncreasesWhileAPainRuleIsBreachedOrAReferralIsActive) {
    int breached_sessions = 0;
    for (const auto& p : protocols_under_test()) {
        for (unsigned seed = 1; seed <= seeds(seeds_per_protocol); ++seed) {
            const auto s = run(p, {.seed = seed}).simulation;
            for (std::size_t i = 1; i < s.sessions.size(); ++i) {
                const auto& now = s.sessions[i];
                if (now.breaches.empty() && now.referrals.empty()) {
                    continue;
                }
                ++breached_sessions;
                std::string why;
                ASSERT_EQ(now.phase_index, s.sessions[i - 1].phase_index)
                    << fmt::format("{} seed {}: phase advanced at {}", p.id, seed, now.session);
                ASSERT_TRUE(session_not_above(now, s.sessions[i - 1], &why))
                    << fmt::format("{} seed {}: {} increased while in breach or referred: {}", p.id,
                                   seed, now.session, why);
            }
        }
    }
    fmt::print("{} sessions in breach or referred, {} seeds per protocol\n", breached_sessions,
               seeds(seeds_per_protocol));
    EXPECT_GT(breached_sessions, at_least(10'000)) << "the generated logs must breach often";
}

TEST(EnginePropertiesTest, MorePainNeverGivesMore) {
    int compared = 0;
    int same_phase = 0; // an earlier phase passes at once: count the real comparisons
    for (const auto& p : protocols_under_test()) {
        for (unsigned seed = 1; seed <= seeds(seeds_per_protocol); ++seed) {
            const auto original = run(p, {.seed = seed});
            if (original.log.empty()) {
                continue;
            }
            std::mt19937 rng(seed);
            const auto& pick = original.log[std::uniform_int_distribution<std::size_t>(
                0, original.log.size() - 1)(rng)];
            const generated_patient worse_patient{
                .seed = seed,
                .worse_at = pick.session,
                .what = static_cast<worse>(std::uniform_int_distribution<int>(0, 4)(rng)),
                .by = std::uniform_int_distribution<int>(1, 4)(rng)};
            const auto worse_run = run(p, worse_patient).simulation;
            std::map<session_key, const session_prescription*> by_key;
            for (const auto& x : original.simulation.sessions) {
                by_key.emplace(x.session, &x);
            }
            for (const auto& x : worse_run.sessions) {
                const auto found = by_key.find(x.session);
                if (x.session <= pick.session || found == by_key.end()) {
                    continue;
                }
                ++compared;
                same_phase += x.phase_index == found->second->phase_index ? 1 : 0;
                std::string why;
                ASSERT_TRUE(session_not_above(x, *found->second, &why))
                    << fmt::format("{} seed {}: {} made worse ({} by {}) gives more at {}: {}",
                                   p.id, seed, pick.session, static_cast<int>(worse_patient.what),
                                   worse_patient.by, x.session, why);
            }
        }
    }
    fmt::print("{} sessions compared ({} in the same phase), {} seeds per protocol\n", compared,
               same_phase, seeds(seeds_per_protocol));
    EXPECT_GT(compared, at_least(100'000));
    EXPECT_GT(same_phase, compared * 9 / 10);
}

TEST(EnginePropertiesTest, NoRuleStepsMoreOftenThanItsIntervalCountedFromThePhaseStart) {
    int steps = 0;
    for (const auto& p : protocols_under_test()) {
        for (unsigned seed = 1; seed <= seeds(seeds_per_protocol / 4); ++seed) {
            const auto s = run(p, {.seed = seed}).simulation;
            std::size_t phase = 0;
            int phase_start = 0;
            std::map<std::string, int> last_change; // rule id -> day
            for (const auto& t : s.trace) {
                if (t.action == trace_action::phase_advanced) {
                    ++phase;
                    phase_start = t.at.day;
                    last_change.clear();
                } else if (t.action == trace_action::regressed) {
                    for (const auto& r : p.phases[phase].rules) {
                        last_change[rehab::rule_id(r)] = t.at.day;
                    }
                } else if (t.action == trace_action::progressed) {
                    const auto rule =
                        std::find_if(p.phases[phase].rules.begin(), p.phases[phase].rules.end(),
                                     [&](const auto& r) { return rehab::rule_id(r) == t.rule; });
                    ASSERT_NE(rule, p.phases[phase].rules.end()) << t.rule;
                    const int interval = std::visit(
                        [](const auto& r) -> int {
                            using R = std::decay_t<decltype(r)>;
                            if constexpr (std::is_same_v<R, rehab::dose_ladder> ||
                                          std::is_same_v<R, rehab::load_step>) {
                                return static_cast<int>(r.min_interval.count());
                            } else {
                                return 7; // a week table moves at most a row a week
                            }
                        },
                        *rule);
                    const auto before = last_change.find(t.rule);
                    const int since = before == last_change.end() ? phase_start : before->second;
                    ++steps;
                    ASSERT_GE(t.at.day - since, interval)
                        << fmt::format("{} seed {}: {}", p.id, seed, t);
                    last_change[t.rule] = t.at.day;
                }
            }
        }
    }
    fmt::print("{} steps, {} seeds per protocol\n", steps, seeds(seeds_per_protocol / 4));
    EXPECT_GT(steps, at_least(1'000));
}

TEST(EnginePropertiesTest, ARedFlagAlwaysRefersUntilAClinicianClears) {
    int flags = 0;
    for (const auto& p : protocols_under_test()) {
        for (unsigned seed = 1; seed <= seeds(seeds_per_protocol / 2); ++seed) {
            const auto result = run(p, {.seed = seed});
            const auto& s = result.simulation;
            const auto ceiling = p.stop.pain_ceiling;
            for (const auto& entry : result.log) {
                const auto above = [&](const std::optional<rehab::pain_score>& x) {
                    return ceiling && x && *x > *ceiling;
                };
                if (!entry.snap_or_pop && !entry.unable_to_bear_weight &&
                    !above(entry.pain_during) && !above(entry.pain_after) &&
                    !above(entry.pain_next_morning)) {
                    continue;
                }
                ++flags;
                const auto cleared =
                    std::find_if(result.log.begin(), result.log.end(), [&](const session_log& e) {
                        return e.session > entry.session && e.clinician_cleared;
                    });
                for (const auto& x : s.sessions) {
                    if (cleared != result.log.end() && x.session > cleared->session) {
                        ASSERT_FALSE(std::any_of(
                            x.referrals.begin(), x.referrals.end(),
                            [&](const auto& r) { return r.raised_at == entry.session; }))
                            << fmt::format("{} seed {}: cleared at {}, still at {}", p.id, seed,
                                           cleared->session, x.session);
                        continue;
                    }
                    if (x.session <= entry.session) {
                        continue;
                    }
                    ASSERT_TRUE(
                        std::any_of(x.referrals.begin(), x.referrals.end(),
                                    [&](const auto& r) { return r.raised_at == entry.session; }))
                        << fmt::format("{} seed {}: the flag of {} ({}) is lost at {}", p.id, seed,
                                       entry.session, entry.status, x.session);
                }
            }
        }
    }
    fmt::print("{} red flags, {} seeds per protocol\n", flags, seeds(seeds_per_protocol / 2));
    EXPECT_GT(flags, at_least(500));
}

TEST(EnginePropertiesTest, PrescribeSimulateAndTheIncrementalEngineAgreeAndRepeat) {
    for (const auto& p : protocols_under_test()) {
        for (unsigned seed = 1; seed <= seeds(40); ++seed) {
            const generated_patient patient{.seed = seed};
            const auto first = run(p, patient);
            const auto again = run(p, patient);
            ASSERT_EQ(first.simulation.sessions, again.simulation.sessions);
            ASSERT_EQ(first.simulation.trace, again.simulation.trace);

            // The incremental engine, fed the same entries one by one.
            auto engine = rehab::progression_engine::start(p, run_start, {});
            ASSERT_TRUE(engine.has_value());
            std::size_t next_entry = 0;
            for (const auto& expected : first.simulation.sessions) {
                const auto got = engine->next();
                ASSERT_TRUE(got.has_value());
                ASSERT_EQ(*got, expected)
                    << fmt::format("{} seed {} at {}", p.id, seed, expected.session);
                if (next_entry < first.log.size() &&
                    first.log[next_entry].session == expected.session) {
                    ASSERT_TRUE(engine->record(first.log[next_entry]).has_value());
                    ++next_entry;
                }
            }
            // simulate() stops at the first session past its last day, which
            // it has moved to (with what that move decided) but not served.
            static_cast<void>(engine->next());
            ASSERT_EQ(engine->trace(), first.simulation.trace);

            // prescribe() from the whole log, at a few sessions.
            std::mt19937 rng(seed);
            for (int k = 0; k < 3 && !first.simulation.sessions.empty(); ++k) {
                const auto& at =
                    first.simulation.sessions[std::uniform_int_distribution<std::size_t>(
                        0, first.simulation.sessions.size() - 1)(rng)];
                const auto r = rehab::prescribe(p, run_start, {}, first.log, at.session);
                ASSERT_TRUE(r.has_value()) << fmt::format("{}", r.error());
                ASSERT_EQ(r->prescription, at)
                    << fmt::format("{} seed {} at {}", p.id, seed, at.session);
            }
        }
    }
}

} // namespace
