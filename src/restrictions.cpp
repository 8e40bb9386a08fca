#include <rehab/restrictions.hpp>

#include <algorithm>
#include <set>
#include <string>

#include <fmt/format.h>

#include "overloaded.hpp"

using rehab::detail::overloaded;

namespace rehab {

bool orthosis::holds_equinus() const noexcept {
    // std::get_if, not std::visit: std::visit throws on a valueless variant,
    // and this function is noexcept (a valueless setting holds nothing).
    static_assert(std::variant_size_v<boot_setting> == 4,
                  "holds_equinus must look at every alternative of boot_setting");
    if (const auto* w = std::get_if<heel_wedges>(&setting)) {
        return w->count > 0;
    }
    if (const auto* h = std::get_if<heel_lift>(&setting)) {
        return h->cm > 0.0;
    }
    if (const auto* r = std::get_if<plantarflexion_range>(&setting)) {
        return r->min_degrees > 0;
    }
    return false; // std::monostate: nothing stated
}

std::vector<std::string> phase_restrictions::sources() const {
    std::vector<std::string> out;
    const auto add = [&](const std::string& s) {
        if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) {
            out.push_back(s);
        }
    };
    if (orthosis) {
        add(orthosis->source);
    }
    if (weight_bearing) {
        add(weight_bearing->source);
    }
    for (const auto& r : rom_limits) {
        add(r.source);
    }
    for (const auto& a : not_allowed) {
        add(a.source);
    }
    for (const auto& a : allowed) {
        add(a.source);
    }
    return out;
}

namespace {

/// The most dorsiflexion `limit` allows, in degrees past neutral, given the
/// orthosis: "not beyond the boot's position" is short of neutral while the
/// boot holds the foot in equinus, and neutral once it is plantigrade.
int allowed_degrees(const rom_limit& limit, const std::optional<orthosis>& worn) {
    if (limit.max_degrees) {
        return *limit.max_degrees;
    }
    return worn && worn->holds_equinus() ? -1 : 0;
}

/// Whether reaching `reach` goes past `degrees` of dorsiflexion.
bool exceeds(dorsiflexion_reach reach, int degrees) {
    switch (reach) {
    case dorsiflexion_reach::none:
        return false;
    case dorsiflexion_reach::to_neutral:
        return degrees < 0;
    case dorsiflexion_reach::beyond_neutral:
        return degrees <= 0;
    }
    return true;
}

std::string describe_limit(const rom_limit& limit) {
    std::string text = fmt::format("{}", limit);
    if (!limit.source.empty()) {
        text += fmt::format(" ({})", limit.source);
    }
    return text;
}

std::string_view reach_words(dorsiflexion_reach r) {
    switch (r) {
    case dorsiflexion_reach::none:
        return "keeps the ankle pointed";
    case dorsiflexion_reach::to_neutral:
        return "brings the ankle up to neutral";
    case dorsiflexion_reach::beyond_neutral:
        return "takes the ankle past neutral";
    }
    return "moves the ankle";
}

} // namespace

namespace {

std::string activity_words(const activity& a) {
    std::string text = a.id;
    std::replace(text.begin(), text.end(), '_', ' ');
    if (!a.note.empty()) {
        text += fmt::format(" ({})", a.note);
    }
    return text;
}

std::string activity_list(const std::vector<activity>& list) {
    std::string out;
    for (const auto& a : list) {
        out += out.empty() ? "" : "; ";
        out += activity_words(a);
    }
    return out;
}

} // namespace

