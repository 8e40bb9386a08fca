#pragma once
/// @file units.hpp
/// Strong quantities of the domain: counts (reps, sets, sessions), the 0-10
/// pain scale, loads (kilograms, a share of body weight, a repetition-maximum
/// target). Durations are `std::chrono` types throughout the library.
///
/// A bare number never becomes a quantity by accident: `rehab::reps{15}`,
/// not `15`, and `reps + sets` does not compile.
///
/// Header-only (`rehab::values`): the definitions are at the end of this header.

#include <chrono>
#include <cmath>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include <rehab/error.hpp>

namespace rehab {

namespace detail {

/// A count of something, distinct from every other kind of count.
/// Counts of one kind add and subtract and compare; different kinds never mix.
template <class Tag>
class count {
public:
    constexpr count() noexcept = default;
    explicit constexpr count(int value) noexcept : value_(value) {}
    count(double fraction) = delete; // a count is whole: no 1.5 reps
    count(bool flag) = delete;

    [[nodiscard]] constexpr int value() const noexcept { return value_; }

    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>
    friend constexpr auto operator<=>(count, count) noexcept = default;
    friend constexpr count operator+(count a, count b) noexcept {
        return count(a.value_ + b.value_);
    }
    friend constexpr count operator-(count a, count b) noexcept {
        return count(a.value_ - b.value_);
    }
    constexpr count& operator+=(count other) noexcept {
        value_ += other.value_;
        return *this;
    }
    constexpr count& operator-=(count other) noexcept {
        value_ -= other.value_;
        return *this;
    }

private:
    int value_ = 0;
};

struct reps_tag;
struct sets_tag;
struct sessions_tag;

} // namespace detail

/// A number of repetitions. Sets times reps is reps (`sets{3} * reps{15}` is
/// `reps{45}`), and so is reps times sessions (45 a session x 2 sessions is 90).
using reps = detail::count<detail::reps_tag>;
/// A number of sets.
using sets = detail::count<detail::sets_tag>;
/// A number of exercise sessions.
using sessions = detail::count<detail::sessions_tag>;

/// @cond detail
// Doxygen cannot match the second operator* to its declaration (it reads
// `sessions` as a bare `count`): the reference describes both at `reps`.
namespace detail { // beside `count`, so argument-dependent lookup finds them

/// `3 sets x 15 reps` is 45 reps.
[[nodiscard]] constexpr reps operator*(sets s, reps r) noexcept {
    return reps(s.value() * r.value());
}
/// `45 reps per session x 2 sessions` is 90 reps.
[[nodiscard]] constexpr reps operator*(reps r, sessions n) noexcept {
    return reps(r.value() * n.value());
}

} // namespace detail
/// @endcond

/// A pain rating on the 0-10 numeric rating scale (0 no pain, 10 worst
/// imaginable). Always in range: build it from a literal (`pain_score{5}`,
/// checked at compile time) or from run-time input with `pain_score::make`.
class pain_score {
public:
    static constexpr int min = 0;  ///< the lowest score: no pain
    static constexpr int max = 10; ///< the highest score: worst pain imaginable

    /// From a constant; an out-of-range constant does not compile.
    explicit consteval pain_score(int value) : value_(checked(value)) {}

    /// From run-time input; out of range gives `errc::invalid_value` at
    /// `field` ("must be between 0 and 10, got 11").
    [[nodiscard]] static expected<pain_score> make(int value, std::string_view field = "/pain");

    /// The score, 0-10.
    [[nodiscard]] constexpr int value() const noexcept { return value_; }
    /// Compares scores: the greater is more pain.
    friend constexpr auto operator<=>(pain_score, pain_score) noexcept = default;

private:
    struct unchecked {};
    constexpr pain_score(unchecked /*tag*/, int value) noexcept : value_(value) {}
    static consteval int checked(int value) {
        if (value < min || value > max) {
            throw "pain_score: a pain score is between 0 and 10"; // compile-time error
        }
        return value;
    }
    int value_;
};

/// A mass in kilograms, e.g. the weight added in a backpack.
class kilograms {
public:
    constexpr kilograms() noexcept = default;
    /// `value` kilograms. Not checked here: each use checks its own range (a
    /// dose refuses an added load that is not above 0 kg).
    explicit constexpr kilograms(double value) noexcept : value_(value) {}
    kilograms(int count) = delete; // write kilograms{5.0}: a load is not a count

    /// The mass in kilograms.
    [[nodiscard]] constexpr double value() const noexcept { return value_; }

    /// Compares masses.
    friend constexpr auto operator<=>(kilograms, kilograms) noexcept = default;
    /// The sum of two masses.
    friend constexpr kilograms operator+(kilograms a, kilograms b) noexcept {
        return kilograms(a.value_ + b.value_);
    }
    /// `a` less `b`; negative when `b` is the heavier.
    friend constexpr kilograms operator-(kilograms a, kilograms b) noexcept {
        return kilograms(a.value_ - b.value_);
    }

private:
    double value_ = 0.0;
};

/// A share of the patient's body weight, in percent: `percent_body_weight{10.0}`
/// is 10 % of body weight.
class percent_body_weight {
public:
    constexpr percent_body_weight() noexcept = default;
    /// `percent` % of body weight (10.0 is 10 %). Not checked here: a dose
    /// refuses a share that is not above 0 %.
    explicit constexpr percent_body_weight(double percent) noexcept : percent_(percent) {}
    percent_body_weight(int count) = delete;

