#pragma once
// Helpers several test files use, defined once: rehab_tests is a unity build
// (eight test files a translation unit), in which two files' helpers of the
// same name would collide.

#include <chrono>
#include <string>
#include <string_view>
#include <utility>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <rehab/error.hpp>
#include <rehab/frequency.hpp>
#include <rehab/protocol.hpp>
#include <rehab/protocols.hpp>
#include <rehab/schedule.hpp>

namespace rehab::test {

/// The built-in protocol `id` (which must exist).
inline const rehab::protocol& builtin(std::string_view id) {
    return rehab::find_builtin_protocol(id).value().get();
}

/// The clock time `m` after midnight.
inline rehab::clock_time at(std::chrono::minutes m) { return rehab::clock_time{m}; }

/// A date as ISO 8601 text, "2026-12-01".
inline std::string iso(boost::gregorian::date d) {
    return boost::gregorian::to_iso_extended_string(d);
}

/// The instant of a UTC civil time.
inline std::chrono::sys_seconds utc(int y, unsigned m, unsigned d, int h, int min = 0) {
    return std::chrono::sys_days{std::chrono::year{y} / m / d} + std::chrono::hours{h} +
           std::chrono::minutes{min};
}

/// The schedule of the built-in protocol `id` from `start`; failing to make
/// it fails the test.
inline rehab::schedule plan(std::string_view id, boost::gregorian::date start,
                            rehab::schedule_options options = {}) {
    auto s = rehab::schedule::make(builtin(id), start, options);
    EXPECT_TRUE(s.has_value()) << (s ? "" : fmt::format("{}", s.error()));
    return std::move(s).value();
}

/// The errors, one a line.
inline std::string error_lines(const rehab::error_list& errors) {
    std::string text;
    for (const auto& e : errors) {
        text += fmt::format("{}\n", e);
    }
    return text;
}

} // namespace rehab::test
