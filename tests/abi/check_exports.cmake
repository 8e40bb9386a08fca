# abi.exports: what the shared library exports is rehab's API and nothing else.
# Reads `nm -D --defined-only` of LIBRARY (mangled and demangled) and fails on
# - anything of nlohmann-json, the private JSON library (a user with another
#   nlohmann version would get an ODR clash), even as a template argument;
# - src/'s private helpers, namespace rehab::detail;
# - anything else outside namespace rehab: std::, fmt::, tl::, boost::
#   instantiations the library happens to use. Allowed: rehab::'s functions,
#   variables, typeinfo, vtables, guard variables and thunks, and the
#   fmt::formatter<rehab::...> specialisations;
# when a symbol of REQUIRED_FILE is missing (tests/abi/required.txt: a
# regex a line, on demangled names), so it also fails when the library exports
# nothing (REHAB_API left out);
# and when the library defines a symbol of the API that it does not export: a
# non-inline function or variable of namespace rehab (not rehab::detail, not an
# anonymous namespace) or a member of a fmt::formatter<rehab::...> that src/
# defines, whose declaration lacks REHAB_API. The library's full symbol table
# (`nm --defined-only`, not stripped in the build tree) lists what it defines,
# but the linker turns every hidden symbol into a local one there, so it
# cannot tell an inline function (a weak symbol, which each user compiles
# itself) from an out-of-line one. The object files of the library can:
# there, an out-of-line definition is a strong global symbol (T, D, B, R),
# an inline one or a template instantiation is weak (W, V) and a static one
# or one of an anonymous namespace is local. A symbol defined in the library,
# strong and global in its object file and absent from `nm -D` is missing
# REHAB_API (or, if it is private to src/, belongs in namespace rehab::detail).
# Usage: cmake -D LIBRARY=... -D NM=... -D REQUIRED_FILE=... [-D OBJECTS=...]
#        -P check_exports.cmake
# OBJECTS: the library's object files (a list), or a directory holding them;
# by default <directory of LIBRARY>/CMakeFiles/rehab.dir, where CMake puts them.
cmake_minimum_required(VERSION 3.25)
foreach(_var IN ITEMS LIBRARY NM REQUIRED_FILE)
  if(NOT ${_var})
    message(FATAL_ERROR "check_exports.cmake: ${_var} is not set")
  endif()
endforeach()

# -p (no sort) keeps the two listings in the same order.
execute_process(COMMAND "${NM}" -D --defined-only -p "${LIBRARY}" RESULT_VARIABLE _r1
                OUTPUT_VARIABLE _mangled ERROR_VARIABLE _e1)
execute_process(COMMAND "${NM}" -D --defined-only -p -C "${LIBRARY}" RESULT_VARIABLE _r2
                OUTPUT_VARIABLE _demangled ERROR_VARIABLE _e2)
if(NOT _r1 EQUAL 0 OR NOT _r2 EQUAL 0)
  message(FATAL_ERROR "${NM} -D --defined-only ${LIBRARY} failed: ${_e1}${_e2}")
endif()
# One symbol a line: "<address> <type> <name>". Semicolons would split a CMake
# list, brackets would group it: replace them before splitting.
foreach(_v IN ITEMS _mangled _demangled)
  string(REPLACE ";" "<semicolon>" ${_v} "${${_v}}")
  string(REPLACE "[" "<lbracket>" ${_v} "${${_v}}")
  string(REPLACE "]" "<rbracket>" ${_v} "${${_v}}")
  string(REGEX REPLACE "\n$" "" ${_v} "${${_v}}")
  string(REPLACE "\n" ";" ${_v} "${${_v}}")
endforeach()
list(LENGTH _mangled _count)
list(LENGTH _demangled _count2)
if(NOT _count EQUAL _count2)
  message(FATAL_ERROR "nm listed ${_count} mangled and ${_count2} demangled symbols")
endif()

# The mangled prefixes of entities of namespace rehab: _ZN5rehab (a name in it,
# _ZNK... for a const member function), _ZTI/_ZTS/_ZTV/_ZTT (typeinfo, its
# name, vtable, VTT, construction vtable), _ZGV (guard variable), _ZTh/_ZTv/_ZTc
# (thunks), then _ZZ for a function's static variable.
set(_in_rehab "^_Z(T[ISVTC]|GV|Th[n0-9_]+|Tv[n0-9_]+|Tc[hvn0-9_]+)?Z?N[rVKRO]*5rehab")
set(_in_detail "${_in_rehab}6detail")
# fmt::formatter<rehab::...> (any fmt inline namespace, e.g. fmt::v9::), its
# members and typeinfo.
# Also fmt::formatter<std::variant<rehab::...>>: the formatters of rehab's
# variant aliases (rehab::criterion, rehab::load).
set(_formatter "^_Z(T[ISVT])?N[rVKRO]*3fmt(2v[0-9]+)?9formatterI(N5rehab|St7variantIJN5rehab)")

