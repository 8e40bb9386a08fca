#include <rehab/score_change.hpp>

#include <cmath>
#include <string>

#include <fmt/format.h>

namespace rehab {

expected<change_threshold> change_threshold::make(double points, threshold_kind kind,
                                                  std::string_view field) {
    if (!std::isfinite(points) || points <= 0.0) {
        return fail(errc::invalid_value, std::string(field),
                    fmt::format("must be > 0 points, got {}", points));
    }
    return change_threshold(unchecked{}, points, kind);
}

expected<score_change> score_change::make(outcome_measure measure, int before, int after,
                                          change_threshold threshold) {
    const int max = max_total(measure);
    for (const auto& [path, total] : {std::pair{"/before", before}, std::pair{"/after", after}}) {
        if (total < 0 || total > max) {
            return fail(errc::invalid_value, path,
                        fmt::format("must be between 0 and {}, got {}", max, total));
        }
    }
    return score_change(measure, before, after, threshold);
}

std::string_view to_string(outcome_measure m) noexcept {
    switch (m) {
    case outcome_measure::visa_a:
        return "VISA-A";
    case outcome_measure::atrs:
        return "ATRS";
    }
    return "unknown";
}

std::string_view to_string(threshold_kind k) noexcept {
    switch (k) {
    case threshold_kind::mcid:
        return "MCID";
    case threshold_kind::mdc:
        return "MDC";
    }
    return "unknown";
}

std::string_view to_string(change_verdict v) noexcept {
    switch (v) {
    case change_verdict::important_improvement:
        return "important improvement";
    case change_verdict::no_important_change:
        return "no important change";
    case change_verdict::important_worsening:
        return "important worsening";
    }
    return "unknown";
}

} // namespace rehab

auto fmt::formatter<rehab::change_threshold>::format(rehab::change_threshold t,
                                                     fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(fmt::format("{} {}", t.kind(), t.points()),
                                                    ctx);
}

auto fmt::formatter<rehab::score_change>::format(const rehab::score_change& c,
                                                 fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(
        fmt::format("{} {} -> {} ({:+}): {} ({})", c.measure(), c.before(), c.after(),
                    c.difference(), c.verdict(), c.threshold()),
        ctx);
}
