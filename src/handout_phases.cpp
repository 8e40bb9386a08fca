// The handout's "what changes when": each phase with its dates as planned,
// its goal, its restrictions, its sessions, its rules and its gate, in words.
#include <variant>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include "handout_model.hpp"
#include "html_text.hpp"

namespace rehab::detail {

namespace {

using boost::gregorian::date;

/// "the exercises" or "Name and Name", from a rule's exercise ids.
std::string exercise_names(const std::vector<std::string>& ids, const catalog& exercises) {
    if (ids.empty()) {
        return "every exercise";
    }
    std::string text;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        text += i == 0 ? "" : (i + 1 == ids.size() ? " and " : ", ");
        const exercise* e = exercises.find(ids[i]);
        text += e != nullptr ? e->name : ids[i];
    }
    return text;
}

/// "a session is done in full", "3 sessions in a row are done in full with
/// pain during at most 2/10".
std::string condition_text(const progress_condition& c) {
    std::string what;
    switch (c.when) {
    case progress_when::completed:
        what = "done in full";
        break;
    case progress_when::pain_free:
        what = c.pain_free_max.value() == 0
                   ? std::string("done in full without pain")
                   : fmt::format("done in full with pain during at most {}/10",
                                 c.pain_free_max.value());
        break;
    case progress_when::next_day_fine:
        what = c.pain_free_max.value() == 0
                   ? std::string("done in full, and the next morning is free of pain")
                   : fmt::format("done in full with pain the next morning at most {}/10",
                                 c.pain_free_max.value());
        break;
    }
    return c.sessions == 1 ? "a session is " + what
                           : fmt::format("{} sessions in a row are {}", c.sessions, what);
}

/// "every day" or "at most once every 7 days".
std::string interval_text(std::chrono::days d) {
    return d.count() <= 1 ? std::string("at most once a day")
                          : fmt::format("at most once every {} days", d.count());
}

std::string cap_text(const load_amount& a) {
    return std::visit([](const auto& v) { return fmt::format("{}", v); }, a);
}

void append_item(std::string& out, std::string_view text) {
    out += "<li>";
    append_html(out, text);
    out += "</li>\n";
}

void append_ladder(std::string& out, const dose_ladder& ladder, const catalog& exercises) {
    std::string steps;
    for (std::size_t i = 0; i < ladder.steps.size(); ++i) {
        steps += (i == 0 ? "" : ", then ") + fmt::format("{}", ladder.steps[i]);
    }
    append_item(out,
                fmt::format("{} steps up through {}: one step when {}, {}.",
                            exercise_names(ladder.exercises, exercises), steps,
                            condition_text(ladder.advance), interval_text(ladder.min_interval)));
}

void append_week_table(std::string& out, const week_table& table, const catalog& exercises) {
    out += "<li>";
    append_html(out, fmt::format("Sets and repetitions of {} change with the week of the "
                                 "phase (RM: the load you can lift just that many times):",
                                 exercise_names(table.exercises, exercises)));
    out += R"(
<table class="rows"><thead><tr><th scope="col">Weeks of the phase</th><th scope="col">Sets x repetitions</th></tr></thead><tbody>
)";
    for (const week_row& row : table.rows) {
        out += fmt::format("<tr><td>{}</td><td>{} x {}{}</td></tr>\n",
                           row.first_week == row.last_week
                               ? fmt::format("{}", row.first_week)
                               : fmt::format("{}-{}", row.first_week, row.last_week),
                           row.sets.value(), row.reps.value(), row.rm ? "RM" : " reps");
    }
    out += "</tbody></table></li>\n";
}

void append_load_step(std::string& out, const load_step& load, const catalog& exercises) {
    append_item(out, fmt::format("The load of {} goes up by {} when {}, {}, up to {}.",
                                 exercise_names(load.exercises, exercises), cap_text(load.step),
                                 condition_text(load.advance), interval_text(load.min_interval),
                                 cap_text(load.cap)));
}

void append_pain_limits(std::string& out, const pain_monitoring& pain) {
    std::vector<std::string> limits;
    if (pain.during_max) {
        limits.push_back(fmt::format("{}/10 during a session", pain.during_max->value()));
    }
    if (pain.after_max) {
        limits.push_back(fmt::format("{}/10 after it", pain.after_max->value()));
    }
    if (pain.morning_max) {
        limits.push_back(fmt::format("{}/10 the next morning", pain.morning_max->value()));
    }
    if (pain.weekly_morning_max) {
        limits.push_back(
            fmt::format("{}/10 on average over 7 mornings", pain.weekly_morning_max->value()));
    }
    const std::string response =
        pain.response == breach_response::hold
            ? "the dose stays where it is (no increase) until you are back within it"
            : fmt::format("the dose goes back {} step{} and does not rise until you are back "
                          "within it",
                          pain.regress_steps, pain.regress_steps == 1 ? "" : "s");
    append_item(out, fmt::format("Pain that is fine: up to {}. Above a limit, {}.",
                                 fmt::join(limits, ", "), response));
}

