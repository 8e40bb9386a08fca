#include <rehab/fhir.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <rehab/protocol_file.hpp>
#include <rehab/protocols.hpp>
#include <rehab/schedule.hpp>
#include <rehab/schedule_planner.hpp>

#include "property_sample.hpp"

namespace fhir_import_test {
namespace {

using json = nlohmann::json;

json exported(const rehab::protocol& p) { return json::parse(rehab::to_fhir(p).value()); }

rehab::expected<rehab::fhir_import> imported(const json& bundle) {
    return rehab::protocol_from_fhir(bundle.dump(2));
}

std::string describe(const rehab::expected<rehab::fhir_import>& result) {
    return result ? std::string("imported") : fmt::format("{}", result.error());
}

/// The built-in protocol `id`.
const rehab::protocol& builtin(const std::string& id) {
    for (const rehab::protocol& p : rehab::builtin_protocols()) {
        if (p.id == id) {
            return p;
        }
    }
    throw std::invalid_argument(id);
}

/// The index of the first phase of `p` with prescriptions.
std::size_t first_phase_with_prescriptions(const rehab::protocol& p) {
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        if (!p.phases[i].prescriptions.empty()) {
            return i;
        }
    }
    throw std::invalid_argument(p.id);
}

constexpr const char* plan = "/entry/0/resource";

/// The pointer of prescription `j` of phase `i`.
std::string prescription_at(std::size_t i, std::size_t j) {
    return fmt::format("{}/action/{}/action/{}", plan, i, j);
}

std::vector<std::string> loss_paths(const rehab::fhir_import& result) {
    std::vector<std::string> paths;
    for (const rehab::fhir_loss& l : result.lost) {
        paths.push_back(l.path);
    }
    return paths;
}

TEST(FhirImport, EveryBuiltinComesBackEqualWithNothingLost) {
    std::size_t checked = 0;
    for (const rehab::protocol& p : rehab::builtin_protocols()) {
        SCOPED_TRACE(p.id);
        const auto result = rehab::protocol_from_fhir(rehab::to_fhir(p).value());
        ASSERT_TRUE(result.has_value()) << describe(result);
        EXPECT_EQ(rehab::to_json(result->protocol), rehab::to_json(p));
        EXPECT_TRUE(result->protocol == p);
        EXPECT_EQ(loss_paths(*result), std::vector<std::string>{});
        for (const rehab::fhir_loss& l : result->lost) {
            ADD_FAILURE() << l.path << ": " << l.why;
        }
        ++checked;
    }
    EXPECT_EQ(checked, rehab::builtin_protocols().size());
    EXPECT_GE(checked, 8U);
}

TEST(FhirImport, EveryBuiltinPlansTheSameScheduleAfterTheRoundTrip) {
    const boost::gregorian::date start(2026, 3, 2);
    for (const rehab::protocol& p : rehab::builtin_protocols()) {
        SCOPED_TRACE(p.id);
        const rehab::protocol back = rehab::protocol_from_fhir(rehab::to_fhir(p).value())->protocol;
        const auto a = rehab::schedule_planner::make(p, {.time_zone = "Europe/Copenhagen"});
        const auto b = rehab::schedule_planner::make(back, {.time_zone = "Europe/Copenhagen"});
        ASSERT_TRUE(a.has_value());
        ASSERT_TRUE(b.has_value());
        const auto plan_a = a->plan(start);
        const auto plan_b = b->plan(start);
        ASSERT_TRUE(plan_a.has_value());
        ASSERT_TRUE(plan_b.has_value());
        ASSERT_EQ(plan_a->size(), plan_b->size());
        EXPECT_GT(plan_a->size(), 0U);
        for (std::size_t k = 0; k < plan_a->size(); ++k) {
            ASSERT_EQ((*plan_a)[k], (*plan_b)[k]) << "session " << k;
        }
    }
}

TEST(FhirImport, TheRulesCriteriaRestrictionsAndSettingsTravelInTheExtensions) {
    // Each of these would be lost without the extensions that carry it.
    std::size_t rules = 0;
    std::size_t criteria = 0;
    std::size_t restricted = 0;
    std::size_t earliest = 0;
    std::size_t not_from_start = 0;
    for (const rehab::protocol& p : rehab::builtin_protocols()) {
        for (const rehab::phase& ph : p.phases) {
            rules += ph.rules.size();
            criteria += ph.entry.size() + ph.exit.size();
            restricted += ph.restrictions.empty() ? 0 : 1;
        }
        earliest += p.earliest_start ? 1 : 0;
        not_from_start += p.counted_from != rehab::time_basis::start ? 1 : 0;
    }
    EXPECT_GT(rules, 0U);
    EXPECT_GT(criteria, 0U);
    EXPECT_GT(restricted, 0U);
    EXPECT_GT(earliest, 0U);
    EXPECT_GT(not_from_start, 0U);
}

TEST(FhirImport, AForeignResourceIsReportedAndTheRestImports) {
    const rehab::protocol& p = builtin("alfredson-eccentric");
    json bundle = exported(p);
    bundle["entry"].insert(
        bundle["entry"].begin() + 1,
        json{{"fullUrl", "urn:uuid:1"}, {"resource", {{"resourceType", "Patient"}, {"id", "x"}}}});
    const auto result = imported(bundle);
    ASSERT_TRUE(result.has_value()) << describe(result);
    EXPECT_TRUE(result->protocol == p);
    ASSERT_EQ(loss_paths(*result), std::vector<std::string>{"/entry/1"});
    EXPECT_NE(result->lost[0].why.find("Patient"), std::string::npos) << result->lost[0].why;
}

TEST(FhirImport, AnUnknownExtensionIsReportedAndTheDoseStillImports) {
    const rehab::protocol& p = builtin("alfredson-eccentric");
    const std::size_t i = first_phase_with_prescriptions(p);
    json bundle = exported(p);
    json& extensions = bundle.at(json::json_pointer(prescription_at(i, 0) + "/extension"));
    extensions.insert(extensions.begin(),
                      json{{"url", "https://other.example/colour"}, {"valueString", "red"}});
    const auto result = imported(bundle);
    ASSERT_TRUE(result.has_value()) << describe(result);
    EXPECT_TRUE(result->protocol == p);
    ASSERT_EQ(loss_paths(*result),
              std::vector<std::string>{prescription_at(i, 0) + "/extension/0"});
    EXPECT_NE(result->lost[0].why.find("https://other.example/colour"), std::string::npos);
}

TEST(FhirImport, AnUnknownPartOfTheDoseExtensionIsReported) {
    const rehab::protocol& p = builtin("alfredson-eccentric");
    const std::size_t i = first_phase_with_prescriptions(p);
    json bundle = exported(p);
    json& parts = bundle.at(json::json_pointer(prescription_at(i, 0) + "/extension/0/extension"));
    parts.push_back(json{{"url", "velocity"}, {"valueDecimal", 1.5}});
    const auto result = imported(bundle);
    ASSERT_TRUE(result.has_value()) << describe(result);
    EXPECT_TRUE(result->protocol == p);
    EXPECT_EQ(loss_paths(*result),
              std::vector<std::string>{prescription_at(i, 0) + "/extension/0/extension/" +
                                       std::to_string(parts.size() - 1)});
}

TEST(FhirImport, AModifierExtensionIsReported) {
    const rehab::protocol& p = builtin("hsr-achilles");
    json bundle = exported(p);
    bundle.at(json::json_pointer(plan))["modifierExtension"] =
        json::array({{{"url", "https://other.example/not-really"}, {"valueBoolean", true}}});
    const auto result = imported(bundle);
    ASSERT_TRUE(result.has_value()) << describe(result);
    EXPECT_TRUE(result->protocol == p);
    ASSERT_EQ(loss_paths(*result),
              std::vector<std::string>{std::string(plan) + "/modifierExtension/0"});
    EXPECT_NE(result->lost[0].why.find("modifier"), std::string::npos);
}

TEST(FhirImport, TimingFeaturesTheFrequencyCannotHoldAreReported) {
    const rehab::protocol& p = builtin("alfredson-eccentric");
    const std::size_t i = first_phase_with_prescriptions(p);
    json bundle = exported(p);
    const std::string repeat = prescription_at(i, 0) + "/timingTiming/repeat";
    json& r = bundle.at(json::json_pointer(repeat));
    r["boundsDuration"] = {
        {"value", 12}, {"unit", "wk"}, {"system", "http://unitsofmeasure.org"}, {"code", "wk"}};
    r["periodUnit"] = "h";
    const auto result = imported(bundle);
    ASSERT_TRUE(result.has_value()) << describe(result);
    EXPECT_TRUE(result->protocol == p);
    EXPECT_EQ(loss_paths(*result),
              (std::vector<std::string>{repeat + "/boundsDuration", repeat + "/periodUnit"}))
        << "in the order of the text";
}

TEST(FhirImport, WordsThatDisagreeWithTheDoseAreReportedNotTrusted) {
    const rehab::protocol& p = builtin("alfredson-eccentric");
    const std::size_t i = first_phase_with_prescriptions(p);
    json bundle = exported(p);
    bundle.at(json::json_pointer(prescription_at(i, 0) + "/textEquivalent")) = "1 x 1 rep";
    const auto result = imported(bundle);
    ASSERT_TRUE(result.has_value()) << describe(result);
    EXPECT_TRUE(result->protocol == p);
    ASSERT_EQ(loss_paths(*result),
              std::vector<std::string>{prescription_at(i, 0) + "/textEquivalent"});
    EXPECT_NE(result->lost[0].why.find(fmt::format("{}", p.phases[i].prescriptions[0].dose)),
              std::string::npos)
        << result->lost[0].why;
}

TEST(FhirImport, AConditionInWordsOnlyIsReportedAndNotGuessed) {
    const rehab::protocol* found = nullptr;
    std::size_t i = 0;
    for (const rehab::protocol& candidate : rehab::builtin_protocols()) {
        for (i = 0; i < candidate.phases.size() && found == nullptr; ++i) {
            if (!candidate.phases[i].entry.empty() || !candidate.phases[i].exit.empty()) {
                found = &candidate;
                break;
            }
        }
        if (found != nullptr) {
            break;
        }
    }
    ASSERT_NE(found, nullptr) << "a built-in protocol has a gate criterion";
    const rehab::protocol& p = *found;
    json bundle = exported(p);
    json& c = bundle.at(json::json_pointer(fmt::format("{}/action/{}/condition/0", plan, i)));
    c.erase("extension");
    const auto result = imported(bundle);
    ASSERT_TRUE(result.has_value()) << describe(result);
    EXPECT_FALSE(result->protocol == p);
    EXPECT_EQ(result->protocol.phases[i].entry.size() + result->protocol.phases[i].exit.size() + 1,
              p.phases[i].entry.size() + p.phases[i].exit.size());
    ASSERT_EQ(loss_paths(*result),
              std::vector<std::string>{fmt::format("{}/action/{}/condition/0", plan, i)});
}

// --- errors ------------------------------------------------------------------

TEST(FhirImport, TextThatIsNotJsonIsAParseErrorWithItsPlace) {
    const auto result = rehab::protocol_from_fhir("{\n  \"resourceType\": \"Bundle\",\n  oops\n}");
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, rehab::errc::parse_error);
    EXPECT_EQ(result.error().line, 3U);
}

