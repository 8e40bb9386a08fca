// rehab-plan: the library's main example. Plans a built-in protocol from a
// start date and prints it as a week-by-week text plan, JSON, iCalendar or a
// printable HTML handout;
// or says what applies on one day, and whether an exercise is allowed then;
// or writes the protocol itself as a FHIR R4 Bundle, which --protocol-file
// reads back.
//
//   rehab-plan --protocol alfredson-eccentric --start 2026-12-01 --tz Europe/Copenhagen
//   rehab-plan --protocol hsr-achilles --start 2026-11-30 --format ics --output hsr.ics
//   rehab-plan --protocol alfredson-eccentric --start 2026-12-07 --format html --output a.html
//   rehab-plan --list
//   rehab-plan --protocol-file my-protocol.json --start 2026-12-01
//   rehab-plan --export-protocol hsr-achilles > hsr-achilles.json
//   rehab-plan --protocol hsr-achilles --format fhir --output hsr-achilles.fhir.json
//   rehab-plan --protocol-file hsr-achilles.fhir.json --start 2026-12-01
//   rehab-plan --protocol achilles-rupture-functional --surgery-date 2026-10-20 --on 2026-12-01
//   rehab-plan --protocol achilles-rupture-functional --surgery-date 2026-10-20 --on 2026-11-05
//              --can towel-calf-stretch
//
// Bad input exits with status 2 and one line naming the bad value; nothing
// is written to --output then. A protocol file with mistakes gives one line
// per mistake; a FHIR Bundle holding something the protocol cannot (so the
// plan would not follow it) gives one line per element left out and exits 2,
// unless --allow-loss.
#include <rehab/rehab.hpp>

#include "fhir_input.hpp"
#include "output_file.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/program_options.hpp>
#include <fmt/format.h>

namespace po = boost::program_options;

namespace {

/// A bad command line: the message names the option and the value.
struct usage_error {
    std::string message;
};

/// `--start 2026-12-01` and the other dates, read by the library.
boost::gregorian::date parse_date(const std::string& text, std::string_view option) {
    auto date = rehab::parse_date(text);
    if (!date) {
        throw usage_error{fmt::format("{}: {}", option, date.error().message)};
    }
    return *date;
}

std::vector<rehab::clock_time> parse_times(const std::string& text) {
    std::vector<rehab::clock_time> out;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ',');) {
        auto t = rehab::clock_time::parse(part);
        if (!t) {
            throw usage_error{fmt::format("--times: {}", t.error().message)};
        }
        out.push_back(*t);
    }
    if (out.empty()) {
        throw usage_error{"--times: give at least one time as HH:MM"};
    }
    return out;
}

rehab::body_side parse_side(const std::string& text) {
    if (text == "left") {
        return rehab::body_side::left;
    }
    if (text == "right") {
        return rehab::body_side::right;
    }
    throw usage_error{fmt::format("--side: expected left or right, got \"{}\"", text)};
}

template <class T>
T or_usage_error(rehab::expected<T> value, std::string_view option) {
    if (!value) {
        throw usage_error{fmt::format("{}: {}", option, value.error())};
    }
    return std::move(*value);
}

std::string weekday_name(boost::gregorian::date d) {
    static constexpr const char* names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    return names[d.day_of_week().as_number()];
}

