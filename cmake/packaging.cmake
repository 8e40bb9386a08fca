# CPack: `cpack --config <build>/CPackConfig.cmake` packs the install as
# - rehab-<version>-Linux.tar.gz, every file of the install under usr/ (or the
#   configured prefix);
# - for a shared library build (the `shared` preset; tests/deb/), two Debian
#   packages, split the way Debian splits a C++ library, so that lintian
#   accepts them and the runtime package can sit beside a future one:
#     librehab0.2   the runtime (install component `runtime`): librehab.so.0.2
#                   and .so.0.2.0; named after the SONAME, with shlibs, an
#                   ldconfig call and dependencies computed by dpkg-shlibdeps;
#     librehab-dev  everything else (component `development`): headers, the
#                   librehab.so link, the CMake and pkg-config files and the JSON
#                   Schemas; depends on librehab0.2 (= version) and on the -dev
#                   packages of the public dependencies.
#   A static library build makes no .deb: a librehab-dev with only a librehab.a
#   would be another package with the same name.
# Both install with prefix /usr (the `shared` preset's CMAKE_INSTALL_PREFIX),
# libraries in the multiarch directory GNUInstallDirs chose for it.
set(REHAB_PACKAGE_MAINTAINER "rehab maintainers <maintainers@users.noreply.h-seed-5e709daf.example>"
    CACHE STRING "The Maintainer field of rehab's Debian packages (Name <address>)")

set(CPACK_PACKAGE_NAME rehab)
set(CPACK_PACKAGE_VENDOR "the rehab authors")
set(CPACK_PACKAGE_CONTACT "${REHAB_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_CHECKSUM SHA256)
# The packages are for installing, not for debugging (lintian refuses
# unstripped libraries).
set(CPACK_STRIP_FILES ON)
# Install with DESTDIR and the real prefix (/usr), not with a prefix inside
# CPack's staging directory: rehab.pc records the prefix it is installed to.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_COMPONENTS_ALL runtime development)
set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF) # one .tar.gz with both
# Per-generator settings that CPackConfig.cmake cannot hold (cmake/cpack_options.cmake).
set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_CURRENT_LIST_DIR}/cpack_options.cmake")

set(_rehab_soversion "${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}")
set(_rehab_runtime_package "librehab${_rehab_soversion}")
set(_rehab_dev_package "librehab-dev")

if(_rehab_type STREQUAL "SHARED_LIBRARY")
  set(CPACK_GENERATOR TGZ DEB)
else()
  set(CPACK_GENERATOR TGZ)
endif()

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # <name>_<version>_<arch>.deb
# A native version (no Debian revision): upstream makes the packages.
set(CPACK_DEBIAN_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${REHAB_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SOURCE rehab)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
# shlibs: "librehab 0.2 librehab0.2 (>= 0.2.0)", for dpkg-shlibdeps of users.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME "${_rehab_runtime_package}")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON) # libc6, libstdc++6, libfmt9, ...
# The ldconfig trigger (policy 8.1.1; lintian's lacks-ldconfig-trigger). CPack
# 3.25 also writes postinst and postrm scripts that call ldconfig, which it
# does not let a project turn off: harmless, lintian warns
# (maintscript-calls-ldconfig).
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA "${CMAKE_CURRENT_LIST_DIR}/deb/triggers")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
    "rehabilitation exercise programs (shared library)
rehab is a C++20 library for rehabilitation exercise programs: exercises
and their dosage, protocols whose phases progress on criteria, and dated
schedules of sessions in a time zone, with exports to iCalendar, CSV and
JSON.
.
This package contains the shared library.")

set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME "${_rehab_dev_package}")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEVELOPMENT_DEPENDS runtime) # librehab0.2 (= version)
# The public dependencies' headers and CMake packages (rehabConfig.cmake finds
# them); keep in step with the find_package calls of CMakeLists.txt.
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS
    "libboost-date-time-dev (>= 1.74), libfmt-dev (>= 9), libexpected-dev (>= 1.0)")
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION
    "rehabilitation exercise programs (development files)
rehab is a C++20 library for rehabilitation exercise programs: exercises
and their dosage, protocols whose phases progress on criteria, and dated
schedules of sessions in a time zone, with exports to iCalendar, CSV and
JSON.
.
This package contains the headers, the CMake package (find_package(rehab)),
the pkg-config file and the JSON Schemas of rehab's protocol, catalog and
course files.")

# /usr/share/doc/<package>/{copyright,changelog.gz} of each Debian package
# (policy 12.5 and 12.7). Debian's own: only CPack's DEB generator installs
# them, one component at a time; a plain `cmake --install` and the .tar.gz
# (all components at once) leave them out (EXCLUDE_FROM_ALL).
find_program(REHAB_GZIP gzip)
if(NOT REHAB_GZIP)
  message(FATAL_ERROR "gzip not found: it compresses the Debian changelog (cmake/packaging.cmake)")
endif()
# The date of the last commit, for reproducible packages; the configure time
# (or SOURCE_DATE_EPOCH) outside a git checkout.
execute_process(COMMAND git log -1 --format=%cD WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
                OUTPUT_VARIABLE _rehab_deb_date OUTPUT_STRIP_TRAILING_WHITESPACE
                RESULT_VARIABLE _rehab_git_result ERROR_QUIET)
if(NOT _rehab_git_result EQUAL 0 OR NOT _rehab_deb_date)
  string(TIMESTAMP _rehab_deb_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
endif()
# The years of the copyright notice: those of the first and the last commit.
execute_process(COMMAND git log --format=%cd --date=format:%Y WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
                OUTPUT_VARIABLE _rehab_years RESULT_VARIABLE _rehab_git_result ERROR_QUIET)
string(REGEX MATCHALL "[0-9]+" _rehab_years "${_rehab_years}")
if(NOT _rehab_git_result EQUAL 0 OR NOT _rehab_years)
  string(TIMESTAMP _rehab_years "%Y" UTC)
endif()
list(SORT _rehab_years COMPARE NATURAL)
list(GET _rehab_years 0 _rehab_first_year)
list(GET _rehab_years -1 _rehab_last_year)
if(_rehab_first_year STREQUAL _rehab_last_year)
  set(_rehab_copyright_years "${_rehab_first_year}")
else()
  set(_rehab_copyright_years "${_rehab_first_year}-${_rehab_last_year}")
endif()
set(_rehab_deb_dir "${PROJECT_BINARY_DIR}/deb")
foreach(_component IN ITEMS runtime development)
  if(_component STREQUAL "runtime")
    set(_package "${_rehab_runtime_package}")
  else()
    set(_package "${_rehab_dev_package}")
  endif()
  configure_file(cmake/deb/copyright.in "${_rehab_deb_dir}/${_package}/copyright" @ONLY)
  configure_file(cmake/deb/changelog.in "${_rehab_deb_dir}/${_package}/changelog" @ONLY)
  execute_process(COMMAND "${REHAB_GZIP}" -9 -n -f -k "${_rehab_deb_dir}/${_package}/changelog"
                  RESULT_VARIABLE _result)
  if(NOT _result EQUAL 0)
    message(FATAL_ERROR "gzip of ${_rehab_deb_dir}/${_package}/changelog failed: ${_result}")
  endif()
  install(FILES "${_rehab_deb_dir}/${_package}/copyright" "${_rehab_deb_dir}/${_package}/changelog.gz"
          DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/doc/${_package}"
          COMPONENT ${_component} EXCLUDE_FROM_ALL)
endforeach()

include(CPack)
