"""The calendar feeds read by four parsers, as the calendar programs that use them read them.

icalendar (Python), vobject (Radicale, older Python clients), ics-py and ical.js
(Thunderbird, Nextcloud's calendar; the npm package, run with Node.js). Each
reader returns the calendar's events as ``{"uid", "summary", "start"}``, the
start as an aware UTC datetime, in the order the calendar lists them.

ical.js is installed from ``tests/feeds/js/package-lock.json`` the first time it
is needed (``npm ci``); without Node.js and npm the tests that need it are skipped.
"""

import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import ics
import pytest
import vobject

from ..npm_packages import ensure_installed

JS = Path(__file__).parent / "js"
NODE_TIMEOUT = 60
# ics-py 0.7 parses a calendar's events before its VTIMEZONEs (it takes the
# components in alphabetical order), so a zone it does not find by name is UTC
# to it; the feeds' own zones (Europe/Stockholm, Europe/Oslo) it finds by name.
ICS_PY_ZONES = "ics-py 0.7 applies no VTIMEZONE: a zone it does not know by name is UTC to it"


def read_icalendar(content):
    return [
        {"uid": str(event["UID"]), "summary": str(event["SUMMARY"]), "start": utc(event.start)}
        for event in icalendar.Calendar.from_ical(content).events
    ]


def read_vobject(content):
    calendar = vobject.readOne(content.decode("utf-8"))
    return [
        {
            "uid": event.uid.value,
            "summary": event.summary.value,
            "start": utc(event.dtstart.value),
        }
        for event in calendar.contents.get("vevent", [])
    ]


def read_ics(content):
    calendar = ics.Calendar(content.decode("utf-8"))
    # ics-py keeps the events in a set: put them back in the calendar's order.
    order = [str(event["UID"]) for event in icalendar.Calendar.from_ical(content).events]
    events = sorted(calendar.events, key=lambda event: order.index(event.uid))
    return [
        {"uid": event.uid, "summary": event.name, "start": utc(event.begin.datetime)}
        for event in events
    ]


def read_ical_js(content):
    return ical_js(content)["events"]


def ical_js(content):
    """What ical.js makes of ``content``: its events, their UIDs' parameters, its zones."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed: ical.js cannot be run")
    ensure_ical_js()
    result = subprocess.run(
        [node, str(JS / "events.mjs")], input=content, capture_output=True, timeout=NODE_TIMEOUT
    )
    assert result.returncode == 0, result.stderr.decode()
    parsed = json.loads(result.stdout)
    for event in parsed["events"]:
        event["start"] = datetime.fromisoformat(event["start"]).astimezone(UTC)
    return parsed


def ensure_ical_js():
    """ical.js, installed in tests/feeds/js the first time (``npm_packages``)."""
    ensure_installed(JS, JS / "node_modules" / "ical.js" / "package.json", "ical.js")


def utc(value):
    assert isinstance(value, datetime) and value.tzinfo is not None, value
    return value.astimezone(UTC)


READERS = {
    "icalendar": read_icalendar,
    "vobject": read_vobject,
    "ics-py": read_ics,
    "ical.js": read_ical_js,
}
