#include <rehab/version.hpp>

#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace {

TEST(VersionTest, StringMatchesTheMacros) {
    const std::string expected =
        fmt::format("{}.{}.{}", REHAB_VERSION_MAJOR, REHAB_VERSION_MINOR, REHAB_VERSION_PATCH);
    EXPECT_EQ(rehab::version_string(), expected);
}

TEST(VersionTest, IsZeroTwoZero) {
    static_assert(rehab::version_string() == "0.2.0");
    EXPECT_EQ(rehab::version_string(), "0.2.0");
}

} // namespace
