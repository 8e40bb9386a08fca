#include "json_read.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <utility>

#include <fmt/format.h>

#include <rehab/text.hpp>

#include "json_locate.hpp"
#include <rehab/detail/close_matches.hpp>

namespace rehab::detail {

namespace {

bool at_or_under(std::string_view path, std::string_view parent) noexcept {
    return path.size() >= parent.size() && path.substr(0, parent.size()) == parent &&
           (path.size() == parent.size() || path[parent.size()] == '/');
}

} // namespace

// Recursive once per enclosing object; the reader refuses nesting deeper
// than load_limits::max_depth.
// NOLINTNEXTLINE(misc-no-recursion)
void json_path::append_to(std::string& out) const {
    if (text_ != nullptr) {
        out += *text_;
    } else {
        object_->path().append_to(out);
        out += '/';
        append_pointer_token(out, key_);
    }
    if (index_ != no_index) {
        out += '/';
        out += std::to_string(index_);
    }
}

std::string json_path::str() const {
    std::string out;
    append_to(out);
    return out;
}

void json_reader::add(std::string path, std::string message, errc code) {
    errors_.push_back(error{code, std::move(path), std::move(message), {}, {}});
}

bool json_reader::covered(std::string_view path) const {
    return std::any_of(errors_.begin(), errors_.end(),
                       [&](const error& e) { return at_or_under(path, e.path); }) ||
           std::any_of(covered_.begin(), covered_.end(),
                       [&](const std::string& c) { return at_or_under(path, c); });
}

void json_reader::merge(const error_list& errors, std::string_view prefix) {
    const std::size_t before = errors_.size();
    for (const auto& e : errors) {
        error placed = e.inside(prefix);
        // Compare only with what was reported before this merge: one check may
        // report several problems under one path.
        const bool dropped =
            std::any_of(errors_.begin(), errors_.begin() + static_cast<std::ptrdiff_t>(before),
                        [&](const error& seen) { return at_or_under(placed.path, seen.path); }) ||
            std::any_of(covered_.begin(), covered_.end(),
                        [&](const std::string& c) { return at_or_under(placed.path, c); });
        if (!dropped) {
            errors_.push_back(std::move(placed));
        }
    }
}

bool json_reader::reported_under(const json_path& path) const {
    if (errors_.empty()) {
        return false;
    }
    const std::string text = path.str();
    return std::any_of(errors_.begin(), errors_.end(),
                       [&](const error& e) { return at_or_under(e.path, text); });
}

std::string describe(const json& value) {
    switch (value.type()) {
    case json::value_t::object:
        return "an object";
    case json::value_t::array:
        return "an array";
    case json::value_t::string: {
        const auto& s = value.get_ref<const std::string&>();
        if (s.size() > 40) {
            // Cut at a character boundary so the message stays valid UTF-8.
            std::size_t cut = 37;
            while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0U) == 0x80U) {
                --cut;
            }
            return json(s.substr(0, cut) + "...")
                .dump(-1, ' ', false, json::error_handler_t::replace);
        }
        return value.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    default:
        return value.dump(-1, ' ', false, json::error_handler_t::replace);
    }
}

std::string quoted_list(const std::vector<std::string_view>& names) {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            text += i + 1 == names.size() ? " or " : ", ";
        }
        text += fmt::format("\"{}\"", names[i]);
    }
    return text;
}

std::optional<int> read_int(json_reader& r, const json& v, const json_path& path, std::int64_t min,
                            std::int64_t max) {
    std::int64_t value = 0;
    if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(max)) {
            r.add(path.str(), fmt::format("must be <= {}, got {}", max, u));
            return std::nullopt;
        }
        value = static_cast<std::int64_t>(u);
    } else if (v.is_number_integer()) {
        value = v.get<std::int64_t>();
    } else if (v.is_number_float()) {
        // JSON Schema counts 3.0 as an integer; so does the loader.
        const double d = v.get<double>();
        if (d != std::floor(d)) {
            r.add(path.str(), fmt::format("must be an integer, got {}", describe(v)));
            return std::nullopt;
        }
        if (d < static_cast<double>(min)) {
            r.add(path.str(), fmt::format("must be >= {}, got {}", min, describe(v)));
            return std::nullopt;
        }
        if (d > static_cast<double>(max)) {
            r.add(path.str(), fmt::format("must be <= {}, got {}", max, describe(v)));
            return std::nullopt;
        }
        value = static_cast<std::int64_t>(d);
    } else {
        r.add(path.str(), fmt::format("must be an integer, got {}", describe(v)));
        return std::nullopt;
    }
    if (value < min) {
        r.add(path.str(), fmt::format("must be >= {}, got {}", min, value));
        return std::nullopt;
    }
    if (value > max) {
        r.add(path.str(), fmt::format("must be <= {}, got {}", max, value));
        return std::nullopt;
    }
    return static_cast<int>(value);
}

std::optional<double> read_number(json_reader& r, const json& v, const json_path& path,
                                  double max) {
    if (!v.is_number()) {
        r.add(path.str(), fmt::format("must be a number, got {}", describe(v)));
        return std::nullopt;
    }
    const double d = v.get<double>();
    if (!std::isfinite(d) || d > max) {
        r.add(path.str(), fmt::format("must be <= {}, got {}", max, describe(v)));
        return std::nullopt;
    }
    return d;
}

