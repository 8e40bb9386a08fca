#include "restrictions_json.hpp"

#include <array>
#include <chrono>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "overloaded.hpp"
#include "protocol_file_names.hpp"

namespace rehab::detail {

namespace {

using ojson = nlohmann::ordered_json;

// --- reading -----------------------------------------------------------------

/// `[min, max]`: a hinged boot's range of plantarflexion.
std::optional<plantarflexion_range> read_range(json_reader& r, const json& v,
                                               const json_path& path) {
    if (!expect_array(r, v, path)) {
        return std::nullopt;
    }
    if (v.size() != 2) {
        r.add(path.str(), fmt::format("must be two degrees of plantarflexion, lowest first "
                                      "([20, 30]), got {} value{}",
                                      v.size(), v.size() == 1 ? "" : "s"));
        return std::nullopt;
    }
    const std::string at = path.str();
    const auto low = read_int(r, v[0], at + "/0", -limit::degrees, limit::degrees);
    const auto high = read_int(r, v[1], at + "/1", -limit::degrees, limit::degrees);
    if (!low || !high) {
        return std::nullopt;
    }
    return plantarflexion_range{.min_degrees = *low, .max_degrees = *high};
}

orthosis read_orthosis(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    orthosis out;
    out.type = o.get_enum("type", orthosis_type_names, true).value_or(out.type);
    // One setting: the first of these given counts, the others are refused.
    constexpr std::array<std::string_view, 3> settings{"wedges", "heel_lift_cm",
                                                       "plantarflexion_degrees"};
    const std::string_view setting = o.only_one_of(settings, "an orthosis has one setting");
    if (setting == "wedges") {
        if (const auto n = o.get_int("wedges", -limit::wedges, limit::wedges)) {
            out.setting = heel_wedges{*n};
        }
    } else if (setting == "heel_lift_cm") {
        if (const auto cm = o.get_number("heel_lift_cm", limit::heel_lift_cm)) {
            out.setting = heel_lift{*cm};
        }
    } else if (setting == "plantarflexion_degrees") {
        if (const auto range =
                read_range(r, *o.field("plantarflexion_degrees"), o.at("plantarflexion_degrees"))) {
            out.setting = *range;
        }
    }
    out.worn = o.get_enum("worn", orthosis_wear_names).value_or(out.worn);
    out.off_for_washing_and_dressing =
        o.get_bool("off_for_washing_and_dressing").value_or(out.off_for_washing_and_dressing);
    out.off_for_exercise = o.get_bool("off_for_exercise").value_or(out.off_for_exercise);
    out.source = o.get_string("source").value_or("");
    o.finish();
    if (r.reported_under(path)) {
        // Read in part: it stands in as coming off for the exercises, so no
        // prescription is refused for the mistake reported here.
        out.off_for_exercise = true;
    }
    return out;
}

weight_bearing_status read_weight_bearing(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    weight_bearing_status out;
    // Unreadable: full, which forbids no exercise, so no prescription is
    // refused for a mistake reported here.
    out.affected =
        o.get_enum("affected", weight_bearing_names, true).value_or(weight_bearing::full);
    if (const json* aids = o.field("aids"); aids != nullptr && !aids->is_null()) {
        out.aids = read_enum(r, *aids, o.at("aids"), walking_aids_names);
    }
    out.source = o.get_string("source").value_or("");
    o.finish();
    return out;
}

rom_limit read_rom_limit(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    rom_limit out;
    out.motion = o.get_enum("motion", ankle_motion_names, true).value_or(out.motion);
    out.mode = o.get_enum("mode", motion_mode_names, true).value_or(out.mode);
    if (const json* max = o.required("max_degrees"); max != nullptr) {
        if (max->is_null()) {
            out.max_degrees = std::nullopt;
        } else if (const auto n =
                       read_int(r, *max, o.at("max_degrees"), -limit::degrees, limit::degrees)) {
            out.max_degrees = *n;
        }
    }
    out.source = o.get_string("source").value_or("");
    o.finish();
    if (r.reported_under(path)) {
        // A limit read in part stands in as one on plantarflexion, which no
        // exercise's needs are checked against: no prescription is refused
        // for the mistake reported here.
        out.motion = ankle_motion::plantarflexion;
    }
    return out;
}

std::vector<activity> read_activities(object_reader& o, std::string_view key) {
    std::vector<activity> out;
    json_reader& r = o.reader();
    if (const json* list = o.get_array(key)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            object_reader a(r, (*list)[i], json_path(o, key, i));
            activity item;
            item.id = a.get_string("id", true).value_or("");
            item.note = a.get_string("note").value_or("");
            item.source = a.get_string("source").value_or("");
            a.finish();
            out.push_back(std::move(item));
        }
    }
    return out;
}

// --- writing -----------------------------------------------------------------

ojson orthosis_json(const orthosis& o) {
    ojson j;
    j["type"] = token_of(o.type, orthosis_type_names);
    std::visit(
        overloaded{[](std::monostate) {}, [&](const heel_wedges& w) { j["wedges"] = w.count; },
                   [&](const heel_lift& h) { j["heel_lift_cm"] = h.cm; },
                   [&](const plantarflexion_range& g) {
                       j["plantarflexion_degrees"] = ojson::array({g.min_degrees, g.max_degrees});
                   }},
        o.setting);
    j["worn"] = token_of(o.worn, orthosis_wear_names);
    j["off_for_washing_and_dressing"] = o.off_for_washing_and_dressing;
    j["off_for_exercise"] = o.off_for_exercise;
    j["source"] = o.source;
    return j;
}

ojson activities_json(const std::vector<activity>& list) {
    ojson j = ojson::array();
    for (const auto& a : list) {
        j.push_back(ojson{{"id", a.id}, {"note", a.note}, {"source", a.source}});
    }
    return j;
}

} // namespace

