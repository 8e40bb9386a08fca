#pragma once
// Private to src/: the parts of a course's FHIR export
// (src/fhir_course_export.cpp) that src/fhir_course_observations.cpp writes.

#include <cstddef>
#include <string_view>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <rehab/course.hpp>
#include <rehab/error.hpp>

#include "fhir_write.hpp"

namespace rehab::detail::fhir {

/// A relative reference to `type`/`id` in the Bundle.
[[nodiscard]] ojson reference(std::string_view type, std::string_view id);

/// The calendar of `c` in force on `d`.
[[nodiscard]] const course_calendar& calendar_on(const course& c, boost::gregorian::date d);

/// The Observations of the log of `c`: one per pain rating, then one per
/// outcome measurement (see `to_fhir(const course&, ...)`). `sessions` are
/// the sessions exported, and `requests_of[i]` the indices k of the
/// ServiceRequests "rx-(k+1)" of the exercises of `sessions[i]`. Errors: a
/// session logged that is not among `sessions` (`/log/N/session`), a zone
/// that cannot be located.
[[nodiscard]] expected<std::vector<ojson>>
log_observations(const course& c, const std::vector<course_session>& sessions,
                 const std::vector<std::vector<std::size_t>>& requests_of,
                 std::string_view patient_id);

} // namespace rehab::detail::fhir
