// The one table of names per enum (include/rehab/detail/enum_names.hpp): each
// table covers every enumerator once, in declaration order; texts and tokens
// are unique; each token is the enumerator's own identifier and reads back as
// it; `to_string` and the formatter give the table's text.

#include <rehab/rehab.hpp>

#include <cstddef>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace {

using namespace rehab;
namespace d = rehab::detail;

// --- what the compiler knows of an enum ---------------------------------------------------
// GCC and Clang spell a template argument that names an enumerator by its name
// ("rehab::sides::each") and one that does not as a cast ("(rehab::sides)3").

template <auto V>
constexpr std::string_view pretty_function() {
    return __PRETTY_FUNCTION__;
}

/// How the compiler spells `V`.
template <auto V>
constexpr std::string_view spelled() {
    constexpr std::string_view f = pretty_function<V>();
    constexpr std::size_t from = f.find("V = ") + 4;
    return f.substr(from, f.find_first_of(";]", from) - from);
}

/// True when `V` names an enumerator: it is not spelled as a cast, a ')'
/// then digits.
template <auto V>
constexpr bool names_enumerator() {
    constexpr std::string_view s = spelled<V>();
    constexpr std::size_t last = s.find_last_not_of("0123456789");
    return last == std::string_view::npos || last + 1 == s.size() || s[last] != ')';
}

/// The identifier of enumerator `V`: "each" for `sides::each`.
template <auto V>
constexpr std::string_view identifier() {
    constexpr std::string_view s = spelled<V>();
    return s.substr(s.rfind(':') + 1);
}

template <class E, std::size_t... I>
constexpr std::size_t count_enumerators(std::index_sequence<I...>) {
    return (std::size_t{0} + ... + (names_enumerator<static_cast<E>(I)>() ? 1U : 0U));
}

/// How many of the values 0-63 of `E` are enumerators.
template <class E>
constexpr std::size_t enumerator_count = count_enumerators<E>(std::make_index_sequence<64>{});

template <class E, std::size_t N, std::size_t... I>
constexpr bool tokens_are_identifiers(const d::enum_names<E, N>& names, std::index_sequence<I...>) {
    return ((names[I].token.empty() || names[I].token == identifier<static_cast<E>(I)>()) && ...);
}

/// `names` covers every enumerator of `E` exactly once, in declaration order
/// (0, 1, ... N-1, and there is no enumerator N-63), is well formed (unique
/// texts and tokens, tokens that read back), and each token is its
/// enumerator's identifier.
template <class E, std::size_t N>
constexpr bool table_ok(const d::enum_names<E, N>& names) {
    if (enumerator_count<E> != N || !d::well_formed(names)) {
        return false;
    }
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i].value != static_cast<E>(i)) {
            return false;
        }
    }
    return tokens_are_identifiers(names, std::make_index_sequence<N>{});
}

// Every table of names, public (values and compiled layer), checked at compile time.
#define REHAB_ENUM_TABLES(X)                                                                       \
    X(sides)                                                                                       \
    X(movement_constraint)                                                                         \
    X(support_level)                                                                               \
    X(measure)                                                                                     \
    X(exercise_kind)                                                                               \
    X(equipment)                                                                                   \
    X(body_position)                                                                               \
    X(laterality)                                                                                  \
    X(weight_bearing)                                                                              \
    X(dorsiflexion_reach)                                                                          \
    X(session_status)                                                                              \
    X(visa_a_branch)                                                                               \
    X(visa_a_band)                                                                                 \
    X(outcome_measure)                                                                             \
    X(threshold_kind)                                                                              \
    X(change_verdict)                                                                              \
    X(progress_when)                                                                               \
    X(breach_response)                                                                             \
    X(orthosis_type)                                                                               \
    X(orthosis_wear)                                                                               \
    X(walking_aids)                                                                                \
    X(ankle_motion)                                                                                \
    X(motion_mode)                                                                                 \
    X(time_basis)                                                                                  \
    X(body_side)                                                                                   \
    X(pain_limit)                                                                                  \
    X(trace_action)                                                                                \
    X(criteria_mode)                                                                               \
    X(missed_policy)                                                                               \
    X(session_placement)

#define REHAB_CHECK_TABLE(e) static_assert(table_ok(d::e##_names), #e "_names");
REHAB_ENUM_TABLES(REHAB_CHECK_TABLE)
#undef REHAB_CHECK_TABLE

// Round trips, at compile time: token -> enumerator -> token and text.
static_assert(d::from_token("affected_only", d::sides_names) == sides::affected_only);
static_assert(d::token_of(sides::affected_only, d::sides_names) == "affected_only");
static_assert(d::text_of(sides::affected_only, d::sides_names) == "affected side only");
static_assert(d::from_token("over_30_minutes", d::visa_a_band_names) ==
              visa_a_band::over_30_minutes);
static_assert(to_string(measure::heel_rise_lsi_work) == "heel-rise LSI (work) %");
static_assert(to_string(support_level::fingertips) == "fingertip support");
static_assert(!d::from_token("each side", d::sides_names)); // a text is not a token
static_assert(!d::from_token("", d::pain_limit_names));     // no tokens at all

