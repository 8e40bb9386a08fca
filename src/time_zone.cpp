#include <rehab/time_zone.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>

#include <fmt/format.h>

namespace rehab {

/// The parsed contents of one TZif file. Instants are seconds since the Unix
/// epoch; offsets are seconds east of UTC (local = UTC + offset).
struct time_zone::data {
    /// A local time type (`ttinfo`).
    struct local_type {
        std::int32_t offset = 0;
        bool dst = false;
        std::string abbreviation;
    };

    /// What is in force at an instant; `abbreviation` views into `data`.
    struct state {
        std::int32_t offset = 0;
        bool dst = false;
        std::string_view abbreviation;
        friend bool operator==(const state&, const state&) = default;
    };

    /// One of the two dates of a POSIX TZ rule (`Jn`, `n` or `Mm.w.d`), with
    /// its local time of day (seconds, -167 h to +167 h).
    struct rule {
        enum class form : std::uint8_t { julian_no_leap, zero_based, month_week_day };
        form kind = form::month_week_day;
        int day = 0;   ///< Jn: 1-365; n: 0-365; Mm.w.d: weekday 0-6 (Sunday = 0)
        int week = 0;  ///< Mm.w.d: 1-5 (5 = last)
        int month = 0; ///< Mm.w.d: 1-12
        std::int32_t time = 2 * 3600;
    };

    /// The POSIX TZ string of the footer ("CET-1CEST,M3.5.0,M10.5.0/3").
    struct posix_tz {
        local_type standard;
        bool has_dst = false;
        local_type daylight;
        rule start;
        rule end;

        [[nodiscard]] state at(std::int64_t t) const noexcept;
        /// The instants DST starts and ends in `y` (local rule dates of `y`).
        [[nodiscard]] std::int64_t start_in(int y) const noexcept;
        [[nodiscard]] std::int64_t end_in(int y) const noexcept;
    };

    std::string name;
    std::vector<std::int64_t> times;   ///< transition instants, strictly ascending
    std::vector<std::uint8_t> type_of; ///< the local time type after each transition
    std::vector<local_type> types;     ///< at least one
    std::optional<posix_tz> footer;    ///< the rule past the last transition
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
    int bucket_shift = 24;
    std::int64_t bucket_origin = 0;
    std::vector<std::uint32_t> first_in_bucket;
    /// The most changes one bucket holds. Real files hold one to four, and
    /// a look-up then takes that many steps whatever `t` is, with no branch
    /// to mispredict; a file that crams more into a bucket is searched by
    /// bisection within it.
    std::size_t most_in_bucket = 0;
    static constexpr std::size_t fixed_scan_limit = 4;

    /// `t - from` for `t >= from`, without overflow.
    [[nodiscard]] static std::uint64_t distance(std::int64_t from, std::int64_t t) noexcept {
        return static_cast<std::uint64_t>(t) - static_cast<std::uint64_t>(from);
    }

