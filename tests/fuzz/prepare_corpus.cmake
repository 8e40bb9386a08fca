# Starts the fuzz test's working corpus afresh from the seeds, so that each
# run of the test takes the same bounded time however often it ran before.
# Usage: cmake -DSEEDS=dir -DWORK=dir -P prepare_corpus.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
file(GLOB _seeds "${SEEDS}/*")
file(COPY ${_seeds} DESTINATION "${WORK}")
