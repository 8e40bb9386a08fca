#include <rehab/criteria.hpp>
#include <rehab/rules.hpp>

#include <fmt/format.h>

namespace rehab {

const std::string& rule_id(const rule& r) noexcept {
    return std::visit([](const auto& v) -> const std::string& { return v.id; }, r);
}

std::string_view to_string(progress_when w) noexcept {
    switch (w) {
    case progress_when::completed:
        return "session completed";
    case progress_when::pain_free:
        return "pain-free";
    case progress_when::next_day_fine:
        return "next day fine";
    }
    return "unknown";
}

std::string_view to_string(breach_response r) noexcept {
    switch (r) {
    case breach_response::hold:
        return "hold";
    case breach_response::regress:
        return "regress";
    }
    return "unknown";
}

} // namespace rehab

auto fmt::formatter<rehab::criterion>::format(const rehab::criterion& c,
                                              fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    const std::string text = std::visit(
        [](const auto& v) -> std::string {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, rehab::sessions_completed>) {
                return fmt::format("{} sessions completed", v.count);
            } else if constexpr (std::is_same_v<V, rehab::pain_rules_respected>) {
                return fmt::format("pain rules respected for {} days", v.window.count());
            } else if constexpr (std::is_same_v<V, rehab::measurement_at_least>) {
                return fmt::format("{} >= {}", v.what, v.value);
            } else if constexpr (std::is_same_v<V, rehab::no_insertional_pain>) {
                return fmt::format("no pain at the insertion for {} days", v.window.count());
            } else if constexpr (std::is_same_v<V, rehab::time_since_day_zero>) {
                return v.time.count() % 7 == 0
                           ? fmt::format("at least {} weeks since the injury or surgery",
                                         v.time.count() / 7)
                           : fmt::format("at least {} days since the injury or surgery",
                                         v.time.count());
            } else {
                return fmt::format("a clinician confirms {}", v.what);
            }
        },
        c);
    return fmt::formatter<std::string_view>::format(text, ctx);
}