TEST(FhirImport, AResourceThatIsNotABundleIsRefused) {
    const auto result = rehab::protocol_from_fhir(R"({"resourceType": "PlanDefinition"})");
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().path, "/resourceType");
    EXPECT_EQ(result.error().line, 1U);
    EXPECT_EQ(rehab::protocol_from_fhir("[1, 2]").error().path, "");
}

TEST(FhirImport, ABundleWithoutAPlanDefinitionIsRefused) {
    json bundle = exported(builtin("alfredson-eccentric"));
    bundle["entry"].erase(bundle["entry"].begin());
    const auto result = imported(bundle);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().path, "/entry");
    EXPECT_NE(result.error().message.find("PlanDefinition"), std::string::npos);
}

TEST(FhirImport, AReferenceThatDoesNotResolveIsRefusedWhereItIs) {
    const rehab::protocol& p = builtin("alfredson-eccentric");
    const std::size_t i = first_phase_with_prescriptions(p);
    json bundle = exported(p);
    bundle.at(json::json_pointer(prescription_at(i, 0) + "/definitionCanonical")) =
        "https://rehab.example/fhir/ActivityDefinition/nowhere";
    const auto result = imported(bundle);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, rehab::errc::unknown_id);
    EXPECT_EQ(result.error().path, prescription_at(i, 0) + "/definitionCanonical");
    EXPECT_TRUE(result.error().line.has_value());
}

