// glibc as an in-process peer of `time_zone`: for every zone file under the
// system's zoneinfo directory, the offsets and abbreviations at instants
// around each change from 1970 to 2040 (and on a 10-day grid, so a change the
// library missed shows too), and local-to-UTC conversion around each change:
// a local time glibc's `mktime` reads as unique gives the same instant, and a
// time no instant has (glibc's `localtime_r` round trip) is a gap here, one
// two instants have is an overlap resolved to the first. Files with
// leap-second records (`right/`) are refused with a message naming the zone
// to use instead.
#include <rehab/time_zone.hpp>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "zone_files.hpp"

namespace {

using namespace std::chrono_literals;
using std::chrono::local_seconds;
using std::chrono::seconds;
using std::chrono::sys_seconds;

/// TZ set for the life of the object, restored after.
class scoped_tz {
public:
    explicit scoped_tz(const std::string& name) {
        if (const char* old = std::getenv("TZ")) {
            old_ = old;
        }
        ::setenv("TZ", (":" + name).c_str(), 1);
        ::tzset();
    }
    scoped_tz(const scoped_tz&) = delete;
    scoped_tz& operator=(const scoped_tz&) = delete;
    ~scoped_tz() {
        if (old_) {
            ::setenv("TZ", old_->c_str(), 1);
        } else {
            ::unsetenv("TZ");
        }
        ::tzset();
    }

private:
    std::optional<std::string> old_;
};

struct glibc_local {
    long offset = 0;
    std::string abbreviation;
};

glibc_local glibc_at(sys_seconds t) {
    const std::time_t tt = t.time_since_epoch().count();
    std::tm tm{};
    ::localtime_r(&tt, &tm);
    return {tm.tm_gmtoff, tm.tm_zone != nullptr ? tm.tm_zone : ""};
}

/// Instants whose glibc local time is `local`, among `local - offset` for
/// the offsets in force around it.
std::vector<sys_seconds> glibc_instants(local_seconds local, std::vector<long> offsets) {
    std::sort(offsets.begin(), offsets.end());
    offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
    std::vector<sys_seconds> out;
    for (auto it = offsets.rbegin(); it != offsets.rend(); ++it) { // earliest instant first
        const sys_seconds candidate{local.time_since_epoch() - seconds{*it}};
        if (glibc_at(candidate).offset == *it) {
            out.push_back(candidate);
        }
    }
    return out;
}

/// glibc's mktime for a local time it reads as unique.
sys_seconds glibc_mktime(local_seconds local) {
    const auto days = std::chrono::floor<std::chrono::days>(local);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::hh_mm_ss hms{local - days};
    std::tm tm{};
    tm.tm_year = static_cast<int>(ymd.year()) - 1900;
    tm.tm_mon = static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
    tm.tm_mday = static_cast<int>(static_cast<unsigned>(ymd.day()));
    tm.tm_hour = static_cast<int>(hms.hours().count());
    tm.tm_min = static_cast<int>(hms.minutes().count());
    tm.tm_sec = static_cast<int>(hms.seconds().count());
    tm.tm_isdst = -1;
    return sys_seconds{seconds{::mktime(&tm)}};
}

TEST(TimeZoneGlibcTest, EveryZoneFileAgreesWithGlibcFrom1970To2040) {
    const sys_seconds from = std::chrono::sys_days{std::chrono::year{1970} / 1 / 1};
    const sys_seconds to = std::chrono::sys_days{std::chrono::year{2040} / 1 / 1};
    std::size_t zones = 0;
    std::size_t refused = 0;
    std::size_t instants = 0;
    std::size_t locals = 0;
    std::size_t gaps = 0;
    std::size_t overlaps = 0;
    for (const std::string& name : rehab::test::zone_files(true)) {
        const auto zone = rehab::time_zone::locate(name);
        if (name.starts_with("right/")) {
            ASSERT_FALSE(zone.has_value()) << name;
            EXPECT_NE(zone.error().message.find(fmt::format("use \"{}\"", name.substr(6))),
                      std::string::npos)
                << zone.error().message;
            ++refused;
            continue;
        }
        ASSERT_TRUE(zone.has_value()) << name << ": " << zone.error().message;
        ++zones;
        const scoped_tz tz(name);
        std::vector<sys_seconds> samples;
        for (sys_seconds t = from; t < to; t += std::chrono::days{10}) {
            samples.push_back(t);
        }
        const auto changes = zone->transitions(from, to);
        for (const auto& c : changes) {
            for (const seconds d : {-86'400s, -3600s, -1s, 0s, 1s, 3600s, 86'400s}) {
                samples.push_back(c.at + d);
            }
        }
        for (const sys_seconds t : samples) {
            const glibc_local g = glibc_at(t);
            ASSERT_EQ(zone->offset_at(t).count(), g.offset)
                << name << " at " << t.time_since_epoch().count();
            ASSERT_EQ(zone->abbreviation_at(t), g.abbreviation)
                << name << " at " << t.time_since_epoch().count();
            ++instants;
        }
        for (const auto& c : changes) {
            const long before = c.offset_before.count();
            const long after = c.offset_after.count();
            const local_seconds lo{c.at.time_since_epoch() +
                                   std::min(c.offset_before, c.offset_after)};
            const local_seconds hi{c.at.time_since_epoch() +
                                   std::max(c.offset_before, c.offset_after)};
            for (const local_seconds local :
                 {lo - 3600s, lo - 1s, lo, lo + (hi - lo) / 2, hi - 1s, hi, hi + 3600s}) {
                const auto found = glibc_instants(local, {before, after});
                const std::string what =
                    fmt::format("{} local {}", name, local.time_since_epoch().count());
                ++locals;
                switch (found.size()) {
                case 0:
                    ASSERT_EQ(zone->classify(local), rehab::local_kind::gap) << what;
                    // Moved forward by the gap: read with the offset before it.
                    ASSERT_EQ(zone->to_utc(local).time_since_epoch().count(),
                              local.time_since_epoch().count() - before)
                        << what;
                    ++gaps;
                    break;
                case 1:
                    ASSERT_EQ(zone->classify(local), rehab::local_kind::unique) << what;
                    ASSERT_EQ(zone->to_utc(local), found[0]) << what;
                    ASSERT_EQ(zone->to_utc(local), glibc_mktime(local)) << what;
                    break;
                default:
                    ASSERT_EQ(zone->classify(local), rehab::local_kind::overlap) << what;
                    ASSERT_EQ(zone->to_utc(local), found[0]) << what; // the first occurrence
                    ++overlaps;
                }
            }
        }
    }
    // Debian's tzdata: some 600 zones, and their right/ copies.
    EXPECT_GT(zones, 500U);
    EXPECT_GT(refused, 500U);
    EXPECT_GT(gaps, 10'000U);
    EXPECT_GT(overlaps, 10'000U);
    std::printf("%zu zone files (%zu right/ refused), %zu instants, %zu local times, %zu in gaps, "
                "%zu in overlaps\n",
                zones, refused, instants, locals, gaps, overlaps);
}

} // namespace
