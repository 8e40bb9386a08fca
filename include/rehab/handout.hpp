#pragma once
/// @file handout.hpp
/// A printable home-exercise handout: one self-contained HTML5 page a
/// patient can read on screen, print on A4 or keep as a PDF.
///
/// The page holds the program (name, what it is for, its source, start and
/// end, session times and zone, the affected side), a box of the warning
/// signs that mean "stop and contact your clinician" (from the protocol's
/// stop rules), each exercise once with the catalog's instructions and its
/// doses, what changes when (phases, their gates in words, week tables,
/// progression rules, the boot, weight-bearing and limits of a rupture
/// protocol), an SVG chart of the repetitions per week, and a tick grid per
/// week (days x sessions, x sides where a dose is for each side). For a
/// course the grid has the logged sessions marked and the chart sets what
/// was done against what was prescribed, with the pain logged.
///
/// Every dose on the page is the text `fmt::format("{}", dose)` gives, the
/// text of every other export, so no two places can disagree. The page loads
/// nothing (inline CSS and SVG, no scripts, no images, no links out), and
/// prints with a page break before the weekly grids. It informs; it does
/// not diagnose, and its footer says so.
/// @code
/// auto plan = rehab::schedule::make(*rehab::protocols::alfredson_eccentric(),
///                                   boost::gregorian::date(2026, 12, 7),
///                                   {.time_zone = "Europe/Copenhagen"});
/// auto html = rehab::to_html(*plan);   // write it to alfredson.html, print it
/// @endcode

#include <chrono>
#include <optional>
#include <string>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <rehab/api.hpp>
#include <rehab/catalog.hpp>
#include <rehab/course.hpp>
#include <rehab/error.hpp>
#include <rehab/schedule.hpp>

namespace rehab {

/// What a handout shows.
struct handout_options {
    /// The instant the handout is made: the date in its footer and, for a
    /// course, the instant that tells sessions past from sessions to come.
    /// Absent: the system clock, read once. Pass a fixed instant for
    /// reproducible bytes.
    std::optional<std::chrono::sys_seconds> as_of{};
    /// For a course: the last planned date shown. Absent: as the course's
    /// exports (`course_export_options::through`).
    std::optional<boost::gregorian::date> through{};
};

/// The handout of a schedule: the nominal plan, every phase at its minimum.
/// Exercises are looked up in `exercises`. Errors: an exercise the catalog
/// does not have (`/protocol/phases/i/prescriptions/j/exercise`, with close
/// matches), a control character in a protocol's text
/// (`/protocol/name`, ...; see `text.hpp`), which only a protocol never
/// validated can hold.
/// @par Complexity
/// O(sessions + exercises); each week's doses are computed once.
[[nodiscard]] REHAB_API expected<std::string> to_html(const schedule& plan,
                                                      const catalog& exercises = catalog::builtin(),
                                                      const handout_options& options = {});

/// The handout of a course: the doses the engine prescribed (or, after the
/// last session logged, plans), the logged sessions ticked (done, partial,
/// missed), sessions started by `as_of` and not logged marked as such, and
/// the chart with the repetitions done and the pain logged. Every protocol
/// of the course is described, each from the date it applies. Errors as for
/// a schedule (`/protocols/i/protocol/...`).
[[nodiscard]] REHAB_API expected<std::string> to_html(const course& c,
                                                      const catalog& exercises = catalog::builtin(),
                                                      const handout_options& options = {});

} // namespace rehab
