#include <rehab/protocol_file.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <rehab/protocols.hpp>

// The shipped examples and the broken files live in the source tree. With
// REHAB_UPDATE_PROTOCOL_FILES=1 in the environment, the tests that compare
// against them write them instead (then review the diff).
#ifndef REHAB_SOURCE_DIR
#error "REHAB_SOURCE_DIR must name the source tree"
#endif

namespace {

namespace fs = std::filesystem;

const fs::path source_dir{REHAB_SOURCE_DIR};

bool updating() {
    const char* flag = std::getenv("REHAB_UPDATE_PROTOCOL_FILES"); // NOLINT(concurrency-mt-unsafe)
    return flag != nullptr && std::string_view(flag) == "1";
}

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
}

/// Every error as it prints, one per line.
std::string lines(const rehab::error_list& errors) {
    std::string text;
    for (const auto& e : errors) {
        text += fmt::format("{}\n", e);
    }
    return text;
}

/// The errors of loading `json`, or "loaded" when it loads.
std::string errors_of(std::string_view json, const rehab::load_limits& limits = {}) {
    const auto p = rehab::load_protocol(json, rehab::catalog::builtin(), limits);
    return p ? std::string("loaded\n") : lines(p.error());
}

/// A small valid protocol, for tests that change one thing in it.
std::string minimal(std::string_view phase_extra = "",
                    std::string_view dose = R"("sets": 3, "reps": 15, "side": "each")",
                    std::string_view frequency = R"("sessions_per_day": 1)",
                    std::string_view top_extra = "") {
    return fmt::format(R"({{
  "id": "mini",
  "version": 1,
  "name": "Mini"{},
  "phases": [
    {{
      "id": "only",
      "name": "Only",
      "min_duration_days": 7{},
      "frequency": {{{}}},
      "prescriptions": [
        {{"exercise": "two-leg-heel-raise", "dose": {{{}}}}}
      ]
    }}
  ]
}}
)",
                       top_extra, phase_extra, frequency, dose);
}

// --- round trip and shipped files ------------------------------------------------------

TEST(ProtocolFileTest, EveryBuiltinRoundTripsExactly) {
    for (const auto& p : rehab::builtin_protocols()) {
        const std::string saved = rehab::to_json(p);
        const auto loaded = rehab::load_protocol(saved);
        ASSERT_TRUE(loaded.has_value()) << p.id << ":\n" << lines(loaded.error());
        EXPECT_EQ(*loaded, p) << p.id;
        EXPECT_EQ(rehab::to_json(*loaded), saved) << p.id;
    }
}

TEST(ProtocolFileTest, ShippedExamplesAreTheBuiltinsSavedByTheLibrary) {
    for (const auto& p : rehab::builtin_protocols()) {
        const fs::path file = source_dir / "examples" / "protocols" / (p.id + ".json");
        if (updating()) {
            write(file, rehab::to_json(p));
        }
        EXPECT_EQ(read(file), rehab::to_json(p))
            << file << " differs from to_json(" << p.id
            << "): rerun with REHAB_UPDATE_PROTOCOL_FILES=1 and review the diff";
        const auto loaded = rehab::load_protocol_file(file);
        ASSERT_TRUE(loaded.has_value()) << lines(loaded.error());
        EXPECT_EQ(*loaded, p);
    }
}

TEST(ProtocolFileTest, ShippedCatalogIsTheBuiltinCatalogSavedByTheLibrary) {
    const fs::path file = source_dir / "examples" / "catalog" / "builtin-exercises.json";
    const std::string saved = rehab::to_json(rehab::catalog::builtin());
    if (updating()) {
        write(file, saved);
    }
    EXPECT_EQ(read(file), saved);
    const auto loaded = rehab::load_catalog_file(file);
    ASSERT_TRUE(loaded.has_value()) << lines(loaded.error());
    ASSERT_EQ(loaded->size(), rehab::catalog::builtin().size());
    EXPECT_TRUE(std::equal(loaded->exercises().begin(), loaded->exercises().end(),
                           rehab::catalog::builtin().exercises().begin()));
}

