#include <rehab/course_file.hpp>

#include <array>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <rehab/dates.hpp>

#include "course_json.hpp"
#include "json_read.hpp"
#include "json_write.hpp"
#include "protocol_file_names.hpp"
#include "protocol_json.hpp"

namespace rehab {

namespace {

using namespace detail;
using ojson = nlohmann::ordered_json;

inline constexpr double max_body_weight_kg = 1000.0;

// --- reading -------------------------------------------------------------------

std::optional<boost::gregorian::date> read_date(json_reader& r, const json& v,
                                                const json_path& path) {
    const auto text = read_string(r, v, path);
    if (!text) {
        return std::nullopt;
    }
    auto d = parse_date(*text, path.str());
    if (!d) {
        r.errors().push_back(std::move(d).error());
        return std::nullopt;
    }
    return *d;
}

std::optional<boost::gregorian::date> get_date(object_reader& o, std::string_view key, bool must) {
    const json* v = must ? o.required(key) : o.field(key);
    return v ? read_date(o.reader(), *v, o.at(key)) : std::nullopt;
}

std::vector<clock_time> read_times(json_reader& r, const json& v, const json_path& path) {
    std::vector<clock_time> out;
    if (!expect_array(r, v, path)) {
        return out;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
        const std::string at = fmt::format("{}/{}", path.str(), i);
        if (const auto text = read_string(r, v[i], at)) {
            if (auto t = clock_time::parse(*text, at)) {
                out.push_back(*t);
            } else {
                r.errors().push_back(std::move(t).error());
            }
        }
    }
    return out;
}

session_times read_session_times(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    session_times t;
    if (const json* all = o.field("all")) {
        t.all = read_times(r, *all, o.at("all"));
    }
    if (const json* by = o.field("by_phase")) {
        const std::string base = o.at("by_phase").str();
        if (by->is_object()) {
            for (const auto& [id, list] : by->items()) {
                t.by_phase[id] = read_times(r, list, fmt::format("{}/{}", base, id));
            }
        } else {
            r.add(base, "must be an object of phase ids to times, got " + describe(*by));
        }
    }
    if (const json* by = o.field("by_sessions_per_day")) {
        const std::string base = o.at("by_sessions_per_day").str();
        if (by->is_object()) {
            for (const auto& [count, list] : by->items()) {
                const std::string at = fmt::format("{}/{}", base, count);
                int n = 0;
                const bool digits = !count.empty() && count.size() <= 2 && count.front() != '0' &&
                                    count.find_first_not_of("0123456789") == std::string::npos;
                if (digits) {
                    n = std::stoi(count);
                }
                if (!digits || n < 1 || n > limit::sessions_per_day) {
                    r.add(at, fmt::format("must be a number of sessions a day, 1 to {}, got \"{}\"",
                                          limit::sessions_per_day, count));
                    continue;
                }
                t.by_sessions_per_day[n] = read_times(r, list, at);
            }
        } else {
            r.add(base, "must be an object of sessions a day to times, got " + describe(*by));
        }
    }
    o.finish();
    return t;
}

calendar_segment read_calendar(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    calendar_segment s{.from = get_date(o, "from", true).value_or(boost::gregorian::date{})};
    s.calendar.time_zone = o.get_string("time_zone", true).value_or("UTC");
    if (const json* t = o.field("times")) {
        s.calendar.times = read_session_times(r, *t, o.at("times"));
    }
    if (const json* days = o.get_array("rest_days")) {
        for (std::size_t i = 0; i < days->size(); ++i) {
            if (const auto d =
                    read_enum(r, (*days)[i], json_path(o, "rest_days", i), weekday_names)) {
                s.calendar.rest_days.push_back(*d);
            }
        }
    }
    o.finish();
    return s;
}

std::optional<pain_score> get_pain(object_reader& o, std::string_view key) {
    if (const auto n = o.get_int(key, pain_score::min, pain_score::max)) {
        return pain_score::make(*n).value();
    }
    return std::nullopt;
}

item_log read_item(json_reader& r, const json& v, const json_path& path) {
    object_reader o(r, v, path);
    item_log item;
    item.exercise = o.get_string("exercise", true).value_or("");
    if (const auto n = o.get_int("sets", 0, limit::sets)) {
        item.sets_done = sets{*n};
    }
    if (const auto n = o.get_int("reps_per_set", 0, limit::reps)) {
        item.reps_per_set = reps{*n};
    }
    if (const auto n = o.get_int("seconds_per_set", 0, limit::seconds)) {
        item.seconds_per_set = std::chrono::seconds{*n};
    }
    if (const auto n = o.get_number("added_load_kg", limit::load)) {
        item.added_load = kilograms{*n};
    }
    o.finish();
    return item;
}

/// One log entry and the id of its session.
std::pair<session_log, std::string> read_entry(json_reader& r, const json& v,
                                               const json_path& path) {
    object_reader o(r, v, path);
    session_log e;
    std::string id = o.get_string("session", true).value_or("");
    e.status = o.get_enum("status", session_status_names).value_or(session_status::done);
    if (const json* items = o.get_array("items")) {
        for (std::size_t i = 0; i < items->size(); ++i) {
            e.items.push_back(read_item(r, (*items)[i], json_path(o, "items", i)));
        }
    }
    e.pain_during = get_pain(o, "pain_during");
    e.pain_after = get_pain(o, "pain_after");
    e.pain_next_morning = get_pain(o, "pain_next_morning");
    if (const json* list = o.get_array("measurements")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const json_path at(o, "measurements", i);
            object_reader m(r, (*list)[i], at);
            const auto what = m.get_enum("measure", measure_names, true);
            const auto value = m.get_number("value", limit::measurement, true);
            m.finish();
            if (what && value) {
                e.measurements.push_back({*what, *value});
            }
        }
    }
    e.insertional_pain = o.get_bool("insertional_pain").value_or(false);
    e.snap_or_pop = o.get_bool("snap_or_pop").value_or(false);
    e.unable_to_bear_weight = o.get_bool("unable_to_bear_weight").value_or(false);
    if (const json* at = o.field("done_at")) {
        if (const auto text = read_string(r, *at, o.at("done_at"))) {
            if (auto t = parse_instant(*text, o.at("done_at").str())) {
                e.done_at = *t;
            } else {
                r.errors().push_back(std::move(t).error());
            }
        }
    }
    e.clinician_cleared = o.get_bool("clinician_cleared").value_or(false);
    e.clinician_confirmed = o.get_bool("clinician_confirmed").value_or(false);
    o.finish();
    return {std::move(e), std::move(id)};
}

struct course_parts {
    course_patient patient;
    boost::gregorian::date start;
    criteria_mode mode = criteria_mode::from_log;
    std::vector<protocol_segment> protocols;
    std::vector<calendar_segment> calendars;
    std::vector<course_pause> pauses;
    std::vector<std::pair<session_log, std::string>> log;
};

course_parts read_parts(json_reader& r, const json& v, const catalog& exercises,
                        const load_limits& limits) {
    const std::string root;
    object_reader o(r, v, root);
    course_parts parts;
    if (const json* schema = o.field("$schema")) {
        (void)read_string(r, *schema, o.at("$schema")); // for editors; not read
    }
    if (const auto format = o.get_string("format", true); format && *format != course_file_format) {
        r.add("/format", fmt::format(R"(must be "{}", got "{}")", course_file_format, *format));
    }
    if (const json* who = o.required("patient")) {
        object_reader p(r, *who, o.at("patient"));
        parts.patient.id = p.get_string("id", true).value_or("patient");
        parts.patient.affected_side =
            p.get_enum("affected_side", body_side_names, true).value_or(body_side::left);
        if (const auto kg = p.get_number("body_weight_kg", max_body_weight_kg)) {
            parts.patient.body_weight = kilograms{*kg};
        }
        parts.patient.injury_date = get_date(p, "injury_date", false);
        parts.patient.surgery_date = get_date(p, "surgery_date", false);
        p.finish();
    }
    parts.start = get_date(o, "start", true).value_or(boost::gregorian::date{});
    parts.mode = o.get_enum("criteria", criteria_mode_names).value_or(criteria_mode::from_log);
    if (const json* list = o.get_array("protocols", true)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const json_path at(o, "protocols", i);
            object_reader s(r, (*list)[i], at);
            protocol_segment segment{
                .from = get_date(s, "from", true).value_or(boost::gregorian::date{})};
            if (const json* p = s.required("protocol")) {
                const std::string prefix = s.at("protocol").str();
                protocol program = read_protocol(r, *p, prefix);
                r.merge(validate(program, exercises), prefix);
                check_limits(r, program, limits, prefix);
                segment.program = std::make_shared<const protocol>(std::move(program));
            }
            s.finish();
            parts.protocols.push_back(std::move(segment));
        }
    }
    if (const json* list = o.get_array("calendars", true)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            parts.calendars.push_back(read_calendar(r, (*list)[i], json_path(o, "calendars", i)));
        }
    }
    if (const json* list = o.get_array("pauses")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const json_path at(o, "pauses", i);
            object_reader s(r, (*list)[i], at);
            course_pause p{.from = get_date(s, "from", true).value_or(boost::gregorian::date{})};
            p.to = get_date(s, "to", false);
            s.finish();
            parts.pauses.push_back(p);
        }
    }
    if (const json* list = o.get_array("log")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            parts.log.push_back(read_entry(r, (*list)[i], json_path(o, "log", i)));
        }
    }
    o.finish();
    return parts;
}

