#include <rehab/criteria.hpp>

#include <string>
#include <type_traits>
#include <variant>

#include <fmt/format.h>

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