TEST(ProtocolFileTest, ExampleFilesExistOnlyForBuiltins) {
    for (const auto& entry : fs::directory_iterator(source_dir / "examples" / "protocols")) {
        EXPECT_TRUE(rehab::find_builtin_protocol(entry.path().stem().string()).has_value())
            << entry.path() << " is not a built-in protocol's file";
    }
}

// Each broken file has a .errors file beside it with the exact error lines.
TEST(ProtocolFileTest, BrokenFilesGiveExactlyTheExpectedErrors) {
    int files = 0;
    for (const auto& entry :
         fs::directory_iterator(source_dir / "tests" / "protocol_files" / "broken")) {
        if (entry.path().extension() != ".json") {
            continue;
        }
        ++files;
        const fs::path expected = fs::path(entry.path()).replace_extension(".errors");
        const auto loaded = rehab::load_protocol_file(entry.path());
        ASSERT_FALSE(loaded.has_value()) << entry.path() << " loads, but it is a broken file";
        if (updating()) {
            write(expected, lines(loaded.error()));
        }
        EXPECT_EQ(lines(loaded.error()), read(expected)) << entry.path();
    }
    EXPECT_GE(files, 10);
}

TEST(ProtocolFileTest, ReportsTenMistakesInOneFile) {
    const auto loaded = rehab::load_protocol_file(source_dir / "tests" / "protocol_files" /
                                                  "broken" / "schema-ten-mistakes.json");
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(loaded.error().size(), 10U) << lines(loaded.error());
    // Every one with its pointer and its place in the file.
    for (const auto& e : loaded.error()) {
        EXPECT_FALSE(e.path.empty()) << fmt::format("{}", e);
        EXPECT_TRUE(e.line.has_value() && e.column.has_value()) << fmt::format("{}", e);
    }
}

// --- syntax ----------------------------------------------------------------------------

TEST(ProtocolFileTest, SyntaxErrorHasLineAndColumn) {
    const auto loaded = rehab::load_protocol("{\n  \"id\": \"x\",\n  \"name\" \"y\"\n}");
    ASSERT_FALSE(loaded.has_value());
    ASSERT_EQ(loaded.error().size(), 1U);
    const auto& e = loaded.error().front();
    EXPECT_EQ(e.code, rehab::errc::parse_error);
    EXPECT_EQ(e.path, "");
    EXPECT_EQ(e.line, 3U);
    EXPECT_EQ(e.column, 12U); // the last character read: the end of "y"
    EXPECT_EQ(fmt::format("{}", e),
              "syntax error while parsing object separator - unexpected string literal; "
              "expected ':' (line 3, column 12)");
}

TEST(ProtocolFileTest, EmptyTextIsASyntaxError) {
    EXPECT_EQ(errors_of(""), "syntax error while parsing value - unexpected end of input; "
                             "expected '[', '{', or a literal (line 1, column 1)\n");
}

TEST(ProtocolFileTest, ColumnsCountCharactersNotBytes) {
    const auto loaded = rehab::load_protocol("{\"name\": \"Åsa\", x}");
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(loaded.error().front().column, 17U);
}

TEST(ProtocolFileTest, MissingFileIsAnIoErrorNamingThePath) {
    const auto loaded = rehab::load_protocol_file("/nonexistent/protocol.json");
    ASSERT_FALSE(loaded.has_value());
    ASSERT_EQ(loaded.error().size(), 1U);
    EXPECT_EQ(loaded.error().front().code, rehab::errc::io_error);
    EXPECT_EQ(fmt::format("{}", loaded.error().front()),
              "cannot read \"/nonexistent/protocol.json\"");
}

// --- shape -----------------------------------------------------------------------------

TEST(ProtocolFileTest, MinimalProtocolLoads) {
    const auto loaded = rehab::load_protocol(minimal());
    ASSERT_TRUE(loaded.has_value()) << lines(loaded.error());
    EXPECT_EQ(loaded->id, "mini");
    EXPECT_EQ(loaded->min_session_gap, std::chrono::minutes{180});
    EXPECT_EQ(fmt::format("{}", loaded->phases.at(0).prescriptions.at(0)),
              "two-leg-heel-raise: 3 x 15 reps, each side");
}

