// The Observations of a course's log for its FHIR export
// (src/fhir_course_export.cpp): pain ratings and outcome scores.
#include "fhir_course.hpp"

#include <chrono>
#include <cstddef>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include <rehab/fhir.hpp>
#include <rehab/measure.hpp>
#include <rehab/time_zone.hpp>

#include "export_format.hpp"
#include "fhir_write.hpp"

namespace rehab::detail::fhir {

namespace {

using boost::gregorian::date;

/// LOINC 72514-3, "Pain severity - 0-10 verbal numeric rating [Score] -
/// Reported" (https://loinc.org/72514-3; used for 0-10 pain by, e.g., the
/// HL7 Belgium patient-monitoring IG's ValueSet "pain-scale").
constexpr std::string_view loinc = "http://loinc.org";
constexpr std::string_view pain_loinc = "72514-3";
constexpr std::string_view pain_loinc_display =
    "Pain severity - 0-10 verbal numeric rating [Score] - Reported";
constexpr std::string_view observation_category =
    "http://terminology.hl7.org/CodeSystem/observation-category";

std::string measure_system() { return std::string(fhir_base_url) + "/CodeSystem/measure"; }

/// "2026-12-01T08:00:00+01:00": `t` on the wall clock of a zone `offset`
/// ahead of UTC.
std::string local_instant(std::chrono::sys_seconds t, std::chrono::seconds offset) {
    const auto local = t + offset;
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss<std::chrono::seconds> clock{local - day};
    const long long off_min = std::chrono::abs(offset).count() / 60;
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
                       static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()), clock.hours().count(),
                       clock.minutes().count(), clock.seconds().count(),
                       offset < std::chrono::seconds{0} ? '-' : '+', off_min / 60, off_min % 60);
}

/// What a measure is in UCUM, and whether it is a questionnaire ("survey")
/// or a test ("exam").
struct measure_unit {
    std::string_view unit;
    std::string_view code;
    std::string_view category;
};

measure_unit unit_of(measure m) {
    switch (m) {
    case measure::visa_a:
    case measure::atrs:
        return {"score", "{score}", "survey"};
    case measure::single_leg_heel_raises:
        return {"repetitions", "{repetitions}", "exam"};
    case measure::heel_rise_lsi_reps:
    case measure::heel_rise_lsi_height:
    case measure::heel_rise_lsi_work:
        break;
    }
    return {"%", "%", "exam"};
}

ojson category(std::string_view code) {
    return ojson::array(
        {{{"coding", ojson::array({{{"system", observation_category}, {"code", code}}})}}});
}

} // namespace

/// A relative reference to `type`/`id` in the Bundle.
ojson reference(std::string_view type, std::string_view id) {
    return ojson{{"reference", std::string(type) + "/" + std::string(id)}};
}

const course_calendar& calendar_on(const course& c, date d) {
    const course_calendar* cal = &c.calendars().front().calendar;
    for (const calendar_segment& s : c.calendars()) {
        if (s.from <= d) {
            cal = &s.calendar;
        }
    }
    return *cal;
}

expected<std::vector<ojson>>
log_observations(const course& c, const std::vector<course_session>& sessions,
                 const std::vector<std::vector<std::size_t>>& requests_of,
                 std::string_view patient_id) {
    std::map<session_key, std::size_t> index;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        index.emplace(sessions[i].key, i);
    }
    std::map<std::string, time_zone> zones;
    std::vector<ojson> pain;
    std::vector<ojson> scores;
    for (std::size_t n = 0; n < c.log().size(); ++n) {
        const session_log& entry = c.log()[n];
        const auto at = index.find(entry.session);
        if (at == index.end()) {
            // Every session logged lies before `export_through`.
            return tl::unexpected(error{errc::invalid_value,
                                        fmt::format("/log/{}/session", n),
                                        "the session logged is not a session of the course",
                                        {},
                                        {}});
        }
        const course_session& s = sessions[at->second];
        const std::string& zone_name = calendar_on(c, s.planned_date).time_zone;
        if (!zones.contains(zone_name)) {
            auto zone = time_zone::locate(zone_name);
            if (!zone) {
                return tl::unexpected(zone.error());
            }
            zones.emplace(zone_name, std::move(*zone));
        }
        const time_zone& zone = zones.at(zone_name);
        const std::chrono::sys_seconds done = entry.done_at.value_or(s.utc);
        const std::string when = local_instant(done, zone.offset_at(done));
        ojson based_on = ojson::array();
        for (const std::size_t k : requests_of[at->second]) {
            based_on.push_back(reference("ServiceRequest", fmt::format("rx-{}", k + 1)));
        }
        const auto rating = [&](const std::optional<pain_score>& score, std::string_view what,
                                std::string effective) {
            if (!score) {
                return;
            }
            ojson o{{"resourceType", "Observation"},
                    {"id", fmt::format("pain-{}", pain.size() + 1)}};
            if (!based_on.empty()) {
                o["basedOn"] = based_on;
            }
            o["status"] = "final";
            o["category"] = category("survey");
            o["code"] = {{"coding", ojson::array({{{"system", loinc},
                                                   {"code", pain_loinc},
                                                   {"display", pain_loinc_display}}})},
                         {"text", fmt::format("Pain {} (0-10)", what)}};
            o["subject"] = reference("Patient", patient_id);
            o["effectiveDateTime"] = std::move(effective);
            o["valueInteger"] = score->value();
            pain.push_back(std::move(o));
        };
        rating(entry.pain_during, "during the session", when);
        rating(entry.pain_after, "after the session", when);
        // The next morning: its local date; the log has no time for it.
        const auto local_day = std::chrono::floor<std::chrono::days>(done + zone.offset_at(done));
        const date next_morning =
            date(1970, 1, 1) + boost::gregorian::days(local_day.time_since_epoch().count() + 1);
        rating(entry.pain_next_morning, "the next morning", iso_date(next_morning));
        for (const measurement& m : entry.measurements) {
            const measure_unit u = unit_of(m.what);
            const std::string name(to_string(m.what));
            scores.push_back(
                {{"resourceType", "Observation"},
                 {"id", fmt::format("measure-{}", scores.size() + 1)},
                 {"basedOn", ojson::array({reference("CarePlan", "careplan")})},
                 {"status", "final"},
                 {"category", category(u.category)},
                 {"code",
                  {{"coding",
                    ojson::array({{{"system", measure_system()},
                                   {"code", detail::token_of(m.what, detail::measure_names)},
                                   {"display", name}}})},
                   {"text", name}}},
                 {"subject", reference("Patient", patient_id)},
                 {"effectiveDateTime", when},
                 {"valueQuantity", detail::fhir::quantity(m.value, u.unit, u.code)}});
        }
    }
    std::ranges::move(scores, std::back_inserter(pain));
    return pain;
}

} // namespace rehab::detail::fhir
