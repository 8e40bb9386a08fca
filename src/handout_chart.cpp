// The handout's charts, as inline SVG drawn here (no script, no font or
// image loaded): the affected side's repetitions per week as bars,
// prescribed (planned) and, for a course, done, with the mean pain during
// the sessions logged each week as a line on a 0-10 scale; and, where a dose
// adds load, the most load prescribed each week.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "handout_model.hpp"
#include "html_text.hpp"

namespace rehab::detail {

namespace {

// The drawing, in SVG user units (the page scales it to its width).
constexpr double width = 680.0;
constexpr double height = 230.0;
constexpr double left = 52.0;
constexpr double right = 44.0;
constexpr double top = 30.0;
constexpr double bottom = 34.0;
constexpr double plot_w = width - left - right;
constexpr double plot_h = height - top - bottom;

/// The least of 1, 2 or 5 times a power of ten at or above `v` (at least 10).
double nice_ceiling(double v) {
    double step = 10.0;
    while (true) {
        for (const double m : {1.0, 2.0, 5.0}) {
            if (m * step >= v) {
                return m * step;
            }
        }
        step *= 10.0;
    }
}

/// One chart: a bar per week of `planned` and, when given, of `done`; a
/// line of `pain` (0-10, absent where nothing was logged) when any is given.
struct bar_chart {
    std::string_view id;
    std::string_view title;
    std::string_view unit; ///< "repetitions", "kg"
    std::string_view planned_label;
    std::vector<int> weeks{};
    std::vector<double> planned{};
    std::vector<double> done{}; ///< empty: no second series
    std::vector<std::optional<double>> pain{};
};

std::string number(double v) {
    return std::abs(v - std::round(v)) < 1e-9 ? fmt::format("{}", static_cast<long long>(v))
                                              : fmt::format("{:.1f}", v);
}

void append_axes(std::string& out, const bar_chart& c, double y_max) {
    for (int k = 0; k <= 4; ++k) {
        const double v = y_max * k / 4.0;
        const double y = top + plot_h - v / y_max * plot_h;
        out += fmt::format(R"(<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="#d5dde2"/>)"
                           R"(<text x="{}" y="{:.1f}" text-anchor="end">{}</text>)"
                           "\n",
                           left, y, width - right, y, left - 6, y + 4, number(v));
    }
    out += fmt::format(R"(<text x="{}" y="14">{}</text>)"
                       "\n",
                       left - 40, c.unit);
    out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle">week</text>)"
                       "\n",
                       left + plot_w / 2, height - 4);
    out += fmt::format(R"(<rect x="{}" y="5" width="10" height="10" fill="#a9c8de"/>)"
                       R"(<text x="{}" y="14">{}</text>)"
                       "\n",
                       left + 60, left + 74, c.planned_label);
    if (!c.done.empty()) {
        out += fmt::format(R"(<rect x="{}" y="5" width="10" height="10" fill="#1f5f8b"/>)"
                           R"(<text x="{}" y="14">done</text>)"
                           "\n",
                           left + 160, left + 174);
    }
}

void append_bars(std::string& out, const bar_chart& c, double y_max) {
    const auto n = static_cast<double>(c.weeks.size());
    const double band = plot_w / n;
    const double bar = c.done.empty() ? band * 0.6 : band * 0.36;
    const int label_every = static_cast<int>(std::ceil(n / 26.0));
    const auto draw = [&](double x, double v, std::string_view fill, int week,
                          std::string_view what) {
        const double h = v / y_max * plot_h;
        out += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" )"
                           R"(fill="{}"><title>week {}: {} {}</title></rect>)"
                           "\n",
                           x, top + plot_h - h, bar, h, fill, week, number(v), what);
    };
    for (std::size_t i = 0; i < c.weeks.size(); ++i) {
        const double x0 =
            left + band * static_cast<double>(i) + (band - (c.done.empty() ? 1.0 : 2.0) * bar) / 2;
        draw(x0, c.planned[i], "#a9c8de", c.weeks[i], c.planned_label);
        if (!c.done.empty()) {
            draw(x0 + bar, c.done[i], "#1f5f8b", c.weeks[i], "done");
        }
        if (static_cast<int>(i) % label_every == 0) {
            out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>)"
                               "\n",
                               left + band * (static_cast<double>(i) + 0.5), top + plot_h + 14,
                               c.weeks[i]);
        }
    }
}