// --- writing -------------------------------------------------------------------

ojson times_json(const std::vector<clock_time>& times) {
    ojson j = ojson::array();
    for (const clock_time& t : times) {
        j.push_back(fmt::format("{}", t));
    }
    return j;
}

ojson calendar_json(const calendar_segment& s) {
    ojson j;
    j["from"] = to_iso_date(s.from);
    j["time_zone"] = s.calendar.time_zone;
    const session_times& t = s.calendar.times;
    ojson times = ojson::object();
    if (!t.all.empty()) {
        times["all"] = times_json(t.all);
    }
    if (!t.by_phase.empty()) {
        ojson by = ojson::object();
        for (const auto& [id, list] : t.by_phase) {
            by[id] = times_json(list);
        }
        times["by_phase"] = by;
    }
    if (!t.by_sessions_per_day.empty()) {
        ojson by = ojson::object();
        for (const auto& [n, list] : t.by_sessions_per_day) {
            by[std::to_string(n)] = times_json(list);
        }
        times["by_sessions_per_day"] = by;
    }
    j["times"] = times;
    j["rest_days"] = ojson::array();
    for (const auto d : s.calendar.rest_days) {
        j["rest_days"].push_back(token_of(d, weekday_names));
    }
    return j;
}

ojson entry_json(const session_log& e, const std::string& id) {
    ojson j;
    j["session"] = id;
    j["status"] = token_of(e.status, session_status_names);
    if (!e.items.empty()) {
        j["items"] = ojson::array();
        for (const item_log& item : e.items) {
            ojson i;
            i["exercise"] = item.exercise;
            if (item.sets_done) {
                i["sets"] = item.sets_done->value();
            }
            if (item.reps_per_set) {
                i["reps_per_set"] = item.reps_per_set->value();
            }
            if (item.seconds_per_set) {
                i["seconds_per_set"] = item.seconds_per_set->count();
            }
            if (item.added_load) {
                i["added_load_kg"] = item.added_load->value();
            }
            j["items"].push_back(i);
        }
    }
    for (const auto& [key, pain] :
         {std::pair{"pain_during", e.pain_during}, std::pair{"pain_after", e.pain_after},
          std::pair{"pain_next_morning", e.pain_next_morning}}) {
        if (pain) {
            j[key] = pain->value();
        }
    }
    if (!e.measurements.empty()) {
        j["measurements"] = ojson::array();
        for (const measurement& m : e.measurements) {
            j["measurements"].push_back(
                ojson{{"measure", token_of(m.what, measure_names)}, {"value", m.value}});
        }
    }
    for (const auto& [key, flag] : {std::pair{"insertional_pain", e.insertional_pain},
                                    std::pair{"snap_or_pop", e.snap_or_pop},
                                    std::pair{"unable_to_bear_weight", e.unable_to_bear_weight},
                                    std::pair{"clinician_cleared", e.clinician_cleared},
                                    std::pair{"clinician_confirmed", e.clinician_confirmed}}) {
        if (flag) {
            j[key] = true;
        }
    }
    if (e.done_at) {
        j["done_at"] = to_iso_instant(*e.done_at);
    }
    return j;
}

} // namespace

