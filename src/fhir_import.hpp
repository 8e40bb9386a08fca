#pragma once
/// @file fhir_import.hpp
/// Private to the library: the parts of `protocol_from_fhir`. The importer
/// translates a Bundle into the protocol file's JSON (the Bundle and the
/// PlanDefinition in fhir_import.cpp, the phases in fhir_import_phase.cpp);
/// the loss report compares the input with `to_fhir` of the protocol read
/// (fhir_import_losses.cpp).

#include <cstddef>
#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <rehab/error.hpp>
#include <rehab/fhir.hpp>

#include "json_locate.hpp"
#include "json_read.hpp"

namespace rehab::detail::fhir {

/// Array elements of the input paired by the importer with the element of
/// the re-export they were read as, each by JSON Pointer: the PlanDefinition
/// entry, the phases, the prescriptions and the conditions.
using alignment = std::map<std::string, std::string, std::less<>>;

/// Everything in `input` that `reference` (`to_fhir` of the protocol read
/// from `input`) does not hold as it is: members it lacks, values that
/// differ, array elements without a counterpart. Array elements are paired
/// by `aligned` first; then entries by their resource's `url` (else `fullUrl`), extensions
/// and modifier extensions by `url`, actions by `id`; conditions only by
/// `aligned`; other arrays by index. In the order of a walk of `input`;
/// `what` names what was read in the reasons ("the protocol").
[[nodiscard]] std::vector<fhir_loss> losses(const nlohmann::json& input,
                                            const nlohmann::json& reference,
                                            const alignment& aligned,
                                            std::string_view what = "the protocol");

/// A pointer with one more token.
[[nodiscard]] inline std::string child(std::string_view at, std::string_view key) {
    std::string out(at);
    out.push_back('/');
    append_pointer_token(out, key);
    return out;
}

[[nodiscard]] inline std::string child(std::string_view at, std::size_t index) {
    return std::string(at) + "/" + std::to_string(index);
}

/// Member `key` of `j`, or nullptr.
[[nodiscard]] inline const json* member(const json& j, std::string_view key) {
    if (!j.is_object()) {
        return nullptr;
    }
    const auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

/// Where the PlanDefinition is in the re-export that the input is compared with.
inline constexpr std::string_view reference_plan = "/entry/0/resource";

/// A sub-extension an extension may hold: its `url`, the one `value[x]` it
/// takes, and whether it may be given more than once.
struct part_spec {
    std::string_view url;
    std::string_view value_key;
    bool repeats = false;
};

/// A sub-extension found: its value and the pointer of that value.
struct part {
    const json* value = nullptr;
    std::string at;
};

/// A problem that stops the import, before the protocol's own checks;
/// thrown inside the importers only, caught by `protocol_from_fhir` and
/// `course_from_fhir`.
struct stop : std::exception {
    explicit stop(error e) : problem(std::move(e)) {}
    error problem;
};

/// Throws `stop` with the problem `message` at `at`.
[[noreturn]] void refuse(std::string at, std::string message, errc code = errc::invalid_value);

/// Throws `stop` unless `in` is a JSON object with "resourceType" "Bundle"
/// and an "entry" array.
void check_bundle(const json& in);

/// The index of the first entry of the Bundle `bundle` (checked by
/// `check_bundle`) whose resource is of type `type`.
[[nodiscard]] std::optional<std::size_t> first_entry_of(const json& bundle, std::string_view type);

/// `e` with the line and column of its `path` in `text`.
[[nodiscard]] error located(error e, std::string_view text, const json_locations& where);

/// Reads a Bundle into the protocol file's JSON, remembering where each
/// field came from (`place`) and which array elements of the input stand for
/// which of the re-export (`aligned`).
class importer {
public:
    /// Reads the first PlanDefinition of `bundle`, or the one at `plan_at`
    /// (a JSON Pointer to an entry's resource) when given.
    explicit importer(const json& bundle, std::string plan_at = {})
        : in_(bundle), plan_at_(std::move(plan_at)) {}

    /// The protocol file's JSON of the bundle; throws `stop` on a problem.
    json translate();

    /// The origin in the input of an error of the protocol file's checks.
    [[nodiscard]] error place(const error& e) const;

    [[nodiscard]] const detail::fhir::alignment& aligned() const noexcept { return aligned_; }

    /// The extensions of `j` (at `at`) with `url`: none, or the one given
    /// (more than one is refused).
    static std::optional<part> extension(const json& j, const std::string& at,
                                         std::string_view url);
    /// JSON held as text in a `valueString` at `p`; `what` names it in the
    /// error when `p` is no string.
    static json embedded(const part& p, std::string_view what = "the protocol file's JSON");

private:
    [[noreturn]] static void fail(std::string at, std::string message,
                                  errc code = errc::invalid_value) {
        refuse(std::move(at), std::move(message), code);
    }

    /// Field `file_at` of the protocol file came from `fhir_at`; `embedded`:
    /// from JSON held as text there.
    void origin(std::string file_at, std::string fhir_at, bool embedded = false) {
        origins_.push_back({std::move(file_at), std::move(fhir_at), embedded});
    }

    /// Copies member `key` of `j` (at `at`) to `out[file_key]`, when present.
    void copy(const json& j, const std::string& at, std::string_view key, json& out,
              const std::string& file_at, std::string_view file_key) {
        origin(child(file_at, file_key), child(at, key));
        if (const json* v = member(j, key)) {
            out[std::string(file_key)] = *v;
        }
    }

    /// The sub-extensions of the complex extension `ext` at `at` that `specs`
    /// name, each checked for its value type; others are left to the loss report.
    static std::vector<std::pair<std::string_view, part>> parts(const part& ext,
                                                                std::span<const part_spec> specs);

    /// A UCUM quantity at `p` in `code`: its value, and its pointer.
    static part quantity_value(const part& p, std::string_view code, std::string_view what);

    /// Finds the first PlanDefinition of the Bundle (`plan_at_`).
    void find_plan();
    void version(const json& plan, const std::string& at, json& file);
    const json& resource_by_url(const std::string& url, const std::string& at);
    void settings(const json& plan, const std::string& at, json& file);
    json phase(const json& action, const std::string& at, std::size_t i);
    json frequency_and_rules(const json& action, const std::string& at, const std::string& file_at,
                             json& out);
    void conditions(const json& action, const std::string& at, std::size_t i, json& out);
    json prescription(const json& action, const part& dose_ext, const std::string& at,
                      const std::string& file_at);
    json dose(const part& ext, const std::string& file_at);

    struct source {
        std::string file_at;
        std::string fhir_at;
        bool embedded = false;
    };
    const json& in_;
    std::string plan_at_;
    std::vector<source> origins_;
    detail::fhir::alignment aligned_;
};

} // namespace rehab::detail::fhir