phase_restrictions read_restrictions(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    phase_restrictions out;
    if (const json* j = o.field("orthosis")) {
        out.orthosis = read_orthosis(r, *j, o.at("orthosis"));
    }
    if (const json* j = o.field("weight_bearing")) {
        out.weight_bearing = read_weight_bearing(r, *j, o.at("weight_bearing"));
    }
    if (const json* list = o.get_array("rom_limits")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            out.rom_limits.push_back(read_rom_limit(r, (*list)[i], json_path(o, "rom_limits", i)));
        }
    }
    out.not_allowed = read_activities(o, "not_allowed");
    out.allowed = read_activities(o, "allowed");
    o.finish();
    return out;
}

nlohmann::ordered_json restrictions_json(const phase_restrictions& limits) {
    ojson j = ojson::object();
    if (limits.orthosis) {
        j["orthosis"] = orthosis_json(*limits.orthosis);
    }
    if (const auto& w = limits.weight_bearing) {
        j["weight_bearing"] = ojson{
            {"affected", token_of(w->affected, weight_bearing_names)},
            {"aids", w->aids ? ojson(token_of(*w->aids, walking_aids_names)) : ojson(nullptr)},
            {"source", w->source}};
    }
    if (!limits.rom_limits.empty()) {
        j["rom_limits"] = ojson::array();
        for (const auto& l : limits.rom_limits) {
            j["rom_limits"].push_back(
                ojson{{"motion", token_of(l.motion, ankle_motion_names)},
                      {"mode", token_of(l.mode, motion_mode_names)},
                      {"max_degrees", l.max_degrees ? ojson(*l.max_degrees) : ojson(nullptr)},
                      {"source", l.source}});
        }
    }
    if (!limits.not_allowed.empty()) {
        j["not_allowed"] = activities_json(limits.not_allowed);
    }
    if (!limits.allowed.empty()) {
        j["allowed"] = activities_json(limits.allowed);
    }
    return j;
}

earliest_start read_earliest_start(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    earliest_start out;
    if (const auto n = o.get_int("after_days", 0, limit::days, true)) {
        out.after_day_zero = std::chrono::days{*n};
    }
    if (const json* until = o.field("until_then")) {
        out.until_then = read_restrictions(r, *until, o.at("until_then"));
    }
    out.source = o.get_string("source").value_or("");
    o.finish();
    return out;
}

nlohmann::ordered_json earliest_start_json(const earliest_start& start) {
    return ojson{{"after_days", start.after_day_zero.count()},
                 {"until_then", restrictions_json(start.until_then)},
                 {"source", start.source}};
}

exercise_needs read_needs(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    exercise_needs out;
    out.weight_bearing =
        o.get_enum("weight_bearing", weight_bearing_names).value_or(out.weight_bearing);
    out.single_leg_stance = o.get_bool("single_leg_stance").value_or(out.single_leg_stance);
    out.dorsiflexion =
        o.get_enum("dorsiflexion", dorsiflexion_reach_names).value_or(out.dorsiflexion);
    out.passive_stretch = o.get_bool("passive_stretch").value_or(out.passive_stretch);
    if (const json* list = o.get_array("counts_as")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            out.counts_as.push_back(
                read_string(r, (*list)[i], json_path(o, "counts_as", i)).value_or(""));
        }
    }
    o.finish();
    return out;
}

nlohmann::ordered_json needs_json(const exercise_needs& needs) {
    return ojson{{"weight_bearing", token_of(needs.weight_bearing, weight_bearing_names)},
                 {"single_leg_stance", needs.single_leg_stance},
                 {"dorsiflexion", token_of(needs.dorsiflexion, dorsiflexion_reach_names)},
                 {"passive_stretch", needs.passive_stretch},
                 {"counts_as", needs.counts_as}};
}

} // namespace rehab::detail
