#include "time_zone_tzif.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "time_zone_lookup.hpp"
#include "time_zone_messages.hpp"
#include "time_zone_posix.hpp"

namespace rehab::detail {

namespace {

/// UTC offsets a file may give, in seconds: RFC 8536 3.2 asks for more than
/// -25 hours and less than 26 hours (footer offsets are at most 24:59:59).
constexpr std::int32_t min_offset = -89'999;
constexpr std::int32_t max_offset = 93'599;

/// Local time types are indexed by a byte.
constexpr std::uint32_t max_types = 256;

/// "2027-03-28T01:00:00Z" for instants in the years -9999 to 9999, else the
/// seconds since 1970-01-01T00:00:00Z.
std::string instant_text(std::int64_t t) {
    using std::chrono::seconds;
    if (t < first_rule_instant || t > last_rule_instant) {
        return fmt::format("{} s after 1970-01-01T00:00:00Z", t);
    }
    const std::chrono::sys_seconds instant{seconds{t}};
    const auto day = std::chrono::floor<std::chrono::days>(instant);
    const std::chrono::year_month_day date{day};
    const std::chrono::hh_mm_ss<seconds> time{instant - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                       time.hours().count(), time.minutes().count(), time.seconds().count());
}

/// Reads a byte string front to back, never past its end.
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

/// Byte `i` of `s`, unsigned.
std::uint8_t byte_at(std::string_view s, std::size_t i) noexcept {
    return static_cast<std::uint8_t>(s[i]);
}

/// The big-endian 32-bit number at byte `at` of `s`.
std::uint32_t be32(std::string_view s, std::size_t at) noexcept {
    return (std::uint32_t{byte_at(s, at)} << 24) | (std::uint32_t{byte_at(s, at + 1)} << 16) |
           (std::uint32_t{byte_at(s, at + 2)} << 8) | std::uint32_t{byte_at(s, at + 3)};
}

/// The big-endian 64-bit number at byte `at` of `s`.
std::uint64_t be64(std::string_view s, std::size_t at) noexcept {
    return (std::uint64_t{be32(s, at)} << 32) | std::uint64_t{be32(s, at + 4)};
}

/// The counts of a TZif header (RFC 8536 3.1), and its version byte.
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

/// Reads one TZif file: the header, the version 1 data block (the data itself
/// in a version 1 file, skipped otherwise), the 64-bit header and block, and
/// the footer; then derives the change table and checks its spacing.
class tzif_parser {
public:
    tzif_parser(std::string_view name, std::string_view bytes) : name_(name), in_(bytes) {}

