#include "time_zone_lookup.hpp"

#include <limits>

namespace rehab::detail {

namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

/// At most this many years of transitions are generated from a POSIX rule by
/// one `transitions` call.
constexpr int max_rule_years = 1000;

std::int64_t add_sat(std::int64_t a, std::int64_t b) noexcept {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) {
        return b > 0 ? std::numeric_limits<std::int64_t>::max()
                     : std::numeric_limits<std::int64_t>::min();
    }
    return r;
}

std::int64_t sub_sat(std::int64_t a, std::int64_t b) noexcept {
    std::int64_t r = 0;
    if (__builtin_sub_overflow(a, b, &r)) {
        return b < 0 ? std::numeric_limits<std::int64_t>::max()
                     : std::numeric_limits<std::int64_t>::min();
    }
    return r;
}

} // namespace

void zone_data::index_changes() {
    changes.clear();
    first_in_bucket.clear();
    for (const std::int64_t t : times) {
        const std::int32_t before =
            at(t == std::numeric_limits<std::int64_t>::min() ? t : t - 1).offset;
        const std::int32_t after = at(t).offset;
        if (before != after) {
            changes.push_back(
                offset_change{sys_seconds{seconds{t}}, seconds{before}, seconds{after}});
        }
    }
    if (changes.empty()) {
        return;
    }
    bucket_origin = changes.front().at.time_since_epoch().count();
    const std::uint64_t span =
        distance(bucket_origin, changes.back().at.time_since_epoch().count());
    bucket_shift = 24;
    while (bucket_shift < 63 && (span >> bucket_shift) >= max_buckets) {
        ++bucket_shift;
    }
    const std::uint64_t last = span >> bucket_shift;
    std::size_t i = 0;
    for (std::uint64_t b = 0; b <= last; ++b) {
        const auto start = static_cast<std::int64_t>(static_cast<std::uint64_t>(bucket_origin) +
                                                     (b << bucket_shift));
        while (i < changes.size() && changes[i].at.time_since_epoch().count() < start) {
            ++i;
        }
        first_in_bucket.push_back(static_cast<std::uint32_t>(i));
    }
    most_in_bucket = 0;
    for (std::size_t b = 0; b < first_in_bucket.size(); ++b) {
        const std::size_t end =
            b + 1 < first_in_bucket.size() ? first_in_bucket[b + 1] : changes.size();
        most_in_bucket = std::max<std::size_t>(most_in_bucket, end - first_in_bucket[b]);
    }
}

zone_data::resolution zone_data::resolve(std::int64_t local) const noexcept {
    // Offsets 26 hours either side (reading `local` as if it were UTC)
    // bracket every instant `local` can be, and the file holds at most one
    // change between them (`min_change_spacing`).
    const std::int32_t before = at(sub_sat(local, offset_reach)).offset;
    const std::int32_t after = at(add_sat(local, offset_reach)).offset;
    const std::int64_t with_before = sub_sat(local, before);
    if (before == after) {
        return {local_kind::unique, with_before};
    }
    const std::int64_t with_after = sub_sat(local, after);
    const bool before_fits = at(with_before).offset == before;
    const bool after_fits = at(with_after).offset == after;
    if (before_fits && after_fits) {
        return {local_kind::overlap, std::min(with_before, with_after)};
    }
    if (before_fits || after_fits) {
        return {local_kind::unique, before_fits ? with_before : with_after};
    }
    // A gap: the offset before the change moves the time forward by the gap.
    return {local_kind::gap, with_before};
}

std::vector<zone_transition> zone_data::transitions(std::int64_t from, std::int64_t to) const {
    std::vector<zone_transition> out;
    if (from >= to) {
        return out;
    }
    // A change at `t`: what is in force just before and at `t` differ.
    const auto add = [&](std::int64_t t) {
        const zone_state before = at(sub_sat(t, 1));
        const zone_state after = at(t);
        if (before != after && (out.empty() || out.back().at.time_since_epoch().count() < t)) {
            out.push_back(zone_transition{sys_seconds{seconds{t}}, seconds{before.offset},
                                          seconds{after.offset}, std::string(after.abbreviation),
                                          after.dst});
        }
    };
    const auto first = std::lower_bound(times.begin(), times.end(), from);
    const auto last = std::lower_bound(times.begin(), times.end(), to);
    for (auto it = first; it != last; ++it) {
        add(*it);
    }
    if (!footer || !footer->has_dst) {
        return out;
    }
    // Past the last transition, the footer's rule, year by year (at most
    // `max_rule_years` years).
    const std::int64_t rule_from = times.empty() ? from : std::max(from, add_sat(times.back(), 1));
    if (rule_from >= to) {
        return out;
    }
    const int first_year = rule_year_of(rule_from) - 1;
    const int last_year = std::min(rule_year_of(to) + 1, first_year + max_rule_years);
    std::vector<std::int64_t> rule_changes;
    for (int y = first_year; y <= last_year; ++y) {
        for (const std::int64_t t : {footer->start_in(y), footer->end_in(y)}) {
            if (t >= rule_from && t < to) {
                rule_changes.push_back(t);
            }
        }
    }
    std::sort(rule_changes.begin(), rule_changes.end());
    for (const std::int64_t t : rule_changes) {
        add(t);
    }
    return out;
}

// A rule that changes the offset again and again does so within any 400
// years (Gregorian dates repeat); one that does not never changes it (`at`
// reads the footer from the last transition on, so the table's last change is
// in the table).
std::optional<offset_change> zone_data::next_change_by_rule(std::int64_t after) const noexcept {
    if (!rule_repeats_changes) {
        return std::nullopt;
    }
    const std::int64_t from = times.empty() ? after : std::max(after, times.back());
    std::optional<offset_change> found;
    for_each_footer_change(
        after, rule_year_of(from) + 402,
        [&](std::int64_t t, std::int32_t before, std::int32_t now) {
            found = offset_change{sys_seconds{seconds{t}}, seconds{before}, seconds{now}};
            return false;
        });
    return found;
}

} // namespace rehab::detail
