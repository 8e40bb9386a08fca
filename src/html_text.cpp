#include "html_text.hpp"

namespace rehab::detail {

void append_html(std::string& out, std::string_view text) {
    std::size_t plain = 0; // start of the run of characters that need no reference
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::string_view reference;
        switch (text[i]) {
        case '&':
            reference = "&amp;";
            break;
        case '<':
            reference = "&lt;";
            break;
        case '>':
            reference = "&gt;";
            break;
        case '"':
            reference = "&quot;";
            break;
        case '\'':
            reference = "&#39;";
            break;
        default:
            continue;
        }
        out.append(text.substr(plain, i - plain));
        out.append(reference);
        plain = i + 1;
    }
    out.append(text.substr(plain));
}

std::string html_escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    append_html(out, text);
    return out;
}

} // namespace rehab::detail
