#pragma once
// Private to src/: what the built-in protocol factories share: a builder
// that keeps the first problem an option causes, and small helpers.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <rehab/catalog.hpp>
#include <rehab/dosage.hpp>
#include <rehab/error.hpp>
#include <rehab/frequency.hpp>
#include <rehab/protocol.hpp>

namespace rehab::detail {

inline constexpr std::chrono::days weeks(int n) { return std::chrono::days{7 * n}; }
inline constexpr std::chrono::days one_day{1};

/// Builds a protocol from options, keeping the first problem an option causes.
class builder {
public:
    /// A checked dose; a dose made invalid by option `option` is recorded.
    dose make(const dose_spec& spec, std::string_view option) {
        auto d = dose::make(spec);
        if (d) {
            return *d;
        }
        if (!first_) {
            first_ = d.error();
            first_->path = fmt::format("/options/{}", option);
        }
        return dose::make(dose_spec{}).value(); // a placeholder; the protocol is refused
    }

    void check(bool ok, std::string_view option, std::string message) {
        if (!ok && !first_) {
            first_ = error{errc::invalid_value,
                           fmt::format("/options/{}", option),
                           std::move(message),
                           {},
                           {}};
        }
    }

    /// The protocol, or the first problem with the options, or the first
    /// problem `validate` finds.
    expected<protocol> finish(protocol p) {
        if (first_) {
            return tl::unexpected(*first_);
        }
        if (auto errors = validate(p, catalog::builtin()); !errors.empty()) {
            return tl::unexpected(errors.front());
        }
        return p;
    }

private:
    std::optional<error> first_;
};

inline frequency daily(sessions per_day, std::vector<clock_time> times) {
    return frequency{.per_day = per_day, .days = every_day{}, .times = std::move(times)};
}

} // namespace rehab::detail
