# Runs ajv (an independent JSON Schema validator) and the library's loader on
# one file and checks both verdicts.
# Usage: cmake -DAJV=... -DSCHEMA=... [-DREFS=...] -DCHECK=rehab_file_check
#              -DKIND=protocol|catalog|course -DFILE=... -DSCHEMA_EXPECT=valid|invalid
#              -DLOADER_EXPECT=valid|invalid -P check_agreement.cmake
# REFS (optional, a list) names the schemas SCHEMA refers to by their $id: ajv
# loads each with -r (the course schema refers to the protocol schema).
# With -DNPM_MISSING=1 it only fails, saying how to install npm.
if(NPM_MISSING)
  message(FATAL_ERROR "npm was not found when rehab was configured: run scripts/install-deps "
                      "(it installs nodejs and npm), then configure again")
endif()
foreach(var IN ITEMS AJV SCHEMA CHECK KIND FILE SCHEMA_EXPECT LOADER_EXPECT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_agreement.cmake: ${var} is not set")
  endif()
endforeach()
if(NOT EXISTS "${AJV}")
  message(FATAL_ERROR "${AJV} is missing: the schema.npm-ci test installs it")
endif()

set(_refs)
foreach(_ref IN LISTS REFS)
  list(APPEND _refs -r "${_ref}")
endforeach()
execute_process(
  COMMAND "${AJV}" validate --spec=draft2020 --strict=true --strict-required=false --all-errors
          --errors=text -s "${SCHEMA}" ${_refs} -d "${FILE}"
  RESULT_VARIABLE _ajv_rc OUTPUT_VARIABLE _ajv_out ERROR_VARIABLE _ajv_err)
set(_ajv_text "${_ajv_out}${_ajv_err}")
if(_ajv_rc EQUAL 0)
  set(_schema valid)
elseif(_ajv_text MATCHES "invalid\n" OR _ajv_text MATCHES "in JSON at position")
  set(_schema invalid) # refused by the schema, or not JSON at all
else()
  message(FATAL_ERROR "ajv did not run (exit code ${_ajv_rc}):\n${_ajv_text}")
endif()
if(_ajv_text MATCHES "schema .* is invalid")
  message(FATAL_ERROR "ajv refused the schema itself:\n${_ajv_text}")
endif()

execute_process(COMMAND "${CHECK}" "${KIND}" "${FILE}" RESULT_VARIABLE _rc OUTPUT_VARIABLE _out
                ERROR_VARIABLE _err)
if(_rc EQUAL 0)
  set(_loader valid)
elseif(_rc EQUAL 1)
  set(_loader invalid)
else()
  message(FATAL_ERROR "rehab_file_check failed (exit code ${_rc}):\n${_out}${_err}")
endif()

message(STATUS "ajv: ${_schema}\n${_ajv_text}")
message(STATUS "loader: ${_loader}\n${_out}")
if(NOT _schema STREQUAL SCHEMA_EXPECT)
  message(FATAL_ERROR "the schema finds ${FILE} ${_schema}, expected ${SCHEMA_EXPECT}")
endif()
if(NOT _loader STREQUAL LOADER_EXPECT)
  message(FATAL_ERROR "the loader finds ${FILE} ${_loader}, expected ${LOADER_EXPECT}")
endif()
