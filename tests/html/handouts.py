#!/usr/bin/env python3
"""Checks the printable HTML handouts (issue #18), for the html.* tests.

    handouts.py vnu --rehab-plan EXE --work DIR [--rehab-course EXE --course FILE...]
                    --java JAVA --vnu-jar JAR
    handouts.py pdf --rehab-plan EXE --work DIR [--rehab-course EXE --course FILE...]
                    --catalog FILE --chromium EXE --pdfinfo EXE --pdftotext EXE
                    --max-pages NAME=N [NAME=N ...]
    handouts.py screenshot --rehab-plan EXE --work DIR --script scripts/handout-screenshot

vnu and pdf write into DIR the handout of every protocol `rehab-plan --list` names (ID.html:
`rehab-plan --protocol ID --start 2026-12-07 --now 2026-12-07T00:00:00Z --format html`) and
of every --course file (course-NAME.html for NAME.course.json: `rehab-course export FILE
--at 2026-12-14T00:00:00Z --format html`), then:

- vnu: the Nu HTML Checker (one run over all pages, warnings as errors) finds nothing;
- pdf: one headless Chromium, with the network off, prints every page to an A4 PDF (through
  the DevTools protocol on a pipe, so Chromium starts once, not once per page); the page
  asks for nothing but itself and data: URLs (every request Chromium sees is checked, and the
  HTML has no script and no external reference); pdfinfo finds A4 pages, no more than the
  page's bound; and pdftotext finds every exercise name and every dose. The expected text
  comes from elsewhere than the page: the doses from the same command's --format json (each
  session's items: their "dose" text, distinct over the whole plan or course) and the names
  of their exercises from the shipped catalog file;
- screenshot: scripts/handout-screenshot writes a PNG of 794 x 1123 pixels that is not blank.

Every problem is printed with the handout it belongs to; the exit code is 1 if there was any.
"""

import argparse
import base64
import fcntl
import html.parser
import json
import os
import pathlib
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

START = "2026-12-07"
NOW = "2026-12-07T00:00:00Z"  # the handout's date: the same page every run
# The date a course's handout is made (rehab-course export --at): after the two weeks the
# shipped course logs, so its page has ticks, missed sessions and pain to show.
COURSE_AT = "2026-12-14T00:00:00Z"
# A4 in PostScript points, as pdfinfo prints it (Chromium writes 594.96 x 841.92).
A4_POINTS = (595.276, 841.89)
A4_TOLERANCE = 1.0
# Longer than Chromium takes to start, open a page or print it on a busy machine.
READ_TIMEOUT_SECONDS = 60


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)


def builtin_protocols(rehab_plan):
    """The ids of the built-in protocols, as `rehab-plan --list` prints them."""
    listed = run([rehab_plan, "--list"])
    if listed.returncode != 0:
        sys.exit(f"{rehab_plan} --list failed ({listed.returncode}): {listed.stderr}")
    ids = []
    in_protocols = False
    for line in listed.stdout.splitlines():
        if line.startswith("Built-in protocols"):
            in_protocols = True
        elif not line.strip():
            in_protocols = False
        elif in_protocols:
            ids.append(line.split()[0])
    if not ids:
        sys.exit(f"{rehab_plan} --list names no protocol:\n{listed.stdout}")
    return ids


def handouts(args):
    """{name: (command for the HTML, command for the JSON)} of every handout to check: the
    plan of each built-in protocol (named by its id), then each --course file (named
    course-NAME for NAME.course.json), exported from a copy in --work (export writes nothing,
    and the tests leave the source tree alone). Makes --work afresh."""
    work = pathlib.Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    found = {}
    for protocol in builtin_protocols(args.rehab_plan):
        plan = [args.rehab_plan, "--protocol", protocol, "--start", START]
        found[protocol] = ([*plan, "--now", NOW, "--format", "html"], [*plan, "--format", "json"])
    for course in args.course:
        name = "course-" + re.sub(r"\.course\.json$", "", pathlib.Path(course).name)
        copy = work / pathlib.Path(course).name
        shutil.copyfile(course, copy)
        export = [args.rehab_course, "export", str(copy), "--at", COURSE_AT]
        found[name] = ([*export, "--format", "html"], [*export, "--format", "json"])
    return found


