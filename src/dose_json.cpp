#include "dose_json.hpp"

#include <array>
#include <chrono>
#include <optional>
#include <string_view>
#include <utility>
#include <variant>

#include <fmt/format.h>

#include "overloaded.hpp"
#include "protocol_file_names.hpp"

namespace rehab::detail {

namespace {

using ojson = nlohmann::ordered_json;
using std::chrono::seconds;

// --- reading -----------------------------------------------------------------

/// The fields that give a dose's work: exactly one of them.
constexpr std::array<std::string_view, 3> work_fields{"reps", "hold_seconds", "seconds"};

/// The fields that belong to one kind of work, each with the field that gives
/// that work.
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> fields_of_one_work{{
    {"reps_max", "reps"},
    {"seconds_max", "seconds"},
    {"as_long_as_possible", "seconds"},
}};

/// The fields that give a dose's load: at most one of them (none: body weight).
constexpr std::array<std::string_view, 3> load_fields{"load_kg", "load_percent_body_weight",
                                                      "load_rm"};

/// The one of `work_fields` the dose gives: the first given counts, the others
/// are reported; empty, and reported, when it gives none.
std::string_view read_work_field(object_reader& o) {
    const std::string_view given = o.only_one_of(work_fields, "a dose has one kind of work");
    if (o.ok() && given.empty()) {
        o.reader().add(o.path(), R"(must give the work: "reps", "hold_seconds" or "seconds")");
    }
    return given;
}

/// False, and reported, when field `key` is given but the dose's work (the
/// field `work_field`) is not the one it belongs to, `owner`.
bool fits_work(object_reader& o, std::string_view work_field, std::string_view key,
               std::string_view owner) {
    if (o.field(key) != nullptr && work_field != owner) {
        o.reader().add(o.at(key), fmt::format("can only be given with \"{}\"", owner));
        return false;
    }
    return true;
}

/// `reps` and `reps_max`; also read when no field gives the work.
repetitions read_repetitions(object_reader& o, std::string_view work_field) {
    repetitions w;
    if (const auto n = o.get_int("reps", 1, limit::reps)) {
        w.reps = reps{*n};
    }
    if (fits_work(o, work_field, "reps_max", "reps")) {
        if (const auto n = o.get_int("reps_max", 1, limit::reps)) {
            w.reps_max = reps{*n};
        }
    }
    return w;
}

hold read_hold(object_reader& o) {
    return hold{.duration = seconds{o.get_int("hold_seconds", 1, limit::seconds).value_or(0)}};
}

/// `seconds`, `seconds_max` and `as_long_as_possible`.
timed read_timed(object_reader& o) {
    timed w;
    w.duration = seconds{o.get_int("seconds", 1, limit::seconds).value_or(0)};
    if (const auto n = o.get_int("seconds_max", 1, limit::seconds)) {
        w.duration_max = seconds{*n};
    }
    w.as_long_as_possible = o.get_bool("as_long_as_possible").value_or(false);
    return w;
}

/// The work that `work_field` gives (repetitions when it is empty), then a
/// report of each field of another kind of work.
work read_work(object_reader& o, std::string_view work_field) {
    work w;
    if (work_field == "hold_seconds") {
        w = read_hold(o);
    } else if (work_field == "seconds") {
        w = read_timed(o);
    } else {
        w = read_repetitions(o, work_field);
    }
    for (const auto& [key, owner] : fields_of_one_work) {
        if (work_field != owner) {
            (void)fits_work(o, work_field, key, owner);
        }
    }
    return w;
}

tempo read_tempo(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    tempo t;
    if (const auto n = o.get_int("eccentric_seconds", 0, limit::tempo_seconds)) {
        t.eccentric = seconds{*n};
    }
    if (const auto n = o.get_int("pause_seconds", 0, limit::tempo_seconds)) {
        t.pause = seconds{*n};
    }
    if (const auto n = o.get_int("concentric_seconds", 0, limit::tempo_seconds)) {
        t.concentric = seconds{*n};
    }
    o.finish();
    return t;
}

/// The load that one of `load_fields` gives; body weight when none does (or
/// its value cannot be read).
load read_load(object_reader& o) {
    const std::string_view given = o.only_one_of(load_fields, "a dose has one load");
    if (given == "load_kg") {
        if (const auto n = o.get_number("load_kg", limit::load)) {
            return kilograms{*n};
        }
    } else if (given == "load_percent_body_weight") {
        if (const auto n = o.get_number("load_percent_body_weight", limit::load)) {
            return percent_body_weight{*n};
        }
    } else if (given == "load_rm") {
        if (const auto n = o.get_int("load_rm", 1, limit::reps)) {
            return rm_target{*n};
        }
    }
    return body_weight{};
}

/// The dose `spec` describes, or a placeholder when it or one of its fields
/// has a problem (reported under `path`).
dose checked_dose(json_reader& r, const dose_spec& spec, const json_path& path) {
    if (const error_list problems = validate(spec); !problems.empty()) {
        r.merge(problems, path.str());
        return placeholder_dose();
    }
    if (r.reported_under(path)) {
        return placeholder_dose();
    }
    return dose::make(spec).value();
}

// --- writing -----------------------------------------------------------------

/// `reps` and `reps_max`, `hold_seconds`, or `seconds`, `seconds_max` and
/// `as_long_as_possible` (the ones that apply).
void append_work(ojson& j, const work& w) {
    std::visit(overloaded{[&](const repetitions& r) {
                              j["reps"] = r.reps.value();
                              if (r.reps_max) {
                                  j["reps_max"] = r.reps_max->value();
                              }
                          },
                          [&](const hold& h) { j["hold_seconds"] = h.duration.count(); },
                          [&](const timed& t) {
                              j["seconds"] = t.duration.count();
                              if (t.duration_max) {
                                  j["seconds_max"] = t.duration_max->count();
                              }
                              if (t.as_long_as_possible) {
                                  j["as_long_as_possible"] = true;
                              }
                          }},
               w);
}

/// `tempo` with the phases it prescribes (the pause always), when there is one.
void append_tempo(ojson& j, const std::optional<tempo>& t) {
    if (!t) {
        return;
    }
    ojson phases;
    if (t->eccentric) {
        phases["eccentric_seconds"] = t->eccentric->count();
    }
    phases["pause_seconds"] = t->pause.count();
    if (t->concentric) {
        phases["concentric_seconds"] = t->concentric->count();
    }
    j["tempo"] = phases;
}

void append_rest(ojson& j, const std::optional<seconds>& rest) {
    if (rest) {
        j["rest_seconds"] = rest->count();
    }
}

/// The load as prescribed: one of `load_kg`, `load_percent_body_weight` and
/// `load_rm`, nothing for body weight.
void append_prescribed_load(ojson& j, const load& l) {
    std::visit(overloaded{[](const body_weight&) {},
                          [&](const kilograms& k) { j["load_kg"] = k.value(); },
                          [&](const percent_body_weight& p) {
                              j["load_percent_body_weight"] = p.percent();
                          },
                          [&](const rm_target& rm) { j["load_rm"] = rm.max_reps(); }},
               l);
}

/// The load of a session's item: `load_kg` for the patient where known, then
/// `load_rm` or `load_percent_body_weight` as prescribed.
void append_session_load(ojson& j, const load& prescribed,
                         const std::optional<kilograms>& load_kg) {
    if (load_kg) {
        j["load_kg"] = load_kg->value();
    }
    if (const auto* rm = std::get_if<rm_target>(&prescribed)) {
        j["load_rm"] = rm->max_reps();
    }
    if (const auto* share = std::get_if<percent_body_weight>(&prescribed)) {
        j["load_percent_body_weight"] = share->percent();
    }
}

} // namespace

dose placeholder_dose() { return dose::make(dose_spec{}).value(); }

dose read_dose(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    dose_spec spec;
    if (const auto n = o.get_int("sets", 1, limit::sets, true)) {
        spec.sets = sets{*n};
    }
    spec.work = read_work(o, read_work_field(o));
    if (const auto s = o.get_enum("side", sides_names, true)) {
        spec.side = *s;
    }
    if (const json* t = o.field("tempo")) {
        spec.tempo = read_tempo(r, *t, o.at("tempo"));
    }
    if (const auto n = o.get_int("rest_seconds", 0, limit::seconds)) {
        spec.rest = seconds{*n};
    }
    spec.load = read_load(o);
    if (const json* s = o.field("support")) {
        spec.support = read_enum(r, *s, o.at("support"), support_level_names);
    }
    if (const json* c = o.field("constraint")) {
        spec.constraint = read_enum(r, *c, o.at("constraint"), movement_constraint_names);
    }
    o.finish();
    return checked_dose(r, spec, path);
}

void append_dose(ojson& j, const dose& d, dose_shape shape, const dose_in_session& session) {
    j["sets"] = d.sets().value();
    append_work(j, d.work());
    switch (shape) {
    case dose_shape::protocol_file:
        j["side"] = token_of(d.side(), sides_names);
        append_tempo(j, d.tempo());
        append_rest(j, d.rest());
        append_prescribed_load(j, d.load());
        if (const auto& s = d.support()) {
            j["support"] = token_of(*s, support_level_names);
        }
        if (const auto& c = d.constraint()) {
            j["constraint"] = token_of(*c, movement_constraint_names);
        }
        break;
    case dose_shape::prescribed_item:
        j["side"] = session.side;
        append_session_load(j, d.load(), session.load_kg);
        append_rest(j, d.rest());
        append_tempo(j, d.tempo());
        break;
    }
}

ojson dose_json(const dose& d) {
    ojson j;
    append_dose(j, d, dose_shape::protocol_file);
    return j;
}

} // namespace rehab::detail
