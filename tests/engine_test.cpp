// The progression engine: its API contract, stop-and-refer flags, criteria
// on outcome scores, protocol validation, and properties over many logs.
#include <rehab/engine.hpp>

#include <algorithm>
#include <random>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <rehab/protocols.hpp>

#include "test_support.hpp"

namespace {

using rehab::test::builtin;

using namespace std::chrono_literals;
using boost::gregorian::date;
using rehab::session_key;
using rehab::session_log;
using rehab::session_prescription;
using rehab::trace_action;

session_log logged(session_key key, int pain_during = 0) {
    session_log log;
    log.session = key;
    log.pain_during = rehab::pain_score::make(pain_during).value();
    log.pain_after = rehab::pain_score{0};
    log.pain_next_morning = rehab::pain_score{0};
    return log;
}

// --- API contract -------------------------------------------------------------------------

TEST(EngineTest, PrescribeUsesOnlyTheLogBeforeTheSession) {
    const auto& p = builtin("alfredson-eccentric");
    const std::vector<session_log> log{logged({0, 0}), logged({7, 0}), logged({14, 0})};
    auto early = rehab::prescribe(p, date(2026, 12, 1), {}, log, {7, 0});
    ASSERT_TRUE(early.has_value()) << early.error().message;
    EXPECT_EQ(fmt::format("{}", early->prescription.items[0].dose),
              "3 x 15 reps, affected side only");
    auto later = rehab::prescribe(p, date(2026, 12, 1), {}, log, {7, 1});
    ASSERT_TRUE(later.has_value());
    EXPECT_EQ(fmt::format("{}", later->prescription.items[0].dose),
              "3 x 15 reps, +5 kg, affected side only");
    EXPECT_EQ(later->prescription.program_week, 2);
}

TEST(EngineTest, RefusesADuplicateLogEntry) {
    const std::vector<session_log> log{logged({0, 0}), logged({1, 0}), logged({0, 0})};
    auto r = rehab::prescribe(builtin("alfredson-eccentric"), date(2026, 12, 1), {}, log, {3, 0});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, rehab::errc::duplicate_id);
    EXPECT_EQ(fmt::format("{}", r.error()),
              "/log/2: a second entry for day 1, session 1 (the first is /log/0)");
}

TEST(EngineTest, RefusesALogEntryForADayWithoutASession) {
    // HSR from a Monday trains Monday, Wednesday, Friday: day 1 is a Tuesday.
    const std::vector<session_log> log{logged({0, 0}), logged({1, 0})};
    auto r = rehab::prescribe(builtin("hsr-achilles"), date(2026, 11, 30), {}, log, {4, 0});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(fmt::format("{}", r.error()),
              "/log/1: day 2, session 1 is not a planned session of the program");
}

TEST(EngineTest, RefusesASessionThatIsNotPlannedOrAfterTheEnd) {
    auto tuesday = rehab::prescribe(builtin("hsr-achilles"), date(2026, 11, 30), {}, {}, {1, 0});
    ASSERT_FALSE(tuesday.has_value());
    EXPECT_EQ(tuesday.error().message,
              "day 2, session 1 is not a planned session; the next one is day 3, session 1");
    auto after =
        rehab::prescribe(builtin("alfredson-eccentric"), date(2026, 12, 1), {}, {}, {84, 0});
    ASSERT_FALSE(after.has_value());
    EXPECT_EQ(after.error().message, "the program is complete before day 85, session 1");
}

TEST(EngineTest, RecordRefusesALogForAnotherSession) {
    auto engine =
        rehab::progression_engine::start(builtin("alfredson-eccentric"), date(2026, 12, 1), {});
    ASSERT_TRUE(engine.has_value());
    EXPECT_FALSE(engine->record(logged({0, 0})).has_value()); // nothing served yet
    ASSERT_TRUE(engine->next().has_value());
    auto wrong = engine->record(logged({0, 1}));
    ASSERT_FALSE(wrong.has_value());
    EXPECT_EQ(wrong.error().message,
              "this log is for day 1, session 2, but the session to record is day 1, session 1");
    EXPECT_TRUE(engine->record(logged({0, 0})).has_value());
}

TEST(EngineTest, RefusesASpecialStartDate) {
    auto engine = rehab::progression_engine::start(builtin("alfredson-eccentric"),
                                                   date(boost::gregorian::not_a_date_time), {});
    ASSERT_FALSE(engine.has_value());
    EXPECT_EQ(engine.error().path, "/start");
}