def write_pages(args, found, problems):
    """Writes NAME.html of every handout into --work; returns {name: path}."""
    pages = {}
    for name, (html_command, _) in found.items():
        page = pathlib.Path(args.work) / f"{name}.html"
        made = run([*html_command, "--output", str(page)])
        if made.returncode != 0 or not page.is_file():
            problems.append((name, f"{' '.join(html_command)} failed ({made.returncode}): "
                                   f"{made.stderr.strip()}"))
            continue
        pages[name] = page
    return pages


def report(problems, summary):
    for line in summary:
        print(line)
    for protocol, problem in problems:
        print(f"{protocol}: {problem}")
    if problems:
        failed = sorted({protocol for protocol, _ in problems})
        print(f"FAILED: {len(problems)} problem(s) in {', '.join(failed)}")
        return 1
    return 0


# --- vnu ---------------------------------------------------------------------------------


def check_vnu(args):
    problems = []
    pages = write_pages(args, handouts(args), problems)
    if not pathlib.Path(args.vnu_jar).is_file():
        sys.exit(f"{args.vnu_jar} is missing: the html.npm-ci test installs it")
    if not pages:
        return report(problems, [])
    # -Xss: the checker needs a 512k thread stack at least (it says so when it has less);
    # TieredStopAtLevel=1: the client compiler alone halves the start-up time of one run.
    # Every error and every warning is a problem; info messages are not reported.
    command = [args.java, "-Xss4m", "-XX:TieredStopAtLevel=1", "-jar", args.vnu_jar, "--Werror",
               "--skip-info-messages", "--format", "json", "--stdout", *map(str, pages.values())]
    started = time.monotonic()
    checked = run(command)
    seconds = time.monotonic() - started
    try:
        messages = json.loads(checked.stdout)["messages"]
    except (ValueError, KeyError):
        sys.exit(f"the Nu HTML Checker did not answer in JSON (exit code {checked.returncode}):\n"
                 f"{checked.stdout}{checked.stderr}")
    by_file = {page.name: protocol for protocol, page in pages.items()}
    for message in messages:
        url = message.get("url", "")
        protocol = by_file.get(url.rsplit("/", 1)[-1], url or "(vnu)")
        where = ""
        if "lastLine" in message:
            where = f"line {message['lastLine']}"
            if "firstColumn" in message:
                where += f", column {message['firstColumn']}"
            where += ": "
        extract = f" [{message['extract'].strip()}]" if message.get("extract") else ""
        kind = message.get("subType", message.get("type", "message"))
        problems.append((protocol, f"{where}{kind}: {message.get('message', '')}{extract}"))
    if checked.returncode != 0 and not messages:
        problems.append(("(vnu)", f"exit code {checked.returncode} with no message: "
                                  f"{checked.stderr.strip()}"))
    summary = [f"{protocol}: checked" for protocol in pages
               if not any(p == protocol for p, _ in problems)]
    summary.append(f"vnu: {len(pages)} page(s) in {seconds:.1f} s")
    return report(problems, summary)


# --- pdf ---------------------------------------------------------------------------------


class ExternalReferences(html.parser.HTMLParser):
    """What in the page would make a browser load something: scripts, and references to
    anything but a fragment (#id) or a data: URL (links, <a href>, are followed only when
    clicked, and a handout may link its source)."""

    LOADING_ATTRIBUTES = {"src", "srcset", "href", "xlink:href", "poster", "data", "action",
                          "formaction", "background", "ping", "manifest", "codebase"}
    CSS_REFERENCE = re.compile(r"url\(\s*(['\"]?)([^'\")]*)\1\s*\)|@import[^;]*", re.IGNORECASE)

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.found.append("a <script> element")
        if tag == "style":
            self.in_style = True
        for name, value in attrs:
            value = (value or "").strip()
            if name == "style":
                self._css(value, f"the style attribute of <{tag}>")
            if name not in self.LOADING_ATTRIBUTES or tag in ("a", "area") and name == "href":
                continue
            if not value.startswith(("#", "data:")):
                self.found.append(f"<{tag} {name}=\"{value}\">")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "style":
            self.in_style = False

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self._css(data, "<style>")

    def _css(self, css, where):
        for match in self.CSS_REFERENCE.finditer(css):
            if match.group(0).lower().startswith("url(") and \
                    match.group(2).strip().startswith(("#", "data:")):
                continue
            self.found.append(f"{match.group(0).strip()} in {where}")