namespace {

/// " (source)", or nothing when `source` is empty.
std::string source_note(const std::string& source) {
    return source.empty() ? std::string{} : fmt::format(" ({})", source);
}

void check_weight_bearing(std::vector<std::string>& reasons, const exercise_needs& needs,
                          const weight_bearing_status& limit) {
    const weight_bearing allowed = limit.affected;
    const std::string source = source_note(limit.source);
    if (needs.weight_bearing > allowed) {
        reasons.push_back(fmt::format("it needs {} on the affected leg; this phase allows {}{}",
                                      needs.weight_bearing, allowed, source));
    } else if (needs.single_leg_stance && allowed < weight_bearing::as_tolerated) {
        reasons.push_back(
            fmt::format("it needs standing on the affected leg alone; this phase allows {}{}",
                        allowed, source));
    }
}

/// Whether `o` never comes off.
bool stays_on(const orthosis& o) {
    return o.type == orthosis_type::splint_or_cast ||
           (o.type == orthosis_type::walking_boot && o.worn == orthosis_wear::at_all_times &&
            !o.off_for_washing_and_dressing && !o.off_for_exercise);
}

void check_orthosis(std::vector<std::string>& reasons, const exercise_needs& needs,
                    const orthosis& o) {
    const std::string source = source_note(o.source);
    if (stays_on(o) && needs.dorsiflexion != dorsiflexion_reach::none) {
        // An orthosis that never comes off leaves no ankle movement up
        // towards neutral to exercise.
        reasons.push_back(fmt::format("it {}; the ankle stays in the {} day and night{}",
                                      reach_words(needs.dorsiflexion), o.type, source));
    } else if (o.holds_equinus() && needs.passive_stretch &&
               needs.dorsiflexion == dorsiflexion_reach::beyond_neutral) {
        reasons.push_back(
            fmt::format("it stretches the ankle past neutral; the {} holds the foot pointed down{}",
                        o.type, source));
    }
}

void check_rom_limits(std::vector<std::string>& reasons, const exercise_needs& needs,
                      const phase_restrictions& limits) {
    for (const auto& limit : limits.rom_limits) {
        if (limit.motion != ankle_motion::dorsiflexion) {
            continue;
        }
        // An active limit caps every movement; a passive one only stretches.
        const bool applies = limit.mode == motion_mode::active || needs.passive_stretch;
        if (applies && exceeds(needs.dorsiflexion, allowed_degrees(limit, limits.orthosis))) {
            reasons.push_back(
                fmt::format("it {}{}; this phase allows {}", reach_words(needs.dorsiflexion),
                            needs.passive_stretch ? " in a stretch" : "", describe_limit(limit)));
        }
    }
}

void check_not_allowed(std::vector<std::string>& reasons, const exercise_needs& needs,
                       const std::vector<activity>& not_allowed) {
    for (const auto& kind : needs.counts_as) {
        for (const auto& a : not_allowed) {
            if (a.id == kind) {
                reasons.push_back(fmt::format("it counts as {}, which this phase does not allow",
                                              activity_words(a)) +
                                  source_note(a.source));
            }
        }
    }
}

} // namespace

std::vector<std::string> check_allowed(const exercise_needs& needs,
                                       const phase_restrictions& limits) {
    std::vector<std::string> reasons;
    if (limits.weight_bearing) {
        check_weight_bearing(reasons, needs, *limits.weight_bearing);
    }
    if (limits.orthosis) {
        check_orthosis(reasons, needs, *limits.orthosis);
    }
    check_rom_limits(reasons, needs, limits);
    check_not_allowed(reasons, needs, limits.not_allowed);
    return reasons;
}

std::vector<std::string> plain_lines(const phase_restrictions& r) {
    std::vector<std::string> out;
    if (r.orthosis) {
        out.push_back(fmt::format("Orthosis: {}", *r.orthosis));
    }
    if (r.weight_bearing) {
        out.push_back(fmt::format("Weight on the affected leg: {}", *r.weight_bearing));
    }
    for (const auto& limit : r.rom_limits) {
        out.push_back(fmt::format("Range of motion: {}", limit));
    }
    if (!r.not_allowed.empty()) {
        out.push_back(fmt::format("Not yet: {}", activity_list(r.not_allowed)));
    }
    if (!r.allowed.empty()) {
        out.push_back(fmt::format("Allowed: {}", activity_list(r.allowed)));
    }
    return out;
}

namespace {

void add_invalid(error_list& errors, std::string path, std::string message) {
    errors.push_back(error{errc::invalid_value, std::move(path), std::move(message), {}, {}});
}

void validate_setting(error_list& errors, const boot_setting& setting) {
    std::visit(overloaded{[](std::monostate) {},
                          [&](const heel_wedges& w) {
                              if (w.count < 0 || w.count > 10) {
                                  add_invalid(errors, "/orthosis/wedges",
                                              fmt::format("must be 0-10, got {}", w.count));
                              }
                          },
                          [&](const heel_lift& h) {
                              if (!(h.cm >= 0.0 && h.cm <= 10.0)) {
                                  add_invalid(errors, "/orthosis/heel_lift_cm",
                                              fmt::format("must be 0-10 cm, got {}", h.cm));
                              }
                          },
                          [&](const plantarflexion_range& g) {
                              if (g.min_degrees < 0 || g.max_degrees > 90 ||
                                  g.min_degrees > g.max_degrees) {
                                  add_invalid(errors, "/orthosis/plantarflexion_degrees",
                                              fmt::format("must be a range within 0-90 degrees, "
                                                          "lowest first, got {}-{}",
                                                          g.min_degrees, g.max_degrees));
                              }
                          }},
               setting);
}

void validate_orthosis(error_list& errors, const orthosis& o) {
    validate_setting(errors, o.setting);
    if (o.type != orthosis_type::walking_boot &&
        !std::holds_alternative<std::monostate>(o.setting) &&
        !std::holds_alternative<heel_lift>(o.setting)) {
        add_invalid(
            errors, "/orthosis/type",
            fmt::format("wedges and a plantarflexion range belong to a walking boot, got {}",
                        o.type));
    }
}

/// The activities listed under `key`; `seen` holds the ids listed before.
void validate_activities(error_list& errors, const std::vector<activity>& list,
                         std::string_view key, std::set<std::string, std::less<>>& seen) {
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string path = fmt::format("/{}/{}/id", key, i);
        if (!is_snake_case(list[i].id)) {
            add_invalid(errors, path,
                        fmt::format("must be snake_case (letters and digits joined by single "
                                    "underscores), got \"{}\"",
                                    list[i].id));
        } else if (!seen.insert(list[i].id).second) {
            add_invalid(errors, path, fmt::format("\"{}\" is listed twice", list[i].id));
        }
    }
}

} // namespace

