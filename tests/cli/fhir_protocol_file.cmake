# rehab-plan --protocol-file with FHIR Bundles, each made here from the
# Bundle rehab-plan --format fhir writes (so they follow the export):
# - detection by content: a Bundle saved as NAME.protocol.json plans as the
#   built-in, and a protocol file saved as NAME.fhir.json plans as a protocol file;
# - a Bundle with a foreign resource: each element left out on stderr with its
#   JSON Pointer, exit 2 and --output untouched; with --allow-loss the same
#   lines as warnings and the plan of the built-in;
# - a broken Bundle (a dose part of the wrong type), a FHIR resource that is
#   not a Bundle and a truncated Bundle: exit 2, one located line, --output untouched.
# Usage: cmake -D PLAN=rehab-plan -D WORK_DIR=dir -P fhir_protocol_file.cmake
foreach(_required PLAN WORK_DIR)
  if(NOT DEFINED ${_required})
    message(FATAL_ERROR "fhir_protocol_file.cmake: ${_required} is not set")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(_protocol alfredson-eccentric)
set(_plan_args --start 2026-12-01 --tz Europe/Copenhagen --format json)

# Runs rehab-plan with ARGN; sets ${prefix}_code, ${prefix}_out, ${prefix}_err.
function(run prefix)
  execute_process(COMMAND "${PLAN}" ${ARGN} RESULT_VARIABLE _code OUTPUT_VARIABLE _out
                  ERROR_VARIABLE _err)
  set(${prefix}_code "${_code}" PARENT_SCOPE)
  set(${prefix}_out "${_out}" PARENT_SCOPE)
  set(${prefix}_err "${_err}" PARENT_SCOPE)
endfunction()

function(fail what)
  message(FATAL_ERROR "${what}\n--- stdout ---\n${r_out}--- stderr ---\n${r_err}")
endfunction()

function(expect_lines text count what)
  string(REGEX MATCHALL "\n" _newlines "${text}")
  list(LENGTH _newlines _n)
  if(NOT _n EQUAL count)
    fail("${what}: stderr has ${_n} lines, expected ${count}")
  endif()
endfunction()

# Plans FILE into --output over a file that holds "before": it must be
# refused (exit 2) with stderr matching REGEX in LINES lines, the file kept.
function(expect_refused file regex lines)
  set(_output "${WORK_DIR}/plan.json")
  file(WRITE "${_output}" "before\n")
  run(r --protocol-file "${file}" ${_plan_args} --output "${_output}" ${ARGN})
  if(NOT r_code EQUAL 2)
    fail("${file}: exit code ${r_code}, expected 2")
  endif()
  if(NOT r_err MATCHES "${regex}")
    fail("${file}: stderr does not match '${regex}'")
  endif()
  expect_lines("${r_err}" ${lines} "${file}")
  file(READ "${_output}" _after)
  if(NOT _after STREQUAL "before\n")
    fail("${file}: --output was written on error")
  endif()
  file(GLOB _left "${WORK_DIR}/.plan.json*")
  if(_left)
    fail("${file}: a temporary file was left: ${_left}")
  endif()
endfunction()

run(r --protocol ${_protocol} ${_plan_args})
if(NOT r_code EQUAL 0)
  fail("the built-in's plan failed")
endif()
set(_expected "${r_out}")
run(r --protocol ${_protocol} --format fhir)
if(NOT r_code EQUAL 0)
  fail("--format fhir failed")
endif()
set(_bundle "${r_out}")

# Detection by content, not by the name.
file(WRITE "${WORK_DIR}/bundle.protocol.json" "${_bundle}")
run(r --protocol-file "${WORK_DIR}/bundle.protocol.json" ${_plan_args})
if(NOT r_code EQUAL 0 OR NOT r_err STREQUAL "" OR NOT r_out STREQUAL _expected)
  fail("a Bundle named bundle.protocol.json does not plan as the built-in")
