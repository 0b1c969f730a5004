#!/usr/bin/env python3
"""Independent validation of an iCalendar file written by `dutycheck calendar`.

usage: validate_ics.py FILE.ics

Parses with the icalendar and vobject packages (vobject with validate=True) and adds the explicit
RFC 5545 checks both are lenient about: CRLF line ends only, physical lines of at most 75 octets,
no UTF-8 sequence split by a fold, required properties, all-day events whose DTEND is the next
day, DTSTAMP in UTC, alarms with ACTION, TRIGGER and DESCRIPTION on every event but a cancelled
one (which has none), unique UIDs.
Exit 0 when valid, 1 with the problems listed, 77 when a package is missing.
"""
import datetime
import re
import sys

try:
    import icalendar
    import vobject
except ImportError as missing:
    print(f"missing Python package: {missing.name} (pip install icalendar vobject)")
    sys.exit(77)


def problems_in(raw):
    found = []
    if re.search(rb"(?<!\r)\n", raw):
        found.append("a line ends in a bare LF")
    if re.search(rb"\r(?!\n)", raw):
        found.append("a bare CR")
    if not raw.endswith(b"\r\n"):
        found.append("the file does not end with CRLF")
    for number, line in enumerate(raw.split(b"\r\n"), 1):
        if len(line) > 75:
            found.append(f"line {number} is {len(line)} octets long")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            found.append(f"line {number} is not whole UTF-8 (a fold split a character)")

    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except Exception as error:  # any parse failure is a problem to report
        return found + [f"icalendar could not parse the file: {error}"]
    for key in ("VERSION", "PRODID"):
        if key not in calendar:
            found.append(f"VCALENDAR has no {key}")
    if str(calendar.get("VERSION")) != "2.0":
        found.append("VERSION is not 2.0")
    if str(calendar.get("METHOD")) != "PUBLISH":
        found.append("METHOD is not PUBLISH")

    uids = set()
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID"))
        for key in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "SEQUENCE"):
            if key not in event:
                found.append(f"{uid}: no {key}")
        if uid in uids:
            found.append(f"UID {uid} appears twice")
        uids.add(uid)
        for key in ("SUMMARY", "DESCRIPTION", "DTSTART", "DTEND", "UID", "DTSTAMP", "SEQUENCE"):
            if isinstance(event.get(key), list):
                found.append(f"{uid}: {key} appears more than once")
        if "DTSTART" in event and "DTEND" in event:
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            if isinstance(start, datetime.datetime) or isinstance(end, datetime.datetime):
                found.append(f"{uid}: DTSTART and DTEND must be DATE values (all-day)")
            elif end != start + datetime.timedelta(days=1):
                found.append(f"{uid}: DTEND is not the day after DTSTART")
        if "DTSTAMP" in event and event.decoded("DTSTAMP").tzinfo is None:
            found.append(f"{uid}: DTSTAMP is not in UTC")
        alarms = list(event.walk("VALARM"))
        cancelled = str(event.get("STATUS", "")).upper() == "CANCELLED"
        if cancelled and alarms:
            found.append(f"{uid}: a cancelled event has a VALARM")
        if not cancelled and not alarms:
            found.append(f"{uid}: no VALARM")
        for alarm in alarms:
            for key in ("ACTION", "TRIGGER", "DESCRIPTION"):
                if key not in alarm:
                    found.append(f"{uid}: VALARM has no {key}")

    try:
        vobject.readOne(raw.decode("utf-8"), validate=True)
    except Exception as error:  # vobject raises several unrelated types
        found.append(f"vobject: {type(error).__name__}: {error}")
    return found


def main():
    raw = open(sys.argv[1], "rb").read()
    found = problems_in(raw)
    for problem in found:
        print("PROBLEM:", problem)
    print("OK" if not found else f"{len(found)} problem(s)")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
