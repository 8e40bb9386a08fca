// rehab-course driven through three weeks of a patient's Alfredson course:
// pain-free days, a pain breach, a red flag and a clinician's clearance, a
// trip to another zone, a pause, and a switch to heavy slow resistance. After
// every step the course file the program wrote must equal the course the
// library's API builds from the same steps, and each `today` and `report`
// must say what the API says (the doses also as `rehab::prescribe`, the
// engine's own entry point, gives them while one protocol runs). Every bad
// command in between must exit 2 with one line on stderr and leave the file
// byte for byte as it was.
#include <rehab/rehab.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using boost::gregorian::date;
using boost::gregorian::days;
using json = nlohmann::json;
using namespace std::chrono_literals;

struct run_result {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string quoted(const std::string& arg) {
    std::string out = "'";
    for (const char c : arg) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

class CourseScript : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               fmt::format("rehab-course-script-{}", ::getpid());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        file_ = (dir_ / "p42.json").string();
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    run_result run(const std::vector<std::string>& args) const {
        std::string command = quoted(REHAB_COURSE_EXE);
        for (const auto& a : args) {
            command += " " + quoted(a);
        }
        const auto err_file = dir_ / "stderr";
        command += " 2> " + quoted(err_file.string());
        run_result r;
        FILE* pipe = ::popen(command.c_str(), "r");
        EXPECT_NE(pipe, nullptr);
        std::array<char, 4096> buffer{};
        for (std::size_t n = 0; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) {
            r.out.append(buffer.data(), n);
        }
        const int status = ::pclose(pipe);
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        r.err = read_all(err_file);
        return r;
    }

    /// Runs a command that must succeed.
    std::string ok(std::vector<std::string> args) const {
        const auto r = run(args);
        EXPECT_EQ(r.exit_code, 0) << fmt::format("{}", fmt::join(args, " ")) << "\n" << r.err;
        return r.out;
    }

    /// Runs a command that must be refused: exit 2, one line naming
    /// `expected`, the course file byte for byte as it was.
    void refused(std::vector<std::string> args, const std::string& expected) const {
        const std::string before = read_all(file_);
        const auto r = run(args);
        EXPECT_EQ(r.exit_code, 2) << fmt::format("{}", fmt::join(args, " "));
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        EXPECT_NE(r.err.find(expected), std::string::npos) << r.err;
        EXPECT_EQ(read_all(file_), before) << fmt::format("{}", fmt::join(args, " "));
    }

    /// The file the program wrote is the course the API built.
    void same_course(const rehab::course& api) const {
        const auto loaded = rehab::load_course_file(file_);
        ASSERT_TRUE(loaded.has_value()) << fmt::format("{}", loaded.error().front());
        EXPECT_EQ(*loaded, api);
        EXPECT_EQ(read_all(file_), rehab::to_json(api));
    }

