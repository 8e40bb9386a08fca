#pragma once
/// @file overloaded.hpp (private to the library)
/// The usual visitor helper: `std::visit(overloaded{[](const A&) {...}, [](const B&) {...}}, v)`.

namespace rehab::detail {

template <class... F>
struct overloaded : F... {
    using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

} // namespace rehab::detail