load_result<course> load_course(std::string_view text, const catalog& exercises,
                                const load_limits& limits) {
    json_reader r;
    const auto doc = parse_json(r, text);
    if (!doc) {
        return tl::unexpected(std::move(r.errors()));
    }
    course_parts parts = read_parts(r, *doc, exercises, limits);
    std::optional<course> c;
    if (r.ok()) {
        std::vector<course_entry> log;
        log.reserve(parts.log.size());
        for (auto& [entry, id] : parts.log) {
            log.push_back({std::move(id), std::move(entry)});
        }
        // A log entry's problem stops the log there: later entries would be
        // read against a log that does not hold it.
        auto made = course::make(std::move(parts.patient), parts.start, std::move(parts.protocols),
                                 std::move(parts.calendars), std::move(parts.pauses),
                                 std::move(log), parts.mode);
        if (made) {
            c = std::move(*made);
        } else {
            r.merge({made.error()});
        }
    }
    if (!r.ok()) {
        locate_and_sort(r.errors(), text);
        return tl::unexpected(std::move(r.errors()));
    }
    return std::move(*c);
}

load_result<course> load_course_file(const std::filesystem::path& file, const catalog& exercises,
                                     const load_limits& limits) {
    const auto text = read_text_file(file);
    if (!text) {
        return tl::unexpected(cannot_read_file(file));
    }
    return load_course(*text, exercises, limits);
}

