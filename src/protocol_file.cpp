/// @file protocol_file.cpp
/// Loading protocol and catalog files: parse, read (protocol_file_read.cpp),
/// check with `validate` and the plausibility limits, and locate every
/// problem in the text. Writing is in protocol_file_write.cpp.

#include <rehab/protocol_file.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <variant>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "json_read.hpp"
#include "overloaded.hpp"
#include "protocol_json.hpp"

namespace rehab {

namespace {

using namespace detail;

/// Repetitions of one session of a prescription at the highest dose its
/// rules can reach (the top of a rep range counted).
std::int64_t most_reps_per_session(const phase& ph, const prescription& item) {
    const auto of = [](const dose& d) -> std::int64_t {
        const auto* w = d.reps_work();
        if (w == nullptr) {
            return 0;
        }
        const int per_set = (w->reps_max ? *w->reps_max : w->reps).value();
        return std::int64_t{d.sets().value()} * per_set * d.sides_worked();
    };
    std::int64_t most = of(item.dose);
    for (const auto& r : ph.rules) {
        std::visit(
            overloaded{
                [&](const dose_ladder& l) {
                    if (l.exercises.empty() || std::find(l.exercises.begin(), l.exercises.end(),
                                                         item.exercise) != l.exercises.end()) {
                        for (const auto& step : l.steps) {
                            most = std::max(most, of(step));
                        }
                    }
                },
                [&](const week_table& t) {
                    if (t.exercises.empty() || std::find(t.exercises.begin(), t.exercises.end(),
                                                         item.exercise) != t.exercises.end()) {
                        for (const auto& row : t.rows) {
                            most = std::max(most, std::int64_t{row.sets.value()} *
                                                      row.reps.value() * item.dose.sides_worked());
                        }
                    }
                },
                [](const auto&) {}},
            r);
    }
    return most;
}

} // namespace

void detail::check_limits(json_reader& r, const protocol& p, const load_limits& limits,
                          std::string_view prefix) {
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        const phase& ph = p.phases[i];
        std::int64_t per_session = 0;
        for (const auto& item : ph.prescriptions) {
            per_session += most_reps_per_session(ph, item);
        }
        const std::int64_t per_day = per_session * ph.frequency.per_day.value();
        if (per_day > limits.daily_reps.value()) {
            r.merge(
                {error{errc::invalid_value,
                       fmt::format("/phases/{}/prescriptions", i),
                       fmt::format("up to {} repetitions a day ({} a session x {}), above the "
                                   "plausibility limit of {} a day; check sets, reps and "
                                   "sessions_per_day",
                                   per_day, per_session, ph.frequency.per_day, limits.daily_reps),
                       {},
                       {}}},
                prefix);
        }
    }
}

load_result<protocol> load_protocol(std::string_view text, const catalog& exercises,
                                    const load_limits& limits) {
    return load_document<protocol>(text, [&](json_reader& r, const json& doc) {
        const std::string root;
        protocol p = read_protocol(r, doc, root);
        r.merge(validate(p, exercises));
        check_limits(r, p, limits, {});
        return p;
    });
}

load_result<protocol> load_protocol_file(const std::filesystem::path& file,
                                         const catalog& exercises, const load_limits& limits) {
    const auto text = read_text_file(file);
    if (!text) {
        return tl::unexpected(cannot_read_file(file));
    }
    return load_protocol(*text, exercises, limits);
}

load_result<exercise> load_exercise(std::string_view text) {
    return load_document<exercise>(text, [](json_reader& r, const json& doc) {
        const std::string root;
        return read_exercise(r, doc, root);
    });
}

load_result<catalog> load_catalog(std::string_view text) {
    return load_document<catalog>(text, [](json_reader& r, const json& doc) {
        const std::string root;
        return read_catalog(r, doc, root);
    });
}

load_result<catalog> load_catalog_file(const std::filesystem::path& file) {
    const auto text = read_text_file(file);
    if (!text) {
        return tl::unexpected(cannot_read_file(file));
    }
    return load_catalog(*text);
}

} // namespace rehab
