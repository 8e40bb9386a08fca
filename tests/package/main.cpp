// Uses the installed package the way an application would.
#include <rehab/rehab.hpp>

#include <cstdio>

#include <fmt/format.h>

int main() {
    fmt::print("rehab {}\n", rehab::version_string());
#ifdef REHAB_EXPECTED_VERSION
    if (rehab::version_string() != REHAB_EXPECTED_VERSION) {
        fmt::print(stderr, "expected rehab {}\n", REHAB_EXPECTED_VERSION);
        return 1;
    }
#endif
    const auto& catalog = rehab::catalog::builtin();
    auto balance = catalog.get("single-leg-balance");
    if (!balance) {
        fmt::print(stderr, "{}\n", balance.error());
        return 1;
    }
    fmt::print("{} exercises, e.g. {}\n", catalog.size(), balance->get());
    return 0;
}
