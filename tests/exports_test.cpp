#include <rehab/exports.hpp>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <rehab/protocols.hpp>
#include <rehab/version.hpp>

namespace {

using boost::gregorian::date;

/// The schedule of the built-in protocol `id` from `start`, in Copenhagen.
rehab::schedule copenhagen_plan(std::string_view id, date start) {
    return rehab::schedule::make(rehab::find_builtin_protocol(id).value().get(), start,
                                 {.time_zone = "Europe/Copenhagen"})
        .value();
}

std::vector<std::string> lines_of(const std::string& ics) {
    std::vector<std::string> out;
    std::size_t from = 0;
    for (std::size_t at = ics.find("\r\n"); at != std::string::npos; at = ics.find("\r\n", from)) {
        out.push_back(ics.substr(from, at - from));
        from = at + 2;
    }
    EXPECT_EQ(from, ics.size()) << "the stream must end with CRLF";
    return out;
}

/// RFC 5545 unfolding: a line starting with a space continues the one before.
std::vector<std::string> unfolded(const std::vector<std::string>& lines) {
    std::vector<std::string> out;
    for (const auto& line : lines) {
        if (!line.empty() && line.front() == ' ') {
            out.back() += line.substr(1);
        } else {
            out.push_back(line);
        }
    }
    return out;
}

TEST(ExportsTest, JsonFollowsTheContract) {
    const auto s = copenhagen_plan("alfredson-eccentric", date(2026, 12, 1));
    const auto doc = nlohmann::json::parse(rehab::to_json(s));
    EXPECT_EQ(doc["protocol"]["id"], "alfredson-eccentric");
    EXPECT_EQ(doc["start"], "2026-12-01");
    EXPECT_EQ(doc["time_zone"], "Europe/Copenhagen");
    const auto& sessions = doc["sessions"];
    ASSERT_EQ(sessions.size(), 168U);
    const auto& first = sessions[0];
    EXPECT_EQ(first["id"], "alfredson-eccentric.v1.eccentric-loading.d0.s0");
    EXPECT_EQ(first["date"], "2026-12-01");
    EXPECT_EQ(first["local_time"], "08:00");
    EXPECT_EQ(first["utc"], "2026-12-01T07:00:00Z");
    EXPECT_EQ(first["week"], 1);
    EXPECT_EQ(first["phase"], "eccentric-loading");
    EXPECT_EQ(first["items"][0], (nlohmann::json{{"exercise", "eccentric-heel-drop-straight-knee"},
                                                 {"dose", "3 x 15 reps, affected side only"},
                                                 {"sets", 3},
                                                 {"reps", 15},
                                                 {"side", "left"}}));
    EXPECT_EQ(sessions[167]["date"], "2027-02-22");
    std::map<std::string, int> reps_a_day;
    for (const auto& session : sessions) {
        for (const auto& item : session["items"]) {
            reps_a_day[session["date"]] += item["sets"].get<int>() * item["reps"].get<int>();
        }
    }
    EXPECT_EQ(reps_a_day.size(), 84U);
    for (const auto& [day, reps] : reps_a_day) {
        EXPECT_EQ(reps, 180) << day;
    }
}

TEST(ExportsTest, JsonCarriesHoldsTimesLoadsAndTempo) {
    const auto hsr =
        nlohmann::json::parse(rehab::to_json(copenhagen_plan("hsr-achilles", date(2026, 11, 30))));
    const auto& item = hsr["sessions"][0]["items"][0];
    EXPECT_EQ(item["load_rm"], 15);
    EXPECT_EQ(item["rest_seconds"], 120);
    EXPECT_EQ(item["tempo"],
              (nlohmann::json{
                  {"eccentric_seconds", 3}, {"pause_seconds", 0}, {"concentric_seconds", 3}}));
    EXPECT_EQ(item["side"], "both");
    const auto rupture = nlohmann::json::parse(
        rehab::to_json(copenhagen_plan("rupture-stretch-balance", date(2026, 12, 1))));
    const auto& items = rupture["sessions"][0]["items"];
    EXPECT_EQ(items[0]["hold_seconds"], 30);
    EXPECT_EQ(items[0]["side"], "each");
    EXPECT_EQ(items[4]["seconds"], 15);
    EXPECT_EQ(items[4]["seconds_max"], 20);
}

const auto export_time =
    std::chrono::sys_days{std::chrono::year{2026} / 11 / 21} + std::chrono::hours{9};

TEST(ExportsTest, IcalendarIsWellFormed) {
    const auto s = copenhagen_plan("alfredson-eccentric", date(2026, 12, 1));
    const std::string ics =
        rehab::to_icalendar(s, {.created = export_time, .plan_id = "patient-0042"}).value();
    const auto lines = lines_of(ics);
    for (const auto& line : lines) {
        EXPECT_LE(line.size(), 75U) << line;
        EXPECT_EQ(line.find('\n'), std::string::npos);
    }
    const auto logical = unfolded(lines);
    EXPECT_EQ(logical.front(), "BEGIN:VCALENDAR");
    EXPECT_EQ(logical[1], "VERSION:2.0");
    EXPECT_EQ(logical[2], fmt::format("PRODID:-//rehab//rehab {}//EN", rehab::version_string()));
    EXPECT_EQ(logical.back(), "END:VCALENDAR");
    std::set<std::string> uids;
    int events = 0;
    for (const auto& line : logical) {
        events += line == "BEGIN:VEVENT" ? 1 : 0;
        if (line.starts_with("UID:")) {
            uids.insert(line);
        }
    }
    EXPECT_EQ(events, 168);
    EXPECT_EQ(uids.size(), 168U);
    const auto first = std::find(logical.begin(), logical.end(), "BEGIN:VEVENT");
    ASSERT_NE(first, logical.end());
    EXPECT_EQ(first[1], "UID:alfredson-eccentric.v1.eccentric-loading.d0.s0.patient-0042@rehab");
    EXPECT_EQ(first[2], "DTSTAMP:20261121T090000Z"); // the time of export
    EXPECT_EQ(std::count(logical.begin(), logical.end(), "METHOD:PUBLISH"), 0)
        << "no METHOD without an ORGANIZER (RFC 5546 3.2.1)";
    EXPECT_EQ(first[3], "DTSTART:20261201T070000Z");
    // 2 exercises x 3 x 15 reps x 4 s (the assumed rep time) = 6 min, rounded up to 10 min.
    EXPECT_EQ(first[4], "DTEND:20261201T071000Z");
    EXPECT_EQ(first[5], "SUMMARY:Alfredson eccentric heel drops (session 1 of the day)");
    EXPECT_EQ(
        first[6],
        "DESCRIPTION:Eccentric loading\\, week 1\\n- Eccentric heel drop\\, straight knee: 3 x "
        "15 reps\\, affected side only (left)\\n- Eccentric heel drop\\, bent knee: 3 x 15 reps\\, "
        "affected side only (left)");
}

TEST(ExportsTest, IcalendarUidsAreUniquePerPlanAndStableAcrossReExports) {
    const auto s = copenhagen_plan("heel-pain-starter", date(2026, 12, 1));
    const auto first = rehab::to_icalendar(s, {.created = export_time}).value();
    EXPECT_EQ(first, rehab::to_icalendar(s, {.created = export_time}).value());
    const auto uids = [](const std::string& ics) {
        std::set<std::string> out;
        for (const auto& line : unfolded(lines_of(ics))) {
            if (line.starts_with("UID:")) {
                out.insert(line);
            }
        }
        return out;
    };
    // Another start, zone, side or patient id: no UID in common.
    const auto other_start = copenhagen_plan("heel-pain-starter", date(2026, 12, 2));
    const auto other_zone =
        rehab::schedule::make(rehab::find_builtin_protocol("heel-pain-starter").value().get(),
                              date(2026, 12, 1), {.time_zone = "America/New_York"})
            .value();
    const auto other_side =
        rehab::schedule::make(rehab::find_builtin_protocol("heel-pain-starter").value().get(),
                              date(2026, 12, 1),
                              {.patient = {.affected_side = rehab::body_side::right}})
            .value();
    for (const auto& other :
         {rehab::to_icalendar(other_start, {.created = export_time}).value(),
          rehab::to_icalendar(other_zone, {.created = export_time}).value(),
          rehab::to_icalendar(other_side, {.created = export_time}).value(),
          rehab::to_icalendar(s, {.created = export_time, .plan_id = "patient-1"}).value()}) {
        std::vector<std::string> common;
        const auto a = uids(first);
        const auto b = uids(other);
        std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
        EXPECT_TRUE(common.empty()) << common.front();
        EXPECT_EQ(b.size(), a.size());
    }
    EXPECT_EQ(rehab::derived_plan_id(s),
              rehab::derived_plan_id(copenhagen_plan("heel-pain-starter", date(2026, 12, 1))));
}

TEST(ExportsTest, IcalendarRemindersAndBadOptions) {
    const auto s = copenhagen_plan("heel-pain-starter", date(2026, 12, 1));
    const auto ics =
        rehab::to_icalendar(s, {.created = export_time, .remind_before = std::chrono::minutes{15}})
            .value();
    const auto logical = unfolded(lines_of(ics));
    EXPECT_EQ(std::count(logical.begin(), logical.end(), "BEGIN:VALARM"), 42);
    EXPECT_EQ(std::count(logical.begin(), logical.end(), "TRIGGER:-PT15M"), 42);
    EXPECT_EQ(std::count(logical.begin(), logical.end(), "ACTION:DISPLAY"), 42);
    const auto bad_id = rehab::to_icalendar(s, {.plan_id = "patient 1"});
    ASSERT_FALSE(bad_id.has_value());
    EXPECT_EQ(fmt::format("{}", bad_id.error()),
              "/plan_id: must be 1 to 64 letters, digits, '.', '_' or '-', got \"patient 1\"");
    const auto bad_reminder = rehab::to_icalendar(s, {.remind_before = std::chrono::minutes{0}});
    ASSERT_FALSE(bad_reminder.has_value());
    EXPECT_EQ(bad_reminder.error().path, "/remind_before");
}

TEST(ExportsTest, IcalendarRefusesControlCharactersItCannotWrite) {
    // A protocol built in code and never validated: the calendar is refused
    // with the field named, never written with the raw byte or stripped.
    auto p = rehab::find_builtin_protocol("alfredson-eccentric").value().get();
    p.phases[0].name = std::string("Loading\0", 8);
    const auto s = rehab::schedule::make(p, date(2026, 12, 1)).value();
    const auto ics = rehab::to_icalendar(s, {.created = export_time});
    ASSERT_FALSE(ics.has_value());
    EXPECT_EQ(fmt::format("{}", ics.error()),
              "/protocol/phases/0/name: contains the control character U+0000 at byte 7; text is "
              "printable, on one line");
}

TEST(ExportsTest, Iso8601) {
    EXPECT_EQ(rehab::to_iso8601(std::chrono::sys_days{std::chrono::year{2028} / 2 / 29} +
                                std::chrono::hours{23} + std::chrono::minutes{5} +
                                std::chrono::seconds{9}),
              "2028-02-29T23:05:09Z");
}

} // namespace
