#pragma once
// Writing a program's output so that a failure is never silent, shared by
// the example programs: a file is replaced atomically (a temporary file
// beside it, flushed and synced, then renamed over it), so a full disk or a
// missing directory leaves the old file byte for byte and an error; a failed
// write to standard output (`> /dev/full`) is an error too.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rehab_examples {

/// A write that did not happen; `what()` says which file and why.
struct write_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Writes all of `text` to `fd`; returns 0 or the errno of the failure.
inline int write_all(int fd, std::string_view text) {
    std::size_t written = 0;
    while (written < text.size()) {
        const ::ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        written += static_cast<std::size_t>(n);
    }
    return 0;
}

/// Replaces `path` with `text`, or leaves it untouched and throws. A path
/// that names something other than a regular file (a device such as
/// /dev/full, a pipe) cannot be replaced: it is written in place, and any
/// failure still throws.
inline void write_atomically(const std::string& path, std::string_view text) {
    const std::filesystem::path target(path);
    std::error_code ec;
    const auto status = std::filesystem::status(target, ec);
    if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
        const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        int code = fd < 0 ? errno : write_all(fd, text);
        if (fd >= 0 && ::close(fd) != 0 && code == 0) {
            code = errno;
        }
        if (code != 0) {
            throw write_error("cannot write \"" + path + "\": " + std::strerror(code));
        }
        return;
    }
    const std::filesystem::path directory =
        target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    std::string temporary = (directory / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0) {
        throw write_error("cannot write \"" + path + "\": " + std::strerror(errno));
    }
    const auto fail = [&](int code) {
        ::close(fd);
        ::unlink(temporary.c_str());
        throw write_error("cannot write \"" + path + "\": " + std::strerror(code));
    };
    if (const int code = write_all(fd, text); code != 0) {
        fail(code);
    }
    // The mode a new file would get (mkstemp makes it 0600).
    const ::mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(fd, 0666 & ~mask) != 0 || ::fsync(fd) != 0) {
        fail(errno);
    }
    if (::close(fd) != 0) {
        const int code = errno;
        ::unlink(temporary.c_str());
        throw write_error("cannot write \"" + path + "\": " + std::strerror(code));
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int code = errno;
        ::unlink(temporary.c_str());
        throw write_error("cannot write \"" + path + "\": " + std::strerror(code));
    }
}

/// Writes `text` to standard output and flushes it, or throws.
inline void write_stdout(std::string_view text) {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() ||
        std::fflush(stdout) != 0) {
        throw write_error(std::string("cannot write to standard output: ") + std::strerror(errno));
    }
}

} // namespace rehab_examples