TEST(EngineTest, ShareOfBodyWeightBecomesKilogramsWhenTheWeightIsKnown) {
    auto p = rehab::protocols::alfredson_eccentric();
    ASSERT_TRUE(p.has_value());
    auto& rule = std::get<rehab::load_step>(p->phases[0].rules[0]);
    rule.step = rehab::percent_body_weight{10.0}; // Beyer 2015 eccentric arm [S]
    rule.cap = rehab::percent_body_weight{50.0};
    const std::vector<session_log> log{logged({7, 0})};
    auto r = rehab::prescribe(*p, date(2026, 12, 1), {.body_weight = rehab::kilograms{80.0}}, log,
                              {7, 1});
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(fmt::format("{}", r->prescription.items[0].dose),
              "3 x 15 reps, +10 % body weight, affected side only");
    EXPECT_EQ(r->prescription.items[0].load_kg, rehab::kilograms{8.0});
}

// --- stop and refer -----------------------------------------------------------------------

TEST(EngineTest, ASnapOrPopHaltsProgressionAndIsNeverLost) {
    const auto& p = builtin("alfredson-eccentric");
    auto s = rehab::simulate(p, date(2026, 12, 1), {}, [](const session_prescription& x) {
        auto log = logged(x.session, 0);
        log.snap_or_pop = x.session == session_key{10, 1};
        return log;
    });
    ASSERT_TRUE(s.has_value());
    const auto flag = std::find_if(s->trace.begin(), s->trace.end(), [](const auto& t) {
        return t.action == trace_action::stop_and_refer;
    });
    ASSERT_NE(flag, s->trace.end());
    EXPECT_EQ(flag->at, (session_key{10, 1}));
    EXPECT_EQ(flag->detail, "suspected rupture: a sudden snap or pop was reported: progression "
                            "halted, refer to a clinician");
    for (const auto& session : s->sessions) {
        if (session.session > session_key{10, 1}) {
            ASSERT_EQ(session.referrals.size(), 1U) << fmt::format("{}", session.session);
            EXPECT_EQ(session.referrals[0].reason,
                      "suspected rupture: a sudden snap or pop was reported");
            EXPECT_EQ(fmt::format("{}", session.items[0].dose),
                      "3 x 15 reps, +5 kg, affected side only")
                << "held at the dose of the day it was raised";
        } else {
            EXPECT_TRUE(session.referrals.empty());
        }
    }
}

TEST(EngineTest, PainAboveTheCeilingRefersAndAClinicianClearsIt) {
    const auto& p = builtin("alfredson-eccentric");
    auto s = rehab::simulate(p, date(2026, 12, 1), {}, [](const session_prescription& x) {
        auto log = logged(x.session, x.session == session_key{1, 0} ? 9 : 0);
        log.clinician_cleared = x.session == session_key{10, 0};
        return log;
    });
    ASSERT_TRUE(s.has_value());
    const auto referral_of = [&](session_key k) {
        return std::find_if(s->sessions.begin(), s->sessions.end(),
                            [&](const auto& x) { return x.session == k; })
            ->referrals;
    };
    ASSERT_EQ(referral_of({1, 1}).size(), 1U);
    EXPECT_EQ(referral_of({1, 1})[0].reason, "pain during 9/10 is above the ceiling of 8/10");
    EXPECT_EQ(referral_of({10, 0}).size(), 1U);
    EXPECT_TRUE(referral_of({10, 1}).empty());
    EXPECT_TRUE(std::any_of(s->trace.begin(), s->trace.end(),
                            [](const auto& t) { return t.action == trace_action::cleared; }));
}

// --- criteria on outcome scores -------------------------------------------------------------

rehab::protocol two_phase_on_visa_a() {
    auto base = rehab::protocols::heel_pain_starter().value();
    base.id = "visa-a-gated";
    base.phases[0].max_duration = std::nullopt;
    base.phases[0].min_duration = std::chrono::days{14};
    auto second = base.phases[0];
    second.id = "return-to-running";
    second.entry = {rehab::measurement_at_least{rehab::measure::visa_a, 80.0}};
    base.phases.push_back(second);
    return base;
}

TEST(EngineTest, APhaseAdvancesOnAVisaAScore) {
    const auto p = two_phase_on_visa_a();
    ASSERT_TRUE(rehab::validate(p, rehab::catalog::builtin()).empty());
    auto s = rehab::simulate(p, date(2026, 12, 1), {}, [](const session_prescription& x) {
        auto log = logged(x.session);
        if (x.session.day % 7 == 6) { // a weekly questionnaire: 60, 70, 80, ...
            log.measurements.push_back({rehab::measure::visa_a, 60.0 + 10.0 * (x.session.day / 7)});
        }
        return log;
    });
    ASSERT_TRUE(s.has_value());
    const auto advanced = std::find_if(s->trace.begin(), s->trace.end(), [](const auto& t) {
        return t.action == trace_action::phase_advanced;
    });
    ASSERT_NE(advanced, s->trace.end());
    EXPECT_EQ(advanced->at.day, 21); // VISA-A 80 is logged on day 21 (index 20)
    EXPECT_EQ(advanced->detail, "starter -> return-to-running after 21 days");
}

