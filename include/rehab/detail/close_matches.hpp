#pragma once
/// @file detail/close_matches.hpp
/// "Did you mean" suggestions for unknown ids.

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rehab::detail {

/// Levenshtein distance between `a` and `b` (insert, delete, substitute).
/// @par Complexity O(|a| * |b|) time, O(|b|) memory.
[[nodiscard]] inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j < row.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// Up to `limit` of `candidates` that look like a mistyped `wanted`: those
/// that contain it or lie within a quarter of its length (at least 2) in edit
/// distance,
/// closest first, ties in the order given.
template <class Range>
[[nodiscard]] std::vector<std::string>
close_matches(std::string_view wanted, const Range& candidates, std::size_t limit = 3) {
    std::vector<std::pair<std::size_t, std::string>> scored;
    const std::size_t tolerance = std::max<std::size_t>(2, wanted.size() / 4);
    for (const auto& candidate : candidates) {
        const std::string_view c = candidate;
        std::size_t distance = edit_distance(wanted, c);
        if (!wanted.empty() && (c.find(wanted) != std::string_view::npos ||
                                wanted.find(c) != std::string_view::npos)) {
            distance = std::min(distance, tolerance);
        }
        if (distance <= tolerance) {
            scored.emplace_back(distance, std::string(c));
        }
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& l, const auto& r) { return l.first < r.first; });
    std::vector<std::string> out;
    for (auto& entry : scored) {
        if (out.size() == limit) {
            break;
        }
        out.push_back(std::move(entry.second));
    }
    return out;
}

/// `unknown exercise id "x"; did you mean "a" or "b"?` style message tail:
/// empty when there is nothing close, else `; did you mean "a", "b" or "c"?`.
[[nodiscard]] inline std::string did_you_mean(const std::vector<std::string>& matches) {
    if (matches.empty()) {
        return {};
    }
    std::string text = "; did you mean ";
    for (std::size_t i = 0; i < matches.size(); ++i) {
        if (i > 0) {
            text += i + 1 == matches.size() ? " or " : ", ";
        }
        text += '"' + matches[i] + '"';
    }
    return text + '?';
}

} // namespace rehab::detail
