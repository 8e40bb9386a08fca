#include "export_format.hpp"

#include <algorithm>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include <rehab/catalog.hpp>

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

std::string iso_date(boost::gregorian::date d) {
    return boost::gregorian::to_iso_extended_string(d);
}

nlohmann::ordered_json item_json(const prescribed_item& item) {
    nlohmann::ordered_json j;
    j["exercise"] = item.exercise;
    j["dose"] = fmt::format("{}", item.dose);
    j["sets"] = item.dose.sets().value();
    std::visit(
        [&](const auto& w) {
            using W = std::decay_t<decltype(w)>;
            if constexpr (std::is_same_v<W, repetitions>) {
                j["reps"] = w.reps.value();
                if (w.reps_max) {
                    j["reps_max"] = w.reps_max->value();
                }
            } else if constexpr (std::is_same_v<W, hold>) {
                j["hold_seconds"] = w.duration.count();
            } else {
                j["seconds"] = w.duration.count();
                if (w.duration_max) {
                    j["seconds_max"] = w.duration_max->count();
                }
                if (w.as_long_as_possible) {
                    j["as_long_as_possible"] = true;
                }
            }
        },
        item.dose.work());
    j["side"] = side_name(item);
    if (item.load_kg) {
        j["load_kg"] = item.load_kg->value();
    }
    if (const auto* rm = std::get_if<rm_target>(&item.dose.load())) {
        j["load_rm"] = rm->max_reps();
    }
    if (const auto* pct = std::get_if<percent_body_weight>(&item.dose.load())) {
        j["load_percent_body_weight"] = pct->percent();
    }
    if (item.dose.rest()) {
        j["rest_seconds"] = item.dose.rest()->count();
    }
    if (const auto& t = item.dose.tempo()) {
        nlohmann::ordered_json tempo;
        if (t->eccentric) {
            tempo["eccentric_seconds"] = t->eccentric->count();
        }
        tempo["pause_seconds"] = t->pause.count();
        if (t->concentric) {
            tempo["concentric_seconds"] = t->concentric->count();
        }
        j["tempo"] = tempo;
    }
    return j;
}

} // namespace rehab::detail
