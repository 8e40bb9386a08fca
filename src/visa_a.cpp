#include <rehab/visa_a.hpp>

#include <algorithm>
#include <string>
#include <type_traits>

#include <fmt/format.h>

namespace rehab {

namespace {

using std::chrono::minutes;

constexpr int item_min = 0;
constexpr int item_max = 10;
constexpr std::array<int, 4> q7_choices{0, 4, 7, 10}; // Robinson 2001

/// The three branches of question 8 with their field names.
struct q8_slot {
    visa_a_branch branch;
    std::string_view field;
    const std::optional<visa_a_duration>& answer;
};

std::array<q8_slot, 3> q8_slots(const visa_a_answers& a) {
    return {{{visa_a_branch::a, "q8a", a.q8a},
             {visa_a_branch::b, "q8b", a.q8b},
             {visa_a_branch::c, "q8c", a.q8c}}};
}

error invalid(std::string path, std::string message) {
    return error{errc::invalid_value, std::move(path), std::move(message), {}, {}};
}

error unanswered(std::string_view field) {
    return invalid(fmt::format("/{}", field), "must be answered");
}

void check_points(int points, std::string_view field, error_list& errors) {
    if (points < item_min || points > item_max) {
        errors.push_back(
            invalid(fmt::format("/{}", field),
                    fmt::format("must be between {} and {}, got {}", item_min, item_max, points)));
    }
}

void check_minutes(minutes m, std::string_view field, error_list& errors) {
    if (m < minutes{0}) {
        errors.push_back(invalid(fmt::format("/{}_minutes", field),
                                 fmt::format("must be >= 0 min, got {} min", m.count())));
    }
}

bool is_band(visa_a_band band) noexcept {
    return static_cast<int>(band) <= static_cast<int>(visa_a_band::over_30_minutes);
}

/// Question 1 from minutes: 10 points minus 1 per whole 10 minutes, never
/// below 0 (0-9 min = 10, 10-19 min = 9, 100 min or more = 0). Precondition: m >= 0.
int stiffness_points(minutes m) noexcept {
    const auto blocks = std::min<minutes::rep>(m.count() / 10, item_max);
    return item_max - static_cast<int>(blocks);
}

/// The band whole minutes fall in: 0 nil, 1-10, 11-20, 21-30, 31 or more
/// "> 30". Precondition: m >= 0.
visa_a_band band_of(minutes m) noexcept {
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

visa_a_band band_of(const visa_a_duration& d) noexcept {
    if (const auto* m = std::get_if<minutes>(&d)) {
        return band_of(*m);
    }
    return std::get<visa_a_band>(d);
}

std::string band_choices() {
    return fmt::format("{}, {}, {}, {}, {}", visa_a_band::nil, visa_a_band::minutes_1_to_10,
                       visa_a_band::minutes_11_to_20, visa_a_band::minutes_21_to_30,
                       visa_a_band::over_30_minutes);
}

} // namespace

error_list validate(const visa_a_answers& answers) {
    error_list errors;
    if (!answers.q1) {
        errors.push_back(unanswered("q1"));
    } else if (const auto* points = std::get_if<int>(&*answers.q1)) {
        check_points(*points, "q1", errors);
    } else {
        check_minutes(std::get<minutes>(*answers.q1), "q1", errors);
    }

    const std::array<std::pair<std::string_view, const std::optional<int>*>, 5> pain_and_function{
        {{"q2", &answers.q2},
         {"q3", &answers.q3},
         {"q4", &answers.q4},
         {"q5", &answers.q5},
         {"q6", &answers.q6}}};
    for (const auto& [field, answer] : pain_and_function) {
        if (!*answer) {
            errors.push_back(unanswered(field));
        } else {
            check_points(**answer, field, errors);
        }
    }

    if (!answers.q7) {
        errors.push_back(unanswered("q7"));
    } else if (std::find(q7_choices.begin(), q7_choices.end(), *answers.q7) == q7_choices.end()) {
        errors.push_back(invalid("/q7", fmt::format("must be one of {}, got {}",
                                                    fmt::join(q7_choices, ", "), *answers.q7)));
    }

    const auto slots = q8_slots(answers);
    const auto answered = std::count_if(slots.begin(), slots.end(),
                                        [](const q8_slot& s) { return s.answer.has_value(); });
    if (answered != 1) {
        errors.push_back(
            invalid("/q8", fmt::format("answer exactly one of 8A, 8B, 8C, got {}", answered)));
    }
    for (const auto& slot : slots) {
        if (!slot.answer) {
            continue;
        }
        if (const auto* m = std::get_if<minutes>(&*slot.answer)) {
            check_minutes(*m, slot.field, errors);
        } else if (const auto band = std::get<visa_a_band>(*slot.answer); !is_band(band)) {
            errors.push_back(invalid(
                fmt::format("/{}", slot.field),
                fmt::format("must be one of {}, got {}", band_choices(), static_cast<int>(band))));
        }
    }
    return errors;
}

expected<visa_a> visa_a::make(const visa_a_answers& answers) {
    if (auto errors = validate(answers); !errors.empty()) {
        return tl::unexpected(std::move(errors.front()));
    }
    const auto* q1_points = std::get_if<int>(&*answers.q1);
    const int q1 = q1_points ? *q1_points : stiffness_points(std::get<minutes>(*answers.q1));

    visa_a_branch branch = visa_a_branch::a;
    visa_a_band band = visa_a_band::nil;
    for (const auto& slot : q8_slots(answers)) {
        if (slot.answer) {
            branch = slot.branch;
            band = band_of(*slot.answer);
        }
    }
    return visa_a({q1, *answers.q2, *answers.q3, *answers.q4, *answers.q5, *answers.q6, *answers.q7,
                   visa_a_q8_points(branch, band)},
                  branch, band);
}

score_change change_between(const visa_a& before, const visa_a& after, change_threshold threshold) {
    // Both totals are 0-100 by construction, so make() cannot fail here.
    return *score_change::make(outcome_measure::visa_a, before.total(), after.total(), threshold);
}

std::string_view to_string(visa_a_branch b) noexcept {
    switch (b) {
    case visa_a_branch::a:
        return "8A";
    case visa_a_branch::b:
        return "8B";
    case visa_a_branch::c:
        return "8C";
    }
    return "unknown";
}

std::string_view to_string(visa_a_band b) noexcept {
    switch (b) {
    case visa_a_band::nil:
        return "nil";
    case visa_a_band::minutes_1_to_10:
        return "1-10 min";
    case visa_a_band::minutes_11_to_20:
        return "11-20 min";
    case visa_a_band::minutes_21_to_30:
        return "21-30 min";
    case visa_a_band::over_30_minutes:
        return "more than 30 min";
    }
    return "unknown";
}

} // namespace rehab

namespace {

std::string answers_text(const rehab::visa_a_answers& a) {
    using std::chrono::minutes;
    const auto item = [](std::string_view field, const std::optional<int>& answer) {
        return answer ? fmt::format("{} {}", field, *answer) : fmt::format("{} -", field);
    };
    const auto duration = [](const rehab::visa_a_duration& d) {
        return std::visit(
            [](const auto& v) -> std::string {
                if constexpr (std::is_same_v<std::decay_t<decltype(v)>, minutes>) {
                    return fmt::format("{} min", v.count());
                } else {
                    return fmt::format("{}", v);
                }
            },
            d);
    };

    std::string text = "q1 -";
    if (a.q1) {
        const auto* points = std::get_if<int>(&*a.q1);
        text = points ? fmt::format("q1 {}", *points)
                      : fmt::format("q1 {} min", std::get<minutes>(*a.q1).count());
    }
    for (const auto& [field, answer] :
         {std::pair{"q2", a.q2}, std::pair{"q3", a.q3}, std::pair{"q4", a.q4},
          std::pair{"q5", a.q5}, std::pair{"q6", a.q6}, std::pair{"q7", a.q7}}) {
        text += ", " + item(field, answer);
    }
    bool any_q8 = false;
    for (const auto& [field, answer] :
         {std::pair{"q8a", a.q8a}, std::pair{"q8b", a.q8b}, std::pair{"q8c", a.q8c}}) {
        if (answer) {
            text += fmt::format(", {} {}", field, duration(*answer));
            any_q8 = true;
        }
    }
    if (!any_q8) {
        text += ", q8 -";
    }
    return text;
}

} // namespace

auto fmt::formatter<rehab::visa_a>::format(const rehab::visa_a& v, fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(
        fmt::format("VISA-A {}/{}", v.total(), rehab::visa_a::max_total), ctx);
}

auto fmt::formatter<rehab::visa_a_answers>::format(const rehab::visa_a_answers& a,
                                                   fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(answers_text(a), ctx);
}
