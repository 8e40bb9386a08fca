/// @file engine_run.cpp
/// The engine's free functions: the day a protocol counts from
/// (`days_since_day_zero`), the one strict check of a log entry
/// (`check_log_entry`), the whole-log runs built on `progression_engine`
/// (`prescribe`, `simulate`), and the names and formatters of its types.

#include <rehab/engine.hpp>

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <rehab/dates.hpp>
#include <rehab/detail/close_matches.hpp>

namespace rehab {

// --- the day the protocol counts from ------------------------------------------

namespace {

/// Days from `d`, the patient's `field` ("injury_date", "surgery_date"), to
/// `start`; 0 when it is not given. Errors: a special value, a date after the
/// start or more than 100 years before it (`/patient/<field>`).
expected<int> days_before_start(const std::optional<boost::gregorian::date>& d,
                                std::string_view field, boost::gregorian::date start) {
    if (!d) {
        return 0;
    }
    if (d->is_special()) {
        return fail(errc::invalid_value, fmt::format("/patient/{}", field),
                    "must be a calendar date, got a special value");
    }
    const auto days = (start - *d).days();
    if (days < 0) {
        return fail(
            errc::invalid_value, fmt::format("/patient/{}", field),
            fmt::format("{} is after the start date {}", to_iso_date(*d), to_iso_date(start)));
    }
    if (days > 36525) {
        return fail(
            errc::invalid_value, fmt::format("/patient/{}", field),
            fmt::format("{} is more than 100 years before the start date", to_iso_date(*d)));
    }
    return static_cast<int>(days);
}

/// The patient's dates against each other and against what `p` counts from:
/// a surgery before the injury, or the date `p` counts from missing while
/// the other is given (counting from the start instead would be a silent
/// guess).
expected<void> check_patient_dates(const protocol& p, const patient& who) {
    if (who.injury_date && who.surgery_date && !who.injury_date->is_special() &&
        !who.surgery_date->is_special() && *who.surgery_date < *who.injury_date) {
        return fail(errc::invalid_value, "/patient/surgery_date",
                    fmt::format("{} is before the injury on {}", to_iso_date(*who.surgery_date),
                                to_iso_date(*who.injury_date)));
    }
    if (p.counted_from == time_basis::surgery && !who.surgery_date && who.injury_date) {
        return fail(errc::invalid_value, "/patient/surgery_date",
                    fmt::format("{} counts from the surgery: give the surgery date (only the "
                                "injury date is given)",
                                p.id));
    }
    if (p.counted_from == time_basis::injury && !who.injury_date && who.surgery_date) {
        return fail(errc::invalid_value, "/patient/injury_date",
                    fmt::format("{} counts from the injury: give the injury date (only the "
                                "surgery date is given)",
                                p.id));
    }
    return {};
}

/// A start before `p`'s earliest start (`/start`): `elapsed` days after the
/// surgery, or the injury when no surgery date is given. Says from which
/// date the protocol applies and what applies until then.
expected<void> check_earliest_start(const protocol& p, const patient& who,
                                    boost::gregorian::date start, int elapsed) {
    const bool known = who.surgery_date || who.injury_date;
    if (!p.earliest_start || !known) {
        return {};
    }
    const auto need = static_cast<int>(p.earliest_start->after_day_zero.count());
    if (elapsed >= need) {
        return {};
    }
    const char* from = who.surgery_date ? "the surgery" : "the injury";
    std::string why;
    for (const auto& r : p.earliest_start->until_then.rom_limits) {
        why += fmt::format("{}{}", why.empty() ? "; until then: " : ", ", r);
    }
    return fail(errc::invalid_value, "/start",
                fmt::format("{} starts {} days after {}, but applies from day {} ({}){}{}", p.id,
                            elapsed, from, need,
                            to_iso_date(start + boost::gregorian::days(need - elapsed)), why,
                            p.earliest_start->source.empty()
                                ? std::string{}
                                : fmt::format(" ({})", p.earliest_start->source)));
}

} // namespace

expected<int> days_since_day_zero(const protocol& p, const patient& who,
                                  boost::gregorian::date start) {
    if (start.is_special()) {
        return fail(errc::invalid_value, "/start", "must be a calendar date, got a special value");
    }
    if (auto dates = check_patient_dates(p, who); !dates) {
        return tl::unexpected(dates.error());
    }
    auto injury = days_before_start(who.injury_date, "injury_date", start);
    auto surgery = days_before_start(who.surgery_date, "surgery_date", start);
    if (!injury || !surgery) {
        return tl::unexpected(!injury ? injury.error() : surgery.error());
    }
    if (auto early = check_earliest_start(p, who, start, who.surgery_date ? *surgery : *injury);
        !early) {
        return tl::unexpected(early.error());
    }
    switch (p.counted_from) {
    case time_basis::start:
        return 0;
    case time_basis::injury:
        return *injury;
    case time_basis::surgery:
        return *surgery;
    }
    return 0;
}

// --- the check of a log entry --------------------------------------------------

namespace {

/// Measured values out of range (`/measurements/<k>/value`): VISA-A and ATRS
/// totals are 0-100; the rest are counts or percentages, never negative.
expected<void> check_measurements(const session_log& entry) {
    for (std::size_t k = 0; k < entry.measurements.size(); ++k) {
        const measurement& m = entry.measurements[k];
        const bool scored = m.what == measure::visa_a || m.what == measure::atrs;
        if (!(m.value >= 0.0) || (scored && m.value > 100.0)) {
            return fail(errc::invalid_value, fmt::format("/measurements/{}/value", k),
                        fmt::format("{} must be {}, got {}", to_string(m.what),
                                    scored ? "between 0 and 100" : ">= 0", m.value));
        }
    }
    return {};
}

/// The refusal of `item`, logged at `at` (`/items/<k>`), whose exercise `ph`
/// does not prescribe: with close matches, or else every exercise it does.
tl::unexpected<error> not_prescribed(const item_log& item, const std::string& at,
                                     const session_log& entry, const phase& ph) {
    std::vector<std::string_view> ids;
    for (const auto& x : ph.prescriptions) {
        ids.emplace_back(x.exercise);
    }
    const auto close = detail::close_matches(item.exercise, ids);
    return fail(errc::unknown_id, at + "/exercise",
                fmt::format(R"("{}" is not prescribed in {} (phase "{}"){})", item.exercise,
                            entry.session, ph.id,
                            close.empty()
                                ? fmt::format("; it prescribes \"{}\"", fmt::join(ids, "\", \""))
                                : detail::did_you_mean(close)));
}

/// The values of `item`, logged at `at`: a negative added load or seconds.
expected<void> check_item_values(const item_log& item, const std::string& at) {
    if (item.added_load && !(item.added_load->value() >= 0.0)) {
        return fail(errc::invalid_value, at + "/added_load",
                    fmt::format("must be >= 0 kg, got {}", item.added_load->value()));
    }
    if (item.seconds_per_set && item.seconds_per_set->count() < 0) {
        return fail(errc::invalid_value, at + "/seconds_per_set",
                    fmt::format("must be >= 0, got {}", item.seconds_per_set->count()));
    }
    return {};
}

} // namespace

expected<void> check_log_entry(const session_log& entry, const phase& ph) {
    if (entry.status == session_status::missed && !entry.items.empty()) {
        return fail(errc::invalid_value, "/items",
                    fmt::format("a missed session has no items, got {}", entry.items.size()));
    }
    if (auto values = check_measurements(entry); !values) {
        return values;
    }
    if (entry.items.empty()) {
        return {}; // the common case: done as prescribed, nothing to match
    }
    std::vector<bool> listed(ph.prescriptions.size(), false);
    for (std::size_t k = 0; k < entry.items.size(); ++k) {
        const item_log& item = entry.items[k];
        const std::string at = fmt::format("/items/{}", k);
        const auto found =
            std::find_if(ph.prescriptions.begin(), ph.prescriptions.end(),
                         [&](const prescription& x) { return x.exercise == item.exercise; });
        if (found == ph.prescriptions.end()) {
            return not_prescribed(item, at, entry, ph);
        }
        const auto index = static_cast<std::size_t>(found - ph.prescriptions.begin());
        if (listed[index]) {
            return fail(errc::duplicate_id, at + "/exercise",
                        fmt::format("\"{}\" is listed twice", item.exercise));
        }
        listed[index] = true;
        if (auto values = check_item_values(item, at); !values) {
            return values;
        }
    }
    // A done entry with items lists every prescribed exercise (or none).
    if (entry.status == session_status::done) {
        const auto missing = std::find(listed.begin(), listed.end(), false);
        if (missing != listed.end()) {
            const auto i = static_cast<std::size_t>(missing - listed.begin());
            return fail(errc::invalid_value, "/items",
                        fmt::format("a done session lists every prescribed exercise or none; "
                                    "\"{}\" is missing",
                                    ph.prescriptions[i].exercise));
        }
    }
    return {};
}

// --- whole-log functions -----------------------------------------------------------

expected<progression_result> prescribe(const protocol& p, boost::gregorian::date start_date,
                                       const patient& who, std::span<const session_log> log,
                                       session_key which) {
    std::vector<std::size_t> order(log.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return log[a].session < log[b].session; });
    for (std::size_t i = 1; i < order.size(); ++i) {
        if (log[order[i]].session == log[order[i - 1]].session) {
            return fail(errc::duplicate_id, fmt::format("/log/{}", order[i]),
                        fmt::format("a second entry for {} (the first is /log/{})",
                                    log[order[i]].session, order[i - 1]));
        }
    }
    auto engine = progression_engine::start(p, start_date, who);
    if (!engine) {
        return tl::unexpected(engine.error());
    }
    const auto not_planned = [&](std::size_t i) {
        return fail(errc::invalid_value, fmt::format("/log/{}", i),
                    fmt::format("{} is not a planned session of the program", log[i].session));
    };
    // The replay goes on past `which` until every entry has been checked; the
    // result is taken at `which`, so later entries do not change it.
    std::optional<progression_result> result;
    std::size_t cursor = 0;
    while (const auto key = engine->advance()) {
        if (cursor < order.size() && log[order[cursor]].session < *key) {
            return not_planned(order[cursor]);
        }
        if (*key == which) {
            result = progression_result{engine->current(), engine->trace()};
        } else if (which < *key && !result) {
            return fail(
                errc::invalid_value, "/session",
                fmt::format("{} is not a planned session; the next one is {}", which, *key));
        }
        if (cursor < order.size() && log[order[cursor]].session == *key) {
            if (auto recorded = engine->record(log[order[cursor]]); !recorded) {
                return tl::unexpected(
                    recorded.error().inside(fmt::format("/log/{}", order[cursor])));
            }
            ++cursor;
        }
        if (result && cursor == order.size()) {
            return std::move(*result);
        }
    }
    if (cursor < order.size()) {
        return not_planned(order[cursor]);
    }
    if (!result) {
        return fail(errc::invalid_value, "/session",
                    fmt::format("the program is complete before {}", which));
    }
    return std::move(*result);
}

