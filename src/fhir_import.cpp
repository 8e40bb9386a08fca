/// @file fhir_import.cpp
/// `protocol_from_fhir`: a FHIR R4 Bundle as `to_fhir` writes it, read back
/// into a protocol. The Bundle is translated into the protocol file's JSON,
/// each field remembering the element of the input it came from; the
/// protocol file's reader and checks then read it, and their errors are put
/// back at those elements. The phases are read in fhir_import_phase.cpp; the
/// loss report compares the input with `to_fhir` of the protocol read
/// (fhir_import_losses.cpp).

#include <rehab/fhir.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fhir_import.hpp"
#include "fhir_names.hpp"
#include "json_locate.hpp"
#include "json_read.hpp"
#include "protocol_json.hpp"

namespace rehab::detail::fhir {

namespace {

namespace settings_part = detail::fhir::settings_part;

constexpr std::array<part_spec, 6> settings_parts{{
    {settings_part::counted_from, "valueCode"},
    {settings_part::min_session_gap, "valueDuration"},
    {settings_part::pain_ceiling, "valueInteger"},
    {settings_part::refer_on_snap_or_pop, "valueBoolean"},
    {settings_part::refer_on_unable_to_bear_weight, "valueBoolean"},
    {settings_part::earliest_start, "valueString"},
}};

} // namespace

std::optional<part> importer::extension(const json& j, const std::string& at,
                                        std::string_view url) {
    const json* list = member(j, "extension");
    if (list == nullptr) {
        return std::nullopt;
    }
    const std::string list_at = child(at, "extension");
    if (!list->is_array()) {
        fail(list_at, "must be an array of extensions, got " + detail::describe(*list));
    }
    std::optional<part> found;
    for (std::size_t k = 0; k < list->size(); ++k) {
        const json& e = (*list)[k];
        const json* u = member(e, "url");
        if (u == nullptr || !u->is_string() || u->get_ref<const std::string&>() != url) {
            continue;
        }
        if (found) {
            fail(child(list_at, k),
                 fmt::format("the extension {} is given twice (first at {}): give it once", url,
                             found->at));
        }
        found = part{&e, child(list_at, k)};
    }
    return found;
}

std::vector<std::pair<std::string_view, part>> importer::parts(const part& ext,
                                                               std::span<const part_spec> specs) {
    const json* list = member(*ext.value, "extension");
    const std::string list_at = child(ext.at, "extension");
    if (list == nullptr || !list->is_array()) {
        fail(list_at, "must hold the extension's parts as an array of extensions, got " +
                          (list ? detail::describe(*list) : std::string("nothing")));
    }
    std::vector<std::pair<std::string_view, part>> out;
    std::vector<std::string> first_at(specs.size());
    for (std::size_t k = 0; k < list->size(); ++k) {
        const json* u = member((*list)[k], "url");
        if (u == nullptr || !u->is_string()) {
            continue;
        }
        const auto spec = std::find_if(specs.begin(), specs.end(), [&](const part_spec& s) {
            return s.url == u->get_ref<const std::string&>();
        });
        if (spec == specs.end()) {
            continue;
        }
        const std::string at = child(list_at, k);
        std::string& first = first_at[static_cast<std::size_t>(spec - specs.begin())];
        if (!first.empty() && !spec->repeats) {
            fail(at, fmt::format("\"{}\" is given twice (first at {}): give it once", spec->url,
                                 first));
        }
        first = at;
        const json* value = member((*list)[k], spec->value_key);
        if (value == nullptr) {
            std::string given = "none";
            for (const auto& [key, v] : (*list)[k].items()) {
                if (key.starts_with("value")) {
                    given = key;
                }
            }
            fail(at, fmt::format("\"{}\" must give its value as {}, got {}", spec->url,
                                 spec->value_key, given));
        }
        out.emplace_back(spec->url, part{value, child(at, spec->value_key)});
    }
    return out;
}

json importer::embedded(const part& p, std::string_view what) {
    if (!p.value->is_string()) {
        fail(p.at, fmt::format("must be {} as text, got {}", what, detail::describe(*p.value)));
    }
    detail::json_reader r;
    auto doc = detail::parse_json(r, p.value->get_ref<const std::string&>());
    if (!doc || !r.ok()) {
        fail(p.at, fmt::format("holds no valid JSON: {}", r.errors().front()), errc::parse_error);
    }
    return std::move(*doc);
}

part importer::quantity_value(const part& p, std::string_view code, std::string_view what) {
    const json* c = member(*p.value, "code");
    if (c == nullptr || !c->is_string() || c->get_ref<const std::string&>() != code) {
        fail(c ? child(p.at, "code") : p.at,
             fmt::format("must be {} with the UCUM code \"{}\", got {}", what, code,
                         c ? detail::describe(*c) : detail::describe(*p.value)));
    }
    const json* v = member(*p.value, "value");
    if (v == nullptr) {
        fail(p.at, fmt::format("must give {} as \"value\"", what));
    }
    return part{v, child(p.at, "value")};
}

const json& importer::resource_by_url(const std::string& url, const std::string& at) {
    const json& entries = in_.at("entry");
    for (const json& e : entries) {
        const json* r = member(e, "resource");
        const json* u = r ? member(*r, "url") : nullptr;
        if (u != nullptr && *u == url) {
            const json* type = member(*r, "resourceType");
            if (type == nullptr || *type != "ActivityDefinition") {
                fail(at, fmt::format("must refer to an ActivityDefinition, but {} is {}", url,
                                     type ? detail::describe(*type) : "no resource type"));
            }
            return *r;
        }
    }
    fail(at, fmt::format("refers to {}, which no resource of the Bundle has as its url", url),
         errc::unknown_id);
}

void importer::settings(const json& plan, const std::string& at, json& file) {
    const auto ext = extension(plan, at, fhir_settings_extension_url);
    if (!ext) {
        return; // the protocol file's defaults
    }
    origin("/stop", ext->at);
    json stop = json::object();
    stop["pain_ceiling"] = nullptr; // none given: pain is not checked
    for (const auto& [url, p] : parts(*ext, settings_parts)) {
        if (url == settings_part::counted_from) {
            origin("/counted_from", p.at);
            file["counted_from"] = *p.value;
        } else if (url == settings_part::min_session_gap) {
            const part value = quantity_value(p, "min", "a duration");
            origin("/min_session_gap_minutes", value.at);
            file["min_session_gap_minutes"] = *value.value;
        } else if (url == settings_part::pain_ceiling) {
            origin("/stop/pain_ceiling", p.at);
            stop["pain_ceiling"] = *p.value;
        } else if (url == settings_part::refer_on_snap_or_pop) {
            origin("/stop/refer_on_snap_or_pop", p.at);
            stop["refer_on_snap_or_pop"] = *p.value;
        } else if (url == settings_part::refer_on_unable_to_bear_weight) {
            origin("/stop/refer_on_unable_to_bear_weight", p.at);
            stop["refer_on_unable_to_bear_weight"] = *p.value;
        } else if (url == settings_part::earliest_start) {
            origin("/earliest_start", p.at, true);
            file["earliest_start"] = embedded(p);
        }
    }
    file["stop"] = std::move(stop);
}

void refuse(std::string at, std::string message, errc code) {
    throw stop{error{code, std::move(at), std::move(message), {}, {}}};
}

void check_bundle(const json& in) {
    if (!in.is_object()) {
        refuse("", R"(must be a FHIR Bundle, a JSON object with "resourceType": "Bundle", got )" +
                       detail::describe(in));
    }
    const json* type = member(in, "resourceType");
    if (type == nullptr || *type != "Bundle") {
        refuse(type ? "/resourceType" : "",
               R"(must be a FHIR Bundle ("resourceType": "Bundle"), got )" +
                   (type ? detail::describe(*type) : std::string("no resourceType")));
    }
    const json* entries = member(in, "entry");
    if (entries == nullptr || !entries->is_array()) {
        refuse(entries ? "/entry" : "",
               R"(the Bundle must hold its resources as an "entry" array)");
    }
}

std::optional<std::size_t> first_entry_of(const json& bundle, std::string_view type) {
    const json& entries = bundle.at("entry");
    for (std::size_t k = 0; k < entries.size(); ++k) {
        const json* r = member(entries[k], "resource");
        const json* t = r != nullptr ? member(*r, "resourceType") : nullptr;
        if (t != nullptr && *t == type) {
            return k;
        }
    }
    return std::nullopt;
}

error located(error e, std::string_view text, const json_locations& where) {
    const auto at = detail::position_of(text, where.find(e.path));
    e.line = at.line;
    e.column = at.column;
    return e;
}

void importer::find_plan() {
    check_bundle(in_);
    const auto k = first_entry_of(in_, "PlanDefinition");
    if (!k) {
        fail("/entry", "the Bundle holds no PlanDefinition: there is no protocol to read");
    }
    plan_at_ = child(child("/entry", *k), "resource");
    aligned_[child("/entry", *k)] = "/entry/0";
}

void importer::version(const json& plan, const std::string& at, json& file) {
    origin("/version", child(at, "version"));
    if (const json* v = member(plan, "version")) {
        const std::string text = v->is_string() ? v->get<std::string>() : "";
        if (text.empty() || text.size() > 9 ||
            !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            fail(child(at, "version"),
                 R"(must be the protocol's version, a whole number as text ("1"), got )" +
                     detail::describe(*v));
        }
        file["version"] = std::stoi(text);
    }
}

json importer::translate() {
    if (plan_at_.empty()) {
        find_plan();
    }
    const json& plan = in_.at(json::json_pointer(plan_at_));
    const std::string& at = plan_at_;
    origin("", at);
    json file = json::object();
    copy(plan, at, "id", file, "", "id");
    version(plan, at, file);
    copy(plan, at, "title", file, "", "name");
    copy(plan, at, "description", file, "", "condition");
    if (const json* list = member(plan, "relatedArtifact");
        list != nullptr && list->is_array() && !list->empty() && member(list->at(0), "type") &&
        list->at(0).at("type") == "citation") {
        copy(list->at(0), child(child(at, "relatedArtifact"), 0), "citation", file, "", "source");
    }
    settings(plan, at, file);
    origin("/phases", child(at, "action"));
    if (const json* list = member(plan, "action")) {
        if (!list->is_array()) {
            fail(child(at, "action"),
                 "must be an array of the phases' actions, got " + detail::describe(*list));
        }
        json phases = json::array();
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string a_at = child(child(at, "action"), i);
            aligned_[a_at] = child(child(reference_plan, "action"), i);
            phases.push_back(phase((*list)[i], a_at, i));
        }
        file["phases"] = std::move(phases);
    }
    return file;
}