error_list validate(const phase_restrictions& r) {
    error_list errors;
    if (r.orthosis) {
        validate_orthosis(errors, *r.orthosis);
    }
    for (std::size_t i = 0; i < r.rom_limits.size(); ++i) {
        const auto& max = r.rom_limits[i].max_degrees;
        if (max && (*max < -90 || *max > 90)) {
            add_invalid(errors, fmt::format("/rom_limits/{}/max_degrees", i),
                        fmt::format("must be -90 to 90 degrees, got {}", *max));
        }
    }
    std::set<std::string, std::less<>> seen;
    validate_activities(errors, r.not_allowed, "not_allowed", seen);
    validate_activities(errors, r.allowed, "allowed", seen);
    return errors;
}

std::string_view to_string(orthosis_type t) noexcept {
    return detail::text_of(t, detail::orthosis_type_names);
}

std::string_view to_string(orthosis_wear w) noexcept {
    return detail::text_of(w, detail::orthosis_wear_names);
}

std::string_view to_string(walking_aids a) noexcept {
    return detail::text_of(a, detail::walking_aids_names);
}

std::string_view to_string(ankle_motion m) noexcept {
    return detail::text_of(m, detail::ankle_motion_names);
}

std::string_view to_string(motion_mode m) noexcept {
    return detail::text_of(m, detail::motion_mode_names);
}

} // namespace rehab

auto fmt::formatter<rehab::orthosis>::format(const rehab::orthosis& o,
                                             fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    using namespace rehab;
    std::string text;
    if (o.type == orthosis_type::none) {
        text = "no orthosis";
    } else {
        text = fmt::format("{}", o.type);
    }
    text += std::visit(
        overloaded{[](std::monostate) { return std::string{}; },
                   [](const heel_wedges& w) {
                       return w.count == 0 ? std::string{" with no wedges (plantigrade)"}
                                           : fmt::format(" with {} heel wedge{}", w.count,
                                                         w.count == 1 ? "" : "s");
                   },
                   [](const heel_lift& h) {
                       return h.cm == 0.0 ? std::string{" with no heel lift"}
                                          : fmt::format(" with a {} cm heel lift", h.cm);
                   },
                   [](const plantarflexion_range& r) {
                       return r.min_degrees == r.max_degrees
                                  ? fmt::format(" locked at {} degrees of plantarflexion",
                                                r.min_degrees)
                                  : fmt::format(" open from {} to {} degrees of plantarflexion",
                                                r.min_degrees, r.max_degrees);
                   }},
        o.setting);
    if (o.type != orthosis_type::none) {
        text += fmt::format(", worn {}", o.worn);
        if (o.off_for_washing_and_dressing) {
            text += ", may come off for washing and dressing";
        }
        if (o.off_for_exercise) {
            text += ", comes off for the exercises";
        }
    }
    return fmt::formatter<std::string_view>::format(text, ctx);
}

auto fmt::formatter<rehab::weight_bearing_status>::format(const rehab::weight_bearing_status& w,
                                                          fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    std::string text = fmt::format("{}", w.affected);
    if (w.aids) {
        text += fmt::format(", {}", *w.aids);
    }
    return fmt::formatter<std::string_view>::format(text, ctx);
}

auto fmt::formatter<rehab::rom_limit>::format(const rehab::rom_limit& r,
                                              fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    std::string text = fmt::format("{} {} ", r.mode, r.motion);
    if (!r.max_degrees) {
        text += "not beyond the boot's position";
    } else if (*r.max_degrees == 0) {
        text += "to neutral (0 degrees)";
    } else if (*r.max_degrees < 0) {
        text += fmt::format("stopping {} degrees short of neutral", -*r.max_degrees);
    } else {
        text += fmt::format("up to {} degrees", *r.max_degrees);
    }
    return fmt::formatter<std::string_view>::format(text, ctx);
}
