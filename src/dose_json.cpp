#include "dose_json.hpp"

#include <chrono>
#include <optional>
#include <variant>

#include "overloaded.hpp"
#include "protocol_file_names.hpp"

namespace rehab::detail {

namespace {

using ojson = nlohmann::ordered_json;
using std::chrono::seconds;

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

void append_dose(ojson& j, const dose& d, dose_shape shape, const dose_in_session& session) {
    j["sets"] = d.sets().value();
    append_work(j, d.work());
    switch (shape) {
    case dose_shape::protocol_file:
        j["side"] = name_of(d.side(), side_names);
        append_tempo(j, d.tempo());
        append_rest(j, d.rest());
        append_prescribed_load(j, d.load());
        if (const auto& s = d.support()) {
            j["support"] = name_of(*s, support_names);
        }
        if (const auto& c = d.constraint()) {
            j["constraint"] = name_of(*c, constraint_names);
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
