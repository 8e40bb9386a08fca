#pragma once
// Private to src/: the course file's JSON as a value (src/course_file.cpp),
// for the writers that carry a course in another format (the FHIR export's
// course-record extension, src/fhir_course_export.cpp).

#include <nlohmann/json.hpp>

#include <rehab/course.hpp>

namespace rehab::detail {

/// The JSON that `to_json(c)` writes, before it is printed.
[[nodiscard]] nlohmann::ordered_json course_json(const course& c);

} // namespace rehab::detail
