#!/usr/bin/env python3
"""clang-tidy on one module of the library's unity build, its sources as one
translation unit (the test lint.clang-tidy.<module>, tests/CMakeLists.txt).

Checking each source alone parses the same large headers (Boost, fmt,
nlohmann/json) once per source, and clang-tidy's matchers walk them each
time: most of the lint's cost. Here the module's sources are joined into one
file, in the order of the unity file the build compiles (so the same names
meet as in the build), and checked once with the module's own compile
command. The join, not `#include` of each source, keeps every source in the
main file, where the static analyzer looks and where every diagnostic is
reported. An `#include` that an earlier source of the module already made is
blanked (the line stays, so line numbers do not move): clang-tidy would
otherwise call it a duplicate; a header a source includes twice itself is
still reported. Diagnostics are given back at the source and line they come
from.

    tidy_module.py BUILD_DIR MODULE OUT_DIR CLANG_TIDY [clang-tidy options...]

Exits with clang-tidy's status; 2 when the module or its unity file is missing.
"""
import json
import re
import subprocess
import sys
from pathlib import Path


def fail(message):
    print(f"tidy_module.py: {message}", file=sys.stderr)
    sys.exit(2)


def main():
    if len(sys.argv) < 5:
        fail("usage: tidy_module.py BUILD_DIR MODULE OUT_DIR CLANG_TIDY [options...]")
    build_dir, module, out_dir, tidy = sys.argv[1:5]
    options = sys.argv[5:]
    database = json.loads(Path(build_dir, "compile_commands.json").read_text())
    suffix = f"/CMakeFiles/rehab.dir/Unity/unity_{module}_cxx.cxx"
    entries = [e for e in database if e["file"].endswith(suffix)]
    if len(entries) != 1:
        fail(f"{build_dir}/compile_commands.json has no unity file of the module {module} "
             "(is REHAB_UNITY_BUILD on, and the build generated?)")
    entry = entries[0]
    unity = entry["file"]
    sources = re.findall(r'^#include "([^"]+)"$', Path(unity).read_text(), re.MULTILINE)
    if not sources:
        fail(f"{unity} includes no source")

    # The joined file, and where each source starts in it (1-based lines).
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    joined = out / f"{module}.cpp"
    lines = []
    starts = []  # (first line in the joined file, source)
    seen = set()
    include = re.compile(r'^\s*#\s*include\s*([<"][^>"]+[>"])')
    for source in sources:
        starts.append((len(lines) + 1, source))
        own = set()
        for line in Path(source).read_text().splitlines():
            m = include.match(line)
            if m and m.group(1) in seen and m.group(1) not in own:
                line = ""
            elif m:
                own.add(m.group(1))
            lines.append(line)
        seen |= own
    joined.write_text("\n".join(lines) + "\n")

    # The module's command, on the joined file; its sources' quoted includes
    # are found beside them, as when each compiles alone.
    source_dirs = sorted({str(Path(s).parent) for s in sources})
    command = entry["command"].replace(unity, str(joined))
    command += "".join(f" -iquote {d}" for d in source_dirs)
    db_dir = out / module
    db_dir.mkdir(exist_ok=True)
    (db_dir / "compile_commands.json").write_text(json.dumps(
        [{"directory": entry["directory"], "command": command, "file": str(joined)}], indent=1))

    result = subprocess.run([tidy, "-p", str(db_dir), *options, str(joined)],
                            capture_output=True, text=True, check=False)

    def place(m):
        line = int(m.group(1))
        first, source = max((s for s in starts if s[0] <= line), key=lambda s: s[0])
        return f"{source}:{line - first + 1}:"

    where = re.compile(re.escape(str(joined)) + r":(\d+):")
    sys.stdout.write(where.sub(place, result.stdout))
    sys.stderr.write(where.sub(place, result.stderr))
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
