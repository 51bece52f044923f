"""The calendar feeds over HTTP: plain Django views answering text/calendar.

Errors answer as the API's do: ``{"message": ...}``, in the client's language.
"""

import re

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from wagtail.models import Locale

from ..api.caching import cache_public_response, contains
from ..api.messages import message_language, unknown_parameters
from ..api.methods import read_only
from ..conferences.models import ConferencePage
from .calendar import public_conference, public_programme_item, upcoming_conferences
from .stored import conference_ical, conferences_ical, programme_item_ical

CONTENT_TYPE = "text/calendar; charset=utf-8"

SITE_PARAMETER = {
    "name": "site",
    "description": "The site (hostname, or hostname:port) whose conferences to show; "
    "by default the site the request is for.",
    "schema": {"type": "string"},
}
LOCALE_PARAMETER = {
    "name": "locale",
    "description": "Only conferences in this language (a language code).",
    "schema": {"type": "string"},
    "examples": ["sv", "nb"],
}
#: Accepted and ignored, as by Wagtail's API: a cache-busting parameter some clients add.
IGNORED_PARAMETERS = {"_"}


class FeedError(Exception):
    """A request the feed cannot answer with a calendar; ``status`` says why."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


@read_only
@cache_public_response
def upcoming_conferences_feed(request):
    """``conferences.ics``: every upcoming public conference; ``?locale=nb`` for one language."""
    with translation.override(message_language(request)):
        try:
            check_query(request, upcoming_conferences_feed.openapi_parameters)
            locale = requested_locale(request)
            conferences = list(visible(upcoming_conferences, request, locale))
        except FeedError as error:
            return error_response(error)
    language_code = locale.language_code if locale else None
    calendar = conferences_ical(request, conferences, language_code)
    filename = f"conferences-{language_code}.ics" if locale else "conferences.ics"
    return calendar_response(*calendar, filename)


upcoming_conferences_feed.openapi_parameters = [LOCALE_PARAMETER, SITE_PARAMETER]


@read_only
@cache_public_response
def conference_feed(request, conference_id):
    """``conferences/<id>.ics``: one public conference and its programme."""
    with translation.override(message_language(request)):
        try:
            check_query(request, conference_feed.openapi_parameters)
            conference = page_named_by(
                public_conference,
                request,
                conference_id,
                _("no public conference has the id '%(id)s'"),
            )
        except FeedError as error:
            return error_response(error)
    return calendar_response(*conference_ical(request, conference), f"{conference.slug}.ics")


conference_feed.openapi_parameters = [SITE_PARAMETER]
conference_feed.openapi_not_found = "No public conference has this id."


@read_only
@cache_public_response
def programme_item_feed(request, item_id):
    """``programme-items/<id>.ics``: one public programme item with a start, as one event.

    An item without a start is in no calendar: its id answers 404, as does a
    private item's or that of an item whose conference is not public.
    """
    with translation.override(message_language(request)):
        try:
            check_query(request, programme_item_feed.openapi_parameters)
            item = page_named_by(
                public_programme_item,
                request,
                item_id,
                _("no public programme item with a time has the id '%(id)s'"),
            )
        except FeedError as error:
            return error_response(error)
    return calendar_response(*programme_item_ical(request, item), f"{item.slug}.ics")


programme_item_feed.openapi_parameters = [SITE_PARAMETER]
programme_item_feed.openapi_not_found = "No public programme item with a start has this id."


def page_named_by(find, request, raw_id, not_found):
    """The page ``find`` gives for the id in the URL, or a FeedError 404 saying ``not_found``."""
    pk = page_id(raw_id)
    page = visible(find, request, pk) if pk is not None else None
    if page is None:
        raise FeedError(not_found % {"id": raw_id}, 404)
    return page


def check_query(request, parameters):
    """A FeedError for a parameter the feed does not know, or a null character in one."""
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            # Some databases reject a null character in any string they are given.
            raise FeedError(_("null characters are not allowed in query parameters"))
    known = {parameter["name"] for parameter in parameters} | IGNORED_PARAMETERS
    unknown = set(request.GET) - known
    if unknown:
        raise FeedError(unknown_parameters(unknown))


def requested_locale(request):
    """The Locale ``?locale=`` names, None without one; a FeedError for one that does not exist."""
    code = request.GET.get("locale")
    if code is None:
        return None
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    if code not in locales:
        raise FeedError(
            _("%(parameter)s '%(code)s' does not exist (choose from: %(known)s)")
            % {"parameter": "locale", "code": code, "known": ", ".join(sorted(locales))}
        )
    return locales[code]


def page_id(value):
    """``value`` as a page id, or None when it is no id any page can have."""
    if not re.fullmatch(r"[0-9]{1,20}", value):
        return None
    pk = int(value)
    try:
        # The range the database column holds: a larger id fails inside the database.
        ConferencePage._meta.pk.target_field.run_validators(pk)
    except ValidationError:
        return None
    return pk


def visible(query, request, *args):
    """``query(request, ...)`` evaluated; a FeedError where ``?site=`` is malformed or unknown."""
    try:
        return query(request, *args)
    except ValueError as error:
        raise FeedError(str(error)) from error
    except Http404 as error:
        # As the API answers it: a JSON 404, not the site's HTML page.
        raise FeedError(str(error), 404) from error


def calendar_response(calendar, tags, filename):
    """``calendar``: the calendar's bytes, and the content tags it contains or None
    (``stored.py``): one built from the pages contains the whole generation."""
    response = HttpResponse(calendar, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return contains(response, tags) if tags else response


def error_response(error):
    return JsonResponse({"message": error.message}, status=error.status)
