#include <rehab/time_zone.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "time_zone_lookup.hpp"
#include "time_zone_messages.hpp"
#include "time_zone_tzif.hpp"

// The public class: finding a zone's file (`locate`) and the member functions,
// which read the zone's data (time_zone_lookup.hpp). The TZif reader is in
// time_zone_tzif.cpp, the footer's POSIX rule in time_zone_posix.cpp.

namespace rehab {

namespace {

using detail::printable_excerpt;
using detail::zone_error_path;
using std::chrono::seconds;
using std::chrono::sys_seconds;

/// Files larger than this are not TZif (real ones are a few KiB).
constexpr std::uintmax_t max_file_size = std::uintmax_t{4} << 20;

/// Whether `name` can name a file under the zone directory: relative,
/// without "." or ".." parts, of the characters IANA names use.
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

/// `$TZDIR` when set and not empty, else the system's zone directory.
std::filesystem::path zoneinfo_dir() {
    const char* dir = std::getenv("TZDIR"); // NOLINT(concurrency-mt-unsafe)
    if (dir != nullptr && *dir != '\0') {
        return dir;
    }
    return "/usr/share/zoneinfo";
}

} // namespace

expected<time_zone> time_zone::from_tzif(std::string_view name, std::string_view tzif) {
    auto d = detail::read_tzif(name, tzif);
    if (!d) {
        return tl::unexpected(d.error());
    }
    return time_zone(std::move(*d));
}

expected<time_zone> time_zone::locate(std::string_view iana_name) {
    if (!is_zone_name(iana_name)) {
        return fail(errc::unknown_id, std::string(zone_error_path),
                    fmt::format("\"{}\" is not a time-zone name (names look like "
                                "\"Europe/Copenhagen\": letters, digits, '_', '+', '-' and '/')",
                                printable_excerpt(iana_name)));
    }
    const std::filesystem::path file = zoneinfo_dir() / std::string(iana_name);
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (ec || !std::filesystem::is_regular_file(status)) {
        return fail(errc::unknown_id, std::string(zone_error_path),
                    fmt::format("unknown time zone \"{}\" (no file {})", iana_name, file.string()));
    }
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) {
        return fail(errc::io_error, std::string(zone_error_path),
                    fmt::format("cannot read time zone \"{}\" from {}: {}", iana_name,
                                file.string(), ec.message()));
    }
    if (size > max_file_size) {
        return fail(errc::parse_error, std::string(zone_error_path),
                    fmt::format("{} is not a valid TZif file: {} is {} bytes (at most {})",
                                iana_name, file.string(), size, max_file_size));
    }
    std::ifstream in(file, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!in || in.gcount() != static_cast<std::streamsize>(bytes.size())) {
        return fail(errc::io_error, std::string(zone_error_path),
                    fmt::format("cannot read time zone \"{}\" from {}", iana_name, file.string()));
    }
    return from_tzif(iana_name, bytes);
}

time_zone time_zone::utc() {
    static const std::shared_ptr<const detail::zone_data> utc_data = [] {
        auto d = std::make_shared<detail::zone_data>();
        d->name = "UTC";
        d->types.push_back(detail::local_time_type{0, false, "UTC"});
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
    return data_->transitions(from.time_since_epoch().count(), to.time_since_epoch().count());
}

std::optional<offset_change>
time_zone::next_offset_change(std::chrono::sys_seconds instant) const noexcept {
    const detail::zone_data& d = *data_;
    const std::int64_t after = instant.time_since_epoch().count();
    // The first change after `after` in the table, by its time index.
    if (const std::size_t i = d.first_change_after(after); i < d.changes.size()) {
        return d.changes[i];
    }
    return d.next_change_by_rule(after);
}

} // namespace rehab