TEST(EngineTest, RunningStartsOnAHeelRiseHeightLsiOfNinetyPercent) {
    // Running once 5 single-leg rises reach about 90 % of the other side's height // Barfod 2016
    auto p = two_phase_on_visa_a();
    p.phases[1].entry = {rehab::measurement_at_least{rehab::measure::heel_rise_lsi_height,
                                                     rehab::barfod_2016_running_height_lsi}};
    auto s = rehab::simulate(p, date(2026, 12, 1), {}, [](const session_prescription& x) {
        auto log = logged(x.session);
        if (x.session.day == 16 || x.session.day == 20) {
            // day 17: 8.0 / 10.0 cm = 80 %; day 21: 9.0 / 10.0 cm = 90 %
            const double involved_height = x.session.day == 16 ? 8.0 : 9.0;
            const auto test = rehab::heel_rise::make(
                {.involved = {rehab::reps{5}, rehab::centimeters{involved_height}},
                 .uninvolved = {rehab::reps{5}, rehab::centimeters{10.0}}});
            const auto measured = rehab::measured(test.value());
            log.measurements.insert(log.measurements.end(), measured.begin(), measured.end());
        }
        return log;
    });
    ASSERT_TRUE(s.has_value());
    const auto advanced = std::find_if(s->trace.begin(), s->trace.end(), [](const auto& t) {
        return t.action == trace_action::phase_advanced;
    });
    ASSERT_NE(advanced, s->trace.end());
    EXPECT_EQ(advanced->at.day, 21);
}

TEST(EngineTest, OutcomeScoresBecomeLogMeasurements) {
    const auto visa = rehab::visa_a::make({.q1 = 10,
                                           .q2 = 10,
                                           .q3 = 10,
                                           .q4 = 10,
                                           .q5 = 10,
                                           .q6 = 10,
                                           .q7 = 10,
                                           .q8a = rehab::visa_a_band::over_30_minutes});
    ASSERT_TRUE(visa.has_value());
    EXPECT_EQ(rehab::measured(*visa), (rehab::measurement{rehab::measure::visa_a, 100.0}));
    const auto test = rehab::heel_rise::make({.involved = {rehab::reps{21}, std::nullopt},
                                              .uninvolved = {rehab::reps{25}, std::nullopt}});
    ASSERT_TRUE(test.has_value());
    EXPECT_EQ(rehab::measured(*test),
              (std::vector<rehab::measurement>{
                  {rehab::measure::single_leg_heel_raises, 21.0},
                  {rehab::measure::heel_rise_lsi_reps, 84.0}})); // 21 / 25 = 84 %
}

TEST(EngineTest, APhaseAtItsMaximumWithCriteriaUnmetIsFlaggedForReview) {
    auto p = two_phase_on_visa_a();
    p.phases[0].max_duration = std::chrono::days{28};
    auto s = rehab::simulate(p, date(2026, 12, 1), {}, nullptr, 60);
    ASSERT_TRUE(s.has_value());
    const auto review = std::find_if(s->trace.begin(), s->trace.end(), [](const auto& t) {
        return t.action == trace_action::phase_review;
    });
    ASSERT_NE(review, s->trace.end());
    EXPECT_EQ(review->detail,
              "starter reached its maximum of 28 days with criteria unmet (VISA-A >= 80): review "
              "with a clinician");
    EXPECT_EQ(s->sessions.back().phase_id, "starter");
}

// --- protocol validation ------------------------------------------------------------------

TEST(EngineTest, ValidateReportsEveryProtocolProblemWithItsPointer) {
    auto p = rehab::protocols::silbernagel_combined().value();
    p.phases[0].prescriptions[0].exercise = "two-leg-heel-rise";
    p.phases[1].id = p.phases[0].id;
    p.phases[2].max_duration = std::chrono::days{7};
    std::get<rehab::load_step>(p.phases[2].rules[1]).exercises.push_back("standing-calf-raise");
    const auto errors = rehab::validate(p, rehab::catalog::builtin());
    std::vector<std::string> printed;
    for (const auto& e : errors) {
        printed.push_back(fmt::format("{}", e));
    }
    EXPECT_EQ(
        printed,
        (std::vector<std::string>{
            "/phases/0/prescriptions/0/exercise: unknown exercise id \"two-leg-heel-rise\"; did "
            "you mean \"two-leg-heel-raise\"?",
            "/phases/1/id: phase id \"symptom-management\" is used twice",
            "/phases/2/max_duration_days: must be >= min_duration_days (70), got 7",
            "/phases/2/rules/1/exercises/2: \"standing-calf-raise\" is not prescribed in this "
            "phase",
        }));
}

// --- properties over many generated logs ------------------------------------------------------

