// The FHIR R4 export of a course (`rehab::to_fhir(const course&, ...)`,
// include/rehab/fhir.hpp): a Bundle of a Patient, a CarePlan, the
// ServiceRequests of the doses the engine actually prescribed and of the
// restrictions in force, the Observations of the pain and outcome scores
// logged, and the definitions of the protocols followed.
#include <rehab/fhir.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <rehab/dates.hpp>
#include <rehab/restrictions.hpp>

#include "course_json.hpp"
#include "course_walker.hpp"
#include "export_format.hpp"
#include "fhir_course.hpp"
#include "fhir_write.hpp"
#include "json_write.hpp"

namespace rehab {

namespace {

using boost::gregorian::date;
using detail::iso_date;
using detail::fhir::calendar_on;
using detail::fhir::canonical;
using detail::fhir::ojson;
using detail::fhir::reference;

/// Where a course stands: its last session logged, if any.
struct standing {
    std::optional<session_key> last_logged{};
    bool paused = false; ///< a pause is open
};

/// A run of sessions: its first and last, by index in the sessions exported.
struct run_span {
    std::size_t first = 0;
    std::size_t last = 0;
};

/// A dose period: one exercise for one side at one dose and frequency.
struct dose_period {
    std::size_t segment = 0;
    std::size_t phase_index = 0; ///< the phase of its first session
    prescribed_item item;
    frequency timing{};
    run_span span{};
};

/// A run of sessions in one phase of one protocol segment, or, for a phase
/// with no session (a splint phase), the days it is placed on.
struct phase_run {
    std::size_t segment = 0;
    std::size_t phase_index = 0;
    std::optional<run_span> span{}; ///< absent for a phase with no session
    date first{};                   ///< its days, for a phase with no session
    date last{};
};

/// The frequency of phase `ph` as course calendar `cal` holds its sessions:
/// the course's clock times, and its rest days taken out of the weekdays.
frequency course_frequency(const phase& ph, const course_calendar& cal) {
    frequency f = ph.frequency;
    f.times = *detail::times_for(cal.times, ph).first;
    if (cal.rest_days.empty() || std::holds_alternative<days_per_week>(f.days)) {
        return f;
    }
    std::vector<std::chrono::weekday> days;
    if (const auto* w = std::get_if<on_weekdays>(&f.days)) {
        days = w->days;
    } else {
        for (unsigned d = 1; d <= 7; ++d) {
            days.emplace_back(d % 7); // Monday first, Sunday last
        }
    }
    std::erase_if(days, [&](std::chrono::weekday d) {
        return std::ranges::find(cal.rest_days, d) != cal.rest_days.end();
    });
    if (!days.empty()) {
        f.days = on_weekdays{std::move(days)};
    }
    return f;
}

/// Whether a pause begins after `before` and on or before `d`.
bool paused_between(const course& c, date before, date d) {
    return std::ranges::any_of(
        c.pauses(), [&](const course_pause& p) { return p.from > before && p.from <= d; });
}

/// Everything the resources are made from, gathered in one walk.
class course_fhir {
public:
    course_fhir(const course& c, const catalog& exercises) : c_(c), exercises_(exercises) {}

    expected<std::string> write();

private:
    void gather();
    void add_phases_without_sessions(std::size_t segment, std::size_t from_phase,
                                     std::size_t to_phase, date floor, date next);
    [[nodiscard]] std::string activity_status(std::size_t segment, run_span span) const;
    [[nodiscard]] std::string activity_status(const phase_run& run) const;
    [[nodiscard]] ojson bounds(const phase_run& run) const;
    [[nodiscard]] static std::string_view request_status(std::string_view activity);
    [[nodiscard]] ojson bounds(run_span span) const;
    void dose_requests();
    void restriction_requests();
    void restriction(const phase_run& run, std::string code, std::string instruction,
                     const std::string& source, std::optional<std::string> definition);
    [[nodiscard]] ojson care_plan() const;

