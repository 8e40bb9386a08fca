// The handout page: the program, the warning signs, the exercises with their
// doses, what changes when (src/handout_phases.cpp), the chart
// (src/handout_chart.cpp) and a tick grid per week, from the one shape
// src/handout_model.cpp gathers from a schedule or a course.
#include <rehab/handout.hpp>

#include <algorithm>
#include <array>
#include <map>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include <rehab/version.hpp>

#include "export_format.hpp"
#include "handout_model.hpp"
#include "handout_style.hpp"
#include "html_text.hpp"

namespace rehab {

namespace detail {

namespace {

using boost::gregorian::date;

/// A prescribed item's dose as every export prints it, with the side that
/// works it: "3 x 15 reps, affected side only (left)".
std::string dose_text(const prescribed_item& item) {
    std::string text = fmt::format("{}", item.dose);
    if (item.side) {
        text += fmt::format(" ({})", *item.side);
    }
    return text;
}

/// Where one dose of one exercise applies: the weeks (of the handout) and
/// the phase.
struct dose_use {
    std::string exercise{};
    std::size_t program = 0;
    std::size_t phase = 0;
    std::string text{};
    int first_week = 1;
    int last_week = 1;
    date first_date;
    date last_date;
};

/// Every distinct dose of every exercise, in the order they first appear;
/// the exercises in the order they first appear.
struct dose_uses {
    std::vector<std::string> exercises{};
    std::vector<dose_use> uses{};
};

dose_uses collect_doses(const handout_input& in) {
    dose_uses out;
    std::map<std::string, std::size_t, std::less<>> index; // program/phase/exercise/text
    const session_prescription* previous = nullptr;
    std::size_t previous_program = 0;
    std::vector<std::size_t> current; // the uses of `previous`'s items
    for (const handout_session& s : in.sessions) {
        const session_prescription& rx = *s.prescription;
        if (previous != nullptr && previous_program == s.program &&
            previous->phase_index == rx.phase_index && previous->items == rx.items) {
            for (const std::size_t u : current) { // the same texts: only the weeks move on
                out.uses[u].last_week = std::max(out.uses[u].last_week, s.week);
                out.uses[u].last_date = std::max(out.uses[u].last_date, s.planned_date);
            }
            continue;
        }
        previous = &rx;
        previous_program = s.program;
        current.clear();
        for (const prescribed_item& item : rx.items) {
            std::string text = dose_text(item);
            std::string key =
                fmt::format("{}/{}/{}/{}", s.program, rx.phase_index, item.exercise, text);
            if (auto found = index.find(key); found != index.end()) {
                out.uses[found->second].last_week =
                    std::max(out.uses[found->second].last_week, s.week);
                out.uses[found->second].last_date =
                    std::max(out.uses[found->second].last_date, s.planned_date);
                current.push_back(found->second);
                continue;
            }
            if (std::find(out.exercises.begin(), out.exercises.end(), item.exercise) ==
                out.exercises.end()) {
                out.exercises.push_back(item.exercise);
            }
            current.push_back(out.uses.size());
            index.emplace(std::move(key), out.uses.size());
            out.uses.push_back({.exercise = item.exercise,
                                .program = s.program,
                                .phase = rx.phase_index,
                                .text = std::move(text),
                                .first_week = s.week,
                                .last_week = s.week,
                                .first_date = s.planned_date,
                                .last_date = s.planned_date});
        }
    }
    return out;
}

/// "Alfredson ...", or "Alfredson ..., then Heavy slow resistance ..." for
/// a course that switched.
std::string program_names(const handout_input& in) {
    std::string names;
    for (const handout_program& p : in.programs) {
        names += (names.empty() ? "" : ", then ") + p.program->name;
    }
    return names;
}

void append_program(std::string& out, const handout_input& in) {
    const protocol& first = *in.programs.front().program;
    out += "<header class=\"program\">\n<p class=\"kicker\">Home exercise program</p>\n<h1>";
    append_html(out, program_names(in));
    out += "</h1>\n<p class=\"condition\">For ";
    append_html(out, first.condition);
    out += "</p>\n<dl>\n";
    const auto row = [&out](std::string_view term, std::string_view value) {
        out += "<dt>";
        append_html(out, term);
        out += "</dt><dd>";
        append_html(out, value);
        out += "</dd>\n";
    };
    if (in.is_course) {
        row("Patient", in.patient_id);
    }
    row("Affected side", fmt::format("{}", in.who.affected_side));
    std::size_t held = 0;
    for (const handout_session& s : in.sessions) {
        held += s.held ? 1U : 0U;
    }
    row("Start", long_date(in.start));
    if (!in.sessions.empty()) {
        row("Last session", long_date(in.sessions.back().planned_date));
    }
    row("Sessions", fmt::format("{} sessions at {}", held, fmt::join(in.calendar_lines, "; ")));
    for (std::size_t i = 0; i < in.programs.size(); ++i) {
        const handout_program& p = in.programs[i];
        if (i > 0) {
            row("Then", fmt::format("{}, from {}", p.program->name, long_date(p.from)));
        }
        if (p.program->counted_from != time_basis::start && p.day_zero != p.from) {
            const auto since = (p.from - p.day_zero).days();
            row("Counted from",
                fmt::format("the {} on {}: {} is day {} (week {})", p.program->counted_from,
                            long_date(p.day_zero), long_date(p.from), since, since / 7 + 1));
        }
        row(in.programs.size() == 1 ? "Source" : "Source of " + p.program->name, p.program->source);
    }
    for (const course_pause& pause : in.pauses) {
        row("Paused",
            pause.to ? fmt::format("{} to {}", long_date(pause.from), long_date(*pause.to))
                     : fmt::format("from {}, until the course resumes", long_date(pause.from)));
    }
    out += "</dl>\n</header>\n";
}

void append_red_flags(std::string& out, const handout_input& in) {
    if (!in.referrals.empty()) {
        out += "<section class=\"alert\" aria-labelledby=\"review\">\n<h2 id=\"review\">A "
               "clinician must review before the program goes on</h2>\n<ul>\n";
        for (const referral& r : in.referrals) {
            out += "<li>";
            append_html(out, r.reason);
            out += "</li>\n";
        }
        out += "</ul>\n</section>\n";
    }
    const auto flags = red_flags(in);
    if (flags.empty()) {
        return;
    }
    out += "<section class=\"alert\" aria-labelledby=\"stop\">\n<h2 id=\"stop\">Stop and contact "
           "your clinician if</h2>\n<ul>\n";
    for (const std::string& f : flags) {
        out += "<li>";
        append_html(out, f);
        out += "</li>\n";
    }
    out += "</ul>\n</section>\n";
}

/// "Week 3" or "Weeks 1-12".
std::string weeks_label(int first, int last) {
    return first == last ? fmt::format("Week {}", first) : fmt::format("Weeks {}-{}", first, last);
}

void append_list(std::string& out, std::string_view tag, const std::vector<std::string>& lines) {
    out += fmt::format("<{}>\n", tag);
    for (const std::string& line : lines) {
        out += "<li>";
        append_html(out, line);
        out += "</li>\n";
    }
    out += fmt::format("</{}>\n", tag);
}

void append_exercise(std::string& out, const handout_input& in, const exercise& e,
                     const dose_uses& doses) {
    out += fmt::format("<article class=\"exercise\" id=\"exercise-{}\">\n", html_escaped(e.id));
    append_pictogram(out, e.kind);
    out += "<h3>";
    append_html(out, e.name);
    out += "</h3>\n<p class=\"facts\">";
    std::string facts = fmt::format("{}, {}", e.position, e.laterality);
    if (!e.equipment.empty()) {
        facts += fmt::format("; you need: {}", fmt::join(e.equipment, ", "));
    }
    append_html(out, facts);
    out += "</p>\n<ul class=\"doses\">\n";
    for (const dose_use& use : doses.uses) {
        if (use.exercise != e.id) {
            continue;
        }
        const protocol& p = *in.programs[use.program].program;
        const phase& ph = p.phases[use.phase];
        out += "<li><span class=\"when\">";
        // Weeks of the handout where they cannot be mistaken for the weeks a
        // rupture protocol counts from the surgery, or a second protocol's
        // weeks of its own: dates otherwise.
        std::string when = in.programs.size() == 1 && p.counted_from == time_basis::start
                               ? weeks_label(use.first_week, use.last_week)
                               : (use.first_date == use.last_date
                                      ? day_label(use.first_date)
                                      : fmt::format("{} to {}", day_label(use.first_date),
                                                    day_label(use.last_date)));
        if (p.phases.size() > 1 || in.programs.size() > 1) {
            when += ", " + ph.name;
        }
        append_html(out, when);
        out += "</span> <strong class=\"dose\">";
        append_html(out, use.text);
        out += "</strong>, ";
        append_html(out, fmt::format("{}", ph.frequency));
        out += "</li>\n";
    }
    out += "</ul>\n";
    if (!e.starting_position.empty()) {
        out += "<p><b>Start:</b> ";
        append_html(out, e.starting_position);
        out += "</p>\n";
    }
    append_list(out, "ol", e.steps);
    if (!e.cues.empty()) {
        out += "<p class=\"label\">Check</p>\n";
        append_list(out, "ul", e.cues);
    }
    if (!e.safety.empty()) {
        out += "<div class=\"safety\"><p class=\"label\">Take care</p>\n";
        append_list(out, "ul", e.safety);
        out += "</div>\n";
    }
    out += "</article>\n";
}

/// The items of a session as the grid's dose lines: "Name: dose".
std::string items_text(const session_prescription& rx, const catalog& exercises) {
    std::string text;
    for (const prescribed_item& item : rx.items) {
        const exercise* e = exercises.find(item.exercise);
        text += "<li>";
        append_html(text, e != nullptr ? e->name : item.exercise);
        text += ": ";
        append_html(text, dose_text(item));
        text += "</li>\n";
    }
    return text;
}

/// Whether any item of the session is done once per side.
bool per_side(const session_prescription& rx) {
    return std::ranges::any_of(
        rx.items, [](const prescribed_item& item) { return item.dose.spec().side == sides::each; });
}

void append_box(std::string& out, const handout_session& s, std::string_view side) {
    std::string_view mark;
    std::string_view title = "to tick";
    if (s.entry != nullptr) {
        switch (s.entry->status) {
        case session_status::done:
            mark = "&#10003;";
            title = "done";
            break;
        case session_status::partial:
            mark = "&#189;";
            title = "partly done";
            break;
        case session_status::missed:
            mark = "&#10007;";
            title = "missed";
            break;
        }
    }
    out += fmt::format(R"(<span class="box" title="{}">{}</span>)", title, mark);
    if (!side.empty()) {
        out += fmt::format("<span class=\"side\">{}</span>", side);
    }
}

void append_cell(std::string& out, const handout_session& s) {
    out += "<td>";
    if (!s.held) {
        out += "<span class=\"muted\">not held: the clocks skipped its time</span></td>";
        return;
    }
    if (s.date != s.planned_date) {
        out += day_label(s.date) + " ";
    }
    out += fmt::format("<span class=\"time\">{}</span> ", s.local_time);
    if (per_side(*s.prescription)) {
        append_box(out, s, "L");
        append_box(out, s, "R");
    } else {
        append_box(out, s, "");
    }
    if (s.entry != nullptr && s.entry->status != session_status::done) {
        out += fmt::format(" <span class=\"muted\">{}</span>", s.entry->status);
    } else if (s.entry == nullptr && s.past) {
        out += " <span class=\"muted\">not logged</span>";
    }
    out += "</td>";
}

/// The doses of a week's sessions `[first, last)`: each change within it
/// from the day it applies; nothing when they are `doses_before` (the last
/// doses shown), which they then become.
std::string week_doses(const handout_input& in, const catalog& exercises, std::size_t first,
                       std::size_t last, std::string& doses_before) {
    std::string lines;
    const session_prescription* previous = nullptr;
    for (std::size_t i = first; i < last; ++i) {
        const session_prescription& rx = *in.sessions[i].prescription;
        if (previous != nullptr && previous->items == rx.items) {
            continue;
        }
        previous = &rx;
        std::string items = items_text(rx, exercises);
        if (items == doses_before) {
            continue;
        }
        if (i != first) {
            lines += "<p class=\"from\">From " + day_label(in.sessions[i].planned_date) + ":</p>\n";
        }
        lines += "<ul class=\"week-doses\">\n" + items + "</ul>\n";
        doses_before = std::move(items);
    }
    return lines;
}

/// The grid of a week's sessions `[first, last)`: a row per day from
/// `week_start` to the week's last session, a column per session of the day.
void append_week_grid(std::string& out, const handout_input& in, std::size_t first,
                      std::size_t last, date week_start) {
    int slots = 0;
    for (std::size_t i = first; i < last; ++i) {
        slots = std::max(slots, in.sessions[i].slot + 1);
    }
    out += R"(<table class="grid">
<thead><tr><th scope="col">Day</th>)";
    for (int k = 0; k < slots; ++k) {
        out += fmt::format(R"(<th scope="col">Session {}</th>)", k + 1);
    }
    out += "</tr></thead>\n<tbody>\n";
    std::size_t i = first;
    const date through =
        std::min(week_start + boost::gregorian::days(6), in.sessions[last - 1].planned_date);
    for (date d = week_start; d <= through; d += boost::gregorian::days(1)) {
        out += R"(<tr><th scope="row">)" + day_label(d) + "</th>";
        int filled = 0;
        for (; i < last && in.sessions[i].planned_date == d; ++i, ++filled) {
            append_cell(out, in.sessions[i]);
        }
        if (filled == 0) {
            out += fmt::format(R"(<td class="muted" colspan="{}">no session</td>)", slots);
        }
        for (; filled > 0 && filled < slots; ++filled) {
            out += "<td></td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
}

/// Where the doses shown so far stand: the last doses listed and the week
/// of the tick sheet they were listed in.
struct shown_doses {
    std::string items{};
    int week = 0;
};

/// The phases a nominal plan enters in `[first, last)` only once a clinician
/// or a measurement lets it (the plan assumes they do, on the earliest day).
std::string gate_notes(const handout_input& in, std::size_t first, std::size_t last) {
    std::string notes;
    for (std::size_t i = first; i < last; ++i) {
        const handout_session& s = in.sessions[i];
        const std::size_t k = s.prescription->phase_index;
        const protocol& p = *in.programs[s.program].program;
        const bool entered = i == 0 || in.sessions[i - 1].prescription->phase_index != k ||
                             in.sessions[i - 1].program != s.program;
        if (in.is_course || !entered || k == 0 || !gate_needs_more_than_time(p, k - 1)) {
            continue;
        }
        notes += "<p class=\"gate-note\">";
        append_html(notes, fmt::format("{} starts on {} at the earliest, and only once its step "
                                       "is passed (see What changes when); until then, keep to "
                                       "the doses of the phase before.",
                                       p.phases[k].name, day_label(s.planned_date)));
        notes += "</p>\n";
    }
    return notes;
}

void append_week(std::string& out, const handout_input& in, const catalog& exercises,
                 std::size_t first, std::size_t last, shown_doses& shown) {
    const handout_session& opening = in.sessions[first];
    const date week_start = in.start + boost::gregorian::days(7L * (opening.week - 1));
    const date week_end = week_start + boost::gregorian::days(6);
    std::vector<std::string> phases;
    for (std::size_t i = first; i < last; ++i) {
        const handout_session& s = in.sessions[i];
        const std::string& name =
            in.programs[s.program].program->phases[s.prescription->phase_index].name;
        if (phases.empty() || phases.back() != name) {
            phases.push_back(name);
        }
    }
    out += "<section class=\"week\">\n<h3>";
    std::string heading =
        fmt::format("Week {}: {} to {}", opening.week, day_label(week_start), long_date(week_end));
    // A rupture protocol names its phases by the time since the injury or
    // the surgery: say which days those are.
    if (const handout_program& p = in.programs[opening.program];
        p.program->counted_from != time_basis::start && week_start >= p.day_zero) {
        heading += fmt::format(" (days {}-{} after the {})", (week_start - p.day_zero).days(),
                               (week_end - p.day_zero).days(), p.program->counted_from);
    }
    append_html(out, heading);
    out += " <span class=\"phase\">";
    append_html(out, fmt::format("{}", fmt::join(phases, ", then ")));
    out += "</span></h3>\n";
    out += gate_notes(in, first, last);
    const std::string lines = week_doses(in, exercises, first, last, shown.items);
    if (lines.empty()) {
        out += fmt::format("<p class=\"muted\">The same exercises and doses as week {}.</p>\n",
                           shown.week);
    } else {
        out += lines;
        shown.week = opening.week;
    }
    append_week_grid(out, in, first, last, week_start);
    out += "</section>\n";
}

void append_weeks(std::string& out, const handout_input& in, const catalog& exercises) {
    out += "<section class=\"grids\" aria-labelledby=\"ticks\">\n<h2 id=\"ticks\">Tick sheet</h2>\n"
           "<p>Tick a box when you have done the session";
    out += in.is_course ? "; sessions logged so far are marked.</p>\n" : ".</p>\n";
    shown_doses shown;
    for (std::size_t first = 0; first < in.sessions.size();) {
        std::size_t last = first;
        while (last < in.sessions.size() && in.sessions[last].week == in.sessions[first].week) {
            ++last;
        }
        append_week(out, in, exercises, first, last, shown);
        first = last;
    }
    out += "</section>\n";
}

void append_footer(std::string& out, const handout_input& in) {
    const auto day = std::chrono::floor<std::chrono::days>(in.as_of);
    const std::chrono::year_month_day ymd{day};
    out += fmt::format(
        "<footer>\n<p>Made with rehab {} on {:04}-{:02}-{:02}. This handout informs; it does not "
        "diagnose. Follow your clinician's advice where it differs, and ask before you change "
        "a dose.</p>\n</footer>\n",
        version_string(), static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
        static_cast<unsigned>(ymd.day()));
}

} // namespace

std::string render_handout(const handout_input& in, const catalog& exercises) {
    std::string out;
    out.reserve(std::size_t{64} * 1024);
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
    append_html(out, program_names(in));
    out += "</title>\n<style>\n";
    out += handout_css;
    out += "</style>\n</head>\n<body>\n";
    append_program(out, in);
    append_red_flags(out, in);
    const dose_uses doses = collect_doses(in);
    out += "<section aria-labelledby=\"exercises\">\n<h2 id=\"exercises\">Your exercises</h2>\n";
    for (const std::string& id : doses.exercises) {
        if (const exercise* e = exercises.find(id)) {
            append_exercise(out, in, *e, doses);
        }
    }
    out += "</section>\n";
    append_chart(out, in, week_totals(in));
    out += "<section aria-labelledby=\"changes\">\n<h2 id=\"changes\">What changes when</h2>\n";
    for (std::size_t k = 0; k < in.programs.size(); ++k) {
        append_phases(out, in, in.programs[k], exercises,
                      k + 1 < in.programs.size() ? std::optional(in.programs[k + 1].from)
                                                 : std::nullopt);
    }
    out += "</section>\n";
    if (!in.sessions.empty()) {
        append_weeks(out, in, exercises);
    }
    append_footer(out, in);
    out += "</body>\n</html>\n";
    return out;
}

} // namespace detail

expected<std::string> to_html(const schedule& plan, const catalog& exercises,
                              const handout_options& options) {
    auto in = detail::handout_of(plan, exercises, options);
    if (!in) {
        return tl::unexpected(in.error());
    }
    return detail::render_handout(*in, exercises);
}

expected<std::string> to_html(const course& c, const catalog& exercises,
                              const handout_options& options) {
    auto in = detail::handout_of(c, exercises, options);
    if (!in) {
        return tl::unexpected(in.error());
    }
    return detail::render_handout(*in, exercises);
}

} // namespace rehab
