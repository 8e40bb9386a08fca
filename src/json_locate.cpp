#include "json_locate.hpp"

#include <set>

#include <nlohmann/json.hpp>

namespace rehab::detail {

namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t skip_space(std::string_view t, std::size_t i) noexcept {
    while (i < t.size() && is_space(t[i])) {
        ++i;
    }
    return i;
}

/// `i` is at an opening quote; returns the offset just past the closing one.
std::size_t skip_string(std::string_view t, std::size_t i) noexcept {
    for (++i; i < t.size(); ++i) {
        if (t[i] == '\\') {
            ++i;
        } else if (t[i] == '"') {
            return i + 1;
        }
    }
    return t.size();
}

/// A number, `true`, `false` or `null`.
std::size_t skip_literal(std::string_view t, std::size_t i) noexcept {
    while (i < t.size() && !is_space(t[i]) && t[i] != ',' && t[i] != ']' && t[i] != '}') {
        ++i;
    }
    return i;
}

/// `i` is at `[` or `{`; returns the offset just past the matching bracket.
std::size_t skip_container(std::string_view t, std::size_t i) noexcept {
    std::size_t depth = 0;
    while (i < t.size()) {
        const char c = t[i];
        if (c == '"') {
            i = skip_string(t, i);
            continue;
        }
        if (c == '[' || c == '{') {
            ++depth;
        } else if (c == ']' || c == '}') {
            if (--depth == 0) {
                return i + 1;
            }
        }
        ++i;
    }
    return t.size();
}

/// The text of the string literal `raw` (with its quotes).
std::string decode_key(std::string_view raw) {
    if (raw.size() >= 2 && raw.find('\\') == std::string_view::npos) {
        return std::string(raw.substr(1, raw.size() - 2));
    }
    try {
        const auto value = nlohmann::json::parse(raw);
        if (value.is_string()) {
            return value.get<std::string>();
        }
    } catch (const nlohmann::json::exception&) { // NOLINT(bugprone-empty-catch): keep the raw text
    }
    return std::string(raw);
}

/// Walks a JSON text value by value and records where each one starts (and
/// the keys given twice) into the maps of a `json_locations`.
class locator {
public:
    using offset_map = std::map<std::string, std::size_t, std::less<>>;

    locator(std::string_view text, offset_map& offsets,
            std::vector<json_locations::duplicate>& duplicates)
        : t_(text), offsets_(offsets), duplicates_(duplicates), i_(skip_space(text, 0)) {}

    void run() {
        offsets_.try_emplace(pointer_, i_);
        while (i_ < t_.size()) {
            // `i_` is at the start of the value `pointer_`.
            offsets_.try_emplace(pointer_, i_);
            const step s = read_value();
            if (s == step::malformed || (s == step::past_value && !next_item())) {
                return;
            }
        }
    }

private:
    struct frame {
        bool object = false;
        std::string pointer;
        std::size_t next_index = 0;
        std::set<std::string, std::less<>> keys;
    };

    /// What reading a value did.
    enum class step {
        into_container, ///< entered a non-empty container: at its first item
        past_value,     ///< moved just past the value
        malformed,      ///< stopped on malformed text
    };

    /// Enters the container at `i_`, or moves past the value there.
    step read_value() {
        const char c = t_[i_];
        const bool container = c == '{' || c == '[';
        if (container && stack_.size() < json_locations::max_depth) {
            return open(c == '{');
        }
        if (container) {
            i_ = skip_container(t_, i_);
        } else if (c == '"') {
            i_ = skip_string(t_, i_);
        } else {
            i_ = skip_literal(t_, i_);
        }
        return step::past_value;
    }

    /// `i_` is at `{` or `[`: enters the container, or moves past it when empty.
    step open(bool object) {
        stack_.push_back(frame{object, pointer_, 0, {}});
        i_ = skip_space(t_, i_ + 1);
        if (i_ < t_.size() && (t_[i_] == '}' || t_[i_] == ']')) {
            stack_.pop_back();
            ++i_;
            return step::past_value;
        }
        return begin_item() ? step::into_container : step::malformed;
    }

    /// After a value: moves to the next item, past the end of one or more
    /// containers on the way; false at the end of the text, after the
    /// outermost value, or on malformed text.
    bool next_item() {
        for (;;) {
            i_ = skip_space(t_, i_);
            if (stack_.empty() || i_ >= t_.size()) {
                return false;
            }
            if (t_[i_] == ',') {
                i_ = skip_space(t_, i_ + 1);
                return begin_item();
            }
            if (t_[i_] != '}' && t_[i_] != ']') {
                return false;
            }
            stack_.pop_back();
            ++i_;
        }
    }

    /// Moves `i_` to the value of the next member or element of the innermost
    /// container and sets `pointer_` to it; false on malformed text.
    bool begin_item() {
        frame& top = stack_.back();
        if (!top.object) {
            pointer_ = top.pointer + '/' + std::to_string(top.next_index++);
            return i_ < t_.size();
        }
        return begin_member(top);
    }

    bool begin_member(frame& top) {
        if (i_ >= t_.size() || t_[i_] != '"') {
            return false;
        }
        const std::size_t key_end = skip_string(t_, i_);
        std::string key = decode_key(t_.substr(i_, key_end - i_));
        pointer_ = top.pointer + '/' + pointer_token(key);
        record_key(top, std::move(key));
        i_ = skip_space(t_, key_end);
        if (i_ >= t_.size() || t_[i_] != ':') {
            return false;
        }
        i_ = skip_space(t_, i_ + 1);
        return i_ < t_.size();
    }

    /// Records where the member `pointer_` (key `key`, at `i_`) starts, or
    /// that its key was given before.
    void record_key(frame& top, std::string key) {
        if (!top.keys.insert(std::move(key)).second) {
            const auto first = offsets_.find(pointer_);
            duplicates_.push_back({pointer_, i_, first == offsets_.end() ? i_ : first->second});
        } else {
            offsets_.try_emplace(pointer_, i_);
        }
    }

    std::string_view t_;
    offset_map& offsets_;
    std::vector<json_locations::duplicate>& duplicates_;
    std::vector<frame> stack_;
    std::string pointer_;
    std::size_t i_ = 0;
};

} // namespace

text_position position_of(std::string_view text, std::size_t offset) noexcept {
    text_position at;
    const std::size_t end = offset < text.size() ? offset : text.size();
    for (std::size_t i = 0; i < end; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\n') {
            ++at.line;
            at.column = 1;
        } else if ((byte & 0xC0U) != 0x80U) { // not a UTF-8 continuation byte
            ++at.column;
        }
    }
    return at;
}

void append_pointer_token(std::string& out, std::string_view key) {
    for (std::size_t i = 0;;) {
        const std::size_t special = key.find_first_of("~/", i);
        out.append(key.substr(i, special == std::string_view::npos ? special : special - i));
        if (special == std::string_view::npos) {
            return;
        }
        out += key[special] == '~' ? "~0" : "~1";
        i = special + 1;
    }
}

std::string pointer_token(std::string_view key) {
    std::string token;
    token.reserve(key.size());
    append_pointer_token(token, key);
    return token;
}

json_locations::json_locations(std::string_view text) {
    locator(text, offsets_, duplicates_).run();
}

std::size_t json_locations::find(std::string_view pointer) const {
    for (;;) {
        if (const auto it = offsets_.find(pointer); it != offsets_.end()) {
            return it->second;
        }
        const auto slash = pointer.rfind('/');
        if (slash == std::string_view::npos) {
            return 0;
        }
        pointer = pointer.substr(0, slash);
    }
}

} // namespace rehab::detail
