#pragma once
/// @file atrs.hpp
/// The ATRS (Achilles tendon Total Rupture Score): symptoms and physical
/// activity after an Achilles tendon rupture, as a total from 0 to 100,
/// 100 = no symptoms or limitation // Nilsson-Helander 2007, Am J Sports Med 35(3):421
///
/// Ten items, each 0-10 with 10 = no limitation; the total is their plain sum
/// (not 100 minus the sum) // Myhrvold 2017, KSSTA
/// @code
/// auto s = rehab::atrs::make({.items = {9, 8, 9, 10, 10, 8, 9, 7, 8, 7}});
/// fmt::print("{}\n", *s); // ATRS 85/100
/// @endcode
/// The item topics (strength, fatigue, stiffness, pain, daily activities,
/// uneven ground, stairs, running, jumping, hard physical work) and the exact
/// wording of the printed form are UNCONFIRMED; nothing here depends on them.
///
/// Header-only (`rehab::values`): the definitions are at the end of this header.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include <rehab/error.hpp>
#include <rehab/score_change.hpp>

namespace rehab {

/// The answers on one ATRS form, item 1 first, as given; an item left empty is
/// unanswered. Paths in errors are JSON Pointers into the array, counted from
/// 0: item 4 is `/items/3`.
struct atrs_answers {
    /// Points of items 1 to 10, each 0-10 (10 = no limitation) when answered.
    std::array<std::optional<int>, 10> items{};
    /// Equal when every item is, unanswered ones included.
    friend bool operator==(const atrs_answers&, const atrs_answers&) = default;
};

/// A checked ATRS score.
class atrs {
public:
    static constexpr std::size_t item_count = 10; ///< items on the form // Nilsson-Helander 2007
    static constexpr int item_min = 0;            ///< the fewest points of an item
    static constexpr int item_max = 10;           ///< the most points of an item: no limitation
    static constexpr int max_total = 100;         ///< the highest total: no symptoms or limitation

    /// Scores `answers`, or returns the first problem: `/items/3: must be
    /// answered`, `/items/3: must be between 0 and 10, got 11`.
    /// `validate(answers)` lists every problem (every missing item, say).
    [[nodiscard]] static expected<atrs> make(const atrs_answers& answers);

    /// The points of each item, item 1 first.
    [[nodiscard]] constexpr const std::array<int, item_count>& items() const noexcept {
        return items_;
    }
    /// The sum of the items, 0-100; 100 = no symptoms.
    [[nodiscard]] constexpr int total() const noexcept {
        int sum = 0;
        for (const int item : items_) {
            sum += item;
        }
        return sum;
    }

    /// Equal when every item's points are.
    friend bool operator==(const atrs&, const atrs&) = default;

private:
    explicit constexpr atrs(const std::array<int, item_count>& items) noexcept : items_(items) {}
    std::array<int, item_count> items_;
};

/// Every problem with `answers`, each with its item's path; empty when valid.
[[nodiscard]] error_list validate(const atrs_answers& answers);

/// Minimal detectable change of the ATRS for one person, Danish version:
/// 18.5 points (SEM 6.7) // Danish ATRS validation, J Foot Ankle Surg 2013;52(6):736 [P-abstract]
/// This is an MDC (beyond measurement error), not an MCID: no anchor-based
/// MCID for the ATRS was found (UNCONFIRMED). The default for `change_between`.
inline constexpr change_threshold atrs_mdc_danish{18.5, threshold_kind::mdc};
/// Minimal detectable change of the ATRS for one person, Norwegian version:
/// 16.98 points (2.12 at group level) // Norwegian ATRS validation, PMC6061451 [P-abstract]
inline constexpr change_threshold atrs_mdc_norwegian{16.98, threshold_kind::mdc};

/// The change from `before` to `after`, judged against `threshold` (by
/// default the Danish individual MDC, 18.5 points: an MDC, not an MCID).
[[nodiscard]] score_change change_between(const atrs& before, const atrs& after,
                                          change_threshold threshold = atrs_mdc_danish);

} // namespace rehab

/// Prints "ATRS 85/100".
template <>
struct fmt::formatter<rehab::atrs> : fmt::formatter<std::string_view> {
    auto format(const rehab::atrs& s, fmt::format_context& ctx) const -> decltype(ctx.out());
};

/// Prints the answers as given, "-" for an unanswered item: "ATRS items 9 8 - 10 ...".
template <>
struct fmt::formatter<rehab::atrs_answers> : fmt::formatter<std::string_view> {
    auto format(const rehab::atrs_answers& a, fmt::format_context& ctx) const
        -> decltype(ctx.out());
};

// --- Definitions -------------------------------------------------------------
// Messages are built by concatenation (`std::to_string` prints an integer as
// "{}" does): each `fmt::format` call instantiates its own compile-time check,
// and these definitions are compiled by every file that includes the header.

namespace rehab {

inline error_list validate(const atrs_answers& answers) {
    error_list errors;
    for (std::size_t i = 0; i < answers.items.size(); ++i) {
        const auto& item = answers.items[i];
        std::string path = "/items/" + std::to_string(i);
        if (!item) {
            errors.push_back(
                error{errc::invalid_value, std::move(path), "must be answered", {}, {}});
        } else if (*item < atrs::item_min || *item > atrs::item_max) {
            errors.push_back(error{errc::invalid_value,
                                   std::move(path),
                                   "must be between " + std::to_string(atrs::item_min) + " and " +
                                       std::to_string(atrs::item_max) + ", got " +
                                       std::to_string(*item),
                                   {},
                                   {}});
        }
    }
    return errors;
}

inline expected<atrs> atrs::make(const atrs_answers& answers) {
    if (auto errors = validate(answers); !errors.empty()) {
        return tl::unexpected(std::move(errors.front()));
    }
    std::array<int, item_count> items{};
    for (std::size_t i = 0; i < item_count; ++i) {
        items[i] = *answers.items[i];
    }
    return atrs(items);
}

inline score_change change_between(const atrs& before, const atrs& after,
                                   change_threshold threshold) {
    // Both totals are 0-100 by construction, so make() cannot fail here.
    return *score_change::make(outcome_measure::atrs, before.total(), after.total(), threshold);
}

} // namespace rehab

inline auto fmt::formatter<rehab::atrs>::format(const rehab::atrs& s,
                                                fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(
        "ATRS " + std::to_string(s.total()) + "/" + std::to_string(rehab::atrs::max_total), ctx);
}

inline auto fmt::formatter<rehab::atrs_answers>::format(const rehab::atrs_answers& a,
                                                        fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    std::string text = "ATRS items";
    for (const auto& item : a.items) {
        text += item ? " " + std::to_string(*item) : std::string(" -");
    }
    return fmt::formatter<std::string_view>::format(text, ctx);
}