TEST(ProtocolFileTest, UnknownFieldSuggestsTheClosestKnownOne) {
    EXPECT_EQ(errors_of(minimal(R"(, "frequncy": {})")),
              "/phases/0/frequncy: unknown field; did you mean \"frequency\"? (line 9, column "
              "31)\n");
}

// The loader spells out a field's path only when it reports an error there;
// these pin the paths of errors deep in the file and of keys that need escaping.
TEST(ProtocolFileTest, ErrorsDeepInTheFileHaveTheirFullPaths) {
    EXPECT_EQ(errors_of(minimal("", R"("sets": 3, "reps": 15, "side": "each", "se/t~s": 1)")),
              "/phases/0/prescriptions/0/dose/se~1t~0s: unknown field; did you mean \"sets\"? "
              "(line 12, column 92)\n");
    EXPECT_EQ(errors_of(minimal("", R"("sets": 3, "reps": 15, "side": "each")",
                                R"("sessions_per_day": 1, "times": ["8:00"])")),
              "/phases/0/frequency/times/0: expected a time as HH:MM between 00:00 and 23:59, got "
              "\"8:00\" (line 10, column 54)\n");
    EXPECT_EQ(
        errors_of(minimal(
            R"(, "rules": [{"type": "week_table", "id": "w", "rows": [{"first_week": 1, "last_week": 2, "sets": 3, "reps": 15, "rm": false, "rm": true}]}])")),
        "/phases/0/rules/0/rows/0/rm: duplicate field: given again at line 9, column 154; a "
        "reader would keep only one of them (line 9, column 141)\n");
}

TEST(ProtocolFileTest, IntegerWrittenAsWholeFloatIsAnInteger) {
    const auto loaded =
        rehab::load_protocol(minimal("", R"("sets": 3.0, "reps": 15, "side": "each")"));
    ASSERT_TRUE(loaded.has_value()) << lines(loaded.error());
    EXPECT_EQ(loaded->phases[0].prescriptions[0].dose.sets(), rehab::sets{3});
}

TEST(ProtocolFileTest, WrongTypesAreNamed) {
    EXPECT_EQ(errors_of(minimal("", R"("sets": "3", "reps": 1.5, "side": true)")),
              "/phases/0/prescriptions/0/dose/sets: must be an integer, got \"3\" (line 12, "
              "column 53)\n"
              "/phases/0/prescriptions/0/dose/reps: must be an integer, got 1.5 (line 12, column "
              "66)\n"
              "/phases/0/prescriptions/0/dose/side: must be one of \"each\", \"affected_only\" or "
              "\"together\", got true (line 12, column 79)\n");
}

TEST(ProtocolFileTest, DuplicateKeysAreRefused) {
    EXPECT_EQ(errors_of(minimal("", R"("sets": 3, "reps": 15, "side": "each", "sets": 4)")),
              "/phases/0/prescriptions/0/dose/sets: duplicate field: given again at line 12, "
              "column 92; a reader would keep only one of them (line 12, column 53)\n");
}

TEST(ProtocolFileTest, OneKindOfWorkAndOneLoad) {
    EXPECT_EQ(
        errors_of(minimal(
            "",
            R"("sets": 3, "reps": 15, "hold_seconds": 30, "side": "each", "load_kg": 5, "load_rm": 15)")),
        "/phases/0/prescriptions/0/dose/hold_seconds: cannot be given with \"reps\": a dose has "
        "one kind of work (line 12, column 76)\n"
        "/phases/0/prescriptions/0/dose/load_rm: cannot be given with \"load_kg\": a dose has one "
        "load (line 12, column 126)\n");
}

TEST(ProtocolFileTest, SchemaKeyIsAllowedAndIgnored) {
    EXPECT_EQ(errors_of(minimal("", R"("sets": 3, "reps": 15, "side": "each")",
                                R"("sessions_per_day": 1)",
                                R"(, "$schema": "../../share/rehab/protocol.schema.json")")),
              "loaded\n");
}

// --- semantic checks -------------------------------------------------------------------

