"""Every feed reads alike in icalendar, vobject, ics-py and ical.js.

Calendar programs do not share a parser: Thunderbird and Nextcloud read with
ical.js, which takes a zone's changes only from the calendar's VTIMEZONE;
Python clients read with icalendar, vobject or ics-py. The demo's Tvinning
conference begins at 10:00 in Stockholm (08:00 UTC) and the Troms seminar's bus
leaves at 11:00 in Oslo (10:00 UTC), in each of them.
"""

import re
from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from .helpers import conference_url, programme_item_url, upcoming_url
from .parsers import ICS_PY_ZONES, READERS, ical_js

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stored_demo")]


TVINNING_STARTS = datetime(2009, 10, 20, 8, 0, tzinfo=UTC)
TROMS_BUS_LEAVES = datetime(2013, 11, 20, 10, 0, tzinfo=UTC)
# What the parsers may not find in their zone database: they must read the VTIMEZONE.
UNKNOWN_ZONE = "Samverkan/{reader}/{zone}"


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.content


def starts(events):
    return {event["summary"]: event["start"] for event in events}


@pytest.mark.parametrize("reader", READERS)
def test_the_tvinning_conference_starts_at_eight_utc(client, tvinning, reader):
    events = READERS[reader](feed(client, conference_url(tvinning)))

    assert starts(events)[tvinning.title] == TVINNING_STARTS


@pytest.mark.parametrize("reader", READERS)
def test_the_troms_bus_leaves_at_ten_utc(client, troms, troms_bus, reader):
    events = READERS[reader](feed(client, conference_url(troms)))

    assert troms_bus.title == "Avgang fra Prostneset med felles buss"
    assert starts(events)[troms_bus.title] == TROMS_BUS_LEAVES


@pytest.mark.parametrize("reader", READERS)
def test_the_troms_bus_has_a_calendar_of_its_own(client, troms, troms_bus, reader):
    events = READERS[reader](feed(client, programme_item_url(troms_bus)))

    assert [(event["summary"], event["start"]) for event in events] == [
        (troms_bus.title, TROMS_BUS_LEAVES)
    ]


@pytest.mark.parametrize(
    "reader",
    [
        pytest.param(reader, marks=pytest.mark.xfail(strict=True, reason=ICS_PY_ZONES))
        if reader == "ics-py"
        else reader
        for reader in READERS
    ],
)
def test_the_feeds_vtimezone_alone_gives_the_same_instants(client, tvinning, troms, reader):
    """The events' zone renamed to one no parser knows: the VTIMEZONE decides."""
    tvinning_feed = feed(client, conference_url(tvinning)).replace(
        b"Europe/Stockholm", UNKNOWN_ZONE.format(reader=reader, zone="Stockholm").encode()
    )
    troms_feed = feed(client, conference_url(troms)).replace(
        b"Europe/Oslo", UNKNOWN_ZONE.format(reader=reader, zone="Oslo").encode()
    )

    assert starts(READERS[reader](tvinning_feed))[tvinning.title] == TVINNING_STARTS
    assert starts(READERS[reader](troms_feed))["Avgang fra Prostneset med felles buss"] == (
        TROMS_BUS_LEAVES
    )


def test_no_uid_carries_a_parameter(client, tvinning, troms, troms_bus):
    """RELTYPE=PARENT belongs to the items' RELATED-TO, never to the conference's UID."""
    for url in (conference_url(tvinning), conference_url(troms), programme_item_url(troms_bus)):
        content = feed(client, url)
        uid_lines = re.findall(rb"^UID[^\r\n]*", content, re.MULTILINE)
        calendar = Calendar.from_ical(content)

        assert uid_lines and all(line.startswith(b"UID:") for line in uid_lines), uid_lines
        assert all(not event["UID"].params for event in calendar.events)
        assert all(
            event["RELATED-TO"].params == {"RELTYPE": "PARENT"}
            for event in calendar.events
            if "RELATED-TO" in event
        )
        assert all(event["uid_parameters"] == [] for event in ical_js(content)["events"])


def test_the_items_point_at_the_conference_by_its_uid(client, troms, troms_bus):
    calendar = Calendar.from_ical(feed(client, conference_url(troms)))
    (seminar,) = [event for event in calendar.events if "RELATED-TO" not in event]
    item = Calendar.from_ical(feed(client, programme_item_url(troms_bus))).events[0]

    assert str(item["RELATED-TO"]) == str(seminar["UID"])


@pytest.mark.parametrize("reader", READERS)
def test_a_feed_without_events_still_holds_the_sites_time_zone(client, demo, reader):
    content = feed(client, upcoming_url())

    assert READERS[reader](content) == []
    assert [zone.tz_name for zone in Calendar.from_ical(content).timezones] == ["Europe/Stockholm"]
    assert b"BEGIN:VTIMEZONE" in content


def test_ical_js_finds_the_empty_feeds_time_zone(client, demo):
    assert ical_js(feed(client, upcoming_url())) == {
        "events": [],
        "zones": ["Europe/Stockholm"],
    }
