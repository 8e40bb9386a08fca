#pragma once
/// @file time_zone.hpp
/// IANA time zones read from the system's time-zone database (the TZif
/// files of Debian's `tzdata`, under `$TZDIR` or `/usr/share/zoneinfo`),
/// including the POSIX rule at the end of each file for years past its
/// last transition. Not a frozen rule table: a `tzdata` update is picked up.
///
/// Sessions are civil local times; `to_utc` turns one into an instant:
/// a local time in a spring-forward gap moves forward by the gap, and one in
/// a fall-back overlap takes the first occurrence. Never skipped, never doubled.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <rehab/api.hpp>
#include <rehab/error.hpp>

namespace rehab {

namespace detail {
/// What a `time_zone` holds: a zone file's transitions and rule, and the index
/// its look-ups read. Defined in src/ (time_zone_lookup.hpp), not part of the API.
struct zone_data;
} // namespace detail

/// A change of UTC offset at an instant.
struct zone_transition {
    std::chrono::sys_seconds at{};         ///< the instant of the change
    std::chrono::seconds offset_before{0}; ///< the UTC offset in force until `at`
    std::chrono::seconds offset_after{0};  ///< the UTC offset in force from `at`
    std::string abbreviation_after{};      ///< "CEST"
    bool dst_after = false;                ///< whether daylight saving time is in force from `at`
    /// Equal fields.
    friend bool operator==(const zone_transition&, const zone_transition&) = default;
};

/// A change of UTC offset, without its abbreviation: what hot loops need.
struct offset_change {
    std::chrono::sys_seconds at{};  ///< the instant of the change
    std::chrono::seconds before{0}; ///< the UTC offset in force until `at`
    std::chrono::seconds after{0};  ///< the UTC offset in force from `at`
    /// Equal fields.
    friend bool operator==(const offset_change&, const offset_change&) = default;
};

/// How a local time maps onto the time line.
enum class local_kind : std::uint8_t {
    unique,  ///< exactly one instant
    gap,     ///< skipped by a spring-forward change: no instant has it
    overlap, ///< repeated by a fall-back change: two instants have it
};

/// An IANA time zone. Cheap to copy (shared, immutable data).
class REHAB_API time_zone {
public:
    /// The zone named `iana_name` ("Europe/Copenhagen"), read from the
    /// system's database. Errors (`errc::unknown_id`, path `/time_zone`): no
    /// such zone, a name that is not a zone name (absolute, "..", empty), a
    /// file that cannot be read (`errc::io_error`), or a file that is not
    /// valid TZif (`errc::parse_error`). A file with leap-second records (the
    /// `right/` zones) is refused too (`errc::parse_error`, naming the zone to
    /// use): its clock counts leap seconds, while sessions are civil times on
    /// POSIX instants.
    [[nodiscard]] static expected<time_zone> locate(std::string_view iana_name);

    /// A zone from the bytes of a TZif file (versions 1-4), named `name`.
    /// Never reads past `tzif`; malformed input is an `errc::parse_error`, and
    /// so is a file that local times cannot be read from: a UTC offset of
    /// -25 hours or less or of 26 hours or more, or offset changes (in the
    /// table or by the footer's rule) 52 hours apart or closer. No IANA zone
    /// has either; the closest changes are about 96 hours apart.
    [[nodiscard]] static expected<time_zone> from_tzif(std::string_view name,
                                                       std::string_view tzif);

    /// Coordinated Universal Time, without touching the file system.
    [[nodiscard]] static time_zone utc();

    /// The zone's name: the IANA name given to `locate`, the name given to
    /// `from_tzif`, or "UTC".
    [[nodiscard]] const std::string& name() const noexcept;

    /// The UTC offset in force at `instant` (local = UTC + offset).
    [[nodiscard]] std::chrono::seconds offset_at(std::chrono::sys_seconds instant) const noexcept;

    /// The abbreviation in force at `instant` ("CET", "EDT", "-03").
    [[nodiscard]] std::string abbreviation_at(std::chrono::sys_seconds instant) const;

    /// Whether `local` is unique, in a gap or in an overlap.
    [[nodiscard]] local_kind classify(std::chrono::local_seconds local) const noexcept;

    /// The instant of `local`: in a gap, moved forward by the gap (02:30 on a
    /// spring-forward night from 02:00 to 03:00 is 03:30 summer time); in an
    /// overlap, the first occurrence (the one before the change).
    [[nodiscard]] std::chrono::sys_seconds to_utc(std::chrono::local_seconds local) const noexcept;

    /// The local time of `instant`.
    [[nodiscard]] std::chrono::local_seconds
    to_local(std::chrono::sys_seconds instant) const noexcept {
        return std::chrono::local_seconds{instant.time_since_epoch() + offset_at(instant)};
    }

    /// Every change of offset in [from, to), in order, including those the
    /// POSIX rule produces after the file's last transition. A change of
    /// abbreviation or DST flag alone counts; entries that change nothing
    /// (the filler transitions of "fat" files) are left out.
    /// @par Limits
    /// The POSIX rule is expanded for at most 1000 years past the later of
    /// `from` and the file's last transition, and only up to the year 9999
    /// (later instants keep the state in force at the end of 9999).
    [[nodiscard]] std::vector<zone_transition> transitions(std::chrono::sys_seconds from,
                                                           std::chrono::sys_seconds to) const;

    /// The first change of UTC offset strictly after `instant` (changes of
    /// abbreviation or DST flag alone are skipped), or nothing when the
    /// offset never changes again. Its `before` is the offset in force at
    /// `instant`. No allocation. The file's changes are indexed by time in
    /// spans of 2^24 s (about 194 days; wider for a file whose changes cover
    /// more than about 2,200 years): a look-up reads the few changes of
    /// one span (at most four in the IANA files, without a branch), or
    /// bisects a span that a made-up file crowds; past the file's table, the
    /// footer's rule gives the next change.
    [[nodiscard]] std::optional<offset_change>
    next_offset_change(std::chrono::sys_seconds instant) const noexcept;

private:
    explicit time_zone(std::shared_ptr<const detail::zone_data> d) : data_(std::move(d)) {}
    /// Shared and immutable: copies share one zone's data.
    std::shared_ptr<const detail::zone_data> data_;
};

} // namespace rehab