    expected<std::shared_ptr<const zone_data>> parse() {
        auto first = header("");
        if (!first) {
            return tl::unexpected(first.error());
        }
        auto d = std::make_shared<zone_data>();
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
    [[nodiscard]] expected<std::shared_ptr<const zone_data>>
    finish(std::shared_ptr<zone_data> d) const {
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
    [[nodiscard]] expected<void> spacing(const zone_data& d) const {
        const auto too_close = [](std::int64_t earlier, std::int64_t later) {
            return zone_data::distance(earlier, later) <
                   static_cast<std::uint64_t>(zone_data::min_change_spacing);
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
                                       zone_data::distance(earlier, later)));
            }
        }
        std::optional<std::int64_t> previous;
        if (!d.changes.empty()) {
            previous = d.changes.back().at.time_since_epoch().count();
        }
        const std::int64_t from = d.times.empty() ? 0 : d.times.back();
        std::optional<std::int64_t> close; // the first rule change too close to the one before
        d.for_each_footer_change(from, rule_year_of(from) + 402,
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
                            printable_excerpt(footer_text_), instant_text(*close),
                            zone_data::distance(*previous, *close), instant_text(*previous)));
        }
        return {};
    }

    [[nodiscard]] tl::unexpected<error> bad(std::string_view what) const {
        return fail(errc::parse_error, std::string(zone_error_path),
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

    /// The sections of a data block that are kept.
    struct block_sections {
        std::string_view times;
        std::string_view indices;
        std::string_view types;
        std::string_view chars;
    };

    expected<void> block(const tzif_header& h, std::uint64_t time_size, zone_data& d) {
        if (auto ok = counts(h); !ok) {
            return ok;
        }
        const auto sections = take_block(h, time_size);
        if (!sections) {
            return tl::unexpected(sections.error());
        }
        if (auto ok = read_types(h, *sections, d); !ok) {
            return ok;
        }
        return read_transitions(h, time_size, *sections, d);
    }

    /// The header's counts of types, characters and indicators.
    [[nodiscard]] expected<void> counts(const tzif_header& h) const {
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
        return {};
    }

    /// Takes the data block's sections. Every section is checked against
    /// what is left before anything is allocated, so the counts are bounded
    /// by the input size.
    expected<block_sections> take_block(const tzif_header& h, std::uint64_t time_size) {
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
        if (auto ok = take_leap_seconds(h, time_size); !ok) {
            return tl::unexpected(ok.error());
        }
        if (!in_.take(h.isstdcnt)) {
            return bad("truncated standard/wall indicators");
        }
        if (!in_.take(h.isutcnt)) {
            return bad("truncated UT/local indicators");
        }
        return block_sections{*times, *indices, *types, *chars};
    }

    /// Skips the leap-second records, and refuses a file that has any.
    expected<void> take_leap_seconds(const tzif_header& h, std::uint64_t time_size) {
        if (!in_.take(std::uint64_t{h.leapcnt} * (time_size + 4))) {
            return bad("truncated leap-second records");
        }
        if (h.leapcnt == 0) {
            return {};
        }
        // A "right/" file counts the leap seconds in its time line: its
        // transitions are not POSIX instants, and sessions are civil times.
        const std::string_view plain =
            name_.starts_with("right/") ? name_.substr(6) : std::string_view{};
        return fail(errc::parse_error, std::string(zone_error_path),
                    fmt::format("{} counts leap seconds ({} leap-second records): its clock is not "
                                "the civil time of a calendar; use {}",
                                name_, h.leapcnt,
                                plain.empty() ? std::string("a zone without leap seconds")
                                              : fmt::format("\"{}\"", plain)));
    }

    /// The local time types, into `d.types`.
    [[nodiscard]] expected<void> read_types(const tzif_header& h, const block_sections& in,
                                            zone_data& d) const {
        d.types.clear();
        d.types.reserve(h.typecnt);
        for (std::size_t i = 0; i < h.typecnt; ++i) {
            auto type = local_type(i, in);
            if (!type) {
                return tl::unexpected(type.error());
            }
            d.types.push_back(std::move(*type));
        }
        return {};
    }

    /// Local time type `i`.
    [[nodiscard]] expected<local_time_type> local_type(std::size_t i,
                                                       const block_sections& in) const {
        const auto offset = static_cast<std::int32_t>(be32(in.types, i * 6));
        const std::uint8_t isdst = byte_at(in.types, i * 6 + 4);
        const std::uint8_t abbr = byte_at(in.types, i * 6 + 5);
        if (offset < min_offset || offset > max_offset) {
            return bad(fmt::format("local time type {} has UTC offset {} s (it must be "
                                   "more than -25 hours and less than 26 hours, RFC 8536 "
                                   "3.2)",
                                   i, offset));
        }
        if (isdst > 1) {
            return bad(fmt::format("local time type {} has DST flag {} (0 or 1)", i, isdst));
        }
        if (abbr >= in.chars.size()) {
            return bad(
                fmt::format("local time type {} has abbreviation index {} past the {} characters",
                            i, abbr, in.chars.size()));
        }
        const auto end = in.chars.find('\0', abbr);
        if (end == std::string_view::npos) {
            return bad(fmt::format("the abbreviation of local time type {} is not terminated", i));
        }
        return local_time_type{offset, isdst == 1, std::string(in.chars.substr(abbr, end - abbr))};
    }

    /// The transitions, into `d.times` and `d.type_of`.
    [[nodiscard]] expected<void> read_transitions(const tzif_header& h, std::uint64_t time_size,
                                                  const block_sections& in, zone_data& d) const {
        d.times.clear();
        d.type_of.clear();
        d.times.reserve(h.timecnt);
        d.type_of.reserve(h.timecnt);
        for (std::size_t i = 0; i < h.timecnt; ++i) {
            const std::int64_t t =
                time_size == 8 ? static_cast<std::int64_t>(be64(in.times, i * 8))
                               : std::int64_t{static_cast<std::int32_t>(be32(in.times, i * 4))};
            if (!d.times.empty() && t <= d.times.back()) {
                return bad(fmt::format("transition times are not in ascending order (transition "
                                       "{} at {} follows {})",
                                       i, t, d.times.back()));
            }
            const std::uint8_t type = byte_at(in.indices, i);
            if (type >= h.typecnt) {
                return bad(fmt::format("transition {} uses local time type {}, but there are {}", i,
                                       type, h.typecnt));
            }
            d.times.push_back(t);
            d.type_of.push_back(type);
        }
        return {};
    }

    expected<void> footer(zone_data& d) {
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
        auto tz = parse_posix_tz(text);
        if (!tz) {
            return bad(fmt::format("invalid POSIX TZ string \"{}\" in the footer: {}",
                                   printable_excerpt(text), tz.error()));
        }
        d.footer = std::move(*tz);
        footer_text_ = std::string(text);
        return {};
    }

    std::string_view name_;
    byte_reader in_;
    std::string footer_text_; ///< for error messages
};

} // namespace

expected<std::shared_ptr<const zone_data>> read_tzif(std::string_view name,
                                                     std::string_view bytes) {
    return tzif_parser(name, bytes).parse();
}

} // namespace rehab::detail
