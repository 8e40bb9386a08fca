#include <rehab/course_exports.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <rehab/dates.hpp>

#include "export_format.hpp"
#include "icalendar_writer.hpp"
#include "json_write.hpp"
#include "restrictions_json.hpp"

namespace rehab {

namespace {

using namespace detail;
using ojson = nlohmann::ordered_json;
using std::chrono::sys_seconds;

sys_seconds now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

/// The sessions an export covers (see `course_export_options::through`).
std::vector<course_session> exported(const course& c, const course_export_options& o) {
    return c.between(c.start_date(), export_through(c, o.through));
}

std::string zone_on(const course& c, boost::gregorian::date d) {
    std::string zone = c.calendars().front().calendar.time_zone;
    for (const calendar_segment& s : c.calendars()) {
        if (s.from <= d) {
            zone = s.calendar.time_zone;
        }
    }
    return zone;
}

ojson session_json(const course& c, const course_session& s, sys_seconds as_of) {
    const protocol& program = *c.protocols()[s.segment].program;
    const session_prescription& rx = *s.prescription;
    ojson j;
    j["id"] = c.id(s);
    j["date"] = iso_date(s.date);
    j["local_time"] = fmt::format("{}", s.local_time);
    j["utc"] = to_iso_instant(s.utc);
    j["planned_date"] = iso_date(s.planned_date);
    j["time_zone"] = zone_on(c, s.planned_date);
    j["placement"] = std::string(to_string(s.placement));
    j["protocol"] = program.id;
    j["phase"] = rx.phase_id;
    j["program_week"] = rx.program_week;
    j["slot"] = s.key.slot;
    j["state"] = std::string(session_state(s, as_of));
    j["planned"] = s.planned;
    if (const auto& limits = program.phases[rx.phase_index].restrictions; !limits.empty()) {
        j["restrictions"] = detail::restrictions_json(limits);
    }
    j["items"] = ojson::array();
    for (const prescribed_item& item : rx.items) {
        j["items"].push_back(item_json(item));
    }
    j["referrals"] = ojson::array();
    for (const referral& r : rx.referrals) {
        j["referrals"].push_back(ojson{{"reason", r.reason}});
    }
    j["breaches"] = ojson::array();
    for (const pain_breach& b : rx.breaches) {
        j["breaches"].push_back(ojson{
            {"rule", b.rule}, {"limit", std::string(to_string(b.limit))}, {"reason", b.reason}});
    }
    return j;
}

} // namespace

std::string_view session_state(const course_session& s, sys_seconds as_of) noexcept {
    if (s.logged) {
        return to_string(*s.logged);
    }
    return s.utc <= as_of ? "unlogged" : "upcoming";
}

expected<std::string> to_icalendar(const course& c, const course_export_options& options) {
    if (auto ok = check_reminder(options.remind_before); !ok) {
        return tl::unexpected(ok.error());
    }
    for (std::size_t i = 0; i < c.protocols().size(); ++i) {
        if (auto ok = check_calendar_text(*c.protocols()[i].program,
                                          fmt::format("/protocols/{}/protocol", i));
            !ok) {
            return tl::unexpected(ok.error());
        }
    }
    const sys_seconds as_of = options.as_of.value_or(now());
    const std::string stamp = ical_time(as_of);
    std::string out;
    begin_calendar(out, c.protocols().front().program->name);
    for (const course_session& s : exported(c, options)) {
        const protocol& p = *c.protocols()[s.segment].program;
        const session_prescription& rx = *s.prescription;
        const std::string_view state = session_state(s, as_of);
        calendar_event event{
            .uid = fmt::format("{}.{}", c.id(s), c.patient().id),
            .stamp = stamp,
            .start = s.utc,
            .protocol_name = p.name,
            .slot = s.key.slot,
            .description =
                fmt::format("{}, week {}; {}", p.phases[rx.phase_index].name, rx.phase_week,
                            s.logged    ? fmt::format("logged {}", state)
                            : s.planned ? std::string("planned dose: it may change with the log")
                                        : std::string("prescribed, not logged")),
            .remind_before = s.logged ? std::nullopt : options.remind_before,
        };
        event.work =
            append_session_lines(event.description, p.phases[rx.phase_index].restrictions, rx.items,
                                 /*with_load=*/true);
        for (const referral& r : rx.referrals) {
            event.description +=
                fmt::format("\nSee your clinician before progressing: {}", r.reason);
        }
        append_event(out, event);
    }
    end_calendar(out);
    return out;
}

std::string to_sessions_json(const course& c, const course_export_options& options) {
    const sys_seconds as_of = options.as_of.value_or(now());
    ojson j;
    j["patient"] = ojson{{"id", c.patient().id},
                         {"affected_side", std::string(to_string(c.patient().affected_side))}};
    j["start"] = iso_date(c.start_date());
    j["as_of"] = to_iso_instant(as_of);
    j["protocols"] = ojson::array();
    for (const protocol_segment& s : c.protocols()) {
        j["protocols"].push_back(ojson{{"from", iso_date(s.from)},
                                       {"id", s.program->id},
                                       {"name", s.program->name},
                                       {"version", s.program->version},
                                       {"source", s.program->source}});
    }
    j["sessions"] = ojson::array();
    for (const course_session& s : exported(c, options)) {
        j["sessions"].push_back(session_json(c, s, as_of));
    }
    return dump(j);
}

std::string today_json(const course& c, sys_seconds as_of) {
    ojson j;
    j["as_of"] = to_iso_instant(as_of);
    j["due"] = ojson::array();
    j["next"] = ojson::array();
    const auto due = c.due_at(as_of);
    const auto next = c.next_after(as_of);
    if (due) {
        j["due"].push_back(session_json(c, *due, as_of));
    }
    if (next) {
        j["next"].push_back(session_json(c, *next, as_of));
    }
    j["referrals"] = ojson::array();
    for (const referral& r : c.referrals()) {
        j["referrals"].push_back(
            ojson{{"reason", r.reason}, {"raised_at", fmt::format("{}", r.raised_at)}});
    }
    return dump(j);
}

expected<std::string> report_json(const course& c, boost::gregorian::date first,
                                  boost::gregorian::date last, sys_seconds as_of) {
    auto report = c.adherence(first, last, as_of);
    if (!report) {
        return tl::unexpected(report.error());
    }
    const auto side = [](const side_reps& r) {
        return ojson{{"prescribed", r.prescribed}, {"done", r.done}, {"beyond", r.beyond}};
    };
    ojson j;
    j["from"] = iso_date(first);
    j["to"] = iso_date(last);
    j["as_of"] = to_iso_instant(as_of);
    j["sessions_due"] = report->due;
    j["sessions_done"] = report->done;
    j["sessions_partial"] = report->partial;
    j["sessions_missed"] = report->missed;
    j["reps"] =
        ojson{{"affected", side(report->affected)}, {"unaffected", side(report->unaffected)}};
    j["trace"] = ojson::array();
    const int first_day = static_cast<int>((first - c.start_date()).days());
    const int last_day = static_cast<int>((last - c.start_date()).days());
    for (const trace_entry& e : c.trace()) {
        if (e.at.day >= first_day && e.at.day <= last_day) {
            j["trace"].push_back(
                ojson{{"session", fmt::format("{}", e.at)},
                      {"date", iso_date(c.start_date() + boost::gregorian::days(e.at.day))},
                      {"rule", e.rule},
                      {"action", std::string(to_string(e.action))},
                      {"detail", e.detail}});
        }
    }
    return dump(j);
}

} // namespace rehab
