// Regression tests for the progression-safety findings: each with the input
// that showed it (issue 13), and what the engine does now.
#include <rehab/adherence.hpp>
#include <rehab/engine.hpp>
#include <rehab/schedule.hpp>

#include <algorithm>
#include <functional>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <rehab/protocols.hpp>

namespace {

using namespace std::chrono_literals;
using boost::gregorian::date;
using rehab::session_key;
using rehab::session_log;
using rehab::session_prescription;
using rehab::session_status;
using rehab::trace_action;

const date day_one(2026, 12, 1);

rehab::pain_score pain(int n) { return rehab::pain_score::make(n).value(); }

/// Alfredson with the clinic's pain-monitoring rule on top.
rehab::protocol alfredson_with_pain_rule(rehab::pain_monitoring rule,
                                         rehab::kilograms step = rehab::kilograms{5.0}) {
    auto p = rehab::protocols::alfredson_eccentric({.load_step = step}).value();
    rule.id = "pain-monitoring";
    p.phases[0].rules.push_back(rule);
    return p;
}

session_log pain_free(session_key key) {
    session_log log;
    log.session = key;
    log.pain_during = pain(0);
    log.pain_after = pain(0);
    return log;
}

rehab::simulation run(const rehab::protocol& p,
                      const std::function<session_log(session_key)>& report, int day_count = 84) {
    auto s = rehab::simulate(
        p, day_one, {}, [&](const session_prescription& x) { return report(x.session); },
        day_count);
    EXPECT_TRUE(s.has_value()) << (s ? "" : fmt::format("{}", s.error()));
    return s ? *s : rehab::simulation{};
}

const session_prescription& at(const rehab::simulation& s, session_key key) {
    return *std::find_if(s.sessions.begin(), s.sessions.end(),
                         [&](const auto& x) { return x.session == key; });
}

std::string load_of(const session_prescription& x) { return fmt::format("{}", x.items[0].dose); }

// Finding 1: 7/10 during at day 15, session 1, and next-morning pain climbing
// over the week; an entry without a morning of its own lifted the block.
TEST(EngineSafetyTest, ABreachLastsUntilItsReleaseWhateverTheEntriesBetween) {
    for (const double kg : {5.0, 2.5}) { // the built-in's step and the clinic's
        const auto p = alfredson_with_pain_rule({.during_max = pain(5),
                                                 .after_max = pain(5),
                                                 .morning_max = std::nullopt,
                                                 .weekly_morning_max = pain(1)},
                                                rehab::kilograms{kg});
        const auto s = run(p, [](session_key k) {
            auto log = pain_free(k);
            if (k == session_key{14, 0}) {
                log.pain_during = pain(7);
            }
            if (k.slot == 1) { // the evening entry reports the next morning
                log.pain_next_morning = pain(k.day >= 14 && k.day <= 17 ? 2 : 1);
            }
            return log;
        });
        SCOPED_TRACE(fmt::format("step {} kg", kg));
        const auto& before = at(s, {14, 0});
        // Day 15, session 2 to day 25, session 1: the weekly mean (1.1-1.6/10)
        // stays above 1/10 until day 18's morning has left the 7-day window.
        for (const auto& x : s.sessions) {
            if (x.session > session_key{14, 0} && x.session <= session_key{24, 0}) {
                EXPECT_EQ(load_of(x), load_of(before)) << fmt::format("{}", x.session);
                EXPECT_FALSE(x.breaches.empty()) << fmt::format("{}", x.session);
            }
        }
        EXPECT_EQ(at(s, {15, 0}).breaches.size(), 1U);
        EXPECT_EQ(at(s, {15, 0}).breaches[0].limit, rehab::pain_limit::weekly_morning);
        EXPECT_EQ(at(s, {15, 0}).breaches[0].since, (session_key{14, 1}));
        const auto trace_of = [&](trace_action action) {
            std::vector<std::string> out;
            for (const auto& t : s.trace) {
                if (t.action == action && t.rule == "pain-monitoring") {
                    out.push_back(fmt::format("{}", t));
                }
            }
            return out;
        };
        EXPECT_EQ(trace_of(trace_action::held),
                  (std::vector<std::string>{
                      "day 15, session 1: pain-monitoring held [day 15, session 1]: pain during "
                      "7/10 is above 5/10: no increase until it is back within the limit",
                      "day 15, session 2: pain-monitoring held [day 15, session 2]: the mean "
                      "next-morning pain of the last 7 days (1.1/10, 7 mornings) is above 1/10: "
                      "no increase until it is back within the limit"}));
        EXPECT_EQ(trace_of(trace_action::released),
                  (std::vector<std::string>{
                      "day 15, session 2: pain-monitoring released [day 15, session 2]: pain "
                      "during 0/10 is back at or below 5/10 (in breach since day 15, session 1)",
                      "day 25, session 1: pain-monitoring released [day 25, session 1]: the mean "
                      "next-morning pain of the last 7 days (1.0/10, 6 mornings) is back at or "
                      "below 1/10 (in breach since day 15, session 2)"}));
        // The next load step waits for the release, then comes at once.
        const auto first_after = std::find_if(s.trace.begin(), s.trace.end(), [](const auto& t) {
            return t.action == trace_action::progressed && t.at > session_key{14, 0};
        });
        ASSERT_NE(first_after, s.trace.end());
        EXPECT_EQ(first_after->at, (session_key{24, 0}));
    }
}

// Review of the change: a week of high mornings must not regress the entries
// that report a settled morning, and a breach that outlasts a phase's
// maximum is flagged for review; a clinician can end it.
TEST(EngineSafetyTest, TheWeeklyLevelRegressesOnlyOnHighMorningsAndIsReviewed) {
    auto p = alfredson_with_pain_rule({.during_max = pain(5),
                                       .after_max = pain(5),
                                       .morning_max = std::nullopt,
                                       .weekly_morning_max = pain(2),
                                       .response = rehab::breach_response::regress});
    const auto s = run(
        p,
        [](session_key k) {
            auto log = pain_free(k);
            if (k.slot == 1) {
                log.pain_next_morning = pain(k.day >= 78 && k.day < 84 ? 3 : 0);
            }
            log.clinician_cleared = k == session_key{85, 0};
            return log;
        },
        100);
    std::vector<session_key> regressed;
    for (const auto& t : s.trace) {
        if (t.action == trace_action::regressed) {
            regressed.push_back(t.at);
        }
    }
    // The mornings of days 79-84 are 3/10: the 7-day mean passes 2/10 on day
    // 83. The 0/10 mornings after them keep it above 2/10 for a while, but
    // only hold.
    EXPECT_EQ(regressed, (std::vector<session_key>{{82, 1}, {83, 1}}));
    const auto review = std::find_if(s.trace.begin(), s.trace.end(), [](const auto& t) {
        return t.action == trace_action::phase_review;
    });
    ASSERT_NE(review, s.trace.end());
    EXPECT_EQ(review->at, (session_key{84, 0}));
    EXPECT_NE(review->detail.find("a pain rule is in breach"), std::string::npos) << review->detail;
    // The breach holds the program past its 12 weeks until a clinician ends it.
    EXPECT_EQ(fmt::format("{}", *std::find_if(s.trace.begin(), s.trace.end(),
                                              [](const auto& t) {
                                                  return t.action == trace_action::released;
                                              })),
              "day 86, session 1: pain-monitoring released [day 86, session 1]: a clinician "
              "cleared the breach (the mean next-morning pain of the last 7 days (2.1/10, 7 "
              "mornings) is above 2/10, since day 83, session 2)");
    EXPECT_TRUE(s.complete);
    EXPECT_EQ(s.sessions.back().session, (session_key{85, 1}));
}

TEST(EngineSafetyTest, ARefusedEntrySaysItCarriesARedFlag) {
    const auto& p = rehab::find_builtin_protocol("alfredson-eccentric").value().get();
    auto entry = pain_free({0, 0});
    entry.snap_or_pop = true;
    entry.items = {{.exercise = "heel-drop"}};
    const std::vector<session_log> log{entry};
    const auto r = rehab::prescribe(p, day_one, {}, log, {0, 1});
    ASSERT_FALSE(r.has_value());
    EXPECT_TRUE(r.error().message.ends_with(
        "; the entry also reports a red flag: correct it and record it again"))
        << r.error().message;
}

// Finding 2: with pain 0/10 logged, "every 7 days" stepped at day 1, session 1.
TEST(EngineSafetyTest, TheFirstLoadStepComesAFullIntervalAfterThePhaseStarts) {
    const auto& p = rehab::find_builtin_protocol("alfredson-eccentric").value().get();
    const auto s = run(p, pain_free);
    EXPECT_EQ(load_of(at(s, {0, 1})), "3 x 15 reps, affected side only");
    EXPECT_EQ(load_of(at(s, {7, 0})), "3 x 15 reps, affected side only");
    EXPECT_EQ(load_of(at(s, {7, 1})), "3 x 15 reps, +5 kg, affected side only");
    const auto first = std::find_if(s.trace.begin(), s.trace.end(), [](const auto& t) {
        return t.action == trace_action::progressed;
    });
    ASSERT_NE(first, s.trace.end());
    EXPECT_EQ(first->at, (session_key{7, 0}));
}

// Finding 3: a missed entry with pain 9/10 raised no referral.
TEST(EngineSafetyTest, ARedFlagOnAMissedEntryRefersAndStaysUntilCleared) {
    const auto& p = rehab::find_builtin_protocol("alfredson-eccentric").value().get();
    const auto s = run(p, [](session_key k) {
        auto log = pain_free(k);
        if (k == session_key{3, 0}) {
            log.status = session_status::missed;
            log.pain_during = std::nullopt;
            log.pain_after = pain(9);
        }
        if (k == session_key{5, 1}) {
            log.status = session_status::missed;
            log.unable_to_bear_weight = true;
        }
        log.clinician_cleared = k == session_key{20, 0};
        return log;
    });
    EXPECT_TRUE(at(s, {3, 0}).referrals.empty());
    ASSERT_EQ(at(s, {3, 1}).referrals.size(), 1U);
    EXPECT_EQ(at(s, {3, 1}).referrals[0].reason, "pain after 9/10 is above the ceiling of 8/10");
    EXPECT_EQ(at(s, {20, 0}).referrals.size(), 2U); // both flags, until the clearance
    EXPECT_EQ(load_of(at(s, {20, 0})), "3 x 15 reps, affected side only") << "nothing increased";
    EXPECT_TRUE(at(s, {20, 1}).referrals.empty());
}

// Finding 4: a misspelt exercise id was ignored, unlisted items counted as
// done, and 5 x 30 against 3 x 15 was capped without a word.
TEST(EngineSafetyTest, LogsAreReadStrictly) {
    const auto& p = rehab::find_builtin_protocol("alfredson-eccentric").value().get();
    auto typo = pain_free({0, 1});
    typo.items = {{.exercise = "eccentric-heel-drop-straight-kne"},
                  {.exercise = "eccentric-heel-drop-bent-knee"}};
    const std::vector<session_log> with_typo{pain_free({0, 0}), typo};
    auto r = rehab::prescribe(p, day_one, {}, with_typo, {1, 0});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(fmt::format("{}", r.error()),
              "/log/1/items/0/exercise: \"eccentric-heel-drop-straight-kne\" is not prescribed in "
              "day 1, session 2 (phase \"eccentric-loading\"); did you mean "
              "\"eccentric-heel-drop-straight-knee\" or \"eccentric-heel-drop-bent-knee\"?");

    auto one_of_two = pain_free({0, 0});
    one_of_two.items = {{.exercise = "eccentric-heel-drop-bent-knee"}};
    const std::vector<session_log> unlisted{one_of_two};
    r = rehab::prescribe(p, day_one, {}, unlisted, {1, 0});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(fmt::format("{}", r.error()),
              "/log/0/items: a done session lists every prescribed exercise or none; "
              "\"eccentric-heel-drop-straight-knee\" is missing");

    auto more = pain_free({0, 0});
    more.items = {{.exercise = "eccentric-heel-drop-straight-knee",
                   .sets_done = rehab::sets{5},
                   .reps_per_set = rehab::reps{30}},
                  {.exercise = "eccentric-heel-drop-bent-knee"}};
    const std::vector<session_log> beyond{more};
    const auto plan = rehab::schedule::make(p, day_one).value();
    const auto report =
        rehab::adherence(plan, beyond, day_one, day_one,
                         std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + 9h);
    ASSERT_TRUE(report.has_value()) << fmt::format("{}", report.error());
    EXPECT_EQ(report->affected, (rehab::side_reps{.prescribed = 90, .done = 90, .beyond = 105}));
    EXPECT_EQ(fmt::format("{}", *report),
              "1/1 sessions (100 %), affected side 90/90 reps (100 %); 105 reps more than "
              "prescribed");
    // adherence reads the same entries the same way.
    EXPECT_EQ(fmt::format("{}", rehab::adherence(
                                    plan, with_typo, day_one, day_one + boost::gregorian::days(1),
                                    std::chrono::sys_days{std::chrono::year{2026} / 12 / 3})
                                    .error()),
              fmt::format("{}", rehab::prescribe(p, day_one, {}, with_typo, {1, 0}).error()));
}

// Finding 5: contracts that differed between functions.
TEST(EngineSafetyTest, EveryFunctionRefusesTheSameBadInput) {
    const auto& p = rehab::find_builtin_protocol("alfredson-eccentric").value().get();
    const std::vector<session_log> day_200{pain_free({0, 0}), pain_free({199, 0})};
    auto r = rehab::prescribe(p, day_one, {}, day_200, {1, 0});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(fmt::format("{}", r.error()),
              "/log/1: day 200, session 1 is not a planned session of the program");
    const auto plan = rehab::schedule::make(p, day_one).value();
    const auto noon = [](int y, unsigned m, unsigned d) {
        return std::chrono::sys_days{std::chrono::year{y} / m / d} + 12h;
    };
    EXPECT_EQ(
        fmt::format("{}",
                    rehab::adherence(plan, day_200, day_one, day_one, noon(2026, 12, 2)).error()),
        "/log/1: day 200, session 1 is not a session of the plan");

    const date last(2026, 12, 31);
    auto swapped = rehab::adherence(plan, {}, last, day_one, noon(2027, 1, 1));
    ASSERT_FALSE(swapped.has_value());
    EXPECT_EQ(fmt::format("{}", swapped.error()),
              "/first: the window starts on 2026-12-31, after its last day 2026-12-01");
    auto early = rehab::adherence(plan, {}, day_one, last, noon(2026, 11, 30));
    ASSERT_FALSE(early.has_value());
    EXPECT_EQ(fmt::format("{}", early.error()),
              "/as_of: 2026-11-30T12:00:00Z is before the plan starts (2026-12-01 in UTC)");
    auto outside =
        rehab::adherence(plan, {}, date(2027, 6, 1), date(2027, 6, 30), noon(2027, 7, 1));
    ASSERT_FALSE(outside.has_value());
    EXPECT_EQ(fmt::format("{}", outside.error()),
              "/first: the window 2027-06-01 to 2027-06-30 holds no day of the plan, which runs "
              "from 2026-12-01 to 2027-02-22");
    auto nothing_due = rehab::adherence(plan, {}, date(2026, 12, 20), last,
                                        std::chrono::sys_days{std::chrono::year{2026} / 12 / 5});
    ASSERT_TRUE(nothing_due.has_value());
    EXPECT_EQ(nothing_due->due, 0);
    EXPECT_FALSE(nothing_due->session_rate().has_value());
    EXPECT_EQ(fmt::format("{}", *nothing_due), "no sessions due");

    const auto close = rehab::schedule::make(
        p, day_one, {.times = {rehab::clock_time{8h}, rehab::clock_time{9h}}});
    ASSERT_FALSE(close.has_value());
    EXPECT_EQ(fmt::format("{}", close.error()),
              "/times/1: must be at least 180 min after the time before it (08:00), got 09:00 "
              "(min_session_gap_minutes)");
}

// Finding 6: raising a next-morning pain from 2/10 to 3/10 at day 23,
// session 2 gave +20 kg at day 31 where the original log gave +15 kg.
TEST(EngineSafetyTest, AWorseMorningNeverLowersTheBarForTheNext) {
    const auto p = alfredson_with_pain_rule({.during_max = pain(5), .after_max = pain(5)});
    const auto report = [](int morning_day_23) {
        return [=](session_key k) {
            auto log = pain_free(k);
            log.pain_next_morning = pain(1);
            if (k == session_key{22, 1}) {
                log.pain_next_morning = pain(morning_day_23);
            }
            if (k == session_key{23, 0}) {
                log.pain_next_morning = pain(3);
            }
            return log;
        };
    };
    const auto original = run(p, report(2));
    const auto worse = run(p, report(3));
    for (const auto& x : worse.sessions) {
        const auto& y = at(original, x.session);
        EXPECT_LE(x.items[0].load_kg.value_or(rehab::kilograms{0.0}),
                  y.items[0].load_kg.value_or(rehab::kilograms{0.0}))
            << fmt::format("{}", x.session);
    }
    EXPECT_EQ(load_of(at(original, {30, 0})), "3 x 15 reps, +20 kg, affected side only");
    EXPECT_EQ(load_of(at(worse, {30, 0})), "3 x 15 reps, +20 kg, affected side only");
    EXPECT_EQ(at(worse, {23, 0}).breaches.size(), 1U) << "3/10 is not settled";
    EXPECT_EQ(at(original, {23, 1}).breaches.size(), 1U) << "3/10 is not settled";
}

// Finding 7: "phase phase review", and what each missed-session policy counts.
TEST(EngineSafetyTest, TracesNameThePhaseOnceAndPoliciesCountAsDocumented) {
    EXPECT_EQ(fmt::format("{}", rehab::trace_entry{{84, 0},
                                                   "phase",
                                                   trace_action::phase_review,
                                                   {},
                                                   "loading reached its maximum"}),
              "day 85, session 1: phase review: loading reached its maximum");
    EXPECT_EQ(
        fmt::format("{}",
                    rehab::trace_entry{
                        {7, 0}, "phase", trace_action::phase_advanced, {}, "a -> b after 7 days"}),
        "day 8, session 1: phase advanced: a -> b after 7 days");
    EXPECT_EQ(
        fmt::format(
            "{}", rehab::trace_entry{{3, 1}, "stop", trace_action::stop_and_refer, {{3, 1}}, "x"}),
        "day 4, session 2: stop and refer [day 4, session 2]: x");

    // A session done 26 h late: skip counts it, make_up with 24 h does not.
    const auto& p = rehab::find_builtin_protocol("alfredson-eccentric").value().get();
    const auto plan = rehab::schedule::make(p, day_one).value();
    auto late = pain_free({0, 0});
    late.done_at = std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + 8h + 26h;
    const std::vector<session_log> log{late};
    const auto as_of = std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + 12h;
    const auto skip = rehab::adherence(plan, log, day_one, day_one, as_of, {});
    const auto make_up = rehab::adherence(plan, log, day_one, day_one, as_of,
                                          {.policy = rehab::missed_policy::make_up});
    ASSERT_TRUE(skip.has_value());
    ASSERT_TRUE(make_up.has_value());
    EXPECT_EQ(skip->done, 1);
    EXPECT_EQ(make_up->done, 0);
    EXPECT_EQ(make_up->missed, 1);
}

} // namespace
