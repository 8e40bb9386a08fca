# Installs the build tree BUILD_DIR into a fresh PREFIX and checks that the
# installed package config names only public dependencies.
# Usage: cmake -D BUILD_DIR=... -D PREFIX=... -D CONSUMER_BUILD_DIR=... -D CONFIG=... -P stage.cmake
foreach(var IN ITEMS BUILD_DIR PREFIX CONSUMER_BUILD_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "stage.cmake: ${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${PREFIX}" "${CONSUMER_BUILD_DIR}")
set(_config_args)
if(CONFIG)
  set(_config_args --config "${CONFIG}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}" ${_config_args}
                RESULT_VARIABLE _result)
if(NOT _result EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${_result}")
endif()

# lib/cmake/rehab, or lib/<multiarch>/cmake/rehab with prefix /usr (the shared preset).
file(GLOB_RECURSE _package_files "${PREFIX}/*.cmake")
list(FILTER _package_files INCLUDE REGEX "/cmake/rehab/[^/]*\\.cmake$")
list(LENGTH _package_files _count)
if(_count LESS 3)
  message(FATAL_ERROR "expected rehabConfig, rehabConfigVersion and rehabTargets in ${PREFIX}, found: ${_package_files}")
endif()
foreach(_file IN LISTS _package_files)
  file(READ "${_file}" _text)
  string(REGEX REPLACE "#[^\n]*" "" _text "${_text}") # comments may name them
  foreach(_private IN ITEMS GTest gtest benchmark program_options)
    if(_text MATCHES "${_private}")
      message(FATAL_ERROR "${_file} mentions the test/bench/example-only dependency '${_private}'")
    endif()
  endforeach()
endforeach()
if(NOT EXISTS "${PREFIX}/include/rehab/rehab.hpp")
  message(FATAL_ERROR "rehab.hpp was not installed under ${PREFIX}/include/rehab")
endif()
message(STATUS "rehab installed into ${PREFIX}: ${_package_files}")
