// The course file: exact round trip (the value, the engine state rebuilt
// from the log, and the text), and every bad input located.
#include <rehab/course_file.hpp>

#include <algorithm>
#include <string>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <rehab/dates.hpp>
#include <rehab/protocols.hpp>

#include "test_support.hpp"

namespace {

using rehab::test::at;
using rehab::test::builtin;

using namespace std::chrono_literals;
using boost::gregorian::date;
using rehab::course;
using rehab::session_key;
using rehab::session_log;

session_log entry(session_key key, int during) {
    return {.session = key,
            .pain_during = rehab::pain_score::make(during).value(),
            .pain_after = rehab::pain_score{1},
            .pain_next_morning = rehab::pain_score{0}};
}

void must(const rehab::expected<void>& done) {
    EXPECT_TRUE(done.has_value()) << (done ? "" : fmt::format("{}", done.error()));
}

/// Three weeks of Alfredson with a breach, a red flag and a clearance, a
/// trip, a pause and a switch to HSR: every part a file holds.
course eventful_course() {
    auto c = course::start({.id = "patient-0042",
                            .affected_side = rehab::body_side::right,
                            .body_weight = rehab::kilograms{72.5}},
                           builtin("alfredson-eccentric"), date(2026, 11, 30),
                           {.time_zone = "Europe/Copenhagen"})
                 .value();
    for (int day = 0; day < 7; ++day) {
        must(c.record(entry({day, 0}, 0)));
        must(c.record(entry({day, 1}, 0)));
    }
    session_log detailed = entry({7, 0}, 7); // a breach
    detailed.status = rehab::session_status::partial;
    detailed.items = {{.exercise = "eccentric-heel-drop-straight-knee",
                       .sets_done = rehab::sets{2},
                       .reps_per_set = rehab::reps{15},
                       .added_load = rehab::kilograms{5.0}}};
    detailed.measurements = {{rehab::measure::visa_a, 61.0}};
    detailed.done_at = rehab::to_sys_days(date(2026, 12, 7)) + 7h + 12min;
    must(c.record(detailed));
    session_log flag = entry({8, 0}, 3);
    flag.snap_or_pop = true;
    must(c.record(flag));
    session_log cleared = entry({9, 1}, 0);
    cleared.clinician_cleared = true;
    cleared.status = rehab::session_status::partial;
    must(c.record(cleared));
    must(c.move(date(2026, 12, 12),
                {.time_zone = "America/New_York",
                 .times = {.by_sessions_per_day = {{2, {at(6h), at(17h)}}, {1, {at(17h)}}}},
                 .rest_days = {std::chrono::Sunday}}));
    must(c.record(entry({12, 0}, 1)));
    must(c.pause(date(2026, 12, 14), date(2026, 12, 16)));
    must(c.switch_protocol(date(2026, 12, 21), builtin("hsr-achilles")));
    must(c.record("hsr-achilles.v1.heavy-slow-resistance.d21.s0", entry({}, 2)));
    return c;
}

std::string text(const rehab::error_list& errors) {
    std::string out;
    for (const auto& e : errors) {
        out += fmt::format("{}\n", e);
    }
    return out;
}

TEST(CourseFileTest, ARoundTripIsExact) {
    const course c = eventful_course();
    ASSERT_EQ(c.log().size(), 19U);
    const std::string saved = rehab::to_json(c);
    const auto loaded = rehab::load_course(saved);
    ASSERT_TRUE(loaded.has_value()) << text(loaded.error());
    EXPECT_EQ(*loaded, c);
    // The engine state rebuilt from the log is the saved course's.
    EXPECT_EQ(loaded->trace(), c.trace());
    EXPECT_EQ(loaded->between(date(2026, 11, 30), date(2027, 6, 1)),
              c.between(date(2026, 11, 30), date(2027, 6, 1)));
    EXPECT_EQ(loaded->on(date(2026, 12, 23)), c.on(date(2026, 12, 23)));
    EXPECT_EQ(rehab::to_json(*loaded), saved);
    // Readable: sessions by id, dates as dates.
    EXPECT_NE(saved.find(R"("session": "alfredson-eccentric.v1.eccentric-loading.d7.s0")"),
              std::string::npos);
    EXPECT_NE(saved.find(R"("done_at": "2026-12-07T07:12:00Z")"), std::string::npos);
}

/// `saved` with the first `from` replaced by `to`.
std::string edited(std::string saved, std::string_view from, std::string_view to) {
    const auto at = saved.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return saved.replace(at, from.size(), to);
}

TEST(CourseFileTest, EveryProblemIsLocated) {
    const std::string saved = rehab::to_json(eventful_course());
    const auto first_error = [](const std::string& json) {
        const auto loaded = rehab::load_course(json);
        EXPECT_FALSE(loaded.has_value());
        return loaded ? std::string() : fmt::format("{}", loaded.error().front());
    };
    const std::string bad_pain = edited(saved, R"("pain_during": 7)", R"("pain_during": 12)");
    const auto before = bad_pain.substr(0, bad_pain.find(R"("pain_during": 12)"));
    const auto line = std::count(before.begin(), before.end(), '\n') + 1;
    const auto column = before.size() - before.rfind('\n');
    EXPECT_EQ(first_error(bad_pain),
              fmt::format("/log/14/pain_during: must be <= 10, got 12 (line {}, column {})", line,
                          column));
    EXPECT_EQ(first_error(edited(saved, R"("time_zone": "America/New_York")",
                                 R"("time_zone": "America/Nowhere")"))
                  .substr(0, 35),
              "/calendars/1/time_zone: unknown tim");
    EXPECT_EQ(
        first_error(edited(saved, R"("format": "rehab-course/1")", R"("format": "rehab-course/9")"))
            .substr(0, 49),
        "/format: must be \"rehab-course/1\", got \"rehab-cou");
    EXPECT_EQ(first_error(edited(saved, "d7.s0", "d7.s5")).substr(0, 22),
              "/log/14/session: \"alfr");
    EXPECT_EQ(first_error(edited(saved, R"("start": "2026-11-30")", R"("start": "2026-02-30")"))
                  .substr(0, 43),
              "/start: \"2026-02-30\" is not a calendar date");
    // A pause over days already logged leaves those entries without a session.
    EXPECT_EQ(first_error(edited(saved, R"("from": "2026-12-14")", R"("from": "2026-12-02")"))
                  .substr(0, 15),
              "/log/4/session:");
    EXPECT_EQ(first_error(edited(saved, R"("snap_or_pop": true)", R"("snap_or_pops": true)"))
                  .substr(0, 40),
              "/log/15/snap_or_pops: unknown field; did");
    EXPECT_EQ(first_error(edited(saved, R"("sets": 3)", R"("sets": 0)")).substr(0, 32),
              "/protocols/0/protocol/phases/0/p");
    EXPECT_NE(first_error("{\"format\": \"rehab-course/1\",}").find("(line 1, column 29)"),
              std::string::npos);
}

/// A catalog with one exercise that needs nothing of the leg.
rehab::catalog pumps_catalog() {
    rehab::catalog c;
    EXPECT_TRUE(c.add({.id = "ankle-pumps", .name = "Ankle pumps", .steps = {"Point the foot."}})
                    .has_value());
    return c;
}

/// Counted from the injury, no earlier than 7 days after the surgery, in a
/// boot, then free once a clinician confirms.
rehab::protocol after_injury() {
    using namespace rehab;
    using std::chrono::days;
    const prescription pumps{
        .exercise = "ankle-pumps",
        .dose = dose::make({.sets = sets{2}, .work = repetitions{.reps = reps{10}}}).value()};
    return {
        .id = "after-injury",
        .version = 1,
        .name = "After the injury",
        .phases = {phase{.id = "boot",
                         .name = "Boot",
                         .min_duration = days{28},
                         .prescriptions = {pumps},
                         .frequency = {.times = {at(8h)}},
                         .restrictions = {.orthosis = orthosis{.type = orthosis_type::walking_boot,
                                                               .setting = heel_wedges{2},
                                                               .source = "test"},
                                          .weight_bearing =
                                              weight_bearing_status{
                                                  .affected = weight_bearing::limited,
                                                  .aids = walking_aids::two_crutches},
                                          .rom_limits = {{.max_degrees = std::nullopt}},
                                          .not_allowed = {{.id = "running"}}}},
                   phase{.id = "free",
                         .name = "Free",
                         .min_duration = days{28},
                         .entry = {clinician_confirmation{"the repair is sound"}},
                         .prescriptions = {pumps},
                         .frequency = {.times = {at(8h)}}}},
        .counted_from = time_basis::injury,
        .earliest_start = earliest_start{.after_day_zero = days{7}, .source = "test"}};
}

TEST(CourseFileTest, PatientDatesAndClinicianConfirmationRoundTrip) {
    auto c =
        course::start(
            {.id = "p-7", .injury_date = date(2026, 11, 10), .surgery_date = date(2026, 11, 12)},
            after_injury(), date(2026, 11, 30), {.time_zone = "UTC"})
            .value();
    session_log confirmed = entry({0, 0}, 1);
    confirmed.clinician_confirmed = true;
    must(c.record(confirmed));
    must(c.record(entry({1, 0}, 0)));
    const std::string saved = rehab::to_json(c);
    const auto loaded = rehab::load_course(saved, pumps_catalog());
    ASSERT_TRUE(loaded.has_value()) << text(loaded.error());
    EXPECT_EQ(*loaded, c);
    EXPECT_EQ(loaded->patient().injury_date, date(2026, 11, 10));
    EXPECT_EQ(loaded->patient().surgery_date, date(2026, 11, 12));
    EXPECT_TRUE(loaded->log().at(0).clinician_confirmed);
    EXPECT_FALSE(loaded->log().at(1).clinician_confirmed);
    EXPECT_EQ(loaded->trace(), c.trace());
    EXPECT_EQ(rehab::to_json(*loaded), saved);
    for (const auto* part : {R"("injury_date": "2026-11-10")", R"("surgery_date": "2026-11-12")",
                             R"("clinician_confirmed": true)", R"("counted_from": "injury")",
                             R"("earliest_start": {)", R"("wedges": 2)"}) {
        EXPECT_NE(saved.find(part), std::string::npos) << part;
    }
    // Written only when set.
    const std::string plain = rehab::to_json(eventful_course());
    EXPECT_EQ(plain.find("injury_date"), std::string::npos);
    EXPECT_EQ(plain.find("surgery_date"), std::string::npos);
    EXPECT_EQ(plain.find("clinician_confirmed"), std::string::npos);
}

TEST(CourseFileTest, BadPatientDatesAreLocatedAtThePatient) {
    const auto start_error = [](rehab::course_patient who, date start) {
        const auto c = course::start(std::move(who), after_injury(), start, {.time_zone = "UTC"});
        EXPECT_FALSE(c.has_value());
        return c ? std::string() : fmt::format("{}", c.error());
    };
    EXPECT_EQ(start_error({.injury_date = date(2026, 12, 1)}, date(2026, 11, 30)),
              "/patient/injury_date: 2026-12-01 is after the start date 2026-11-30");
    EXPECT_EQ(start_error({.injury_date = date(2026, 11, 10), .surgery_date = date(2026, 11, 9)},
                          date(2026, 11, 30)),
              "/patient/surgery_date: 2026-11-09 is before the injury on 2026-11-10");
    EXPECT_EQ(start_error({.injury_date = date(2026, 11, 10), .surgery_date = date(2026, 11, 27)},
                          date(2026, 11, 30))
                  .substr(0, 52),
              "/start: after-injury starts 3 days after the surgery");
    // A protocol switched to too soon after the surgery: at the switch's date.
    auto c = course::start({.injury_date = date(2026, 11, 26), .surgery_date = date(2026, 11, 27)},
                           builtin("alfredson-eccentric"), date(2026, 11, 28), {.time_zone = "UTC"})
                 .value();
    const auto switched = c.switch_protocol(date(2026, 11, 29), after_injury());
    ASSERT_FALSE(switched.has_value());
    EXPECT_EQ(switched.error().path, "/from");
    // In a file, at the patient's field.
    std::string saved =
        rehab::to_json(course::start({.id = "p-7", .injury_date = date(2026, 11, 10)},
                                     after_injury(), date(2026, 11, 30), {.time_zone = "UTC"})
                           .value());
    const auto loaded = rehab::load_course(
        edited(saved, R"("injury_date": "2026-11-10")", R"("injury_date": "2026-12-10")"),
        pumps_catalog());
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(text(loaded.error()),
              "/patient/injury_date: 2026-12-10 is after the start date 2026-11-30 (line 6, "
              "column 5)\n");
}

} // namespace
