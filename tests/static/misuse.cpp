// Misuses of the strong types that must not compile. The test suite compiles
// this file once per REHAB_MISUSE value and expects the compiler to refuse it
// with the diagnostic named in tests/CMakeLists.txt; REHAB_MISUSE=0 is the
// control that must compile, so a broken include cannot pass for a refusal.
#include <rehab/rehab.hpp>

int main() {
#if REHAB_MISUSE == 1
    constexpr rehab::pain_score pain{11}; // out of the 0-10 scale
#elif REHAB_MISUSE == 2
    auto total = rehab::reps{15} + rehab::sets{3}; // reps and sets do not mix
#elif REHAB_MISUSE == 3
    rehab::reps count = 15; // a bare int is not a count
#elif REHAB_MISUSE == 4
    rehab::dose_spec spec{.sets = 3}; // a bare int is not a number of sets
#elif REHAB_MISUSE == 5
    rehab::kilograms load{5}; // a load is a mass, not a count: kilograms{5.0}
#elif REHAB_MISUSE == 6
    int n = rehab::reps{3}; // a count is read back with .value()
#elif REHAB_MISUSE == 7
    int runtime = 4;
    rehab::pain_score pain{runtime}; // run-time input goes through pain_score::make
#else
    constexpr rehab::pain_score pain{10};
    static_assert(pain.value() == 10);
#endif
    return 0;
}
