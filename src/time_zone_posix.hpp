#pragma once
/// @file time_zone_posix.hpp
/// The POSIX TZ rule that ends a TZif file (its footer, RFC 8536 3.3):
/// "CET-1CEST,M3.5.0,M10.5.0/3" says which offsets a zone keeps after the
/// file's last transition, and on which dates it changes between them.
/// Here: parsing the string, the instants its changes fall on in a year, the
/// state it gives at an instant, and its changes in order. Private to src/
/// (cctz keeps the same part in `time_zone_posix.{h,cc}`).
///
/// Instants are seconds since 1970-01-01T00:00:00Z, ignoring leap seconds;
/// offsets are seconds east of UTC (local = UTC + offset).

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace rehab::detail {

/// Rules are evaluated for the years -9999 to 9999: an instant before the
/// first is read as the first, one after the last as the last (the state the
/// rule gives at the end of 9999 holds beyond it). -9999-01-01T00:00:00Z.
inline constexpr std::int64_t first_rule_instant = -377'705'116'800;
/// 9999-12-31T23:59:59Z; see `first_rule_instant`.
inline constexpr std::int64_t last_rule_instant = 253'402'300'799;

/// A local time type: a UTC offset, whether it is daylight (summer) time,
/// and its abbreviation. A TZif file's `ttinfo` records, and the standard and
/// daylight times of a POSIX rule.
struct local_time_type {
    std::int32_t offset = 0; ///< seconds east of UTC
    bool dst = false;
    std::string abbreviation; ///< "CEST", "-03"
};

/// What is in force at an instant, by value except the abbreviation, which
/// views into the `local_time_type` it came from (that must outlive it).
struct zone_state {
    std::int32_t offset = 0;
    bool dst = false;
    std::string_view abbreviation;
    friend bool operator==(const zone_state&, const zone_state&) = default;
};

/// The state that `type` puts in force.
[[nodiscard]] inline zone_state state_of(const local_time_type& type) noexcept {
    return zone_state{type.offset, type.dst, type.abbreviation};
}

/// One of the two changes of a POSIX rule (the start or the end of daylight
/// time): its date in the forms `Jn`, `n` or `Mm.w.d`, and its local time of
/// day, read in the time in force before the change.
struct posix_transition {
    /// How `day` (and for `Mm.w.d`, `week` and `month`) names a date.
    enum class form : std::uint8_t {
        julian_no_leap, ///< `Jn`: day 1-365 of the year, February 29 never counted
        zero_based,     ///< `n`: day 0-365 of the year, February 29 counted
        month_week_day, ///< `Mm.w.d`: weekday `d` of week `w` of month `m`
    };
    form kind = form::month_week_day;
    int day = 0;   ///< Jn: 1-365; n: 0-365; Mm.w.d: weekday 0-6 (Sunday = 0)
    int week = 0;  ///< Mm.w.d: 1-5 (5 = the last such weekday of the month)
    int month = 0; ///< Mm.w.d: 1-12
    /// Seconds after the local midnight starting the date, -167 h to +167 h
    /// (RFC 8536 3.3.1 extends POSIX's 0-24 h); 02:00 when the rule omits it.
    std::int32_t time = 2 * 3600;

    /// The date this names in `year` (a proleptic Gregorian year).
    [[nodiscard]] std::chrono::sys_days date_in(int year) const noexcept;
};

/// A parsed POSIX TZ string: standard time alone, or standard and daylight
/// time with the two changes between them each year.
struct posix_tz {
    local_time_type standard;
    /// Whether the string names a daylight time (and so `start` and `end`).
    bool has_dst = false;
    local_time_type daylight; ///< with `has_dst` only
    posix_transition start;   ///< daylight time starts (read in standard time)
    posix_transition end;     ///< daylight time ends (read in daylight time)

    /// What is in force at instant `t`: the state of the latest change at or
    /// before it (at equal instants, a start after an end, so a rule whose end
    /// meets the next start keeps daylight time all year).
    [[nodiscard]] zone_state at(std::int64_t t) const noexcept;
    /// The instant daylight time starts on the rule's date in year `y`.
    /// With the hours and offsets allowed, it may lie up to about eight days
    /// outside `y`.
    [[nodiscard]] std::int64_t start_in(int y) const noexcept;
    /// The instant daylight time ends on the rule's date in year `y`; see
    /// `start_in`.
    [[nodiscard]] std::int64_t end_in(int y) const noexcept;
};

/// Parses a POSIX TZ string as a TZif footer holds it (RFC 8536 3.3):
/// `std offset [dst [offset] [,start[/time],end[/time]]]`, abbreviations
/// letters only or `<...>` (letters, digits, '+', '-'), offsets
/// `[+-]hh[:mm[:ss]]` west of UTC with hh at most 24, rule times with hh at
/// most 167 and a sign. A daylight time without an offset is one hour ahead of
/// standard time; without dates it follows the US rule (M3.2.0,M11.1.0), as
/// glibc does. Errors: a sentence saying what was expected ("expected a
/// daylight-time abbreviation"), or quoting the text left over after a
/// complete rule.
[[nodiscard]] tl::expected<posix_tz, std::string> parse_posix_tz(std::string_view text);

/// The year of instant `t`, read as `first_rule_instant` or
/// `last_rule_instant` when outside them.
[[nodiscard]] int rule_year_of(std::int64_t t) noexcept;

/// Calls `visit(at, before, after)` for each change of offset by `rule`
/// after `from`, where `offset` is in force, in order, for the rule times of
/// the years up to `last_year`, until `visit` returns false. The rule's state
/// at an instant is that of its latest rule time at or before it, a start
/// winning over an end at the same instant (`posix_tz::at`); each kind of rule
/// time increases from year to year, so the starts and the ends are merged in
/// order. A year's rule times lie within about eight days of it (hours up to
/// 167, offsets up to 25 hours), so the walk starts a year before `from`'s,
/// and a time in late 9999 may come from the year 10000.
template <class Visit>
void for_each_rule_change(const posix_tz& rule, std::int64_t from, std::int32_t offset,
                          int last_year, Visit&& visit) {
    last_year = std::min(last_year, 10'000);
    int starts = rule_year_of(from) - 1;
    int ends = starts;
    for (;;) {
        // The next start and the next end, whichever comes first (both at
        // once: the start wins); the next of each is always known, so a tie
        // is seen even at the end of the years asked for.
        const std::int64_t s = rule.start_in(starts);
        const std::int64_t e = rule.end_in(ends);
        const std::int64_t t = std::min(s, e);
        const bool dst = s <= e;
        if ((dst ? starts : ends) > last_year || t > last_rule_instant) {
            return; // past the years asked for, or past 9999 (its state then holds)
        }
        starts += s <= e ? 1 : 0;
        ends += e <= s ? 1 : 0;
        const std::int32_t now = (dst ? rule.daylight : rule.standard).offset;
        if (t > from && now != offset) {
            if (!visit(t, offset, now)) {
                return;
            }
            offset = now;
        }
    }
}

/// Whether `rule` changes the offset again and again: over the 400 years from
/// 2000 (Gregorian dates repeat every 400 years) it then does so at least
/// twice; a rule that does not never changes it at all (no daylight time, the
/// same offset in both, or daylight time all year).
[[nodiscard]] bool rule_repeats_changes(const posix_tz& rule);

} // namespace rehab::detail
