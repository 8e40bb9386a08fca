// libFuzzer target for the protocol, catalog and exercise loaders (and the
// outcome-measure readers, which share the JSON reading code). Built in
// every build as a library: with REHAB_FUZZ (clang, the `fuzz` preset) it is
// linked into a libFuzzer executable; otherwise replay_main.cpp runs the seed
// corpus through it as a regression test.
#include <rehab/protocol_file.hpp>

#include <rehab/outcome_json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace {

/// Every error of a failed load is printable and located.
void check_errors(const rehab::error_list& errors) {
    if (errors.empty()) {
        std::abort();
    }
    for (const auto& e : errors) {
        if (fmt::format("{}", e).empty() || !e.line || !e.column) {
            std::abort();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): bytes as text
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    const auto loaded = rehab::load_protocol(text);
    if (loaded) {
        // Whatever loads saves, and loads back equal, and saves the same.
        const std::string saved = rehab::to_json(*loaded);
        const auto again = rehab::load_protocol(saved);
        if (!again || !(*again == *loaded) || rehab::to_json(*again) != saved) {
            std::abort();
        }
    } else {
        check_errors(loaded.error());
    }

    const auto catalog = rehab::load_catalog(text);
    if (catalog) {
        const auto again = rehab::load_catalog(rehab::to_json(*catalog));
        if (!again || again->size() != catalog->size()) {
            std::abort();
        }
    } else {
        check_errors(catalog.error());
    }

    if (const auto e = rehab::load_exercise(text)) {
        const auto again = rehab::load_exercise(rehab::to_json(*e));
        if (!again || !(*again == *e)) {
            std::abort();
        }
    }
    // The outcome measures: whatever loads saves and loads back equal.
    if (const auto v = rehab::load_visa_a_answers(text)) {
        const auto again = rehab::load_visa_a_answers(rehab::to_json(*v));
        if (!again || !(*again == *v) || !rehab::visa_a::make(*v)) {
            std::abort();
        }
    }
    if (const auto a = rehab::load_atrs_answers(text)) {
        const auto again = rehab::load_atrs_answers(rehab::to_json(*a));
        if (!again || !(*again == *a) || !rehab::atrs::make(*a)) {
            std::abort();
        }
    }
    if (const auto h = rehab::load_heel_rise(text)) {
        const auto again = rehab::load_heel_rise(rehab::to_json(*h));
        if (!again || !(*again == *h) || !rehab::heel_rise::make(*h)) {
            std::abort();
        }
    }
    return 0;
}
