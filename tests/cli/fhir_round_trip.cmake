# rehab-plan --format fhir, read back with --protocol-file: the Bundle plans
# exactly what the built-in protocol plans, byte for byte, in every format
# given, and exporting the Bundle's protocol again gives the same Bundle.
# Usage: cmake -D PLAN=rehab-plan -D PROTOCOL=id -D WORK_DIR=dir
#              -D "PLAN_ARGS=--start;2026-12-01;..." [-D "FORMATS=json;text"]
#              -P fhir_round_trip.cmake
foreach(_required PLAN PROTOCOL WORK_DIR PLAN_ARGS)
  if(NOT DEFINED ${_required})
    message(FATAL_ERROR "fhir_round_trip.cmake: ${_required} is not set")
  endif()
endforeach()
if(NOT DEFINED FORMATS)
  set(FORMATS json text)
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# Runs rehab-plan with ARGN; it must exit 0 and say nothing on stderr.
# Sets ${out} to its standard output.
function(run_ok out)
  execute_process(COMMAND "${PLAN}" ${ARGN} RESULT_VARIABLE _code OUTPUT_VARIABLE _out
                  ERROR_VARIABLE _err)
  if(NOT _code EQUAL 0 OR NOT _err STREQUAL "")
    string(REPLACE ";" " " _command "${ARGN}")
    message(FATAL_ERROR "rehab-plan ${_command}\nexit code ${_code}\n--- stderr ---\n${_err}")
  endif()
  set(${out} "${_out}" PARENT_SCOPE)
endfunction()

set(_bundle "${WORK_DIR}/${PROTOCOL}.fhir.json")
run_ok(_ignored --protocol ${PROTOCOL} --format fhir --output "${_bundle}")
file(READ "${_bundle}" _exported)
if(NOT _exported MATCHES "^{\n  \"resourceType\": \"Bundle\",.*\"resourceType\": \"PlanDefinition\"")
  message(FATAL_ERROR "${_bundle} is not the protocol's Bundle:\n${_exported}")
endif()
run_ok(_stdout --protocol ${PROTOCOL} --format fhir)
if(NOT _stdout STREQUAL _exported)
  message(FATAL_ERROR "--format fhir wrote one Bundle to --output and another to stdout")
endif()

foreach(_format IN LISTS FORMATS)
  run_ok(_expected --protocol ${PROTOCOL} ${PLAN_ARGS} --format ${_format})
  run_ok(_actual --protocol-file "${_bundle}" ${PLAN_ARGS} --format ${_format})
  if(NOT _actual STREQUAL _expected)
    file(WRITE "${WORK_DIR}/expected.${_format}" "${_expected}")
    file(WRITE "${WORK_DIR}/actual.${_format}" "${_actual}")
    message(FATAL_ERROR "${PROTOCOL} planned from its Bundle differs from the built-in "
                        "(--format ${_format}): diff ${WORK_DIR}/expected.${_format} "
                        "${WORK_DIR}/actual.${_format}")
  endif()
  string(LENGTH "${_actual}" _length)
  message(STATUS "${PROTOCOL} --format ${_format}: ${_length} bytes, equal")
endforeach()

run_ok(_again --protocol-file "${_bundle}" --format fhir)
if(NOT _again STREQUAL _exported)
  message(FATAL_ERROR "the Bundle read back and exported again is not the Bundle")
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
