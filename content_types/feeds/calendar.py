"""Calendars (RFC 5545) of the public conferences and of one conference's programme.

Subscribers add these to Outlook, Google Calendar or Apple Calendar and
download them again every hour. Each event carries its time in the
conference's own zone (with a VTIMEZONE for it), a UID that survives edits,
moves and renames, and a SEQUENCE that grows with every publication, so a
calendar program updates the event it has instead of adding another.

A calendar is built in a fixed number of queries, however many events it holds.
"""

from contextlib import nullcontext
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration
from wagtail.models import Locale, Site

from ..api.loading import loader_for
from ..base_url import page_url
from ..conferences.models import ConferencePage, ConferenceStatus, ProgrammeItemPage
from ..conferences.programme import public_programme
from ..visibility import public_pages
from .identity import event_uid, publication_counts, sequence
from .text import (
    paragraphs,
    place_text,
    plain_text,
    speaker_lines,
    speakers_organisations,
    venue_text,
)
from .zones import time_zone

PRODID = "-//Samverkan//Conference calendar//EN"
# How often subscribers should download the calendar again.
REFRESH_INTERVAL = timedelta(hours=1)
EVENT_STATUS = {
    ConferenceStatus.CANCELLED: "CANCELLED",
    ConferenceStatus.POSTPONED: "TENTATIVE",
}


def upcoming_conferences(request, locale=None):
    """Public conferences that have not ended yet, soonest first; in one language if given."""
    conferences = public_pages(request, ConferencePage).filter(end__gt=timezone.now())
    if locale is not None:
        conferences = conferences.filter(locale=locale)
    return conferences.select_related("venue").order_by("start", "pk")


def public_conference(request, pk):
    """The conference ``pk`` if the public may see it, else None."""
    return public_pages(request, ConferencePage).select_related("venue").filter(pk=pk).first()


def public_programme_item(request, pk):
    """The programme item ``pk`` if the public may see it and it has a start, else None.

    The item is looked up in its conference's public programme, so the item's
    calendar holds exactly what the conference's calendar says of it.
    """
    item = public_pages(request, ProgrammeItemPage).filter(pk=pk).only("path").first()
    if item is None:
        return None
    conference = (
        public_pages(request, ConferencePage)
        .select_related("venue")
        .filter(path=item.path[: -ProgrammeItemPage.steplen])
        .first()
    )
    if conference is None:
        return None
    programme = public_programme(conference, request)
    return next((item for item in programme if item.pk == pk and item.start), None)


def conferences_calendar(request, conferences, language_code=None):
    """Each of ``conferences`` as one event; the calendar named in ``language_code``'s language.

    The conferences come from ``upcoming_conferences``, which has fetched the venues.
    """
    writer = EventWriter(
        request,
        pages=conferences,
        snippets=[(conference.venue, conference.locale_id) for conference in conferences],
    )
    with translation.override(language_code) if language_code else nullcontext():
        name = calendar_name(request, _("Conferences"))
    events = [writer.conference_event(conference) for conference in conferences]
    return new_calendar(name, settings.TIME_ZONE, events)


def conference_calendar(request, conference):
    """``conference`` (from ``public_conference``) as an event, and each public item of its
    programme that has a start as an event of its own.

    Calendar programs show a talk at its own time; the items point at the
    conference's event with ``RELATED-TO;RELTYPE=PARENT``.
    """
    items = [item for item in public_programme(conference, request) if item.start]
    writer = EventWriter(
        request,
        pages=[conference, *items],
        snippets=[(conference.venue, conference.locale_id), *speakers_organisations(items)],
    )
    name = calendar_name(request, conference.title)
    events = [writer.conference_event(conference)]
    events += [writer.item_event(item, conference) for item in items]
    return new_calendar(name, conference.timezone, events)


def programme_item_calendar(request, item):
    """``item`` (from ``public_programme_item``) as the one event of its own calendar.

    For a single talk in a calendar program; the event is the same as in the
    conference's calendar (same UID), so subscribing to both shows it once.
    """
    conference = item.conference
    writer = EventWriter(
        request,
        pages=[item],
        snippets=[(conference.venue, item.locale_id), *speakers_organisations([item])],
    )
    name = calendar_name(request, item.title)
    events = [writer.item_event(item, conference)]
    return new_calendar(name, conference.timezone, events)