    /// The first change strictly after `t` in `changes` (its end when none).
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
                passed += static_cast<std::size_t>(
                    (j <= last) & (changes[std::min(j, last)].at.time_since_epoch().count() <= t));
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
    void index_changes() {
        changes.clear();
        first_in_bucket.clear();
        for (const std::int64_t t : times) {
            const std::int32_t before =
                at(t == std::numeric_limits<std::int64_t>::min() ? t : t - 1).offset;
            const std::int32_t after = at(t).offset;
            if (before != after) {
                changes.push_back(offset_change{std::chrono::sys_seconds{std::chrono::seconds{t}},
                                                std::chrono::seconds{before},
                                                std::chrono::seconds{after}});
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

    [[nodiscard]] static state view(const local_type& t) noexcept {
        return state{t.offset, t.dst, t.abbreviation};
    }

    /// What is in force at `t`: before the first transition, local time type 0
    /// (RFC 8536, 3.2); from the last transition on, the footer if there is
    /// one, else the type of the last transition.
    [[nodiscard]] state at(std::int64_t t) const noexcept {
        if (times.empty()) {
            return footer ? footer->at(t) : view(types.front());
        }
        if (t < times.front()) {
            return view(types.front());
        }
        if (footer && t >= times.back()) {
            return footer->at(t);
        }
        const auto next = std::upper_bound(times.begin(), times.end(), t);
        const auto i = static_cast<std::size_t>(next - times.begin()) - 1;
        return view(types[type_of[i]]);
    }

    struct resolution {
        local_kind kind = local_kind::unique;
        std::int64_t instant = 0;
    };
    [[nodiscard]] resolution resolve(std::int64_t local) const noexcept;
};

namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

constexpr std::string_view zone_path = "/time_zone";
constexpr std::int64_t seconds_per_day = 86'400;

/// POSIX rules are evaluated for years -9999 to 9999; instants outside are
/// clamped (the rule's answer for the year 9999 holds beyond it).
constexpr std::int64_t first_rule_instant = -377'705'116'800; // -9999-01-01T00:00:00Z
constexpr std::int64_t last_rule_instant = 253'402'300'799;   // 9999-12-31T23:59:59Z

/// At most this many years of transitions are generated from a POSIX rule by
/// one `transitions` call.
constexpr int max_rule_years = 1000;

/// UTC offsets a file may give, in seconds: RFC 8536 3.2 asks for more than
/// -25 hours and less than 26 hours (footer offsets are at most 24:59:59).
constexpr std::int32_t min_offset = -89'999;
constexpr std::int32_t max_offset = 93'599;

/// How far either side of a local time (read as UTC) its instants can lie:
/// more than any offset.
constexpr std::int64_t offset_reach = 93'600;

/// Offset changes must be further apart than the window `resolve` reads, so
/// that it holds at most one of them.
constexpr std::int64_t min_change_spacing = 2 * offset_reach + 1;

/// Local time types are indexed by a byte.
constexpr std::uint32_t max_types = 256;

/// Files larger than this are not TZif (real ones are a few KiB).
constexpr std::uintmax_t max_file_size = std::uintmax_t{4} << 20;

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

int year_of(std::int64_t t) noexcept {
    t = std::clamp(t, first_rule_instant, last_rule_instant);
    const auto d = std::chrono::floor<days>(sys_seconds{seconds{t}});
    return static_cast<int>(std::chrono::year_month_day{d}.year());
}

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
void for_each_rule_change(const time_zone::data::posix_tz& rule, std::int64_t from,
                          std::int32_t offset, int last_year, Visit&& visit) {
    last_year = std::min(last_year, 10'000);
    int starts = year_of(from) - 1;
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

/// The same for the footer of `d`, past the file's table: from the later of
/// `from` and the last transition.
template <class Visit>
void for_each_rule_change(const time_zone::data& d, std::int64_t from, int last_year,
                          Visit&& visit) {
    if (!d.footer || !d.footer->has_dst) {
        return;
    }
    if (!d.times.empty()) {
        from = std::max(from, d.times.back());
    }
    from = std::max(from, first_rule_instant); // earlier instants read the state at it
    for_each_rule_change(*d.footer, from, d.at(from).offset, last_year, std::forward<Visit>(visit));
}

/// Whether `rule` changes the offset again and again: over the 400 years from
/// 2000 (Gregorian dates repeat every 400 years) it then does so at least
/// twice; a rule that does not never changes it at all.
bool rule_repeats_changes(const time_zone::data::posix_tz& rule) {
    if (!rule.has_dst || rule.daylight.offset == rule.standard.offset) {
        return false;
    }
    constexpr std::int64_t from = 946'684'800; // 2000-01-01T00:00:00Z
    int changes = 0;
    for_each_rule_change(rule, from, rule.at(from).offset, 2401,
                         [&](std::int64_t, std::int32_t, std::int32_t) { return ++changes < 2; });
    return changes >= 2;
}

/// "2027-03-28T01:00:00Z" for instants in the years -9999 to 9999, else the
/// seconds since 1970-01-01T00:00:00Z.
std::string instant_text(std::int64_t t) {
    if (t < first_rule_instant || t > last_rule_instant) {
        return fmt::format("{} s after 1970-01-01T00:00:00Z", t);
    }
    const sys_seconds instant{seconds{t}};
    const auto day = std::chrono::floor<days>(instant);
    const std::chrono::year_month_day date{day};
    const std::chrono::hh_mm_ss<seconds> time{instant - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                       time.hours().count(), time.minutes().count(), time.seconds().count());
}

std::int64_t day_start(sys_days d) noexcept {
    return static_cast<std::int64_t>(d.time_since_epoch().count()) * seconds_per_day;
}

/// The date `r` names in year `y`.
sys_days rule_date(const time_zone::data::rule& r, int y) noexcept {
    using namespace std::chrono;
    const year yy{y};
    const sys_days jan1{yy / January / 1};
    switch (r.kind) {
    case time_zone::data::rule::form::julian_no_leap: // Jn: February 29 is never counted
        return jan1 + days{r.day - 1 + (yy.is_leap() && r.day >= 60 ? 1 : 0)};
    case time_zone::data::rule::form::zero_based:
        return jan1 + days{r.day};
    case time_zone::data::rule::form::month_week_day:
        break;
    }
    const month m{static_cast<unsigned>(r.month)};
    const weekday wd{static_cast<unsigned>(r.day)};
    if (r.week >= 5) {
        return sys_days{yy / m / wd[last]};
    }
    return sys_days{yy / m / wd[static_cast<unsigned>(r.week)]};
}

/// Text from a file, shortened and with non-printable bytes replaced, for
/// error messages.
std::string printable(std::string_view s, std::size_t max = 64) {
    std::string out;
    for (const char c : s.substr(0, max)) {
        out += (c >= 0x20 && c < 0x7f) ? c : '?';
    }
    if (s.size() > max) {
        out += "...";
    }
    return out;
}

// ---------------------------------------------------------------------------
// POSIX TZ strings (the TZif footer)

class tz_string_parser {
public:
    using posix_tz = time_zone::data::posix_tz;
    using rule = time_zone::data::rule;
    using result = tl::expected<posix_tz, std::string>;

    explicit tz_string_parser(std::string_view text) : text_(text) {}

    result parse() {
        posix_tz tz;
        if (!abbreviation(tz.standard.abbreviation)) {
            return tl::unexpected<std::string>("expected a standard-time abbreviation");
        }
        std::int32_t west = 0;
        if (!signed_time(24, west)) {
            return tl::unexpected<std::string>(
                "expected the standard time's offset as [+-]hh[:mm[:ss]] (hh at most 24)");
        }
        tz.standard.offset = -west;
        if (done()) {
            return tz;
        }
        tz.has_dst = true;
        tz.daylight.dst = true;
        if (!abbreviation(tz.daylight.abbreviation)) {
            return tl::unexpected<std::string>("expected a daylight-time abbreviation");
        }
        tz.daylight.offset = tz.standard.offset + 3600;
        if (!done() && peek() != ',') {
            if (!signed_time(24, west)) {
                return tl::unexpected<std::string>(
                    "expected the daylight time's offset as [+-]hh[:mm[:ss]] (hh at most 24)");
            }
            tz.daylight.offset = -west;
        }
        if (done()) {
            // POSIX leaves the rule to the implementation; glibc uses the US rule.
            tz.start = rule{rule::form::month_week_day, 0, 2, 3, 7200};
            tz.end = rule{rule::form::month_week_day, 0, 1, 11, 7200};
            return tz;
        }
        if (!(eat(',') && date_rule(tz.start) && eat(',') && date_rule(tz.end))) {
            return tl::unexpected<std::string>(
                "expected ',start[/time],end[/time]' with dates as Jn, n or Mm.w.d");
        }
        if (!done()) {
            return tl::unexpected<std::string>(fmt::format("unexpected text \"{}\" after the rule",
                                                           printable(text_.substr(pos_))));
        }
        return tz;
    }

private:
    [[nodiscard]] bool done() const noexcept { return pos_ >= text_.size(); }
    [[nodiscard]] char peek() const noexcept { return done() ? '\0' : text_[pos_]; }
    bool eat(char c) noexcept {
        if (peek() != c || done()) {
            return false;
        }
        ++pos_;
        return true;
    }
    static bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
    static bool is_alpha(char c) noexcept {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /// `<...>` (letters, digits, '+', '-') or letters only.
    bool abbreviation(std::string& out) {
        const std::size_t begin = pos_;
        if (eat('<')) {
            while (!done() &&
                   (is_alpha(peek()) || is_digit(peek()) || peek() == '+' || peek() == '-')) {
                ++pos_;
            }
            out = std::string(text_.substr(begin + 1, pos_ - begin - 1));
            return !out.empty() && eat('>');
        }
        while (!done() && is_alpha(peek())) {
            ++pos_;
        }
        out = std::string(text_.substr(begin, pos_ - begin));
        return !out.empty();
    }

    /// 1 to `max_digits` decimal digits, at most `max`.
    bool number(int max_digits, int max, int& out) noexcept {
        int value = 0;
        int n = 0;
        while (n < max_digits && !done() && is_digit(peek())) {
            value = value * 10 + (peek() - '0');
            ++pos_;
            ++n;
        }
        out = value;
        return n > 0 && value <= max && (done() || !is_digit(peek()));
    }

    /// [+-]hh[:mm[:ss]] with hh at most `max_hours`, in seconds.
    bool signed_time(int max_hours, std::int32_t& out) noexcept {
        const bool negative = peek() == '-';
        if (peek() == '+' || peek() == '-') {
            ++pos_;
        }
        int h = 0;
        int m = 0;
        int s = 0;
        if (!number(3, max_hours, h)) {
            return false;
        }
        if (eat(':')) {
            if (!number(2, 59, m)) {
                return false;
            }
            if (eat(':') && !number(2, 59, s)) {
                return false;
            }
        }
        const std::int32_t magnitude = h * 3600 + m * 60 + s;
        out = negative ? -magnitude : magnitude;
        return true;
    }

    bool date_rule(rule& r) noexcept {
        if (eat('J')) {
            r.kind = rule::form::julian_no_leap;
            if (!number(3, 365, r.day) || r.day < 1) {
                return false;
            }
        } else if (eat('M')) {
            r.kind = rule::form::month_week_day;
            if (!number(2, 12, r.month) || r.month < 1 || !eat('.') || !number(1, 5, r.week) ||
                r.week < 1 || !eat('.') || !number(1, 6, r.day)) {
                return false;
            }
        } else {
            r.kind = rule::form::zero_based;
            if (!number(3, 365, r.day)) {
                return false;
            }
        }
        r.time = 2 * 3600;
        if (eat('/')) {
            return signed_time(167, r.time);
        }
        return true;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

// ---------------------------------------------------------------------------
// TZif

class byte_reader {
public:
    explicit byte_reader(std::string_view bytes) : bytes_(bytes) {}

    [[nodiscard]] std::size_t remaining() const noexcept { return bytes_.size() - pos_; }
    [[nodiscard]] std::string_view rest() const noexcept { return bytes_.substr(pos_); }

    /// The next `n` bytes, or nothing (and no move) when fewer are left.
    std::optional<std::string_view> take(std::uint64_t n) noexcept {
        if (n > remaining()) {
            return std::nullopt;
        }
        const auto size = static_cast<std::size_t>(n);
        const std::string_view out = bytes_.substr(pos_, size);
        pos_ += size;
        return out;
    }

private:
    std::string_view bytes_;
    std::size_t pos_ = 0;
};

std::uint8_t byte_at(std::string_view s, std::size_t i) noexcept {
    return static_cast<std::uint8_t>(s[i]);
}

std::uint32_t be32(std::string_view s, std::size_t at) noexcept {
    return (std::uint32_t{byte_at(s, at)} << 24) | (std::uint32_t{byte_at(s, at + 1)} << 16) |
           (std::uint32_t{byte_at(s, at + 2)} << 8) | std::uint32_t{byte_at(s, at + 3)};
}

std::uint64_t be64(std::string_view s, std::size_t at) noexcept {
    return (std::uint64_t{be32(s, at)} << 32) | std::uint64_t{be32(s, at + 4)};
}

struct tzif_header {
    char version = '\0';
    std::uint32_t isutcnt = 0;
    std::uint32_t isstdcnt = 0;
    std::uint32_t leapcnt = 0;
    std::uint32_t timecnt = 0;
    std::uint32_t typecnt = 0;
    std::uint32_t charcnt = 0;

    /// The size of the data block that follows, with `time_size`-byte times.
    [[nodiscard]] std::uint64_t block_size(std::uint64_t time_size) const noexcept {
        return std::uint64_t{timecnt} * (time_size + 1) + std::uint64_t{typecnt} * 6 + charcnt +
               std::uint64_t{leapcnt} * (time_size + 4) + isstdcnt + isutcnt;
    }
};

class tzif_parser {
public:
    tzif_parser(std::string_view name, std::string_view bytes) : name_(name), in_(bytes) {}

    expected<std::shared_ptr<const time_zone::data>> parse() {
        auto first = header("");
        if (!first) {
            return tl::unexpected(first.error());
        }
        auto d = std::make_shared<time_zone::data>();
        d->name = std::string(name_);
        if (first->version == '\0') {
            if (auto ok = block(*first, 4, *d); !ok) {
                return tl::unexpected(ok.error());
            }
            return finish(std::move(d));
        }
        // Version 2+: skip the version 1 block, read the 64-bit one and the footer.
        if (!in_.take(first->block_size(4))) {
            return bad(fmt::format("truncated version 1 data block ({} bytes declared, {} left)",
                                   first->block_size(4), in_.remaining()));
        }
        auto second = header(" of the 64-bit data");
        if (!second) {
            return tl::unexpected(second.error());
        }
        if (auto ok = block(*second, 8, *d); !ok) {
            return tl::unexpected(ok.error());
        }
        if (auto ok = footer(*d); !ok) {
            return tl::unexpected(ok.error());
        }
        return finish(std::move(d));
    }

private:
    /// What is derived once the transitions and the footer are read: the
    /// table of offset changes and its index, whether the footer's rule
    /// repeats its changes; then the spacing check.
    expected<std::shared_ptr<const time_zone::data>>
    finish(std::shared_ptr<time_zone::data> d) const {
        d->index_changes();
        d->rule_repeats_changes = d->footer && rule_repeats_changes(*d->footer);
        if (auto ok = spacing(*d); !ok) {
            return tl::unexpected(ok.error());
        }
        return d;
    }

    /// Local times are read on the assumption that the offset changes at most
    /// once in any 52 hours: `resolve` and a schedule's walk along the offsets
    /// look at the change nearest a local time. Every IANA zone keeps to it
    /// (the closest changes are about 96 hours apart, Africa/Freetown in
    /// 1939), so a file with closer changes is refused rather than read into
    /// wrong instants. The footer's rule is followed for 402 years past the
    /// table: Gregorian dates repeat every 400 years, so that is every date
    /// its rule times can fall on.
    [[nodiscard]] expected<void> spacing(const time_zone::data& d) const {
        const auto too_close = [](std::int64_t earlier, std::int64_t later) {
            return time_zone::data::distance(earlier, later) <
                   static_cast<std::uint64_t>(min_change_spacing);
        };
        const auto transition = [&](const offset_change& c) {
            return std::lower_bound(d.times.begin(), d.times.end(),
                                    c.at.time_since_epoch().count()) -
                   d.times.begin();
        };
        for (std::size_t i = 1; i < d.changes.size(); ++i) {
            const std::int64_t earlier = d.changes[i - 1].at.time_since_epoch().count();
            const std::int64_t later = d.changes[i].at.time_since_epoch().count();
            if (too_close(earlier, later)) {
                return bad(fmt::format("transitions {} ({}) and {} change the UTC offset {} s "
                                       "apart; changes must be more than 52 hours apart",
                                       transition(d.changes[i - 1]), instant_text(earlier),
                                       transition(d.changes[i]),
                                       time_zone::data::distance(earlier, later)));
            }
        }
        std::optional<std::int64_t> previous;
        if (!d.changes.empty()) {
            previous = d.changes.back().at.time_since_epoch().count();
        }
        const std::int64_t from = d.times.empty() ? 0 : d.times.back();
        std::optional<std::int64_t> close; // the first rule change too close to the one before
        for_each_rule_change(d, from, year_of(from) + 402,
                             [&](std::int64_t t, std::int32_t, std::int32_t) {
                                 if (previous && too_close(*previous, t)) {
                                     close = t;
                                     return false;
                                 }
                                 previous = t;
                                 return true;
                             });
        if (close) {
            return bad(
                fmt::format("the footer's rule \"{}\" changes the UTC offset at {}, {} s after the "
                            "change at {}; changes must be more than 52 hours apart",
                            printable(footer_text_), instant_text(*close),
                            time_zone::data::distance(*previous, *close), instant_text(*previous)));
        }
        return {};
    }

    [[nodiscard]] tl::unexpected<error> bad(std::string_view what) const {
        return fail(errc::parse_error, std::string(zone_path),
                    fmt::format("{} is not a valid TZif file: {}", name_, what));
    }

    expected<tzif_header> header(std::string_view which) {
        const auto h = in_.take(44);
        if (!h) {
            return bad(
                fmt::format("truncated header{} ({} bytes, 44 needed)", which, in_.remaining()));
        }
        if (h->substr(0, 4) != "TZif") {
            return bad(fmt::format("the header{} does not start with \"TZif\"", which));
        }
        tzif_header out;
        out.version = (*h)[4];
        if (out.version != '\0' && out.version != '2' && out.version != '3' && out.version != '4') {
            return bad(fmt::format("unsupported version byte 0x{:02x} in the header{}",
                                   byte_at(*h, 4), which));
        }
        out.isutcnt = be32(*h, 20);
        out.isstdcnt = be32(*h, 24);
        out.leapcnt = be32(*h, 28);
        out.timecnt = be32(*h, 32);
        out.typecnt = be32(*h, 36);
        out.charcnt = be32(*h, 40);
        return out;
    }

    expected<void> block(const tzif_header& h, std::uint64_t time_size, time_zone::data& d) {
        if (h.typecnt == 0) {
            return bad("no local time types");
        }
        if (h.typecnt > max_types) {
            return bad(fmt::format("{} local time types (at most {})", h.typecnt, max_types));
        }
        if (h.charcnt == 0) {
            return bad("no time-zone abbreviation characters");
        }
        if (h.isstdcnt != 0 && h.isstdcnt != h.typecnt) {
            return bad(fmt::format("{} standard/wall indicators for {} local time types",
                                   h.isstdcnt, h.typecnt));
        }
        if (h.isutcnt != 0 && h.isutcnt != h.typecnt) {
            return bad(fmt::format("{} UT/local indicators for {} local time types", h.isutcnt,
                                   h.typecnt));
        }
        // Every section is checked against what is left before anything is
        // allocated, so the counts are bounded by the input size.
        const auto times = in_.take(std::uint64_t{h.timecnt} * time_size);
        if (!times) {
            return bad(
                fmt::format("truncated transition table ({} transitions declared)", h.timecnt));
        }
        const auto indices = in_.take(h.timecnt);
        if (!indices) {
            return bad("truncated transition type indices");
        }
        const auto types = in_.take(std::uint64_t{h.typecnt} * 6);
        if (!types) {
            return bad("truncated local time type table");
        }
        const auto chars = in_.take(h.charcnt);
        if (!chars) {
            return bad("truncated abbreviation characters");
        }
        if (!in_.take(std::uint64_t{h.leapcnt} * (time_size + 4))) {
            return bad("truncated leap-second records");
        }
        if (h.leapcnt != 0) {
            // A "right/" file counts the leap seconds in its time line: its
            // transitions are not POSIX instants, and sessions are civil times.
            const std::string_view plain =
                name_.starts_with("right/") ? name_.substr(6) : std::string_view{};
            return fail(
                errc::parse_error, std::string(zone_path),
                fmt::format("{} counts leap seconds ({} leap-second records): its clock is not "
                            "the civil time of a calendar; use {}",
                            name_, h.leapcnt,
                            plain.empty() ? std::string("a zone without leap seconds")
                                          : fmt::format("\"{}\"", plain)));
        }
        if (!in_.take(h.isstdcnt)) {
            return bad("truncated standard/wall indicators");
        }
        if (!in_.take(h.isutcnt)) {
            return bad("truncated UT/local indicators");
        }

        d.types.clear();
        d.types.reserve(h.typecnt);
        for (std::size_t i = 0; i < h.typecnt; ++i) {
            const auto offset = static_cast<std::int32_t>(be32(*types, i * 6));
            const std::uint8_t isdst = byte_at(*types, i * 6 + 4);
            const std::uint8_t abbr = byte_at(*types, i * 6 + 5);
            if (offset < min_offset || offset > max_offset) {
                return bad(fmt::format("local time type {} has UTC offset {} s (it must be "
                                       "more than -25 hours and less than 26 hours, RFC 8536 "
                                       "3.2)",
                                       i, offset));
            }
            if (isdst > 1) {
                return bad(fmt::format("local time type {} has DST flag {} (0 or 1)", i, isdst));
            }
            if (abbr >= chars->size()) {
                return bad(fmt::format(
                    "local time type {} has abbreviation index {} past the {} characters", i, abbr,
                    chars->size()));
            }
            const auto end = chars->find('\0', abbr);
            if (end == std::string_view::npos) {
                return bad(
                    fmt::format("the abbreviation of local time type {} is not terminated", i));
            }
            d.types.push_back(time_zone::data::local_type{
                offset, isdst == 1, std::string(chars->substr(abbr, end - abbr))});
        }

        d.times.clear();
        d.type_of.clear();
        d.times.reserve(h.timecnt);
        d.type_of.reserve(h.timecnt);
        for (std::size_t i = 0; i < h.timecnt; ++i) {
            const std::int64_t t =
                time_size == 8 ? static_cast<std::int64_t>(be64(*times, i * 8))
                               : std::int64_t{static_cast<std::int32_t>(be32(*times, i * 4))};
            if (!d.times.empty() && t <= d.times.back()) {
                return bad(fmt::format("transition times are not in ascending order (transition "
                                       "{} at {} follows {})",
                                       i, t, d.times.back()));
            }
            const std::uint8_t type = byte_at(*indices, i);
            if (type >= h.typecnt) {
                return bad(fmt::format("transition {} uses local time type {}, but there are {}", i,
                                       type, h.typecnt));
            }
            d.times.push_back(t);
            d.type_of.push_back(type);
        }
        return {};
    }

    expected<void> footer(time_zone::data& d) {
        const std::string_view rest = in_.rest();
        if (rest.empty()) {
            return bad("missing footer (the POSIX TZ string after the 64-bit data)");
        }
        if (rest.front() != '\n') {
            return bad("the footer does not start with a newline");
        }
        const auto end = rest.find('\n', 1);
        if (end == std::string_view::npos) {
            return bad("truncated footer (no closing newline)");
        }
        const std::string_view text = rest.substr(1, end - 1);
        if (text.empty()) {
            return {};
        }
        auto tz = tz_string_parser(text).parse();
        if (!tz) {
            return bad(fmt::format("invalid POSIX TZ string \"{}\" in the footer: {}",
                                   printable(text), tz.error()));
        }
        d.footer = std::move(*tz);
        footer_text_ = std::string(text);
        return {};
    }

    std::string_view name_;
    byte_reader in_;
    std::string footer_text_; ///< for error messages
};

// ---------------------------------------------------------------------------
// locate

bool is_zone_name(std::string_view name) noexcept {
    if (name.empty() || name.size() > 255 || name.front() == '/' || name.back() == '/') {
        return false;
    }
    std::size_t begin = 0;
    while (begin <= name.size()) {
        auto end = name.find('/', begin);
        if (end == std::string_view::npos) {
            end = name.size();
        }
        const std::string_view part = name.substr(begin, end - begin);
        if (part.empty() || part == "." || part == "..") {
            return false;
        }
        for (const char c : part) {
            const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-';
            if (!ok) {
                return false;
            }
        }
        begin = end + 1;
    }
    return true;
}

std::filesystem::path zoneinfo_dir() {
    const char* dir = std::getenv("TZDIR"); // NOLINT(concurrency-mt-unsafe)
    if (dir != nullptr && *dir != '\0') {
        return dir;
    }
    return "/usr/share/zoneinfo";
}

} // namespace

time_zone::data::state time_zone::data::posix_tz::at(std::int64_t t) const noexcept {
    if (!has_dst) {
        return view(standard);
    }
    t = std::clamp(t, first_rule_instant, last_rule_instant);
    const int y = year_of(t);
    // The changes of the years around `t`, in order; at equal instants an end
    // sorts before a start (DST all year: the end at 24:00 meets the next start).
    // A rule time may lie about eight days outside its year (hours up to
    // 167, offsets up to 25 hours, day 365 of a common year), so a year's
    // changes can fall in the next one: two years either side hold the last
    // change before `t` whatever the year boundary, so the state changes only
    // at rule times.
    std::array<std::pair<std::int64_t, bool>, 10> changes{};
    for (int i = 0; i < 5; ++i) {
        changes[static_cast<std::size_t>(2 * i)] = {end_in(y - 2 + i), false};
        changes[static_cast<std::size_t>(2 * i + 1)] = {start_in(y - 2 + i), true};
    }
    std::sort(changes.begin(), changes.end());
    bool in_dst = !changes.front().second;
    for (const auto& [at, starts] : changes) {
        if (at > t) {
            break;
        }
        in_dst = starts;
    }
    return view(in_dst ? daylight : standard);
}

std::int64_t time_zone::data::posix_tz::start_in(int y) const noexcept {
    // The start time is given in standard time, the time in force before it.
    return day_start(rule_date(start, y)) + start.time - standard.offset;
}

std::int64_t time_zone::data::posix_tz::end_in(int y) const noexcept {
    return day_start(rule_date(end, y)) + end.time - daylight.offset;
}

time_zone::data::resolution time_zone::data::resolve(std::int64_t local) const noexcept {
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

expected<time_zone> time_zone::from_tzif(std::string_view name, std::string_view tzif) {
    auto d = tzif_parser(name, tzif).parse();
    if (!d) {
        return tl::unexpected(d.error());
    }
    return time_zone(std::move(*d));
}

expected<time_zone> time_zone::locate(std::string_view iana_name) {
    if (!is_zone_name(iana_name)) {
        return fail(errc::unknown_id, std::string(zone_path),
                    fmt::format("\"{}\" is not a time-zone name (names look like "
                                "\"Europe/Copenhagen\": letters, digits, '_', '+', '-' and '/')",
                                printable(iana_name)));
    }
    const std::filesystem::path file = zoneinfo_dir() / std::string(iana_name);
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (ec || !std::filesystem::is_regular_file(status)) {
        return fail(errc::unknown_id, std::string(zone_path),
                    fmt::format("unknown time zone \"{}\" (no file {})", iana_name, file.string()));
    }
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) {
        return fail(errc::io_error, std::string(zone_path),
                    fmt::format("cannot read time zone \"{}\" from {}: {}", iana_name,
                                file.string(), ec.message()));
    }
    if (size > max_file_size) {
        return fail(errc::parse_error, std::string(zone_path),
                    fmt::format("{} is not a valid TZif file: {} is {} bytes (at most {})",
                                iana_name, file.string(), size, max_file_size));
    }
    std::ifstream in(file, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!in || in.gcount() != static_cast<std::streamsize>(bytes.size())) {
        return fail(errc::io_error, std::string(zone_path),
                    fmt::format("cannot read time zone \"{}\" from {}", iana_name, file.string()));
    }
    return from_tzif(iana_name, bytes);
}

time_zone time_zone::utc() {
    static const std::shared_ptr<const data> utc_data = [] {
        auto d = std::make_shared<data>();
        d->name = "UTC";
        d->types.push_back(data::local_type{0, false, "UTC"});
        return d;
    }();
    return time_zone(utc_data);
}

const std::string& time_zone::name() const noexcept { return data_->name; }

std::chrono::seconds time_zone::offset_at(std::chrono::sys_seconds instant) const noexcept {
    return seconds{data_->at(instant.time_since_epoch().count()).offset};
}

std::string time_zone::abbreviation_at(std::chrono::sys_seconds instant) const {
    return std::string(data_->at(instant.time_since_epoch().count()).abbreviation);
}

local_kind time_zone::classify(std::chrono::local_seconds local) const noexcept {
    return data_->resolve(local.time_since_epoch().count()).kind;
}

std::chrono::sys_seconds time_zone::to_utc(std::chrono::local_seconds local) const noexcept {
    return sys_seconds{seconds{data_->resolve(local.time_since_epoch().count()).instant}};
}

std::vector<zone_transition> time_zone::transitions(std::chrono::sys_seconds from,
                                                    std::chrono::sys_seconds to) const {
    const data& d = *data_;
    const std::int64_t lo = from.time_since_epoch().count();
    const std::int64_t hi = to.time_since_epoch().count();
    std::vector<zone_transition> out;
    if (lo >= hi) {
        return out;
    }
    // A change at `t`: what is in force just before and at `t` differ.
    const auto add = [&](std::int64_t t) {
        const data::state before = d.at(sub_sat(t, 1));
        const data::state after = d.at(t);
        if (before != after && (out.empty() || out.back().at.time_since_epoch().count() < t)) {
            out.push_back(zone_transition{sys_seconds{seconds{t}}, seconds{before.offset},
                                          seconds{after.offset}, std::string(after.abbreviation),
                                          after.dst});
        }
    };
    const auto first = std::lower_bound(d.times.begin(), d.times.end(), lo);
    const auto last = std::lower_bound(d.times.begin(), d.times.end(), hi);
    for (auto it = first; it != last; ++it) {
        add(*it);
    }
    if (!d.footer || !d.footer->has_dst) {
        return out;
    }
    // Past the last transition, the footer's rule, year by year (at most
    // `max_rule_years` years).
    const std::int64_t rule_from = d.times.empty() ? lo : std::max(lo, add_sat(d.times.back(), 1));
    if (rule_from >= hi) {
        return out;
    }
    const int first_year = year_of(rule_from) - 1;
    const int last_year = std::min(year_of(hi) + 1, first_year + max_rule_years);
    std::vector<std::int64_t> changes;
    for (int y = first_year; y <= last_year; ++y) {
        for (const std::int64_t t : {d.footer->start_in(y), d.footer->end_in(y)}) {
            if (t >= rule_from && t < hi) {
                changes.push_back(t);
            }
        }
    }
    std::sort(changes.begin(), changes.end());
    for (const std::int64_t t : changes) {
        add(t);
    }
    return out;
}

namespace {

/// The first change after `after` by the footer's rule (past the file's
/// table). A rule that changes the offset again and again does so within any
/// 400 years (Gregorian dates repeat); one that does not never changes it
/// (`data::at` reads the footer from the last transition on, so the table's
/// last change is in the table). Out of line, so that the table search stays
/// a small leaf function.
[[gnu::noinline]] std::optional<offset_change> next_change_by_rule(const time_zone::data& d,
                                                                   std::int64_t after) noexcept {
    if (!d.rule_repeats_changes) {
        return std::nullopt;
    }
    const std::int64_t from = d.times.empty() ? after : std::max(after, d.times.back());
    std::optional<offset_change> found;
    for_each_rule_change(
        d, after, year_of(from) + 402, [&](std::int64_t t, std::int32_t before, std::int32_t now) {
            found = offset_change{sys_seconds{seconds{t}}, seconds{before}, seconds{now}};
            return false;
        });
    return found;
}

} // namespace

std::optional<offset_change>
time_zone::next_offset_change(std::chrono::sys_seconds instant) const noexcept {
    const data& d = *data_;
    const std::int64_t after = instant.time_since_epoch().count();
    // The first change after `after` in the table, by its time index.
    if (const std::size_t i = d.first_change_after(after); i < d.changes.size()) {
        return d.changes[i];
    }
    return next_change_by_rule(d, after);
}

} // namespace rehab