// The weekdays are no enum: one table, Monday first, each day once.
static_assert(d::well_formed(d::weekday_names));
static_assert(d::weekday_names.front().value == std::chrono::Monday);
static_assert(d::from_token("sun", d::weekday_names) == std::chrono::Sunday);
static_assert(d::text_of(std::chrono::Wednesday, d::weekday_names) == "Wed");
static_assert(d::text_of(std::chrono::weekday{9}, d::weekday_names, "?") == "?");

// A table that breaks each rule is caught.
enum class two : unsigned char { first, second };
constexpr d::enum_names<two, 2> twice{{{two::first, "a", "first"}, {two::first, "b", "second"}}};
constexpr d::enum_names<two, 2> same_text{
    {{two::first, "a", "first"}, {two::second, "a", "second"}}};
constexpr d::enum_names<two, 2> same_token{
    {{two::first, "a", "first"}, {two::second, "b", "first"}}};
constexpr d::enum_names<two, 2> one_text{{{two::first, "a", "first"}, {two::second, {}, "second"}}};
constexpr d::enum_names<two, 1> short_table{{{two::first, "a", "first"}}};
constexpr d::enum_names<two, 2> swapped{{{two::first, "a", "second"}, {two::second, "b", "first"}}};
constexpr d::enum_names<two, 2> good{{{two::first, "a", "first"}, {two::second, "b", "second"}}};
static_assert(!d::well_formed(twice) && !d::well_formed(same_text) && !d::well_formed(same_token) &&
              !d::well_formed(one_text));
static_assert(!table_ok(short_table) && !table_ok(swapped) && table_ok(good));

// --- at run time: to_string and the formatter read the table -----------------------------

template <class E, std::size_t N>
void expect_text_everywhere(const d::enum_names<E, N>& names) {
    if constexpr (requires(E e) { to_string(e); }) {
        for (const auto& n : names) {
            EXPECT_EQ(to_string(n.value), n.text);
            EXPECT_EQ(fmt::format("{}", n.value), n.text);
            EXPECT_EQ(fmt::format("[{:>30}]", n.value), fmt::format("[{:>30}]", n.text));
        }
    } else {
        for (const auto& n : names) {
            EXPECT_TRUE(n.text.empty()) << n.token; // a text nothing prints
        }
    }
}

template <class E, std::size_t N>
void expect_round_trip(const d::enum_names<E, N>& names) {
    for (const auto& n : names) {
        if (!n.token.empty()) {
            EXPECT_EQ(d::from_token(n.token, names), n.value) << n.token;
            EXPECT_EQ(d::token_of(n.value, names), n.token);
        }
    }
}

TEST(EnumNames, ToStringAndFormatterGiveTheTableText) {
#define REHAB_EXPECT_TEXT(e) expect_text_everywhere(d::e##_names);
    REHAB_ENUM_TABLES(REHAB_EXPECT_TEXT)
#undef REHAB_EXPECT_TEXT
}

TEST(EnumNames, TokensReadBack) {
#define REHAB_EXPECT_ROUND_TRIP(e) expect_round_trip(d::e##_names);
    REHAB_ENUM_TABLES(REHAB_EXPECT_ROUND_TRIP)
#undef REHAB_EXPECT_ROUND_TRIP
    expect_round_trip(d::weekday_names);
}

// The texts as they were before the tables (the switches they replaced).
TEST(EnumNames, TextsAreUnchanged) {
    EXPECT_EQ(to_string(sides::each), "each side");
    EXPECT_EQ(to_string(movement_constraint::no_dorsiflexion_below_neutral),
              "heel not below neutral (floor level, no step edge)");
    EXPECT_EQ(to_string(laterality::bilateral), "both legs together");
    EXPECT_EQ(to_string(weight_bearing::non), "non-weight-bearing");
    EXPECT_EQ(to_string(visa_a_branch::b), "8B");
    EXPECT_EQ(to_string(visa_a_band::minutes_11_to_20), "11-20 min");
    EXPECT_EQ(to_string(change_verdict::no_important_change), "no important change");
    EXPECT_EQ(to_string(progress_when::completed), "session completed");
    EXPECT_EQ(to_string(orthosis_wear::weaning), "weaning off");
    EXPECT_EQ(to_string(walking_aids::as_needed), "crutches or a cane as needed");
    EXPECT_EQ(to_string(pain_limit::weekly_morning), "weekly next-morning pain");
    EXPECT_EQ(to_string(trace_action::stop_and_refer), "stop and refer");
    EXPECT_EQ(to_string(missed_policy::extend_phase), "extend the phase");
    EXPECT_EQ(to_string(session_placement::moved_by_gap), "moved_by_gap");
    EXPECT_EQ(to_string(time_basis::surgery), "surgery");
}

// A value outside the enum reads as it did: "unknown", or the first
// placement for a session placement.
TEST(EnumNames, ValueOutsideTheEnum) {
    EXPECT_EQ(to_string(static_cast<sides>(200)), "unknown");
    EXPECT_EQ(to_string(static_cast<trace_action>(200)), "unknown");
    EXPECT_EQ(to_string(static_cast<session_placement>(200)), "as_requested");
    EXPECT_EQ(d::token_of(static_cast<sides>(200), d::sides_names), "each");
}

} // namespace
