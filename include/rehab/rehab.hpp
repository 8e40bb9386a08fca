#pragma once
/// @file rehab.hpp
/// The umbrella header: everything the library offers.
///
/// Modules, in the one-way order they depend on each other:
/// catalog (exercises) -> protocol -> engine -> schedule -> exports.
/// The value layer (units, doses, exercise records, frequencies, session logs,
/// outcome scores) is header-only (`rehab::values`); the rest is compiled
/// (`rehab::rehab`): docs/architecture.md says which header is which.

#include <rehab/version.hpp>

#include <rehab/error.hpp>

#include <rehab/adherence.hpp>
#include <rehab/atrs.hpp>
#include <rehab/catalog.hpp>
#include <rehab/course.hpp>
#include <rehab/course_exports.hpp>
#include <rehab/course_file.hpp>
#include <rehab/criteria.hpp>
#include <rehab/dates.hpp>
#include <rehab/dosage.hpp>
#include <rehab/engine.hpp>
#include <rehab/exercise.hpp>
#include <rehab/exports.hpp>
#include <rehab/fhir.hpp>
#include <rehab/frequency.hpp>
#include <rehab/guidance.hpp>
#include <rehab/handout.hpp>
#include <rehab/heel_rise.hpp>
#include <rehab/measure.hpp>
#include <rehab/outcome_json.hpp>
#include <rehab/protocol.hpp>
#include <rehab/protocol_file.hpp>
#include <rehab/protocols.hpp>
#include <rehab/restrictions.hpp>
#include <rehab/rules.hpp>
#include <rehab/schedule.hpp>
#include <rehab/schedule_planner.hpp>
#include <rehab/score_change.hpp>
#include <rehab/session_log.hpp>
#include <rehab/support_level.hpp>
#include <rehab/text.hpp>
#include <rehab/time_zone.hpp>
#include <rehab/units.hpp>
#include <rehab/visa_a.hpp>