ojson detail::course_json(const course& c) {
    ojson j;
    j["format"] = course_file_format;
    ojson who;
    who["id"] = c.patient().id;
    who["affected_side"] = token_of(c.patient().affected_side, body_side_names);
    if (c.patient().body_weight) {
        who["body_weight_kg"] = c.patient().body_weight->value();
    }
    if (c.patient().injury_date) {
        who["injury_date"] = to_iso_date(*c.patient().injury_date);
    }
    if (c.patient().surgery_date) {
        who["surgery_date"] = to_iso_date(*c.patient().surgery_date);
    }
    j["patient"] = who;
    j["start"] = to_iso_date(c.start_date());
    j["criteria"] = token_of(c.mode(), criteria_mode_names);
    j["protocols"] = ojson::array();
    for (const protocol_segment& s : c.protocols()) {
        j["protocols"].push_back(
            ojson{{"from", to_iso_date(s.from)}, {"protocol", protocol_json(*s.program)}});
    }
    j["calendars"] = ojson::array();
    for (const calendar_segment& s : c.calendars()) {
        j["calendars"].push_back(calendar_json(s));
    }
    j["pauses"] = ojson::array();
    for (const course_pause& p : c.pauses()) {
        ojson pj{{"from", to_iso_date(p.from)}};
        if (p.to) {
            pj["to"] = to_iso_date(*p.to);
        }
        j["pauses"].push_back(pj);
    }
    j["log"] = ojson::array();
    for (std::size_t i = 0; i < c.log().size(); ++i) {
        j["log"].push_back(entry_json(c.log()[i], c.log_ids()[i]));
    }
    return j;
}

std::string to_json(const course& c) { return dump(detail::course_json(c)); }

} // namespace rehab
