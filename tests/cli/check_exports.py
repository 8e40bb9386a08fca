#!/usr/bin/env python3
"""Checks rehab-plan's exports with independent tools: every built-in protocol's
iCalendar output parses with the `icalendar` package (Debian's python3-icalendar)
and agrees event by event with the JSON output; the issue's headline numbers hold.

usage: check_exports.py REHAB_PLAN
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
             "silbernagel-combined", "heel-pain-starter", "rupture-stretch-balance"]


def run(rehab_plan, *args):
    done = subprocess.run([rehab_plan, *args], capture_output=True, check=True)
    return done.stdout


def check_protocol(rehab_plan, protocol, start="2026-11-30", tz="Europe/Copenhagen"):
    args = ["--protocol", protocol, "--start", start, "--tz", tz]
    plan = json.loads(run(rehab_plan, *args, "--format", "json"))
    calendar = icalendar.Calendar.from_ical(run(rehab_plan, *args, "--format", "ics"))
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
        assert uid == session["id"] + "@rehab", (uid, session["id"])
        uids.add(uid)
        start = event.decoded("DTSTART")
        expected = datetime.datetime.strptime(session["utc"], "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=datetime.timezone.utc)
        assert start == expected, (protocol, start, expected)
        assert event.decoded("DTEND") > start
        description = event.decoded("DESCRIPTION").decode()
        for item in session["items"]:
            assert item["dose"] in description.replace("\\,", ","), (item["dose"], description)
    assert len(uids) == len(events), protocol
    return plan


def main():
    rehab_plan = sys.argv[1]
    for protocol in PROTOCOLS:
        check_protocol(rehab_plan, protocol)

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
    print("check_exports: 6 protocols, iCalendar and JSON agree, files round-trip; 1 passed, 0 failed")


if __name__ == "__main__":
    main()