error importer::place(const error& e) const {
    const source* best = nullptr;
    for (const source& s : origins_) {
        const bool under = e.path == s.file_at ||
                           (e.path.starts_with(s.file_at) && e.path[s.file_at.size()] == '/');
        if (under && (best == nullptr || s.file_at.size() > best->file_at.size())) {
            best = &s;
        }
    }
    error out = e;
    out.line.reset();
    out.column.reset();
    if (best == nullptr) {
        out.path = plan_at_;
        out.message += fmt::format(" (the protocol's {})", e.path);
        return out;
    }
    out.path = best->fhir_at;
    const std::string rest = e.path.substr(best->file_at.size());
    if (best->embedded && !rest.empty()) {
        out.message +=
            fmt::format(" (at {} of the JSON it holds; the protocol's {})", rest, e.path);
    } else if (!e.path.empty()) {
        out.message += fmt::format(" (the protocol's {})", e.path);
    }
    return out;
}

} // namespace rehab::detail::fhir

namespace rehab {

using detail::json;
using detail::fhir::importer;
using detail::fhir::located;
using detail::fhir::stop;

expected<fhir_import> protocol_from_fhir(std::string_view json_text, const catalog& exercises) {
    detail::json_reader r;
    const auto doc = detail::parse_json(r, json_text);
    if (!doc) {
        return tl::unexpected(std::move(r.errors().front())); // a syntax error, with its place
    }
    const detail::json_locations where(json_text);
    if (!r.ok()) {
        return tl::unexpected(located(std::move(r.errors().front()), json_text, where));
    }
    importer reader(*doc);
    json file;
    try {
        file = reader.translate();
    } catch (const stop& s) {
        return tl::unexpected(located(s.problem, json_text, where));
    }
    detail::json_reader checks;
    const std::string root;
    protocol p = detail::read_protocol(checks, file, root);
    checks.merge(validate(p, exercises));
    detail::check_limits(checks, p, load_limits{}, {});
    if (!checks.ok()) {
        std::vector<std::pair<std::size_t, error>> placed;
        for (const error& e : checks.errors()) {
            error at = reader.place(e);
            placed.emplace_back(where.find(at.path), std::move(at));
        }
        const auto first =
            std::min_element(placed.begin(), placed.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
        return tl::unexpected(located(std::move(first->second), json_text, where));
    }
    const expected<std::string> again = to_fhir(p, exercises);
    if (!again) {
        return tl::unexpected(again.error()); // validate passed above: not reached
    }
    std::vector<fhir_loss> lost = detail::fhir::losses(*doc, json::parse(*again), reader.aligned());
    std::stable_sort(lost.begin(), lost.end(), [&](const fhir_loss& a, const fhir_loss& b) {
        return where.find(a.path) < where.find(b.path);
    });
    return fhir_import{std::move(p), std::move(lost)};
}

} // namespace rehab