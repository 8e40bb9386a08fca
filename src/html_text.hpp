#pragma once
// Private to src/: text into HTML. Every piece of text the library puts on
// a page goes through `append_html`, so a name such as "Heel drop <left>"
// prints as written and can never open an element.

#include <string>
#include <string_view>

namespace rehab::detail {

/// Appends `text` with '&', '<', '>', '"' and '\'' written as character
/// references: safe in element content and in quoted attribute values.
void append_html(std::string& out, std::string_view text);

/// `text` escaped as `append_html` does.
[[nodiscard]] std::string html_escaped(std::string_view text);

} // namespace rehab::detail