TEST(ProtocolFileTest, SessionTimesCloserThanTheMinimumGapAreRefused) {
    EXPECT_EQ(errors_of(minimal("", R"("sets": 3, "reps": 15, "side": "each")",
                                R"("sessions_per_day": 2, "times": ["08:00", "09:30"])")),
              "/phases/0/frequency/times/1: must be at least 180 min after the time before it "
              "(08:00), got 09:30 (min_session_gap_minutes) (line 10, column 63)\n");
    EXPECT_EQ(errors_of(minimal("", R"("sets": 3, "reps": 15, "side": "each")",
                                R"("sessions_per_day": 2, "times": ["08:00", "09:30"])",
                                R"(, "min_session_gap_minutes": 60)")),
              "loaded\n");
}

TEST(ProtocolFileTest, DailyRepsAboveThePlausibilityLimitAreRefused) {
    const std::string text =
        minimal("", R"("sets": 10, "reps": 20, "side": "each")", R"("sessions_per_day": 1)");
    EXPECT_EQ(errors_of(text),
              "/phases/0/prescriptions: up to 400 repetitions a day (400 a session x 1), above "
              "the plausibility limit of 360 a day; check sets, reps and sessions_per_day (line "
              "11, column 7)\n");
    EXPECT_EQ(errors_of(text, rehab::load_limits{.daily_reps = rehab::reps{400}}), "loaded\n");
}

TEST(ProtocolFileTest, UnreachableCriteriaAreRefused) {
    EXPECT_EQ(
        errors_of(minimal(
            R"(, "max_duration_days": 7, "exit": [{"type": "measurement_at_least", "measure": "visa_a", "value": 120}, {"type": "sessions_completed", "count": 8}])")),
        "/phases/0/exit/0/value: must be <= 100 (the highest VISA-A score), got 120: the "
        "criterion could never be met (line 9, column 118)\n"
        "/phases/0/exit/1/count: must be <= 7, the most sessions the phase holds in its maximum "
        "of 7 days, got 8: the criterion could never be met (line 9, column 164)\n");
}

TEST(ProtocolFileTest, CustomCatalogSuppliesTheExercises) {
    const std::string text = R"({"id": "own", "version": 1, "name": "Own", "phases": [{"id": "p",
        "name": "P", "min_duration_days": 1, "frequency": {"sessions_per_day": 1},
        "prescriptions": [{"exercise": "my-squat", "dose": {"sets": 1, "reps": 5, "side": "together"}}]}]})";
    EXPECT_FALSE(rehab::load_protocol(text).has_value());
    rehab::catalog mine;
    ASSERT_TRUE(mine.add({.id = "my-squat", .name = "My squat", .steps = {"Squat."}}).has_value());
    EXPECT_TRUE(rehab::load_protocol(text, mine).has_value());
}

// --- exercises and catalogs -----------------------------------------------------------

TEST(ProtocolFileTest, EveryBuiltinExerciseRoundTrips) {
    for (const auto& e : rehab::catalog::builtin().exercises()) {
        const auto loaded = rehab::load_exercise(rehab::to_json(e));
        ASSERT_TRUE(loaded.has_value()) << e.id << ":\n" << lines(loaded.error());
        EXPECT_EQ(*loaded, e);
    }
}

TEST(ProtocolFileTest, ExerciseErrorsAreAllReported) {
    const auto loaded = rehab::load_exercise(
        R"({"id": "Bad Id", "name": " ", "kind": "strech", "steps": [], "equipment": ["chair"]})");
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(lines(loaded.error()),
              "/id: must be kebab-case (lower-case letters and digits joined by single hyphens), "
              "got \"Bad Id\" (line 1, column 2)\n"
              "/name: must not be empty (line 1, column 18)\n"
              "/kind: must be one of \"stretch\", \"eccentric\", \"concentric_eccentric\", "
              "\"isometric\", \"balance\", \"mobility\" or \"plyometric\", got \"strech\" (line 1, "
              "column 31)\n"
              "/steps: must list at least one step (line 1, column 49)\n"
              "/equipment/0: must be one of \"step\", \"wall\", \"band\", \"towel_or_strap\", "
              "\"chair_or_counter\", \"backpack\", \"weight_machine\", \"barbell\" or "
              "\"raised_surface\", got \"chair\" (line 1, column 76)\n");
}

