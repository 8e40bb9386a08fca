#pragma once
/// @file visa_a.hpp
/// The VISA-A questionnaire (Victorian Institute of Sport Assessment - Achilles):
/// the severity of Achilles tendinopathy as a total from 0 to 100, 100 = no
/// symptoms // Robinson 2001, Br J Sports Med 35(5):335
///
/// Eight questions: pain (1-3), function (4-6) and activity (7-8). Questions
/// 1-6 score 0-10, question 7 scores 0, 4, 7 or 10, and question 8 is answered
/// in exactly one of its branches 8A, 8B or 8C, worth up to 30, 20 or 10.
/// Build a score from the answers with `visa_a::make`, which refuses any
/// answer the printed form could not produce:
/// @code
/// using namespace std::chrono_literals;
/// auto v = rehab::visa_a::make({.q1 = 30min, .q2 = 7, .q3 = 6, .q4 = 8, .q5 = 7,
///                               .q6 = 5, .q7 = 4, .q8b = rehab::visa_a_band::minutes_11_to_20});
/// fmt::print("{}\n", *v); // VISA-A 54/100
/// @endcode
///
/// Header-only (`rehab::values`): the definitions are at the end of this header.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <fmt/format.h>

#include <rehab/detail/enum_formatter.hpp>
#include <rehab/detail/enum_names.hpp>
#include <rehab/error.hpp>
#include <rehab/score_change.hpp>

namespace rehab {

/// The three branches of question 8; a patient answers exactly one // Robinson 2001
enum class visa_a_branch : std::uint8_t {
    a, ///< 8A: no pain while doing Achilles-loading sport
    b, ///< 8B: pain while doing it, but the pain does not stop the activity
    c, ///< 8C: pain that stops the activity
};

namespace detail {
/// The names of `visa_a_branch`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<visa_a_branch, 3> visa_a_branch_names{{
    {visa_a_branch::a, "8A", "a"},
    {visa_a_branch::b, "8B", "b"},
    {visa_a_branch::c, "8C", "c"},
}};
} // namespace detail

/// The duration bands of question 8: how long the patient can keep up the
/// activity // Robinson 2001
enum class visa_a_band : std::uint8_t {
    nil,              ///< not at all (0 minutes)
    minutes_1_to_10,  ///< 1 to 10 minutes
    minutes_11_to_20, ///< 11 to 20 minutes
    minutes_21_to_30, ///< 21 to 30 minutes
    over_30_minutes,  ///< more than 30 minutes
};

namespace detail {
/// The names of `visa_a_band`: the text of `to_string` and the token of the JSON files.
inline constexpr enum_names<visa_a_band, 5> visa_a_band_names{{
    {visa_a_band::nil, "nil", "nil"},
    {visa_a_band::minutes_1_to_10, "1-10 min", "minutes_1_to_10"},
    {visa_a_band::minutes_11_to_20, "11-20 min", "minutes_11_to_20"},
    {visa_a_band::minutes_21_to_30, "21-30 min", "minutes_21_to_30"},
    {visa_a_band::over_30_minutes, "more than 30 min", "over_30_minutes"},
}};
} // namespace detail

/// An answer to question 8A, 8B or 8C: the band as ticked, or whole minutes,
/// which map to their band: 0 is nil, 1-10, 11-20, 21-30, and 31 or more is
/// "> 30". Negative minutes are refused.
using visa_a_duration = std::variant<visa_a_band, std::chrono::minutes>;

/// The answer to question 1, minutes of Achilles stiffness on first getting
/// up: the points ticked on the form (0-10), or the minutes. Minutes score 10
/// points minus 1 for every whole 10 minutes, never below 0 // Robinson 2001
/// (0 min = 10, 100 min = 0). Between the tens, only completed 10-minute blocks
/// count (our rule; the form is silent): 0-9 min = 10, 10-19 min = 9, 95 min = 1,
/// 100 min or more = 0.
using visa_a_stiffness = std::variant<int, std::chrono::minutes>;

