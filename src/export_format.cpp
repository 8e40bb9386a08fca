#include "export_format.hpp"

#include <algorithm>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include <rehab/catalog.hpp>

#include "dose_json.hpp"

namespace rehab::detail {

std::string exercise_name(const std::string& id) {
    const exercise* e = catalog::builtin().find(id);
    return e != nullptr ? e->name : id;
}

/// "20261201T070000Z".
std::string ical_time(std::chrono::sys_seconds t) {
    const auto days = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::hh_mm_ss hms{t - days};
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

/// RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines.
std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case ';':
            out += "\\;";
            break;
        case ',':
            out += "\\,";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            break;
        default:
            out += c;
        }
    }
    return out;
}

/// Appends `line` folded at 75 octets (continuation lines start with a
/// space), never inside a UTF-8 sequence, ending with CRLF.
void append_folded(std::string& out, std::string_view line) {
    std::size_t limit = 75;
    while (line.size() > limit) {
        std::size_t cut = limit;
        while (cut > 1 && (static_cast<unsigned char>(line[cut]) & 0xC0U) == 0x80U) {
            --cut; // do not split a multi-byte character
        }
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        limit = 74; // the leading space counts
    }
    out.append(line);
    out += "\r\n";
}

std::string side_name(const prescribed_item& item) {
    if (item.side) {
        return std::string(to_string(*item.side));
    }
    return item.dose.side() == sides::each ? "each" : "both";
}

std::string dose_text(const prescribed_item& item, bool with_load) {
    std::string text = fmt::format("{}", item.dose);
    if (item.side) {
        text += fmt::format(" ({})", *item.side);
    }
    if (with_load && item.load_kg) {
        text += fmt::format(", {} kg added", item.load_kg->value());
    }
    return text;
}

std::string iso_date(boost::gregorian::date d) {
    return boost::gregorian::to_iso_extended_string(d);
}

nlohmann::ordered_json item_json(const prescribed_item& item) {
    nlohmann::ordered_json j;
    j["exercise"] = item.exercise;
    j["dose"] = fmt::format("{}", item.dose);
    append_dose(j, item.dose, dose_shape::prescribed_item,
                {.side = side_name(item), .load_kg = item.load_kg});
    return j;
}

boost::gregorian::date export_through(const course& c,
                                      const std::optional<boost::gregorian::date>& through) {
    boost::gregorian::date last = c.start_date();
    if (!c.log().empty()) {
        last += boost::gregorian::days(c.log().back().session.day);
    }
    return through.value_or(last + boost::gregorian::days(365));
}

} // namespace rehab::detail