TEST(FhirImport, ADosePartWithTheWrongValueTypeIsRefusedWhereItIs) {
    const rehab::protocol& p = builtin("alfredson-eccentric");
    const std::size_t i = first_phase_with_prescriptions(p);
    json bundle = exported(p);
    const std::string sets = prescription_at(i, 0) + "/extension/0/extension/0";
    json& part = bundle.at(json::json_pointer(sets));
    ASSERT_EQ(part.at("url"), "sets");
    part.erase("valuePositiveInt");
    part["valueString"] = "3";
    const auto result = imported(bundle);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().path, sets);
    EXPECT_NE(result.error().message.find("valuePositiveInt"), std::string::npos);
}

TEST(FhirImport, ADoseTheLibraryRefusesIsRefusedAtItsPart) {
    const rehab::protocol& p = builtin("alfredson-eccentric");
    const std::size_t i = first_phase_with_prescriptions(p);
    json bundle = exported(p);
    const std::string sets = prescription_at(i, 0) + "/extension/0/extension/0/valuePositiveInt";
    bundle.at(json::json_pointer(sets)) = 0;
    const auto result = imported(bundle);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().path, sets);
    EXPECT_NE(result.error().message.find(fmt::format("/phases/{}/prescriptions/0/dose/sets", i)),
              std::string::npos)
        << result.error().message;
}

