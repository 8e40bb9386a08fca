#include <rehab/fhir.hpp>

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <rehab/catalog.hpp>
#include <rehab/protocols.hpp>

#include "fhir_checks.hpp"
#include "fhir_courses.hpp"

namespace fhir_test {
namespace {

using json = nlohmann::json;
using rehab_test::collect_timings;
using rehab_test::expected_dose_parts;
using rehab_test::timing_problems;

json exported(const rehab::protocol& p) {
    const rehab::expected<std::string> text = rehab::to_fhir(p);
    EXPECT_TRUE(text.has_value()) << p.id << ": " << (text ? "" : fmt::format("{}", text.error()));
    return text ? json::parse(*text) : json{};
}

const json& plan_definition(const json& bundle) { return bundle.at("entry").at(0).at("resource"); }

/// Every action of `actions` and of the actions nested in them, in order.
void collect_actions(const json& actions, std::vector<const json*>& out) {
    for (const json& a : actions) {
        out.push_back(&a);
        if (a.contains("action")) {
            collect_actions(a.at("action"), out);
        }
    }
}

TEST(Fhir, EveryBuiltinExportsABundleOfAPlanDefinitionAndItsActivityDefinitions) {
    for (const rehab::protocol& p : rehab::builtin_protocols()) {
        SCOPED_TRACE(p.id);
        const rehab::expected<std::string> text = rehab::to_fhir(p);
        ASSERT_TRUE(text.has_value());
        ASSERT_FALSE(text->empty());
        EXPECT_EQ(text->back(), '\n');
        EXPECT_EQ(text->substr(0, 5), "{\n  \"") << "indented by 2";
        const json bundle = json::parse(*text);
        EXPECT_EQ(bundle.at("resourceType"), "Bundle");
        EXPECT_EQ(bundle.at("type"), "collection");
        const json& plan = plan_definition(bundle);
        EXPECT_EQ(plan.at("resourceType"), "PlanDefinition");
        EXPECT_EQ(plan.at("status"), "active");
        EXPECT_EQ(plan.at("type").at("coding").at(0).at("system"),
                  "http://terminology.hl7.org/CodeSystem/plan-definition-type");
        EXPECT_EQ(plan.at("type").at("coding").at(0).at("code"), "clinical-protocol");
        EXPECT_EQ(plan.at("url"), "https://rehab.example/fhir/PlanDefinition/" + p.id);
        EXPECT_EQ(plan.at("version"), std::to_string(p.version));
        EXPECT_EQ(plan.at("title"), p.name);
        EXPECT_EQ(plan.at("description"), p.condition);
        EXPECT_EQ(plan.at("relatedArtifact").at(0).at("citation"), p.source);
        ASSERT_EQ(plan.at("action").size(), p.phases.size());
        for (std::size_t i = 1; i < bundle.at("entry").size(); ++i) {
            const json& ad = bundle.at("entry").at(i).at("resource");
            EXPECT_EQ(ad.at("resourceType"), "ActivityDefinition");
            EXPECT_EQ(ad.at("status"), "active");
            if (!ad.value("doNotPerform", false)) {
                EXPECT_EQ(ad.at("code").at("coding").at(0).at("system"), "http://snomed.info/sct");
                EXPECT_EQ(ad.at("code").at("coding").at(0).at("code"), "229065009");
                EXPECT_EQ(ad.at("code").at("coding").at(0).at("display"), "Exercise therapy");
            }
        }
    }
}

TEST(Fhir, ReferencesResolveInsideTheBundle) {
    for (const rehab::protocol& p : rehab::builtin_protocols()) {
        SCOPED_TRACE(p.id);
        const json bundle = exported(p);
        std::set<std::string> definitions;
        for (const json& entry : bundle.at("entry")) {
            EXPECT_EQ(entry.at("fullUrl"), entry.at("resource").at("url"));
            if (entry.at("resource").at("resourceType") == "ActivityDefinition") {
                EXPECT_TRUE(definitions.insert(entry.at("resource").at("url")).second)
                    << "one ActivityDefinition per url";
            }
        }
        std::vector<const json*> actions;
        collect_actions(plan_definition(bundle).at("action"), actions);
        std::set<std::string> ids;
        for (const json* a : actions) {
            EXPECT_TRUE(ids.insert(a->at("id").get<std::string>()).second) << a->at("id");
        }
        std::set<std::string> used;
        for (const json* a : actions) {
            if (a->contains("definitionCanonical")) {
                const auto url = a->at("definitionCanonical").get<std::string>();
                EXPECT_TRUE(definitions.contains(url)) << url;
                used.insert(url);
            }
            for (const json& related : a->value("relatedAction", json::array())) {
                EXPECT_TRUE(ids.contains(related.at("actionId").get<std::string>()))
                    << related.at("actionId");
            }
        }
        EXPECT_EQ(used, definitions) << "every ActivityDefinition is used";
    }
}

TEST(Fhir, PhasesInOrderWithTheirDurationsAndGates) {
    for (const rehab::protocol& p : rehab::builtin_protocols()) {
        SCOPED_TRACE(p.id);
        const json bundle = exported(p);
        const json& actions = plan_definition(bundle).at("action");
        for (std::size_t i = 0; i < p.phases.size(); ++i) {
            const rehab::phase& ph = p.phases[i];
            const json& a = actions.at(i);
            EXPECT_EQ(a.at("id"), ph.id);
            EXPECT_EQ(a.at("title"), ph.name);
            EXPECT_EQ(a.value("description", std::string{}), ph.goal);
            if (i == 0) {
                EXPECT_FALSE(a.contains("relatedAction"));
            } else {
                EXPECT_EQ(a.at("relatedAction"),
                          json::parse(R"([{"actionId": ")" + p.phases[i - 1].id +
                                      R"(", "relationship": "after-end"}])"));
            }
            if (ph.max_duration) {
                EXPECT_EQ(a.at("timingRange").at("low").at("value"), ph.min_duration.count());
                EXPECT_EQ(a.at("timingRange").at("high").at("value"), ph.max_duration->count());
            } else {
                EXPECT_EQ(a.at("timingDuration").at("value"), ph.min_duration.count());
                EXPECT_EQ(a.at("timingDuration").at("code"), "d");
            }
            std::vector<std::pair<std::string, std::string>> want;
            for (const rehab::criterion& c : ph.entry) {
                want.emplace_back("start", fmt::format("{}", c));
            }
            for (const rehab::criterion& c : ph.exit) {
                want.emplace_back("stop", fmt::format("{}", c));
            }
            std::vector<std::pair<std::string, std::string>> got;
            for (const json& c : a.value("condition", json::array())) {
                got.emplace_back(c.at("kind"), c.at("expression").at("description"));
                // exp-1: an expression or a reference must be provided.
                EXPECT_TRUE(c.at("expression").contains("expression") ||
                            c.at("expression").contains("reference"));
            }
            EXPECT_EQ(got, want);
            std::vector<std::string> lines;
            for (const json& child : a.value("action", json::array())) {
                if (child.at("title") == "Restriction") {
                    lines.push_back(child.at("textEquivalent"));
                }
            }
            EXPECT_EQ(lines, rehab::plain_lines(ph.restrictions));
            std::size_t not_allowed = 0;
            for (const json& child : a.value("action", json::array())) {
                if (child.at("id").get<std::string>().starts_with(ph.id + ".not-allowed.")) {
                    ++not_allowed;
                }
            }
            EXPECT_EQ(not_allowed, ph.restrictions.not_allowed.size());
        }
    }
}

