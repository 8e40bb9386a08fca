#pragma once
/// @file json_read.hpp
/// Private to the library: reading a parsed JSON document into rehab values
/// while collecting every problem, each with the JSON Pointer of its field.
/// Used by the protocol, catalog and outcome-measure file formats.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <rehab/error.hpp>

namespace rehab::detail {

using json = nlohmann::json;

/// What the loaders add on top of the parser: every error found, and the
/// paths under which later checks must not pile on.
class json_reader {
public:
    void add(std::string path, std::string message, errc code = errc::invalid_value);

    /// Adds the errors of a library check (`validate(...)`), placed under
    /// `prefix`, except those at or under a path the reader has already
    /// reported or suppressed: they are consequences of the same mistake.
    void merge(const error_list& errors, std::string_view prefix = {});

    /// Drops later `merge`d errors at or under `path`, e.g. for the
    /// placeholder that stands in for an unreadable rule.
    void suppress(std::string path) { covered_.push_back(std::move(path)); }

    /// True when an error was reported at or under `path`.
    [[nodiscard]] bool reported_under(std::string_view path) const;

    [[nodiscard]] bool ok() const noexcept { return errors_.empty(); }
    [[nodiscard]] error_list& errors() noexcept { return errors_; }

private:
    [[nodiscard]] bool covered(std::string_view path) const;
    error_list errors_;
    std::vector<std::string> covered_;
};

/// A short description of a JSON value for messages: scalars as written
/// (long strings cut), containers as "an object" or "an array".
[[nodiscard]] std::string describe(const json& value);

/// A name of an enumerator in a file, and the enumerator.
template <class E>
struct enum_name {
    std::string_view name;
    E value;
};

/// `"a", "b" or "c"`.
[[nodiscard]] std::string quoted_list(const std::vector<std::string_view>& names);

// Readers of one value at `path`: each reports what is wrong and returns
// nothing, or the value.

[[nodiscard]] std::optional<int> read_int(json_reader& r, const json& v, const std::string& path,
                                          std::int64_t min, std::int64_t max);
[[nodiscard]] std::optional<double> read_number(json_reader& r, const json& v,
                                                const std::string& path, double max);
[[nodiscard]] std::optional<std::string> read_string(json_reader& r, const json& v,
                                                     const std::string& path);
[[nodiscard]] std::optional<bool> read_bool(json_reader& r, const json& v, const std::string& path);
/// True if `v` is an array; reports "must be an array" otherwise.
[[nodiscard]] bool expect_array(json_reader& r, const json& v, const std::string& path);

template <class E, std::size_t N>
[[nodiscard]] std::optional<E> read_enum(json_reader& r, const json& v, const std::string& path,
                                         const std::array<enum_name<E>, N>& names) {
    std::vector<std::string_view> all;
    for (const auto& n : names) {
        all.push_back(n.name);
    }
    if (v.is_string()) {
        const auto& text = v.get_ref<const std::string&>();
        for (const auto& n : names) {
            if (n.name == text) {
                return n.value;
            }
        }
    }
    r.add(path, "must be one of " + quoted_list(all) + ", got " + describe(v));
    return std::nullopt;
}

/// The name of `value` in `names` (the first entry when it is not there).
template <class E, std::size_t N>
[[nodiscard]] std::string_view name_of(E value, const std::array<enum_name<E>, N>& names) {
    for (const auto& n : names) {
        if (n.value == value) {
            return n.name;
        }
    }
    return names.front().name;
}

/// An object being read. Every field asked for is known; `finish()` reports
/// the fields that were not, with close matches among the known ones.
class object_reader {
public:
    /// Reports "must be an object" when `v` is not one; then `ok()` is false
    /// and every field reads as absent.
    object_reader(json_reader& r, const json& v, std::string path);

    [[nodiscard]] bool ok() const noexcept { return object_ != nullptr; }
    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    /// The path of field `key`.
    [[nodiscard]] std::string at(std::string_view key) const;
    [[nodiscard]] json_reader& reader() noexcept { return r_; }

    /// Field `key`, or nullptr when absent (a known field either way).
    [[nodiscard]] const json* field(std::string_view key);
    /// Field `key`, or nullptr and "required field is missing".
    [[nodiscard]] const json* required(std::string_view key);

    [[nodiscard]] std::optional<int> get_int(std::string_view key, std::int64_t min,
                                             std::int64_t max, bool must = false);
    [[nodiscard]] std::optional<double> get_number(std::string_view key, double max,
                                                   bool must = false);
    [[nodiscard]] std::optional<std::string> get_string(std::string_view key, bool must = false);
    [[nodiscard]] std::optional<bool> get_bool(std::string_view key, bool must = false);
    /// The strings of array field `key`; an element that is not a string is
    /// reported and read as "".
    [[nodiscard]] std::optional<std::vector<std::string>> get_strings(std::string_view key,
                                                                      bool must = false);

    template <class E, std::size_t N>
    [[nodiscard]] std::optional<E>
    get_enum(std::string_view key, const std::array<enum_name<E>, N>& names, bool must = false) {
        const json* v = must ? required(key) : field(key);
        return v ? read_enum(r_, *v, at(key), names) : std::nullopt;
    }

    /// Reports every field that was never asked for.
    void finish();

private:
    json_reader& r_;
    const json* object_ = nullptr;
    std::string path_;
    std::vector<std::string> known_;
};

/// 1-based line and column for every error, from the text it was read from;
/// errors are then sorted into the order of the text.
void locate_and_sort(error_list& errors, std::string_view text);

/// Parses `text`, reporting a syntax error with its line and column, and
/// duplicate keys. Nothing on error.
[[nodiscard]] std::optional<json> parse_json(json_reader& r, std::string_view text);

} // namespace rehab::detail