set(_bad_nlohmann "")
set(_bad_detail "")
set(_bad_outside "")
set(_ok "")
foreach(_m _d IN ZIP_LISTS _mangled _demangled)
  if(NOT _m MATCHES "^[0-9a-fA-F]* *([A-Za-z]) (.+)$")
    continue()
  endif()
  set(_type "${CMAKE_MATCH_1}")
  set(_name "${CMAKE_MATCH_2}")
  if(_d MATCHES "^[0-9a-fA-F]* *[A-Za-z] (.+)$")
    set(_d "${CMAKE_MATCH_1}")
  endif()
  if(_type STREQUAL "A") # absolute: symbol version nodes, not code or data
    continue()
  endif()
  if(_name MATCHES "nlohmann" OR _d MATCHES "nlohmann")
    list(APPEND _bad_nlohmann "${_d}")
  elseif(_name MATCHES "${_in_detail}")
    list(APPEND _bad_detail "${_d}")
  elseif(_name MATCHES "${_in_rehab}" OR _name MATCHES "${_formatter}")
    list(APPEND _ok "${_d}")
  else()
    list(APPEND _bad_outside "${_d}")
  endif()
endforeach()

file(STRINGS "${REQUIRED_FILE}" _required REGEX "^[^#]")
set(_missing "")
foreach(_regex IN LISTS _required)
  set(_found FALSE)
  foreach(_d IN LISTS _ok)
    if(_d MATCHES "${_regex}")
      set(_found TRUE)
      break()
    endif()
  endforeach()
  if(NOT _found)
    list(APPEND _missing "${_regex}")
  endif()
endforeach()

# Defined but not exported: strong global symbols of the object files (the
# non-inline definitions of src/) that are rehab's or a formatter's, against
# the library's full symbol table (demangled there) and its exports.
if(NOT OBJECTS)
  get_filename_component(_lib_dir "${LIBRARY}" DIRECTORY)
  set(OBJECTS "${_lib_dir}/CMakeFiles/rehab.dir")
endif()
set(_objects "")
foreach(_o IN LISTS OBJECTS)
  if(IS_DIRECTORY "${_o}")
    file(GLOB_RECURSE _found LIST_DIRECTORIES false "${_o}/*.o")
    list(APPEND _objects ${_found})
  elseif(EXISTS "${_o}")
    list(APPEND _objects "${_o}")
  endif()
endforeach()
if(NOT _objects)
  message(FATAL_ERROR "check_exports.cmake: no object files of the library in \"${OBJECTS}\": "
                      "pass them with -D OBJECTS=<files or directory>")
endif()
list(SORT _objects)
execute_process(COMMAND "${NM}" --defined-only -p ${_objects} RESULT_VARIABLE _r3
                OUTPUT_VARIABLE _object_symbols ERROR_VARIABLE _e3)
execute_process(COMMAND "${NM}" --defined-only -p "${LIBRARY}" RESULT_VARIABLE _r4
                OUTPUT_VARIABLE _all_mangled ERROR_VARIABLE _e4)
execute_process(COMMAND "${NM}" --defined-only -p -C "${LIBRARY}" RESULT_VARIABLE _r5
                OUTPUT_VARIABLE _all_demangled ERROR_VARIABLE _e5)
if(NOT _r3 EQUAL 0)
  message(FATAL_ERROR "${NM} --defined-only on the object files failed: ${_e3}")
endif()
if(NOT _r4 EQUAL 0 OR NOT _r5 EQUAL 0 OR _all_mangled STREQUAL "")
  message(FATAL_ERROR "${NM} --defined-only ${LIBRARY} failed (a stripped library has no "
                      "symbol table: run the test in the build tree): ${_e4}${_e5}")
