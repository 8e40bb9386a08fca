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

} // namespace rehab
