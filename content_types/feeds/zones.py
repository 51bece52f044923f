"""VTIMEZONE components that every calendar program reads alike.

A zone's changes between standard and summer time are written as Outlook and
Google Calendar write them: one observance per kind of change with a yearly
RRULE (``BYMONTH=3;BYDAY=-1SU``), its DTSTART the first change's onset in the
local time *before* it (RFC 5545, 3.6.5: 02:00 for the spring change in
Stockholm, 03:00 for the autumn one). icalendar's own ``Timezone.from_tzinfo``
lists the changes as DTSTART plus RDATE with the onset in the time after the
change; ical.js (Thunderbird, Nextcloud) skips DTSTART when RDATE is present and
so placed a conference's events an hour late.

The changes are read from the zone database for the years the events happen in
and the year around them. Changes that follow no yearly rule become observances
of their own, each with its DTSTART alone, which every parser reads as well.
"""

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Zone changes happen on the hour, half hour or quarter hour: a transition is
# found to the second by halving the day it falls in.
DAY = timedelta(days=1)


def time_zone(zone_name, first_year, last_year):
    """The VTIMEZONE of ``zone_name`` for events from ``first_year`` to ``last_year``.

    The changes of the year before ``first_year`` are included too, so that an
    event in January already lies inside an observance.
    """
    zone = ZoneInfo(zone_name)
    begin = datetime(first_year - 1, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    changes = transitions(zone, begin, end)

    component = Timezone()
    component.add("TZID", zone_name)
    first_event = datetime(first_year, 1, 1, tzinfo=UTC)
    if not changes or changes[0].instant > first_event:
        # The zone's time when the calendar's years begin, until its first change.
        component.add_component(initial_observance(zone, begin))
    for run in yearly_runs(changes):
        component.add_component(observance(run, end))
    return component


class Transition:
    """One change of a zone's offset, name or summer time, at ``instant`` (UTC)."""

    def __init__(self, instant, before, after):
        self.instant = instant
        self.offset_from = before.utcoffset()
        self.offset_to = after.utcoffset()
        self.name = after.tzname()
        self.daylight = bool(after.dst())
        # The onset, as RFC 5545 wants it: the local time before the change.
        self.onset = (instant + self.offset_from).replace(tzinfo=None)

    @property
    def kind(self):
        return (self.offset_from, self.offset_to, self.name, self.daylight)

    def weekdays_of_month(self):
        """The BYDAY positions the onset's date has: its nth weekday, and -1 for the last."""
        day = self.onset.day
        positions = {(day - 1) // 7 + 1}
        if day + 7 > calendar.monthrange(self.onset.year, self.onset.month)[1]:
            positions.add(-1)
        return positions


def state(zone, instant):
    local = instant.astimezone(zone)
    return (local.utcoffset(), local.tzname(), local.dst())


def transitions(zone, begin, end):
    """The zone's changes from ``begin`` to ``end`` (UTC), found day by day, then to the second."""
    found = []
    day = begin
    while day < end:
        following = day + DAY
        if state(zone, day) != state(zone, following):
            before, after = day, following
            while after - before > timedelta(seconds=1):
                middle = before + (after - before) / 2
                if state(zone, middle) == state(zone, before):
                    before = middle
                else:
                    after = middle
            instant = after.replace(microsecond=0)
            if state(zone, instant) == state(zone, before):
                instant += timedelta(seconds=1)
            found.append(
                Transition(
                    instant,
                    (instant - timedelta(seconds=1)).astimezone(zone),
                    instant.astimezone(zone),
                )
            )
        day = following
    return found


def yearly_runs(changes):
    """``changes`` grouped into runs that one yearly RRULE describes, each with its BYDAY.

    A run holds changes of one kind in consecutive years, in the same month, on
    the same weekday of the same week of the month, at the same local time.
    """
    runs = []
    open_runs = {}
    for change in changes:
        run = open_runs.get(change.kind)
        if run is not None:
            last, positions = run["changes"][-1], run["positions"] & change.weekdays_of_month()
            if (
                positions
                and change.onset.year == last.onset.year + 1
                and change.onset.month == last.onset.month
                and change.onset.weekday() == last.onset.weekday()
                and change.onset.time() == last.onset.time()
            ):
                run["changes"].append(change)
                run["positions"] = positions
                continue
        run = {"changes": [change], "positions": change.weekdays_of_month()}
        open_runs[change.kind] = run
        runs.append(run)
    return runs


def observance(run, end):
    """A STANDARD or DAYLIGHT observance for ``run``; with an RRULE when it spans years."""
    changes = run["changes"]
    first, last = changes[0], changes[-1]
    component = TimezoneDaylight() if first.daylight else TimezoneStandard()
    component.add("TZNAME", first.name)
    component.add("TZOFFSETFROM", first.offset_from)
    component.add("TZOFFSETTO", first.offset_to)
    component.add("DTSTART", first.onset)
    if len(changes) > 1:
        position = -1 if -1 in run["positions"] else min(run["positions"])
        rule = {
            "FREQ": "YEARLY",
            "BYMONTH": first.onset.month,
            "BYDAY": f"{position}{WEEKDAYS[first.onset.weekday()]}",
        }
        if next_by_rule(last, position) < end:
            # The zone changed its rule before the calendar's last year: the RRULE
            # stops at its last change, in UTC as RFC 5545 asks for observances.
            # Parsers built on dateutil (icalendar, vobject) compare UNTIL with the
            # onset in local time; the later of the two readings keeps the last
            # change in for both, and the next one (a year on) out.
            rule["UNTIL"] = max(last.instant, last.onset.replace(tzinfo=UTC))
        component.add("RRULE", vRecur(rule))
    return component


def next_by_rule(change, position):
    """When the RRULE of ``change``'s run would next apply, as a UTC instant (approximately)."""
    year, month = change.onset.year + 1, change.onset.month
    weekday = change.onset.weekday()
    days = [
        day
        for day in range(1, calendar.monthrange(year, month)[1] + 1)
        if calendar.weekday(year, month, day) == weekday
    ]
    day = days[position] if position == -1 else days[position - 1]
    onset = datetime.combine(date(year, month, day), change.onset.time())
    return (onset - change.offset_from).replace(tzinfo=UTC)


def initial_observance(zone, instant):
    """The zone's time at ``instant``, as an observance that starts then and changes nothing."""
    local = instant.astimezone(zone)
    component = TimezoneDaylight() if local.dst() else TimezoneStandard()
    component.add("TZNAME", local.tzname())
    component.add("TZOFFSETFROM", local.utcoffset())
    component.add("TZOFFSETTO", local.utcoffset())
    component.add("DTSTART", local.replace(tzinfo=None))
    return component
