/// @file fhir_course_import.cpp
/// `course_from_fhir`: a course's FHIR R4 Bundle as `to_fhir` writes it, read
/// back. The CarePlan's course-record extension holds the course file's JSON
/// with each protocol named by its PlanDefinition; each PlanDefinition is
/// translated into the protocol file's JSON as `protocol_from_fhir` does
/// (fhir_import.cpp), and the course file's reader and checks read the
/// whole. Their errors are put back where the field came from; the loss
/// report compares the input with `to_fhir` of the course read.

#include <rehab/fhir.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <rehab/course_file.hpp>

#include "fhir_import.hpp"
#include "json_locate.hpp"
#include "json_read.hpp"

namespace rehab {

namespace {

using detail::json;
using detail::fhir::child;
using detail::fhir::importer;
using detail::fhir::member;
using detail::fhir::part;
using detail::fhir::refuse;
using detail::fhir::stop;

/// A protocol of the course record and the PlanDefinition it was read from.
struct plan_read {
    std::string file_at; ///< "/protocols/0/protocol", in the course record
    std::string url;     ///< the PlanDefinition's `url`
    std::string version; ///< and its `version`
    importer reader;
};

/// The course file's JSON of a course Bundle, and where its parts came from.
class course_reader {
public:
    explicit course_reader(const json& bundle) : in_(bundle) {}

    /// The course file's JSON; throws `stop` on a problem.
    json translate() {
        detail::fhir::check_bundle(in_);
        const auto k = detail::fhir::first_entry_of(in_, "CarePlan");
        if (!k) {
            refuse("/entry", "the Bundle holds no CarePlan: there is no course to read");
        }
        const std::string plan_at = child(child("/entry", *k), "resource");
        const auto ext = importer::extension(in_.at(json::json_pointer(plan_at)), plan_at,
                                             fhir_course_record_extension_url);
        if (!ext) {
            refuse(plan_at, fmt::format("the CarePlan has no course-record extension ({}): only a "
                                        "course rehab exported holds the log to replay",
                                        fhir_course_record_extension_url));
        }
        const json* value = member(*ext->value, "valueString");
        record_at_ = child(ext->at, "valueString");
        if (value == nullptr) {
            refuse(ext->at, "the course-record extension must give the course file's JSON as "
                            "valueString");
        }
        json record = importer::embedded(part{value, record_at_}, "the course file's JSON");
        const json* protocols = member(record, "protocols");
        if (protocols == nullptr || !protocols->is_array()) {
            refuse(record_at_, "must hold the course's protocols as an array \"protocols\" (at "
                               "/protocols of the JSON it holds)");
        }
        for (std::size_t i = 0; i < protocols->size(); ++i) {
            const std::string file_at = child(child("/protocols", i), "protocol");
            const json* named = member((*protocols)[i], "protocol");
            if (named == nullptr || !named->is_string()) {
                refuse(record_at_, fmt::format("must name each protocol by its PlanDefinition as "
                                               "\"URL|VERSION\" (at {} of the JSON it holds)",
                                               file_at));
            }
            record["protocols"][i]["protocol"] =
                read_plan(named->get_ref<const std::string&>(), file_at);
        }
        return record;
    }

    /// The origin in the input of an error of the course file's checks.
    [[nodiscard]] error place(const error& e) const {
        for (const plan_read& p : plans_) {
            const bool under = e.path == p.file_at ||
                               (e.path.starts_with(p.file_at) && e.path[p.file_at.size()] == '/');
            if (under) {
                error inner = e;
                inner.path = e.path.substr(p.file_at.size());
                return p.reader.place(inner);
            }
        }
        error out = e;
        out.line.reset();
        out.column.reset();
        out.path = record_at_;
        if (!e.path.empty()) {
            out.message += fmt::format(" (at {} of the JSON it holds)", e.path);
        }
        return out;
    }

