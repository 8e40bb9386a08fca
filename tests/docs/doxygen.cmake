# docs.doxygen: builds the API reference and fails on any Doxygen warning,
# listing them (all in DOCS_DIR/doxygen-warnings.txt) with a count per header.
# Usage: cmake -D DOXYGEN=... -D DOCS_DIR=<build>/docs -P doxygen.cmake
cmake_minimum_required(VERSION 3.25)
if(NOT DOXYGEN)
  message(FATAL_ERROR "doxygen was not found when rehab was configured: install it (scripts/install-deps)")
endif()
set(_log "${DOCS_DIR}/doxygen-warnings.txt")
file(REMOVE_RECURSE "${DOCS_DIR}/html")
file(REMOVE "${_log}")
execute_process(COMMAND "${DOXYGEN}" "${DOCS_DIR}/Doxyfile" WORKING_DIRECTORY "${DOCS_DIR}"
                RESULT_VARIABLE _result OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
set(_warnings "")
if(EXISTS "${_log}")
  file(STRINGS "${_log}" _warnings REGEX ":[0-9]+: (warning|error):")
endif()
list(LENGTH _warnings _count)
if(_count EQUAL 0 AND _result EQUAL 0 AND EXISTS "${DOCS_DIR}/html/index.html")
  message(STATUS "API reference without warnings: ${DOCS_DIR}/html/index.html")
  return()
endif()

# Count per file, most first.
set(_files "")
foreach(_line IN LISTS _warnings)
  if(_line MATCHES "^([^:]+):[0-9]+:")
    get_filename_component(_file "${CMAKE_MATCH_1}" NAME)
    string(MAKE_C_IDENTIFIER "${_file}" _id)
    if(NOT DEFINED _n_${_id})
      set(_n_${_id} 0)
      list(APPEND _files "${_file}")
    endif()
    math(EXPR _n_${_id} "${_n_${_id}} + 1")
  endif()
endforeach()
set(_ranked "")
foreach(_file IN LISTS _files)
  string(MAKE_C_IDENTIFIER "${_file}" _id)
  math(EXPR _key "100000 - ${_n_${_id}}") # sorts most-warned first
  list(APPEND _ranked "${_key}|${_n_${_id}} ${_file}")
endforeach()
list(SORT _ranked COMPARE NATURAL)
list(TRANSFORM _ranked REPLACE "^[0-9]+\\|" "  ")
list(JOIN _ranked "\n" _ranked)
list(SUBLIST _warnings 0 40 _first)
list(JOIN _first "\n" _first)
message(FATAL_ERROR
  "doxygen: ${_count} warnings (exit code ${_result}); all of them in ${_log}\n"
  "warnings per header:\n${_ranked}\n"
  "the first 40:\n${_first}\n${_err}")
