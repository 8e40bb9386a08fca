#include <rehab/exports.hpp>

#include <cctype>
#include <cstdint>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <rehab/catalog.hpp>
#include <rehab/text.hpp>

#include "export_format.hpp"
#include "icalendar_writer.hpp"
#include "restrictions_json.hpp"

namespace rehab {

namespace {
using namespace detail;
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
    if (auto ok = check_reminder(options.remind_before); !ok) {
        return tl::unexpected(ok.error());
    }
    const protocol& p = plan.program();
    if (auto ok = check_calendar_text(p, "/protocol"); !ok) {
        return tl::unexpected(ok.error());
    }
    const sys_seconds stamp = options.created.value_or(
        std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    const std::string plan_id = options.plan_id.value_or(derived_plan_id(plan));
    std::string out;
    out.reserve(plan.size() * 512 + 256);
    begin_calendar(out, p.name);
    const std::string created = ical_time(stamp);
    for (const scheduled_session& s : plan.sessions()) {
        if (!s.held()) {
            continue; // its time does not exist in the zone: nothing to put on a calendar
        }
        const session_prescription rx = plan.prescription(s);
        calendar_event event{
            .uid = fmt::format("{}.{}", plan.id(s), plan_id),
            .stamp = created,
            .start = s.utc,
            .protocol_name = p.name,
            .slot = s.slot,
            .description = fmt::format("{}, week {}", p.phases[s.phase].name, schedule::week(s)),
            .remind_before = options.remind_before,
        };
        event.work = append_session_lines(event.description, p.phases[s.phase].restrictions,
                                          rx.items, /*with_load=*/false);
        append_event(out, event);
    }
    end_calendar(out);
    return out;
}

std::string to_json(const schedule& plan) {
    using ojson = nlohmann::ordered_json;
    const protocol& p = plan.program();
    ojson session_list = ojson::array();
    for (const scheduled_session& s : plan.sessions()) {
        const session_prescription rx = plan.prescription(s);
        ojson items = ojson::array();
        for (const auto& item : rx.items) {
            items.push_back(item_json(item));
        }
        ojson js;
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
    ojson doc;
    doc["protocol"] = {
        {"id", p.id}, {"name", p.name}, {"version", p.version}, {"source", p.source}};
    doc["start"] = iso_date(plan.start());
    doc["time_zone"] = plan.zone().name();
    doc["affected_side"] = std::string(to_string(plan.patient().affected_side));
    // What each phase allows besides its exercises (rupture protocols).
    ojson phases = ojson::array();
    for (const phase& ph : p.phases) {
        if (!ph.restrictions.empty()) {
            phases.push_back(
                ojson{{"id", ph.id}, {"restrictions", detail::restrictions_json(ph.restrictions)}});
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
