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

} // namespace