/// A readable week-by-week plan.
std::string text_plan(const rehab::schedule& plan) {
    const rehab::protocol& p = plan.program();
    std::string out = fmt::format("{}\nFor: {}\nSource: {}\n", p, p.condition, p.source);
    if (plan.empty()) {
        return out + "No sessions.\n";
    }
    const auto last = plan[plan.size() - 1];
    const auto held = static_cast<std::size_t>(std::ranges::count_if(
        plan.sessions(), [](const rehab::scheduled_session& s) { return s.held(); }));
    out += fmt::format("{} sessions from {} to {}, times in {}, affected side: {}\n", held,
                       boost::gregorian::to_iso_extended_string(plan.planned_date(plan[0])),
                       boost::gregorian::to_iso_extended_string(plan.date(last)),
                       plan.zone().name(), plan.patient().affected_side);
    // A protocol counted from the injury or the surgery: where the plan starts in that count.
    const rehab::patient& who = plan.patient();
    const auto day_zero = p.counted_from == rehab::time_basis::surgery  ? who.surgery_date
                          : p.counted_from == rehab::time_basis::injury ? who.injury_date
                                                                        : std::nullopt;
    if (day_zero) {
        const auto since = (plan.start() - *day_zero).days();
        out += fmt::format("Counted from the {} on {}: the start, {}, is day {} (week {})\n",
                           p.counted_from, boost::gregorian::to_iso_extended_string(*day_zero),
                           boost::gregorian::to_iso_extended_string(plan.start()), since,
                           since / 7 + 1);
    }
    if (held != plan.size()) {
        out += fmt::format("{} more not held: {} skipped their times\n", plan.size() - held,
                           plan.zone().name());
    }
    int week = 0;
    int phase = -1;
    std::string doses;
    for (std::size_t i = 0; i < plan.size();) {
        const rehab::scheduled_session first = plan[i];
        if (rehab::schedule::week(first) != week) {
            week = rehab::schedule::week(first);
            const auto week_start = plan.start() + boost::gregorian::days((week - 1) * 7);
            out += fmt::format(
                "\nWeek {} ({} to {}), {}\n", week,
                boost::gregorian::to_iso_extended_string(week_start),
                boost::gregorian::to_iso_extended_string(week_start + boost::gregorian::days(6)),
                p.phases[first.phase].name);
            // A rupture protocol's boot, weight-bearing and limits, when the phase changes.
            if (first.phase != phase) {
                phase = first.phase;
                for (const auto& line : rehab::plain_lines(p.phases[phase].restrictions)) {
                    out += fmt::format("  {}\n", line);
                }
            }
            std::string now;
            for (const auto& item : plan.prescription(first).items) {
                now += fmt::format("  {}\n", item);
            }
            if (now != doses) {
                out += now;
                doses = now;
            } else {
                out += "  (same exercises and doses)\n";
            }
        }
        // One line per planned day: the date and its sessions' times, with
        // the date too when the zone's clocks moved one past midnight.
        const auto day = plan.planned_date(first);
        std::string line = fmt::format("    {} {}", weekday_name(day),
                                       boost::gregorian::to_iso_extended_string(day));
        for (; i < plan.size() && plan[i].day == first.day; ++i) {
            const rehab::scheduled_session s = plan[i];
            if (!s.held()) {
                line += "  (not held)";
            } else if (plan.date(s) != day) {
                line += fmt::format("  {} {} {}", weekday_name(plan.date(s)),
                                    boost::gregorian::to_iso_extended_string(plan.date(s)),
                                    plan.local_time(s));
            } else {
                line += fmt::format("  {}", plan.local_time(s));
            }
        }
        out += line + "\n";
    }
    return out;
}

void list_builtins() {
    fmt::print("Built-in protocols:\n");
    for (const auto& p : rehab::builtin_protocols()) {
        fmt::print("  {:<28} {}\n", p.id, p.name);
    }
    const auto& catalog = rehab::catalog::builtin();
    fmt::print("\n{} built-in exercises:\n", catalog.size());
    for (const auto& e : catalog.exercises()) {
        fmt::print("  {:<40} {} [{}]\n", e.id, e.name, e.kind);
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

/// `--now 2026-12-01T08:00:00Z`.
std::chrono::sys_seconds parse_instant(const std::string& text) {
    int y = 0;
    unsigned mo = 0;
    unsigned d = 0;
    int h = -1;
    int mi = -1;
    int sec = -1;
    char tail = '\0';
    if (text.size() != 20 ||
        std::sscanf(text.c_str(), "%4d-%2u-%2uT%2d:%2d:%2dZ%c", &y, &mo, &d, &h, &mi, &sec,
                    &tail) != 6 ||
        text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[19] != 'Z') {
        throw usage_error{
            fmt::format("--now: \"{}\" is not an instant as YYYY-MM-DDTHH:MM:SSZ", text)};
    }
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{mo},
                                          std::chrono::day{d}};
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 59) {
        throw usage_error{fmt::format("--now: \"{}\" is not a calendar date and time", text)};
    }
    return std::chrono::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} +
           std::chrono::seconds{sec};
}