/// The answers on one VISA-A form, as given; an item left empty is
/// unanswered. Check them with `visa_a::make` or `validate`.
/// Paths in errors: `/q1` (`/q1_minutes` for minutes), `/q2` to `/q7`, `/q8`
/// (how many branches were answered), `/q8a`, `/q8b`, `/q8c` (`/q8a_minutes` ...
/// for minutes).
struct visa_a_answers {
    std::optional<visa_a_stiffness> q1{}; ///< stiffness on first getting up
    std::optional<int> q2{};              ///< pain, 0-10 (10 = none)
    std::optional<int> q3{};              ///< pain, 0-10 (10 = none)
    std::optional<int> q4{};              ///< pain, 0-10 (10 = none)
    std::optional<int> q5{};              ///< pain, 0-10 (10 = none)
    std::optional<int> q6{};              ///< single-leg hops without pain, 0-10
    std::optional<int> q7{};              ///< sport or physical activity now: 0, 4, 7 or 10
    std::optional<visa_a_duration> q8a{}; ///< no pain during loading sport: for how long
    std::optional<visa_a_duration> q8b{}; ///< pain that does not stop it: for how long
    std::optional<visa_a_duration> q8c{}; ///< pain that stops it: for how long
    /// Equal when every field is.
    friend bool operator==(const visa_a_answers&, const visa_a_answers&) = default;
};

/// Points of question 8 for a branch and a band // Robinson 2001
/// 8A: 0/7/14/21/30, 8B: 0/4/10/14/20, 8C: 0/2/5/7/10 (nil, 1-10, 11-20,
/// 21-30, > 30 min). Precondition: both are named enumerators.
[[nodiscard]] constexpr int visa_a_q8_points(visa_a_branch branch, visa_a_band band) noexcept {
    constexpr std::array<std::array<int, 5>, 3> points{{
        {0, 7, 14, 21, 30}, // 8A
        {0, 4, 10, 14, 20}, // 8B
        {0, 2, 5, 7, 10},   // 8C
    }};
    return points[static_cast<std::size_t>(branch)][static_cast<std::size_t>(band)];
}

/// A checked VISA-A score: the points of each question and their total.
class visa_a {
public:
    static constexpr int max_total = 100; ///< 6 x 10 + 10 + 30 // Robinson 2001

    /// Scores `answers`, or returns the first problem with its item's path:
    /// `/q3: must be answered`, `/q2: must be between 0 and 10, got 11`,
    /// `/q1_minutes: must be >= 0 min, got -5 min`, `/q7: must be one of 0, 4,
    /// 7, 10, got 5`, `/q8: answer exactly one of 8A, 8B, 8C, got 2`.
    /// `validate(answers)` lists every problem.
    [[nodiscard]] static expected<visa_a> make(const visa_a_answers& answers);

    /// Points of questions 1 to 8, question 1 first (index 0); question 8
    /// holds the points of the branch answered.
    [[nodiscard]] constexpr const std::array<int, 8>& items() const noexcept { return items_; }
    /// 0-100; 100 = no symptoms.
    [[nodiscard]] constexpr int total() const noexcept { return sum(0, 8); }
    /// Questions 1-3, 0-30.
    [[nodiscard]] constexpr int pain() const noexcept { return sum(0, 3); }
    /// Questions 4-6, 0-30.
    [[nodiscard]] constexpr int function() const noexcept { return sum(3, 6); }
    /// Questions 7-8, 0-40.
    [[nodiscard]] constexpr int activity() const noexcept { return sum(6, 8); }
    /// The branch of question 8 that was answered.
    [[nodiscard]] constexpr visa_a_branch q8_branch() const noexcept { return branch_; }
    /// The band of question 8 (minutes given are mapped to theirs).
    [[nodiscard]] constexpr visa_a_band q8_band() const noexcept { return band_; }

    /// Equal points of every question, branch and band.
    friend bool operator==(const visa_a&, const visa_a&) = default;

private:
    constexpr visa_a(const std::array<int, 8>& items, visa_a_branch branch,
                     visa_a_band band) noexcept
        : items_(items), branch_(branch), band_(band) {}
    [[nodiscard]] constexpr int sum(std::size_t first, std::size_t last) const noexcept {
        int s = 0;
        for (std::size_t i = first; i < last; ++i) {
            s += items_[i];
        }
        return s;
    }
    std::array<int, 8> items_;
    visa_a_branch branch_;
    visa_a_band band_;
};