expected<simulation>
simulate(const protocol& p, boost::gregorian::date start_date, const patient& who,
         const std::function<std::optional<session_log>(const session_prescription&)>& report,
         int max_days, criteria_mode mode) {
    auto engine = progression_engine::start(p, start_date, who, mode);
    if (!engine) {
        return tl::unexpected(engine.error());
    }
    simulation out;
    while (auto session = engine->next()) {
        if (session->session.day >= max_days) {
            break;
        }
        std::optional<session_log> log = report ? report(*session) : std::nullopt;
        out.sessions.push_back(std::move(*session));
        if (log) {
            log->session = out.sessions.back().session;
            if (auto recorded = engine->record(*log); !recorded) {
                return tl::unexpected(recorded.error());
            }
        }
    }
    out.complete = engine->complete();
    out.trace = engine->trace();
    return out;
}

// --- names and formatters ---------------------------------------------------------------

std::string_view to_string(body_side s) noexcept {
    return detail::text_of(s, detail::body_side_names);
}

std::string_view to_string(pain_limit l) noexcept {
    return detail::text_of(l, detail::pain_limit_names);
}

std::string_view to_string(trace_action a) noexcept {
    return detail::text_of(a, detail::trace_action_names);
}

} // namespace rehab

auto fmt::formatter<rehab::prescribed_item>::format(const rehab::prescribed_item& i,
                                                    fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    std::string text = fmt::format("{}: {}", i.exercise, i.dose);
    if (i.side) {
        text += fmt::format(" ({})", *i.side);
    }
    return fmt::formatter<std::string_view>::format(text, ctx);
}

auto fmt::formatter<rehab::trace_entry>::format(const rehab::trace_entry& t,
                                                fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    // "phase" and "stop" name themselves in the action ("phase advanced",
    // "stop and refer"): print them once.
    const std::string action = fmt::format("{}", t.action);
    std::string text = (t.rule == "phase" || t.rule == "stop") && action.starts_with(t.rule + " ")
                           ? fmt::format("{}: {}", t.at, action)
                           : fmt::format("{}: {} {}", t.at, t.rule, action);
    if (!t.evidence.empty()) {
        text += fmt::format(" [{}]", fmt::join(t.evidence, "; "));
    }
    if (!t.detail.empty()) {
        text += ": " + t.detail;
    }
    return fmt::formatter<std::string_view>::format(text, ctx);
}