std::optional<std::string> read_string(json_reader& r, const json& v, const json_path& path) {
    if (!v.is_string()) {
        r.add(path.str(), fmt::format("must be a string, got {}", describe(v)));
        return std::nullopt;
    }
    const auto& text = v.get_ref<const std::string&>();
    if (auto problem = text_problem(text)) {
        r.add(path.str(), std::move(*problem));
        return std::nullopt;
    }
    return text;
}

std::optional<bool> read_bool(json_reader& r, const json& v, const json_path& path) {
    if (!v.is_boolean()) {
        r.add(path.str(), fmt::format("must be true or false, got {}", describe(v)));
        return std::nullopt;
    }
    return v.get<bool>();
}

bool expect_array(json_reader& r, const json& v, const json_path& path) {
    if (!v.is_array()) {
        r.add(path.str(), fmt::format("must be an array, got {}", describe(v)));
        return false;
    }
    return true;
}

object_reader::object_reader(json_reader& r, const json& v, std::string path)
    : r_(r), owned_path_(std::move(path)), path_(owned_path_) {
    if (v.is_object()) {
        object_ = &v;
        known_.reserve(known_capacity);
    } else {
        r_.add(owned_path_, fmt::format("must be an object, got {}", describe(v)));
    }
}

object_reader::object_reader(json_reader& r, const json& v, const json_path& path)
    : r_(r), path_(path) {
    if (v.is_object()) {
        object_ = &v;
        known_.reserve(known_capacity);
    } else {
        r_.add(path_.str(), fmt::format("must be an object, got {}", describe(v)));
    }
}

const json* object_reader::field(std::string_view key) {
    known_ += key;
    known_ += '\0';
    if (object_ == nullptr) {
        return nullptr;
    }
    const auto it = object_->find(key);
    if (it == object_->end()) {
        return nullptr;
    }
    const json* found = &*it;
    if (std::find(found_.begin(), found_.begin() + static_cast<std::ptrdiff_t>(found_count_),
                  found) == found_.begin() + static_cast<std::ptrdiff_t>(found_count_)) {
        if (found_count_ < found_.size()) {
            found_[found_count_++] = found;
        } else {
            found_overflow_ = true;
        }
    }
    return found;
}

const json* object_reader::required(std::string_view key) {
    const json* v = field(key);
    if (v == nullptr && object_ != nullptr) {
        r_.add(at(key).str(), "required field is missing");
    }
    return v;
}

std::string_view object_reader::only_one_of(std::span<const std::string_view> keys,
                                            std::string_view reason) {
    std::string_view first;
    for (const auto key : keys) {
        if (field(key) == nullptr) {
            continue;
        }
        if (first.empty()) {
            first = key;
        } else {
            r_.add(at(key), fmt::format("cannot be given with \"{}\": {}", first, reason));
        }
    }
    return first;
}

std::optional<int> object_reader::get_int(std::string_view key, std::int64_t min, std::int64_t max,
                                          bool must) {
    const json* v = must ? required(key) : field(key);
    return v ? read_int(r_, *v, at(key), min, max) : std::nullopt;
}

std::optional<double> object_reader::get_number(std::string_view key, double max, bool must) {
    const json* v = must ? required(key) : field(key);
    return v ? read_number(r_, *v, at(key), max) : std::nullopt;
}

std::optional<std::string> object_reader::get_string(std::string_view key, bool must) {
    const json* v = must ? required(key) : field(key);
    return v ? read_string(r_, *v, at(key)) : std::nullopt;
}

std::optional<bool> object_reader::get_bool(std::string_view key, bool must) {
    const json* v = must ? required(key) : field(key);
    return v ? read_bool(r_, *v, at(key)) : std::nullopt;
}

const json* object_reader::get_array(std::string_view key, bool must) {
    const json* v = must ? required(key) : field(key);
    return v != nullptr && expect_array(r_, *v, at(key)) ? v : nullptr;
}

std::optional<std::vector<std::string>> object_reader::get_strings(std::string_view key,
                                                                   bool must) {
    const json* v = get_array(key, must);
    if (v == nullptr) {
        return std::nullopt;
    }
    std::vector<std::string> out;
    out.reserve(v->size());
    for (std::size_t i = 0; i < v->size(); ++i) {
        out.push_back(read_string(r_, (*v)[i], json_path(*this, key, i)).value_or(""));
    }
    return out;
}

void object_reader::finish() {
    if (object_ == nullptr) {
        return;
    }
    // Each member found was asked for: when they are as many as the members,
    // none is unknown.
    if (!found_overflow_ && found_count_ == object_->size()) {
        return;
    }
    std::vector<std::string_view> known;
    for (std::size_t begin = 0; begin < known_.size();) {
        const std::size_t end = known_.find('\0', begin);
        known.push_back(std::string_view(known_).substr(begin, end - begin));
        begin = end + 1;
    }
    for (const auto& [key, value] : object_->items()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            r_.add(at(key).str(), "unknown field" + did_you_mean(close_matches(key, known, 1)));
        }
    }
}

