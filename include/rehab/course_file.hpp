#pragma once
/// @file course_file.hpp
/// A patient's course as a JSON file: the patient, the protocols (by value)
/// and calendars with the dates they take effect, the pauses, and the log.
/// The format is described field by field by the JSON Schema installed as
/// `share/rehab/course.schema.json`.
///
/// Loading rebuilds the course through the same checks as `course::make`
/// and `course::record`, so a file that loads is a course the API could
/// have made; `load_course(to_json(c)) == c`, and the engine state rebuilt
/// from the log is the saved course's. Loading never throws for bad input:
/// every problem comes back with the JSON Pointer of its field and its line
/// and column (a log entry's problem stops the reading of the log there).
/// @code
/// auto c = rehab::load_course_file("patient-0042.course.json");
/// if (!c) {
///     for (const auto& e : c.error()) fmt::print(stderr, "{}\n", e);
///     // /log/3/pain_during: must be <= 10, got 12 (line 60, column 22)
/// }
/// @endcode

#include <filesystem>
#include <string>
#include <string_view>

#include <rehab/api.hpp>
#include <rehab/catalog.hpp>
#include <rehab/course.hpp>
#include <rehab/protocol_file.hpp>

namespace rehab {

/// The value of a course file's `format` field.
inline constexpr std::string_view course_file_format = "rehab-course/1";

/// Reads a course from JSON text. Each protocol is checked as
/// `load_protocol` checks it (exercises in `exercises`, `limits`).
[[nodiscard]] REHAB_API load_result<course>
load_course(std::string_view text, const catalog& exercises = catalog::builtin(),
            const load_limits& limits = {});

/// `load_course` on the contents of `file`; a file that cannot be read gives
/// one `errc::io_error` naming the path.
[[nodiscard]] REHAB_API load_result<course>
load_course_file(const std::filesystem::path& file, const catalog& exercises = catalog::builtin(),
                 const load_limits& limits = {});

/// The course as JSON: indented by 2, keys in a fixed order, log entries
/// naming their sessions by id (`course::id`), ending with a newline.
[[nodiscard]] REHAB_API std::string to_json(const course& c);

} // namespace rehab
