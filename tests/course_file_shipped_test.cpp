// The course files in the source tree: the shipped example is exactly what
// rehab::to_json writes for the course it holds, and each broken file gives
// exactly the errors listed beside it. (tests/schema runs ajv on the same
// files.)
#include <rehab/course_file.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

// With REHAB_UPDATE_COURSE_FILES=1 in the environment, the broken files'
// .errors, and the shipped example as to_json writes the course it holds, are
// written instead of compared (then review the diff).
#ifndef REHAB_SOURCE_DIR
#error "REHAB_SOURCE_DIR must name the source tree"
#endif

namespace {

namespace fs = std::filesystem;
using boost::gregorian::date;

const fs::path source_dir{REHAB_SOURCE_DIR};

bool updating() {
    const char* flag = std::getenv("REHAB_UPDATE_COURSE_FILES"); // NOLINT(concurrency-mt-unsafe)
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

/// Every error as it prints, one per line, with the time-zone database's
/// directory (which depends on TZDIR) written as <zoneinfo>.
std::string lines(const rehab::error_list& errors) {
    const char* tzdir = std::getenv("TZDIR"); // NOLINT(concurrency-mt-unsafe)
    std::string zoneinfo =
        tzdir != nullptr && *tzdir != '\0' ? std::string(tzdir) : "/usr/share/zoneinfo";
    while (zoneinfo.size() > 1 && zoneinfo.back() == '/') {
        zoneinfo.pop_back();
    }
    std::string text;
    for (const auto& e : errors) {
        std::string line = fmt::format("{}\n", e);
        for (auto at = line.find(zoneinfo); at != std::string::npos;
             at = line.find(zoneinfo, at + 1)) {
            line.replace(at, zoneinfo.size(), "<zoneinfo>");
        }
        text += line;
    }
    return text;
}

TEST(CourseFileShippedTest, TheExampleIsWhatToJsonWrites) {
    const fs::path file = source_dir / "examples" / "courses" / "alfredson-two-weeks.course.json";
    ASSERT_FALSE(read(file).empty()) << file;
    const auto c = rehab::load_course_file(file);
    ASSERT_TRUE(c.has_value()) << lines(c.error());
    if (updating()) {
        write(file, rehab::to_json(*c));
    }
    EXPECT_EQ(rehab::to_json(*c), read(file))
        << file << " is not what rehab::to_json writes for the course it holds: rerun with "
        << "REHAB_UPDATE_COURSE_FILES=1 and review the diff";

    // What the example is there to show.
    EXPECT_EQ(c->patient().id, "patient-0042");
    EXPECT_EQ(c->start_date(), date(2026, 11, 30));
    ASSERT_EQ(c->calendars().size(), 2U);
    EXPECT_EQ(c->calendars()[0].calendar.time_zone, "Europe/Copenhagen");
    EXPECT_EQ(c->calendars()[1].calendar.time_zone, "America/New_York");
    EXPECT_GT(c->calendars()[1].from,
              c->start_date() + boost::gregorian::days(c->log().back().session.day));
    EXPECT_GE(c->log().back().session.day, 12);
    const auto has = [&](auto&& pred) { return std::ranges::any_of(c->log(), pred); };
    EXPECT_TRUE(has([](const rehab::session_log& e) { return e.done_at.has_value(); }));
    EXPECT_TRUE(has([](const rehab::session_log& e) { return !e.measurements.empty(); }));
    EXPECT_TRUE(has([](const rehab::session_log& e) {
        return e.status == rehab::session_status::partial && !e.items.empty();
    }));
    const auto acted = [&](rehab::trace_action action) {
        return std::ranges::any_of(c->trace(),
                                   [&](const rehab::trace_entry& t) { return t.action == action; });
    };
    EXPECT_TRUE(acted(rehab::trace_action::stop_and_refer)); // pain above the ceiling
    EXPECT_TRUE(acted(rehab::trace_action::cleared));
}

// Each broken file has a .errors file beside it with the exact error lines:
// a file is refused for the mistake it was written to show, and no other.
TEST(CourseFileShippedTest, BrokenFilesGiveExactlyTheExpectedErrors) {
    int files = 0;
    for (const auto& entry :
         fs::directory_iterator(source_dir / "tests" / "course_files" / "broken")) {
        if (entry.path().extension() != ".json") {
            continue;
        }
        ++files;
        const fs::path expected = fs::path(entry.path()).replace_extension(".errors");
        const auto loaded = rehab::load_course_file(entry.path());
        ASSERT_FALSE(loaded.has_value()) << entry.path() << " loads, but it is a broken file";
        if (updating()) {
            write(expected, lines(loaded.error()));
        }
        EXPECT_EQ(lines(loaded.error()), read(expected)) << entry.path();
    }
    EXPECT_GE(files, 20);
}

} // namespace
