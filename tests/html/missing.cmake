# Fails, naming the tools of an html.* test that were not found when rehab was
# configured, and the Debian packages that hold them.
# Usage: cmake -DMISSING=tool;... -P missing.cmake
set(_packages)
foreach(_tool IN LISTS MISSING)
  if(_tool STREQUAL "java")
    list(APPEND _packages default-jre-headless)
  elseif(_tool STREQUAL "chromium")
    list(APPEND _packages chromium)
  elseif(_tool MATCHES "^pdf")
    list(APPEND _packages poppler-utils)
  elseif(_tool STREQUAL "npm")
    list(APPEND _packages nodejs npm)
  endif()
endforeach()
list(REMOVE_DUPLICATES _packages)
list(JOIN MISSING ", " _tools)
list(JOIN _packages " " _packages)
message(FATAL_ERROR "not found when rehab was configured: ${_tools}. Run scripts/install-deps "
                    "(it installs ${_packages}), then configure again")
