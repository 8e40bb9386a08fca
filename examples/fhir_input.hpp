#pragma once
// Reading what the example programs take as input files, a rehab file or a
// FHIR R4 Bundle, told apart by content; shared by rehab-plan and
// rehab-course. A Bundle whose import reports losses (what the protocol or
// course cannot hold) is refused, each loss printed with its JSON Pointer,
// unless the user allows it: the program would otherwise silently follow
// less than the file says.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <rehab/fhir.hpp>
#include <rehab/protocol_file.hpp>

namespace rehab_examples {

/// An input that cannot be read; `what()` names the option and the file.
struct input_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The contents of the file `path` given with `option` ("--protocol-file").
inline std::string read_input(std::string_view option, const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw input_error{
            fmt::format("{}: cannot read \"{}\": {}", option, path, std::strerror(EISDIR))};
    }
    std::ifstream in(path, std::ios::binary);
    if (!in.is_open()) {
        throw input_error{
            fmt::format("{}: cannot read \"{}\": {}", option, path, std::strerror(errno))};
    }
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) {
        throw input_error{fmt::format("{}: cannot read \"{}\"", option, path)};
    }
    return text;
}

/// Whether `text` is FHIR rather than a rehab file, told by the content,
/// never by the file's name: a JSON object with a "resourceType" is FHIR (no
/// rehab file has such a field). Anything else, text that is not JSON
/// included, is read as a rehab file, whose reader then says what is wrong
/// and where.
inline bool holds_fhir(std::string_view text) {
    const auto doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    return doc.is_object() && doc.contains("resourceType");
}

/// What an import's losses are about, in the words of the message that
/// refuses them: "the protocol", "the plan", "plan".
struct loss_words {
    std::string_view held;     ///< what has no place for them: "the protocol"
    std::string_view follower; ///< what would not follow them: "the plan"
    std::string_view go_on;    ///< what --allow-loss lets the program do: "plan"
};

/// Prints each loss of the import of `path` on standard error as
/// "PROGRAM: PATH: POINTER: why" (a warning when `allow_loss`); true when
/// the program may go on: no loss, or `allow_loss`. Otherwise it says how
/// many and how to go on regardless.
inline bool accept_losses(std::string_view program, const std::string& path,
                          const std::vector<rehab::fhir_loss>& lost, bool allow_loss,
                          const loss_words& words) {
    for (const rehab::fhir_loss& loss : lost) {
        fmt::print(stderr, "{}: {}: {}{}: {}\n", program, path, allow_loss ? "warning: " : "",
                   loss.path, loss.why);
    }
    if (lost.empty() || allow_loss) {
        return true;
    }
    const std::size_t n = lost.size();
    const bool one = n == 1;
    fmt::print(stderr,
               "{}: {}: {} element{} of the Bundle {} no place in {}, so {} would not follow {}; "
               "check {}, or give --allow-loss to {} without {}\n",
               program, path, n, one ? "" : "s", one ? "has" : "have", words.held, words.follower,
               one ? "it" : "them", one ? "it" : "them", words.go_on, one ? "it" : "them");
    return false;
}

/// The protocol of `--protocol-file FILE`: a protocol file
/// (share/rehab/protocol.schema.json) or a FHIR R4 Bundle as
/// `rehab-plan --format fhir` writes it. Empty after printing why on
/// standard error: every mistake of a protocol file, the located error of a
/// Bundle, or its losses unless `allow_loss` (then printed as warnings).
inline std::optional<rehab::protocol> load_protocol_input(std::string_view program,
                                                          const std::string& path, bool allow_loss,
                                                          const loss_words& words) {
    const std::string text = read_input("--protocol-file", path);
    if (!holds_fhir(text)) {
        auto loaded = rehab::load_protocol(text);
        if (!loaded) {
            // Every problem, one per line, each with its JSON Pointer.
            for (const auto& e : loaded.error()) {
                fmt::print(stderr, "{}: {}: {}\n", program, path, e);
            }
            return std::nullopt;
        }
        return std::move(*loaded);
    }
    auto imported = rehab::protocol_from_fhir(text);
    if (!imported) {
        fmt::print(stderr, "{}: {}: {}\n", program, path, imported.error());
        return std::nullopt;
    }
    if (!accept_losses(program, path, imported->lost, allow_loss, words)) {
        return std::nullopt;
    }
    return std::move(imported->protocol);
}

} // namespace rehab_examples