endif()
run(r --export-protocol ${_protocol})
file(WRITE "${WORK_DIR}/protocol.fhir.json" "${r_out}")
run(r --protocol-file "${WORK_DIR}/protocol.fhir.json" ${_plan_args})
if(NOT r_code EQUAL 0 OR NOT r_err STREQUAL "" OR NOT r_out STREQUAL _expected)
  fail("a protocol file named protocol.fhir.json does not plan as the built-in")
endif()

# A foreign resource: the plan would not follow it.
string(JSON _entries LENGTH "${_bundle}" entry)
string(JSON _foreign SET "${_bundle}" entry ${_entries}
       [=[{"fullUrl": "urn:uuid:0b9f", "resource": {"resourceType": "Patient", "id": "p42"}}]=])
file(WRITE "${WORK_DIR}/foreign.json" "${_foreign}")
set(_lost "/entry/${_entries}: [^\n]*Patient")
expect_refused(
  "${WORK_DIR}/foreign.json"
  "^rehab-plan: [^\n]*/foreign.json: ${_lost}[^\n]*\nrehab-plan: [^\n]*/foreign.json: 1 element of the Bundle has no place in the protocol, so the plan would not follow it; check it, or give --allow-loss to plan without it\n$"
  2)
run(r --protocol-file "${WORK_DIR}/foreign.json" ${_plan_args} --allow-loss)
if(NOT r_code EQUAL 0)
  fail("--allow-loss: exit code ${r_code}")
endif()
if(NOT r_err MATCHES "^rehab-plan: [^\n]*/foreign.json: warning: ${_lost}[^\n]*\n$")
  fail("--allow-loss: the loss is not a warning on stderr")
endif()
if(NOT r_out STREQUAL _expected)
  fail("--allow-loss: the plan is not the built-in's")
endif()

# A broken Bundle: the first dose's sets as text, where a positive integer belongs.
string(FIND "${_bundle}" "\"url\": \"sets\"," _at)
string(SUBSTRING "${_bundle}" 0 ${_at} _head)
string(SUBSTRING "${_bundle}" ${_at} -1 _tail)
string(REGEX REPLACE "^(\"url\": \"sets\",[ \n]*\"valuePositiveInt\": )([0-9]+)" "\\1\"\\2\"" _tail
                     "${_tail}")
file(WRITE "${WORK_DIR}/broken.json" "${_head}${_tail}")
if(_bundle STREQUAL "${_head}${_tail}")
  message(FATAL_ERROR "the broken Bundle is not broken")
endif()
expect_refused(
  "${WORK_DIR}/broken.json"
  "^rehab-plan: [^\n]*/broken.json: /entry/0/resource/action/[0-9]+/action/[0-9]+/extension/[0-9]+/extension/[0-9]+/valuePositiveInt: must be an integer, got \"3\"[^\n]* \\(line [0-9]+, column [0-9]+\\)\n$"
  1)
expect_refused("${WORK_DIR}/broken.json" "valuePositiveInt" 1 --allow-loss)

# FHIR, but not a Bundle.
file(WRITE "${WORK_DIR}/patient.json" "{\n  \"resourceType\": \"Patient\",\n  \"id\": \"p42\"\n}\n")
expect_refused("${WORK_DIR}/patient.json"
               "^rehab-plan: [^\n]*/patient.json: /resourceType: [^\n]*Bundle[^\n]*\\(line 2, column [0-9]+\\)\n$" 1)

# A Bundle cut short is no JSON: the syntax error with its place.
string(SUBSTRING "${_bundle}" 0 2000 _cut)
file(WRITE "${WORK_DIR}/cut.json" "${_cut}")
expect_refused("${WORK_DIR}/cut.json" "^rehab-plan: [^\n]*/cut.json: [^\n]*\\(line [0-9]+, column [0-9]+\\)\n$" 1)

file(REMOVE_RECURSE "${WORK_DIR}")
message(STATUS "FHIR Bundles as --protocol-file: ok")
