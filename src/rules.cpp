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

auto fmt::formatter<rehab::load_amount>::format(const rehab::load_amount& a,
                                                fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(
        std::visit([](const auto& v) { return fmt::format("+{}", v); }, a), ctx);
}