TEST(ProtocolFileTest, CatalogRefusesControlCharactersWhereTheyAre) {
    // JSON can carry any control character escaped; the loader names the
    // field and its line, and loads nothing.
    const auto loaded = rehab::load_catalog(
        R"({"exercises": [{"id": "a", "name": "A\u0000", "kind": "stretch",
                           "steps": ["Go.", "Then\u001bstop."]}]})");
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(lines(loaded.error()),
              "/exercises/0/name: contains the control character U+0000 at byte 1; text is "
              "printable, on one line (line 1, column 28)\n"
              "/exercises/0/steps/1: contains the control character U+001B at byte 4; text is "
              "printable, on one line (line 2, column 45)\n");
}

TEST(ProtocolFileTest, CatalogRefusesDuplicateIds) {
    const auto loaded = rehab::load_catalog(
        R"({"exercises": [{"id": "a", "name": "A", "kind": "stretch", "steps": ["Go."]},
                          {"id": "a", "name": "A2", "kind": "stretch", "steps": ["Go."]}]})");
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(lines(loaded.error()),
              "/exercises/1/id: exercise id \"a\" is already in the catalog (line 2, column 28)\n");
}

// --- restrictions, time basis, earliest start and exercise needs -----------------------

/// A catalog of three exercises that need more and more of the leg.
rehab::catalog rupture_catalog() {
    using namespace rehab;
    catalog c;
    const auto add = [&](std::string id, exercise_needs needs) {
        EXPECT_TRUE(c.add({.id = id, .name = id, .steps = {"Do it."}, .needs = needs}).has_value());
    };
    add("ankle-pumps", {});
    add("two-leg-raise", {.weight_bearing = weight_bearing::as_tolerated,
                          .dorsiflexion = dorsiflexion_reach::to_neutral});
    add("calf-stretch", {.weight_bearing = weight_bearing::full,
                         .single_leg_stance = true,
                         .dorsiflexion = dorsiflexion_reach::beyond_neutral,
                         .passive_stretch = true});
    return c;
}

rehab::prescription item(std::string exercise) {
    return {.exercise = std::move(exercise),
            .dose = rehab::dose::make({.sets = rehab::sets{2},
                                       .work = rehab::repetitions{.reps = rehab::reps{10}}})
                        .value()};
}

