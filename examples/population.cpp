// Plans Alfredson's protocol for 10,000 patients in Copenhagen, each with
// their own start date, the way a clinic server regenerates plans: one
// planner for the protocol, zone and options, one reused buffer.
#include <rehab/rehab.hpp>

#include <cstddef>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/chrono.h>
#include <fmt/format.h>

int main() {
    const rehab::protocol& alfredson =
        rehab::find_builtin_protocol("alfredson-eccentric").value().get();
    const auto planner =
        rehab::schedule_planner::make(alfredson, {.time_zone = "Europe/Copenhagen"});
    if (!planner) {
        fmt::print(stderr, "{}\n", planner.error());
        return 1;
    }
    std::vector<rehab::scheduled_session> buffer(planner->max_sessions());
    const boost::gregorian::date first_start(2026, 1, 1);
    constexpr int patients = 10'000;
    std::size_t sessions = 0;
    for (int patient = 0; patient < patients; ++patient) {
        const auto plan = planner->plan(first_start + boost::gregorian::days(patient % 365));
        if (!plan) {
            fmt::print(stderr, "patient {}: {}\n", patient, plan.error());
            return 1;
        }
        const std::size_t n = plan->write(buffer);
        sessions += n;
        if (patient % 90 == 0 && patient < 365) { // a few samples across the seasons
            const rehab::scheduled_session& last = buffer[n - 1];
            fmt::print(
                "patient {:>3}: {} sessions, last on {} at {} local, {:%Y-%m-%d %H:%M} UTC\n",
                patient, n, boost::gregorian::to_iso_extended_string(plan->date(last)),
                plan->local_time(last), last.utc);
        }
    }
    fmt::print("{} patients, {} sessions\n", patients, sessions);
}
