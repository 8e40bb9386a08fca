// The handout page, read as a patient and a clinician would read it (every
// exercise once, every dose the plan prescribes, the warning signs, the
// logged sessions marked, the weekly totals right) and as an adversary
// would (hostile text, a page that must load nothing, bad input). The Nu
// HTML Checker and Chromium check the same pages in tests/html/.
#include <rehab/handout.hpp>

#include <set>
#include <string>
#include <string_view>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <rehab/course.hpp>
#include <rehab/protocols.hpp>
#include <rehab/version.hpp>

namespace {

using boost::gregorian::date;

const date first_day(2026, 12, 7);
constexpr auto printed_on = std::chrono::sys_days{std::chrono::year{2026} / 12 / 6};

std::size_t count(std::string_view text, std::string_view what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string_view::npos;
         at = text.find(what, at + what.size())) {
        ++n;
    }
    return n;
}

/// A patient for whom `p` may start on `first_day`: a rupture protocol's day
/// zero (injury and surgery) as early as its earliest start allows.
rehab::patient patient_for(const rehab::protocol& p) {
    rehab::patient who{.affected_side = rehab::body_side::right};
    if (p.counted_from != rehab::time_basis::start) {
        const auto after = p.earliest_start ? p.earliest_start->after_day_zero.count() : 0;
        who.injury_date = first_day - boost::gregorian::days(after);
        who.surgery_date = who.injury_date;
    }
    return who;
}

rehab::schedule plan_of(const rehab::protocol& p) {
    return rehab::schedule::make(p, first_day,
                                 {.time_zone = "Europe/Copenhagen", .patient = patient_for(p)})
        .value();
}

std::string page_of(const rehab::schedule& plan) {
    return rehab::to_html(plan, rehab::catalog::builtin(), {.as_of = printed_on}).value();
}

/// The text every export gives a prescribed item's dose, with its side.
std::string dose_text(const rehab::prescribed_item& item) {
    return fmt::format("{}", item.dose) +
           (item.side ? fmt::format(" ({})", *item.side) : std::string());
}

