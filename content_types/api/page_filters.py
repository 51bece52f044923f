"""Filters external sites list pages by: when a conference runs, what a project is linked to.

Each parameter belongs to one or more page types and answers 400 when the
request names no type or another one: a site asking for ``?upcoming=true``
without ``type=content_types.ConferencePage`` has made a mistake, and an
unfiltered listing would hide it.

Every filter narrows the listing by primary key (``pk__in`` a subquery). A join
over many-to-many links or inline rows then never repeats a page, no query is
made per page, and the result can still be searched: the search backends accept
a filter on the primary key, and on no unindexed field.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError

from ..models import ConferencePage, FocusArea, NetworkPage, Organisation, ProjectPage, Region
from ..visibility import public_pages

MAX_IDS = 100
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
ID = re.compile(r"[0-9]{1,20}")  # longer is past any id, and too long for int()
BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


def require_type(parameter, queryset, page_types):
    """Raise BadRequestError unless the listing is of one of ``page_types``."""
    if issubclass(queryset.model, page_types):
        return
    labels = [page_type._meta.label for page_type in page_types]
    if len(labels) == 1:
        message = _("%(parameter)s needs type=%(type)s") % {
            "parameter": parameter,
            "type": labels[0],
        }
    else:
        message = _("%(parameter)s needs one of: %(types)s") % {
            "parameter": parameter,
            "types": ", ".join(f"type={label}" for label in labels),
        }
    raise BadRequestError(message)


def narrow(queryset, pages):
    """``queryset`` limited to the primary keys of ``pages``, each page at most once."""
    return queryset.filter(pk__in=pages.values("pk"))


def parse_flag(parameter, value):
    try:
        return BOOLEANS[value.lower()]
    except KeyError:
        raise BadRequestError(
            _("%(parameter)s must be true, false, 1 or 0 (got '%(value)s')")
            % {"parameter": parameter, "value": value}
        ) from None


def parse_instant(parameter, value):
    """The moment ``value`` names: a date's midnight in the site's time zone, or a datetime.

    A datetime must carry its offset: without one it could mean any of the
    time zones the conferences are held in.
    """
    try:
        if DATE.fullmatch(value):
            zone = ZoneInfo(settings.TIME_ZONE)
            instant = datetime.combine(date.fromisoformat(value), time.min, tzinfo=zone)
        else:
            instant = datetime.fromisoformat(value)
            if timezone.is_naive(instant):
                raise ValueError("no offset")
    except ValueError:
        raise BadRequestError(
            _(
                "%(parameter)s: '%(value)s' is not a date (YYYY-MM-DD) or a date and time with "
                "an offset (e.g. 2025-06-10T09:00:00+02:00, with + written as %%2B in a URL)"
            )
            % {"parameter": parameter, "value": value}
        ) from None
    try:
        # Stored in UTC: a moment that leaves the years Python holds once moved there is no date.
        return instant.astimezone(UTC)
    except OverflowError:
        raise BadRequestError(
            _("%(parameter)s: '%(value)s' is out of range")
            % {"parameter": parameter, "value": value}
        ) from None


def parse_ids(parameter, value, model):
    """The ids in ``value``, a comma-separated list of positive whole numbers."""
    parts = value.split(",")
    if len(parts) > MAX_IDS:
        raise BadRequestError(
            _("%(parameter)s takes at most %(count)d ids")
            % {"parameter": parameter, "count": MAX_IDS}
        )
    _lowest, highest = connection.ops.integer_field_range(model._meta.pk.get_internal_type())
    ids = set()
    for part in parts:
        if not ID.fullmatch(part) or not 0 < int(part) <= highest:
            raise BadRequestError(
                _(
                    "%(parameter)s takes ids (positive whole numbers) separated by commas, "
                    "e.g. %(parameter)s=12,15; '%(value)s' is not one"
                )
                % {"parameter": parameter, "value": part}
            )
        ids.add(int(part))
    return ids


class ConferenceTimeFilter(BaseFilterBackend):
    """Conferences by time (Eg: ?upcoming=true, ?starts_after=2025-06-01&starts_before=2025-07-01).

    ``upcoming`` keeps conferences that have not ended, so one under way is
    still upcoming; ``past`` keeps those that have. A date means its midnight in
    the site's time zone (``TIME_ZONE``): ``starts_after`` includes that day,
    ``starts_before`` excludes it.
    """

    openapi_parameters = [
        {
            "name": "upcoming",
            "description": "true: only conferences that have not ended (1 and 0 work too).",
            "schema": {"type": "boolean"},
            "x-types": ["content_types.ConferencePage"],
        },
        {
            "name": "past",
            "description": "true: only conferences that have ended (1 and 0 work too).",
            "schema": {"type": "boolean"},
            "x-types": ["content_types.ConferencePage"],
        },
        {
            "name": "starts_after",
            "description": "Only conferences starting at or after this date (its midnight in the "
            "site's time zone) or date and time with an offset.",
            "schema": {"type": "string"},
            "examples": ["2009-10-01", "2009-10-20T09:00:00+02:00"],
            "x-types": ["content_types.ConferencePage"],
        },
        {
            "name": "starts_before",
            "description": "Only conferences starting before this date (its midnight in the site's "
            "time zone) or date and time with an offset.",
            "schema": {"type": "string"},
            "examples": ["2014-01-01"],
            "x-types": ["content_types.ConferencePage"],
        },
    ]

    parameters = ("upcoming", "past", "starts_after", "starts_before")

    def filter_queryset(self, request, queryset, view):
        given = [name for name in self.parameters if name in request.GET]
        if not given:
            return queryset
        for name in given:
            require_type(name, queryset, (ConferencePage,))

        def read(name, parse, missing):
            return parse(name, request.GET[name]) if name in given else missing

        upcoming, past = read("upcoming", parse_flag, False), read("past", parse_flag, False)
        if upcoming and past:
            raise BadRequestError(_("upcoming and past cannot both be true"))
        after = read("starts_after", parse_instant, None)
        before = read("starts_before", parse_instant, None)
        if after is not None and before is not None and after > before:
            raise BadRequestError(
                _("starts_after (%(after)s) is later than starts_before (%(before)s)")
                % {"after": request.GET["starts_after"], "before": request.GET["starts_before"]}
            )

        condition = Q()
        now = timezone.now()
        if upcoming:
            condition &= Q(end__gt=now)
        if past:
            condition &= Q(end__lte=now)
        if after is not None:
            condition &= Q(start__gte=after)
        if before is not None:
            condition &= Q(start__lt=before)
        if not condition:
            return queryset
        if issubclass(queryset.model, ConferencePage) and "search" not in request.GET:
            # On the conference's own rows: the database can start from the few that
            # match. A search may only filter on indexed fields, as the primary key is.
            return queryset.filter(condition)
        return narrow(queryset, ConferencePage.objects.filter(condition))


@dataclass(frozen=True)
class SnippetLink:
    """How pages link a kind of snippet: per page type, the paths from the page to the snippet."""

    snippet: type
    paths: dict
    #: Per page type, the pages a path goes through; only a public one links.
    through_pages: dict = field(default_factory=dict)

    def pages(self, page_type, snippet_ids, request):
        """Pages of ``page_type`` linked to one of the snippets, or to a translation of one.

        Links follow the source language, so a Norwegian page may point at the
        Swedish snippet or at its Norwegian translation: both share the
        snippet's ``translation_key``. A link through another page (a
        conference's project) counts only while that page is public: a draft
        project's focus areas say nothing about its conferences.
        """
        keys = self.snippet.objects.filter(pk__in=snippet_ids).values("translation_key")
        condition = Q()
        for path in self.paths[page_type]:
            linked = page_type.objects.filter(**{f"{path}__translation_key__in": keys})
            relation = path.split("__", 1)[0]
            if relation in self.through_pages.get(page_type, ()):
                linked = linked.filter(**{f"{relation}__in": public_pages(request).values("pk")})
            condition |= Q(pk__in=linked.values("pk"))
        return page_type.objects.filter(condition)


# A conference has one region (where it is held) and no focus areas of its own:
# it has those of the project it belongs to.
SNIPPET_LINKS = {
    "region": SnippetLink(Region, {ProjectPage: ("regions",), ConferencePage: ("region",)}),
    "focus_area": SnippetLink(
        FocusArea,
        {
            ProjectPage: ("focus_areas",),
            NetworkPage: ("focus_areas",),
            ConferencePage: ("related_project__focus_areas",),
        },
        through_pages={ConferencePage: ("related_project",)},
    ),
    "organisation": SnippetLink(
        Organisation,
        {ProjectPage: ("project_owner", "funders__organisation", "partners__organisation")},
    ),
}


PAGE_FILTER_PARAMETERS = (*ConferenceTimeFilter.parameters, *SNIPPET_LINKS)


def linked_parameters(model):
    """The parameters of ``SNIPPET_LINKS`` that apply to listings of ``model``.

    A conference's ``region`` is also one of its fields; the link, which
    matches translations of the snippet and takes a list, answers for it.
    """
    return {
        name
        for name, link in SNIPPET_LINKS.items()
        if any(issubclass(model, page_type) for page_type in link.paths)
    }


def ids_parameter(name, description):
    """The OpenAPI description of a snippet-id parameter of ``SNIPPET_LINKS``."""
    return {
        "name": name,
        "description": description,
        "schema": {"type": "string", "pattern": "^[0-9]+(,[0-9]+)*$"},
        "x-types": sorted(page_type._meta.label for page_type in SNIPPET_LINKS[name].paths),
    }


class LinkedSnippetFilter(BaseFilterBackend):
    """Pages by linked snippet (Eg: ?region=3, ?focus_area=4,7, ?organisation=9).

    Projects by region, focus area and organisation, networks by focus area,
    conferences by region (where held) and focus area (their project's).

    A list of ids means any of them. ``organisation`` is a project's owner, one
    of its funders or one of its partners. A well-formed id that names no
    snippet matches no page (sites keep ids of snippets since deleted); a
    malformed one answers 400.
    """

    openapi_parameters = [
        ids_parameter(
            "region",
            "Only projects in, or conferences held in, one of these counties or regions "
            "(ids, comma-separated).",
        ),
        ids_parameter(
            "focus_area",
            "Only projects or networks with one of these focus areas, or conferences of a "
            "project with one (ids, comma-separated).",
        ),
        ids_parameter(
            "organisation",
            "Only projects one of these organisations owns, funds or takes part in "
            "(ids, comma-separated).",
        ),
    ]

    def filter_queryset(self, request, queryset, view):
        for name, link in SNIPPET_LINKS.items():
            if name not in request.GET:
                continue
            page_types = tuple(link.paths)
            require_type(name, queryset, page_types)
            ids = parse_ids(name, request.GET[name], link.snippet)
            page_type = next(
                page_type for page_type in page_types if issubclass(queryset.model, page_type)
            )
            queryset = narrow(queryset, link.pages(page_type, ids, request))
        return queryset
