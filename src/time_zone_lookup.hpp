#pragma once
/// @file time_zone_lookup.hpp
/// The data behind a `rehab::time_zone` (`detail::zone_data`, which the
/// public header only declares): the transitions, local time types and
/// footer rule of a TZif file, the table of offset changes with its index by
/// time, and the look-ups the public member functions make in them. Private
/// to src/ (cctz keeps the same part in `time_zone_info.cc` and
/// `time_zone_lookup.cc`). Filled by `read_tzif` (time_zone_tzif.hpp).
///
/// Instants are seconds since 1970-01-01T00:00:00Z, ignoring leap seconds;
/// offsets are seconds east of UTC (local = UTC + offset).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <rehab/time_zone.hpp>

#include "time_zone_posix.hpp"

namespace rehab::detail {

/// The parsed contents of one TZif file and what is derived from them once.
/// Immutable once built; `time_zone` objects share one through a
/// `std::shared_ptr<const zone_data>`.
struct zone_data {
    std::string name;                   ///< "Europe/Copenhagen"
    std::vector<std::int64_t> times;    ///< transition instants, strictly ascending
    std::vector<std::uint8_t> type_of;  ///< the local time type after each transition
    std::vector<local_time_type> types; ///< at least one
    std::optional<posix_tz> footer;     ///< the rule past the last transition
    /// Whether the footer's rule changes the offset again and again (set when
    /// the file is read); when not, it never does: its state is the same all
    /// year, every year.
    bool rule_repeats_changes = false;
    /// The transitions that change the offset, with the offsets either side:
    /// what `next_offset_change` searches (fat files repeat the same offset).
    std::vector<offset_change> changes;
    /// An index into `changes` by time: bucket `b` covers the 2^shift s from
    /// `bucket_origin + b * 2^shift` (2^24 s, about 194 days, for real files)
    /// and holds the first change at or after its start, so a look-up scans
    /// the few changes of one bucket instead of searching the whole table.
    /// At most `max_buckets`: a file whose changes span more uses wider ones.
    static constexpr std::uint64_t max_buckets = 4096;
    int bucket_shift = 24;                      ///< log2 of a bucket's width in seconds
    std::int64_t bucket_origin = 0;             ///< the start of bucket 0: the first change
    std::vector<std::uint32_t> first_in_bucket; ///< per bucket, an index into `changes`
    /// The most changes one bucket holds. Real files hold one to four, and
    /// a look-up then takes that many steps whatever `t` is, with no branch
    /// to mispredict; a file that crams more into a bucket is searched by
    /// bisection within it.
    std::size_t most_in_bucket = 0;
    /// The most changes per bucket that a look-up counts with a fixed loop.
    static constexpr std::size_t fixed_scan_limit = 4;

    /// How far either side of a local time (read as UTC) its instants can
    /// lie, in seconds: more than any offset a file may give (RFC 8536 3.2:
    /// more than -25 hours and less than 26 hours).
    static constexpr std::int64_t offset_reach = 93'600;
    /// Offset changes must be further apart than the window `resolve` reads
    /// (52 hours and a second), so that it holds at most one of them; the
    /// TZif reader refuses files whose changes are closer.
    static constexpr std::int64_t min_change_spacing = 2 * offset_reach + 1;

    /// `t - from` for `t >= from`, without overflow.
    [[nodiscard]] static std::uint64_t distance(std::int64_t from, std::int64_t t) noexcept {
        return static_cast<std::uint64_t>(t) - static_cast<std::uint64_t>(from);
    }

