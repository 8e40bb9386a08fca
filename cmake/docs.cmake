# The API reference: Doxygen over include/rehab/ (docs/Doxyfile.in). The `docs`
# target writes <build>/docs/html; the docs.doxygen test (tests/docs/) fails on
# any Doxygen warning, e.g. a public entity without a comment.
find_package(Doxygen)
set(REHAB_DOCS_DIR "${PROJECT_BINARY_DIR}/docs")
configure_file(docs/Doxyfile.in "${REHAB_DOCS_DIR}/Doxyfile" @ONLY)
if(DOXYGEN_FOUND)
  add_custom_target(
    docs
    COMMAND Doxygen::doxygen "${REHAB_DOCS_DIR}/Doxyfile"
    WORKING_DIRECTORY "${REHAB_DOCS_DIR}"
    COMMENT "API reference: ${REHAB_DOCS_DIR}/html/index.html"
    VERBATIM)
else()
  message(WARNING "doxygen not found: no `docs` target, and the docs.doxygen test fails "
                  "(scripts/install-deps installs doxygen)")
endif()
