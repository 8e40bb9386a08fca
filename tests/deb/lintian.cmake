# deb.lintian: lintian on the packages deb.cpack made; fails on errors, shows
# warnings and informational tags.
# Usage: cmake -D LINTIAN=... -D DEB_DIR=... -P lintian.cmake
cmake_minimum_required(VERSION 3.25)
if(NOT LINTIAN)
  message(FATAL_ERROR "lintian was not found when rehab was configured: install it (scripts/install-deps)")
endif()
file(GLOB _debs "${DEB_DIR}/*.deb")
if(NOT _debs)
  message(FATAL_ERROR "no .deb in ${DEB_DIR} (deb.cpack makes them)")
endif()
execute_process(COMMAND "${LINTIAN}" --fail-on error --display-info --tag-display-limit 0 ${_debs}
                RESULT_VARIABLE _result OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
message(STATUS "lintian ${_debs}:\n${_out}${_err}")
if(NOT _result EQUAL 0)
  message(FATAL_ERROR "lintian found errors (exit code ${_result})")
endif()
