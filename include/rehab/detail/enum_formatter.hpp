#pragma once
/// @file detail/enum_formatter.hpp
/// One `fmt::formatter` for every rehab enum that has a `to_string` overload,
/// so `fmt::format("{}", rehab::exercise_kind::stretch)` prints "stretch".

#include <concepts>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

namespace rehab::detail {

/// An enum of namespace `rehab` with a `to_string(E) -> std::string_view`
/// found by argument-dependent lookup.
template <class E>
concept named_enum = std::is_enum_v<E> && requires(E e) {
    { to_string(e) } -> std::same_as<std::string_view>;
};

} // namespace rehab::detail

template <class E>
requires rehab::detail::named_enum<E>
struct fmt::formatter<E, char> : fmt::formatter<std::string_view> {
    auto format(E value, fmt::format_context& ctx) const -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(to_string(value), ctx);
    }
};
