# CPACK_PROJECT_CONFIG_FILE: read by cpack for each generator (cmake/packaging.cmake).
if(CPACK_GENERATOR STREQUAL "DEB")
  # Each Debian package's synopsis is the first line of its own description
  # (CPACK_DEBIAN_<COMPONENT>_DESCRIPTION); without this, CPack would put the
  # project's summary in front of both.
  set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
endif()