/// `--remind 15m` or `--remind 2h`.
std::chrono::minutes parse_reminder(const std::string& text) {
    int n = 0;
    char unit = '\0';
    char tail = '\0';
    if (std::sscanf(text.c_str(), "%d%c%c", &n, &unit, &tail) != 2 ||
        (unit != 'm' && unit != 'h') || n < 1 || text.front() == '+' || text.front() == ' ') {
        throw usage_error{fmt::format(
            "--remind: expected minutes or hours before the session, e.g. 15m or 1h, got \"{}\"",
            text)};
    }
    return unit == 'h' ? std::chrono::hours{n} : std::chrono::minutes{n};
}

/// The option a library error is about, from its JSON Pointer.
std::string_view option_for(std::string_view path) {
    if (path == "/time_zone") {
        return "--tz";
    }
    if (path == "/times" || path.starts_with("/times/")) {
        return "--times";
    }
    if (path == "/patient/injury_date") {
        return "--injury-date";
    }
    if (path == "/patient/surgery_date") {
        return "--surgery-date";
    }
    if (path == "/on") {
        return "--on";
    }
    if (path == "/exercise") {
        return "--can";
    }
    return "--start";
}

/// `--output FILE`: replaced atomically, untouched on error.
void write_output(const std::string& path, const std::string& text) {
    try {
        rehab_examples::write_atomically(path, text);
    } catch (const rehab_examples::write_error& e) {
        throw usage_error{fmt::format("--output: {}", e.what())};
    }
}

/// The words under the options of --help.
constexpr std::string_view help_notes =
    "Dates after an injury or a surgery:\n"
    "  Rupture protocols count their weeks from the injury or the surgery (see\n"
    "  --export-protocol ID, \"counted_from\"). Give --injury-date and, after an\n"
    "  operation, --surgery-date: a plan that starts later begins in the phase\n"
    "  that applies on its start date, and a protocol that may only start some\n"
    "  weeks after the injury or surgery refuses an earlier --start, naming the\n"
    "  first day it may start.\n"
    "\n"
    "What applies on one day:\n"
    "  --on DATE prints, instead of the plan, what the protocol says for that\n"
    "  day: the week and phase, the boot or splint, how much weight the leg may\n"
    "  take, range-of-motion limits, what is and is not allowed yet, the\n"
    "  exercises and their doses, and when the next phase may begin.\n"
    "  --can EXERCISE_ID answers whether that exercise is allowed on the --on\n"
    "  day (or on the start date without --on): yes, or not yet, why, and from\n"
    "  which day the protocol allows it. Either answer exits 0.\n"
    "  Both read the protocol as planned, every phase at its shortest, and print\n"
    "  text or, with --format json, JSON.\n"
    "\n"
    "FHIR:\n"
    "  --format fhir writes the protocol itself, not a plan, as an HL7 FHIR R4\n"
    "  Bundle (a PlanDefinition and its ActivityDefinitions, the doses in the\n"
    "  rehab exercise-dose extension); it takes no dates, times or side.\n"
    "  --protocol-file reads such a Bundle as well as a protocol file, told\n"
    "  apart by the content (a JSON object with a \"resourceType\" is FHIR), not\n"
    "  by the file name. Anything in the Bundle the protocol has no place for\n"
    "  (another resource, an unknown extension, words that differ from the dose)\n"
    "  is something the plan would not follow: each is named on standard error\n"
    "  with its JSON Pointer, and nothing is planned (exit 2) unless\n"
    "  --allow-loss is given, which plans without them.\n"
    "\n"
    "This program informs; it does not replace your treating team. Your surgeon's\n"
    "and physiotherapist's advice comes first, and a step that needs a\n"
    "clinician's check does not happen by the date alone.\n";