/// Every kind of restriction: each orthosis setting (none, wedges, a heel
/// lift, a range), weight-bearing with and without aids, limits with and
/// without degrees, activities; counted from surgery with an earliest start.
rehab::protocol restricted_protocol() {
    using namespace rehab;
    using std::chrono::days;
    phase boot{.id = "boot",
               .name = "Boot with wedges",
               .min_duration = days{14},
               .exit = {clinician_confirmation{"the wound has healed"}},
               .prescriptions = {item("ankle-pumps")},
               .restrictions = {
                   .orthosis = orthosis{.type = orthosis_type::walking_boot,
                                        .setting = heel_wedges{3},
                                        .worn = orthosis_wear::at_all_times,
                                        .off_for_washing_and_dressing = true,
                                        .off_for_exercise = true,
                                        .source = "Barfod 2016"},
                   .weight_bearing = weight_bearing_status{.affected = weight_bearing::limited,
                                                           .aids = walking_aids::two_crutches,
                                                           .source = "BOAST"},
                   .rom_limits = {{.motion = ankle_motion::dorsiflexion,
                                   .mode = motion_mode::active,
                                   .max_degrees = std::nullopt,
                                   .source = "Barfod 2016"},
                                  {.motion = ankle_motion::dorsiflexion,
                                   .mode = motion_mode::passive,
                                   .max_degrees = -10,
                                   .source = ""}},
                   .not_allowed = {{.id = "running", .note = "from week 14", .source = "Barfod"},
                                   {.id = "one_leg_cycling"}},
                   .allowed = {{.id = "swimming_pull_buoy", .note = "", .source = "s"}}}};
    phase lift{.id = "heel-lift",
               .name = "Heel lift",
               .min_duration = days{14},
               .entry = {time_since_day_zero{days{28}}},
               .prescriptions = {item("ankle-pumps"), item("two-leg-raise")},
               .restrictions = {.orthosis = orthosis{.type = orthosis_type::walking_boot,
                                                     .setting = heel_lift{1.5},
                                                     .worn = orthosis_wear::when_walking},
                                .weight_bearing = weight_bearing_status{
                                    .affected = weight_bearing::as_tolerated}}};
    phase hinged{.id = "hinged",
                 .name = "Hinged boot",
                 .min_duration = days{14},
                 .prescriptions = {item("two-leg-raise")},
                 .restrictions = {.orthosis = orthosis{.type = orthosis_type::walking_boot,
                                                       .setting = plantarflexion_range{0, 30},
                                                       .worn = orthosis_wear::weaning},
                                  .rom_limits = {{.motion = ankle_motion::plantarflexion,
                                                  .mode = motion_mode::active,
                                                  .max_degrees = 30}}}};
    phase free{.id = "free",
               .name = "Free",
               .min_duration = days{28},
               .prescriptions = {item("calf-stretch")},
               .restrictions = {.orthosis = orthosis{.type = orthosis_type::none,
                                                     .worn = orthosis_wear::at_night},
                                .weight_bearing = weight_bearing_status{
                                    .affected = weight_bearing::full, .aids = walking_aids::none}}};
    phase last{.id = "last", .name = "No restrictions", .prescriptions = {item("calf-stretch")}};
    return {
        .id = "rupture-test",
        .version = 3,
        .name = "Rupture test",
        .condition = "Achilles tendon rupture",
        .source = "hand-written",
        .phases = {boot, lift, hinged, free, last},
        .counted_from = time_basis::surgery,
        .earliest_start = earliest_start{
            .after_day_zero = days{14},
            .until_then = {.orthosis = orthosis{.type = orthosis_type::splint_or_cast,
                                                .source = "Willits 2010"},
                           .weight_bearing = weight_bearing_status{.affected = weight_bearing::non,
                                                                   .aids = walking_aids::as_needed},
                           .not_allowed = {{.id = "driving"}}},
            .source = "Willits 2010"}};
}

TEST(ProtocolFileTest, RestrictionsTimeBasisAndEarliestStartRoundTripExactly) {
    const rehab::catalog mine = rupture_catalog();
    const rehab::protocol p = restricted_protocol();
    ASSERT_EQ(lines(rehab::validate(p, mine)), "");
    const std::string saved = rehab::to_json(p);
    const auto loaded = rehab::load_protocol(saved, mine);
    ASSERT_TRUE(loaded.has_value()) << lines(loaded.error());
    EXPECT_EQ(*loaded, p);
    EXPECT_EQ(rehab::to_json(*loaded), saved);
    for (const auto* text :
         {R"("counted_from": "surgery")", R"("after_days": 14)", R"("wedges": 3)",
          R"("heel_lift_cm": 1.5)", R"("max_degrees": null)", R"("max_degrees": -10)",
          R"("aids": null)", R"("aids": "two_crutches")", R"("type": "splint_or_cast")",
          R"("worn": "weaning")", R"("off_for_washing_and_dressing": true)",
          R"("off_for_exercise": true)", R"("id": "one_leg_cycling")",
          R"("type": "clinician_confirmation")", R"("type": "time_since_day_zero")"}) {
        EXPECT_NE(saved.find(text), std::string::npos) << text;
    }
    // A phase without restrictions writes none; a protocol counted from its
    // start says so, and has no earliest start.
    const auto last = saved.find(R"("id": "last")");
    ASSERT_NE(last, std::string::npos);
    EXPECT_EQ(saved.find(R"("restrictions")", last), std::string::npos);
    rehab::protocol plain = p;
    plain.counted_from = rehab::time_basis::start;
    plain.earliest_start.reset();
    const std::string plain_saved = rehab::to_json(plain);
    EXPECT_NE(plain_saved.find(R"("counted_from": "start")"), std::string::npos);
    EXPECT_EQ(plain_saved.find("earliest_start"), std::string::npos);
    EXPECT_EQ(rehab::load_protocol(plain_saved, mine).value(), plain);
}