/// Every problem with `answers`, each with its item's path; empty when valid.
[[nodiscard]] error_list validate(const visa_a_answers& answers);

/// MCID of the VISA-A over 12 weeks: 14 points (95 % CI 3-19; sensitivity
/// 57 %, specificity 88 %), active people with mid-portion tendinopathy
/// treated with exercise plus injection, n = 61 // JOSPT 2021 [S]
inline constexpr change_threshold visa_a_mcid_12_weeks{14.0, threshold_kind::mcid};
/// MCID of the VISA-A over 24 weeks: 7 points, but its 95 % CI (-10 to 28)
/// includes no change // JOSPT 2021 [S]
inline constexpr change_threshold visa_a_mcid_24_weeks{7.0, threshold_kind::mcid};

/// The change from `before` to `after`, judged against `threshold` (by
/// default the 12-week MCID, 14 points).
[[nodiscard]] score_change change_between(const visa_a& before, const visa_a& after,
                                          change_threshold threshold = visa_a_mcid_12_weeks);

/// "8A", "8B", "8C".
[[nodiscard]] std::string_view to_string(visa_a_branch b) noexcept;
/// "nil", "1-10 min", "11-20 min", "21-30 min", "more than 30 min".
[[nodiscard]] std::string_view to_string(visa_a_band b) noexcept;

} // namespace rehab

/// Prints "VISA-A 72/100".
template <>
struct fmt::formatter<rehab::visa_a> : fmt::formatter<std::string_view> {
    auto format(const rehab::visa_a& v, fmt::format_context& ctx) const -> decltype(ctx.out());
};

/// Prints the answers as given, "-" for an unanswered item: "q1 30 min, q2 7,
/// q3 -, q4 8, q5 7, q6 5, q7 4, q8B 11-20 min".
template <>
struct fmt::formatter<rehab::visa_a_answers> : fmt::formatter<std::string_view> {
    auto format(const rehab::visa_a_answers& a, fmt::format_context& ctx) const
        -> decltype(ctx.out());
};

// --- Definitions -------------------------------------------------------------
// Messages are built by concatenation (`std::to_string` prints an integer as
// "{}" does): each `fmt::format` call instantiates its own compile-time check,
// and these definitions are compiled by every file that includes the header.

