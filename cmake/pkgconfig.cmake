# rehab.pc: the pkg-config file, from cmake/rehab.pc.in, installed to
# ${CMAKE_INSTALL_LIBDIR}/pkgconfig (tests: package.pkg-config, deb.pkg-config).
#
# What it says, and why (keep in step with the dependencies of rehab::rehab):
# - fmt is public (the headers include it and users print rehab's types with
#   fmt::format) and ships fmt.pc: `Requires: fmt >= 9`.
# - Boost.Date_Time and tl-expected are public but have no .pc file (Debian
#   12): their include directories go in Cflags, unless the compiler searches
#   them anyway, and Boost's date_time library, which rehab::rehab links, with
#   rehab's own libraries (below).
# - nlohmann-json is private and header-only: nothing, not even in
#   Requires.private, so a user never needs it.
# - A shared librehab.so records its own dependencies (DT_NEEDED): users link
#   -lrehab, and the rest goes in Libs.private, for `pkg-config --static`. A
#   static librehab.a does not: the rest goes in Libs.
# - The shared library adds -DREHAB_SHARED to Cflags, as rehab::rehab's
#   INTERFACE_COMPILE_DEFINITIONS do (include/rehab/api.hpp).
# The prefix is the one the files are installed to, known only at install time
# (`cmake --install --prefix`, DESTDIR and CPack each choose it), so the file is
# configured twice: here with everything but the prefix, then by the install
# script with the prefix.

# Flags for the public dependencies without a .pc file.
set(_rehab_pc_cflags "")
set(_rehab_pc_dep_libs "")
set(_rehab_pc_implicit_includes ${CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES})
list(TRANSFORM _rehab_pc_implicit_includes REPLACE "/+$" "")
foreach(_dep IN ITEMS Boost::headers tl::expected)
  get_target_property(_dirs ${_dep} INTERFACE_INCLUDE_DIRECTORIES)
  foreach(_dir IN LISTS _dirs)
    if(_dir AND NOT _dir MATCHES "\\$<")
      get_filename_component(_dir "${_dir}" ABSOLUTE)
      if(NOT _dir IN_LIST _rehab_pc_implicit_includes AND NOT " ${_rehab_pc_cflags} " MATCHES " -I${_dir} ")
        string(APPEND _rehab_pc_cflags " -I${_dir}")
      endif()
    endif()
  endforeach()
endforeach()
foreach(_dep IN ITEMS Boost::date_time)
  get_target_property(_type ${_dep} TYPE)
  if(_type STREQUAL "INTERFACE_LIBRARY")
    continue() # header-only
  endif()
  get_target_property(_location ${_dep} IMPORTED_LOCATION)
  if(NOT _location)
    get_target_property(_configs ${_dep} IMPORTED_CONFIGURATIONS)
    list(GET _configs 0 _config)
    get_target_property(_location ${_dep} IMPORTED_LOCATION_${_config})
  endif()
  if(NOT _location)
    message(FATAL_ERROR "rehab.pc: cannot tell which library ${_dep} is")
  endif()
  get_filename_component(_dir "${_location}" DIRECTORY)
  get_filename_component(_name "${_location}" NAME)
  string(REGEX REPLACE "^lib([^.]+)\\..*$" "\\1" _name "${_name}")
  if(NOT _dir IN_LIST CMAKE_CXX_IMPLICIT_LINK_DIRECTORIES)
    string(APPEND _rehab_pc_dep_libs " -L${_dir}")
  endif()
  string(APPEND _rehab_pc_dep_libs " -l${_name}")
endforeach()

if(_rehab_type STREQUAL "SHARED_LIBRARY")
  set(_rehab_pc_kind "shared")
  string(APPEND _rehab_pc_cflags " -DREHAB_SHARED")
  set(_rehab_pc_libs "")
  set(_rehab_pc_libs_private_line "Libs.private:${_rehab_pc_dep_libs}")
else()
  set(_rehab_pc_kind "static")
  set(_rehab_pc_libs "${_rehab_pc_dep_libs}")
  set(_rehab_pc_libs_private_line "")
endif()
foreach(_dir IN ITEMS INCLUDEDIR LIBDIR)
  string(TOLOWER "${_dir}" _name)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_dir}}")
    set(_rehab_pc_${_name} "${CMAKE_INSTALL_${_dir}}")
  else()
    set(_rehab_pc_${_name} "\${prefix}/${CMAKE_INSTALL_${_dir}}")
  endif()
endforeach()
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(_rehab_pc_destination "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
else()
  set(_rehab_pc_destination "\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig")
endif()

# Step 1: everything but the prefix.
set(REHAB_PC_PREFIX "@REHAB_PC_PREFIX@")
configure_file(cmake/rehab.pc.in "${PROJECT_BINARY_DIR}/pkgconfig/rehab.pc.in" @ONLY)
# Step 2, at install time: the prefix. Concurrent installs to different
# prefixes (the tests stage one while CPack packs another) each write their own
# copy.
install(
  CODE "set(_rehab_pc_in \"${PROJECT_BINARY_DIR}/pkgconfig/rehab.pc.in\")
set(_rehab_pc_destination \"${_rehab_pc_destination}\")
set(REHAB_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
string(MD5 _rehab_pc_key \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}\")
set(_rehab_pc_file \"${PROJECT_BINARY_DIR}/pkgconfig/\${_rehab_pc_key}/rehab.pc\")
configure_file(\"\${_rehab_pc_in}\" \"\${_rehab_pc_file}\" @ONLY)
file(INSTALL \"\${_rehab_pc_file}\" DESTINATION \"\${_rehab_pc_destination}\")"
  COMPONENT development)
