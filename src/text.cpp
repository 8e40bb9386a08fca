#include <rehab/text.hpp>

#include <fmt/format.h>

namespace rehab {

std::optional<std::string> text_problem(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) {
            return fmt::format("contains the control character U+{:04X} at byte {}; text is "
                               "printable, on one line",
                               static_cast<unsigned>(c), i);
        }
    }
    return std::nullopt;
}

bool is_identifier(std::string_view id) noexcept {
    if (id.empty() || id.size() > 64) {
        return false;
    }
    for (const char c : id) {
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && c != '.' && c != '_' && c != '-') {
            return false;
        }
    }
    return true;
}

} // namespace rehab
