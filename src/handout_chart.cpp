// The handout's chart: the affected side's repetitions per week as bars,
// prescribed (planned) and, for a course, done; the mean pain during the
// sessions logged each week as a line on a 0-10 scale. Inline SVG, drawn
// here: no script, no font or image loaded.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "handout_model.hpp"
#include "html_text.hpp"

namespace rehab::detail {

namespace {

// The drawing, in SVG user units (the page scales it to its width).
constexpr double width = 680.0;
constexpr double height = 250.0;
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

} // namespace

void append_chart(std::string& out, const handout_input& in,
                  const std::vector<handout_week_totals>& totals) {
    int most = 0;
    bool any_pain = false;
    for (const handout_week_totals& w : totals) {
        most = std::max({most, w.reps.affected.prescribed, w.reps.affected.done});
        any_pain = any_pain || w.pain_count > 0;
    }
    out += "<section class=\"chart\" aria-labelledby=\"chart\">\n<h2 id=\"chart\">Repetitions per "
           "week</h2>\n";
    if (totals.empty() || most == 0) {
        out += "<p>No repetitions to chart: this plan's exercises are holds or timed work.</p>\n"
               "</section>\n";
        return;
    }
    const double y_max = nice_ceiling(most);
    const auto y_of = [y_max](double v) { return top + plot_h - (v / y_max) * plot_h; };
    const auto n = static_cast<double>(totals.size());
    const double band = plot_w / n;
    const double bar = in.is_course ? band * 0.36 : band * 0.6;
    out += fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
                       "role=\"img\" aria-labelledby=\"chart-title\">\n",
                       width, height);
    out += "<title id=\"chart-title\">";
    append_html(out, in.is_course ? "Repetitions of the affected side per week: prescribed, done"
                                    " and mean pain during the sessions logged"
                                  : "Repetitions of the affected side planned per week");
    out += "</title>\n";
    out += "<g font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\" fill=\"#1b1b1b\">\n";
    // Grid lines and the repetitions axis.
    for (int k = 0; k <= 4; ++k) {
        const double v = y_max * k / 4.0;
        const double y = y_of(v);
        out +=
            fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#d5dde2\" "
                        "stroke-width=\"1\"/>\n<text x=\"{}\" y=\"{:.1f}\" "
                        "text-anchor=\"end\">{}</text>\n",
                        left, y, width - right, y, left - 6, y + 4, static_cast<int>(v));
    }
    out += fmt::format("<text x=\"{}\" y=\"14\">repetitions</text>\n", left - 40);
    // The bars and the week labels (every week, or every few when there are many).
    const int label_every = static_cast<int>(std::ceil(n / 26.0));
    for (std::size_t i = 0; i < totals.size(); ++i) {
        const handout_week_totals& w = totals[i];
        const double x0 =
            left + band * static_cast<double>(i) + (band - (in.is_course ? 2 : 1) * bar) / 2;
        const int planned = w.reps.affected.prescribed;
        out += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                           "fill=\"#a9c8de\"><title>week {}: {} prescribed</title></rect>\n",
                           x0, y_of(planned), bar, plot_h - (y_of(planned) - top), w.week, planned);
        if (in.is_course) {
            const int done = w.reps.affected.done;
            out +=
                fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                            "fill=\"#1f5f8b\"><title>week {}: {} done</title></rect>\n",
                            x0 + bar, y_of(done), bar, plot_h - (y_of(done) - top), w.week, done);
        }
        if (static_cast<int>(i) % label_every == 0) {
            out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
                               left + band * (static_cast<double>(i) + 0.5), top + plot_h + 14,
                               w.week);
        }
    }
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">week</text>\n",
                       left + plot_w / 2, height - 4);
    // Pain: a line over the weeks with pain logged, on its own 0-10 axis.
    if (any_pain) {
        std::string points;
        for (std::size_t i = 0; i < totals.size(); ++i) {
            const handout_week_totals& w = totals[i];
            if (w.pain_count == 0) {
                continue;
            }
            const double mean = w.pain_sum / w.pain_count;
            const double x = left + band * (static_cast<double>(i) + 0.5);
            const double y = top + plot_h - mean / 10.0 * plot_h;
            points += fmt::format("{:.1f},{:.1f} ", x, y);
            out +=
                fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"#b3261e\"><title>"
                            "week {}: mean pain during {:.1f}/10</title></circle>\n",
                            x, y, w.week, mean);
        }
        points.pop_back();
        out += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"#b3261e\" "
                           "stroke-width=\"2\"/>\n",
                           points);
        for (int k = 0; k <= 10; k += 5) {
            out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" fill=\"#b3261e\">{}</text>\n",
                               width - right + 6, top + plot_h - k / 10.0 * plot_h + 4, k);
        }
        out += fmt::format("<text x=\"{}\" y=\"14\" fill=\"#b3261e\">pain 0-10</text>\n",
                           width - right - 40);
    }
    // The legend.
    out += fmt::format("<rect x=\"{}\" y=\"5\" width=\"10\" height=\"10\" fill=\"#a9c8de\"/>"
                       "<text x=\"{}\" y=\"14\">{}</text>\n",
                       left + 60, left + 74, in.is_course ? "prescribed" : "planned");
    if (in.is_course) {
        out += fmt::format("<rect x=\"{}\" y=\"5\" width=\"10\" height=\"10\" fill=\"#1f5f8b\"/>"
                           "<text x=\"{}\" y=\"14\">done</text>\n",
                           left + 160, left + 174);
    }
    out += "</g>\n</svg>\n";
    out += in.is_course
               ? "<p class=\"muted\">Repetitions the affected side does each week: prescribed "
                 "(light), done as logged (dark); the red line is the mean pain during the "
                 "sessions logged with a score.</p>\n"
               : "<p class=\"muted\">Repetitions the affected side does each week as "
                 "planned.</p>\n";
    out += "</section>\n";
}

} // namespace rehab::detail