/// A seeded random patient: mostly done, some missed; pain all over the scale.
struct random_patient {
    std::mt19937 rng;
    session_log operator()(const session_prescription& p) {
        std::uniform_int_distribution<int> pct(0, 99);
        std::uniform_int_distribution<int> pain(0, 8);
        session_log log;
        log.session = p.session;
        const int roll = pct(rng);
        log.status = roll < 8    ? rehab::session_status::missed
                     : roll < 12 ? rehab::session_status::partial
                                 : rehab::session_status::done;
        log.pain_during = rehab::pain_score::make(pain(rng)).value();
        log.pain_after = rehab::pain_score::make(pain(rng) * 3 / 4).value();
        log.pain_next_morning = rehab::pain_score::make(pain(rng) / 2).value();
        log.insertional_pain = pct(rng) < 10;
        log.snap_or_pop = pct(rng) == 0;
        log.clinician_cleared = !p.referrals.empty() && pct(rng) < 50;
        if (pct(rng) < 20) {
            log.measurements.push_back(
                {rehab::measure::single_leg_heel_raises, static_cast<double>(pct(rng) % 25)});
        }
        return log;
    }
};

/// A single number that grows with every way a dose gets harder.
double intensity(const rehab::prescribed_item& item) {
    const auto& d = item.dose;
    double work = std::visit(
        [](const auto& w) -> double {
            using W = std::decay_t<decltype(w)>;
            if constexpr (std::is_same_v<W, rehab::repetitions>) {
                return w.reps.value();
            } else {
                return static_cast<double>(w.duration.count());
            }
        },
        d.work());
    double load = std::visit(
        [](const auto& l) -> double {
            using L = std::decay_t<decltype(l)>;
            if constexpr (std::is_same_v<L, rehab::kilograms>) {
                return l.value();
            } else if constexpr (std::is_same_v<L, rehab::percent_body_weight>) {
                return l.percent();
            } else if constexpr (std::is_same_v<L, rehab::rm_target>) {
                return 100.0 - l.max_reps();
            } else {
                return 0.0;
            }
        },
        d.load());
    const double support = d.support() ? static_cast<double>(*d.support()) : 0.0;
    return d.sets().value() * 1e6 + load * 1e3 + support * 1e2 + work;
}

TEST(EngineTest, PropertiesHoldForManyGeneratedLogs) {
    for (const auto& p : rehab::builtin_protocols()) {
        for (unsigned seed = 1; seed <= 25; ++seed) {
            const auto run = [&] {
                return rehab::simulate(p, date(2026, 12, 1), {}, random_patient{std::mt19937(seed)},
                                       200)
                    .value();
            };
            const auto s = run();
            SCOPED_TRACE(fmt::format("{} seed {}", p.id, seed));

            // Same inputs, same output.
            const auto again = run();
            ASSERT_EQ(s.sessions, again.sessions);
            ASSERT_EQ(s.trace, again.trace);

            // No dose increase right after a pain-rule breach.
            for (const auto& t : s.trace) {
                if (t.action != trace_action::held && t.action != trace_action::regressed) {
                    continue;
                }
                const auto at = std::find_if(s.sessions.begin(), s.sessions.end(),
                                             [&](const auto& x) { return x.session == t.at; });
                ASSERT_NE(at, s.sessions.end());
                const auto next = std::next(at);
                if (next == s.sessions.end()) {
                    continue;
                }
                ASSERT_EQ(next->phase_index, at->phase_index)
                    << "no phase change right after a breach";
                for (std::size_t i = 0; i < at->items.size(); ++i) {
                    EXPECT_LE(intensity(next->items[i]), intensity(at->items[i]))
                        << fmt::format("{} after a breach at {}", next->items[i], t.at);
                }
            }

            // No phase advances before its minimum.
            int phase_start = 0;
            std::size_t phase = 0;
            for (const auto& session : s.sessions) {
                if (session.phase_index != phase) {
                    EXPECT_GE(session.session.day - phase_start,
                              p.phases[phase].min_duration.count());
                    phase = session.phase_index;
                    phase_start = session.session.day;
                }
            }

            // A stop-and-refer flag stays on every prescription until cleared.
            for (std::size_t i = 1; i < s.sessions.size(); ++i) {
                for (const auto& r : s.sessions[i - 1].referrals) {
                    const bool cleared =
                        std::any_of(s.trace.begin(), s.trace.end(), [&](const auto& t) {
                            return t.action == trace_action::cleared && t.at >= r.raised_at &&
                                   t.at < s.sessions[i].session;
                        });
                    if (!cleared) {
                        EXPECT_NE(std::find(s.sessions[i].referrals.begin(),
                                            s.sessions[i].referrals.end(), r),
                                  s.sessions[i].referrals.end());
                    }
                }
            }
        }
    }
}

} // namespace