void locate_and_sort(error_list& errors, std::string_view text) {
    const json_locations where(text);
    std::vector<std::pair<std::size_t, error>> placed;
    placed.reserve(errors.size());
    for (auto& e : errors) {
        std::size_t offset = 0;
        if (e.line) { // already placed by the parser
            offset = text.size();
        } else {
            offset = where.find(e.path);
            const auto at = position_of(text, offset);
            e.line = at.line;
            e.column = at.column;
        }
        placed.emplace_back(offset, std::move(e));
    }
    std::stable_sort(placed.begin(), placed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    errors.clear();
    for (auto& [offset, e] : placed) {
        errors.push_back(std::move(e));
    }
}

namespace {

/// Builds the document as nlohmann's own DOM builder does, and also notes
/// whether an object gives a key twice (nlohmann keeps the last silently), so
/// that the text is only scanned again to place duplicates when there are
/// some. Keeps the position of a syntax error: `json::parse` throws it away
/// for some errors (a number too large for a double).
class dom_builder {
public:
    explicit dom_builder(json& root) : root_(root) {}

    bool null() {
        (void)put(nullptr);
        return true;
    }
    bool boolean(bool value) {
        (void)put(value);
        return true;
    }
    bool number_integer(json::number_integer_t value) {
        (void)put(value);
        return true;
    }
    bool number_unsigned(json::number_unsigned_t value) {
        (void)put(value);
        return true;
    }
    bool number_float(json::number_float_t value, const json::string_t& /*text*/) {
        (void)put(value);
        return true;
    }
    bool string(json::string_t& value) {
        (void)put(value);
        return true;
    }
    bool binary(json::binary_t& value) {
        (void)put(std::move(value));
        return true;
    }
    bool start_object(std::size_t /*size*/) {
        open_.push_back(put(json::value_t::object));
        return true;
    }
    bool key(json::string_t& name) {
        auto& members = *open_.back()->get_ptr<json::object_t*>();
        const auto [it, added] = members.try_emplace(name);
        duplicates = duplicates || !added;
        member_ = &it->second; // a key given again: the last value is kept
        return true;
    }
    bool end_object() {
        open_.pop_back();
        return true;
    }
    bool start_array(std::size_t /*size*/) {
        open_.push_back(put(json::value_t::array));
        return true;
    }
    bool end_array() {
        open_.pop_back();
        return true;
    }
    bool parse_error(std::size_t position, const std::string& /*last_token*/,
                     const nlohmann::detail::exception& e) {
        byte = position;
        message = e.what();
        return false;
    }

    bool duplicates = false;
    std::size_t byte = 0;
    std::string message;

private:
    /// Places `value` in the innermost open container (or as the root).
    template <class Value>
    json* put(Value&& value) {
        if (open_.empty()) {
            root_ = json(std::forward<Value>(value));
            return &root_;
        }
        json& parent = *open_.back();
        if (auto* elements = parent.get_ptr<json::array_t*>()) {
            return &elements->emplace_back(std::forward<Value>(value));
        }
        *member_ = json(std::forward<Value>(value));
        return member_;
    }

    json& root_;
    /// The containers being filled, outermost first. An array only grows
    /// while it is the innermost, so the pointers stay valid.
    std::vector<json*> open_;
    json* member_ = nullptr; ///< the member of the innermost object being given
};

/// "[json.exception.parse_error.101] parse error at line 1, column 2: syntax
/// error ..." without the prefix and the parser's own position.
std::string plain_message(std::string message) {
    if (const auto end = message.find("] ");
        message.starts_with("[json.exception.") && end != std::string::npos) {
        message = message.substr(end + 2);
    }
    if (message.starts_with("parse error")) {
        if (const auto colon = message.find(": "); colon != std::string::npos) {
            message = message.substr(colon + 2);
        }
    }
    return message;
}

} // namespace

std::optional<json> parse_json(json_reader& r, std::string_view text) {
    json value;
    dom_builder sax(value);
    if (!json::sax_parse(text.begin(), text.end(), &sax)) {
        // The byte is the 1-based offset of the last character read.
        const auto at = position_of(text, sax.byte > 0 ? sax.byte - 1 : 0);
        r.errors().push_back(
            error{errc::parse_error, "", plain_message(sax.message), at.line, at.column});
        return std::nullopt;
    }
    if (!sax.duplicates) {
        return value;
    }
    const json_locations where(text);
    for (const auto& d : where.duplicates()) {
        // The error is placed at the first occurrence; the message names the other.
        const auto again = position_of(text, d.offset);
        r.add(d.pointer,
              fmt::format("duplicate field: given again at line {}, column {}; a reader would keep "
                          "only one of them",
                          again.line, again.column));
    }
    return value;
}

std::optional<std::string> read_text_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        return std::nullopt;
    }
    return std::move(text).str();
}

error_list cannot_read_file(const std::filesystem::path& file) {
    return {error{errc::io_error, "", fmt::format("cannot read \"{}\"", file.string()), {}, {}}};
}

} // namespace rehab::detail
