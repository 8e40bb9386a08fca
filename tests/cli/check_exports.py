#!/usr/bin/env python3
"""Checks rehab-plan's exports with independent tools: every built-in protocol's
iCalendar output parses with the `icalendar` package (Debian's python3-icalendar)
and agrees event by event with the JSON output; the issue's headline numbers hold.

With a second argument, every .ics (with and without reminders) also goes
through libical's restriction check (tests/ical/restriction_check.cpp).

usage: check_exports.py REHAB_PLAN [LIBICAL_CHECKER]
"""
import collections
import datetime
import json
import os
import subprocess
import sys
import tempfile

import icalendar

PROTOCOLS = ["alfredson-eccentric", "alfredson-insertional", "hsr-achilles",
             "silbernagel-combined", "heel-pain-starter", "rupture-stretch-balance",
             "achilles-rupture-functional", "achilles-rupture-boot-wedges"]


def run(rehab_plan, *args):
    done = subprocess.run([rehab_plan, *args], capture_output=True, check=True)
    return done.stdout


NOW = "2026-11-29T10:00:00Z"


def libical_check(checker, ics, scratch, name):
    """libical parses the file and its restriction check passes."""
    if checker is None:
        return
    path = os.path.join(scratch, name + ".ics")
    with open(path, "wb") as out:
        out.write(ics)
    done = subprocess.run([checker, path], capture_output=True, text=True)
    assert done.returncode == 0, (name, done.stdout, done.stderr)


def check_protocol(rehab_plan, protocol, checker, scratch, start="2026-11-30",
                   tz="Europe/Copenhagen"):
    args = ["--protocol", protocol, "--start", start, "--tz", tz]
    plan = json.loads(run(rehab_plan, *args, "--format", "json"))
    ics = run(rehab_plan, *args, "--format", "ics", "--now", NOW)
    libical_check(checker, ics, scratch, protocol)
    calendar = icalendar.Calendar.from_ical(ics)
    assert "METHOD" not in calendar, "METHOD needs an ORGANIZER (RFC 5546)"
    assert str(calendar["VERSION"]) == "2.0", calendar["VERSION"]
    assert "PRODID" in calendar
    events = calendar.walk("VEVENT")
    sessions = plan["sessions"]
    assert len(events) == len(sessions) > 0, (protocol, len(events), len(sessions))
    uids = set()
    for event, session in zip(events, sessions):
        for key in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"):
            assert key in event, (protocol, key)
        uid = str(event["UID"])
        assert uid.startswith(session["id"] + ".") and uid.endswith("@rehab"), (uid, session["id"])
        assert event.decoded("DTSTAMP") == datetime.datetime(2026, 11, 29, 10, tzinfo=datetime.timezone.utc)
        uids.add(uid)
        start = event.decoded("DTSTART")
        expected = datetime.datetime.strptime(session["utc"], "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=datetime.timezone.utc)
        assert start == expected, (protocol, start, expected)
        assert event.decoded("DTEND") > start
        description = event.decoded("DESCRIPTION").decode()
        for item in session["items"]:
            assert item["dose"] in description.replace("\\,", ","), (item["dose"], description)
        if protocol.startswith("achilles-rupture"):
            # The boot and the weight-bearing of the session's phase.
            assert "Orthosis: " in description, description
            assert "Weight on the affected leg: " in description, description
    assert len(uids) == len(events), protocol

    # With reminders: one VALARM per event, 15 minutes before, in both readers.
    reminded = run(rehab_plan, *args, "--format", "ics", "--now", NOW, "--remind", "15m")
    libical_check(checker, reminded, scratch, protocol + "-remind")
    for event in icalendar.Calendar.from_ical(reminded).walk("VEVENT"):
        alarms = event.walk("VALARM")
        assert len(alarms) == 1, (protocol, len(alarms))
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        assert alarms[0].decoded("TRIGGER") == -datetime.timedelta(minutes=15)

    # Two patients on the same plan, each with an id: no UID in common.
    def uids_of(patient):
        text = run(rehab_plan, *args, "--format", "ics", "--now", NOW, "--plan-id", patient)
        return {str(e["UID"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}
    first, second = uids_of("patient-1"), uids_of("patient-2")
    assert len(first) == len(second) == len(events) and not first & second, protocol
    return plan


def main():
    rehab_plan = sys.argv[1]
    checker = sys.argv[2] if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory() as scratch:
        for protocol in PROTOCOLS:
            check_protocol(rehab_plan, protocol, checker, scratch)

    # rehab-plan --protocol alfredson-eccentric --start 2026-12-01 --format json:
    # 168 sessions from 2026-12-01 to 2027-02-22, two a day, 180 reps a day.
    plan = json.loads(run(rehab_plan, "--protocol", "alfredson-eccentric", "--start", "2026-12-01",
                          "--format", "json"))
    sessions = plan["sessions"]
    assert len(sessions) == 168, len(sessions)
    assert sessions[0]["date"] == "2026-12-01" and sessions[-1]["date"] == "2027-02-22"
    per_day = collections.Counter(s["date"] for s in sessions)
    assert set(per_day.values()) == {2}, per_day
    reps = collections.Counter()
    for s in sessions:
        for item in s["items"]:
            reps[s["date"]] += item["sets"] * item["reps"]
    assert set(reps.values()) == {180}, reps

    # hsr-achilles from Monday 2026-11-30: 36 sessions on Mondays, Wednesdays and Fridays.
    hsr = json.loads(run(rehab_plan, "--protocol", "hsr-achilles", "--start", "2026-11-30", "--format", "json"))
    days = [datetime.date.fromisoformat(s["date"]).weekday() for s in hsr["sessions"]]
    assert len(days) == 36 and set(days) == {0, 2, 4}, days
    # --export-protocol writes a file that --protocol-file plans exactly like the built-in.
    with tempfile.TemporaryDirectory() as scratch:
        for protocol in PROTOCOLS:
            path = os.path.join(scratch, protocol + ".json")
            with open(path, "wb") as out:
                out.write(run(rehab_plan, "--export-protocol", protocol))
            args = ["--start", "2026-11-30", "--tz", "America/New_York", "--format", "json"]
            from_file = run(rehab_plan, "--protocol-file", path, *args)
            assert from_file == run(rehab_plan, "--protocol", protocol, *args), protocol
    print("check_exports: 6 protocols, iCalendar and JSON agree, libical's restriction check "
          f"{'passes' if checker else 'not run'}, files round-trip; 1 passed, 0 failed")


if __name__ == "__main__":
    main()
