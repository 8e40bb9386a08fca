#pragma once
// The zone files of the system's time-zone database, for tests that run
// every zone: each regular file under $TZDIR (or /usr/share/zoneinfo) that
// starts with the TZif magic, by its name relative to that directory.

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace rehab::test {

inline std::filesystem::path zoneinfo_dir() {
    const char* dir = std::getenv("TZDIR");
    return dir != nullptr && *dir != '\0' ? std::filesystem::path(dir)
                                          : std::filesystem::path("/usr/share/zoneinfo");
}

/// Zone names, sorted. With `copies` false, the `posix/` and `right/` trees
/// (copies of the main tree, the second with leap seconds) are left out.
inline std::vector<std::string> zone_files(bool copies) {
    std::vector<std::string> out;
    const std::filesystem::path root = zoneinfo_dir();
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file()) {
            continue;
        }
        const std::string name = entry.path().lexically_relative(root).generic_string();
        if (!copies && (name.starts_with("posix/") || name.starts_with("right/"))) {
            continue;
        }
        std::ifstream in(entry.path(), std::ios::binary);
        char magic[4] = {};
        if (in.read(magic, 4) && std::string(magic, 4) == "TZif") {
            out.push_back(name);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace rehab::test