    /// The first change strictly after `t` in `changes` (its end when none).
    /// Inline: it is the whole of `time_zone::next_offset_change` on dates the
    /// table covers, which a schedule's walk calls for every offset change.
    [[nodiscard]] std::size_t first_change_after(std::int64_t t) const noexcept {
        if (changes.empty() || t < bucket_origin) {
            return 0;
        }
        const std::uint64_t bucket = distance(bucket_origin, t) >> bucket_shift;
        if (bucket >= first_in_bucket.size()) {
            return changes.size();
        }
        std::size_t i = first_in_bucket[bucket];
        if (most_in_bucket <= fixed_scan_limit) {
            // The changes are in order, so the bucket's changes at or before
            // `t` are a prefix: count them (independent loads, no branch).
            const std::size_t last = changes.size() - 1;
            std::size_t passed = 0;
            for (std::size_t step = 0; step < most_in_bucket; ++step) {
                const std::size_t j = i + step;
                const auto in_bucket = static_cast<std::size_t>(j <= last);
                const auto not_after = static_cast<std::size_t>(
                    changes[std::min(j, last)].at.time_since_epoch().count() <= t);
                passed += in_bucket & not_after;
            }
            return i + passed;
        }
        // A crowded bucket (only a made-up file has one): a binary search in it.
        const auto bucket_end = bucket + 1 < first_in_bucket.size()
                                    ? changes.begin() + first_in_bucket[bucket + 1]
                                    : changes.end();
        const auto found =
            std::upper_bound(changes.begin() + static_cast<std::ptrdiff_t>(i), bucket_end, t,
                             [](std::int64_t time, const offset_change& c) {
                                 return time < c.at.time_since_epoch().count();
                             });
        return static_cast<std::size_t>(found - changes.begin());
    }

    /// Fills `changes` and its index once the transitions and the footer are read.
    void index_changes();

    /// What is in force at `t`: before the first transition, local time type 0
    /// (RFC 8536, 3.2); from the last transition on, the footer if there is
    /// one, else the type of the last transition.
    [[nodiscard]] zone_state at(std::int64_t t) const noexcept {
        if (times.empty()) {
            return footer ? footer->at(t) : state_of(types.front());
        }
        if (t < times.front()) {
            return state_of(types.front());
        }
        if (footer && t >= times.back()) {
            return footer->at(t);
        }
        const auto next = std::upper_bound(times.begin(), times.end(), t);
        const auto i = static_cast<std::size_t>(next - times.begin()) - 1;
        return state_of(types[type_of[i]]);
    }

    /// How a local time maps onto the time line: its kind and its instant
    /// (`time_zone::classify` and `time_zone::to_utc`).
    struct resolution {
        local_kind kind = local_kind::unique;
        std::int64_t instant = 0;
    };
    /// The resolution of local time `local` (seconds since 1970-01-01T00:00
    /// local): in a gap, moved forward by the gap; in an overlap, the first
    /// occurrence.
    [[nodiscard]] resolution resolve(std::int64_t local) const noexcept;

    /// Every change of what is in force in [from, to), in order
    /// (`time_zone::transitions`, which documents the limits).
    [[nodiscard]] std::vector<zone_transition> transitions(std::int64_t from,
                                                           std::int64_t to) const;

    /// The first change of offset strictly after `after` by the footer's rule,
    /// past the file's table, or nothing when the rule never changes it.
    /// Never inlined, so that the table search stays a small leaf function.
    [[nodiscard, gnu::noinline]] std::optional<offset_change>
    next_change_by_rule(std::int64_t after) const noexcept;

    /// `for_each_rule_change` for the footer past the file's table: the
    /// changes of offset after the later of `from` and the last transition,
    /// for the rule times of the years up to `last_year`, until `visit`
    /// returns false. Nothing without a footer that has daylight time.
    template <class Visit>
    void for_each_footer_change(std::int64_t from, int last_year, Visit&& visit) const {
        if (!footer || !footer->has_dst) {
            return;
        }
        if (!times.empty()) {
            from = std::max(from, times.back());
        }
        from = std::max(from, first_rule_instant); // earlier instants read the state at it
        for_each_rule_change(*footer, from, at(from).offset, last_year, std::forward<Visit>(visit));
    }
};

} // namespace rehab::detail
