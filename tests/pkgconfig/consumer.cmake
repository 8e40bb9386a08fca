# package.pkg-config and deb.pkg-config: build tests/package/main.cpp the way a
# Makefile would, with `pkg-config --cflags --libs rehab` and nothing else from
# rehab, then run it.
# Usage: cmake -D PKG_CONFIG=... -D CXX=... [-D "CXX_FLAGS=..."] [-D "LINK_FLAGS=..."]
#              -D SOURCE=.../main.cpp -D OUT_DIR=... -D EXPECTED_VERSION=x.y.z
#              -D SHARED=ON|OFF [-D PREFIX=<install prefix> -D LIBDIR=<relative libdir>]
#              -P consumer.cmake
# With PREFIX (a staged install), pkg-config looks in PREFIX/LIBDIR/pkgconfig
# first and the program runs with PREFIX/LIBDIR in LD_LIBRARY_PATH; without
# it, rehab.pc and the library must be where the system finds them (/usr).
cmake_minimum_required(VERSION 3.25)
foreach(_var IN ITEMS PKG_CONFIG CXX SOURCE OUT_DIR EXPECTED_VERSION)
  if(NOT ${_var})
    message(FATAL_ERROR "consumer.cmake: ${_var} is not set (is pkg-config installed? scripts/install-deps)")
  endif()
endforeach()

if(PREFIX)
  set(_pc_dir "${PREFIX}/${LIBDIR}/pkgconfig")
  if(NOT EXISTS "${_pc_dir}/rehab.pc")
    message(FATAL_ERROR "${_pc_dir}/rehab.pc was not installed")
  endif()
  set(ENV{PKG_CONFIG_PATH} "${_pc_dir}")
endif()

function(pkg_config out)
  execute_process(COMMAND "${PKG_CONFIG}" ${ARGN} RESULT_VARIABLE _result OUTPUT_VARIABLE _out
                  ERROR_VARIABLE _err OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT _result EQUAL 0)
    message(FATAL_ERROR "pkg-config ${ARGN} failed (PKG_CONFIG_PATH=$ENV{PKG_CONFIG_PATH}):\n${_err}")
  endif()
  set(${out} "${_out}" PARENT_SCOPE)
endfunction()

pkg_config(_version --modversion rehab)
if(NOT _version STREQUAL EXPECTED_VERSION)
  message(FATAL_ERROR "pkg-config finds rehab ${_version}, expected ${EXPECTED_VERSION}")
endif()
pkg_config(_path --path rehab)
pkg_config(_flags --cflags --libs rehab)
pkg_config(_static_flags --static --cflags --libs rehab)
message(STATUS "${_path}: ${_flags}")
if(PREFIX AND NOT _flags MATCHES "-I${PREFIX}/include")
  message(FATAL_ERROR "rehab.pc does not point to the prefix it is installed in (${PREFIX}): ${_flags}")
endif()
# The private JSON library is nobody's business but rehab's.
if("${_flags} ${_static_flags}" MATCHES "nlohmann")
  message(FATAL_ERROR "rehab.pc names the private dependency nlohmann-json: ${_static_flags}")
endif()
if(SHARED AND NOT _flags MATCHES "-DREHAB_SHARED")
  message(FATAL_ERROR "the shared library's rehab.pc must pass -DREHAB_SHARED (include/rehab/api.hpp): ${_flags}")
elseif(NOT SHARED AND _flags MATCHES "REHAB_SHARED")
  message(FATAL_ERROR "the static library's rehab.pc must not define REHAB_SHARED: ${_flags}")
endif()

file(REMOVE_RECURSE "${OUT_DIR}")
file(MAKE_DIRECTORY "${OUT_DIR}")
separate_arguments(_cxx_flags UNIX_COMMAND "${CXX_FLAGS}")
separate_arguments(_link_flags UNIX_COMMAND "${LINK_FLAGS}")
separate_arguments(_pc_flags UNIX_COMMAND "${_flags}")
set(_compile "${CXX}" ${_cxx_flags} -std=c++20 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror
             "-DREHAB_EXPECTED_VERSION=\"${EXPECTED_VERSION}\"" "${SOURCE}" -o "${OUT_DIR}/consumer"
             ${_link_flags} ${_pc_flags})
execute_process(COMMAND ${_compile} RESULT_VARIABLE _result OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _result EQUAL 0)
  list(JOIN _compile " " _line)
  message(FATAL_ERROR "building the consumer with pkg-config's flags failed:\n${_line}\n${_out}${_err}")
endif()

set(_run "${OUT_DIR}/consumer")
if(PREFIX)
  set(_run "${CMAKE_COMMAND}" -E env "LD_LIBRARY_PATH=${PREFIX}/${LIBDIR}" "${OUT_DIR}/consumer")
endif()
execute_process(COMMAND ${_run} RESULT_VARIABLE _result OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _result EQUAL 0)
  message(FATAL_ERROR "the consumer built with pkg-config's flags failed (${_result}):\n${_out}${_err}")
endif()
message(STATUS "consumer: ${_out}")
