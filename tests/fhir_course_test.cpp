// The FHIR R4 export of a course (rehab::to_fhir(const course&)). Each test
// checks the Bundle against the course's own public queries: the doses of
// `course::on` day by day, the log, the pauses and the protocols'
// restrictions. The official R4 JSON schema is checked by fhir.schema
// (tests/fhir).
#include <rehab/fhir.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <rehab/catalog.hpp>
#include <rehab/course.hpp>
#include <rehab/course_file.hpp>
#include <rehab/dates.hpp>
#include <rehab/protocols.hpp>
#include <rehab/restrictions.hpp>
#include <rehab/time_zone.hpp>

#include "fhir_checks.hpp"
#include "fhir_courses.hpp"

namespace fhir_course_test {
namespace {

using boost::gregorian::date;
using boost::gregorian::days;
using json = nlohmann::json;
using rehab::course;
using rehab::session_key;
using rehab::session_log;
using rehab_test::entry;
using rehab_test::example_course;
using rehab_test::rupture_course;
using rehab_test::three_weeks;

const std::string base = "https://rehab.example/fhir/";

json exported(const course& c) {
    const rehab::expected<std::string> text = rehab::to_fhir(c);
    EXPECT_TRUE(text.has_value()) << (text ? "" : fmt::format("{}", text.error()));
    return text ? json::parse(*text) : json{};
}

/// The resources of `type` in the Bundle, in order.
std::vector<json> resources(const json& bundle, std::string_view type) {
    std::vector<json> out;
    for (const json& entry : bundle.at("entry")) {
        if (entry.at("resource").at("resourceType") == type) {
            out.push_back(entry.at("resource"));
        }
    }
    return out;
}

std::vector<json> dose_requests(const json& bundle) {
    std::vector<json> out = resources(bundle, "ServiceRequest");
    std::erase_if(out, [](const json& r) { return r.value("doNotPerform", false); });
    return out;
}

std::vector<json> do_not_perform(const json& bundle) {
    std::vector<json> out = resources(bundle, "ServiceRequest");
    std::erase_if(out, [](const json& r) { return !r.value("doNotPerform", false); });
    return out;
}

const json& care_plan(const json& bundle) {
    static const json none;
    for (const json& entry : bundle.at("entry")) {
        if (entry.at("resource").at("resourceType") == "CarePlan") {
            return entry.at("resource");
        }
    }
    ADD_FAILURE() << "no CarePlan";
    return none;
}

/// The dose text every export writes for `item` (src/export_format.hpp),
/// with the kilograms added where the dose's own text does not give them.
std::string dose_text(const rehab::prescribed_item& item) {
    std::string text = fmt::format("{}", item.dose);
    if (item.side) {
        text += fmt::format(" ({})", *item.side);
    }
    if (item.load_kg && !std::holds_alternative<rehab::kilograms>(item.dose.load())) {
        text += fmt::format(", {} kg added", item.load_kg->value());
    }
    return text;
}

std::string exercise_of(const json& request) {
    const auto url = request.at("instantiatesCanonical").at(0).get<std::string>();
    return url.substr(url.rfind('/') + 1);
}

/// A dose period worked out from `course::on`, day by day.
struct period {
    std::string exercise;
    std::string text;
    std::string start;
    std::optional<std::string> end;
    json dose_parts;
    friend bool operator<(const period& a, const period& b) {
        return std::tie(a.exercise, a.start, a.text) < std::tie(b.exercise, b.start, b.text);
    }
    friend bool operator==(const period& a, const period& b) {
        return std::tie(a.exercise, a.text, a.start, a.end, a.dose_parts) ==
               std::tie(b.exercise, b.text, b.start, b.end, b.dose_parts);
    }
};

json dose_parts(const rehab::dose& d) {
    json parts = json::object();
    for (const auto& [url, value] : rehab_test::expected_dose_parts(d)) {
        parts[url] = value;
    }
    return parts;
}

json extension_parts(const json& request) {
    json parts = json::object();
    for (const json& ext : request.at("extension")) {
        EXPECT_EQ(ext.at("url"), "https://rehab.example/fhir/StructureDefinition/exercise-dose");
        for (const json& part : ext.at("extension")) {
            json value = part;
            value.erase("url");
            parts[part.at("url").get<std::string>()] = value;
        }
    }
    return parts;
}

/// The dose periods of `c` from `course::on` over `first` to `last`: a run of
/// consecutive sessions with one exercise for one side at one dose.
std::vector<period> periods_from_queries(const course& c, date first, date last) {
    std::vector<period> out;
    std::map<std::string, std::pair<std::size_t, int>> open; // key -> (index in out, session #)
    int n = 0;
    std::size_t calendar = 0; // a new calendar's times or rest days start new periods
    for (date d = first; d <= last; d += days(1)) {
        bool new_calendar = false;
        while (calendar + 1 < c.calendars().size() && c.calendars()[calendar + 1].from <= d) {
            ++calendar;
            new_calendar = true;
        }
        for (const rehab::course_session& s : c.on(d)) {
            for (const rehab::prescribed_item& item : s.prescription->items) {
                const std::string key = item.exercise + fmt::format("{}", item.side.has_value());
                const std::string text = dose_text(item);
                const auto it = open.find(key);
                if (!new_calendar && it != open.end() && it->second.second == n - 1 &&
                    out[it->second.first].text == text &&
                    out[it->second.first].dose_parts == dose_parts(item.dose)) {
                    out[it->second.first].end = rehab::to_iso_date(d);
                    it->second.second = n;
                    continue;
                }
                open[key] = {out.size(), n};
                out.push_back({item.exercise, text, rehab::to_iso_date(d), rehab::to_iso_date(d),
                               dose_parts(item.dose)});
            }
            ++n;
            new_calendar = false;
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<period> periods_in_bundle(const json& bundle) {
    std::vector<period> out;
    for (const json& r : dose_requests(bundle)) {
        const json& bounds = r.at("occurrenceTiming").at("repeat").at("boundsPeriod");
        out.push_back(
            {exercise_of(r), r.at("patientInstruction"), bounds.at("start"),
             bounds.contains("end") ? std::optional<std::string>(bounds.at("end")) : std::nullopt,
             extension_parts(r)});
    }
    std::sort(out.begin(), out.end());
    return out;
}

void expect_references_resolve(const json& bundle) {
    std::set<std::string> full_urls;
    std::set<std::string> canonicals;
    for (const json& entry : bundle.at("entry")) {
        const json& r = entry.at("resource");
        EXPECT_TRUE(full_urls.insert(entry.at("fullUrl").get<std::string>()).second)
            << entry.at("fullUrl");
        if (r.contains("url")) {
            EXPECT_EQ(entry.at("fullUrl"), r.at("url"));
            canonicals.insert(r.at("url").get<std::string>());
        } else {
            EXPECT_EQ(entry.at("fullUrl"), base + r.at("resourceType").get<std::string>() + "/" +
                                               r.at("id").get<std::string>());
        }
    }
    std::vector<std::string> references;
    rehab_test::collect_references(bundle, references);
    EXPECT_FALSE(references.empty());
    for (const std::string& ref : references) {
        EXPECT_TRUE(full_urls.contains(base + ref)) << ref;
    }
    std::size_t canonical_count = 0;
    for (const json& entry : bundle.at("entry")) {
        std::vector<json> lists{entry.at("resource").value("instantiatesCanonical", json::array())};
        for (const json& a : entry.at("resource").value("activity", json::array())) {
            lists.push_back(a.at("detail").value("instantiatesCanonical", json::array()));
        }
        for (const json& list : lists) {
            for (const json& url : list) {
                std::string u = url.get<std::string>();
                u = u.substr(0, u.find('|'));
                EXPECT_TRUE(canonicals.contains(u)) << u;
                ++canonical_count;
            }
        }
    }
    EXPECT_GT(canonical_count, 0U);
}

TEST(FhirCourse, ReferencesResolveInsideTheBundle) {
    for (const course& c : {example_course(), three_weeks(), rupture_course()}) {
        SCOPED_TRACE(c.patient().id);
        const json bundle = exported(c);
        EXPECT_EQ(bundle.at("resourceType"), "Bundle");
        EXPECT_EQ(bundle.at("type"), "collection");
        expect_references_resolve(bundle);
        const json& plan = care_plan(bundle);
        EXPECT_EQ(plan.at("intent"), "plan");
        EXPECT_EQ(plan.at("subject").at("reference"),
                  "Patient/" + resources(bundle, "Patient").at(0).at("id").get<std::string>());
        EXPECT_EQ(resources(bundle, "Patient").at(0).at("identifier").at(0).at("value"),
                  c.patient().id);
        EXPECT_EQ(plan.at("period").at("start"), rehab::to_iso_date(c.start_date()));
        EXPECT_EQ(plan.at("activity").size(), resources(bundle, "ServiceRequest").size());
    }
}

TEST(FhirCourse, EveryTimingPassesTheTimingInvariants) {
    std::size_t timings = 0;
    for (const course& c : {example_course(), three_weeks()}) {
        std::vector<const json*> found;
        const json bundle = exported(c);
        rehab_test::collect_timings(bundle, found);
        for (const json* t : found) {
            EXPECT_EQ(rehab_test::timing_problems(*t), std::vector<std::string>{}) << t->dump();
            ++timings;
        }
    }
    EXPECT_GT(timings, 4U);
}

TEST(FhirCourse, TheDosesAreThoseTheCoursePrescribesDayByDay) {
    for (const course& c : {example_course(), three_weeks()}) {
        SCOPED_TRACE(c.patient().id);
        const json bundle = exported(c);
        // The course ends after its 84-day phase: every session is exported.
        const std::vector<period> want =
            periods_from_queries(c, c.start_date(), c.start_date() + days(100));
        ASSERT_FALSE(want.empty());
        EXPECT_EQ(periods_in_bundle(bundle), want);
        for (const json& r : dose_requests(bundle)) {
            EXPECT_EQ(r.at("code").at("coding").at(0).at("code"), "229065009");
            EXPECT_EQ(r.at("code").at("coding").at(0).at("system"), "http://snomed.info/sct");
        }
    }
}

TEST(FhirCourse, AProgressionStartsANewPeriodOnTheDayItTakesEffect) {
    const course c = three_weeks();
    const json bundle = exported(c);
    const std::string straight = c.on(c.start_date()).front().prescription->items.front().exercise;
    // The sessions `on` gives, in order, with this exercise's dose: the
    // first whose dose differs from the first session's is the progression.
    std::vector<std::pair<date, std::string>> doses;
    for (date d = c.start_date(); d < c.start_date() + days(30); d += days(1)) {
        for (const rehab::course_session& s : c.on(d)) {
            for (const rehab::prescribed_item& item : s.prescription->items) {
                if (item.exercise == straight) {
                    doses.emplace_back(d, dose_text(item));
                }
            }
        }
    }
    ASSERT_FALSE(doses.empty());
    std::size_t changed = 0;
    while (changed < doses.size() && doses[changed].second == doses.front().second) {
        ++changed;
    }
    ASSERT_LT(changed, doses.size()) << "the engine added no load";
    std::vector<json> requests = dose_requests(bundle);
    std::erase_if(requests, [&](const json& r) { return exercise_of(r) != straight; });
    ASSERT_GE(requests.size(), 2U);
    const json& before = requests[0].at("occurrenceTiming").at("repeat").at("boundsPeriod");
    const json& after = requests[1].at("occurrenceTiming").at("repeat").at("boundsPeriod");
    EXPECT_EQ(requests[0].at("patientInstruction"), doses.front().second);
    EXPECT_EQ(before.at("start"), rehab::to_iso_date(c.start_date()));
    EXPECT_EQ(before.at("end"), rehab::to_iso_date(doses[changed - 1].first));
    EXPECT_EQ(requests[1].at("patientInstruction"), doses[changed].second);
    EXPECT_EQ(after.at("start"), rehab::to_iso_date(doses[changed].first));
    EXPECT_NE(requests[1].at("patientInstruction").get<std::string>().find("kg"),
              std::string::npos);
    // Logged periods are completed; the one holding the last session logged is in progress.
    EXPECT_EQ(requests[0].at("status"), "completed");
    EXPECT_EQ(care_plan(bundle).at("status"), "active");
    const date last_logged = c.start_date() + days(c.log().back().session.day);
    for (const json& a : care_plan(bundle).at("activity")) {
        const json& b = a.at("detail").at("scheduledTiming").at("repeat").at("boundsPeriod");
        const std::string start = b.at("start");
        const std::string end = b.value("end", "9999-12-31");
        const std::string last = rehab::to_iso_date(last_logged);
        const char* want = end <= last ? "completed" : start <= last ? "in-progress" : "scheduled";
        EXPECT_EQ(a.at("detail").at("status"), want) << start << " to " << end;
    }
    const json& timing = requests[0].at("occurrenceTiming").at("repeat");
    EXPECT_EQ(timing.at("frequency"), 2);
    EXPECT_EQ(timing.at("periodUnit"), "d");
    json times = json::array();
    for (const rehab::clock_time& t : c.protocols()[0].program->phases[0].frequency.times) {
        times.push_back(fmt::format("{}:00", t));
    }
    EXPECT_EQ(timing.at("timeOfDay"), times);
}

TEST(FhirCourse, OneObservationPerPainLoggedAtTheSessionsTimeAndOffset) {
    const course c = three_weeks();
    const json bundle = exported(c);
    const rehab::time_zone zone = rehab::time_zone::locate("America/New_York").value();
    std::vector<std::tuple<std::string, std::string, int>> want;
    for (const session_log& e : c.log()) {
        const date d = c.start_date() + days(e.session.day);
        const rehab::course_session s = c.on(d).at(static_cast<std::size_t>(e.session.slot));
        const auto offset = zone.offset_at(s.utc);
        const long long minutes = std::chrono::abs(offset).count() / 60;
        const std::chrono::minutes late{
            e.done_at ? std::chrono::floor<std::chrono::minutes>(*e.done_at - s.utc)
                      : std::chrono::minutes{0}};
        const std::string at =
            fmt::format("{}T{}:00{}{:02}:{:02}", rehab::to_iso_date(s.date),
                        rehab::clock_time{s.local_time.since_midnight + late},
                        offset.count() < 0 ? '-' : '+', minutes / 60, minutes % 60);
        if (e.pain_during) {
            want.emplace_back("Pain during the session (0-10)", at, e.pain_during->value());
        }
        if (e.pain_after) {
            want.emplace_back("Pain after the session (0-10)", at, e.pain_after->value());
        }
        if (e.pain_next_morning) {
            want.emplace_back("Pain the next morning (0-10)", rehab::to_iso_date(s.date + days(1)),
                              e.pain_next_morning->value());
        }
    }
    std::vector<std::tuple<std::string, std::string, int>> got;
    for (const json& o : resources(bundle, "Observation")) {
        if (o.at("code").at("coding").at(0).at("system") != "http://loinc.org") {
            continue;
        }
        EXPECT_EQ(o.at("code").at("coding").at(0).at("code"), "72514-3");
        EXPECT_EQ(o.at("status"), "final");
        got.emplace_back(o.at("code").at("text"), o.at("effectiveDateTime"), o.at("valueInteger"));
        // Based on the requests of the session's exercises.
        EXPECT_EQ(o.at("basedOn").size(), 2U);
    }
    EXPECT_EQ(got, want);
    ASSERT_FALSE(got.empty());
    EXPECT_NE(std::get<1>(got.front()).find("-05:00"), std::string::npos) << "New York in winter";
}

TEST(FhirCourse, OutcomeScoresAreObservations) {
    const course c = three_weeks();
    const json bundle = exported(c);
    std::vector<std::pair<std::string, double>> want;
    for (const session_log& e : c.log()) {
        for (const rehab::measurement& m : e.measurements) {
            want.emplace_back(rehab::detail::token_of(m.what, rehab::detail::measure_names),
                              m.value);
        }
    }
    ASSERT_EQ(want.size(), 3U);
    std::vector<std::pair<std::string, double>> got;
    for (const json& o : resources(bundle, "Observation")) {
        const json& coding = o.at("code").at("coding").at(0);
        if (coding.at("system") == "https://rehab.example/fhir/CodeSystem/measure") {
            got.emplace_back(coding.at("code"), o.at("valueQuantity").at("value"));
            EXPECT_EQ(o.at("valueQuantity").at("system"), "http://unitsofmeasure.org");
        }
    }
    EXPECT_EQ(got, want);
}

TEST(FhirCourse, APausedCourseIsOnHoldAndAClosedPauseSplitsThePeriods) {
    course c = course::start({.id = "p7"}, rehab::protocols::alfredson_eccentric().value(),
                             date(2026, 12, 1))
                   .value();
    ASSERT_TRUE(c.record(entry({0, 0}, 2, 2, 1)));
    ASSERT_TRUE(c.pause(date(2026, 12, 5)));
    json bundle = exported(c);
    EXPECT_EQ(care_plan(bundle).at("status"), "on-hold");
    EXPECT_FALSE(care_plan(bundle).at("period").contains("end"));
    for (const json& a : care_plan(bundle).at("activity")) {
        EXPECT_EQ(a.at("detail").at("status"), "on-hold");
    }
    for (const json& r : dose_requests(bundle)) {
        EXPECT_EQ(r.at("status"), "on-hold");
        EXPECT_EQ(r.at("occurrenceTiming").at("repeat").at("boundsPeriod").at("end"), "2026-12-04");
    }
    ASSERT_TRUE(c.resume(date(2026, 12, 10)));
    bundle = exported(c);
    EXPECT_EQ(care_plan(bundle).at("status"), "active");
    std::set<std::pair<std::string, std::string>> bounds;
    for (const json& r : dose_requests(bundle)) {
        const json& b = r.at("occurrenceTiming").at("repeat").at("boundsPeriod");
        bounds.emplace(b.at("start"), b.value("end", ""));
        EXPECT_EQ(r.at("status"), "active");
    }
    const std::string last =
        rehab::to_iso_date(c.between(date(2026, 12, 1), date(2027, 12, 1)).back().planned_date);
    const std::set<std::pair<std::string, std::string>> want{{"2026-12-01", "2026-12-04"},
                                                             {"2026-12-10", last}};
    EXPECT_EQ(bounds, want);
}

TEST(FhirCourse, ARuptureCoursesRestrictionsAreDoNotPerformRequestsWithTheirReasons) {
    const course c = rupture_course();
    const rehab::protocol& p = *c.protocols().front().program;
    const date injury = c.start_date();
    const json bundle = exported(c);
    // The course starts on the day of the injury: it passes through every
    // phase up to the last its sessions reach, the splint phase (no
    // exercise, so no session) included. What each restricts:
    const std::vector<rehab::course_session> due = c.between(injury, injury + days(365));
    ASSERT_FALSE(due.empty());
    std::size_t last_phase = 0;
    for (const rehab::course_session& s : due) {
        last_phase = std::max(last_phase, s.prescription->phase_index);
    }
    ASSERT_TRUE(p.phases[0].prescriptions.empty());
    ASSERT_GT(due.front().planned_date, injury) << "no session in the splint phase";
    std::vector<std::size_t> phases;
    for (std::size_t i = 0; i <= last_phase; ++i) {
        phases.push_back(i);
    }
    std::vector<std::pair<std::string, std::string>> want; // reason, instruction
    for (const std::size_t i : phases) {
        const rehab::phase_restrictions& r = p.phases[i].restrictions;
        const std::string reason =
            fmt::format("A restriction of the phase \"{}\" of {}", p.phases[i].name, p.name);
        const std::vector<std::string> lines = rehab::plain_lines(r);
        if (r.weight_bearing && r.weight_bearing->affected != rehab::weight_bearing::full) {
            want.emplace_back(reason,
                              fmt::format("Weight on the affected leg: {}", *r.weight_bearing));
        }
        for (const rehab::rom_limit& limit : r.rom_limits) {
            want.emplace_back(reason, fmt::format("Range of motion: {}", limit));
        }
        for (const rehab::activity& a : r.not_allowed) {
            std::string words = a.id;
            std::replace(words.begin(), words.end(), '_', ' ');
            want.emplace_back(reason,
                              "Not yet: " + words + (a.note.empty() ? "" : " (" + a.note + ")"));
        }
    }
    ASSERT_GT(want.size(), 3U);
    std::vector<std::pair<std::string, std::string>> got;
    for (const json& r : do_not_perform(bundle)) {
        got.emplace_back(r.at("reasonCode").at(0).at("text"), r.at("patientInstruction"));
        EXPECT_TRUE(r.at("occurrencePeriod").contains("start"));
        EXPECT_FALSE(r.at("code").at("text").get<std::string>().empty());
        EXPECT_EQ(r.at("status"), "active") << "nothing logged yet";
    }
    EXPECT_EQ(got, want);
    // The splint phase holds from the injury to the day before the first session.
    const json splint = do_not_perform(bundle).at(0);
    EXPECT_EQ(
        splint.at("patientInstruction"),
        fmt::format("Weight on the affected leg: {}", *p.phases[0].restrictions.weight_bearing));
    EXPECT_EQ(splint.at("occurrencePeriod").at("start"), rehab::to_iso_date(injury));
    EXPECT_EQ(splint.at("occurrencePeriod").at("end"),
              rehab::to_iso_date(due.front().planned_date - days(1)));
    std::size_t activities = 0;
    for (const json& a : care_plan(bundle).at("activity")) {
        if (a.at("detail").value("doNotPerform", false)) {
            EXPECT_EQ(a.at("detail").at("status"), "scheduled");
            ++activities;
        }
    }
    EXPECT_EQ(activities, want.size());
}

TEST(FhirCourse, ACourseLoggedToItsLastSessionIsCompleted) {
    course c = course::start({.id = "p8"}, rehab::protocols::alfredson_eccentric().value(),
                             date(2026, 12, 1))
                   .value();
    const std::vector<rehab::course_session> due = c.between(date(2026, 12, 1), date(2027, 12, 1));
    ASSERT_FALSE(due.empty());
    for (std::size_t i = 0; i + 1 < due.size(); ++i) {
        ASSERT_TRUE(c.record(entry(due[i].key, 1, 1, 1)));
    }
    json bundle = exported(c);
    EXPECT_EQ(care_plan(bundle).at("status"), "active") << "one session left";
    ASSERT_TRUE(c.record(entry(due.back().key, 1, 1, 1)));
    bundle = exported(c);
    EXPECT_EQ(care_plan(bundle).at("status"), "completed");
    EXPECT_EQ(care_plan(bundle).at("period").at("end"),
              rehab::to_iso_date(due.back().planned_date));
    for (const json& a : care_plan(bundle).at("activity")) {
        EXPECT_EQ(a.at("detail").at("status"), "completed");
    }
    for (const json& r : dose_requests(bundle)) {
        EXPECT_EQ(r.at("status"), "completed");
    }
}

TEST(FhirCourse, TheSameCourseGivesTheSameBytes) {
    const course c = three_weeks();
    const course copy = c;
    const std::string text = rehab::to_fhir(c).value();
    EXPECT_EQ(text, rehab::to_fhir(copy).value());
    EXPECT_EQ(text, rehab::to_fhir(three_weeks()).value());
    EXPECT_EQ(text.back(), '\n');
    EXPECT_EQ(text.substr(0, 5), "{\n  \"") << "indented by 2";
}

TEST(FhirCourse, AProtocolTheCatalogCannotServeIsRefusedWithItsPath) {
    course c = course::start({.id = "p9"}, rehab::protocols::alfredson_eccentric().value(),
                             date(2026, 12, 1))
                   .value();
    ASSERT_TRUE(c.switch_protocol(date(2026, 12, 15), rehab::protocols::hsr_achilles().value()));
    rehab::catalog alfredson_only;
    for (const rehab::prescription& rx : c.protocols()[0].program->phases[0].prescriptions) {
        ASSERT_TRUE(alfredson_only.add(rehab::catalog::builtin().get(rx.exercise).value().get()));
    }
    const rehab::expected<std::string> text = rehab::to_fhir(c, alfredson_only);
    ASSERT_FALSE(text.has_value());
    EXPECT_EQ(text.error().path.substr(0, 22), "/protocols/1/protocol/");
    EXPECT_TRUE(text.error().path.ends_with("/exercise")) << text.error().path;
    EXPECT_FALSE(rehab::to_fhir(c, rehab::catalog{}).has_value());
    EXPECT_TRUE(rehab::to_fhir(c).has_value());
}

TEST(FhirCourse, ASwitchedProtocolsLastPeriodIsStoppedOnceLogged) {
    course c = course::start({.id = "p9"}, rehab::protocols::alfredson_eccentric().value(),
                             date(2026, 12, 1))
                   .value();
    ASSERT_TRUE(c.switch_protocol(date(2026, 12, 3), rehab::protocols::hsr_achilles().value()));
    const std::vector<rehab::course_session> due = c.between(date(2026, 12, 1), date(2027, 1, 31));
    ASSERT_FALSE(due.empty());
    ASSERT_EQ(due.back().segment, 1U);
    for (const rehab::course_session& s : due) {
        if (s.segment == 1) {
            ASSERT_TRUE(c.record({.session = s.key}));
            break;
        }
    }
    const json bundle = exported(c);
    std::set<std::string> statuses;
    for (const json& a : care_plan(bundle).at("activity")) {
        const auto& d = a.at("detail");
        const std::string exercise = exercise_of(d);
        if (exercise.starts_with("eccentric-heel-drop")) {
            EXPECT_EQ(d.at("status"), "stopped") << exercise;
        } else {
            statuses.insert(d.at("status").get<std::string>());
        }
    }
    EXPECT_TRUE(statuses.contains("in-progress"));
    for (const json& r : dose_requests(bundle)) {
        if (exercise_of(r).starts_with("eccentric-heel-drop")) {
            EXPECT_EQ(r.at("status"), "revoked");
        }
    }
    const json& canonicals = care_plan(bundle).at("instantiatesCanonical");
    EXPECT_EQ(canonicals.size(), 2U);
}

} // namespace
} // namespace fhir_course_test
