# The compile commands clang-tidy needs when the library is a unity build:
# there, the build's compile_commands.json holds one command per module
# (CMakeFiles/rehab.dir/Unity/unity_<module>_cxx.cxx), not one per source.
# This writes OUT_DIR/compile_commands.json with one entry per source of each
# module: the module's own command, with the source in place of the unity
# file, so each source is checked alone with exactly the flags the build
# uses.
#
#   cmake -D BUILD_DIR=<build> -D OUT_DIR=<dir> -P tidy_database.cmake
cmake_minimum_required(VERSION 3.25)
foreach(_var IN ITEMS BUILD_DIR OUT_DIR)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "tidy_database.cmake: -D ${_var}=... is required")
  endif()
endforeach()

# A JSON string literal of `text`.
function(_json_string out text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  set(${out} "\"${text}\"" PARENT_SCOPE)
endfunction()

file(READ "${BUILD_DIR}/compile_commands.json" _db)
string(JSON _count LENGTH "${_db}")
set(_entries "")
set(_modules 0)
math(EXPR _last "${_count} - 1")
foreach(_i RANGE ${_last})
  string(JSON _file GET "${_db}" ${_i} file)
  if(NOT _file MATCHES "/CMakeFiles/rehab\\.dir/Unity/unity_[a-z]+_cxx\\.cxx$")
    continue()
  endif()
  math(EXPR _modules "${_modules} + 1")
  string(JSON _directory GET "${_db}" ${_i} directory)
  string(JSON _command GET "${_db}" ${_i} command)
  file(STRINGS "${_file}" _includes REGEX "^#include \"")
  if(NOT _includes)
    message(FATAL_ERROR "${_file} includes no source")
  endif()
  foreach(_include IN LISTS _includes)
    string(REGEX REPLACE "^#include \"(.*)\"$" "\\1" _source "${_include}")
    string(REPLACE "${_file}" "${_source}" _source_command "${_command}")
    _json_string(_d "${_directory}")
    _json_string(_c "${_source_command}")
    _json_string(_f "${_source}")
    list(APPEND _entries "{\"directory\": ${_d}, \"command\": ${_c}, \"file\": ${_f}}")
  endforeach()
endforeach()
if(_modules EQUAL 0)
  message(FATAL_ERROR "${BUILD_DIR}/compile_commands.json has no unity file of rehab: "
                      "is REHAB_UNITY_BUILD on, and the build generated?")
endif()
list(JOIN _entries ",\n" _body)
file(WRITE "${OUT_DIR}/compile_commands.json.tmp" "[\n${_body}\n]\n")
file(RENAME "${OUT_DIR}/compile_commands.json.tmp" "${OUT_DIR}/compile_commands.json")
list(LENGTH _entries _sources)
message(STATUS "${OUT_DIR}/compile_commands.json: ${_sources} sources of ${_modules} modules")