/// The rule in words, as list items (a week table as a table of its own).
void append_rule(std::string& out, const rule& r, const catalog& exercises) {
    if (const auto* ladder = std::get_if<dose_ladder>(&r)) {
        append_ladder(out, *ladder, exercises);
    } else if (const auto* table = std::get_if<week_table>(&r)) {
        append_week_table(out, *table, exercises);
    } else if (const auto* load = std::get_if<load_step>(&r)) {
        append_load_step(out, *load, exercises);
    } else if (const auto* pain = std::get_if<pain_monitoring>(&r)) {
        append_pain_limits(out, *pain);
    } else if (const auto* floor = std::get_if<floor_on_insertional_pain>(&r)) {
        append_item(out, fmt::format("While the tendon hurts where it joins the heel bone, do {} "
                                     "on the floor, not from a step edge.",
                                     exercise_names(floor->exercises, exercises)));
    }
}

/// The gate out of phase `i` in words: its exit and the next phase's entry
/// criteria, and the review after its maximum.
void append_gate(std::string& out, const protocol& p, std::size_t i) {
    const phase& ph = p.phases[i];
    std::vector<std::string> gate;
    for (const criterion& c : ph.exit) {
        gate.push_back(fmt::format("{}", c));
    }
    if (i + 1 < p.phases.size()) {
        for (const criterion& c : p.phases[i + 1].entry) {
            gate.push_back(fmt::format("{}", c));
        }
    }
    if (!gate.empty()) {
        append_item(out, fmt::format("{} when: {}.", i + 1 < p.phases.size() ? "Moves on" : "Ends",
                                     fmt::join(gate, "; ")));
    }
    if (ph.max_duration) {
        append_item(out, fmt::format("Your clinician reviews the plan if this phase has not "
                                     "ended after {} days.",
                                     ph.max_duration->count()));
    }
}

/// When phase `i` of `program` applies as planned: "weeks 1-12: Mon 7 Dec
/// 2026 to Sun 28 Feb 2027", "Mon 21 Dec 2026 to Sun 3 Jan 2027 (days 14-27
/// after the surgery)", "from Mon 8 Mar 2027 at the earliest, once its step
/// is passed"; and where the program starts after it or `next` takes over.
std::string phase_when(const handout_program& program, const std::vector<long long>& starts,
                       std::size_t i, std::optional<date> next) {
    const protocol& p = *program.program;
    const date from = program.day_zero + boost::gregorian::days(starts[i]);
    const date to = program.day_zero + boost::gregorian::days(starts[i + 1] - 1);
    const bool counted = p.counted_from != time_basis::start;
    std::string text;
    if (i > 0 && gate_needs_more_than_time(p, i - 1)) {
        text = fmt::format("from {} at the earliest, once its step is passed", long_date(from));
    } else if (starts[i + 1] <= starts[i]) {
        text = fmt::format("from {}", long_date(from));
    } else if (counted) {
        text = fmt::format("{} to {} (days {}-{} after the {})", long_date(from), long_date(to),
                           starts[i], starts[i + 1] - 1, p.counted_from);
    } else {
        const long long w1 = starts[i] / 7 + 1;
        const long long w2 = (starts[i + 1] - 1) / 7 + 1;
        text =
            fmt::format("{}: {} to {}",
                        w1 == w2 ? fmt::format("week {}", w1) : fmt::format("weeks {}-{}", w1, w2),
                        long_date(from), long_date(to));
    }
    if (to < program.from && starts[i + 1] > starts[i]) {
        text += " (before this program starts)";
    }
    if (next && from >= *next) {
        text += fmt::format(" (not reached: the next program took over on {})", long_date(*next));
    } else if (next && to >= *next) {
        text += fmt::format(" (the next program took over on {})", long_date(*next));
    }
    return text;
}

} // namespace

void append_phases(std::string& out, const handout_input& in, const handout_program& program,
                   const catalog& exercises, std::optional<date> next) {
    const protocol& p = *program.program;
    if (in.programs.size() > 1) {
        out += "<h3>";
        append_html(out, p.name);
        out += "</h3>\n";
    }
    const std::vector<long long> starts = planned_phase_starts(p);
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        const phase& ph = p.phases[i];
        out += "<div class=\"phase-block\">\n<h3>";
        append_html(out, fmt::format("{}. {}", i + 1, ph.name));
        out += " <span class=\"phase-dates\">";
        append_html(out, phase_when(program, starts, i, next));
        out += "</span></h3>\n";
        if (!ph.goal.empty()) {
            out += "<p>";
            append_html(out, ph.goal);
            out += "</p>\n";
        }
        out += "<ul>\n";
        append_item(out, has_sessions(ph) ? fmt::format("Sessions: {}.", ph.frequency)
                                          : std::string("No exercise sessions in this phase."));
        for (const std::string& line : plain_lines(ph.restrictions)) {
            append_item(out, line);
        }
        for (const rule& r : ph.rules) {
            append_rule(out, r, exercises);
        }
        append_gate(out, p, i);
        out += "</ul>\n</div>\n";
    }
}

} // namespace rehab::detail