TEST(ProtocolFileTest, AbsentTimeBasisAndRestrictionsReadAsTheDefaults) {
    const auto loaded = rehab::load_protocol(minimal());
    ASSERT_TRUE(loaded.has_value()) << lines(loaded.error());
    EXPECT_EQ(loaded->counted_from, rehab::time_basis::start);
    EXPECT_FALSE(loaded->earliest_start.has_value());
    EXPECT_TRUE(loaded->phases[0].restrictions.empty());
}

TEST(ProtocolFileTest, RestrictionErrorsAreLocatedWhereValidatePutsThem) {
    const auto with = [](std::string_view restrictions) {
        return errors_of(minimal(fmt::format(R"(, "restrictions": {})", restrictions)));
    };
    EXPECT_EQ(with(R"({"orthosis": {"type": "walking_boot", "wedges": 3, "heel_lift_cm": 2}})"),
              "/phases/0/restrictions/orthosis/heel_lift_cm: cannot be given with \"wedges\": an "
              "orthosis has one setting (line 9, column 98)\n");
    EXPECT_EQ(
        with(R"({"orthosis": {"type": "walking_boot", "wedges": 11, "worn": "when_walking"}})"),
        "/phases/0/restrictions/orthosis/wedges: must be 0-10, got 11 (line 9, column "
        "85)\n");
    EXPECT_EQ(with(R"({"orthosis": {"type": "walking_boot", "plantarflexion_degrees": [30]}})"),
              "/phases/0/restrictions/orthosis/plantarflexion_degrees: must be two degrees of "
              "plantarflexion, lowest first ([20, 30]), got 1 value (line 9, column 85)\n");
    EXPECT_EQ(
        with(R"({"orthosis": {"type": "walking_boot", "plantarflexion_degrees": [30, "0"]}})"),
        "/phases/0/restrictions/orthosis/plantarflexion_degrees/1: must be an integer, got "
        "\"0\" (line 9, column 116)\n");
    EXPECT_EQ(
        with(
            R"({"orthosis": {"type": "walking_boot", "plantarflexion_degrees": [30, 0], "off_for_exercise": true}})"),
        "/phases/0/restrictions/orthosis/plantarflexion_degrees: must be a range within "
        "0-90 degrees, lowest first, got 30-0 (line 9, column 85)\n");
    EXPECT_EQ(
        with(
            R"({"rom_limits": [{"motion": "dorsiflexion", "mode": "active", "max_degrees": 120}]})"),
        "/phases/0/restrictions/rom_limits/0/max_degrees: must be -90 to 90 degrees, got 120 "
        "(line 9, column 108)\n");
    EXPECT_EQ(with(R"({"rom_limits": [{"motion": "dorsiflexion", "mode": "active"}]})"),
              "/phases/0/restrictions/rom_limits/0/max_degrees: required field is missing "
              "(line 9, column 63)\n");
    EXPECT_EQ(with(R"({"weight_bearing": {"affected": "partial", "aids": "cane"}})"),
              "/phases/0/restrictions/weight_bearing/affected: must be one of \"non\", "
              "\"limited\", \"as_tolerated\" or \"full\", got \"partial\" (line 9, column 67)\n"
              "/phases/0/restrictions/weight_bearing/aids: must be one of \"two_crutches\", "
              "\"one_crutch\", \"none\" or \"as_needed\", got \"cane\" (line 9, column 90)\n");
    EXPECT_EQ(with(R"({"not_allowed": [{"id": "Running"}], "allowed": [{"id": "running"}]})"),
              "/phases/0/restrictions/not_allowed/0/id: must be snake_case (letters and digits "
              "joined by single underscores), got \"Running\" (line 9, column 65)\n");
    EXPECT_EQ(with(R"({"not_allowed": [{"id": "running"}], "allowed": [{"id": "running"}]})"),
              "/phases/0/restrictions/allowed/0/id: \"running\" is listed twice (line 9, column "
              "97)\n");
    EXPECT_EQ(with(R"({"orthosis": {"type": "walking_boot", "heel_lift": 2}})"),
              "/phases/0/restrictions/orthosis/heel_lift: unknown field; did you mean "
              "\"heel_lift_cm\"? (line 9, column 85)\n");
}

