#include <rehab/exercise.hpp>

#include <fmt/format.h>

#include <rehab/text.hpp>

namespace rehab {

bool is_kebab_case(std::string_view id) noexcept {
    if (id.empty() || id.front() == '-' || id.back() == '-') {
        return false;
    }
    char previous = '\0';
    for (const char c : id) {
        const bool lower = c >= 'a' && c <= 'z';
        const bool digit = c >= '0' && c <= '9';
        if (!(lower || digit || c == '-') || (c == '-' && previous == '-')) {
            return false;
        }
        previous = c;
    }
    return true;
}

namespace {

bool is_blank(std::string_view text) noexcept {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

void check_text(std::string_view text, std::string path, error_list& errors) {
    if (auto problem = text_problem(text)) {
        errors.push_back(error{errc::invalid_value, std::move(path), std::move(*problem), {}, {}});
    }
}

void check_lines(const std::vector<std::string>& lines, std::string_view field,
                 error_list& errors) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (is_blank(lines[i])) {
            errors.push_back(error{
                errc::invalid_value, fmt::format("/{}/{}", field, i), "must not be empty", {}, {}});
        } else {
            check_text(lines[i], fmt::format("/{}/{}", field, i), errors);
        }
    }
}

} // namespace

error_list validate(const exercise& e) {
    error_list errors;
    if (!is_kebab_case(e.id)) {
        errors.push_back(error{errc::invalid_value,
                               "/id",
                               fmt::format("must be kebab-case (lower-case letters and digits "
                                           "joined by single hyphens), got \"{}\"",
                                           e.id),
                               {},
                               {}});
    }
    if (is_blank(e.name)) {
        errors.push_back(error{errc::invalid_value, "/name", "must not be empty", {}, {}});
    }
    check_text(e.name, "/name", errors);
    check_text(e.starting_position, "/starting_position", errors);
    check_text(e.source, "/source", errors);
    if (e.steps.empty()) {
        errors.push_back(
            error{errc::invalid_value, "/steps", "must list at least one step", {}, {}});
    }
    check_lines(e.steps, "steps", errors);
    check_lines(e.cues, "cues", errors);
    check_lines(e.safety, "safety", errors);
    check_lines(e.targets, "targets", errors);
    for (std::size_t i = 0; i < e.needs.counts_as.size(); ++i) {
        if (!is_snake_case(e.needs.counts_as[i])) {
            errors.push_back(error{errc::invalid_value,
                                   fmt::format("/needs/counts_as/{}", i),
                                   fmt::format("must be snake_case (letters and digits joined by "
                                               "single underscores), got \"{}\"",
                                               e.needs.counts_as[i]),
                                   {},
                                   {}});
        }
    }
    return errors;
}

std::string_view to_string(exercise_kind k) noexcept {
    switch (k) {
    case exercise_kind::stretch:
        return "stretch";
    case exercise_kind::eccentric:
        return "eccentric";
    case exercise_kind::concentric_eccentric:
        return "concentric-eccentric";
    case exercise_kind::isometric:
        return "isometric";
    case exercise_kind::balance:
        return "balance";
    case exercise_kind::mobility:
        return "mobility";
    case exercise_kind::plyometric:
        return "plyometric";
    }
    return "unknown";
}

std::string_view to_string(equipment e) noexcept {
    switch (e) {
    case equipment::step:
        return "step";
    case equipment::wall:
        return "wall";
    case equipment::band:
        return "band";
    case equipment::towel_or_strap:
        return "towel or strap";
    case equipment::chair_or_counter:
        return "chair or counter";
    case equipment::backpack:
        return "backpack";
    case equipment::weight_machine:
        return "weight machine";
    case equipment::barbell:
        return "barbell";
    case equipment::raised_surface:
        return "raised surface";
    }
    return "unknown";
}

std::string_view to_string(body_position p) noexcept {
    switch (p) {
    case body_position::standing:
        return "standing";
    case body_position::sitting:
        return "sitting";
    case body_position::long_sitting:
        return "long sitting";
    case body_position::lying:
        return "lying";
    }
    return "unknown";
}

std::string_view to_string(laterality l) noexcept {
    switch (l) {
    case laterality::unilateral:
        return "one leg at a time";
    case laterality::bilateral:
        return "both legs together";
    }
    return "unknown";
}

} // namespace rehab
