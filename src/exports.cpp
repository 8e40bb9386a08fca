#include <rehab/exports.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <rehab/catalog.hpp>
#include <rehab/text.hpp>
#include <rehab/version.hpp>

#include "export_format.hpp"
#include "restrictions_json.hpp"

namespace rehab {

namespace {
using detail::append_folded;
using detail::escape_text;
using detail::exercise_name;
using detail::ical_time;
using detail::iso_date;
using detail::item_json;
using std::chrono::sys_seconds;
} // namespace

std::string to_iso8601(sys_seconds instant) {
    const std::string compact = ical_time(instant);
    return fmt::format("{}-{}-{}T{}:{}:{}Z", compact.substr(0, 4), compact.substr(4, 2),
                       compact.substr(6, 2), compact.substr(9, 2), compact.substr(11, 2),
                       compact.substr(13, 2));
}

std::string derived_plan_id(const schedule& plan) {
    const schedule_options& o = plan.options();
    std::string key =
        fmt::format("{}|{}|{}|{}|{}|", plan.program().id, plan.program().version,
                    iso_date(plan.start()), o.time_zone, to_string(o.patient.affected_side));
    for (const auto& t : o.times) {
        key += fmt::format("{},", t);
    }
    key += '|';
    for (const auto& d : o.rest_days) {
        key += fmt::format("{},", d.c_encoding());
    }
    key += '|';
    for (const int extra : o.extra_session_days) {
        key += fmt::format("{},", extra);
    }
    std::uint64_t hash = 0xcbf29ce484222325ULL; // FNV-1a, 64 bits
    for (const char c : key) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return fmt::format("p{:016x}", hash);
}

expected<std::string> to_icalendar(const schedule& plan, const icalendar_options& options) {
    if (options.plan_id) {
        const std::string& id = *options.plan_id;
        if (!is_identifier(id)) {
            return fail(
                errc::invalid_value, "/plan_id",
                fmt::format("must be 1 to 64 letters, digits, '.', '_' or '-', got \"{}\"", id));
        }
    }
    if (options.remind_before && (*options.remind_before < std::chrono::minutes{1} ||
                                  *options.remind_before > std::chrono::days{7})) {
        return fail(errc::invalid_value, "/remind_before",
                    fmt::format("must be between 1 minute and 7 days, got {} min",
                                options.remind_before->count()));
    }
    const protocol& p = plan.program();
    // TEXT values cannot carry control characters (RFC 5545 3.3.11); a
    // protocol that skipped validation is refused, not stripped.
    if (auto problem = text_problem(p.name)) {
        return fail(errc::invalid_value, "/protocol/name", std::move(*problem));
    }
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        if (auto problem = text_problem(p.phases[i].name)) {
            return fail(errc::invalid_value, fmt::format("/protocol/phases/{}/name", i),
                        std::move(*problem));
        }
    }
    const sys_seconds stamp = options.created.value_or(
        std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    const std::string plan_id = options.plan_id.value_or(derived_plan_id(plan));
    std::string out;
    out.reserve(plan.size() * 512 + 256);
    append_folded(out, "BEGIN:VCALENDAR");
    append_folded(out, "VERSION:2.0");
    append_folded(out, fmt::format("PRODID:-//rehab//rehab {}//EN", version_string()));
    append_folded(out, "CALSCALE:GREGORIAN");
    append_folded(out, "X-WR-CALNAME:" + escape_text(p.name));
    const std::string created = ical_time(stamp);
    for (const scheduled_session& s : plan.sessions()) {
        if (!s.held()) {
            continue; // its time does not exist in the zone: nothing to put on a calendar
        }
        const session_prescription rx = plan.prescription(s);
        std::chrono::seconds length{0};
        std::string description =
            fmt::format("{}, week {}", p.phases[s.phase].name, schedule::week(s));
        for (const auto& line : plain_lines(p.phases[s.phase].restrictions)) {
            description += "\n" + line;
        }
        for (const auto& item : rx.items) {
            length += item.dose.estimated_duration();
            description += fmt::format("\n- {}: {}", exercise_name(item.exercise), item.dose);
            if (item.side) {
                description += fmt::format(" ({})", *item.side);
            }
        }
        const auto five = std::chrono::minutes{5};
        const auto rounded = std::max(five, std::chrono::ceil<std::chrono::minutes>(length));
        const auto minutes = (rounded + five - std::chrono::minutes{1}) / five * five;
        const std::string summary =
            escape_text(fmt::format("{} (session {} of the day)", p.name, s.slot + 1));
        append_folded(out, "BEGIN:VEVENT");
        append_folded(out, fmt::format("UID:{}.{}@rehab", plan.id(s), plan_id));
        append_folded(out, "DTSTAMP:" + created);
        append_folded(out, "DTSTART:" + ical_time(s.utc));
        append_folded(out, "DTEND:" + ical_time(s.utc + minutes));
        append_folded(out, "SUMMARY:" + summary);
        append_folded(out, "DESCRIPTION:" + escape_text(description));
        if (options.remind_before) {
            append_folded(out, "BEGIN:VALARM");
            append_folded(out, "ACTION:DISPLAY");
            append_folded(out, "DESCRIPTION:" + summary);
            append_folded(out, fmt::format("TRIGGER:-PT{}M", options.remind_before->count()));
            append_folded(out, "END:VALARM");
        }
        append_folded(out, "END:VEVENT");
    }
    append_folded(out, "END:VCALENDAR");
    return out;
}

std::string to_json(const schedule& plan) {
    using json = nlohmann::ordered_json;
    const protocol& p = plan.program();
    json session_list = json::array();
    for (const scheduled_session& s : plan.sessions()) {
        const session_prescription rx = plan.prescription(s);
        json items = json::array();
        for (const auto& item : rx.items) {
            items.push_back(item_json(item));
        }
        json js;
        js["id"] = plan.id(s);
        js["index"] = s.index;
        js["date"] = iso_date(plan.date(s));
        js["local_time"] = fmt::format("{}", plan.local_time(s));
        js["utc"] = to_iso8601(s.utc);
        js["planned_date"] = iso_date(plan.planned_date(s));
        js["placement"] = std::string(to_string(s.placement));
        js["week"] = schedule::week(s);
        js["phase"] = p.phases[s.phase].id;
        js["slot"] = s.slot;
        js["items"] = std::move(items);
        session_list.push_back(std::move(js));
    }
    json doc;
    doc["protocol"] = {
        {"id", p.id}, {"name", p.name}, {"version", p.version}, {"source", p.source}};
    doc["start"] = iso_date(plan.start());
    doc["time_zone"] = plan.zone().name();
    doc["affected_side"] = std::string(to_string(plan.patient().affected_side));
    // What each phase allows besides its exercises (rupture protocols).
    json phases = json::array();
    for (const phase& ph : p.phases) {
        if (!ph.restrictions.empty()) {
            phases.push_back(
                json{{"id", ph.id}, {"restrictions", detail::restrictions_json(ph.restrictions)}});
        }
    }
    if (!phases.empty()) {
        doc["counted_from"] = std::string(to_string(p.counted_from));
        doc["phase_restrictions"] = std::move(phases);
    }
    doc["sessions"] = std::move(session_list);
    return doc.dump(2) + "\n";
}

} // namespace rehab