TEST(ProtocolFileTest, TimeBasisAndEarliestStartErrorsAreLocated) {
    const auto top = [](std::string_view extra) {
        return errors_of(minimal("", R"("sets": 3, "reps": 15, "side": "each")",
                                 R"("sessions_per_day": 1)", extra));
    };
    EXPECT_EQ(top(R"(, "counted_from": "birth")"),
              "/counted_from: must be one of \"start\", \"injury\" or \"surgery\", got \"birth\" "
              "(line 4, column 19)\n");
    EXPECT_EQ(top(R"(, "earliest_start": {"after_days": -1})"),
              "/earliest_start/after_days: must be >= 0, got -1 (line 4, column 38)\n");
    EXPECT_EQ(top(R"(, "earliest_start": {"source": "x"})"),
              "/earliest_start/after_days: required field is missing (line 4, column 19)\n");
    EXPECT_EQ(
        top(R"(, "earliest_start": {"after_days": 14, "until_then": {"rom_limits": [{"motion": "dorsiflexion", "mode": "passive", "max_degrees": -91}]}})"),
        "/earliest_start/until_then/rom_limits/0/max_degrees: must be -90 to 90 degrees, got "
        "-91 (line 4, column 132)\n");
}

TEST(ProtocolFileTest, APrescriptionTheRestrictionsForbidIsRefused) {
    const std::string text = R"({"id": "r", "version": 1, "name": "R", "phases": [{"id": "p",
        "name": "P", "min_duration_days": 7, "frequency": {"sessions_per_day": 1},
        "restrictions": {"weight_bearing": {"affected": "limited", "source": "BOAST"}},
        "prescriptions": [{"exercise": "two-leg-raise", "dose": {"sets": 1, "reps": 5, "side": "each"}}]}]})";
    const auto loaded = rehab::load_protocol(text, rupture_catalog());
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(lines(loaded.error()),
              "/phases/0/prescriptions/0/exercise: \"two-leg-raise\" is not allowed in this "
              "phase: it needs weight-bearing as tolerated on the affected leg; this phase "
              "allows limited weight-bearing (BOAST) (line 4, column 28)\n");
}

TEST(ProtocolFileTest, ExerciseNeedsRoundTripAndAreChecked) {
    const rehab::catalog mine = rupture_catalog();
    for (const auto& e : mine.exercises()) {
        const std::string saved = rehab::to_json(e);
        EXPECT_NE(saved.find(R"("needs": {)"), std::string::npos);
        const auto loaded = rehab::load_exercise(saved);
        ASSERT_TRUE(loaded.has_value()) << e.id << ":\n" << lines(loaded.error());
        EXPECT_EQ(*loaded, e);
        EXPECT_EQ(rehab::to_json(*loaded), saved);
    }
    const auto again = rehab::load_catalog(rehab::to_json(mine));
    ASSERT_TRUE(again.has_value()) << lines(again.error());
    EXPECT_TRUE(std::equal(again->exercises().begin(), again->exercises().end(),
                           mine.exercises().begin(), mine.exercises().end()));
    // Absent: needs nothing.
    const auto plain =
        rehab::load_exercise(R"({"id": "a", "name": "A", "kind": "stretch", "steps": ["Go."]})");
    ASSERT_TRUE(plain.has_value()) << lines(plain.error());
    EXPECT_EQ(plain->needs, rehab::exercise_needs{});
    const auto bad = rehab::load_exercise(
        R"({"id": "a", "name": "A", "kind": "stretch", "steps": ["Go."], "needs": {"dorsiflexion": "past_neutral", "passive": true}})");
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(lines(bad.error()),
              "/needs/dorsiflexion: must be one of \"none\", \"to_neutral\" or "
              "\"beyond_neutral\", got \"past_neutral\" (line 1, column 73)\n"
              "/needs/passive: unknown field; did you mean \"passive_stretch\"? (line 1, column "
              "105)\n");
}

} // namespace
