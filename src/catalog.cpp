#include <rehab/catalog.hpp>

#include <stdexcept>

#include <fmt/format.h>

#include "builtin_exercises.hpp"
#include <rehab/detail/close_matches.hpp>

namespace rehab {

const catalog& catalog::builtin() {
    static const catalog instance = [] {
        catalog c;
        for (auto& e : detail::builtin_exercises()) {
            // The built-in data is checked by the test suite; a failure here
            // would be a library bug, so it is not silently skipped.
            if (auto added = c.add(std::move(e)); !added) {
                throw std::logic_error(
                    fmt::format("rehab: invalid built-in exercise: {}", added.error()));
            }
        }
        return c;
    }();
    return instance;
}

// Out of line: a span made from a vector checks the range concepts, in every
// file that would compile it.
std::span<const exercise> catalog::exercises() const noexcept { return exercises_; }

expected<void> catalog::add(exercise e) {
    if (auto errors = validate(e); !errors.empty()) {
        return tl::unexpected(std::move(errors.front()));
    }
    if (index_.contains(e.id)) {
        return fail(errc::duplicate_id, "/id",
                    fmt::format("exercise id \"{}\" is already in the catalog", e.id));
    }
    index_.emplace(e.id, exercises_.size());
    exercises_.push_back(std::move(e));
    return {};
}

const exercise* catalog::find(std::string_view id) const noexcept {
    const auto it = index_.find(id);
    return it == index_.end() ? nullptr : &exercises_[it->second];
}

expected<std::reference_wrapper<const exercise>> catalog::get(std::string_view id) const {
    if (const exercise* e = find(id)) {
        return std::cref(*e);
    }
    return fail(errc::unknown_id, "",
                fmt::format("unknown exercise id \"{}\"{}", id,
                            detail::did_you_mean(detail::close_matches(id, ids()))));
}

std::vector<std::string_view> catalog::ids() const {
    std::vector<std::string_view> out;
    out.reserve(exercises_.size());
    for (const auto& e : exercises_) {
        out.emplace_back(e.id);
    }
    return out;
}

} // namespace rehab