TEST(FhirImport, AnExerciseTheCatalogLacksIsRefusedAtTheReference) {
    const rehab::protocol& p = builtin("alfredson-eccentric");
    const std::size_t i = first_phase_with_prescriptions(p);
    json bundle = exported(p);
    const std::string url =
        bundle.at(json::json_pointer(prescription_at(i, 0) + "/definitionCanonical"));
    for (json& entry : bundle.at("entry")) {
        if (entry.at("resource").value("url", "") == url) {
            entry.at("resource").at("id") = "no-such-exercise";
        }
    }
    const auto result = imported(bundle);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, rehab::errc::unknown_id);
    EXPECT_EQ(result.error().path, prescription_at(i, 0) + "/definitionCanonical");
}

TEST(FhirImport, ARuleThatHoldsNoJsonIsRefusedAtItsValue) {
    const rehab::protocol& p = builtin("alfredson-eccentric");
    json bundle = exported(p);
    const json& parts =
        bundle.at(json::json_pointer(std::string(plan) + "/action/0/extension/0/extension"));
    std::size_t k = 0;
    while (k < parts.size() && parts[k].at("url") != "rule") {
        ++k;
    }
    ASSERT_LT(k, parts.size()) << "the first phase has a rule";
    const std::string at = fmt::format("{}/action/0/extension/0/extension/{}/valueString", plan, k);
    bundle.at(json::json_pointer(at)) = "{\"type\": ";
    const auto result = imported(bundle);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().path, at);
    EXPECT_EQ(result.error().code, rehab::errc::parse_error);
}

TEST(FhirImport, ARuleTheProtocolCheckRefusesIsRefusedAtItsValue) {
    const rehab::protocol& p = builtin("alfredson-eccentric");
    json bundle = exported(p);
    const json& parts =
        bundle.at(json::json_pointer(std::string(plan) + "/action/0/extension/0/extension"));
    std::size_t k = 0;
    while (k < parts.size() && parts[k].at("url") != "rule") {
        ++k;
    }
    ASSERT_LT(k, parts.size());
    const std::string at = fmt::format("{}/action/0/extension/0/extension/{}/valueString", plan, k);
    json rule = json::parse(bundle.at(json::json_pointer(at)).get<std::string>());
    rule["type"] = "no_such_rule";
    bundle.at(json::json_pointer(at)) = rule.dump();
    const auto result = imported(bundle);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().path, at);
    EXPECT_NE(result.error().message.find("/type of the JSON it holds"), std::string::npos)
        << result.error().message;
}

TEST(FhirImport, APhaseDurationInAnotherUnitIsRefused) {
    json bundle = exported(builtin("alfredson-eccentric"));
    json& action = bundle.at(json::json_pointer(std::string(plan) + "/action/0"));
    const std::string key = action.contains("timingDuration") ? "timingDuration" : "timingRange";
    json& q = key == "timingDuration" ? action.at(key) : action.at(key).at("low");
    q["code"] = "wk";
    const auto result = imported(bundle);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().path.substr(0, result.error().path.size() - 5),
              std::string(plan) + "/action/0/" + key + (key == "timingRange" ? "/low" : ""));
    EXPECT_TRUE(result.error().path.ends_with("/code"));
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

TEST(FhirImport, AnyElementSetToNullGivesALocatedErrorOrAReportedLoss) {
    const rehab::protocol& p = builtin("achilles-rupture-boot-wedges");
    const json bundle = exported(p);
    std::vector<std::string> all;
    pointers(bundle, "", all);
    std::size_t errors = 0;
    std::size_t losses = 0;
    // Every element in the dev preset; a share of them under the sanitizers
    // (tests/property_sample.hpp).
    const auto stride = static_cast<std::size_t>(100 / rehab::test::property_percent());
    for (std::size_t i = 1; i < all.size(); i += stride) { // all[0] is the whole Bundle
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
        } else if (result->protocol == p) {
            ++losses;
            EXPECT_FALSE(result->lost.empty()) << at << " = null imported without a word";
        }
    }
    EXPECT_GT(errors, 0U);
    EXPECT_GT(losses, 0U);
}

} // namespace
} // namespace fhir_import_test