class EventWriter:
    """Turns the pages of one calendar into events, with what they share looked up at once:
    the pages' languages, how often each was published, and the snippets they show."""

    def __init__(self, request, pages, snippets):
        self.request = request
        self.language_codes = dict(Locale.objects.values_list("pk", "language_code"))
        self.publications = publication_counts(page.pk for page in pages)
        self.snippets = loader_for({"request": request})
        self.snippets.translate(snippets)

    def conference_event(self, conference):
        venue = self.snippets.in_language(conference.venue, conference.locale_id)
        event = self.event(
            conference,
            start=conference.start,
            end=conference.end,
            zone=conference.zone,
            description=paragraphs(conference.tagline, plain_text(conference.description)),
            location=venue_text(venue),
            status=conference.status,
        )
        if venue is not None and venue.latitude is not None and venue.longitude is not None:
            event.add("GEO", (float(venue.latitude), float(venue.longitude)))
        return event

    def item_event(self, item, conference):
        venue = self.snippets.in_language(conference.venue, item.locale_id)
        event = self.event(
            item,
            start=item.start,
            end=item.end,
            zone=conference.zone,
            description=paragraphs(
                speaker_lines(item, self.snippets), plain_text(item.description)
            ),
            location=place_text(item.location, venue),
            status=conference.status,
        )
        # A text of its own: the parameter belongs to RELATED-TO, not to the conference's UID.
        parent_uid = event_uid(conference, self.language_codes[conference.locale_id])
        event.add("RELATED-TO", parent_uid, parameters={"RELTYPE": "PARENT"})
        return event

    def event(self, page, *, start, end, zone, description, location, status):
        language_code = self.language_codes[page.locale_id]
        published = page.last_published_at or page.first_published_at or timezone.now()
        with translation.override(language_code):
            category = page.get_kind_display()
        return Event.new(
            uid=event_uid(page, language_code),
            stamp=published,
            last_modified=published,
            sequence=sequence(self.publications, page),
            summary=page.title,
            start=timezone.localtime(start, zone),
            end=timezone.localtime(end, zone) if end else None,
            description=description or None,
            location=location or None,
            url=page_url(page, self.request),
            status=EVENT_STATUS.get(status, "CONFIRMED"),
            categories=[category],
        )


def new_calendar(name, zone_name, events, years=None):
    """A calendar of ``events``, with a VTIMEZONE for every zone they use.

    ``years``: the zones and the years they are used in (``zone_years``), where
    the events are added later (``events.spliced_calendar``). A calendar without
    events still holds the VTIMEZONE of ``zone_name``: RFC 5545 asks for at
    least one component.
    """
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.calendar_name = name  # NAME, and X-WR-CALNAME for the programs that read only that
    calendar.add("X-WR-TIMEZONE", zone_name)
    calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    for component in time_zones(zone_years(events) if years is None else years, zone_name):
        calendar.add_component(component)
    for event in events:
        calendar.add_component(event)
    return calendar


def zone_years(events):
    """The zones the events' times name, each with the years they fall in."""
    years = {}
    for event in events:
        for name in ("DTSTART", "DTEND"):
            if name in event and "TZID" in event[name].params:
                years.setdefault(event[name].params["TZID"], set()).add(event[name].dt.year)
    return years


def time_zones(years, zone_name):
    """A VTIMEZONE for every zone of ``years`` (``zone_years``), covering the years it is used
    in; ``zone_name``'s for this year when the events name none."""
    if not years:
        years = {zone_name: {timezone.now().year}}
    return [time_zone(zone, min(used), max(used)) for zone, used in sorted(years.items())]


def calendar_name(request, name):
    """``Site name: name``, the site's name from its Wagtail Site or ``WAGTAIL_SITE_NAME``."""
    site = Site.find_for_request(request)
    site_name = (site and site.site_name) or getattr(settings, "WAGTAIL_SITE_NAME", "")
    return f"{site_name}: {name}" if site_name else name
