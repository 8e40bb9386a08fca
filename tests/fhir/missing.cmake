# Fails, naming the tools of a fhir.* test that were not found when rehab was
# configured. Usage: cmake -DMISSING=tool;... -P missing.cmake
list(JOIN MISSING ", " _tools)
message(FATAL_ERROR "not found when rehab was configured: ${_tools}. Run scripts/install-deps "
                    "(it installs nodejs and npm), then configure again")