namespace rehab {

namespace detail {

inline constexpr int visa_a_item_min = 0;
inline constexpr int visa_a_item_max = 10;
inline constexpr std::array<int, 4> visa_a_q7_choices{0, 4, 7, 10}; // Robinson 2001

/// The three branches of question 8 with their field names.
struct visa_a_q8_slot {
    visa_a_branch branch;
    std::string_view field;
    const std::optional<visa_a_duration>& answer;
};

inline std::array<visa_a_q8_slot, 3> visa_a_q8_slots(const visa_a_answers& a) {
    return {{{visa_a_branch::a, "q8a", a.q8a},
             {visa_a_branch::b, "q8b", a.q8b},
             {visa_a_branch::c, "q8c", a.q8c}}};
}

inline error visa_a_invalid(std::string path, std::string message) {
    return error{errc::invalid_value, std::move(path), std::move(message), {}, {}};
}

inline error visa_a_unanswered(std::string_view field) {
    return visa_a_invalid("/" + std::string(field), "must be answered");
}

inline void visa_a_check_points(int points, std::string_view field, error_list& errors) {
    if (points < visa_a_item_min || points > visa_a_item_max) {
        errors.push_back(visa_a_invalid("/" + std::string(field),
                                        "must be between " + std::to_string(visa_a_item_min) +
                                            " and " + std::to_string(visa_a_item_max) + ", got " +
                                            std::to_string(points)));
    }
}

inline void visa_a_check_minutes(std::chrono::minutes m, std::string_view field,
                                 error_list& errors) {
    if (m < std::chrono::minutes{0}) {
        errors.push_back(
            visa_a_invalid("/" + std::string(field) + "_minutes",
                           "must be >= 0 min, got " + std::to_string(m.count()) + " min"));
    }
}

inline bool visa_a_is_band(visa_a_band band) noexcept {
    return static_cast<int>(band) <= static_cast<int>(visa_a_band::over_30_minutes);
}

/// Question 1 from minutes: 10 points minus 1 per whole 10 minutes, never
/// below 0 (0-9 min = 10, 10-19 min = 9, 100 min or more = 0). Precondition: m >= 0.
inline int visa_a_stiffness_points(std::chrono::minutes m) noexcept {
    const auto blocks = m.count() / 10;
    return blocks >= visa_a_item_max ? 0 : visa_a_item_max - static_cast<int>(blocks);
}

/// The band whole minutes fall in: 0 nil, 1-10, 11-20, 21-30, 31 or more
/// "> 30". Precondition: m >= 0.
inline visa_a_band visa_a_band_of(std::chrono::minutes m) noexcept {
    using std::chrono::minutes;
    if (m == minutes{0}) {
        return visa_a_band::nil;
    }
    if (m <= minutes{10}) {
        return visa_a_band::minutes_1_to_10;
    }
    if (m <= minutes{20}) {
        return visa_a_band::minutes_11_to_20;
    }
    if (m <= minutes{30}) {
        return visa_a_band::minutes_21_to_30;
    }
    return visa_a_band::over_30_minutes;
}

inline visa_a_band visa_a_band_of(const visa_a_duration& d) noexcept {
    if (const auto* m = std::get_if<std::chrono::minutes>(&d)) {
        return visa_a_band_of(*m);
    }
    return *std::get_if<visa_a_band>(&d);
}

inline bool visa_a_is_q7_choice(int points) noexcept {
    // No <algorithm> in the value layer: it adds the C++20 ranges algorithms to
    // every file that includes rehab.hpp (BENCHMARKS.md, compile time).
    // NOLINTNEXTLINE(readability-use-anyofallof)
    for (const int choice : visa_a_q7_choices) {
        if (choice == points) {
            return true;
        }
    }
    return false;
}

/// "0, 4, 7, 10".
inline std::string visa_a_q7_choices_text() {
    std::string text;
    for (const int choice : visa_a_q7_choices) {
        text += (text.empty() ? "" : ", ") + std::to_string(choice);
    }
    return text;
}

/// "nil, 1-10 min, 11-20 min, 21-30 min, more than 30 min".
inline std::string visa_a_band_choices() {
    std::string text;
    for (const auto band :
         {visa_a_band::nil, visa_a_band::minutes_1_to_10, visa_a_band::minutes_11_to_20,
          visa_a_band::minutes_21_to_30, visa_a_band::over_30_minutes}) {
        text += text.empty() ? "" : ", ";
        text += to_string(band);
    }
    return text;
}

/// "30 min", or the band as ticked ("11-20 min").
inline std::string visa_a_duration_text(const visa_a_duration& d) {
    if (const auto* m = std::get_if<std::chrono::minutes>(&d)) {
        return std::to_string(m->count()) + " min";
    }
    return std::string(to_string(*std::get_if<visa_a_band>(&d)));
}

inline std::string visa_a_answers_text(const visa_a_answers& a) {
    using std::chrono::minutes;
    const auto item = [](std::string_view field, const std::optional<int>& answer) {
        return std::string(field) + (answer ? " " + std::to_string(*answer) : " -");
    };

    std::string text = "q1 -";
    if (a.q1) {
        const auto* points = std::get_if<int>(&*a.q1);
        text = points ? "q1 " + std::to_string(*points)
                      : "q1 " + std::to_string(std::get_if<minutes>(&*a.q1)->count()) + " min";
    }
    for (const auto& [field, answer] :
         {std::pair{"q2", &a.q2}, std::pair{"q3", &a.q3}, std::pair{"q4", &a.q4},
          std::pair{"q5", &a.q5}, std::pair{"q6", &a.q6}, std::pair{"q7", &a.q7}}) {
        text += ", " + item(field, *answer);
    }
    bool any_q8 = false;
    for (const auto& slot : visa_a_q8_slots(a)) {
        if (slot.answer) {
            text += ", " + std::string(slot.field) + " " + visa_a_duration_text(*slot.answer);
            any_q8 = true;
        }
    }
    if (!any_q8) {
        text += ", q8 -";
    }
    return text;
}

} // namespace detail

inline error_list validate(const visa_a_answers& answers) {
    using std::chrono::minutes;
    error_list errors;
    if (!answers.q1) {
        errors.push_back(detail::visa_a_unanswered("q1"));
    } else if (const auto* points = std::get_if<int>(&*answers.q1)) {
        detail::visa_a_check_points(*points, "q1", errors);
    } else if (const auto* m = std::get_if<minutes>(&*answers.q1)) {
        detail::visa_a_check_minutes(*m, "q1", errors);
    }

    const std::array<std::pair<std::string_view, const std::optional<int>*>, 5> pain_and_function{
        {{"q2", &answers.q2},
         {"q3", &answers.q3},
         {"q4", &answers.q4},
         {"q5", &answers.q5},
         {"q6", &answers.q6}}};
    for (const auto& [field, answer] : pain_and_function) {
        if (!*answer) {
            errors.push_back(detail::visa_a_unanswered(field));
        } else {
            detail::visa_a_check_points(**answer, field, errors);
        }
    }

    if (!answers.q7) {
        errors.push_back(detail::visa_a_unanswered("q7"));
    } else if (!detail::visa_a_is_q7_choice(*answers.q7)) {
        errors.push_back(detail::visa_a_invalid("/q7", "must be one of " +
                                                           detail::visa_a_q7_choices_text() +
                                                           ", got " + std::to_string(*answers.q7)));
    }

    const auto slots = detail::visa_a_q8_slots(answers);
    long answered = 0;
    for (const auto& slot : slots) {
        answered += slot.answer.has_value() ? 1 : 0;
    }
    if (answered != 1) {
        errors.push_back(detail::visa_a_invalid("/q8", "answer exactly one of 8A, 8B, 8C, got " +
                                                           std::to_string(answered)));
    }
    for (const auto& slot : slots) {
        if (!slot.answer) {
            continue;
        }
        if (const auto* m = std::get_if<minutes>(&*slot.answer)) {
            detail::visa_a_check_minutes(*m, slot.field, errors);
        } else if (const auto band = *std::get_if<visa_a_band>(&*slot.answer);
                   !detail::visa_a_is_band(band)) {
            errors.push_back(detail::visa_a_invalid("/" + std::string(slot.field),
                                                    "must be one of " +
                                                        detail::visa_a_band_choices() + ", got " +
                                                        std::to_string(static_cast<int>(band))));
        }
    }
    return errors;
}

inline expected<visa_a> visa_a::make(const visa_a_answers& answers) {
    if (auto errors = validate(answers); !errors.empty()) {
        return tl::unexpected(std::move(errors.front()));
    }
    const auto* q1_points = std::get_if<int>(&*answers.q1);
    const int q1 =
        q1_points
            ? *q1_points
            : detail::visa_a_stiffness_points(*std::get_if<std::chrono::minutes>(&*answers.q1));

    visa_a_branch branch = visa_a_branch::a;
    visa_a_band band = visa_a_band::nil;
    for (const auto& slot : detail::visa_a_q8_slots(answers)) {
        if (slot.answer) {
            branch = slot.branch;
            band = detail::visa_a_band_of(*slot.answer);
        }
    }
    return visa_a({q1, *answers.q2, *answers.q3, *answers.q4, *answers.q5, *answers.q6, *answers.q7,
                   visa_a_q8_points(branch, band)},
                  branch, band);
}

inline score_change change_between(const visa_a& before, const visa_a& after,
                                   change_threshold threshold) {
    // Both totals are 0-100 by construction, so make() cannot fail here.
    return *score_change::make(outcome_measure::visa_a, before.total(), after.total(), threshold);
}

inline std::string_view to_string(visa_a_branch b) noexcept {
    return detail::text_of(b, detail::visa_a_branch_names);
}

inline std::string_view to_string(visa_a_band b) noexcept {
    return detail::text_of(b, detail::visa_a_band_names);
}

} // namespace rehab

inline auto fmt::formatter<rehab::visa_a>::format(const rehab::visa_a& v,
                                                  fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format("VISA-A " + std::to_string(v.total()) + "/" +
                                                        std::to_string(rehab::visa_a::max_total),
                                                    ctx);
}

inline auto fmt::formatter<rehab::visa_a_answers>::format(const rehab::visa_a_answers& a,
                                                          fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(rehab::detail::visa_a_answers_text(a), ctx);
}