    const course& c_;
    const catalog& exercises_;
    std::string patient_id_;
    standing now_{};
    std::vector<course_session> sessions_;
    bool goes_on_ = false; ///< sessions are due after the last one exported
    std::vector<dose_period> periods_;
    std::vector<phase_run> runs_;
    /// The dose periods each session belongs to (indices in `periods_`).
    std::vector<std::vector<std::size_t>> session_periods_;
    std::vector<ojson> requests_;
    std::vector<ojson> activities_;
    std::vector<ojson> observations_;
};

void course_fhir::gather() {
    if (!c_.log().empty()) {
        now_.last_logged = c_.log().back().session;
    }
    now_.paused = !c_.pauses().empty() && !c_.pauses().back().to;
    sessions_ = c_.between(c_.start_date(), detail::export_through(c_, std::nullopt));
    goes_on_ = !sessions_.empty() && c_.next_after(sessions_.back().utc).has_value();
    session_periods_.resize(sessions_.size());
    // The open dose period of each (exercise, side), by index in `periods_`.
    std::map<std::pair<std::string, std::optional<body_side>>, std::size_t> open;
    for (std::size_t i = 0; i < sessions_.size(); ++i) {
        const course_session& s = sessions_[i];
        const session_prescription& rx = *s.prescription;
        const phase& ph = c_.protocols()[s.segment].program->phases[rx.phase_index];
        // A restriction holds through a pause; a dose period ends at one.
        const bool same_segment = i > 0 && sessions_[i - 1].segment == s.segment;
        const bool continues =
            same_segment && !paused_between(c_, sessions_[i - 1].planned_date, s.planned_date);
        if (!same_segment || runs_.back().phase_index != rx.phase_index) {
            if (same_segment) {
                add_phases_without_sessions(
                    s.segment, runs_.back().phase_index + 1, rx.phase_index,
                    sessions_[i - 1].planned_date + boost::gregorian::days(1), s.planned_date);
            } else {
                add_phases_without_sessions(s.segment, 0, rx.phase_index,
                                            c_.protocols()[s.segment].from, s.planned_date);
            }
            runs_.push_back({s.segment, rx.phase_index, run_span{i, i}});
        }
        runs_.back().span->last = i;
        const frequency f = course_frequency(ph, calendar_on(c_, s.planned_date));
        for (const prescribed_item& item : rx.items) {
            const auto key = std::make_pair(item.exercise, item.side);
            const auto it = open.find(key);
            if (continues && it != open.end()) {
                dose_period& p = periods_[it->second];
                if (p.span.last + 1 == i && p.item == item && p.timing == f) {
                    p.span.last = i;
                    session_periods_[i].push_back(it->second);
                    continue;
                }
            }
            open[key] = periods_.size();
            session_periods_[i].push_back(periods_.size());
            periods_.push_back({s.segment, rx.phase_index, item, f, {i, i}});
        }
    }
}

/// The phases `from_phase` to `to_phase` (exclusive) of a segment have no
/// session: each is placed before the next by its minimum duration (at least
/// a day), in the days from `floor` to the day before `next` (the first
/// session after them). Those that do not fit began before the segment (a
/// course starting at week 6 of a rupture protocol) and are left out.
void course_fhir::add_phases_without_sessions(std::size_t segment, std::size_t from_phase,
                                              std::size_t to_phase, date floor, date next) {
    const protocol& p = *c_.protocols()[segment].program;
    std::vector<phase_run> placed;
    date end = next - boost::gregorian::days(1);
    for (std::size_t k = to_phase; k > from_phase && end >= floor; --k) {
        const long long length = std::max<long long>(1, p.phases[k - 1].min_duration.count());
        date first = end - boost::gregorian::days(length - 1);
        first = std::max(first, floor);
        placed.push_back({segment, k - 1, std::nullopt, first, end});
        end = first - boost::gregorian::days(1);
    }
    runs_.insert(runs_.end(), placed.rbegin(), placed.rend());
}

std::string course_fhir::activity_status(const phase_run& run) const {
    if (run.span) {
        return activity_status(run.segment, *run.span);
    }
    if (now_.last_logged) {
        const date logged = c_.start_date() + boost::gregorian::days(now_.last_logged->day);
        if (run.last < logged) {
            return "completed";
        }
        if (!now_.paused && run.first <= logged) {
            return "in-progress";
        }
    }
    return now_.paused ? "on-hold" : "scheduled";
}

ojson course_fhir::bounds(const phase_run& run) const {
    if (run.span) {
        return bounds(*run.span);
    }
    return ojson{{"start", iso_date(run.first)}, {"end", iso_date(run.last)}};
}

std::string course_fhir::activity_status(std::size_t segment, run_span span) const {
    const session_key last = sessions_[span.last].key;
    if (now_.last_logged && last <= *now_.last_logged) {
        // The last period of a protocol another one replaced before the
        // engine found it completed was stopped.
        const bool switched =
            segment + 1 < c_.protocols().size() &&
            (span.last + 1 == sessions_.size() || sessions_[span.last + 1].segment != segment);
        if (switched) {
            const int from =
                static_cast<int>((c_.protocols()[segment].from - c_.start_date()).days());
            const int to =
                static_cast<int>((c_.protocols()[segment + 1].from - c_.start_date()).days());
            const bool completed = std::ranges::any_of(c_.trace(), [&](const trace_entry& e) {
                return e.action == trace_action::completed && e.at.day >= from && e.at.day < to;
            });
            if (!completed) {
                return "stopped";
            }
        }
        return "completed";
    }
    if (now_.paused) {
        return "on-hold";
    }
    if (now_.last_logged && sessions_[span.first].key <= *now_.last_logged) {
        return "in-progress";
    }
    return "scheduled";
}

std::string_view course_fhir::request_status(std::string_view activity) {
    if (activity == "completed") {
        return "completed";
    }
    if (activity == "stopped") {
        return "revoked";
    }
    if (activity == "on-hold") {
        return "on-hold";
    }
    return "active";
}

ojson course_fhir::bounds(run_span span) const {
    ojson period{{"start", iso_date(sessions_[span.first].planned_date)}};
    if (!(goes_on_ && span.last + 1 == sessions_.size())) {
        period["end"] = iso_date(sessions_[span.last].planned_date);
    }
    return period;
}

/// `resource` with `meta.versionId` `version`, after its id.
ojson with_version_id(const ojson& resource, const std::string& version) {
    ojson out = ojson::object();
    for (const auto& [key, value] : resource.items()) {
        out[key] = value;
        if (key == "id") {
            out["meta"] = {{"versionId", version}};
        }
    }
    return out;
}

ojson exercise_code(std::string_view name) {
    return ojson{{"coding", ojson::array({{{"system", detail::fhir::snomed},
                                           {"code", "229065009"},
                                           {"display", "Exercise therapy"}}})},
                 {"text", name}};
}

void course_fhir::dose_requests() {
    for (std::size_t k = 0; k < periods_.size(); ++k) {
        const dose_period& p = periods_[k];
        const std::string id = fmt::format("rx-{}", k + 1);
        const exercise& e = exercises_.get(p.item.exercise).value().get();
        const std::string definition = canonical("ActivityDefinition", e.id);
        const std::string status = activity_status(p.segment, p.span);
        // The kilograms the engine added, unless the dose's text has them.
        const std::string instruction = detail::dose_text(
            p.item, /*with_load=*/!std::holds_alternative<kilograms>(p.item.dose.load()));
        ojson when = detail::fhir::timing(p.timing);
        ojson repeat{{"boundsPeriod", bounds(p.span)}};
        for (const auto& [key, value] : when.at("repeat").items()) {
            repeat[key] = value;
        }
        when["repeat"] = std::move(repeat);
        requests_.push_back(
            {{"resourceType", "ServiceRequest"},
             {"id", id},
             {"extension", ojson::array({detail::fhir::dose_extension(p.item.dose)})},
             {"instantiatesCanonical", ojson::array({definition})},
             {"basedOn", ojson::array({reference("CarePlan", "careplan")})},
             {"status", request_status(status)},
             {"intent", "plan"},
             {"code", exercise_code(e.name)},
             {"subject", reference("Patient", patient_id_)},
             {"occurrenceTiming", when},
             {"patientInstruction", instruction}});
        activities_.push_back({{"detail",
                                {{"kind", "ServiceRequest"},
                                 {"instantiatesCanonical", ojson::array({definition})},
                                 {"code", exercise_code(e.name)},
                                 {"status", status},
                                 {"scheduledTiming", std::move(when)},
                                 {"description", instruction}}}});
    }
}

void course_fhir::restriction(const phase_run& run, std::string code, std::string instruction,
                              const std::string& source, std::optional<std::string> definition) {
    const protocol& p = *c_.protocols()[run.segment].program;
    const std::string reason = fmt::format("A restriction of the phase \"{}\" of {}",
                                           p.phases[run.phase_index].name, p.name);
    const std::string status = activity_status(run);
    ojson request{{"resourceType", "ServiceRequest"},
                  {"id", fmt::format("restriction-{}", requests_.size() - periods_.size() + 1)}};
    ojson detail{{"kind", "ServiceRequest"}};
    if (definition) {
        request["instantiatesCanonical"] = ojson::array({*definition});
        detail["instantiatesCanonical"] = ojson::array({*definition});
    }
    request["basedOn"] = ojson::array({reference("CarePlan", "careplan")});
    request["status"] = request_status(status);
    request["intent"] = "plan";
    request["doNotPerform"] = true;
    request["code"] = {{"text", code}};
    request["subject"] = reference("Patient", patient_id_);
    request["occurrencePeriod"] = bounds(run);
    request["reasonCode"] = ojson::array({{{"text", reason}}});
    if (!source.empty()) {
        request["note"] = ojson::array({{{"text", "Source: " + source}}});
    }
    request["patientInstruction"] = instruction;
    detail["code"] = {{"text", std::move(code)}};
    detail["reasonCode"] = ojson::array({{{"text", reason}}});
    detail["status"] = status;
    detail["doNotPerform"] = true;
    detail["scheduledPeriod"] = bounds(run);
    detail["description"] = std::move(instruction);
    requests_.push_back(std::move(request));
    activities_.push_back({{"detail", std::move(detail)}});
}

void course_fhir::restriction_requests() {
    for (const phase_run& run : runs_) {
        const phase_restrictions& r =
            c_.protocols()[run.segment].program->phases[run.phase_index].restrictions;
        if (r.weight_bearing && r.weight_bearing->affected != weight_bearing::full) {
            restriction(
                run,
                fmt::format("Weight on the affected leg beyond {}", r.weight_bearing->affected),
                fmt::format("Weight on the affected leg: {}", *r.weight_bearing),
                r.weight_bearing->source, std::nullopt);
        }
        for (const rom_limit& limit : r.rom_limits) {
            restriction(run, fmt::format("{} {} beyond the limit", limit.mode, limit.motion),
                        fmt::format("Range of motion: {}", limit), limit.source, std::nullopt);
        }
        for (const activity& a : r.not_allowed) {
            std::string text = "Not yet: " + detail::fhir::activity_words(a.id);
            if (!a.note.empty()) {
                text += " (" + a.note + ")";
            }
            restriction(run, detail::fhir::activity_words(a.id), std::move(text), a.source,
                        canonical("ActivityDefinition", "not-" + detail::fhir::resource_id(a.id)));
        }
    }
}

ojson course_fhir::care_plan() const {
    ojson canonicals = ojson::array();
    std::string title;
    for (const protocol_segment& s : c_.protocols()) {
        const std::string url =
            canonical("PlanDefinition", s.program->id) + "|" + std::to_string(s.program->version);
        if (std::ranges::find(canonicals, ojson(url)) == canonicals.end()) {
            canonicals.push_back(url);
        }
        title += (title.empty() ? "" : ", then ") + s.program->name;
    }
    std::string status = "active";
    if (now_.paused) {
        status = "on-hold";
    } else if (now_.last_logged && !goes_on_ &&
               (sessions_.empty() || sessions_.back().key <= *now_.last_logged)) {
        status = "completed";
    }
    ojson period{{"start", iso_date(c_.start_date())}};
    if (!now_.paused && !goes_on_ && !sessions_.empty()) {
        period["end"] = iso_date(sessions_.back().planned_date);
    }
    // The course as its file holds it, each protocol by its PlanDefinition.
    ojson record = detail::course_json(c_);
    for (ojson& segment : record.at("protocols")) {
        const ojson& p = segment.at("protocol");
        segment["protocol"] = canonical("PlanDefinition", p.at("id").get<std::string>()) + "|" +
                              std::to_string(p.at("version").get<int>());
    }
    return {{"resourceType", "CarePlan"},
            {"id", "careplan"},
            {"extension", ojson::array({{{"url", fhir_course_record_extension_url},
                                         {"valueString", detail::fhir::embedded(record)}}})},
            {"identifier",
             ojson::array({{{"system", std::string(fhir_base_url) + "/course"},
                            {"value", c_.patient().id + "." + iso_date(c_.start_date())}}})},
            {"instantiatesCanonical", std::move(canonicals)},
            {"status", status},
            {"intent", "plan"},
            {"title", title},
            {"subject", reference("Patient", patient_id_)},
            {"period", std::move(period)},
            {"activity", activities_}};
}

expected<std::string> course_fhir::write() {
    // The protocols' own resources, each URL once (each version of a
    // PlanDefinition once: a later version of one already in carries
    // meta.versionId, as bdl-7 asks of entries sharing a fullUrl); their
    // errors first.
    std::vector<ojson> definitions;
    std::set<std::string> urls;
    for (std::size_t i = 0; i < c_.protocols().size(); ++i) {
        expected<std::string> text = to_fhir(*c_.protocols()[i].program, exercises_);
        if (!text) {
            error e = std::move(text.error());
            e.path = fmt::format("/protocols/{}/protocol", i) + e.path;
            return tl::unexpected(std::move(e));
        }
        ojson protocol_bundle = ojson::parse(*text);
        for (ojson& entry : protocol_bundle.at("entry")) {
            const std::string full_url = entry.at("fullUrl").get<std::string>();
            const bool url_seen = !urls.insert(full_url).second;
            if (entry.at("resource").at("resourceType") != "PlanDefinition") {
                if (!url_seen) {
                    definitions.push_back(std::move(entry));
                }
                continue;
            }
            const std::string version = entry.at("resource").at("version").get<std::string>();
            if (urls.insert(fmt::format("{}|{}", full_url, version)).second) {
                if (url_seen) {
                    entry["resource"] = with_version_id(entry.at("resource"), version);
                }
                definitions.push_back(std::move(entry));
            }
        }
    }
    patient_id_ = detail::fhir::resource_id(c_.patient().id);
    gather();
    dose_requests();
    restriction_requests();
    auto observations =
        detail::fhir::log_observations(c_, sessions_, session_periods_, patient_id_);
    if (!observations) {
        return tl::unexpected(observations.error());
    }
    observations_ = std::move(*observations);
    ojson entries = ojson::array();
    const auto add = [&entries](ojson resource) {
        const std::string url = canonical(resource.at("resourceType").get<std::string>(),
                                          resource.at("id").get<std::string>());
        entries.push_back({{"fullUrl", url}, {"resource", std::move(resource)}});
    };
    add({{"resourceType", "Patient"},
         {"id", patient_id_},
         {"identifier", ojson::array({{{"system", std::string(fhir_base_url) + "/patient"},
                                       {"value", c_.patient().id}}})}});
    add(care_plan());
    for (ojson& r : requests_) {
        add(std::move(r));
    }
    for (ojson& o : observations_) {
        add(std::move(o));
    }
    for (ojson& d : definitions) {
        entries.push_back(std::move(d));
    }
    const ojson bundle{{"resourceType", "Bundle"},
                       {"identifier",
                        {{"system", std::string(fhir_base_url) + "/course"},
                         {"value", c_.patient().id + "." + iso_date(c_.start_date())}}},
                       {"type", "collection"},
                       {"entry", std::move(entries)}};
    return detail::dump(bundle);
}

} // namespace

expected<std::string> to_fhir(const course& c, const catalog& exercises) {
    return course_fhir(c, exercises).write();
}

} // namespace rehab