    std::filesystem::path dir_;
    std::string file_;
};

const rehab::protocol& builtin(std::string_view id) {
    return rehab::find_builtin_protocol(id).value().get();
}

std::string instant(std::chrono::sys_seconds t) { return rehab::to_iso_instant(t); }

/// What `today --format json` says about one session, against the API's.
void same_session(const rehab::course& api, const json& printed,
                  const rehab::course_session& expected) {
    EXPECT_EQ(printed.at("id"), api.id(expected));
    EXPECT_EQ(printed.at("utc"), rehab::to_iso_instant(expected.utc));
    const auto& items = expected.prescription->items;
    ASSERT_EQ(printed.at("items").size(), items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const json& item = printed.at("items")[i];
        EXPECT_EQ(item.at("exercise"), items[i].exercise);
        EXPECT_EQ(item.at("dose"), fmt::format("{}", items[i].dose));
        if (items[i].load_kg) {
            EXPECT_EQ(item.at("load_kg").get<double>(), items[i].load_kg->value());
        } else {
            EXPECT_FALSE(item.contains("load_kg"));
        }
    }
    EXPECT_EQ(printed.at("breaches").size(), expected.prescription->breaches.size());
}

TEST_F(CourseScript, ThreeWeeksOfAPatient) {
    const date start(2026, 11, 30); // a Monday
    const rehab::protocol& alfredson = builtin("alfredson-eccentric");
    ok({"new", file_, "--protocol", "alfredson-eccentric", "--start", "2026-11-30", "--tz",
        "Europe/Copenhagen", "--id", "patient-0042", "--side", "right", "--weight", "71.5"});
    rehab::course api = rehab::course::start({.id = "patient-0042",
                                              .affected_side = rehab::body_side::right,
                                              .body_weight = rehab::kilograms{71.5}},
                                             alfredson, start, {.time_zone = "Europe/Copenhagen"})
                            .value();
    same_course(api);
    refused({"new", file_, "--protocol", "alfredson-eccentric", "--start", "2026-11-30"},
            "already exists");

    // Checks `today` at `at` against the API, and the doses against the
    // engine's `prescribe` while only the first protocol has run.
    const auto today = [&](std::chrono::sys_seconds at, bool check_engine) {
        const json printed =
            json::parse(ok({"today", file_, "--at", instant(at), "--format", "json"}));
        const auto due = api.due_at(at);
        const auto next = api.next_after(at);
        ASSERT_EQ(printed.at("due").size(), due ? 1U : 0U) << instant(at);
        ASSERT_EQ(printed.at("next").size(), next ? 1U : 0U) << instant(at);
        if (due) {
            same_session(api, printed.at("due")[0], *due);
        }
        if (next) {
            same_session(api, printed.at("next")[0], *next);
            if (check_engine) {
                const auto engine = rehab::prescribe(alfredson, start, api.patient().clinical(),
                                                     api.log(), next->key);
                ASSERT_TRUE(engine.has_value());
                EXPECT_EQ(engine->prescription.items, next->prescription->items) << instant(at);
                EXPECT_EQ(engine->prescription.referrals.size(), printed.at("referrals").size());
            }
        }
    };
    // Logs the session `api` says is next after `at`, through the program
    // and the API alike.
    const auto log =
        [&](std::chrono::sys_seconds at, int during, std::vector<std::string> extra,
            const std::function<void(rehab::session_log&)>& same) -> rehab::course_session {
        const auto s = api.next_after(at).value();
        std::vector<std::string> args{"log",
                                      file_,
                                      "--session",
                                      api.id(s),
                                      "--pain-during",
                                      std::to_string(during),
                                      "--pain-after",
                                      std::to_string(during),
                                      "--pain-next-morning",
                                      "0"};
        args.insert(args.end(), extra.begin(), extra.end());
        ok(args);
        rehab::session_log entry{.session = s.key,
                                 .pain_during = rehab::pain_score::make(during).value(),
                                 .pain_after = rehab::pain_score::make(during).value(),
                                 .pain_next_morning = rehab::pain_score{0}};
        if (same) {
            same(entry);
        }
        EXPECT_TRUE(api.record(entry));
        same_course(api);
        return s;
    };
    const auto morning = [&](int day) {
        return std::chrono::sys_days{rehab::to_sys_days(start + days(day))} + 5h;
    };

    // Week 1 and a day: pain-free, twice a day; the first load comes.
    for (int day = 0; day < 8; ++day) {
        today(morning(day), true);
        const auto first = log(morning(day), 0, {}, {});
        log(first.utc, 0, {}, {});
    }
    today(morning(8), true);
    EXPECT_TRUE(api.next_after(morning(8))->prescription->items[0].load_kg.has_value())
        << "a pain-free week adds load";

    // Day 8: pain 7/10 during. Alfredson accepts pain during the exercise
    // (no pain rule), but load is added only once it is pain-free again.
    const auto loaded = api.next_after(morning(8))->prescription->items[0].load_kg;
    const auto breach = log(morning(8), 7, {}, {});
    today(breach.utc + 1h, true);
    EXPECT_EQ(api.next_after(breach.utc)->prescription->items[0].load_kg, loaded);
    refused({"log", file_, "--session", api.id(breach), "--pain-during", "1"},
            "--session: "); // already logged: entries come in order
    refused({"log", file_, "--session", api.id(api.next_after(breach.utc).value()), "--pain-during",
             "11"},
            "--pain-during: must be between 0 and 10, got 11");
    refused({"log", file_, "--session", "alfredson-eccentric.v1.eccentric-loading.d8.s7"},
            "--session: ");
    refused({"log", file_, "--session", api.id(api.next_after(breach.utc).value()), "--item",
             "heel-drop:3x15"},
            "--item: ");
    refused({"log", file_, "--session", api.id(api.next_after(breach.utc).value()), "--item",
             "3 by 15"},
            "--item: expected EXERCISE:SETSxREPS");

    // Day 9: a snap felt: a stop-and-refer flag; day 10: a clinician clears it.
    const auto flagged =
        log(breach.utc, 2, {"--snap-or-pop"}, [](rehab::session_log& e) { e.snap_or_pop = true; });
    today(flagged.utc + 1h, true);
    EXPECT_FALSE(api.next_after(flagged.utc)->prescription->referrals.empty());
    const auto cleared =
        log(morning(10), 0, {"--cleared", "--measure", "visa_a=64"}, [](rehab::session_log& e) {
            e.clinician_cleared = true;
            e.measurements = {{rehab::measure::visa_a, 64.0}};
        });
    today(cleared.utc + 1h, true);
    EXPECT_TRUE(api.next_after(cleared.utc)->prescription->referrals.empty());

    // A trip: New York from day 12, sessions at 07:00 and 19:00 there.
    refused({"move", file_, "--from", "2026-12-05", "--tz", "America/New_York"},
            "--from: 2026-12-05 is not after the last session logged");
    refused({"move", file_, "--from", "2026-12-12", "--tz", "America/Nowhere"}, "--tz: ");
    refused({"move", file_, "--from", "2026-12-12", "--times", "07:00"},
            "--times: 07:00 gives 1 time a day, but no phase has 1 session a day");
    ok({"move", file_, "--from", "2026-12-12", "--tz", "America/New_York", "--times",
        "07:00,19:00"});
    ASSERT_TRUE(api.move(date(2026, 12, 12),
                         {.time_zone = "America/New_York",
                          .times = {.by_sessions_per_day = {
                                        {2, {rehab::clock_time{7h}, rehab::clock_time{19h}}}}}}));
    same_course(api);
    for (int day = 12; day < 14; ++day) {
        today(morning(day) + 6h, true);
        const auto first = log(morning(day) + 6h, 0, {}, {});
        log(first.utc, 0, {}, {});
    }

    // Ill for three days: nothing is due, nothing is missed.
    refused({"pause", file_, "--from", "2026-12-18", "--to", "2026-12-15"}, "--to: ");
    ok({"pause", file_, "--from", "2026-12-15", "--to", "2026-12-17"});
    ASSERT_TRUE(api.pause(date(2026, 12, 15), date(2026, 12, 17)));
    same_course(api);
    today(morning(15) + 12h, false);
    EXPECT_TRUE(api.on(date(2026, 12, 16)).empty());
    for (int day = 18; day < 21; ++day) {
        today(morning(day) + 6h, false);
        const auto first = log(morning(day) + 6h, 1, {}, {});
        log(first.utc, 1, {}, {});
    }

    // Three weeks in: on to heavy slow resistance.
    refused({"switch", file_, "--from", "2026-12-21", "--protocol", "hsr"},
            "--protocol: unknown protocol id");
    ok({"switch", file_, "--from", "2026-12-21", "--protocol", "hsr-achilles"});
    ASSERT_TRUE(api.switch_protocol(date(2026, 12, 21), builtin("hsr-achilles")));
    same_course(api);
    today(morning(21), false);
    const auto hsr = log(morning(21), 2, {}, {});
    EXPECT_EQ(api.id(hsr), "hsr-achilles.v1.heavy-slow-resistance.d21.s0");
    today(hsr.utc + 1h, false);
    // HSR monitors pain: 8/10 during breaks its limit, and the breach holds.
    const auto hurt = log(hsr.utc, 8, {}, {});
    today(hurt.utc + 1h, false);
    EXPECT_FALSE(api.next_after(hurt.utc)->prescription->breaches.empty());

    // The report: counts and reps as the API's adherence, and the trace.
    const auto as_of = morning(24);
    const json report = json::parse(ok({"report", file_, "--from", "2026-11-30", "--to",
                                        "2026-12-21", "--at", instant(as_of), "--format", "json"}));
    const auto expected = api.adherence(start, date(2026, 12, 21), as_of).value();
    EXPECT_EQ(report.at("sessions_due"), expected.due);
    EXPECT_EQ(report.at("sessions_done"), expected.done);
    EXPECT_EQ(report.at("sessions_partial"), expected.partial);
    EXPECT_EQ(report.at("sessions_missed"), expected.missed);
    EXPECT_EQ(report.at("reps").at("affected").at("done"), expected.affected.done);
    EXPECT_EQ(report.at("reps").at("affected").at("prescribed"), expected.affected.prescribed);
    const auto in_window = std::ranges::count_if(
        api.trace(), [](const rehab::trace_entry& e) { return e.at.day <= 21; });
    EXPECT_EQ(report.at("trace").size(), static_cast<std::size_t>(in_window));
    EXPECT_GT(in_window, 0);
    // Not logged: day 9 (2), day 10's evening, day 11 (2) and day 14 (2);
    // the pause's days count for nothing.
    EXPECT_EQ(expected.missed, 7);
    refused({"report", file_, "--to", "2026-11-01", "--at", instant(as_of)}, "--from: ");
    refused({"today", file_, "--at", "2026-12-40T00:00:00Z"}, "--at: ");
    refused({"export", file_, "--format", "xml"}, "--format: expected ics, json, html");

    // The exports carry the doses prescribed, with the patient in every UID.
    const std::string ics = ok({"export", file_, "--format", "ics", "--at", instant(as_of)});
    EXPECT_NE(ics.find("UID:alfredson-eccentric.v1.eccentric-loading.d0.s0.patient-0042@rehab"),
              std::string::npos);
    const json sessions =
        json::parse(ok({"export", file_, "--format", "json", "--at", instant(as_of)}));
    EXPECT_EQ(sessions.at("sessions")[0].at("state"), "done");
    // The handout is the library's page of the course the file holds, both
    // protocols described, the sessions logged marked.
    const std::string html = ok({"export", file_, "--format", "html", "--at", instant(as_of)});
    EXPECT_EQ(html, rehab::to_html(api, rehab::catalog::builtin(), {.as_of = as_of}).value());
    EXPECT_NE(html.find("<dt>Patient</dt><dd>patient-0042</dd>"), std::string::npos);
    EXPECT_NE(html.find("Heavy slow resistance"), std::string::npos);
    EXPECT_NE(html.find(R"(title="done">&#10003;)"), std::string::npos);
    // The FHIR Bundle is the library's of the same course, both protocols
    // followed, the pain logged as Observations; written to --output alike.
    const std::string fhir = ok({"export", file_, "--format", "fhir"});
    EXPECT_EQ(fhir, rehab::to_fhir(api, rehab::catalog::builtin()).value());
    const json bundle = json::parse(fhir);
    EXPECT_EQ(bundle.at("resourceType"), "Bundle");
    const json& care_plan = bundle.at("entry").at(1).at("resource");
    EXPECT_EQ(care_plan.at("resourceType"), "CarePlan");
    EXPECT_EQ(care_plan.at("instantiatesCanonical"),
              json::array({"https://rehab.example/fhir/PlanDefinition/alfredson-eccentric|1",
                           "https://rehab.example/fhir/PlanDefinition/hsr-achilles|1"}));
    EXPECT_NE(fhir.find("\"code\": \"72514-3\""), std::string::npos);
    const std::string bundle_file = (dir_ / "p42.fhir.json").string();
    ok({"export", file_, "--format", "fhir", "--output", bundle_file});
    EXPECT_EQ(read_all(bundle_file), fhir);
    refused({"export", file_, "--format", "fhir", "--at", instant(as_of), "--output", bundle_file},
            "--at: not for --format fhir");
    EXPECT_EQ(read_all(bundle_file), fhir);
    refused({"export", file_, "--format", "fhir", "--remind", "15"},
            "--remind: not for --format fhir");
    // The Bundle imports back into the same course file, byte for byte.
    const std::string copy = (dir_ / "copy.json").string();
    EXPECT_EQ(ok({"import", copy, "--fhir", bundle_file}),
              copy + ": the course of patient-0042 from " + rehab::to_iso_date(api.start_date()) +
                  ", " + std::to_string(api.log().size()) + " sessions logged\n");
    EXPECT_EQ(read_all(copy), read_all(file_));
    const run_result again = run({"import", copy, "--fhir", bundle_file});
    EXPECT_EQ(again.exit_code, 2);
    EXPECT_EQ(again.err, "rehab-course: " + copy + ": already exists; not replaced\n");
    // A Bundle that says more than the course holds is refused, each loss
    // named, unless --allow-loss.
    json more = bundle;
    more.at("entry").push_back({{"resource", {{"resourceType", "Condition"}}}});
    const std::string more_file = (dir_ / "more.fhir.json").string();
    std::ofstream(more_file) << more.dump(2);
    const std::string other = (dir_ / "other.json").string();
    const run_result lossy = run({"import", other, "--fhir", more_file});
    EXPECT_EQ(lossy.exit_code, 2);
    EXPECT_EQ(lossy.err,
              fmt::format("rehab-course: {0}: /entry/{1}: a Condition the course does not use: not "
                          "imported\nrehab-course: {0}: 1 element of the Bundle has no place in "
                          "the course, so the course file would not follow it; check it, or give "
                          "--allow-loss to import without it\n",
                          more_file, more.at("entry").size() - 1));
    EXPECT_FALSE(std::filesystem::exists(other));
    ok({"import", other, "--fhir", more_file, "--allow-loss"});
    EXPECT_EQ(read_all(other), read_all(file_));
}

// A protocol's FHIR Bundle (rehab-plan --format fhir) starts a course and
// switches one, as the built-in it was exported from; one that says more
// than a protocol holds is refused unless --allow-loss.
TEST_F(CourseScript, AProtocolBundleStartsAndSwitchesACourse) {
    const std::string alfredson = (dir_ / "alfredson.fhir.json").string();
    const std::string hsr = (dir_ / "hsr.fhir.json").string();
    std::ofstream(alfredson) << rehab::to_fhir(builtin("alfredson-eccentric")).value();
    json hsr_bundle = json::parse(rehab::to_fhir(builtin("hsr-achilles")).value());
    std::ofstream(hsr) << hsr_bundle.dump(2);
    ok({"new", file_, "--protocol-file", alfredson, "--start", "2026-12-01", "--id", "b-1"});
    rehab::course api =
        rehab::course::start({.id = "b-1"}, builtin("alfredson-eccentric"), date(2026, 12, 1))
            .value();
    same_course(api);
    hsr_bundle.at("entry").push_back({{"resource", {{"resourceType", "Condition"}}}});
    const std::string lossy = (dir_ / "hsr-more.fhir.json").string();
    std::ofstream(lossy) << hsr_bundle.dump(2);
    const std::string before = read_all(file_);
    const run_result r = run({"switch", file_, "--from", "2026-12-29", "--protocol-file", lossy});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("a Condition the protocol does not use"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("so the course would not follow it"), std::string::npos) << r.err;
    EXPECT_EQ(read_all(file_), before);
    ok({"switch", file_, "--from", "2026-12-29", "--protocol-file", hsr});
    ASSERT_TRUE(api.switch_protocol(date(2026, 12, 29), builtin("hsr-achilles")));
    same_course(api);
    refused({"log", file_, "--session", "x", "--allow-loss"}, "--allow-loss: applies to");
}

} // namespace