int run(int argc, char** argv) {
    po::options_description options("rehab-plan: plan a rehabilitation protocol on the calendar");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("list", "list the built-in protocols and exercises")
        ("protocol", po::value<std::string>(), "built-in protocol id (see --list)")
        ("protocol-file", po::value<std::string>(), "plan a protocol from a JSON file instead: a protocol file or a FHIR Bundle (see FHIR below)")
        ("allow-loss", "plan a FHIR Bundle even when it holds something the protocol cannot")
        ("export-protocol", po::value<std::string>(), "print built-in protocol ID as a JSON file")
        ("start", po::value<std::string>(), "start date, YYYY-MM-DD (default: the injury or surgery date the protocol counts from, when given)")
        ("injury-date", po::value<std::string>(), "the day of the injury, YYYY-MM-DD")
        ("surgery-date", po::value<std::string>(), "the day of the surgery, YYYY-MM-DD")
        ("on", po::value<std::string>(), "print what applies on this day, YYYY-MM-DD, instead of the plan")
        ("can", po::value<std::string>(), "say whether exercise ID is allowed on the --on day (default: the start date)")
        ("tz", po::value<std::string>()->default_value("UTC"), "IANA time zone, e.g. Europe/Copenhagen")
        ("times", po::value<std::string>(), "session times HH:MM,HH:MM (default: the protocol's)")
        ("side", po::value<std::string>()->default_value("left"), "affected side: left or right")
        ("format", po::value<std::string>()->default_value("text"), "text, json, ics, html or fhir (ics, html: the plan only; fhir: the protocol)")
        ("output", po::value<std::string>(), "write to FILE instead of standard output")
        ("plan-id", po::value<std::string>(), "ics: the patient or plan id every UID carries (default: derived from the plan)")
        ("now", po::value<std::string>(), "ics, html: the export time (DTSTAMP; the handout's date), YYYY-MM-DDTHH:MM:SSZ (default: the clock)")
        ("remind", po::value<std::string>(), "ics: a reminder before each session, e.g. 15m or 1h")
        ("exercise", po::value<std::string>(), "print the instructions of exercise ID");
    // clang-format on
    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, options), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw usage_error{e.what()};
    }
    if (vm.count("help") != 0U) {
        std::cout << options << '\n' << help_notes;
        return 0;
    }
    if (vm.count("list") != 0U) {
        list_builtins();
        return 0;
    }
    if (vm.count("exercise") != 0U) {
        const auto e = or_usage_error(
            rehab::catalog::builtin().get(vm["exercise"].as<std::string>()), "--exercise");
        print_exercise(e.get());
        return 0;
    }
    if (vm.count("export-protocol") != 0U) {
        const auto p =
            or_usage_error(rehab::find_builtin_protocol(vm["export-protocol"].as<std::string>()),
                           "--export-protocol");
        rehab_examples::write_stdout(rehab::to_json(p.get()));
        return 0;
    }
    const bool from_file = vm.count("protocol-file") != 0U;
    if (vm.count("protocol") == 0U && !from_file) {
        throw usage_error{"give --protocol ID (or --protocol-file FILE) and --start YYYY-MM-DD (or "
                          "--list, --help)"};
    }
    if (from_file && vm.count("protocol") != 0U) {
        throw usage_error{"give either --protocol or --protocol-file, not both"};
    }
    if (vm.count("allow-loss") != 0U && !from_file) {
        throw usage_error{"--allow-loss: applies to a FHIR Bundle given with --protocol-file"};
    }
    const std::string format = vm["format"].as<std::string>();
    if (format != "text" && format != "json" && format != "ics" && format != "html" &&
        format != "fhir") {
        throw usage_error{
            fmt::format("--format: expected text, json, ics, html or fhir, got \"{}\"", format)};
    }
    if (format == "fhir") {
        // The protocol itself: nothing of a plan applies, and nothing given is ignored.
        for (const char* plan_only : {"start", "injury-date", "surgery-date", "on", "can", "times",
                                      "plan-id", "now", "remind"}) {
            if (vm.count(plan_only) != 0U) {
                throw usage_error{fmt::format(
                    "--{}: applies to a plan, not to --format fhir (the protocol itself)",
                    plan_only)};
            }
        }
        for (const char* plan_only : {"tz", "side"}) {
            if (!vm[plan_only].defaulted()) {
                throw usage_error{fmt::format(
                    "--{}: applies to a plan, not to --format fhir (the protocol itself)",
                    plan_only)};
            }
        }
    }
    rehab::protocol protocol;
    if (from_file) {
        auto loaded = rehab_examples::load_protocol_input(
            "rehab-plan", vm["protocol-file"].as<std::string>(), vm.count("allow-loss") != 0U,
            {.held = "the protocol", .follower = "the plan", .go_on = "plan"});
        if (!loaded) {
            return 2;
        }
        protocol = std::move(*loaded);
    } else {
        protocol = or_usage_error(rehab::find_builtin_protocol(vm["protocol"].as<std::string>()),
                                  "--protocol")
                       .get();
    }
    if (format == "fhir") {
        auto bundle = rehab::to_fhir(protocol, rehab::catalog::builtin());
        if (!bundle) {
            throw usage_error{fmt::format("{}: {}", from_file ? "--protocol-file" : "--protocol",
                                          bundle.error())};
        }
        if (vm.count("output") != 0U) {
            write_output(vm["output"].as<std::string>(), *bundle);
        } else {
            rehab_examples::write_stdout(*bundle);
        }
        return 0;
    }
    rehab::patient patient{.affected_side = parse_side(vm["side"].as<std::string>())};
    if (vm.count("injury-date") != 0U) {
        patient.injury_date = parse_date(vm["injury-date"].as<std::string>(), "--injury-date");
    }
    if (vm.count("surgery-date") != 0U) {
        patient.surgery_date = parse_date(vm["surgery-date"].as<std::string>(), "--surgery-date");
    }
    // Without --start, a protocol counted from the injury or the surgery
    // starts on that day when it is given.
    std::optional<boost::gregorian::date> day_zero;
    if (protocol.counted_from == rehab::time_basis::injury) {
        day_zero = patient.injury_date;
    } else if (protocol.counted_from == rehab::time_basis::surgery) {
        day_zero = patient.surgery_date;
    }
    if (vm.count("start") == 0U && !day_zero) {
        throw usage_error{
            protocol.counted_from == rehab::time_basis::start
                ? std::string{"give --start YYYY-MM-DD"}
                : fmt::format("give --start YYYY-MM-DD or --{}-date YYYY-MM-DD ({} counts from the "
                              "{})",
                              protocol.counted_from, protocol.id, protocol.counted_from)};
    }
    const auto start =
        vm.count("start") != 0U ? parse_date(vm["start"].as<std::string>(), "--start") : *day_zero;
    for (const char* ics_only : {"plan-id", "remind"}) {
        if (vm.count(ics_only) != 0U && format != "ics") {
            throw usage_error{fmt::format("--{}: applies to --format ics only", ics_only)};
        }
    }
    if (vm.count("now") != 0U && format != "ics" && format != "html") {
        throw usage_error{"--now: applies to --format ics and html only"};
    }
    const bool one_day = vm.count("on") != 0U || vm.count("can") != 0U;
    std::string text;
    if (one_day) {
        // What applies on one day, or whether an exercise is allowed then.
        const std::string asked = vm.count("on") != 0U ? "--on" : "--can";
        if (format == "ics" || format == "html") {
            throw usage_error{
                fmt::format("--format: {} prints text or json, not {} ({} is for the plan)", asked,
                            format, format)};
        }
        if (vm.count("times") != 0U || !vm["tz"].defaulted()) {
            throw usage_error{fmt::format("--{}: applies to the plan, not to {}",
                                          vm.count("times") != 0U ? "times" : "tz", asked)};
        }
        const auto day =
            vm.count("on") != 0U ? parse_date(vm["on"].as<std::string>(), "--on") : start;
        if (vm.count("can") != 0U) {
            const auto& catalog = rehab::catalog::builtin();
            auto answer =
                rehab::may_do(protocol, start, patient, day, vm["can"].as<std::string>(), catalog);
            if (!answer) {
                throw usage_error{
                    fmt::format("{}: {}", option_for(answer.error().path), answer.error().message)};
            }
            text = format == "json" ? rehab::to_json(*answer) : rehab::to_text(*answer, catalog);
        } else {
            auto guidance = rehab::guidance_on(protocol, start, patient, day);
            if (!guidance) {
                throw usage_error{fmt::format("{}: {}", option_for(guidance.error().path),
                                              guidance.error().message)};
            }
            text = format == "json" ? rehab::to_json(*guidance) : rehab::to_text(*guidance);
        }
    } else {
        rehab::schedule_options plan_options{.time_zone = vm["tz"].as<std::string>(),
                                             .times = {},
                                             .rest_days = {},
                                             .patient = patient};
        if (vm.count("times") != 0U) {
            plan_options.times = parse_times(vm["times"].as<std::string>());
        }
        auto made = rehab::schedule::make(protocol, start, plan_options);
        if (!made) {
            throw usage_error{
                fmt::format("{}: {}", option_for(made.error().path), made.error().message)};
        }
        if (made->empty() && protocol.counted_from != rehab::time_basis::start) {
            // Counted from an injury or surgery long before: nothing is left.
            throw usage_error{fmt::format(
                "--start: {} is after the planned end of {} ({} days after the {}); see --on "
                "for what applies then",
                rehab::to_iso_date(start), protocol.id, rehab::nominal_duration(protocol).count(),
                protocol.counted_from)};
        }
        if (format == "ics") {
            rehab::icalendar_options ics;
            if (vm.count("plan-id") != 0U) {
                ics.plan_id = vm["plan-id"].as<std::string>();
            }
            if (vm.count("now") != 0U) {
                ics.created = parse_instant(vm["now"].as<std::string>());
            }
            if (vm.count("remind") != 0U) {
                ics.remind_before = parse_reminder(vm["remind"].as<std::string>());
            }
            auto calendar = rehab::to_icalendar(*made, ics);
            if (!calendar) {
                const std::string& path = calendar.error().path;
                throw usage_error{fmt::format("{}: {}",
                                              path == "/plan_id" ? "--plan-id" : "--remind",
                                              calendar.error().message)};
            }
            text = std::move(*calendar);
        } else if (format == "html") {
            rehab::handout_options handout;
            if (vm.count("now") != 0U) {
                handout.as_of = parse_instant(vm["now"].as<std::string>());
            }
            auto page = rehab::to_html(*made, rehab::catalog::builtin(), handout);
            if (!page) {
                throw usage_error{fmt::format("{}: {}", page.error().path, page.error().message)};
            }
            text = std::move(*page);
        } else {
            text = format == "json" ? rehab::to_json(*made) : text_plan(*made);
        }
    }
    if (vm.count("output") != 0U) {
        write_output(vm["output"].as<std::string>(), text);
    } else {
        rehab_examples::write_stdout(text);
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const usage_error& e) {
        fmt::print(stderr, "rehab-plan: {}\n", e.message);
    } catch (const std::exception& e) {
        fmt::print(stderr, "rehab-plan: {}\n", e.what());
    }
    return 2;
}
