#include <rehab/rules.hpp>

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

#include <fmt/format.h>

namespace rehab {

const std::string& rule_id(const rule& r) noexcept {
    // std::get_if, unlike std::visit, cannot throw: a rule is valueless only
    // after an assignment to it threw, and then it has no id.
    static const std::string valueless;
    const std::string* id = &valueless;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        static_cast<void>(
            ((std::get_if<I>(&r) != nullptr && (id = &std::get_if<I>(&r)->id)) || ...));
    }
    (std::make_index_sequence<std::variant_size_v<rule>>{});
    return *id;
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
