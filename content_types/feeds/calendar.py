"""Calendars (RFC 5545) of the public conferences and of one conference's programme.

Subscribers add these to Outlook, Google Calendar or Apple Calendar and
download them again every hour. Each event carries its time in the
conference's own zone (with a VTIMEZONE for it), a UID that survives edits,
moves and renames, and a SEQUENCE that grows with every publication, so a
calendar program updates the event it has instead of adding another.

A calendar is built in a fixed number of queries, however many events it holds.
"""

from contextlib import nullcontext
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration
from wagtail.models import Locale, Site

from ..api.loading import loader_for
from ..conferences.models import ConferencePage, ConferenceStatus
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
        name = _("Conferences")
    calendar = new_calendar(calendar_name(request, name), settings.TIME_ZONE)
    for conference in conferences:
        calendar.add_component(writer.conference_event(conference))
    return with_time_zones(calendar)


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
    calendar = new_calendar(calendar_name(request, conference.title), conference.timezone)
    conference_event = writer.conference_event(conference)
    calendar.add_component(conference_event)
    for item in items:
        calendar.add_component(writer.item_event(item, conference, conference_event.uid))
    return with_time_zones(calendar)


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

    def item_event(self, item, conference, conference_uid):
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
        event.add("RELATED-TO", conference_uid, parameters={"RELTYPE": "PARENT"})
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
            url=page.get_full_url(self.request),
            status=EVENT_STATUS.get(status, "CONFIRMED"),
            categories=[category],
        )


def new_calendar(name, zone_name):
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.calendar_name = name  # NAME, and X-WR-CALNAME for the programs that read only that
    calendar.add("X-WR-TIMEZONE", zone_name)
    calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    return calendar


def with_time_zones(calendar):
    """Adds a VTIMEZONE for every zone the events use, covering the years they happen in."""
    years = [
        event.get(name).dt.year
        for event in calendar.events
        for name in ("DTSTART", "DTEND")
        if name in event
    ]
    if years:
        calendar.add_missing_timezones(
            first_date=date(min(years), 1, 1), last_date=date(max(years) + 1, 12, 31)
        )
    return calendar


def calendar_name(request, name):
    """``Site name: name``, the site's name from its Wagtail Site or ``WAGTAIL_SITE_NAME``."""
    site = Site.find_for_request(request)
    site_name = (site and site.site_name) or getattr(settings, "WAGTAIL_SITE_NAME", "")
    return f"{site_name}: {name}" if site_name else name
