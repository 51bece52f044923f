"""The calendars an anonymous reader gets: the pages chosen as before, their events from the store.

The feed's pages are chosen by the same queries as ever (``public_pages``);
only the text of their events comes from the delivery store
(``events.StoredEvent``), one query for all of them, rendered first where
missing or stale as every read of the store is (``api.delivery``). A reader
who is logged in or has passed a password may see pages the store's
anonymous rendering does not, and a page the store holds no event for (one
that is public to this request's site but not to its own) cannot be spliced:
those calendars are built from the pages, as ``calendar.py`` builds them.
"""

from contextlib import nullcontext

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction

from ..api.delivery import representations
from ..conferences.programme import public_programme_items
from ..visibility import is_anonymous
from .calendar import (
    calendar_name,
    conference_calendar,
    conferences_calendar,
    programme_item_calendar,
)
from .events import StoredEvent, spliced_calendar


def conferences_ical(request, conferences, language_code=None):
    """``calendar.conferences_calendar``'s bytes."""
    events = stored_events(request, [conference.pk for conference in conferences])
    if events is None:
        return conferences_calendar(request, conferences, language_code).to_ical()
    with translation.override(language_code) if language_code else nullcontext():
        name = calendar_name(request, _("Conferences"))
    return spliced_calendar(name, settings.TIME_ZONE, events, request)


def conference_ical(request, conference):
    """``calendar.conference_calendar``'s bytes: the conference, then its public timed items."""
    items = public_programme_items([conference], request).filter(start__isnull=False)
    events = stored_events(request, [conference.pk, *items.values_list("pk", flat=True)])
    if events is None:
        return conference_calendar(request, conference).to_ical()
    name = calendar_name(request, conference.title)
    return spliced_calendar(name, conference.timezone, events, request)


def programme_item_ical(request, item):
    """``calendar.programme_item_calendar``'s bytes."""
    events = stored_events(request, [item.pk])
    if events is None:
        return programme_item_calendar(request, item).to_ical()
    name = calendar_name(request, item.title)
    return spliced_calendar(name, item.conference.timezone, events, request)


def stored_events(request, page_ids):
    """The stored event of each of ``page_ids``, in order; None where the calendar must be built
    from the pages (a reader who is not anonymous, a page the store holds no event for)."""
    if not is_anonymous(request, PageViewRestriction.passed_view_restrictions_session_key):
        return None
    found = representations(page_ids)
    events = []
    for page_id in page_ids:
        representation = found.get(page_id)
        if representation is None or not representation.calendar_event:
            return None
        events.append(
            StoredEvent(representation.calendar_event, representation.calendar_time_zones)
        )
    return events
