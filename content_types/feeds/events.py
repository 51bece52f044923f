"""A page's calendar event as the delivery store keeps it, and calendars spliced from such events.

A conference's event and a programme item's event are the same in every feed
that holds them (``calendar.EventWriter``), so the store keeps each one's text
beside the page's representation (``Representation.calendar_event``), rendered
by the same anonymous request of the page's own site and inside the same
``delivery.recording.recording()``: what the event shows marks it stale too.
The text is the event exactly as ``Calendar.to_ical()`` writes it, its links
on ``base_url.STORED_BASE_URL``; with it the store keeps the zones its times
name and the years they fall in (``calendar_time_zones``), which the
calendar's VTIMEZONEs must cover.

A feed then chooses its pages as before and puts the stored events between a
header made for the request and ``END:VCALENDAR``: the same bytes as the
calendar built from the pages.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from icalendar.parser import Contentline

from ..base_url import STORED_BASE_URL, base_url
from ..conferences.models import ConferencePage, ProgrammeItemPage
from ..conferences.programme import public_programme_items, speaker_rows
from ..visibility import public_pages
from .calendar import (
    EventWriter,
    new_calendar,
    public_conference,
    speakers_organisations,
    zone_years,
)

END = b"END:VCALENDAR\r\n"
# A content line as written: the first physical line and its folded continuations.
CONTENT_LINE = re.compile(r"^[^\r\n]*(?:\r\n [^\r\n]*)*", re.MULTILINE)


@dataclass(frozen=True)
class StoredEvent:
    """The text of one event (``BEGIN:VEVENT`` to ``END:VEVENT``, folded, CRLF-ended) and the
    zones its times name, each with the years they fall in (``{"Europe/Stockholm": [2027]}``)."""

    text: str = ""
    time_zones: dict = field(default_factory=dict)


def calendar_event(page, request):
    """The event of ``page`` as ``request`` (the store's anonymous rendering request) shows it in
    any feed; None for a page that is no event (not a conference, an item without a start, or a
    page the public may not see)."""
    if issubclass(page.specific_class or type(page), ConferencePage):
        conference = public_conference(request, page.pk)
        if conference is None:
            return None
        writer = EventWriter(
            request, pages=[conference], snippets=[(conference.venue, conference.locale_id)]
        )
        return stored(writer.conference_event(conference))
    if issubclass(page.specific_class or type(page), ProgrammeItemPage):
        item = public_timed_item(request, page)
        if item is None:
            return None
        conference = item.conference
        writer = EventWriter(
            request,
            pages=[item],
            snippets=[(conference.venue, item.locale_id), *speakers_organisations([item])],
        )
        return stored(writer.item_event(item, conference))
    return None


def public_timed_item(request, page):
    """The item as ``calendar.public_programme_item`` gives it, loaded without the rest of the
    programme: the item's event shows its own speakers, and only a change to them renders it
    again."""
    conference = public_conference_at(request, page.path[: -ProgrammeItemPage.steplen])
    if conference is None:
        return None
    speakers = Prefetch("speakers", queryset=speaker_rows())
    items = public_programme_items([conference], request).filter(pk=page.pk, start__isnull=False)
    item = items.prefetch_related(speakers).first()
    if item is not None:
        item.__dict__["conference"] = conference
    return item


def public_conference_at(request, path):
    return public_pages(request, ConferencePage).select_related("venue").filter(path=path).first()


def stored(event):
    years = zone_years([event])
    return StoredEvent(
        text=event.to_ical().decode(),
        time_zones={zone: sorted(used) for zone, used in sorted(years.items())},
    )


def spliced_calendar(name, zone_name, events, request):
    """The calendar named ``name`` of ``events`` (``StoredEvent``s, in order), as the bytes
    ``calendar.new_calendar(name, zone_name, built events).to_ical()`` gives for ``request``."""
    years = {}
    for event in events:
        for zone, used in event.time_zones.items():
            years.setdefault(zone, set()).update(used)
    header = new_calendar(name, zone_name, [], years=years).to_ical()
    body = "".join(served_text(event.text, request) for event in events)
    return header.removesuffix(END) + body.encode() + END


def served_text(text, request):
    """The stored event with its links on the server that answers ``request``.

    The lines that name the placeholder are unfolded, given the server and
    folded again as icalendar folds them; the others are as stored.
    """
    server = base_url(request)
    if server == STORED_BASE_URL or STORED_BASE_URL not in text.replace("\r\n ", ""):
        return text

    def refold(match):
        line = match.group()
        unfolded = line.replace("\r\n ", "")
        if STORED_BASE_URL not in unfolded:
            return line
        return Contentline(unfolded.replace(STORED_BASE_URL, server)).to_ical().decode()

    return CONTENT_LINE.sub(refold, text)
