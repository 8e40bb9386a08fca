// rehab-course: follows one patient's course day by day, kept in a course
// file (share/rehab/course.schema.json).
//
// clang-format off
//   rehab-course new p42.json --protocol alfredson-eccentric --start 2026-12-01 --tz Europe/Copenhagen
//   rehab-course today p42.json --at 2026-12-01T07:30:00Z
//   rehab-course log p42.json --session alfredson-eccentric.v1.eccentric-loading.d0.s0 --pain-during 2
//   rehab-course report p42.json --format json
//   rehab-course move p42.json --from 2026-12-20 --tz America/New_York --times 07:00,19:00
//   rehab-course switch p42.json --from 2027-01-04 --protocol hsr-achilles
//   rehab-course pause p42.json --from 2026-12-24 --to 2026-12-27
//   rehab-course export p42.json --format ics --output p42.ics
//   rehab-course export p42.json --format html --output p42.html   (the printable handout)
//   rehab-course export p42.json --format fhir --output p42.fhir.json   (a FHIR R4 Bundle)
//   rehab-course import copy.json --fhir p42.fhir.json   (the course back from its Bundle)
// clang-format on
//
// Bad input exits with status 2 and one line naming the bad value; the
// course file is then left byte for byte as it was. Every change is written
// to a temporary file beside it and renamed over it.
#include <rehab/rehab.hpp>

#include "fhir_input.hpp"
#include "output_file.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/program_options.hpp>
#include <fmt/format.h>

namespace po = boost::program_options;

