#include "icalendar_writer.hpp"

#include <algorithm>

#include <fmt/format.h>

#include <rehab/text.hpp>
#include <rehab/version.hpp>

#include "export_format.hpp"

namespace rehab::detail {

expected<void> check_reminder(const std::optional<std::chrono::minutes>& remind_before) {
    if (remind_before &&
        (*remind_before < std::chrono::minutes{1} || *remind_before > std::chrono::days{7})) {
        return fail(
            errc::invalid_value, "/remind_before",
            fmt::format("must be between 1 minute and 7 days, got {} min", remind_before->count()));
    }
    return {};
}

expected<void> check_calendar_text(const protocol& p, std::string_view path) {
    if (auto problem = text_problem(p.name)) {
        return fail(errc::invalid_value, fmt::format("{}/name", path), std::move(*problem));
    }
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        if (auto problem = text_problem(p.phases[i].name)) {
            return fail(errc::invalid_value, fmt::format("{}/phases/{}/name", path, i),
                        std::move(*problem));
        }
    }
    return {};
}

void begin_calendar(std::string& out, std::string_view name) {
    append_folded(out, "BEGIN:VCALENDAR");
    append_folded(out, "VERSION:2.0");
    append_folded(out, fmt::format("PRODID:-//rehab//rehab {}//EN", version_string()));
    append_folded(out, "CALSCALE:GREGORIAN");
    append_folded(out, "X-WR-CALNAME:" + escape_text(name));
}

void end_calendar(std::string& out) { append_folded(out, "END:VCALENDAR"); }

std::chrono::seconds append_session_lines(std::string& description,
                                          const phase_restrictions& restrictions,
                                          const std::vector<prescribed_item>& items,
                                          bool with_load) {
    for (const auto& line : plain_lines(restrictions)) {
        description += "\n" + line;
    }
    std::chrono::seconds work{0};
    for (const auto& item : items) {
        work += item.dose.estimated_duration();
        description +=
            fmt::format("\n- {}: {}", exercise_name(item.exercise), dose_text(item, with_load));
    }
    return work;
}

void append_event(std::string& out, const calendar_event& e) {
    const auto five = std::chrono::minutes{5};
    const auto rounded = std::max(five, std::chrono::ceil<std::chrono::minutes>(e.work));
    const auto minutes = (rounded + five - std::chrono::minutes{1}) / five * five;
    const std::string summary =
        escape_text(fmt::format("{} (session {} of the day)", e.protocol_name, e.slot + 1));
    append_folded(out, "BEGIN:VEVENT");
    append_folded(out, fmt::format("UID:{}@rehab", e.uid));
    append_folded(out, "DTSTAMP:" + e.stamp);
    append_folded(out, "DTSTART:" + ical_time(e.start));
    append_folded(out, "DTEND:" + ical_time(e.start + minutes));
    append_folded(out, "SUMMARY:" + summary);
    append_folded(out, "DESCRIPTION:" + escape_text(e.description));
    if (e.remind_before) {
        append_folded(out, "BEGIN:VALARM");
        append_folded(out, "ACTION:DISPLAY");
        append_folded(out, "DESCRIPTION:" + summary);
        append_folded(out, fmt::format("TRIGGER:-PT{}M", e.remind_before->count()));
        append_folded(out, "END:VALARM");
    }
    append_folded(out, "END:VEVENT");
}

} // namespace rehab::detail