// A rupture course from the CLI: counted from the surgery, `today` names the
// boot and the weight-bearing, a clinician's confirmation is logged, and bad
// dates are refused naming the option.
TEST_F(CourseScript, ARuptureCourseCountsFromTheSurgery) {
    refused({"new", file_, "--protocol", "achilles-rupture-functional", "--start", "2026-11-03",
             "--surgery-date", "2026-11-04"},
            "--surgery-date: ");
    refused({"new", file_, "--protocol", "achilles-rupture-functional", "--start", "2026-11-03",
             "--surgery-date", "2026-02-30"},
            "--surgery-date");
    refused({"new", file_, "--protocol", "rupture-stretch-balance", "--start", "2026-11-03",
             "--injury-date", "2026-10-20"},
            "--start: ");
    EXPECT_FALSE(std::filesystem::exists(file_));
    ok({"new", file_, "--protocol", "achilles-rupture-functional", "--start", "2026-11-03",
        "--surgery-date", "2026-10-20", "--tz", "Europe/Copenhagen", "--id", "p-9"});
    rehab::course api = rehab::course::start({.id = "p-9", .surgery_date = date(2026, 10, 20)},
                                             builtin("achilles-rupture-functional"),
                                             date(2026, 11, 3), {.time_zone = "Europe/Copenhagen"})
                            .value();
    same_course(api);
    // Its FHIR Bundle, with the doNotPerform restrictions of the boot phase.
    const std::string fhir = ok({"export", file_, "--format", "fhir"});
    EXPECT_EQ(fhir, rehab::to_fhir(api, rehab::catalog::builtin()).value());
    EXPECT_NE(fhir.find("\"doNotPerform\": true"), std::string::npos);
    const std::string text = ok({"today", file_, "--at", "2026-11-03T06:00:00Z"});
    EXPECT_NE(text.find("Orthosis: walking boot with a 2 cm heel lift"), std::string::npos) << text;
    EXPECT_NE(text.find("limited weight-bearing, two crutches"), std::string::npos) << text;
    const json printed =
        json::parse(ok({"today", file_, "--at", "2026-11-03T06:00:00Z", "--format", "json"}));
    const json& next = printed.at("next").at(0);
    EXPECT_EQ(next.at("phase"), "boot-protected");
    EXPECT_EQ(next.at("restrictions").at("weight_bearing").at("affected"), "limited");
    EXPECT_EQ(next.at("restrictions").at("orthosis").at("heel_lift_cm"), 2.0);
    const rehab::course_session first =
        api.next_after(rehab::parse_instant("2026-11-03T06:00:00Z").value()).value();
    ok({"log", file_, "--session", api.id(first), "--pain-during", "1", "--confirmed"});
    ASSERT_TRUE(api.record({.session = first.key,
                            .pain_during = rehab::pain_score{1},
                            .clinician_confirmed = true})
                    .has_value());
    same_course(api);
}
