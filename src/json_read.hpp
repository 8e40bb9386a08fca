#pragma once
/// @file json_read.hpp
/// Private to the library: reading a parsed JSON document into rehab values
/// while collecting every problem, each with the JSON Pointer of its field.
/// Used by the protocol, catalog and outcome-measure file formats.

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <rehab/detail/enum_names.hpp>
#include <rehab/error.hpp>

namespace rehab::detail {

using json = nlohmann::json;

class object_reader;

/// The JSON Pointer of a value being read, spelled out only when an error
/// needs it (building every path up front would cost more than reading the
/// values): a path given as text, or a field of an object being read,
/// optionally followed by an array index. It refers to what it was made from,
/// which must outlive it.
class json_path {
public:
    /// `text` as it is.
    json_path(const std::string& text) noexcept // NOLINT(google-explicit-constructor)
        : text_(&text) {}
    /// Field `key` of `object`.
    json_path(const object_reader& object, std::string_view key) noexcept
        : object_(&object), key_(key) {}
    /// Element `index` of field `key` of `object`.
    json_path(const object_reader& object, std::string_view key, std::size_t index) noexcept
        : object_(&object), key_(key), index_(index) {}

    [[nodiscard]] std::string str() const;
    void append_to(std::string& out) const;
    operator std::string() const { return str(); } // NOLINT(google-explicit-constructor)

private:
    static constexpr std::size_t no_index = static_cast<std::size_t>(-1);
    const std::string* text_ = nullptr;
    const object_reader* object_ = nullptr;
    std::string_view key_;
    std::size_t index_ = no_index;
};

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
    [[nodiscard]] bool reported_under(const json_path& path) const;

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

/// `"a", "b" or "c"`.
[[nodiscard]] std::string quoted_list(const std::vector<std::string_view>& names);

// Readers of one value at `path`: each reports what is wrong and returns
// nothing, or the value.

[[nodiscard]] std::optional<int> read_int(json_reader& r, const json& v, const json_path& path,
                                          std::int64_t min, std::int64_t max);
[[nodiscard]] std::optional<double> read_number(json_reader& r, const json& v,
                                                const json_path& path, double max);
[[nodiscard]] std::optional<std::string> read_string(json_reader& r, const json& v,
                                                     const json_path& path);
[[nodiscard]] std::optional<bool> read_bool(json_reader& r, const json& v, const json_path& path);
/// True if `v` is an array; reports "must be an array" otherwise.
[[nodiscard]] bool expect_array(json_reader& r, const json& v, const json_path& path);

/// The enumerator whose file token (in `names`, the enum's one table of
/// names) is the string `v`; else reports "must be one of" the tokens.
template <class E, std::size_t N>
[[nodiscard]] std::optional<E> read_enum(json_reader& r, const json& v, const json_path& path,
                                         const enum_names<E, N>& names) {
    if (v.is_string()) {
        if (const auto e = from_token(v.get_ref<const std::string&>(), names)) {
            return e;
        }
    }
    std::vector<std::string_view> all;
    all.reserve(N);
    for (const auto& n : names) {
        all.push_back(n.token);
    }
    r.add(path.str(), "must be one of " + quoted_list(all) + ", got " + describe(v));
    return std::nullopt;
}

/// An object being read. Every field asked for is known; `finish()` reports
/// the fields that were not, with close matches among the known ones.
class object_reader {
public:
    /// Reports "must be an object" when `v` is not one; then `ok()` is false
    /// and every field reads as absent.
    object_reader(json_reader& r, const json& v, std::string path);
    /// The same at a path spelled out only when needed: what `path` refers to
    /// must outlive the reader.
    object_reader(json_reader& r, const json& v, const json_path& path);
    object_reader(const object_reader&) = delete;
    object_reader& operator=(const object_reader&) = delete;
    object_reader(object_reader&&) = delete;
    object_reader& operator=(object_reader&&) = delete;
    ~object_reader() = default;

    [[nodiscard]] bool ok() const noexcept { return object_ != nullptr; }
    [[nodiscard]] const json_path& path() const noexcept { return path_; }
    /// The path of field `key`; `key` must outlive it.
    [[nodiscard]] json_path at(std::string_view key) const noexcept { return {*this, key}; }
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
    /// Array field `key`, or nullptr when it is absent (reported when `must`)
    /// or not an array (reported: "must be an array").
    [[nodiscard]] const json* get_array(std::string_view key, bool must = false);
    /// The strings of array field `key`; an element that is not a string is
    /// reported and read as "".
    [[nodiscard]] std::optional<std::vector<std::string>> get_strings(std::string_view key,
                                                                      bool must = false);

    /// Of fields that exclude each other: the first of `keys` the object
    /// gives, or "" when it gives none. Each other one it gives is reported:
    /// `cannot be given with "<first>": <reason>`.
    [[nodiscard]] std::string_view only_one_of(std::span<const std::string_view> keys,
                                               std::string_view reason);

    template <class E, std::size_t N>
    [[nodiscard]] std::optional<E> get_enum(std::string_view key, const enum_names<E, N>& names,
                                            bool must = false) {
        const json* v = must ? required(key) : field(key);
        return v ? read_enum(r_, *v, at(key), names) : std::nullopt;
    }

    /// Reports every field that was never asked for.
    void finish();

private:
    json_reader& r_;
    const json* object_ = nullptr;
    std::string owned_path_; // the path when given as text
    json_path path_;
    /// Every key asked for, each followed by a '\0', in the order asked: only
    /// read when there is an unknown field, to suggest close matches.
    std::string known_;
    static constexpr std::size_t known_capacity = 192; // the keys of most objects, at once
    /// The distinct members found by `field`: when they are all of them, no
    /// field is unknown. Past the capacity, `finish` compares names instead.
    std::array<const json*, 24> found_{};
    std::size_t found_count_ = 0;
    bool found_overflow_ = false;
};

/// 1-based line and column for every error, from the text it was read from;
/// errors are then sorted into the order of the text.
void locate_and_sort(error_list& errors, std::string_view text);

/// The bytes of `file`, or nothing when it cannot be read.
[[nodiscard]] std::optional<std::string> read_text_file(const std::filesystem::path& file);

/// The one error a loader gives for a file it cannot read (`errc::io_error`
/// naming the path).
[[nodiscard]] error_list cannot_read_file(const std::filesystem::path& file);

/// Parses `text`, reporting a syntax error with its line and column, and
/// duplicate keys (found while parsing; only then is the text scanned again
/// to place them). Nothing on error.
[[nodiscard]] std::optional<json> parse_json(json_reader& r, std::string_view text);

/// Parses `text` and reads the document with `read(json_reader&, const
/// json&)`, which returns a `T` and reports what is wrong with it. Gives the
/// value, or every problem (a syntax error alone, or all that `read`
/// reported), located in `text` and in its order.
template <class T, class Read>
[[nodiscard]] load_result<T> load_document(std::string_view text, Read read) {
    json_reader r;
    const auto doc = parse_json(r, text);
    if (!doc) {
        return tl::unexpected(std::move(r.errors()));
    }
    T value = read(r, *doc);
    if (r.ok()) {
        return value;
    }
    locate_and_sort(r.errors(), text);
    return tl::unexpected(std::move(r.errors()));
}

} // namespace rehab::detail
