#include <rehab/atrs.hpp>

#include <string>

#include <fmt/format.h>

namespace rehab {

error_list validate(const atrs_answers& answers) {
    error_list errors;
    for (std::size_t i = 0; i < answers.items.size(); ++i) {
        const auto& item = answers.items[i];
        std::string path = fmt::format("/items/{}", i);
        if (!item) {
            errors.push_back(
                error{errc::invalid_value, std::move(path), "must be answered", {}, {}});
        } else if (*item < atrs::item_min || *item > atrs::item_max) {
            errors.push_back(error{errc::invalid_value,
                                   std::move(path),
                                   fmt::format("must be between {} and {}, got {}", atrs::item_min,
                                               atrs::item_max, *item),
                                   {},
                                   {}});
        }
    }
    return errors;
}

expected<atrs> atrs::make(const atrs_answers& answers) {
    if (auto errors = validate(answers); !errors.empty()) {
        return tl::unexpected(std::move(errors.front()));
    }
    std::array<int, item_count> items{};
    for (std::size_t i = 0; i < item_count; ++i) {
        items[i] = *answers.items[i];
    }
    return atrs(items);
}

score_change change_between(const atrs& before, const atrs& after, change_threshold threshold) {
    // Both totals are 0-100 by construction, so make() cannot fail here.
    return *score_change::make(outcome_measure::atrs, before.total(), after.total(), threshold);
}

} // namespace rehab

auto fmt::formatter<rehab::atrs>::format(const rehab::atrs& s, fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(
        fmt::format("ATRS {}/{}", s.total(), rehab::atrs::max_total), ctx);
}

auto fmt::formatter<rehab::atrs_answers>::format(const rehab::atrs_answers& a,
                                                 fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    std::string text = "ATRS items";
    for (const auto& item : a.items) {
        text += item ? fmt::format(" {}", *item) : std::string(" -");
    }
    return fmt::formatter<std::string_view>::format(text, ctx);
}
