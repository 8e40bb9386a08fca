#include <rehab/session_log.hpp>

namespace rehab {

measurement measured(const visa_a& score) noexcept {
    return {measure::visa_a, static_cast<double>(score.total())};
}

measurement measured(const atrs& score) noexcept {
    return {measure::atrs, static_cast<double>(score.total())};
}

std::vector<measurement> measured(const heel_rise& test) {
    std::vector<measurement> out{
        {measure::single_leg_heel_raises, static_cast<double>(test.involved().reps.value())},
        {measure::heel_rise_lsi_reps, test.reps_lsi()},
    };
    if (const auto h = test.height_lsi()) {
        out.push_back({measure::heel_rise_lsi_height, *h});
    }
    if (const auto w = test.work_lsi()) {
        out.push_back({measure::heel_rise_lsi_work, *w});
    }
    return out;
}

std::string_view to_string(session_status s) noexcept {
    switch (s) {
    case session_status::done:
        return "done";
    case session_status::partial:
        return "partial";
    case session_status::missed:
        return "missed";
    }
    return "unknown";
}

} // namespace rehab