    /// The share in percent (10.0 is 10 %).
    [[nodiscard]] constexpr double percent() const noexcept { return percent_; }
    /// The load this share makes for a patient of `body_weight`.
    [[nodiscard]] constexpr kilograms of(kilograms body_weight) const noexcept {
        return kilograms(body_weight.value() * percent_ / 100.0);
    }

    /// Compares shares.
    friend constexpr auto operator<=>(percent_body_weight, percent_body_weight) noexcept = default;
    /// The sum of two shares.
    friend constexpr percent_body_weight operator+(percent_body_weight a,
                                                   percent_body_weight b) noexcept {
        return percent_body_weight(a.percent_ + b.percent_);
    }

private:
    double percent_ = 0.0;
};

/// A length in centimetres, e.g. the height of a heel rise.
class centimeters {
public:
    constexpr centimeters() noexcept = default;
    /// `value` centimetres. Not checked here: the heel-rise test refuses a
    /// negative height.
    explicit constexpr centimeters(double value) noexcept : value_(value) {}
    centimeters(int count) = delete; // write centimeters{8.0}: a length is not a count

    /// The length in centimetres.
    [[nodiscard]] constexpr double value() const noexcept { return value_; }
    /// Compares lengths.
    friend constexpr auto operator<=>(centimeters, centimeters) noexcept = default;

private:
    double value_ = 0.0;
};

/// A repetition-maximum target: `rm_target{15}` ("15RM") is the heaviest load
/// that can be lifted 15 times with good form.
class rm_target {
public:
    /// The load that can be lifted `max_reps` times. Not checked here: a dose
    /// refuses a target below 1.
    explicit constexpr rm_target(int max_reps) noexcept : reps_(max_reps) {}
    rm_target(double fraction) = delete;

    /// The repetitions the load allows: 15 for 15RM.
    [[nodiscard]] constexpr int max_reps() const noexcept { return reps_; }
    /// Compares `max_reps()`: the greater (15RM) is the lighter load (than 6RM).
    friend constexpr auto operator<=>(rm_target, rm_target) noexcept = default;

private:
    int reps_;
};

/// "30 s", "2 min", "90 s", "8 min 30 s": whole minutes print as minutes,
/// and times over two minutes as minutes and seconds.
[[nodiscard]] std::string to_string(std::chrono::seconds d);

namespace detail {

/// `value` as "{}" prints it ("7.5", "10"): the one place the value layer
/// formats a floating-point number, so every file that includes it
/// instantiates `fmt::format` for a double once.
[[nodiscard]] inline std::string units_number_text(double value) {
    return fmt::format("{}", value);
}

} // namespace detail

} // namespace rehab

template <class Tag>
struct fmt::formatter<rehab::detail::count<Tag>> : fmt::formatter<int> {
    auto format(rehab::detail::count<Tag> c, fmt::format_context& ctx) const
        -> decltype(ctx.out()) {
        return fmt::formatter<int>::format(c.value(), ctx);
    }
};

/// Prints "5/10".
template <>
struct fmt::formatter<rehab::pain_score> : fmt::formatter<std::string_view> {
    auto format(rehab::pain_score p, fmt::format_context& ctx) const -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(std::to_string(p.value()) + "/10", ctx);
    }
};

/// Prints "7.5 kg" (shortest exact form).
template <>
struct fmt::formatter<rehab::kilograms> : fmt::formatter<std::string_view> {
    auto format(rehab::kilograms k, fmt::format_context& ctx) const -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(
            rehab::detail::units_number_text(k.value()) + " kg", ctx);
    }
};

/// Prints "10 % body weight".
template <>
struct fmt::formatter<rehab::percent_body_weight> : fmt::formatter<std::string_view> {
    auto format(rehab::percent_body_weight p, fmt::format_context& ctx) const
        -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(
            rehab::detail::units_number_text(p.percent()) + " % body weight", ctx);
    }
};

/// Prints "8 cm", "7.5 cm".
template <>
struct fmt::formatter<rehab::centimeters> : fmt::formatter<std::string_view> {
    auto format(rehab::centimeters c, fmt::format_context& ctx) const -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(
            rehab::detail::units_number_text(c.value()) + " cm", ctx);
    }
};

/// Prints "15RM".
template <>
struct fmt::formatter<rehab::rm_target> : fmt::formatter<std::string_view> {
    auto format(rehab::rm_target r, fmt::format_context& ctx) const -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(std::to_string(r.max_reps()) + "RM", ctx);
    }
};

// --- Definitions -------------------------------------------------------------
// Text is built by concatenation (`std::to_string` prints an integer as "{}"
// does): each `fmt::format` call instantiates its own compile-time check, and
// these definitions are compiled by every file that includes the header.

namespace rehab {

inline expected<pain_score> pain_score::make(int value, std::string_view field) {
    if (value < min || value > max) {
        return fail(errc::invalid_value, std::string(field),
                    "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                        ", got " + std::to_string(value));
    }
    return pain_score(unchecked{}, value);
}

inline std::string to_string(std::chrono::seconds d) {
    const auto s = d.count();
    if (s != 0 && s % 60 == 0) {
        return std::to_string(s / 60) + " min";
    }
    if (s > 120) { // "8 min 30 s" reads better than "510 s"; "90 s" stays
        return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
    }
    return std::to_string(s) + " s";
}

} // namespace rehab
