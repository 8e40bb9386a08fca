#pragma once
/// @file time_zone_tzif.hpp
/// The TZif reader: the bytes of a time-zone file (RFC 8536, versions 1-4,
/// as `zic` writes them under /usr/share/zoneinfo) parsed and checked into a
/// zone's data. Private to src/ (cctz keeps the same part in
/// `time_zone_info.cc`).

#include <memory>
#include <string_view>

#include <rehab/error.hpp>

namespace rehab::detail {

struct zone_data;

/// The zone named `name` from the bytes of its TZif file, with its table of
/// offset changes indexed (`zone_data::index_changes`). Never reads past
/// `bytes`, and allocates only after checking each section's size against
/// what is left. Errors (`errc::parse_error`, path `/time_zone`, the message
/// starting "<name> is not a valid TZif file: "): a truncated or inconsistent
/// file, an invalid footer, a UTC offset of -25 hours or less or of 26 hours
/// or more, or offset changes (in the table or by the footer's rule) 52 hours
/// apart or closer, which local times cannot be read from. A file with
/// leap-second records is refused too (`errc::parse_error`, naming the zone to
/// use instead): its clock is not civil time.
[[nodiscard]] expected<std::shared_ptr<const zone_data>> read_tzif(std::string_view name,
                                                                   std::string_view bytes);

} // namespace rehab::detail
