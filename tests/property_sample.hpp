#pragma once
// How much of their generated sample the property tests (engine_properties_test.cpp,
// course_properties_test.cpp) run: all of it, unless REHAB_PROPERTY_PERCENT says
// a share in percent (1 to 100). The asan test preset sets 25: under
// AddressSanitizer and UBSan a generated run costs several times what it does
// in the dev preset, and what those presets add is a check for memory errors
// and undefined behaviour on every path the sample reaches, which a quarter
// of it (the first quarter of the same seeds and courses) reaches too. The
// dev preset runs the full sample, the properties' full count. Whatever the
// share, a test's "it must have seen this often" thresholds scale with it, so
// no property passes by having checked nothing.

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace rehab::test {

/// The share of each property's sample to run, in percent.
inline int property_percent() {
    static const int percent = [] {
        const char* env = std::getenv("REHAB_PROPERTY_PERCENT");
        if (env == nullptr || *env == '\0') {
            return 100;
        }
        char* end = nullptr;
        const long n = std::strtol(env, &end, 10);
        if (*end != '\0' || n < 1 || n > 100) {
            throw std::invalid_argument("REHAB_PROPERTY_PERCENT=" + std::string(env) +
                                        ": a share in percent, 1 to 100, is expected");
        }
        return static_cast<int>(n);
    }();
    return percent;
}

/// `full_count`, the size of a sample (or a threshold on what it must meet)
/// at the full share, scaled to the share run; at least 1.
inline int property_scaled(int full_count) {
    const long scaled = static_cast<long>(full_count) * property_percent() / 100;
    return scaled < 1 ? 1 : static_cast<int>(scaled);
}

} // namespace rehab::test
