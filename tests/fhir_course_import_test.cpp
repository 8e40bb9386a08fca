// rehab::course_from_fhir: a course's FHIR Bundle read back. Courses that
// use every part of a course (a log with pain, measurements, items and a
// late session; a move to another zone with rest days; a pause; a switch of
// protocol; a rupture protocol's phases) come back equal, so the engine goes
// on from the same state; what a Bundle says beyond the course is reported;
// what the course cannot be made from is refused where it is.
#include <rehab/fhir.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <rehab/course.hpp>
#include <rehab/course_file.hpp>
#include <rehab/protocols.hpp>

#include "fhir_courses.hpp"
#include "property_sample.hpp"

namespace fhir_course_import_test {
namespace {

using boost::gregorian::date;
using json = nlohmann::json;
using rehab::course;
using rehab::session_log;
using rehab_test::entry;

json exported(const course& c) {
    const rehab::expected<std::string> text = rehab::to_fhir(c);
    EXPECT_TRUE(text.has_value()) << (text ? "" : fmt::format("{}", text.error()));
    return text ? json::parse(*text) : json{};
}

rehab::expected<rehab::fhir_course_import> imported(const json& bundle) {
    return rehab::course_from_fhir(bundle.dump(2));
}

/// Alfredson from Monday 2026-11-30 in UTC: a week logged (a partial
/// session with its items, a clinician's clearance), then a move to London
/// with Sundays off, a pause, and a switch to heavy slow resistance with its
/// first session logged.
course everything() {
    course c = course::start({.id = "m-1",
                              .affected_side = rehab::body_side::right,
                              .body_weight = rehab::kilograms{81.5}},
                             rehab::protocols::alfredson_eccentric().value(), date(2026, 11, 30))
                   .value();
    for (int day = 0; day < 7; ++day) {
        for (int slot = 0; slot < 2; ++slot) {
            session_log e = entry({day, slot}, 2, 3, 1);
            if (day == 2 && slot == 1) {
                e.status = rehab::session_status::partial;
                e.items = {{.exercise = "eccentric-heel-drop-straight-knee",
                            .sets_done = rehab::sets{2},
                            .reps_per_set = rehab::reps{12}}};
                e.insertional_pain = true;
            }
            if (day == 5 && slot == 0) {
                e.clinician_cleared = true;
            }
            EXPECT_TRUE(c.record(e)) << day;
        }
    }
    EXPECT_TRUE(
        c.move(date(2026, 12, 8),
               {.time_zone = "Europe/London",
                .times = {.by_sessions_per_day =
                              {{2,
                                {rehab::clock_time{std::chrono::hours{7}},
                                 rehab::clock_time{std::chrono::hours{19}}}},
                               {1, {rehab::clock_time{std::chrono::minutes{17 * 60 + 30}}}}}},
                .rest_days = {std::chrono::Sunday}}));
    EXPECT_TRUE(c.record(entry({8, 0}, 1, 1, 1)));
    EXPECT_TRUE(c.pause(date(2026, 12, 10), date(2026, 12, 12)));
    const auto switched =
        c.switch_protocol(date(2026, 12, 28), rehab::protocols::hsr_achilles().value());
    EXPECT_TRUE(switched) << (switched ? "" : fmt::format("{}", switched.error()));
    const auto first = c.between(date(2026, 12, 28), date(2027, 1, 3));
    EXPECT_FALSE(first.empty());
    if (!first.empty()) {
        EXPECT_TRUE(c.record(entry(first.front().key, 3, 2, 2)));
    }
    return c;
}

/// The rupture course with its first three sessions logged.
course rupture_logged() {
    course c = rehab_test::rupture_course();
    const auto due = c.between(c.start_date(), c.start_date() + boost::gregorian::days(120));
    for (std::size_t i = 0; i < 3 && i < due.size(); ++i) {
        EXPECT_TRUE(c.record(entry(due[i].key, 1, 1, 0)));
    }
    return c;
}

std::vector<course> courses() {
    return {rehab_test::three_weeks(),
            rehab_test::example_course(),
            everything(),
            rehab_test::rupture_course(),
            rupture_logged(),
            course::start({.id = "new"}, rehab::protocols::alfredson_eccentric().value(),
                          date(2026, 12, 1))
                .value()};
}

/// The pointer of the course record's text in `bundle`.
std::string record_at(const json& bundle) {
    for (std::size_t k = 0; k < bundle.at("entry").size(); ++k) {
        const json& r = bundle.at("entry").at(k).at("resource");
        if (r.at("resourceType") == "CarePlan") {
            return fmt::format("/entry/{}/resource/extension/0/valueString", k);
        }
    }
    ADD_FAILURE() << "no CarePlan";
    return {};
}

/// The course record of `bundle` changed by `edit`.
template <class Edit>
json with_record(json bundle, Edit edit) {
    const json::json_pointer at(record_at(bundle));
    json record = json::parse(bundle.at(at).get<std::string>());
    edit(record);
    bundle.at(at) = record.dump();
    return bundle;
}

TEST(FhirCourseImport, EveryCourseComesBackEqualWithNothingLost) {
    for (const course& c : courses()) {
        const json bundle = exported(c);
        const auto back = imported(bundle);
        ASSERT_TRUE(back) << c.patient().id << ": " << fmt::format("{}", back.error());
        EXPECT_TRUE(back->course == c) << c.patient().id;
        EXPECT_EQ(rehab::to_json(back->course), rehab::to_json(c));
        for (const rehab::fhir_loss& l : back->lost) {
            ADD_FAILURE() << c.patient().id << ": " << l.path << ": " << l.why;
        }
        EXPECT_EQ(exported(back->course), bundle) << c.patient().id;
    }
}

TEST(FhirCourseImport, TwoVersionsOfAProtocolEachKeepTheirPlanDefinition) {
    // A clinic's second version of a protocol, switched to mid-course: both
    // PlanDefinitions share a url and so a fullUrl, told apart by version.
    rehab::protocol second = rehab::protocols::alfredson_eccentric().value();
    second.version = 2;
    second.name += ", clinic edition";
    course c = course::start({.id = "v-2"}, rehab::protocols::alfredson_eccentric().value(),
                             date(2026, 12, 1))
                   .value();
    ASSERT_TRUE(c.record(entry({0, 0}, 1, 1, 1)));
    ASSERT_TRUE(c.switch_protocol(date(2026, 12, 8), second));
    const json bundle = exported(c);
    std::vector<std::string> versions;
    std::vector<std::string> version_ids;
    for (const json& e : bundle.at("entry")) {
        const json& r = e.at("resource");
        if (r.at("resourceType") == "PlanDefinition") {
            EXPECT_EQ(e.at("fullUrl"),
                      "https://rehab.example/fhir/PlanDefinition/alfredson-eccentric");
            versions.push_back(r.at("version"));
            version_ids.push_back(
                r.contains("meta") ? r.at("meta").at("versionId").get<std::string>() : "");
        }
    }
    EXPECT_EQ(versions, (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(version_ids,
              (std::vector<std::string>{"", "2"})); // bdl-7: fullUrl & versionId differ
    const auto back = imported(bundle);
    ASSERT_TRUE(back) << fmt::format("{}", back.error());
    EXPECT_TRUE(back->course == c);
    EXPECT_EQ(back->course.protocols().at(1).program->version, 2);
    for (const rehab::fhir_loss& l : back->lost) {
        ADD_FAILURE() << l.path << ": " << l.why;
    }
}

TEST(FhirCourseImport, TheImportedCourseGoesOnAsTheOriginalWould) {
    course original = rehab_test::three_weeks();
    auto back = imported(exported(original));
    ASSERT_TRUE(back);
    course& copy = back->course;
    EXPECT_EQ(copy.trace().size(), original.trace().size());
    for (int day = 21; day < 28; ++day) {
        const date d = original.start_date() + boost::gregorian::days(day);
        const auto want = original.on(d);
        const auto got = copy.on(d);
        ASSERT_EQ(got.size(), want.size()) << day;
        for (std::size_t i = 0; i < want.size(); ++i) {
            EXPECT_EQ(got[i].utc, want[i].utc);
            EXPECT_EQ(got[i].prescription->items, want[i].prescription->items) << day;
            // The same entry logged in both gives the same next decision.
            const session_log e = entry(want[i].key, 6, 7, 6);
            ASSERT_TRUE(original.record(e));
            ASSERT_TRUE(copy.record(e));
            EXPECT_EQ(copy.trace(), original.trace());
        }
    }
}

TEST(FhirCourseImport, APainObservationThatDisagreesWithTheLogIsReportedAndTheLogWins) {
    const course c = rehab_test::three_weeks();
    json bundle = exported(c);
    std::string changed;
    for (std::size_t k = 0; k < bundle.at("entry").size() && changed.empty(); ++k) {
        json& r = bundle.at("entry").at(k).at("resource");
        if (r.at("resourceType") == "Observation" && r.contains("valueInteger")) {
            r.at("valueInteger") = 9;
            changed = fmt::format("/entry/{}/resource/valueInteger", k);
        }
    }
    ASSERT_FALSE(changed.empty());
    const auto back = imported(bundle);
    ASSERT_TRUE(back) << fmt::format("{}", back.error());
    EXPECT_TRUE(back->course == c);
    ASSERT_EQ(back->lost.size(), 1U);
    EXPECT_EQ(back->lost[0].path, changed);
    EXPECT_EQ(back->lost[0].why, "differs from what the course gives (0): not imported");
}

TEST(FhirCourseImport, AForeignResourceIsReportedAndTheCourseImports) {
    const course c = everything();
    json bundle = exported(c);
    bundle.at("entry").push_back({{"fullUrl", "https://example.org/fhir/Condition/c1"},
                                  {"resource", {{"resourceType", "Condition"}, {"id", "c1"}}}});
    const auto back = imported(bundle);
    ASSERT_TRUE(back) << fmt::format("{}", back.error());
    EXPECT_TRUE(back->course == c);
    ASSERT_EQ(back->lost.size(), 1U);
    EXPECT_EQ(back->lost[0].path, fmt::format("/entry/{}", bundle.at("entry").size() - 1));
    EXPECT_EQ(back->lost[0].why, "a Condition the course does not use: not imported");
}

TEST(FhirCourseImport, AProtocolsBundleIsNoCourse) {
    const std::string text =
        rehab::to_fhir(rehab::protocols::alfredson_eccentric().value()).value();
    const auto back = rehab::course_from_fhir(text);
    ASSERT_FALSE(back);
    EXPECT_EQ(back.error().path, "/entry");
    EXPECT_EQ(back.error().message, "the Bundle holds no CarePlan: there is no course to read");
    EXPECT_TRUE(back.error().line.has_value());
}

TEST(FhirCourseImport, ACarePlanWithoutTheCourseRecordIsRefused) {
    json bundle = exported(rehab_test::three_weeks());
    const std::string at = record_at(bundle);
    const std::string plan_at = at.substr(0, at.find("/extension"));
    bundle.at(json::json_pointer(plan_at)).erase("extension");
    const auto back = imported(bundle);
    ASSERT_FALSE(back);
    EXPECT_EQ(back.error().path, plan_at);
    EXPECT_NE(back.error().message.find("no course-record extension"), std::string::npos)
        << back.error().message;
}

TEST(FhirCourseImport, ARecordThatIsNotJsonIsRefusedAtItsValue) {
    json bundle = exported(rehab_test::three_weeks());
    const std::string at = record_at(bundle);
    bundle.at(json::json_pointer(at)) = "{\"format\": ";
    const auto back = imported(bundle);
    ASSERT_FALSE(back);
    EXPECT_EQ(back.error().path, at);
    EXPECT_EQ(back.error().code, rehab::errc::parse_error);
}

TEST(FhirCourseImport, ARecordNamingAProtocolTheBundleLacksIsRefusedAtTheRecord) {
    const json bundle = with_record(exported(everything()), [](json& record) {
        record.at("protocols").at(1).at("protocol") =
            "https://rehab.example/fhir/PlanDefinition/hsr-achilles|7";
    });
    const auto back = imported(bundle);
    ASSERT_FALSE(back);
    EXPECT_EQ(back.error().path, record_at(bundle));
    EXPECT_EQ(back.error().message,
              "names the protocol https://rehab.example/fhir/PlanDefinition/hsr-achilles|7, which "
              "no PlanDefinition of the Bundle is (at /protocols/1/protocol of the JSON it holds)");
}

TEST(FhirCourseImport, ALogEntryTheCourseRefusesIsRefusedInsideTheRecord) {
    const json bundle = with_record(exported(rehab_test::three_weeks()), [](json& record) {
        record.at("log").at(3).at("pain_during") = 12;
    });
    const auto back = imported(bundle);
    ASSERT_FALSE(back);
    EXPECT_EQ(back.error().path, record_at(bundle));
    EXPECT_NE(back.error().message.find("(at /log/3/pain_during of the JSON it holds)"),
              std::string::npos)
        << back.error().message;
    EXPECT_TRUE(back.error().line.has_value());
}

TEST(FhirCourseImport, ADoseTheLibraryRefusesIsRefusedInItsPlanDefinition) {
    json bundle = exported(rehab_test::three_weeks());
    std::string at;
    for (std::size_t k = 0; k < bundle.at("entry").size() && at.empty(); ++k) {
        const json& r = bundle.at("entry").at(k).at("resource");
        if (r.at("resourceType") == "PlanDefinition") {
            at = fmt::format("/entry/{}/resource/action/0/action/0/extension/0/extension/0", k);
        }
    }
    ASSERT_FALSE(at.empty());
    json& sets = bundle.at(json::json_pointer(at));
    ASSERT_EQ(sets.at("url"), "sets");
    sets.at("valuePositiveInt") = 0;
    const auto back = imported(bundle);
    ASSERT_FALSE(back);
    EXPECT_EQ(back.error().path, at + "/valuePositiveInt");
    EXPECT_NE(back.error().message.find("(the protocol's /phases/0/prescriptions/0/dose/sets)"),
              std::string::npos)
        << back.error().message;
}

/// Every element of `j`, by JSON Pointer.
void pointers(const json& j, const std::string& at, std::vector<std::string>& out) {
    out.push_back(at);
    if (j.is_object()) {
        for (const auto& [key, value] : j.items()) {
            pointers(value, at + "/" + key, out);
        }
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) {
            pointers(j[i], at + "/" + std::to_string(i), out);
        }
    }
}

TEST(FhirCourseImport, AnyElementSetToNullGivesALocatedErrorOrAReportedLoss) {
    course c = course::start({.id = "n"}, rehab::protocols::alfredson_eccentric().value(),
                             date(2026, 12, 1))
                   .value();
    ASSERT_TRUE(c.record(entry({0, 0}, 2, 3, 1)));
    const json bundle = exported(c);
    // The course's own resources; the PlanDefinitions and ActivityDefinitions
    // are read as protocol_from_fhir reads them (FhirImport.AnyElement...).
    std::vector<std::string> all;
    for (std::size_t k = 0; k < bundle.at("entry").size(); ++k) {
        const json& e = bundle.at("entry").at(k);
        const json& type = e.at("resource").at("resourceType");
        if (type != "PlanDefinition" && type != "ActivityDefinition") {
            pointers(e, fmt::format("/entry/{}", k), all);
        }
    }
    ASSERT_GT(all.size(), 100U);
    std::size_t errors = 0;
    std::size_t losses = 0;
    // Every element in the dev preset; a share of them under the sanitizers
    // (tests/property_sample.hpp).
    const auto stride = static_cast<std::size_t>(100 / rehab::test::property_percent());
    for (std::size_t i = 0; i < all.size(); i += stride) {
        const std::string& at = all[i];
        json broken = bundle;
        broken.at(json::json_pointer(at)) = nullptr;
        const auto result = imported(broken);
        if (!result) {
            ++errors;
            EXPECT_TRUE(result.error().path.empty() ||
                        broken.contains(json::json_pointer(result.error().path)))
                << at << " gave an error at " << result.error().path;
            EXPECT_TRUE(result.error().line.has_value()) << at;
        } else if (result->course == c) {
            ++losses;
            EXPECT_FALSE(result->lost.empty()) << at << " = null imported without a word";
        }
    }
    EXPECT_GT(errors, 0U);
    EXPECT_GT(losses, 0U);
}

} // namespace
} // namespace fhir_course_import_test
