# abi.exports: what the shared library exports is rehab's API and nothing else.
# Reads `nm -D --defined-only` of LIBRARY (mangled and demangled) and fails on
# - anything of nlohmann-json, the private JSON library (a user with another
#   nlohmann version would get an ODR clash), even as a template argument;
# - src/'s private helpers, namespace rehab::detail;
# - anything else outside namespace rehab: std::, fmt::, tl::, boost::
#   instantiations the library happens to use. Allowed: rehab::'s functions,
#   variables, typeinfo, vtables, guard variables and thunks, and the
#   fmt::formatter<rehab::...> specialisations;
# and when a symbol of REQUIRED_FILE is missing (tests/abi/required.txt: a
# regex a line, on demangled names), so it also fails when the library exports
# nothing (REHAB_API left out).
# Usage: cmake -D LIBRARY=... -D NM=... -D REQUIRED_FILE=... -P check_exports.cmake
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
set(_formatter "^_Z(T[ISVT])?N[rVKRO]*3fmt(2v[0-9]+)?9formatterIN5rehab")

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

list(LENGTH _ok _n_ok)
list(LENGTH _bad_nlohmann _n_nlohmann)
list(LENGTH _bad_detail _n_detail)
list(LENGTH _bad_outside _n_outside)
set(_summary "${LIBRARY} exports ${_count} symbols: ${_n_ok} of rehab's API, ${_n_nlohmann} of nlohmann-json, ${_n_detail} of rehab::detail, ${_n_outside} others")
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
