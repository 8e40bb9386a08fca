#pragma once
/// @file detail/enum_names.hpp
/// The one table of names of an enum: for each enumerator, the text that
/// `to_string` gives (and so the `fmt` formatter and the exports), and the
/// token the JSON files write and read. Each enum's table sits next to the
/// enum's declaration (`detail::sides_names` after `rehab::sides`), so the
/// text and the token of an enumerator cannot drift apart. Header-only
/// (`rehab::values`).

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace rehab::detail {

/// The names of one enumerator.
template <class E>
struct enum_name {
    E value;                     ///< the enumerator
    std::string_view text;       ///< what `to_string` gives; empty where the enum has none
    std::string_view token = {}; ///< its token in the JSON files; empty where the enum has none
};

/// The table of names of enum `E`: every enumerator once, in the order of
/// its declaration (the order in which an error lists the valid tokens).
template <class E, std::size_t N>
using enum_names = std::array<enum_name<E>, N>;

/// The text of `value` in `names`, or `fallback` when it is not there.
template <class E, std::size_t N>
[[nodiscard]] constexpr std::string_view text_of(E value, const enum_names<E, N>& names,
                                                 std::string_view fallback = "unknown") noexcept {
    for (const auto& n : names) {
        if (n.value == value) {
            return n.text;
        }
    }
    return fallback;
}

/// The file token of `value` in `names` (the first entry's when it is not there).
template <class E, std::size_t N>
[[nodiscard]] constexpr std::string_view token_of(E value, const enum_names<E, N>& names) noexcept {
    for (const auto& n : names) {
        if (n.value == value) {
            return n.token;
        }
    }
    return names.front().token;
}

/// The enumerator whose file token is `token`, or nothing.
template <class E, std::size_t N>
[[nodiscard]] constexpr std::optional<E> from_token(std::string_view token,
                                                    const enum_names<E, N>& names) noexcept {
    for (const auto& n : names) {
        if (!n.token.empty() && n.token == token) {
            return n.value;
        }
    }
    return std::nullopt;
}

/// True when the field `field` (`&enum_name<E>::text` or `::token`) of the
/// entries of `names` is either empty in all of them, or given in all of them
/// and distinct.
template <class E, std::size_t N>
[[nodiscard]] constexpr bool names_distinct(const enum_names<E, N>& names,
                                            std::string_view enum_name<E>::*field) noexcept {
    const bool given = !(names.front().*field).empty();
    for (std::size_t i = 0; i < N; ++i) {
        if ((names[i].*field).empty() == given) {
            return false;
        }
        for (std::size_t j = 0; given && j < i; ++j) {
            if (names[i].*field == names[j].*field) {
                return false;
            }
        }
    }
    return true;
}

/// True when `names` is a well-formed table of names: no enumerator twice,
/// the texts all empty or all given and distinct, the tokens likewise, and
/// every token read back (`from_token`) as its own enumerator.
template <class E, std::size_t N>
[[nodiscard]] constexpr bool well_formed(const enum_names<E, N>& names) noexcept {
    for (std::size_t i = 0; i < N; ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (names[i].value == names[j].value) {
                return false;
            }
        }
        if (!names[i].token.empty() && from_token(names[i].token, names) != names[i].value) {
            return false;
        }
    }
    return names_distinct(names, &enum_name<E>::text) &&
           names_distinct(names, &enum_name<E>::token);
}

} // namespace rehab::detail
