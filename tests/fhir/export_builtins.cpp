// Writes the FHIR Bundle of every built-in protocol (rehab::to_fhir) to
// DIRECTORY/<protocol id>.json, emptying DIRECTORY first, for fhir.schema.
// Usage: rehab_fhir_export DIRECTORY
#include <rehab/fhir.hpp>
#include <rehab/protocols.hpp>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

int main(int argc, char** argv) {
    if (argc != 2) {
        fmt::print(stderr, "usage: rehab_fhir_export DIRECTORY\n");
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    int failed = 0;
    for (const rehab::protocol& p : rehab::builtin_protocols()) {
        const rehab::expected<std::string> bundle = rehab::to_fhir(p);
        if (!bundle) {
            fmt::print(stderr, "{}: {}\n", p.id, bundle.error());
            ++failed;
            continue;
        }
        std::ofstream out(dir / (p.id + ".json"), std::ios::binary);
        out << *bundle;
        if (!out.flush()) {
            fmt::print(stderr, "{}: cannot write\n", p.id);
            ++failed;
            continue;
        }
        fmt::print("{}: {} bytes\n", p.id, bundle->size());
    }
    return failed == 0 ? 0 : 1;
}
