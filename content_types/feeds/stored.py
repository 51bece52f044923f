"""The calendars an anonymous reader gets: the pages chosen as before, their events from the store.

The feed's pages are chosen by the same queries as ever (``public_pages``);
only the text of their events comes from the delivery store
(``events.StoredEvent``), one query for all of them, rendered first where
missing or stale as every read of the store is (``api.delivery``). A reader
who is logged in or has passed a password may see pages the store's
anonymous rendering does not, and a page the store holds no event for (one
that is public to this request's site but not to its own) cannot be spliced:
those calendars are built from the pages, as ``calendar.py`` builds them.

Each function answers ``(bytes, tags)``: the content tags a calendar from the
store contains (``content_state``), as the API's listings name theirs, so a
change to other pages leaves it cached; None for one built from the pages.
"""

from contextlib import nullcontext

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction

from ..api.delivery import representations
from ..conferences.models import ConferencePage, ProgrammeItemPage
from ..conferences.programme import public_programme_items
from ..content_state import EVERY_LISTING, EVERY_PAGE, listing_tag, page_tag
from ..visibility import is_anonymous
from .calendar import (
    calendar_name,
    conference_calendar,
    conferences_calendar,
    programme_item_calendar,
)
from .events import StoredEvent, spliced_calendar

#: The most representations one read of a calendar renders into the delivery store.
RENDERED_PER_CALENDAR = 50


def conferences_ical(request, conferences, language_code=None):
    """``calendar.conferences_calendar``'s bytes, and the tags they contain."""
    page_ids = [conference.pk for conference in conferences]
    events = stored_events(request, page_ids)
    if events is None:
        return conferences_calendar(request, conferences, language_code).to_ical(), None
    with translation.override(language_code) if language_code else nullcontext():
        name = calendar_name(request, _("Conferences"))
    calendar = spliced_calendar(name, settings.TIME_ZONE, events, request)
    return calendar, listed_tags(ConferencePage, page_ids)


def conference_ical(request, conference):
    """``calendar.conference_calendar``'s bytes: the conference, then its public timed items."""
    items = public_programme_items([conference], request).filter(start__isnull=False)
    page_ids = [conference.pk, *items.values_list("pk", flat=True)]
    events = stored_events(request, page_ids)
    if events is None:
        return conference_calendar(request, conference).to_ical(), None
    name = calendar_name(request, conference.title)
    calendar = spliced_calendar(name, conference.timezone, events, request)
    return calendar, listed_tags(ProgrammeItemPage, page_ids)


def programme_item_ical(request, item):
    """``calendar.programme_item_calendar``'s bytes."""
    events = stored_events(request, [item.pk])
    if events is None:
        return programme_item_calendar(request, item).to_ical(), None
    name = calendar_name(request, item.title)
    calendar = spliced_calendar(name, item.conference.timezone, events, request)
    return calendar, {EVERY_PAGE, page_tag(item.pk)}


def listed_tags(model, page_ids):
    """A calendar that lists pages of ``model`` (the upcoming conferences, a programme's items)
    contains them and the listings of their type: another such page published may join it."""
    return {EVERY_PAGE, EVERY_LISTING, listing_tag(model), *map(page_tag, page_ids)}


def stored_events(request, page_ids):
    """The stored event of each of ``page_ids``, in order; None where the calendar must be built
    from the pages (a reader who is not anonymous, a page the store holds no event for).

    A calendar may list any number of pages: while more than
    ``RENDERED_PER_CALENDAR`` of them are missing from the store (a new
    installation, before ``rebuild_delivery_store``), each read renders that
    many and the calendar is built from the pages.
    """
    if not is_anonymous(request, PageViewRestriction.passed_view_restrictions_session_key):
        return None
    found = representations(page_ids, render_at_most=RENDERED_PER_CALENDAR)
    events = []
    for page_id in page_ids:
        representation = found.get(page_id)
        if representation is None or not representation.calendar_event:
            return None
        events.append(
            StoredEvent(representation.calendar_event, representation.calendar_time_zones)
        )
    return events