TEST(HandoutTest, EveryBuiltinShowsEachExerciseOnceAndEveryDoseItPrescribes) {
    for (const rehab::protocol& p : rehab::builtin_protocols()) {
        SCOPED_TRACE(p.id);
        const rehab::schedule plan = plan_of(p);
        ASSERT_FALSE(plan.empty());
        const std::string page = page_of(plan);
        EXPECT_TRUE(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        std::set<std::string> exercises;
        std::set<std::string> doses;
        for (const rehab::scheduled_session s : plan.sessions()) {
            for (const auto& item : plan.prescription(s).items) {
                exercises.insert(item.exercise);
                doses.insert(dose_text(item));
            }
        }
        for (const std::string& id : exercises) {
            EXPECT_EQ(count(page, fmt::format("id=\"exercise-{}\"", id)), 1U) << id;
            const auto* e = rehab::catalog::builtin().find(id);
            ASSERT_NE(e, nullptr);
            EXPECT_NE(page.find(fmt::format("<h3>{}</h3>", e->name)), std::string::npos) << id;
            for (const std::string& step : e->steps) {
                EXPECT_NE(page.find(step.substr(0, 20)), std::string::npos) << id;
            }
        }
        for (const std::string& dose : doses) {
            EXPECT_NE(page.find("<strong class=\"dose\">" + dose + "</strong>"), std::string::npos)
                << dose;
        }
        EXPECT_NE(page.find(p.name), std::string::npos);
        EXPECT_NE(page.find("Stop and contact your clinician if"), std::string::npos);
        EXPECT_NE(page.find("it does not diagnose"), std::string::npos);
        EXPECT_NE(page.find(std::string(rehab::version_string())), std::string::npos);
        // A rupture protocol's boot, weight-bearing and limits, phase by phase.
        for (const rehab::phase& ph : p.phases) {
            for (const std::string& line : rehab::plain_lines(ph.restrictions)) {
                EXPECT_NE(page.find(line.substr(0, 15)), std::string::npos) << line;
            }
        }
        // One week of the tick sheet per week of the plan with sessions (a
        // rupture protocol's first weeks in a splint have none).
        std::set<int> weeks;
        for (const rehab::scheduled_session s : plan.sessions()) {
            weeks.insert(rehab::schedule::week(s));
        }
        EXPECT_EQ(count(page, "<section class=\"week\">"), weeks.size());
    }
}

TEST(HandoutTest, AlfredsonsWeeklyTotalIsTwoExercisesOf3x15TwiceADayEveryDay) {
    const rehab::schedule plan = plan_of(*rehab::protocols::alfredson_eccentric());
    const std::string page = page_of(plan);
    // 2 exercises x 3 x 15 x 2 sessions x 7 days = 1260 repetitions a week // Alfredson 1998
    EXPECT_EQ(count(page, ": 1260 planned</title>"), 12U);
    EXPECT_NE(page.find("3 x 15 reps, affected side only (right)</strong>, twice a day, every day"),
              std::string::npos);
    // Twice a day, every day: 7 rows of 2 sessions a week, one box each
    // (the dose is for the affected side only).
    EXPECT_EQ(count(page, "<span class=\"box\" title=\"to tick\">"), 168U);
    EXPECT_EQ(count(page, "<span class=\"side\">"), 0U);
}

TEST(HandoutTest, AnEachSideDoseGetsABoxPerSide) {
    const auto p = rehab::protocols::silbernagel_combined().value();
    const rehab::schedule plan = plan_of(p);
    const std::string page = page_of(plan);
    EXPECT_GT(count(page, "<span class=\"side\">L</span>"), 0U);
    EXPECT_EQ(count(page, "<span class=\"side\">L</span>"),
              count(page, "<span class=\"side\">R</span>"));
}

TEST(HandoutTest, HostileTextIsEscapedAndThePageLoadsNothing) {
    rehab::catalog mine = rehab::catalog::builtin();
    ASSERT_TRUE(mine.add({.id = "hostile",
                          .name = "Heel <script>alert(1)</script> & \"drop\"",
                          .steps = {"Stand <img src=x onerror=alert(1)> on the step."}}));
    rehab::protocol p = rehab::protocols::alfredson_eccentric().value();
    p.name = "Plan </title><script>x()</script>";
    p.phases[0].prescriptions[0].exercise = "hostile";
    const auto plan = rehab::schedule::make(p, first_day).value();
    const std::string page = rehab::to_html(plan, mine, {.as_of = printed_on}).value();
    EXPECT_NE(page.find("Heel &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;drop&quot;"),
              std::string::npos);
    EXPECT_NE(page.find("Stand &lt;img src=x onerror=alert(1)&gt; on the step."),
              std::string::npos);
    EXPECT_EQ(page.find("<script"), std::string::npos);
    EXPECT_EQ(page.find("<img"), std::string::npos);
    // Nothing to load or run: no source, link, style import or URL but the
    // SVG namespace (a name, never fetched).
    for (const std::string_view loader : {" src=\"", " href=\"", "@import", "url(", "<link",
                                          "<iframe", "<object", "<embed", "javascript:"}) {
        EXPECT_EQ(page.find(loader), std::string::npos) << loader;
    }
    EXPECT_EQ(count(page, "http"), count(page, "xmlns=\"http://www.w3.org/2000/svg\""));
}

TEST(HandoutTest, TheSameInputGivesTheSameBytes) {
    const rehab::schedule plan = plan_of(*rehab::protocols::hsr_achilles());
    const std::string first = page_of(plan);
    EXPECT_EQ(first, page_of(plan));
    EXPECT_NE(first.find(fmt::format("rehab {} on 2026-12-06", rehab::version_string())),
              std::string::npos);
    const std::string later = rehab::to_html(plan, rehab::catalog::builtin(),
                                             {.as_of = printed_on + std::chrono::days{1}})
                                  .value();
    EXPECT_NE(later.find("on 2026-12-07"), std::string::npos);
}

TEST(HandoutTest, BadInputIsRefusedWithWhereItIs) {
    rehab::protocol p = rehab::protocols::alfredson_eccentric().value();
    p.phases[0].prescriptions[1].exercise = "heel-drop-bent";
    const auto plan = rehab::schedule::make(p, first_day).value();
    const auto refused = rehab::to_html(plan, rehab::catalog::builtin(), {.as_of = printed_on});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().path, "/protocol/phases/0/prescriptions/1/exercise");
    EXPECT_NE(refused.error().message.find("heel-drop-bent"), std::string::npos);

    rehab::protocol named = rehab::protocols::alfredson_eccentric().value();
    named.name = "Alfredson\n";
    const auto plan2 = rehab::schedule::make(named, first_day).value();
    const auto control = rehab::to_html(plan2, rehab::catalog::builtin(), {.as_of = printed_on});
    ASSERT_FALSE(control);
    EXPECT_EQ(control.error().path, "/protocol/name");
}

