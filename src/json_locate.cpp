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

json_locations::json_locations(std::string_view t) {
    struct frame {
        bool object = false;
        std::string pointer;
        std::size_t next_index = 0;
        std::set<std::string, std::less<>> keys;
    };
    std::vector<frame> stack;
    std::string pointer;
    std::size_t i = skip_space(t, 0);

    // Moves `i` to the value of the next member or element of the innermost
    // container and sets `pointer` to it; false on malformed text.
    const auto begin_item = [&]() -> bool {
        frame& top = stack.back();
        if (!top.object) {
            pointer = top.pointer + '/' + std::to_string(top.next_index++);
            return i < t.size();
        }
        if (i >= t.size() || t[i] != '"') {
            return false;
        }
        const std::size_t key_end = skip_string(t, i);
        std::string key = decode_key(t.substr(i, key_end - i));
        pointer = top.pointer + '/' + pointer_token(key);
        if (!top.keys.insert(std::move(key)).second) {
            const auto first = offsets_.find(pointer);
            duplicates_.push_back({pointer, i, first == offsets_.end() ? i : first->second});
        } else {
            offsets_.try_emplace(pointer, i);
        }
        i = skip_space(t, key_end);
        if (i >= t.size() || t[i] != ':') {
            return false;
        }
        i = skip_space(t, i + 1);
        return i < t.size();
    };

    offsets_.try_emplace(pointer, i);
    while (i < t.size()) {
        // `i` is at the start of the value `pointer`.
        offsets_.try_emplace(pointer, i);
        const char c = t[i];
        if ((c == '{' || c == '[') && stack.size() < max_depth) {
            stack.push_back(frame{c == '{', pointer, 0, {}});
            i = skip_space(t, i + 1);
            if (i < t.size() && (t[i] == '}' || t[i] == ']')) {
                stack.pop_back();
                ++i;
            } else {
                if (!begin_item()) {
                    return;
                }
                continue;
            }
        } else if (c == '{' || c == '[') {
            i = skip_container(t, i);
        } else if (c == '"') {
            i = skip_string(t, i);
        } else {
            i = skip_literal(t, i);
        }
        // After a value: the next item, or the end of one or more containers.
        for (;;) {
            i = skip_space(t, i);
            if (stack.empty() || i >= t.size()) {
                return;
            }
            if (t[i] == ',') {
                i = skip_space(t, i + 1);
                if (!begin_item()) {
                    return;
                }
                break;
            }
            if (t[i] != '}' && t[i] != ']') {
                return;
            }
            stack.pop_back();
            ++i;
        }
    }
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
