// rehab_file_check protocol|catalog|course FILE: loads FILE with the library
// and prints "FILE valid" or every error; exit code 0 when valid, 1 when not,
// 2 on bad usage. The schema tests compare its verdict with ajv's.
#include <string_view>

#include <fmt/format.h>

#include <rehab/course_file.hpp>
#include <rehab/protocol_file.hpp>

int main(int argc, char** argv) {
    if (argc != 3) {
        fmt::print(stderr, "usage: rehab_file_check protocol|catalog|course FILE\n");
        return 2;
    }
    const std::string_view kind = argv[1]; // NOLINT: argv is an array
    const char* file = argv[2];            // NOLINT: argv is an array
    rehab::error_list errors;
    if (kind == "protocol") {
        if (auto p = rehab::load_protocol_file(file); !p) {
            errors = std::move(p.error());
        }
    } else if (kind == "catalog") {
        if (auto c = rehab::load_catalog_file(file); !c) {
            errors = std::move(c.error());
        }
    } else if (kind == "course") {
        if (auto c = rehab::load_course_file(file); !c) {
            errors = std::move(c.error());
        }
    } else {
        fmt::print(stderr, "rehab_file_check: unknown kind \"{}\"\n", kind);
        return 2;
    }
    if (errors.empty()) {
        fmt::print("{} valid\n", file);
        return 0;
    }
    fmt::print("{} invalid\n", file);
    for (const auto& e : errors) {
        fmt::print("{}\n", e);
    }
    return 1;
}