TEST(HandoutTest, ACourseMarksTheSessionsLoggedAndChartsWhatWasDone) {
    auto c = rehab::course::start({.id = "p42", .affected_side = rehab::body_side::left},
                                  rehab::protocols::alfredson_eccentric().value(), first_day,
                                  {.time_zone = "Europe/Copenhagen"})
                 .value();
    ASSERT_TRUE(c.record({.session = {0, 0}, .pain_during = rehab::pain_score{3}}));
    ASSERT_TRUE(c.record(
        {.session = {0, 1},
         .status = rehab::session_status::partial,
         .items = {{.exercise = "eccentric-heel-drop-straight-knee", .sets_done = rehab::sets{1}}},
         .pain_during = rehab::pain_score{5}}));
    ASSERT_TRUE(c.record({.session = {1, 0}, .status = rehab::session_status::missed}));
    // After the third session of day 1 (08:00 local is 07:00 UTC).
    const auto now =
        std::chrono::sys_days{std::chrono::year{2026} / 12 / 8} + std::chrono::hours{20};
    const std::string page = rehab::to_html(c, rehab::catalog::builtin(), {.as_of = now}).value();
    EXPECT_EQ(count(page, "title=\"done\">&#10003;</span>"), 1U);
    EXPECT_EQ(count(page, "title=\"partly done\">&#189;</span>"), 1U);
    EXPECT_EQ(count(page, "title=\"missed\">&#10007;</span>"), 1U);
    // Day 1's second session started by `now` and is not logged.
    EXPECT_EQ(count(page, "not logged"), 1U);
    EXPECT_NE(page.find("<dt>Patient</dt><dd>p42</dd>"), std::string::npos);
    // Week 1: 1260 prescribed; done: 90 (the first session in full) + 15
    // (one set of the one exercise logged in the partial one).
    EXPECT_NE(page.find("week 1: 1260 prescribed"), std::string::npos);
    EXPECT_NE(page.find("week 1: 105 done"), std::string::npos);
    EXPECT_NE(page.find("week 1: mean pain during 4.0/10"), std::string::npos);
}

TEST(HandoutTest, ACourseShowsAFlagInForce) {
    auto c = rehab::course::start({}, rehab::protocols::alfredson_eccentric().value(), first_day)
                 .value();
    ASSERT_TRUE(c.record({.session = {0, 0}, .snap_or_pop = true}));
    const std::string page =
        rehab::to_html(c, rehab::catalog::builtin(), {.as_of = printed_on}).value();
    EXPECT_NE(page.find("A clinician must review before the program goes on"), std::string::npos);
    EXPECT_NE(page.find(c.referrals().front().reason.substr(0, 20)), std::string::npos);
}

TEST(HandoutTest, APausedAndSwitchedCourseSaysSoAndEscapesEveryName) {
    auto c = rehab::course::start({.id = "p7"}, rehab::protocols::alfredson_eccentric().value(),
                                  first_day)
                 .value();
    ASSERT_TRUE(c.pause(date(2026, 12, 14), date(2026, 12, 27)));
    rehab::protocol hostile = rehab::protocols::hsr_achilles().value();
    hostile.name = "HSR <script>alert(1)</script>";
    ASSERT_TRUE(c.switch_protocol(date(2027, 1, 4), hostile));
    const std::string page =
        rehab::to_html(c, rehab::catalog::builtin(), {.as_of = printed_on}).value();
    EXPECT_EQ(page.find("<script"), std::string::npos);
    EXPECT_NE(page.find("<dt>Source of HSR &lt;script&gt;alert(1)&lt;/script&gt;</dt>"),
              std::string::npos);
    EXPECT_NE(page.find("<dt>Paused</dt><dd>Mon 14 Dec 2026 to Sun 27 Dec 2026</dd>"),
              std::string::npos);
    // Weeks 2 and 3 are paused: week 4 refers back to week 1, the last one shown.
    EXPECT_EQ(page.find("Week 2: "), std::string::npos);
    EXPECT_NE(page.find("The same exercises and doses as week 1."), std::string::npos);
    EXPECT_NE(page.find("(the next program took over on Mon 4 Jan 2027)"), std::string::npos);
}

TEST(HandoutTest, APlanSaysWhichPhasesWaitForTheirStep) {
    const rehab::schedule plan = plan_of(rehab::protocols::silbernagel_combined().value());
    const std::string page = page_of(plan);
    // Every gate of Silbernagel's phases asks for more than time.
    EXPECT_EQ(count(page, "at the earliest, and only once its step is passed"),
              plan.program().phases.size() - 1);
}

} // namespace