    /// The importers' pairs of array elements, each PlanDefinition's moved
    /// to where `reference` (the re-export) has that PlanDefinition.
    [[nodiscard]] detail::fhir::alignment aligned(const json& reference) const {
        detail::fhir::alignment out;
        const json& entries = reference.at("entry");
        for (const plan_read& p : plans_) {
            std::string to;
            for (std::size_t k = 0; k < entries.size(); ++k) {
                const json* r = member(entries[k], "resource");
                const json* u = r != nullptr ? member(*r, "url") : nullptr;
                const json* v = r != nullptr ? member(*r, "version") : nullptr;
                if (u != nullptr && *u == p.url && v != nullptr && *v == p.version) {
                    to = child(child("/entry", k), "resource");
                }
            }
            if (to.empty()) {
                continue; // not re-exported: its elements are reported as entries
            }
            const std::string from(detail::fhir::reference_plan);
            for (const auto& [input_at, target] : p.reader.aligned()) {
                if (target.starts_with(from)) {
                    out[input_at] = to + target.substr(from.size());
                }
            }
        }
        return out;
    }

private:
    /// The protocol file's JSON of the PlanDefinition that `name`
    /// ("URL|VERSION") names.
    json read_plan(const std::string& name, const std::string& file_at) {
        const auto bar = name.rfind('|');
        const std::string url = name.substr(0, bar);
        const std::string version = bar == std::string::npos ? "" : name.substr(bar + 1);
        const json& entries = in_.at("entry");
        for (std::size_t k = 0; k < entries.size(); ++k) {
            const json* r = member(entries[k], "resource");
            const json* type = r != nullptr ? member(*r, "resourceType") : nullptr;
            const json* u = r != nullptr ? member(*r, "url") : nullptr;
            const json* v = r != nullptr ? member(*r, "version") : nullptr;
            if (type != nullptr && *type == "PlanDefinition" && u != nullptr && *u == url &&
                (version.empty() || (v != nullptr && *v == version))) {
                plans_.push_back({file_at, url,
                                  v != nullptr && v->is_string() ? v->get<std::string>() : "",
                                  importer(in_, child(child("/entry", k), "resource"))});
                return plans_.back().reader.translate();
            }
        }
        refuse(record_at_,
               fmt::format("names the protocol {}, which no PlanDefinition of the "
                           "Bundle is (at {} of the JSON it holds)",
                           name, file_at),
               errc::unknown_id);
    }

    const json& in_;
    std::string record_at_;
    std::vector<plan_read> plans_;
};

} // namespace

expected<fhir_course_import> course_from_fhir(std::string_view json_text,
                                              const catalog& exercises) {
    detail::json_reader r;
    const auto doc = detail::parse_json(r, json_text);
    if (!doc) {
        return tl::unexpected(std::move(r.errors().front())); // a syntax error, with its place
    }
    const detail::json_locations where(json_text);
    if (!r.ok()) {
        return tl::unexpected(
            detail::fhir::located(std::move(r.errors().front()), json_text, where));
    }
    course_reader reader(*doc);
    json file;
    try {
        file = reader.translate();
    } catch (const stop& s) {
        return tl::unexpected(detail::fhir::located(s.problem, json_text, where));
    }
    load_result<course> loaded = load_course(file.dump(), exercises);
    if (!loaded) {
        std::vector<std::pair<std::size_t, error>> placed;
        for (const error& e : loaded.error()) {
            error at = reader.place(e);
            placed.emplace_back(where.find(at.path), std::move(at));
        }
        const auto first =
            std::min_element(placed.begin(), placed.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
        return tl::unexpected(detail::fhir::located(std::move(first->second), json_text, where));
    }
    const expected<std::string> again = to_fhir(*loaded, exercises);
    if (!again) {
        return tl::unexpected(again.error()); // load_course checked the protocols: not reached
    }
    const json reference = json::parse(*again);
    std::vector<fhir_loss> lost =
        detail::fhir::losses(*doc, reference, reader.aligned(reference), "the course");
    std::stable_sort(lost.begin(), lost.end(), [&](const fhir_loss& a, const fhir_loss& b) {
        return where.find(a.path) < where.find(b.path);
    });
    return fhir_course_import{std::move(*loaded), std::move(lost)};
}

} // namespace rehab
