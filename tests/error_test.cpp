#include <rehab/error.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace {

TEST(ErrorTest, PrintsPathThenMessage) {
    const rehab::error e{rehab::errc::invalid_value, "/sets", "must be >= 1, got 0", {}, {}};
    EXPECT_EQ(fmt::format("{}", e), "/sets: must be >= 1, got 0");
}

TEST(ErrorTest, PrintsLineAndColumnWhenKnown) {
    const rehab::error e{rehab::errc::parse_error, "/phases", "expected ']'", 12, 7};
    EXPECT_EQ(fmt::format("{}", e), "/phases: expected ']' (line 12, column 7)");
}

TEST(ErrorTest, WithoutPathPrintsOnlyTheMessage) {
    const rehab::error e{rehab::errc::unknown_id, "", "unknown exercise id \"x\"", {}, {}};
    EXPECT_EQ(fmt::format("{}", e), "unknown exercise id \"x\"");
}

TEST(ErrorTest, InsideLocatesTheErrorUnderAParent) {
    const rehab::error e{rehab::errc::invalid_value, "/sets", "must be >= 1, got 0", {}, {}};
    const rehab::error nested = e.inside("/phases/1/prescriptions/0/dose");
    EXPECT_EQ(nested.path, "/phases/1/prescriptions/0/dose/sets");
    EXPECT_EQ(nested.field(), "sets");
    EXPECT_EQ(nested.message, e.message);
}

TEST(ErrorTest, FailBuildsAnUnexpected) {
    const rehab::expected<int> result = rehab::fail(rehab::errc::invalid_value, "/x", "bad");
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, rehab::errc::invalid_value);
    EXPECT_EQ(result.error().field(), "x");
}

} // namespace
