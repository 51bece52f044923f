"""The VTIMEZONE a feed writes puts every local time at the instant the zone database does.

Each zone's definition is read by the parsers on its own: the zone is renamed
to one no parser finds in a database, so the VTIMEZONE alone decides. Times are
taken each week of the years covered and the hours around every change (less
the hour skipped in spring and the one repeated in autumn, which parsers settle
differently and events rarely use).
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from content_types.feeds.zones import time_zone, transitions

from .parsers import ICS_PY_ZONES, READERS

ZONES = [
    # Summer time as the EU has it, the feeds' own zones.
    ("Europe/Stockholm", 2009, 2010),
    ("Europe/Oslo", 2013, 2014),
    # The United States' change of rule in 2007: two observances of each kind.
    ("America/New_York", 2006, 2008),
    # The southern hemisphere: summer over the new year.
    ("Australia/Sydney", 2007, 2009),
    # Summer time given up (2011) and the offset changed again (2014).
    ("Europe/Moscow", 2010, 2015),
    # No change at all.
    ("Asia/Tokyo", 2020, 2021),
]


def local_times(zone_name, first_year, last_year):
    """Local times that exist once in the zone: weekly, and near each change."""
    zone = ZoneInfo(zone_name)
    times = []
    moment = datetime(first_year, 1, 3, 12, 30)
    while moment.year <= last_year:
        times.append(moment)
        moment += timedelta(days=7)
    begin = datetime(first_year, 1, 1, tzinfo=ZoneInfo("UTC"))
    end = datetime(last_year + 1, 1, 1, tzinfo=ZoneInfo("UTC"))
    for change in transitions(zone, begin, end):
        for hours in (-3, -2, -1, 2, 3):
            times.append(change.onset + timedelta(hours=hours))
    return [moment for moment in times if single(moment, zone)]


def single(moment, zone):
    """Whether the local time ``moment`` exists in ``zone``, and only once."""
    first, second = moment.replace(tzinfo=zone, fold=0), moment.replace(tzinfo=zone, fold=1)
    exists = first.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None) == moment
    return exists and first.utcoffset() == second.utcoffset()


def calendar_of(zone_name, renamed, moments, first_year, last_year):
    calendar = Calendar()
    calendar.add("PRODID", "-//Samverkan//Zone test//EN")
    calendar.add("VERSION", "2.0")
    zone = time_zone(zone_name, first_year, last_year)
    calendar.add_component(zone)
    for number, moment in enumerate(moments):
        event = Event()
        event.add("UID", f"{number}@zones.example")
        event.add("DTSTAMP", datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC")))
        event.add("SUMMARY", moment.isoformat())
        event.add("DTSTART", moment.replace(tzinfo=ZoneInfo(zone_name)))
        calendar.add_component(event)
    return calendar.to_ical().replace(zone_name.encode(), renamed.encode())


@pytest.mark.parametrize(
    "reader",
    [
        pytest.param(
            reader,
            marks=pytest.mark.xfail(strict=True, reason=ICS_PY_ZONES),
        )
        if reader == "ics-py"
        else reader
        for reader in READERS
    ],
)
@pytest.mark.parametrize(("zone_name", "first_year", "last_year"), ZONES)
def test_every_parser_reads_the_zone_as_the_zone_database_has_it(
    reader, zone_name, first_year, last_year
):
    moments = local_times(zone_name, first_year, last_year)
    renamed = f"Samverkan-zones/{reader}/{zone_name}"
    content = calendar_of(zone_name, renamed, moments, first_year, last_year)
    zone = ZoneInfo(zone_name)

    read = {event["summary"]: event["start"] for event in READERS[reader](content)}

    wrong = [
        (moment.isoformat(), read[moment.isoformat()].isoformat())
        for moment in moments
        if read[moment.isoformat()] != moment.replace(tzinfo=zone)
    ]
    assert len(read) == len(moments) and wrong == []


def test_an_observance_starts_at_the_onset_in_the_time_before_the_change():
    """RFC 5545, 3.6.5: 02:00 in spring (CET), 03:00 in autumn (CEST), in Stockholm."""
    zone = time_zone("Europe/Stockholm", 2009, 2009)
    (daylight,) = zone.daylight
    (standard,) = zone.standard

    assert daylight.to_ical().decode().splitlines()[1:3] == [
        "DTSTART:20080330T020000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
    ]
    assert standard.to_ical().decode().splitlines()[1:3] == [
        "DTSTART:20081026T030000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    ]
    assert "RDATE" not in zone.to_ical().decode()


def test_a_rule_that_ended_stops_at_its_last_change():
    """New York's April rule ends in 2006 (UNTIL, in UTC); the March rule follows."""
    zone = time_zone("America/New_York", 2006, 2008)
    rules = [observance["RRULE"].to_ical().decode() for observance in zone.daylight]

    assert rules == [
        "FREQ=YEARLY;UNTIL=20060402T070000Z;BYDAY=1SU;BYMONTH=4",
        "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
    ]


def test_a_rule_that_ended_east_of_greenwich_keeps_its_last_change_for_every_parser():
    """Moscow's last summer began 2010-03-28 at 02:00 (23:00 UTC the day before): UNTIL is
    the onset read as UTC, which is after the change however a parser reads it."""
    zone = time_zone("Europe/Moscow", 2010, 2012)
    rules = [observance["RRULE"].to_ical().decode() for observance in zone.daylight]

    assert rules == ["FREQ=YEARLY;UNTIL=20100328T020000Z;BYDAY=-1SU;BYMONTH=3"]