class Chromium:
    """One headless Chromium driven through the DevTools protocol on a pipe
    (--remote-debugging-pipe: commands on its fd 3, answers on its fd 4, each a JSON text
    ended by a NUL byte), with the network off: no name resolves, a dead proxy, and a network
    namespace of its own when `unshare -n` works (as root)."""

    def __init__(self, executable, profile, log):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # Out of the way of 3 and 4, which the child needs for the pipe's ends.
        low_fds = (to_browser_r, from_browser_w)
        to_browser_r = fcntl_dup(to_browser_r)
        from_browser_w = fcntl_dup(from_browser_w)
        for fd in low_fds:
            os.close(fd)

        def pipe_fds():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        command = [executable, *offline_flags(profile), "--remote-debugging-pipe", "about:blank"]
        self.namespace = network_namespace()
        # Its log (D-Bus complaints, mostly) goes to a file: a pipe nobody reads would fill up.
        self._log = log
        with open(log, "wb") as log_file:
            self._process = subprocess.Popen(self.namespace + command, stdin=subprocess.DEVNULL,
                                             stdout=log_file, stderr=log_file, pass_fds=(3, 4),
                                             preexec_fn=pipe_fds)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events = []

    def close(self):
        try:
            self.send("Browser.close")
        except (OSError, RuntimeError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)

    def _read(self):
        while b"\0" not in self._buffer:
            if not select.select([self._from_browser], [], [], READ_TIMEOUT_SECONDS)[0]:
                raise RuntimeError(f"Chromium said nothing for {READ_TIMEOUT_SECONDS} s; its "
                                   f"log: {self._log}")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                self._process.wait()
                log = pathlib.Path(self._log).read_text(errors="replace")[-3000:]
                raise RuntimeError(f"Chromium ended (exit code {self._process.returncode}); "
                                   f"the end of its log, {self._log}:\n{log}")
            self._buffer += chunk
        text, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(text)

    def send(self, method, session=None, **params):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for(self, method, session):
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self.events.pop(i)
            self.events.append(self._read())


def fcntl_dup(fd):
    return fcntl.fcntl(fd, fcntl.F_DUPFD, 10)


