#include <rehab/rules.hpp>

#include <fmt/format.h>

namespace rehab {

const std::string& rule_id(const rule& r) noexcept {
    return std::visit([](const auto& v) -> const std::string& { return v.id; }, r);
}

std::string_view to_string(progress_when w) noexcept {
    return detail::text_of(w, detail::progress_when_names);
}

std::string_view to_string(breach_response r) noexcept {
    return detail::text_of(r, detail::breach_response_names);
}

} // namespace rehab

auto fmt::formatter<rehab::load_amount>::format(const rehab::load_amount& a,
                                                fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(
        std::visit([](const auto& v) { return fmt::format("+{}", v); }, a), ctx);
}
