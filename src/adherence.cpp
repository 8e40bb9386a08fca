#include <rehab/adherence.hpp>

#include <map>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/chrono.h>

#include <fmt/format.h>

namespace rehab {

namespace {

/// The log indexed by session key, or an error for a duplicate, an entry
/// the plan does not have, or one `check_log_entry` refuses.
expected<std::map<session_key, const session_log*>> index_log(const schedule& plan,
                                                              std::span<const session_log> log) {
    std::map<session_key, const session_log*> out;
    for (std::size_t i = 0; i < log.size(); ++i) {
        const auto session = plan.find(log[i].session);
        if (!session) {
            return fail(errc::invalid_value, fmt::format("/log/{}", i),
                        fmt::format("{} is not a session of the plan", log[i].session));
        }
        if (!session->held()) {
            return fail(
                errc::invalid_value, fmt::format("/log/{}/session", i),
                fmt::format("{} is not held: {} skipped its time on {}", log[i].session,
                            plan.zone().name(),
                            boost::gregorian::to_iso_extended_string(plan.planned_date(*session))));
        }
        // The plan is nominal: a patient whose criteria hold them in an earlier
        // phase (or move them on sooner) logs another phase's exercises. An
        // entry is refused only if no phase of the protocol prescribes it.
        const auto& phases = plan.program().phases;
        auto checked = check_log_entry(log[i], phases[session->phase]);
        for (std::size_t other = 0; !checked && other < phases.size(); ++other) {
            if (other != session->phase && check_log_entry(log[i], phases[other])) {
                checked = {};
            }
        }
        if (!checked) {
            return tl::unexpected(checked.error().inside(fmt::format("/log/{}", i)));
        }
        if (!out.emplace(log[i].session, &log[i]).second) {
            return fail(errc::duplicate_id, fmt::format("/log/{}", i),
                        fmt::format("a second entry for {}", log[i].session));
        }
    }
    return out;
}

/// Repetitions one item asks of each side: {affected, unaffected}.
std::pair<int, int> per_side(const prescribed_item& item, int reps_per_side) {
    switch (item.dose.side()) {
    case sides::affected_only:
        return {reps_per_side, 0};
    case sides::each:
    case sides::together:
        return {reps_per_side, reps_per_side};
    }
    return {0, 0};
}

bool done_in_time(const session_log& entry, const scheduled_session& s,
                  const adherence_policy& policy) {
    if (entry.status != session_status::done) {
        return false;
    }
    if (policy.policy != missed_policy::make_up || !entry.done_at) {
        return true;
    }
    return *entry.done_at <= s.utc + policy.make_up_window;
}

/// The last of `entry`'s items for `exercise`, or null.
const item_log* logged_item(const session_log& entry, const std::string& exercise) {
    const item_log* found = nullptr;
    for (const auto& i : entry.items) {
        found = i.exercise == exercise ? &i : found;
    }
    return found;
}

/// Repetitions per side of one item: within its prescription, and beyond it.
struct reps_count {
    int within = 0;
    int beyond = 0;
};

/// What `entry` (done in full when `done`, else partial) did of `item`.
reps_count reps_done(const prescribed_item& item, const session_log& entry, bool done) {
    const int planned = item.dose.reps_per_side().value();
    const item_log* detail = logged_item(entry, item.exercise);
    if (detail == nullptr) {
        return {done ? planned : 0, 0};
    }
    const int n_sets = detail->sets_done.value_or(item.dose.sets()).value();
    const auto* r = item.dose.reps_work();
    const int per_set =
        detail->reps_per_set ? detail->reps_per_set->value() : (r != nullptr ? r->reps.value() : 0);
    // Extra work is not extra adherence: it is kept apart.
    const int did = std::min(n_sets * per_set, planned);
    return {did, n_sets * per_set - did};
}

} // namespace

void count_session(adherence_report& report, const session_prescription& prescribed,
                   const session_log* entry, bool done) {
    ++report.due;
    const bool partial = entry != nullptr && entry->status == session_status::partial;
    report.done += done ? 1 : 0;
    report.partial += partial ? 1 : 0;
    report.missed += !done && !partial ? 1 : 0;
    for (const auto& item : prescribed.items) {
        const int planned = item.dose.reps_per_side().value();
        const auto [did, extra] = done || partial ? reps_done(item, *entry, done) : reps_count{};
        const auto [affected_prescribed, other_prescribed] = per_side(item, planned);
        const auto [affected_done, other_done] = per_side(item, did);
        const auto [affected_beyond, other_beyond] = per_side(item, extra);
        report.affected.beyond += affected_beyond;
        report.unaffected.beyond += other_beyond;
        report.affected.prescribed += affected_prescribed;
        report.affected.done += affected_done;
        report.unaffected.prescribed += other_prescribed;
        report.unaffected.done += other_done;
    }
}

expected<adherence_report> adherence(const schedule& plan, std::span<const session_log> log,
                                     boost::gregorian::date first, boost::gregorian::date last,
                                     std::chrono::sys_seconds as_of,
                                     const adherence_policy& policy) {
    if (policy.make_up_window < std::chrono::hours{0}) {
        return fail(errc::invalid_value, "/make_up_window_hours",
                    fmt::format("must be >= 0, got {}", policy.make_up_window.count()));
    }
    if (first > last) {
        return fail(errc::invalid_value, "/first",
                    fmt::format("the window starts on {}, after its last day {}",
                                boost::gregorian::to_iso_extended_string(first),
                                boost::gregorian::to_iso_extended_string(last)));
    }
    if (plan.empty()) {
        return fail(errc::invalid_value, "/first", "the plan has no sessions");
    }
    const boost::gregorian::date plan_first = plan.start();
    const boost::gregorian::date plan_last = plan.planned_date(plan[plan.size() - 1]);
    if (last < plan_first || first > plan_last) {
        return fail(errc::invalid_value, "/first",
                    fmt::format("the window {} to {} holds no day of the plan, which runs from {} "
                                "to {}",
                                boost::gregorian::to_iso_extended_string(first),
                                boost::gregorian::to_iso_extended_string(last),
                                boost::gregorian::to_iso_extended_string(plan_first),
                                boost::gregorian::to_iso_extended_string(plan_last)));
    }
    const std::chrono::local_days first_day{
        std::chrono::year{plan_first.year()} /
        std::chrono::month{static_cast<unsigned>(plan_first.month())} /
        std::chrono::day{static_cast<unsigned>(plan_first.day())}};
    const auto start_midnight =
        plan.zone().to_utc(std::chrono::local_seconds{first_day.time_since_epoch()});
    if (as_of < start_midnight) {
        return fail(errc::invalid_value, "/as_of",
                    fmt::format("{:%Y-%m-%dT%H:%M:%SZ} is before the plan starts ({} in {})", as_of,
                                boost::gregorian::to_iso_extended_string(plan_first),
                                plan.zone().name()));
    }
    auto entries = index_log(plan, log);
    if (!entries) {
        return tl::unexpected(entries.error());
    }
    adherence_report report;
    for (const scheduled_session& s : plan.between(first, last)) {
        if (!s.held()) {
            continue; // the zone skipped its time: not due
        }
        if (s.utc > as_of) {
            break;
        }
        const auto found = entries->find(s.key());
        const session_log* entry = found == entries->end() ? nullptr : found->second;
        count_session(report, plan.prescription(s), entry,
                      entry != nullptr && done_in_time(*entry, s, policy));
    }
    return report;
}

expected<schedule> extend_for_missed(const schedule& plan, std::span<const session_log> log,
                                     std::chrono::sys_seconds as_of) {
    auto entries = index_log(plan, log);
    if (!entries) {
        return tl::unexpected(entries.error());
    }
    schedule_options options = plan.options();
    options.extra_session_days.resize(plan.program().phases.size(), 0);
    std::vector<int> missed_days(plan.program().phases.size(), 0);
    int day = -1;
    bool any_done = false;
    std::size_t phase = 0;
    const auto close_day = [&] {
        if (day >= 0 && !any_done) {
            ++missed_days[phase];
        }
    };
    for (const scheduled_session& s : plan.sessions()) {
        if (!s.held()) {
            continue; // not due: a day of sessions not held is not missed
        }
        if (s.utc > as_of) {
            break;
        }
        if (s.day != day) {
            close_day();
            day = s.day;
            phase = s.phase;
            any_done = false;
        }
        const auto found = entries->find(s.key());
        any_done =
            any_done || (found != entries->end() && found->second->status == session_status::done);
    }
    close_day();
    for (std::size_t i = 0; i < missed_days.size(); ++i) {
        options.extra_session_days[i] += missed_days[i];
    }
    // The same protocol and zone, shared: no copy, no zone file read again.
    return schedule::make(plan.shared_program(), plan.start(), plan.zone(), options);
}

std::string_view to_string(missed_policy p) noexcept {
    return detail::text_of(p, detail::missed_policy_names);
}

} // namespace rehab

auto fmt::formatter<rehab::adherence_report>::format(const rehab::adherence_report& r,
                                                     fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    if (r.due == 0) {
        return fmt::formatter<std::string_view>::format("no sessions due", ctx);
    }
    std::string text = fmt::format("{}/{} sessions ({:.0f} %)", r.done, r.due,
                                   100.0 * r.session_rate().value_or(0.0));
    if (const auto rate = r.affected.rate()) {
        text += fmt::format(", affected side {}/{} reps ({:.0f} %)", r.affected.done,
                            r.affected.prescribed, 100.0 * *rate);
    }
    if (const int beyond = r.affected.beyond + r.unaffected.beyond; beyond > 0) {
        text += fmt::format("; {} reps more than prescribed", beyond);
    }
    return fmt::formatter<std::string_view>::format(text, ctx);
}