def offline_flags(profile):
    """The flags of every Chromium run here: headless, as root (no sandbox), no GPU, a
    throwaway profile, and no network: every host name fails to resolve and every
    connection goes to a proxy on the discard port, where nothing listens."""
    return ["--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def network_namespace():
    """`unshare -n` if it works here (as root, as CI runs): Chromium then has no network
    device but a loopback that is down."""
    try:
        if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
            return ["unshare", "-n"]
    except FileNotFoundError:
        pass
    return []


def expected_text(args, name, json_command, catalog, problems):
    """The distinct doses of the plan or course (each session's items) and the names of their
    exercises (from the catalog file)."""
    exported = run(json_command)
    if exported.returncode != 0:
        problems.append((name, f"{' '.join(json_command)} failed: {exported.stderr.strip()}"))
        return [], []
    doses, exercises = [], []
    for session in json.loads(exported.stdout)["sessions"]:
        for item in session.get("items", []):
            if item["dose"] not in doses:
                doses.append(item["dose"])
            if item["exercise"] not in exercises:
                exercises.append(item["exercise"])
    names = []
    for exercise in exercises:
        if exercise in catalog:
            names.append(catalog[exercise])
        else:
            problems.append((name, f"exercise {exercise} is not in {args.catalog}"))
    if not doses:
        problems.append((name, "no session has a dose: nothing to look for"))
    return names, doses


def pattern_of(text):
    """A regular expression for text as pdftotext may give it: any whitespace (a line or page
    break) where the text has a space, and a line break possibly right after a hyphen
    (Chromium breaks "10-15" after its hyphen; pdftotext -raw keeps the hyphen)."""
    parts = []
    for word in normalise(text).split(" "):
        parts.append(r"-\s*".join(re.escape(piece) for piece in word.split("-")))
    return re.compile(r"\s+".join(parts))


def normalise(text):
    """NFKC (a ligature glyph's text "ﬁ" reads "fi") and every run of white space one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def pdf_pages(args, pdf):
    """(page count, [(width, height)] in points) from pdfinfo."""
    first = run([args.pdfinfo, str(pdf)])
    match = re.search(r"^Pages:\s+(\d+)", first.stdout, re.MULTILINE)
    if first.returncode != 0 or not match:
        raise RuntimeError(f"pdfinfo failed: {first.stdout}{first.stderr}")
    count = int(match.group(1))
    sizes = run([args.pdfinfo, "-f", "1", "-l", str(count), str(pdf)])
    found = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", sizes.stdout, re.MULTILINE)
    return count, [(float(w), float(h)) for w, h in found]


def print_pdfs(args, pages, problems):
    """Prints every page to NAME.pdf in --work with one Chromium; returns {name: path}."""
    pdfs = {}
    with tempfile.TemporaryDirectory(prefix="rehab-chromium-") as profile:
        browser = Chromium(args.chromium, profile, pathlib.Path(args.work) / "chromium.log")
        try:
            target = browser.send("Target.createTarget", url="about:blank")["targetId"]
            session = browser.send("Target.attachToTarget", targetId=target,
                                   flatten=True)["sessionId"]
            browser.send("Page.enable", session)
            browser.send("Network.enable", session)
            for name, page in pages.items():
                url = page.resolve().as_uri()
                browser.events.clear()
                navigated = browser.send("Page.navigate", session, url=url)
                if navigated.get("errorText"):
                    problems.append((name, f"Chromium did not open {url}: "
                                           f"{navigated['errorText']}"))
                    continue
                browser.wait_for("Page.loadEventFired", session)
                # As `chromium --headless --print-to-pdf --no-pdf-header-footer` prints
                # (the same bytes): the page's @page size and margins, with backgrounds.
                printed = browser.send("Page.printToPDF", session, preferCSSPageSize=True,
                                       printBackground=True, displayHeaderFooter=False)
                # Every request since the navigation, printing (print style sheets) included.
                for event in browser.events:
                    if event.get("method") == "Network.requestWillBeSent":
                        asked = event["params"]["request"]["url"]
                        if asked != url and not asked.startswith(("data:", "about:")):
                            problems.append((name, f"the page asked the network for {asked}"))
                pdf = pathlib.Path(args.work) / f"{name}.pdf"
                pdf.write_bytes(base64.b64decode(printed["data"]))
                pdfs[name] = pdf
        except RuntimeError as e:
            problems.append(("(chromium)", str(e)))
        finally:
            browser.close()
    return pdfs


def check_pdf(args):
    problems = []
    summary = []
    bounds = {}
    for bound in args.max_pages:
        name, _, pages = bound.partition("=")
        if not pages.isdigit():
            sys.exit(f"--max-pages: expected NAME=N, got \"{bound}\"")
        bounds[name] = int(pages)
    found = handouts(args)
    for name in found:
        if name not in bounds:
            problems.append((name, "has no page bound: add one to tests/html/CMakeLists.txt"))
    for name in bounds:
        if name not in found:
            problems.append((name, "has a page bound but no handout"))
    pages = write_pages(args, found, problems)
    catalog = {e["id"]: e["name"]
               for e in json.loads(pathlib.Path(args.catalog).read_text())["exercises"]}

    for name, page in pages.items():
        scan = ExternalReferences()
        scan.feed(page.read_text(encoding="utf-8"))
        scan.close()
        for reference in scan.found:
            problems.append((name, f"the page is not self-contained: {reference}"))

    started = time.monotonic()
    pdfs = print_pdfs(args, pages, problems)
    seconds = time.monotonic() - started

    for name, pdf in pdfs.items():
        try:
            count, sizes = pdf_pages(args, pdf)
        except RuntimeError as e:
            problems.append((name, str(e)))
            continue
        not_a4 = sorted({f"{w} x {h}" for w, h in sizes
                         if abs(w - A4_POINTS[0]) > A4_TOLERANCE
                         or abs(h - A4_POINTS[1]) > A4_TOLERANCE})
        if not_a4 or len(sizes) != count:
            problems.append((name, f"pages are not all A4 (595 x 842 pts): "
                                   f"{', '.join(not_a4) or 'sizes not reported'}"))
        bound = bounds.get(name)
        if bound is not None and count > bound:
            problems.append((name, f"{count} pages, more than its bound of {bound}"))
        text = run([args.pdftotext, "-raw", "-enc", "UTF-8", str(pdf), "-"])
        if text.returncode != 0:
            problems.append((name, f"pdftotext failed: {text.stderr.strip()}"))
            continue
        haystack = unicodedata.normalize("NFKC", text.stdout)
        names, doses = expected_text(args, name, found[name][1], catalog, problems)
        for kind, wanted in (("exercise name", names), ("dose", doses)):
            for item in wanted:
                if not pattern_of(item).search(haystack):
                    problems.append((name, f"the PDF's text lacks the {kind} \"{item}\""))
        summary.append(f"{name}: {count} page(s), bound {bound}; looked for "
                       f"{len(names)} exercise name(s), {len(doses)} dose(s)")
    summary.append(f"chromium: {len(pdfs)} PDF(s) in {seconds:.1f} s"
                   f"{' (own network namespace)' if network_namespace() else ''}")
    return report(problems, summary)


# --- screenshot --------------------------------------------------------------------------

# The PNG scripts/handout-screenshot writes: 794 x 1123 pixels (A4 at 96 pixels an inch).
# A blank page of that size is about 5 kB; the first page of a handout, several times that.
SCREENSHOT_SIZE = (794, 1123)
SCREENSHOT_MIN_BYTES = 20_000


def check_screenshot(args):
    out = pathlib.Path(args.work) / "handout-alfredson.png"
    shutil.rmtree(args.work, ignore_errors=True)
    started = time.monotonic()
    made = run([args.script, args.rehab_plan, str(out)])
    seconds = time.monotonic() - started
    problems = []
    if made.returncode != 0:
        problems.append(("alfredson-eccentric", f"{args.script} failed ({made.returncode}):\n"
                                                f"{made.stdout}{made.stderr}"))
    elif not out.is_file():
        problems.append(("alfredson-eccentric", f"{args.script} wrote no {out}"))
    else:
        png = out.read_bytes()
        # The signature, then the IHDR chunk: length 13, "IHDR", width, height (big-endian).
        if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
            problems.append(("alfredson-eccentric", f"{out} is not a PNG: {png[:16]!r}"))
        else:
            size = (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big"))
            if size != SCREENSHOT_SIZE:
                problems.append(("alfredson-eccentric", f"{out} is {size[0]} x {size[1]} "
                                 f"pixels, not {SCREENSHOT_SIZE[0]} x {SCREENSHOT_SIZE[1]}"))
            if len(png) < SCREENSHOT_MIN_BYTES:
                problems.append(("alfredson-eccentric", f"{out} has {len(png)} bytes, fewer "
                                 f"than {SCREENSHOT_MIN_BYTES}: is the page blank?"))
    return report(problems, [f"screenshot: {out} in {seconds:.1f} s"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("check", choices=["vnu", "pdf", "screenshot"])
    parser.add_argument("--rehab-plan", required=True)
    parser.add_argument("--rehab-course", help="for --course")
    parser.add_argument("--course", nargs="*", default=[], metavar="FILE",
                        help="also the handout of these course files (rehab-course export)")
    parser.add_argument("--work", required=True, help="where pages and PDFs are written")
    parser.add_argument("--java")
    parser.add_argument("--vnu-jar")
    parser.add_argument("--catalog")
    parser.add_argument("--chromium")
    parser.add_argument("--pdfinfo")
    parser.add_argument("--pdftotext")
    parser.add_argument("--max-pages", nargs="*", default=[], metavar="ID=N")
    parser.add_argument("--script", help="scripts/handout-screenshot")
    args = parser.parse_args()
    needed = {"vnu": ["java", "vnu_jar"],
              "pdf": ["catalog", "chromium", "pdfinfo", "pdftotext"],
              "screenshot": ["script"]}[args.check]
    if args.course:
        needed.append("rehab_course")
    for name in needed:
        if not getattr(args, name):
            parser.error(f"{args.check} needs --{name.replace('_', '-')}")
    return {"vnu": check_vnu, "pdf": check_pdf, "screenshot": check_screenshot}[args.check](args)


if __name__ == "__main__":
    sys.exit(main())