namespace {

/// A bad command line or a refused change: the message names the option.
struct usage_error {
    std::string message;
};

/// A refusal whose reasons are already on standard error: exit 2.
struct already_said {};

/// The option a library error is about, from its JSON Pointer.
std::string option_for(std::string_view path) {
    struct mapping {
        std::string_view path;
        std::string_view option;
    };
    static constexpr std::array<mapping, 13> map{{
        {"/patient/injury_date", "--injury-date"},
        {"/patient/surgery_date", "--surgery-date"},
        {"/calendar/time_zone", "--tz"},
        {"/calendar/times", "--times"},
        {"/calendar/rest_days", "--times"},
        {"/patient/id", "--id"},
        {"/start", "--start"},
        {"/from", "--from"},
        {"/to", "--to"},
        {"/session", "--session"},
        {"/items", "--item"},
        {"/measurements", "--measure"},
        {"/protocol", "--protocol"},
    }};
    for (const auto& m : map) {
        if (path.starts_with(m.path)) {
            return std::string(m.option);
        }
    }
    if (path.starts_with("/pain_")) { // /pain_during -> --pain-during
        std::string option = "--" + std::string(path.substr(1));
        std::ranges::replace(option, '_', '-');
        return option;
    }
    return path.empty() ? std::string("rehab-course") : std::string(path);
}

void check(rehab::expected<void> done) {
    if (!done) {
        throw usage_error{
            fmt::format("{}: {}", option_for(done.error().path), done.error().message)};
    }
}

template <class T>
T checked(rehab::expected<T> value, std::string_view option) {
    if (!value) {
        throw usage_error{fmt::format("{}: {}", option, value.error().message)};
    }
    return std::move(*value);
}

boost::gregorian::date date_option(const po::variables_map& vm, const char* name) {
    return checked(rehab::parse_date(vm[name].as<std::string>()), fmt::format("--{}", name));
}

std::chrono::sys_seconds instant_option(const po::variables_map& vm, const char* name) {
    if (vm.count(name) == 0U) {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    }
    return checked(rehab::parse_instant(vm[name].as<std::string>()), fmt::format("--{}", name));
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

/// `--times 07:00,19:00 --times 12:30`: each list is for the phases with
/// that many sessions a day, and must fit at least one of them.
rehab::session_times times_option(const po::variables_map& vm,
                                  const std::vector<const rehab::protocol*>& programs) {
    rehab::session_times out;
    if (vm.count("times") == 0U) {
        return out;
    }
    for (const std::string& text : vm["times"].as<std::vector<std::string>>()) {
        auto list = parse_times(text);
        const int n = static_cast<int>(list.size());
        const bool fits = std::ranges::any_of(programs, [&](const rehab::protocol* p) {
            return std::ranges::any_of(p->phases, [&](const rehab::phase& ph) {
                return ph.frequency.per_day.value() == n;
            });
        });
        if (!fits) {
            throw usage_error{fmt::format(
                "--times: {} gives {} time{} a day, but no phase has {} session{} a day", text, n,
                n == 1 ? "" : "s", n, n == 1 ? "" : "s")};
        }
        if (!out.by_sessions_per_day.emplace(n, std::move(list)).second) {
            throw usage_error{fmt::format("--times: two lists of {} times", n)};
        }
    }
    return out;
}

rehab::protocol protocol_option(const po::variables_map& vm) {
    const bool from_file = vm.count("protocol-file") != 0U;
    if ((vm.count("protocol") != 0U) == from_file) {
        throw usage_error{"give --protocol ID or --protocol-file FILE"};
    }
    if (from_file) {
        auto loaded = rehab_examples::load_protocol_input(
            "rehab-course", vm["protocol-file"].as<std::string>(), vm.count("allow-loss") != 0U,
            {.held = "the protocol", .follower = "the course", .go_on = "go on"});
        if (!loaded) {
            throw already_said{};
        }
        return std::move(*loaded);
    }
    return checked(rehab::find_builtin_protocol(vm["protocol"].as<std::string>()), "--protocol")
        .get();
}

rehab::course load(const std::string& file) {
    auto c = rehab::load_course_file(file);
    if (!c) {
        throw usage_error{fmt::format("{}: {}", file, c.error().front())};
    }
    return std::move(*c);
}

void save(const std::string& file, const rehab::course& c) {
    try {
        rehab_examples::write_atomically(file, rehab::to_json(c));
    } catch (const rehab_examples::write_error& e) {
        throw usage_error{e.what()};
    }
}

std::optional<int> int_option(const po::variables_map& vm, const char* name) {
    if (vm.count(name) == 0U) {
        return std::nullopt;
    }
    return vm[name].as<int>();
}

std::optional<rehab::pain_score> pain_option(const po::variables_map& vm, const char* name) {
    const auto n = int_option(vm, name);
    if (!n) {
        return std::nullopt;
    }
    return checked(rehab::pain_score::make(*n), fmt::format("--{}", name));
}

/// `--item eccentric-heel-drop-straight-knee:3x15+5`.
rehab::item_log parse_item(const std::string& text) {
    const auto bad = [&] {
        return usage_error{fmt::format("--item: expected EXERCISE:SETSxREPS[+KG], e.g. "
                                       "eccentric-heel-drop-straight-knee:3x15+5, got \"{}\"",
                                       text)};
    };
    const auto colon = text.rfind(':');
    const auto x = text.find('x', colon == std::string::npos ? 0 : colon);
    if (colon == std::string::npos || colon == 0 || x == std::string::npos) {
        throw bad();
    }
    int n_sets = 0;
    int n_reps = 0;
    double kg = 0.0;
    char tail = '\0';
    const std::string dose = text.substr(colon + 1);
    const int read = std::sscanf(dose.c_str(), "%dx%d+%lf%c", &n_sets, &n_reps, &kg, &tail);
    const bool plain = read == 2 && dose.find('+') == std::string::npos;
    if ((!plain && read != 3) || n_sets < 0 || n_reps < 0 || kg < 0 || n_sets > 100 ||
        n_reps > 1000 || kg > 1000 || !std::isdigit(static_cast<unsigned char>(dose.front()))) {
        throw bad();
    }
    rehab::item_log item{.exercise = text.substr(0, colon),
                         .sets_done = rehab::sets{n_sets},
                         .reps_per_set = rehab::reps{n_reps}};
    if (read == 3) {
        item.added_load = rehab::kilograms{kg};
    }
    return item;
}

/// `--measure visa_a=72`.
rehab::measurement parse_measure(const std::string& text) {
    static constexpr std::array<std::pair<std::string_view, rehab::measure>, 6> names{{
        {"single_leg_heel_raises", rehab::measure::single_leg_heel_raises},
        {"visa_a", rehab::measure::visa_a},
        {"atrs", rehab::measure::atrs},
        {"heel_rise_lsi_reps", rehab::measure::heel_rise_lsi_reps},
        {"heel_rise_lsi_height", rehab::measure::heel_rise_lsi_height},
        {"heel_rise_lsi_work", rehab::measure::heel_rise_lsi_work},
    }};
    const auto eq = text.find('=');
    const std::string name = text.substr(0, eq);
    for (const auto& [n, what] : names) {
        if (n == name && eq != std::string::npos) {
            double value = 0.0;
            char tail = '\0';
            if (std::sscanf(text.c_str() + eq + 1, "%lf%c", &value, &tail) == 1 && value >= 0 &&
                value <= 1e6) {
                return {what, value};
            }
        }
    }
    throw usage_error{fmt::format(
        "--measure: expected NAME=VALUE with NAME one of single_leg_heel_raises, visa_a, atrs, "
        "heel_rise_lsi_reps, heel_rise_lsi_height, heel_rise_lsi_work; got \"{}\"",
        text)};
}

std::string describe(const rehab::course& c, const rehab::course_session& s) {
    const auto& zone = [&] {
        std::string z;
        for (const auto& seg : c.calendars()) {
            if (seg.from <= s.planned_date) {
                z = seg.calendar.time_zone;
            }
        }
        return z;
    }();
    std::string out = fmt::format("{} {} {} ({})  {}\n", s.date.day_of_week().as_short_string(),
                                  rehab::to_iso_date(s.date), s.local_time, zone, c.id(s));
    for (const auto& item : s.prescription->items) {
        out += fmt::format("    - {}: {}", item.exercise, item.dose);
        if (item.side) {
            out += fmt::format(" ({})", *item.side);
        }
        if (item.load_kg) {
            out += fmt::format(", {} kg added", item.load_kg->value());
        }
        out += '\n';
    }
    for (const auto& b : s.prescription->breaches) {
        out += fmt::format("    Holding: {}\n", b.reason);
    }
    // The boot, weight-bearing and limits of the session's phase (rupture protocols).
    const rehab::protocol& p = *c.protocols()[s.segment].program;
    for (const auto& line :
         rehab::plain_lines(p.phases[s.prescription->phase_index].restrictions)) {
        out += fmt::format("    {}\n", line);
    }
    return out;
}

std::string today_text(const rehab::course& c, std::chrono::sys_seconds at) {
    std::string out = fmt::format("As of {}:\n", rehab::to_iso_instant(at));
    const auto due = c.due_at(at);
    const auto next = c.next_after(at);
    out += due ? "Due now: " + describe(c, *due) : "Nothing due now.\n";
    out += next ? "Next: " + describe(c, *next) : "No session after this.\n";
    for (const auto& r : c.referrals()) {
        out += fmt::format("See your clinician before progressing: {}\n", r.reason);
    }
    return out;
}

std::string report_text(const rehab::course& c, boost::gregorian::date from,
                        boost::gregorian::date to, std::chrono::sys_seconds at) {
    const auto r = c.adherence(from, to, at);
    if (!r) {
        throw usage_error{fmt::format("{}: {}", r.error().path == "/as_of" ? "--at" : "--from",
                                      r.error().message)};
    }
    std::string out = fmt::format("{} to {}, as of {}\n", rehab::to_iso_date(from),
                                  rehab::to_iso_date(to), rehab::to_iso_instant(at));
    out += fmt::format("Sessions due {}, done {}, partial {}, missed {}\n", r->due, r->done,
                       r->partial, r->missed);
    out += fmt::format("Repetitions, affected side: {} of {} ({} beyond)\n", r->affected.done,
                       r->affected.prescribed, r->affected.beyond);
    out += fmt::format("Repetitions, other side: {} of {} ({} beyond)\n", r->unaffected.done,
                       r->unaffected.prescribed, r->unaffected.beyond);
    const int first = static_cast<int>((from - c.start_date()).days());
    const int last = static_cast<int>((to - c.start_date()).days());
    for (const auto& e : c.trace()) {
        if (e.at.day >= first && e.at.day <= last) {
            out += fmt::format("  {}\n", e);
        }
    }
    return out;
}

void output(const po::variables_map& vm, const std::string& text) {
    if (vm.count("output") != 0U) {
        try {
            rehab_examples::write_atomically(vm["output"].as<std::string>(), text);
        } catch (const rehab_examples::write_error& e) {
            throw usage_error{fmt::format("--output: {}", e.what())};
        }
    } else {
        rehab_examples::write_stdout(text);
    }
}

std::string format_option(const po::variables_map& vm, std::initializer_list<std::string_view> ok) {
    const std::string format = vm["format"].as<std::string>();
    if (std::ranges::find(ok, format) == ok.end()) {
        std::string list;
        for (const auto f : ok) {
            list += (list.empty() ? "" : ", ") + std::string(f);
        }
        throw usage_error{fmt::format("--format: expected {}, got \"{}\"", list, format)};
    }
    return format;
}

int run(int argc, char** argv) {
    po::options_description options(
        "rehab-course COMMAND FILE [options]: follow one patient's course\n"
        "commands: new, import, log, today, report, move, switch, pause, export");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("protocol", po::value<std::string>(), "new, switch: built-in protocol id")
        ("protocol-file", po::value<std::string>(), "new, switch: a protocol from a file: a protocol file or a FHIR Bundle of `rehab-plan --format fhir`")
        ("fhir", po::value<std::string>(), "import: the course's FHIR R4 Bundle, as `export --format fhir` writes it")
        ("allow-loss", "new, switch, import: go on with a FHIR Bundle that holds something the protocol or course cannot (each is printed)")
        ("start", po::value<std::string>(), "new: start date, YYYY-MM-DD")
        ("tz", po::value<std::string>(), "new, move: IANA time zone (new: default UTC)")
        ("times", po::value<std::vector<std::string>>(), "new, move: session times HH:MM,... for the phases with that many sessions a day; repeat for others")
        ("side", po::value<std::string>()->default_value("left"), "new: affected side, left or right")
        ("weight", po::value<double>(), "new: body weight in kg")
        ("injury-date", po::value<std::string>(), "new: the day of the injury, YYYY-MM-DD (rupture protocols count from it)")
        ("surgery-date", po::value<std::string>(), "new: the day of the surgery, YYYY-MM-DD")
        ("id", po::value<std::string>()->default_value("patient"), "new: patient id for exported UIDs")
        ("session", po::value<std::string>(), "log: the session id, as `today` and the exports print it")
        ("status", po::value<std::string>()->default_value("done"), "log: done, partial or missed")
        ("pain-during", po::value<int>(), "log: pain during, 0-10")
        ("pain-after", po::value<int>(), "log: pain after, 0-10")
        ("pain-next-morning", po::value<int>(), "log: pain the next morning, 0-10")
        ("item", po::value<std::vector<std::string>>(), "log: EXERCISE:SETSxREPS[+KG] done; repeat")
        ("measure", po::value<std::vector<std::string>>(), "log: NAME=VALUE, e.g. visa_a=72; repeat")
        ("snap-or-pop", "log: a snap or pop was felt")
        ("unable-to-bear-weight", "log: cannot bear weight on the leg")
        ("insertional-pain", "log: pain at the heel bone insertion")
        ("cleared", "log: a clinician has cleared earlier flags")
        ("confirmed", "log: a clinician confirms the move to the next phase")
        ("done-at", po::value<std::string>(), "log: when it was done, YYYY-MM-DDTHH:MM:SSZ")
        ("at", po::value<std::string>(), "today, report, export (not fhir: as of the last session logged): the instant, YYYY-MM-DDTHH:MM:SSZ (default: the clock)")
        ("from", po::value<std::string>(), "report, move, switch, pause: first date")
        ("to", po::value<std::string>(), "report, pause: last date")
        ("format", po::value<std::string>()->default_value("text"), "today, report: text or json; export: ics, json, html (the printable handout) or fhir (a FHIR R4 Bundle: the CarePlan, the doses prescribed, the scores logged)")
        ("remind", po::value<int>(), "export ics: a reminder this many minutes before each session")
        ("output", po::value<std::string>(), "export: write to FILE instead of standard output")
        ("command", po::value<std::string>(), "")
        ("file", po::value<std::string>(), "");
    // clang-format on
    po::positional_options_description positional;
    positional.add("command", 1).add("file", 1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(),
                  vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw usage_error{e.what()};
    }
    if (vm.count("help") != 0U || vm.count("command") == 0U) {
        std::cout << options << '\n';
        return vm.count("help") != 0U ? 0 : 2;
    }
    const std::string command = vm["command"].as<std::string>();
    if (vm.count("file") == 0U) {
        throw usage_error{fmt::format("{}: give the course FILE", command)};
    }
    const std::string file = vm["file"].as<std::string>();
    if (vm.count("allow-loss") != 0U && vm.count("protocol-file") == 0U && command != "import") {
        throw usage_error{"--allow-loss: applies to a FHIR Bundle given with --protocol-file or "
                          "to import"};
    }
    if (command == "new") {
        if (std::filesystem::exists(file)) {
            throw usage_error{fmt::format("{}: already exists; not replaced", file)};
        }
        if (vm.count("start") == 0U) {
            throw usage_error{"--start: give the start date, YYYY-MM-DD"};
        }
        const rehab::protocol program = protocol_option(vm);
        rehab::course_patient who{.id = vm["id"].as<std::string>()};
        const std::string side = vm["side"].as<std::string>();
        if (side != "left" && side != "right") {
            throw usage_error{fmt::format("--side: expected left or right, got \"{}\"", side)};
        }
        who.affected_side = side == "left" ? rehab::body_side::left : rehab::body_side::right;
        if (vm.count("weight") != 0U) {
            const double kg = vm["weight"].as<double>();
            if (!(kg > 0 && kg < 1000)) {
                throw usage_error{fmt::format("--weight: expected kilograms above 0, got {}", kg)};
            }
            who.body_weight = rehab::kilograms{kg};
        }
        if (vm.count("injury-date") != 0U) {
            who.injury_date = date_option(vm, "injury-date");
        }
        if (vm.count("surgery-date") != 0U) {
            who.surgery_date = date_option(vm, "surgery-date");
        }
        rehab::course_calendar calendar{
            .time_zone = vm.count("tz") != 0U ? vm["tz"].as<std::string>() : "UTC",
            .times = times_option(vm, {&program})};
        auto c = rehab::course::start(who, program, date_option(vm, "start"), calendar);
        if (!c) {
            throw usage_error{fmt::format("{}: {}", option_for(c.error().path), c.error().message)};
        }
        save(file, *c);
        fmt::print("{}: a course of {} from {} in {}\n", file, program.id,
                   rehab::to_iso_date(c->start_date()), calendar.time_zone);
        return 0;
    }
    if (command == "import") {
        if (std::filesystem::exists(file)) {
            throw usage_error{fmt::format("{}: already exists; not replaced", file)};
        }
        if (vm.count("fhir") == 0U) {
            throw usage_error{"--fhir: give the course's FHIR Bundle"};
        }
        const std::string bundle = vm["fhir"].as<std::string>();
        auto imported = rehab::course_from_fhir(rehab_examples::read_input("--fhir", bundle));
        if (!imported) {
            throw usage_error{fmt::format("{}: {}", bundle, imported.error())};
        }
        if (!rehab_examples::accept_losses(
                "rehab-course", bundle, imported->lost, vm.count("allow-loss") != 0U,
                {.held = "the course", .follower = "the course file", .go_on = "import"})) {
            return 2;
        }
        save(file, imported->course);
        fmt::print("{}: the course of {} from {}, {} session{} logged\n", file,
                   imported->course.patient().id, rehab::to_iso_date(imported->course.start_date()),
                   imported->course.log().size(), imported->course.log().size() == 1 ? "" : "s");
        return 0;
    }
    rehab::course c = load(file);
    if (command == "log") {
        if (vm.count("session") == 0U) {
            throw usage_error{"--session: give the session id, as `today` prints it"};
        }
        rehab::session_log entry;
        const std::string status = vm["status"].as<std::string>();
        if (status == "done" || status == "partial" || status == "missed") {
            entry.status = status == "done"      ? rehab::session_status::done
                           : status == "partial" ? rehab::session_status::partial
                                                 : rehab::session_status::missed;
        } else {
            throw usage_error{
                fmt::format("--status: expected done, partial or missed, got \"{}\"", status)};
        }
        entry.pain_during = pain_option(vm, "pain-during");
        entry.pain_after = pain_option(vm, "pain-after");
        entry.pain_next_morning = pain_option(vm, "pain-next-morning");
        if (vm.count("item") != 0U) {
            for (const auto& text : vm["item"].as<std::vector<std::string>>()) {
                entry.items.push_back(parse_item(text));
            }
        }
        if (vm.count("measure") != 0U) {
            for (const auto& text : vm["measure"].as<std::vector<std::string>>()) {
                entry.measurements.push_back(parse_measure(text));
            }
        }
        entry.snap_or_pop = vm.count("snap-or-pop") != 0U;
        entry.unable_to_bear_weight = vm.count("unable-to-bear-weight") != 0U;
        entry.insertional_pain = vm.count("insertional-pain") != 0U;
        entry.clinician_cleared = vm.count("cleared") != 0U;
        entry.clinician_confirmed = vm.count("confirmed") != 0U;
        if (vm.count("done-at") != 0U) {
            entry.done_at = instant_option(vm, "done-at");
        }
        check(c.record(vm["session"].as<std::string>(), std::move(entry)));
        save(file, c);
        return 0;
    }
    if (command == "today") {
        const auto at = instant_option(vm, "at");
        const std::string format = format_option(vm, {"text", "json"});
        output(vm, format == "json" ? rehab::today_json(c, at) : today_text(c, at));
        return 0;
    }
    if (command == "report") {
        const auto at = instant_option(vm, "at");
        const std::string format = format_option(vm, {"text", "json"});
        const auto from = vm.count("from") != 0U ? date_option(vm, "from") : c.start_date();
        const auto to = vm.count("to") != 0U
                            ? date_option(vm, "to")
                            : rehab::to_date(std::chrono::year_month_day{
                                                 std::chrono::floor<std::chrono::days>(at)})
                                  .value_or(c.start_date());
        if (format == "json") {
            auto json = rehab::report_json(c, from, to, at);
            if (!json) {
                throw usage_error{fmt::format("{}: {}",
                                              json.error().path == "/as_of" ? "--at" : "--from",
                                              json.error().message)};
            }
            output(vm, *json);
        } else {
            output(vm, report_text(c, from, to, at));
        }
        return 0;
    }
    if (command == "move") {
        if (vm.count("from") == 0U || (vm.count("tz") == 0U && vm.count("times") == 0U)) {
            throw usage_error{"move: give --from YYYY-MM-DD and --tz ZONE and/or --times"};
        }
        const auto from = date_option(vm, "from");
        rehab::course_calendar calendar = c.calendars().back().calendar;
        if (vm.count("tz") != 0U) {
            calendar.time_zone = vm["tz"].as<std::string>();
        }
        if (vm.count("times") != 0U) {
            std::vector<const rehab::protocol*> programs;
            for (const auto& p : c.protocols()) {
                programs.push_back(p.program.get());
            }
            calendar.times = times_option(vm, programs);
        }
        check(c.move(from, std::move(calendar)));
        save(file, c);
        return 0;
    }
    if (command == "switch") {
        if (vm.count("from") == 0U) {
            throw usage_error{"--from: give the date the new protocol starts"};
        }
        const auto from = date_option(vm, "from");
        check(c.switch_protocol(from, protocol_option(vm)));
        save(file, c);
        return 0;
    }
    if (command == "pause") {
        if (vm.count("from") == 0U || vm.count("to") == 0U) {
            throw usage_error{"pause: give --from YYYY-MM-DD and --to YYYY-MM-DD"};
        }
        check(c.pause(date_option(vm, "from"), date_option(vm, "to")));
        save(file, c);
        return 0;
    }
    if (command == "export") {
        const std::string format = format_option(vm, {"ics", "json", "html", "fhir"});
        if (format == "fhir") {
            // The course as of its last session logged: no clock, no reminders.
            for (const char* other_formats : {"at", "remind"}) {
                if (vm.count(other_formats) != 0U) {
                    throw usage_error{fmt::format(
                        "--{}: not for --format fhir, which exports the course as of its last "
                        "session logged",
                        other_formats)};
                }
            }
            auto bundle = rehab::to_fhir(c, rehab::catalog::builtin());
            if (!bundle) {
                throw usage_error{fmt::format("{}: {}", file, bundle.error())};
            }
            output(vm, *bundle);
            return 0;
        }
        rehab::course_export_options o{.as_of = instant_option(vm, "at")};
        if (format == "html") {
            auto page = rehab::to_html(c, rehab::catalog::builtin(), {.as_of = o.as_of});
            if (!page) {
                throw usage_error{fmt::format("{}: {}", file, page.error())};
            }
            output(vm, *page);
            return 0;
        }
        if (vm.count("remind") != 0U) {
            o.remind_before = std::chrono::minutes{vm["remind"].as<int>()};
        }
        if (format == "ics") {
            auto ics = rehab::to_icalendar(c, o);
            if (!ics) {
                throw usage_error{
                    fmt::format("{}: {}", ics.error().path == "/remind_before" ? "--remind" : file,
                                ics.error().message)};
            }
            output(vm, *ics);
        } else {
            output(vm, rehab::to_sessions_json(c, o));
        }
        return 0;
    }
    throw usage_error{fmt::format("unknown command \"{}\": expected new, import, log, today, "
                                  "report, move, switch, pause or export",
                                  command)};
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const usage_error& e) {
        fmt::print(stderr, "rehab-course: {}\n", e.message);
    } catch (const already_said&) {
        return 2;
    } catch (const std::exception& e) {
        fmt::print(stderr, "rehab-course: {}\n", e.what());
    }
    return 2;
}