void append_pain(std::string& out, const bar_chart& c) {
    const double band = plot_w / static_cast<double>(c.weeks.size());
    std::string points;
    for (std::size_t i = 0; i < c.pain.size(); ++i) {
        if (!c.pain[i]) {
            continue;
        }
        const double x = left + band * (static_cast<double>(i) + 0.5);
        const double y = top + plot_h - *c.pain[i] / 10.0 * plot_h;
        points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", x, y);
        out += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="3" fill="#b3261e"><title>)"
                           "week {}: mean pain during {:.1f}/10</title></circle>\n",
                           x, y, c.weeks[i], *c.pain[i]);
    }
    out += fmt::format(R"(<polyline points="{}" fill="none" stroke="#b3261e" stroke-width="2"/>)"
                       "\n",
                       points);
    for (int k = 0; k <= 10; k += 5) {
        out += fmt::format(R"(<text x="{}" y="{:.1f}" fill="#b3261e">{}</text>)"
                           "\n",
                           width - right + 6, top + plot_h - k / 10.0 * plot_h + 4, k);
    }
    out += fmt::format(R"(<text x="{}" y="14" fill="#b3261e">pain 0-10</text>)"
                       "\n",
                       width - right - 40);
}

void append_bar_chart(std::string& out, const bar_chart& c) {
    double most = 0;
    for (std::size_t i = 0; i < c.planned.size(); ++i) {
        most = std::max({most, c.planned[i], c.done.empty() ? 0.0 : c.done[i]});
    }
    const double y_max = nice_ceiling(most);
    out += fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" )"
                       R"(role="img" aria-labelledby="{}-title">)"
                       "\n<title id=\"{}-title\">",
                       width, height, c.id, c.id);
    append_html(out, c.title);
    out += "</title>\n<g font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\" "
           "fill=\"#1b1b1b\">\n";
    append_axes(out, c, y_max);
    append_bars(out, c, y_max);
    if (std::ranges::any_of(c.pain, [](const auto& p) { return p.has_value(); })) {
        append_pain(out, c);
    }
    out += "</g>\n</svg>\n";
}

/// The most load prescribed to the affected side in each week, kilograms.
std::vector<double> week_loads(const handout_input& in, const std::vector<handout_week_totals>& t) {
    std::vector<double> most(t.size(), 0.0);
    for (const handout_session& s : in.sessions) {
        const auto i = static_cast<std::size_t>(s.week - t.front().week);
        if (!s.held || i >= most.size()) {
            continue;
        }
        for (const prescribed_item& item : s.prescription->items) {
            if (item.load_kg && (!item.side || *item.side == in.who.affected_side)) {
                most[i] = std::max(most[i], item.load_kg->value());
            }
        }
    }
    return most;
}

} // namespace

void append_chart(std::string& out, const handout_input& in,
                  const std::vector<handout_week_totals>& totals) {
    out += R"(<section class="chart" aria-labelledby="chart">
<h2 id="chart">Week by week</h2>
)";
    bar_chart reps{.id = "reps",
                   .title = in.is_course ? "Repetitions of the affected side per week: "
                                           "prescribed, done, and the mean pain during the "
                                           "sessions logged"
                                         : "Repetitions of the affected side planned per week",
                   .unit = "repetitions",
                   .planned_label = in.is_course ? "prescribed" : "planned"};
    for (const handout_week_totals& w : totals) {
        reps.weeks.push_back(w.week);
        reps.planned.push_back(w.reps.affected.prescribed);
        if (in.is_course) {
            reps.done.push_back(w.reps.affected.done);
            reps.pain.push_back(w.pain_count == 0 ? std::nullopt
                                                  : std::optional(w.pain_sum / w.pain_count));
        }
    }
    const bool any_reps = std::ranges::any_of(reps.planned, [](double v) { return v > 0; });
    if (any_reps) {
        append_bar_chart(out, reps);
        out += in.is_course
                   ? "<p class=\"muted\">Repetitions the affected side does each week: prescribed "
                     "(light), done as logged (dark); the red line is the mean pain during the "
                     "sessions logged with a score.</p>\n"
                   : "<p class=\"muted\">Repetitions the affected side does each week as "
                     "planned.</p>\n";
    } else {
        out += "<p>No repetitions to chart: this plan's exercises are holds or timed work.</p>\n";
    }
    if (!totals.empty()) {
        bar_chart load{.id = "load",
                       .title = "The most load added on the affected side each week, in kg",
                       .unit = "kg",
                       .planned_label = in.is_course ? "prescribed" : "planned",
                       .weeks = reps.weeks,
                       .planned = week_loads(in, totals)};
        if (std::ranges::any_of(load.planned, [](double v) { return v > 0; })) {
            append_bar_chart(out, load);
            out += "<p class=\"muted\">The most load added to your body weight each week, as "
                   "the plan stands; the load goes up only as the rules under \"What changes "
                   "when\" allow.</p>\n";
        }
    }
    out += "</section>\n";
}

} // namespace rehab::detail
