/// @file fhir_import_losses.cpp
/// The loss report of `protocol_from_fhir`: the input compared, element by
/// element, with `to_fhir` of the protocol read from it.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fhir_import.hpp"
#include "json_locate.hpp"
#include "json_read.hpp"

namespace rehab::detail::fhir {

namespace {

using json = nlohmann::json;

/// The string member `key` of `j`, or "" when there is none.
std::string string_member(const json& j, std::string_view key) {
    if (j.is_object()) {
        const auto it = j.find(key);
        if (it != j.end() && it->is_string()) {
            return it->get<std::string>();
        }
    }
    return {};
}

/// Why an element of array `key` with no counterpart was not imported.
std::string unmatched(std::string_view key, const json& value, std::string_view what) {
    const std::string url = string_member(value, "url");
    if (key == "extension") {
        return fmt::format("an extension rehab does not know ({}): not imported",
                           url.empty() ? "no url" : url);
    }
    if (key == "modifierExtension") {
        return fmt::format("a modifier extension rehab does not know ({}): it may change the "
                           "meaning of what holds it, which was imported without it",
                           url.empty() ? "no url" : url);
    }
    if (key == "entry") {
        const std::string type = value.is_object() && value.contains("resource")
                                     ? string_member(value.at("resource"), "resourceType")
                                     : std::string();
        return fmt::format("{} {} does not use: not imported",
                           type.empty() ? std::string("an entry") : "a " + type, what);
    }
    if (key == "condition") {
        return "a condition without the criterion extension, or not of kind \"start\" or "
               "\"stop\": rehab cannot check it, not imported";
    }
    if (key == "action") {
        return "an action that is neither a prescription with the exercise-dose extension nor one "
               "the phase's restrictions give: not imported";
    }
    return fmt::format("more elements than {} gives: not imported", what);
}

/// The first element of `ref` not `used` for which `same` holds, or `ref.size()`.
template <class Same>
std::size_t first_unused(const json& ref, const std::vector<bool>& used, Same same) {
    for (std::size_t k = 0; k < ref.size(); ++k) {
        if (!used[k] && same(ref[k])) {
            return k;
        }
    }
    return ref.size();
}

/// The counterpart in `ref` of `in[i]`, an element of array `key` that the
/// importer did not pair: extensions by url, entries by their resource's url,
/// and else by their `fullUrl`, actions by id, conditions never, others by
/// index; `ref.size()` for none.
std::size_t paired_by_key(std::string_view key, const json& in, std::size_t i, const json& ref,
                          const std::vector<bool>& used) {
    const json& v = in[i];
    if (key == "extension" || key == "modifierExtension") {
        const std::string url = string_member(v, "url");
        return url.empty() ? ref.size() : first_unused(ref, used, [&](const json& r) {
            return string_member(r, "url") == url;
        });
    }
    if (key == "entry") {
        const std::string url =
            v.is_object() && v.contains("resource") ? string_member(v.at("resource"), "url") : "";
        if (url.empty()) {
            const std::string full = string_member(v, "fullUrl");
            return full.empty() ? ref.size() : first_unused(ref, used, [&](const json& r) {
                return string_member(r, "fullUrl") == full &&
                       (!r.contains("resource") || string_member(r.at("resource"), "url").empty());
            });
        }
        return first_unused(ref, used, [&](const json& r) {
            return r.contains("resource") && string_member(r.at("resource"), "url") == url;
        });
    }
    if (key == "action") {
        const std::string id = string_member(v, "id");
        return id.empty() ? ref.size() : first_unused(ref, used, [&](const json& r) {
            return string_member(r, "id") == id;
        });
    }
    if (key == "condition") {
        return ref.size();
    }
    return i < ref.size() && !used[i] ? i : ref.size();
}

class differ {
public:
    differ(const alignment& aligned, std::string_view what, std::vector<fhir_loss>& out)
        : aligned_(aligned), what_(what), out_(out) {}

    // Recursion as deep as the reference, which to_fhir writes a few levels deep.
    // NOLINTNEXTLINE(misc-no-recursion)
    void node(const json& in, const json& ref, std::string& at) {
        if (in.is_object() && ref.is_object()) {
            for (const auto& [key, value] : in.items()) {
                const std::size_t size = at.size();
                at.push_back('/');
                append_pointer_token(at, key);
                const auto it = ref.find(key);
                if (it == ref.end()) {
                    missing(key, value, at);
                } else if (value.is_array() && it->is_array()) {
                    array(key, value, *it, at);
                } else {
                    node(value, *it, at);
                }
                at.resize(size);
            }
            return;
        }
        if (in != ref) {
            out_.push_back({at, fmt::format("differs from what {} gives ({}): not imported", what_,
                                            describe(ref))});
        }
    }

private:
    /// A member the reference lacks: each element of an array of extensions,
    /// conditions, actions or entries on its own, anything else as a whole.
    void missing(const std::string& key, const json& value, std::string& at) {
        if ((key == "extension" || key == "modifierExtension" || key == "condition" ||
             key == "action" || key == "entry") &&
            value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                out_.push_back({at + "/" + std::to_string(i), unmatched(key, value[i], what_)});
            }
            return;
        }
        out_.push_back(
            {at, fmt::format("\"{}\": {} has no place for it, not imported", key, what_)});
    }

    /// The index in `ref` of the counterpart of `in[i]`, or `ref.size()`.
    [[nodiscard]] std::size_t counterpart(const std::string& key, const json& in, std::size_t i,
                                          const json& ref, const std::vector<bool>& used,
                                          const std::string& at) const {
        const std::string at_i = at + "/" + std::to_string(i);
        if (const auto it = aligned_.find(at_i); it != aligned_.end()) {
            const std::string& target = it->second;
            const auto slash = target.rfind('/');
            const std::size_t index = std::stoul(target.substr(slash + 1));
            return index < ref.size() ? index : ref.size();
        }
        return paired_by_key(key, in, i, ref, used);
    }

    // NOLINTNEXTLINE(misc-no-recursion): see node
    void array(const std::string& key, const json& in, const json& ref, std::string& at) {
        std::vector<bool> used(ref.size(), false);
        // The importer's pairs first, so that no other rule takes their targets.
        for (std::size_t i = 0; i < in.size(); ++i) {
            if (const auto it = aligned_.find(at + "/" + std::to_string(i)); it != aligned_.end()) {
                const std::size_t k = counterpart(key, in, i, ref, used, at);
                if (k < ref.size()) {
                    used[k] = true;
                }
            }
        }
        for (std::size_t i = 0; i < in.size(); ++i) {
            const std::size_t size = at.size();
            at += "/" + std::to_string(i);
            const bool paired = aligned_.contains(at);
            const std::size_t k = counterpart(key, in, i, ref, used, at.substr(0, size));
            if (k < ref.size()) {
                used[k] = true;
                node(in[i], ref[k], at);
            } else {
                out_.push_back({at, paired ? fmt::format("has no counterpart in {} read: not "
                                                         "imported",
                                                         what_)
                                           : unmatched(key, in[i], what_)});
            }
            at.resize(size);
        }
    }

    const alignment& aligned_;
    std::string_view what_;
    std::vector<fhir_loss>& out_;
};

} // namespace

std::vector<fhir_loss> losses(const json& input, const json& reference, const alignment& aligned,
                              std::string_view what) {
    std::vector<fhir_loss> out;
    differ d(aligned, what, out);
    std::string at;
    d.node(input, reference, at);
    return out;
}

} // namespace rehab::detail::fhir
