#include <rehab/rehab.hpp>

#include <chrono>

#include <fmt/format.h>

int main() {
    using namespace std::chrono_literals;

    // Exercises come from a catalog, looked up by a stable id.
    const rehab::catalog& catalog = rehab::catalog::builtin();
    const rehab::exercise& drop = catalog.get("eccentric-heel-drop-bent-knee").value().get();
    fmt::print("{}\n  {}\n", drop, drop.steps.front());

    // A typo gets an error that suggests what was meant.
    fmt::print("{}\n", catalog.get("single-leg-balanse").error());

    // A dose is checked when it is made. Alfredson 1998: 3 x 15, affected side, twice daily.
    const rehab::dose alfredson = rehab::dose::make({.sets = rehab::sets{3},
                                                     .work = rehab::repetitions{rehab::reps{15}},
                                                     .side = rehab::sides::affected_only})
                                      .value();
    fmt::print("{} -> {} reps a day per exercise\n", alfredson,
               alfredson.reps_per_day(rehab::sessions{2}));

    // Heavy slow resistance, week 1 (Beyer 2015): 3 x 15RM, 3 s down and 3 s up.
    const rehab::dose hsr =
        rehab::dose::make({.sets = rehab::sets{3},
                           .work = rehab::repetitions{rehab::reps{15}},
                           .tempo = rehab::tempo{.eccentric = 3s, .concentric = 3s},
                           .rest = 2min,
                           .load = rehab::rm_target{15},
                           .side = rehab::sides::together})
            .value();
    fmt::print("{} -> about {} per session\n", hsr, rehab::to_string(hsr.estimated_duration()));

    // Bad input is refused with the field and the value, never "fixed".
    auto bad = rehab::dose::make({.sets = rehab::sets{0}, .work = rehab::hold{30s}});
    fmt::print("{}\n", bad.error());
    return bad ? 1 : 0;
}