endif()
# Strong global definitions (T text, D data, B bss, R read-only, G/S small
# data) of rehab's names and formatters; W/V (weak), u (unique) and
# lowercase (local) are left out. Mangled names hold no spaces.
string(REGEX MATCHALL "[ \n][TDBRGS] _Z[^ \n]*" _strong "${_object_symbols}")
list(TRANSFORM _strong REPLACE "^[ \n][TDBRGS] " "")
list(FILTER _strong INCLUDE REGEX "${_in_rehab}|${_formatter}")
list(FILTER _strong EXCLUDE REGEX "${_in_detail}|_GLOBAL__N|\\.")
list(REMOVE_DUPLICATES _strong)
set(_exported "")
foreach(_m IN LISTS _mangled)
  if(_m MATCHES "^[0-9a-fA-F]* *[A-Za-z] (.+)$")
    list(APPEND _exported "${CMAKE_MATCH_1}")
  endif()
endforeach()
foreach(_v IN ITEMS _all_mangled _all_demangled)
  string(REPLACE ";" "<semicolon>" ${_v} "${${_v}}")
  string(REPLACE "[" "<lbracket>" ${_v} "${${_v}}")
  string(REPLACE "]" "<rbracket>" ${_v} "${${_v}}")
  string(REGEX REPLACE "\n$" "" ${_v} "${${_v}}")
  string(REPLACE "\n" ";" ${_v} "${${_v}}")
endforeach()
set(_not_exported "")
foreach(_m _d IN ZIP_LISTS _all_mangled _all_demangled)
  if(NOT _m MATCHES "^[0-9a-fA-F]* *[A-Za-z] (.+)$")
    continue()
  endif()
  set(_name "${CMAKE_MATCH_1}")
  if(NOT _name MATCHES "${_in_rehab}|${_formatter}" OR _name MATCHES "${_in_detail}")
    continue()
  endif()
  list(FIND _strong "${_name}" _i)
  if(_i EQUAL -1)
    continue()
  endif()
  list(FIND _exported "${_name}" _i)
  if(_i EQUAL -1)
    if(_d MATCHES "^[0-9a-fA-F]* *[A-Za-z] (.+)$")
      set(_d "${CMAKE_MATCH_1}")
    endif()
    list(APPEND _not_exported "${_d}")
  endif()
endforeach()
list(REMOVE_DUPLICATES _not_exported)
list(SORT _not_exported)

list(LENGTH _ok _n_ok)
list(LENGTH _bad_nlohmann _n_nlohmann)
list(LENGTH _bad_detail _n_detail)
list(LENGTH _bad_outside _n_outside)
list(LENGTH _not_exported _n_not_exported)
set(_summary "${LIBRARY} exports ${_count} symbols: ${_n_ok} of rehab's API, ${_n_nlohmann} of nlohmann-json, ${_n_detail} of rehab::detail, ${_n_outside} others; ${_n_not_exported} of rehab's API defined but not exported")
set(_report "")
foreach(_kind IN ITEMS nlohmann detail outside)
  if(_n_${_kind} GREATER 0)
    list(SUBLIST _bad_${_kind} 0 15 _some)
    set(_lines "")
    foreach(_d IN LISTS _some)
      string(LENGTH "${_d}" _len)
      if(_len GREATER 200)
        string(SUBSTRING "${_d}" 0 200 _d)
        string(APPEND _d "...")
      endif()
      string(APPEND _lines "  ${_d}\n")
    endforeach()
    string(APPEND _report "exported but must not be (${_kind}, ${_n_${_kind}}; the first 15):\n${_lines}")
  endif()
endforeach()
if(_not_exported)
  set(_lines "")
  foreach(_d IN LISTS _not_exported)
    string(LENGTH "${_d}" _len)
    if(_len GREATER 200)
      string(SUBSTRING "${_d}" 0 200 _d)
      string(APPEND _d "...")
    endif()
    string(APPEND _lines "  ${_d}\n")
  endforeach()
  string(APPEND _report "defined by the library but not exported (${_n_not_exported}): mark their declarations REHAB_API (include/rehab/api.hpp), or move what is private to src/ into namespace rehab::detail:\n${_lines}")
endif()
if(_missing)
  list(JOIN _missing "\n  " _m)
  string(APPEND _report "API symbols that are not exported (mark their declarations REHAB_API, include/rehab/api.hpp):\n  ${_m}\n")
endif()
string(REPLACE "<semicolon>" ";" _report "${_report}")
string(REPLACE "<lbracket>" "[" _report "${_report}")
string(REPLACE "<rbracket>" "]" _report "${_report}")
if(_report)
  message(FATAL_ERROR "${_summary}\n${_report}")
endif()
message(STATUS "${_summary}")
