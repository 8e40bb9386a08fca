#include <rehab/units.hpp>

#include <fmt/format.h>

namespace rehab {

expected<pain_score> pain_score::make(int value, std::string_view field) {
    if (value < min || value > max) {
        return fail(errc::invalid_value, std::string(field),
                    fmt::format("must be between {} and {}, got {}", min, max, value));
    }
    return pain_score(unchecked{}, value);
}

std::string to_string(std::chrono::seconds d) {
    const auto s = d.count();
    if (s != 0 && s % 60 == 0) {
        return fmt::format("{} min", s / 60);
    }
    if (s > 120) { // "8 min 30 s" reads better than "510 s"; "90 s" stays
        return fmt::format("{} min {} s", s / 60, s % 60);
    }
    return fmt::format("{} s", s);
}

} // namespace rehab
