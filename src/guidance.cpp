#include <rehab/guidance.hpp>

#include <algorithm>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <rehab/dates.hpp>
#include <rehab/detail/close_matches.hpp>

#include "engine_doses.hpp"
#include "export_format.hpp"
#include "restrictions_json.hpp"

namespace rehab {

namespace {

using ojson = nlohmann::ordered_json;

/// Where each phase starts in days since day zero, as planned; one more
/// entry for the planned end.
std::vector<int> phase_starts(const protocol& p) {
    const std::vector<long long> starts = planned_phase_starts(p);
    return {starts.begin(), starts.end()};
}

/// The day a protocol counts from, `elapsed` days before `start`.
boost::gregorian::date day_zero(boost::gregorian::date start, int elapsed) {
    return start - boost::gregorian::days(elapsed);
}

/// "the start", "the injury", "the surgery".
std::string day_zero_words(time_basis b) { return fmt::format("the {}", b); }

phase_gate gate_after(const protocol& p, std::size_t index, boost::gregorian::date zero,
                      int phase_end) {
    phase_gate gate;
    int earliest = phase_end;
    const auto add = [&](const std::vector<criterion>& list) {
        for (const auto& c : list) {
            if (const auto* t = std::get_if<time_since_day_zero>(&c)) {
                earliest = std::max(earliest, static_cast<int>(t->time.count()));
                continue;
            }
            if (std::holds_alternative<clinician_confirmation>(c)) {
                gate.needs_confirmation = true;
            }
            gate.criteria.push_back(fmt::format("{}", c));
        }
    };
    add(p.phases[index].exit);
    add(p.phases[index + 1].entry);
    gate.earliest = zero + boost::gregorian::days(earliest);
    return gate;
}

} // namespace

expected<day_guidance> guidance_on(const protocol& p, boost::gregorian::date start,
                                   const patient& who, boost::gregorian::date day) {
    if (p.phases.empty()) {
        return fail(errc::invalid_value, "/phases", "the protocol has no phases");
    }
    const auto elapsed = days_since_day_zero(p, who, start);
    if (!elapsed) {
        return tl::unexpected(elapsed.error());
    }
    if (day.is_special()) {
        return fail(errc::invalid_value, "/on", "must be a calendar date, got a special value");
    }
    const boost::gregorian::date zero = day_zero(start, *elapsed);
    const auto since = static_cast<int>((day - zero).days());
    if (since < 0) {
        return fail(errc::invalid_value, "/on",
                    fmt::format("{} is before {} ({}), where {} starts counting", to_iso_date(day),
                                day_zero_words(p.counted_from), to_iso_date(zero), p.id));
    }
    const std::vector<int> starts = phase_starts(p);
    // By time alone as far as the first gate that asks for more (a
    // measurement, a clinician): until that is passed, the phase before it
    // applies, however late the day.
    std::size_t index = 0;
    while (index + 1 < p.phases.size() && since >= starts[index + 1] &&
           !gate_needs_more_than_time(p, index)) {
        ++index;
    }
    if (index + 1 == p.phases.size() && since >= starts.back()) {
        return fail(errc::invalid_value, "/on",
                    fmt::format("{} is after the planned end of {} ({}, {} days after {})",
                                to_iso_date(day), p.id,
                                to_iso_date(zero + boost::gregorian::days(starts.back() - 1)),
                                starts.back() - 1, day_zero_words(p.counted_from)));
    }
    const phase& ph = p.phases[index];
    day_guidance g;
    g.date = day;
    g.counted_from = p.counted_from;
    g.days_since_day_zero = since;
    g.before_start = day < start;
    const auto days_since = [&](const std::optional<boost::gregorian::date>& d,
                                time_basis basis) -> std::optional<int> {
        if (d) {
            return static_cast<int>((day - *d).days());
        }
        return p.counted_from == basis ? std::optional{since} : std::nullopt;
    };
    g.days_since_injury = days_since(who.injury_date, time_basis::injury);
    g.days_since_surgery = days_since(who.surgery_date, time_basis::surgery);
    g.phase_index = index;
    g.phase_id = ph.id;
    g.phase_name = ph.name;
    g.goal = ph.goal;
    g.restrictions = ph.restrictions;
    g.sessions_per_day = has_sessions(ph) ? ph.frequency.per_day.value() : 0;
    if (!g.before_start) {
        const int phase_week = (since - starts[index]) / 7 + 1;
        const std::vector<int> levels = detail::nominal_levels(ph, phase_week);
        for (std::size_t i = 0; i < ph.prescriptions.size(); ++i) {
            g.items.push_back(detail::prescribe_item(
                ph, i, detail::dose_at(ph, i, levels, /*floor_level=*/false), who));
        }
    }
    if (index + 1 < p.phases.size()) {
        g.next_gate = gate_after(p, index, zero, starts[index + 1]);
        g.next_gate->pending = since >= starts[index + 1];
    }
    g.sources.push_back(p.source);
    for (auto& s : ph.restrictions.sources()) {
        if (std::find(g.sources.begin(), g.sources.end(), s) == g.sources.end()) {
            g.sources.push_back(std::move(s));
        }
    }
    return g;
}

expected<exercise_answer> may_do(const protocol& p, boost::gregorian::date start,
                                 const patient& who, boost::gregorian::date day,
                                 std::string_view exercise, const catalog& exercises) {
    const rehab::exercise* e = exercises.find(exercise);
    if (e == nullptr) {
        return fail(
            errc::unknown_id, "/exercise",
            fmt::format("unknown exercise id \"{}\"{}", exercise,
                        detail::did_you_mean(detail::close_matches(exercise, exercises.ids()))));
    }
    auto g = guidance_on(p, start, who, day);
    if (!g) {
        return tl::unexpected(g.error());
    }
    exercise_answer a;
    a.exercise = e->id;
    const phase& ph = p.phases[g->phase_index];
    a.prescribed = std::any_of(ph.prescriptions.begin(), ph.prescriptions.end(),
                               [&](const prescription& x) { return x.exercise == e->id; });
    a.reasons = check_allowed(e->needs, g->restrictions);
    a.allowed = a.reasons.empty();
    const std::vector<int> starts = phase_starts(p);
    const boost::gregorian::date zero = day - boost::gregorian::days(g->days_since_day_zero);
    for (std::size_t i = g->phase_index + 1; i < p.phases.size(); ++i) {
        if (!a.allowed && !a.from && check_allowed(e->needs, p.phases[i].restrictions).empty()) {
            a.from = zero + boost::gregorian::days(starts[i]);
        }
        const auto& later = p.phases[i].prescriptions;
        if (!a.prescribed && !a.prescribed_from &&
            std::any_of(later.begin(), later.end(),
                        [&](const prescription& x) { return x.exercise == e->id; })) {
            a.prescribed_from = zero + boost::gregorian::days(starts[i]);
        }
    }
    return a;
}

std::string to_text(const day_guidance& g) {
    std::string out;
    const std::string zero = day_zero_words(g.counted_from);
    out += fmt::format("{}: day {} after {} (week {}).\n", to_iso_date(g.date),
                       g.days_since_day_zero, zero, g.weeks() + 1);
    out += fmt::format("Phase: {}.\n", g.phase_name);
    if (!g.goal.empty()) {
        out += fmt::format("  {}\n", g.goal);
    }
    for (const auto& line : plain_lines(g.restrictions)) {
        out += line + ".\n";
    }
    if (g.before_start) {
        out += "The exercise program has not started yet on this day.\n";
    } else if (g.items.empty()) {
        out += "No exercises in this phase.\n";
    } else {
        out += g.sessions_per_day == 1
                   ? std::string{"Exercises, once a day:\n"}
                   : fmt::format("Exercises, {} sessions a day:\n", g.sessions_per_day);
        for (const auto& item : g.items) {
            out += fmt::format("  - {}: {}{}\n", detail::exercise_name(item.exercise), item.dose,
                               item.side ? fmt::format(" ({})", *item.side) : std::string{});
        }
    }
    if (g.next_gate) {
        const auto& gate = *g.next_gate;
        out += gate.pending
                   ? fmt::format("Next phase: due since {}, once {}.\n", to_iso_date(gate.earliest),
                                 fmt::join(gate.criteria, " and "))
                   : fmt::format("Next phase: from {} at the earliest{}{}.\n",
                                 to_iso_date(gate.earliest), gate.criteria.empty() ? "" : ", once ",
                                 fmt::join(gate.criteria, " and "));
        if (gate.needs_confirmation) {
            out += "  This step needs your clinician's confirmation; it does not happen by "
                   "date alone.\n";
        }
    } else {
        out += "This is the last phase of the program.\n";
    }
    out += fmt::format("Sources: {}.\n", fmt::join(g.sources, "; "));
    out += "This follows the protocol as written; your treating team's advice comes first.\n";
    return out;
}

std::string to_text(const exercise_answer& a, const catalog& exercises) {
    const rehab::exercise* e = exercises.find(a.exercise);
    const std::string name = e != nullptr ? e->name : a.exercise;
    std::string out;
    const std::string program = a.prescribed_from
                                    ? fmt::format("The program starts it on {} as planned.\n",
                                                  to_iso_date(*a.prescribed_from))
                                    : std::string{};
    if (a.allowed && a.prescribed) {
        return fmt::format("{}: allowed, and part of the program in this phase.\n", name);
    }
    if (a.allowed) {
        return fmt::format("{}: nothing in this phase's limits forbids it, but the program does "
                           "not include it now; ask your clinician before adding it.\n{}",
                           name, program);
    }
    out = fmt::format("{}: not yet.\n", name);
    for (const auto& why : a.reasons) {
        out += fmt::format("  - {}\n", why);
    }
    out += a.from ? fmt::format("This phase's limits allow it from {} as planned.\n",
                                to_iso_date(*a.from))
                  : std::string{"No later phase of this program allows it.\n"};
    return out + program;
}

namespace {

/// The restrictions as protocol files write them, every key present (null
/// or empty where the phase says nothing), at the top level of `j`.
void add_restrictions(const phase_restrictions& r, ojson& j) {
    const ojson parts = detail::restrictions_json(r);
    for (const char* key : {"orthosis", "weight_bearing"}) {
        j[key] = parts.contains(key) ? parts[key] : ojson(nullptr);
    }
    for (const char* key : {"rom_limits", "not_allowed", "allowed"}) {
        j[key] = parts.contains(key) ? parts[key] : ojson::array();
    }
}

} // namespace

std::string to_json(const day_guidance& g) {
    ojson j;
    j["date"] = to_iso_date(g.date);
    j["counted_from"] = fmt::format("{}", g.counted_from);
    j["days_since_day_zero"] = g.days_since_day_zero;
    const auto weeks = [](const std::optional<int>& d) {
        return d && *d >= 0 ? ojson(*d / 7) : ojson(nullptr);
    };
    j["weeks_since_injury"] = weeks(g.days_since_injury);
    j["weeks_since_surgery"] = weeks(g.days_since_surgery);
    j["before_start"] = g.before_start;
    j["phase"] = ojson{
        {"index", g.phase_index}, {"id", g.phase_id}, {"name", g.phase_name}, {"goal", g.goal}};
    add_restrictions(g.restrictions, j);
    j["sessions_per_day"] = g.sessions_per_day;
    j["items"] = ojson::array();
    for (const auto& item : g.items) {
        j["items"].push_back(detail::item_json(item));
    }
    if (g.next_gate) {
        j["next_gate"] = ojson{{"earliest", to_iso_date(g.next_gate->earliest)},
                               {"criteria", g.next_gate->criteria},
                               {"needs_confirmation", g.next_gate->needs_confirmation},
                               {"pending", g.next_gate->pending}};
    } else {
        j["next_gate"] = nullptr;
    }
    j["sources"] = g.sources;
    return j.dump(2) + '\n';
}

std::string to_json(const exercise_answer& a) {
    ojson j;
    j["exercise"] = a.exercise;
    j["allowed"] = a.allowed;
    j["prescribed"] = a.prescribed;
    j["from"] = a.from ? ojson(to_iso_date(*a.from)) : ojson(nullptr);
    j["prescribed_from"] =
        a.prescribed_from ? ojson(to_iso_date(*a.prescribed_from)) : ojson(nullptr);
    j["reasons"] = a.reasons;
    return j.dump(2) + '\n';
}

} // namespace rehab
