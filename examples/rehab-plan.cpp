// rehab-plan: the library's main example program.
//
//   rehab-plan --list              every built-in exercise
//   rehab-plan --exercise ID       one exercise's instructions
//
// Bad input exits non-zero with one line naming the bad value.
#include <rehab/rehab.hpp>

#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

#include <boost/program_options.hpp>
#include <fmt/format.h>

namespace po = boost::program_options;

namespace {

void print_catalog(const rehab::catalog& catalog) {
    fmt::print("{} built-in exercises (rehab {}):\n", catalog.size(), rehab::version_string());
    for (const auto& e : catalog.exercises()) {
        fmt::print("  {:<36} {} [{}]\n", e.id, e.name, e.kind);
    }
}

void print_exercise(const rehab::exercise& e) {
    fmt::print("{}\n{}, {}, {}\n", e, e.kind, e.position, e.laterality);
    if (!e.equipment.empty()) {
        fmt::print("Equipment: {}\n", fmt::join(e.equipment, ", "));
    }
    fmt::print("Works: {}\nStart: {}\n", fmt::join(e.targets, ", "), e.starting_position);
    for (std::size_t i = 0; i < e.steps.size(); ++i) {
        fmt::print("  {}. {}\n", i + 1, e.steps[i]);
    }
    for (const auto& cue : e.cues) {
        fmt::print("  Cue: {}\n", cue);
    }
    for (const auto& note : e.safety) {
        fmt::print("  Safety: {}\n", note);
    }
    fmt::print("Source: {}\n", e.source);
}

} // namespace

int main(int argc, char** argv) try {
    po::options_description options("rehab-plan options");
    options.add_options()("help,h", "show this help")("list", "list the built-in exercises")(
        "exercise", po::value<std::string>(), "print the instructions of exercise ID");
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);

    const auto& catalog = rehab::catalog::builtin();
    if (vm.count("help") != 0U) {
        std::cout << options << '\n';
        return 0;
    }
    if (vm.count("exercise") != 0U) {
        auto e = catalog.get(vm["exercise"].as<std::string>());
        if (!e) {
            fmt::print(stderr, "rehab-plan: {}\n", e.error());
            return 2;
        }
        print_exercise(e->get());
        return 0;
    }
    print_catalog(catalog);
    return 0;
} catch (const std::exception& ex) {
    fmt::print(stderr, "rehab-plan: {}\n", ex.what());
    return 2;
}
