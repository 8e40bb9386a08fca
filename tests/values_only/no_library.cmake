# The value layer needs no library: compiles SOURCE with the compiler alone
# (fmt header-only, no -l flag at all), checks that the program needs no
# rehab or fmt shared library, then runs it.
# Usage: cmake -D COMPILER=c++ -D "FLAGS=<this build's CMAKE_CXX_FLAGS>"
#              -D INCLUDE_DIR=<repo>/include -D SOURCE=main.cpp -D OUTPUT=<program>
#              -P no_library.cmake
foreach(var IN ITEMS COMPILER INCLUDE_DIR SOURCE OUTPUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "no_library.cmake: ${var} is not set")
  endif()
endforeach()

get_filename_component(_dir "${OUTPUT}" DIRECTORY)
file(MAKE_DIRECTORY "${_dir}")
file(REMOVE "${OUTPUT}")
separate_arguments(_flags UNIX_COMMAND "${FLAGS}")
set(_compile "${COMPILER}" -std=c++20 ${_flags} -DFMT_HEADER_ONLY "-I${INCLUDE_DIR}" "${SOURCE}" -o
             "${OUTPUT}")
foreach(_arg IN LISTS _compile)
  if(_arg MATCHES "^-l")
    message(FATAL_ERROR "no_library.cmake: '${_arg}' links a library; this test links none")
  endif()
endforeach()
execute_process(COMMAND ${_compile} RESULT_VARIABLE _code OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _code EQUAL 0)
  list(JOIN _compile " " _command)
  message(FATAL_ERROR "compiling and linking with no library failed (a value-layer function "
                      "defined outside the headers shows as an undefined reference):\n"
                      "${_command}\n${_out}${_err}")
endif()

# No NEEDED entry for a rehab or fmt shared library.
find_program(_readelf NAMES readelf)
if(_readelf)
  execute_process(COMMAND "${_readelf}" -d "${OUTPUT}" RESULT_VARIABLE _code OUTPUT_VARIABLE _dynamic
                  ERROR_VARIABLE _err)
else()
  find_program(_objdump NAMES objdump REQUIRED)
  execute_process(COMMAND "${_objdump}" -p "${OUTPUT}" RESULT_VARIABLE _code OUTPUT_VARIABLE _dynamic
                  ERROR_VARIABLE _err)
endif()
if(NOT _code EQUAL 0)
  message(FATAL_ERROR "could not read the dynamic section of ${OUTPUT}: ${_err}")
endif()
string(REGEX MATCHALL "NEEDED[^\n]*" _needed "${_dynamic}")
foreach(_entry IN LISTS _needed)
  if(_entry MATCHES "librehab|libfmt")
    message(FATAL_ERROR "${OUTPUT} needs a library: ${_entry}")
  endif()
endforeach()

execute_process(COMMAND "${OUTPUT}" RESULT_VARIABLE _code OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _code EQUAL 0 OR NOT _out MATCHES "value layer: all checks passed")
  message(FATAL_ERROR "${OUTPUT} exited with ${_code}\n--- stdout ---\n${_out}--- stderr ---\n${_err}")
endif()
list(LENGTH _needed _count)
message(STATUS "${OUTPUT}: built with no library (${_count} NEEDED entries, none rehab or fmt); ${_out}")