TEST(Fhir, EveryPrescriptionKeepsItsDoseInTheExtensionAndAsText) {
    std::size_t checked = 0;
    for (const rehab::protocol& p : rehab::builtin_protocols()) {
        SCOPED_TRACE(p.id);
        const json bundle = exported(p);
        const json& actions = plan_definition(bundle).at("action");
        for (std::size_t i = 0; i < p.phases.size(); ++i) {
            for (std::size_t j = 0; j < p.phases[i].prescriptions.size(); ++j) {
                const rehab::prescription& rx = p.phases[i].prescriptions[j];
                SCOPED_TRACE(fmt::format("/phases/{}/prescriptions/{}", i, j));
                const json& a = actions.at(i).at("action").at(j);
                EXPECT_EQ(a.at("definitionCanonical"),
                          "https://rehab.example/fhir/ActivityDefinition/" + rx.exercise);
                EXPECT_EQ(a.at("textEquivalent"), fmt::format("{}", rx.dose));
                ASSERT_EQ(a.at("extension").size(), 1U);
                const json& ext = a.at("extension").at(0);
                EXPECT_EQ(ext.at("url"),
                          "https://rehab.example/fhir/StructureDefinition/exercise-dose");
                EXPECT_FALSE(ext.contains("valueString")) << "a complex extension has no value";
                std::map<std::string, json> got;
                for (const json& part : ext.at("extension")) {
                    json value = part;
                    value.erase("url");
                    EXPECT_TRUE(got.emplace(part.at("url"), value).second) << part.at("url");
                }
                EXPECT_EQ(got, expected_dose_parts(rx.dose));
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 10U);
}

TEST(Fhir, TimingsFollowTheFrequencyAndTheTimingInvariants) {
    std::size_t timings = 0;
    for (const rehab::protocol& p : rehab::builtin_protocols()) {
        SCOPED_TRACE(p.id);
        const json bundle = exported(p);
        std::vector<const json*> found;
        collect_timings(bundle, found);
        for (const json* t : found) {
            EXPECT_EQ(timing_problems(*t), std::vector<std::string>{}) << t->dump();
            ++timings;
        }
        const json& actions = plan_definition(bundle).at("action");
        for (std::size_t i = 0; i < p.phases.size(); ++i) {
            const rehab::frequency& f = p.phases[i].frequency;
            for (std::size_t j = 0; j < p.phases[i].prescriptions.size(); ++j) {
                const json& t = actions.at(i).at("action").at(j).at("timingTiming");
                const json& r = t.at("repeat");
                EXPECT_EQ(t.at("code").at("text"), fmt::format("{}", f));
                EXPECT_EQ(r.at("period"), 1);
                const auto* n = std::get_if<rehab::days_per_week>(&f.days);
                if (n != nullptr && f.per_day.value() == 1) {
                    EXPECT_EQ(r.at("frequency"), n->count);
                    EXPECT_EQ(r.at("periodUnit"), "wk");
                } else {
                    EXPECT_EQ(r.at("frequency"), f.per_day.value());
                    EXPECT_EQ(r.at("periodUnit"), "d");
                }
                std::vector<std::string> times;
                for (const rehab::clock_time& c : f.times) {
                    times.push_back(fmt::format("{}:00", c));
                }
                EXPECT_EQ(r.value("timeOfDay", json::array()), json(times));
            }
        }
    }
    EXPECT_GT(timings, 10U);
}

TEST(Fhir, TheTimingChecksCatchEachBrokenInvariant) {
    const auto problems = [](const char* repeat) {
        return timing_problems(json{{"repeat", json::parse(repeat)}});
    };
    EXPECT_TRUE(problems(R"({"frequency": 2, "period": 1, "periodUnit": "d"})").empty());
    EXPECT_EQ(problems(R"({"duration": 5})").size(), 1U);
    EXPECT_EQ(problems(R"({"period": 1})").size(), 1U);
    EXPECT_EQ(problems(R"({"frequency": 1, "when": ["MORN"]})").size(), 1U);
    EXPECT_EQ(problems(R"({"duration": -1, "durationUnit": "s"})").size(), 1U);
    EXPECT_EQ(problems(R"({"period": -1, "periodUnit": "d"})").size(), 1U);
    EXPECT_EQ(problems(R"({"periodMax": 2})").size(), 1U);
    EXPECT_EQ(problems(R"({"durationMax": 2})").size(), 1U);
    EXPECT_EQ(problems(R"({"countMax": 2})").size(), 1U);
    EXPECT_EQ(problems(R"({"offset": 30, "when": ["CM"]})").size(), 1U);
    EXPECT_EQ(problems(R"({"timeOfDay": ["07:00:00"], "when": ["MORN"]})").size(), 1U);
}

TEST(Fhir, ActivityDefinitionsHoldTheCatalogsWords) {
    const rehab::catalog& exercises = rehab::catalog::builtin();
    for (const rehab::protocol& p : rehab::builtin_protocols()) {
        SCOPED_TRACE(p.id);
        const json bundle = exported(p);
        for (const json& entry : bundle.at("entry")) {
            const json& ad = entry.at("resource");
            if (ad.at("resourceType") != "ActivityDefinition" || ad.value("doNotPerform", false)) {
                continue;
            }
            const rehab::exercise& e = exercises.get(ad.at("id").get<std::string>()).value().get();
            EXPECT_EQ(ad.at("title"), e.name);
            EXPECT_EQ(ad.at("description"), e.starting_position);
            std::string usage;
            for (std::size_t i = 0; i < e.steps.size(); ++i) {
                usage += (i == 0 ? "" : "\n") + std::to_string(i + 1) + ". " + e.steps[i];
            }
            EXPECT_EQ(ad.at("usage"), usage);
        }
    }
}

/// Every extension in `j` (an object with a `url` and nested `extension`s
/// or a `value[x]`) whose url is one of rehab's, with the urls of its parts.
void collect_extensions(const json& j, std::map<std::string, std::set<std::string>>& out) {
    if (j.is_object()) {
        if (j.contains("url") && j.at("url").is_string() &&
            j.at("url").get<std::string>().starts_with(
                "https://rehab.example/fhir/StructureDefinition/")) {
            std::set<std::string>& parts = out[j.at("url").get<std::string>()];
            for (const json& part : j.value("extension", json::array())) {
                parts.insert(part.at("url").get<std::string>());
            }
        }
        for (const auto& [key, value] : j.items()) {
            collect_extensions(value, out);
        }
    } else if (j.is_array()) {
        for (const json& v : j) {
            collect_extensions(v, out);
        }
    }
}

TEST(Fhir, TheShippedStructureDefinitionsDefineEveryExtensionAndPartWritten) {
    std::map<std::string, std::set<std::string>> defined;
    for (const char* name :
         {"exercise-dose", "protocol-settings", "phase-rules", "criterion", "course-record"}) {
        std::ifstream in(std::string(REHAB_SOURCE_DIR "/share/rehab/fhir/") + name +
                         ".StructureDefinition.json");
        ASSERT_TRUE(in.good()) << name;
        const json sd = json::parse(in);
        std::set<std::string>& slices = defined[sd.at("url").get<std::string>()];
        for (const json& element : sd.at("differential").at("element")) {
            if (element.contains("sliceName")) {
                slices.insert(element.at("sliceName").get<std::string>());
            }
        }
    }
    EXPECT_TRUE(defined.contains(std::string(rehab::fhir_dose_extension_url)));
    EXPECT_TRUE(defined.contains(std::string(rehab::fhir_settings_extension_url)));
    EXPECT_TRUE(defined.contains(std::string(rehab::fhir_phase_rules_extension_url)));
    EXPECT_TRUE(defined.contains(std::string(rehab::fhir_criterion_extension_url)));
    EXPECT_TRUE(defined.contains(std::string(rehab::fhir_course_record_extension_url)));
    std::map<std::string, std::set<std::string>> written;
    for (const rehab::protocol& p : rehab::builtin_protocols()) {
        collect_extensions(exported(p), written);
    }
    collect_extensions(json::parse(rehab::to_fhir(rehab_test::three_weeks()).value()), written);
    ASSERT_EQ(written.size(), 5U);
    for (const auto& [url, parts] : written) {
        ASSERT_TRUE(defined.contains(url)) << url;
        for (const std::string& part : parts) {
            EXPECT_TRUE(defined.at(url).contains(part)) << url << ": " << part;
        }
    }
}

TEST(Fhir, TheSameProtocolGivesTheSameBytes) {
    for (const rehab::protocol& p : rehab::builtin_protocols()) {
        const rehab::protocol copy = p;
        EXPECT_EQ(rehab::to_fhir(p).value(), rehab::to_fhir(copy).value()) << p.id;
    }
}

TEST(Fhir, AnExerciseTheCatalogLacksIsRefusedWithItsPath) {
    rehab::protocol p = rehab::builtin_protocols().front();
    p.phases.at(0).prescriptions.at(0).exercise = "no-such-exercise";
    const rehab::expected<std::string> text = rehab::to_fhir(p);
    ASSERT_FALSE(text.has_value());
    EXPECT_EQ(text.error().path, "/phases/0/prescriptions/0/exercise");
}

} // namespace
} // namespace fhir_test
