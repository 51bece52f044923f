"""Which pages a delta names: those the log recorded, and those the clock changed.

Between a token's moment and a delta's, a page may show something else, or
stop or start being public, because:

- a change was committed (``log.py``: the pages ``refresh_now`` marked, with
  those below and beside them);
- its ``go_live_at`` or ``expire_at`` passed, which hides or shows it and every
  page below it, with or without the scheduled-publishing job;
- its representation was rendered again, or should have been, because its
  output changes with the clock (a registration closing: ``valid_until``).

A delta names each such page once; the sync API then tells its current
representation if it is public, and its deletion if not (``deleted``).
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Q
from wagtail.models import Page

from ..delivery.models import Representation
from ..visibility import below as pages_below
from .log import OVERLAP
from .models import SyncChange


@dataclass(frozen=True)
class Window:
    """From a token's moment (``since``) to the delta's (``until``): sequences and times."""

    since_sequence: int
    since: datetime
    until_sequence: int
    until: datetime

    @classmethod
    def between(cls, since, until):
        """The window between two of a token's moments, each ``(sequence, timestamp)``."""
        return cls(since[0], moment(since[1]), until[0], moment(until[1]))


def moment(timestamp):
    return datetime.fromtimestamp(timestamp, UTC)


def next_pages(public, language_code, since, until, after, size):
    """The next ``size`` pages a sync names after the page ``after``, by id, ``(ids, more, types)``.

    A full sync (``since`` None) names every page of ``public``; a delta, every
    page that may have changed between ``since`` and ``until`` (``changed_pages``),
    public or not, with the type each deleted page had (``types``). ``more``
    says whether pages follow.
    """
    if since is None:
        ids = public.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)
        chosen, types = list(ids[: size + 1]), {}
    else:
        ids, types = changed_pages(Window.between(since, until), language_code)
        chosen = sorted(pk for pk in ids if pk > after)[: size + 1]
    return chosen[:size], len(chosen) > size, types


def changed_pages(window, language_code):
    """The ids of the pages that may have changed in ``window`` in ``language_code`` (None: all),
    with the type each deleted page had; ``(ids, types)``."""
    entries = SyncChange.objects.filter(id__lte=window.until_sequence).filter(
        Q(id__gt=window.since_sequence) | Q(recorded_at__gte=window.since - OVERLAP)
    )
    if language_code:
        entries = entries.filter(Q(language_code=language_code) | Q(page_id__isnull=True))
    ids, types = set(), {}
    everything = False
    for page_id, page_type in entries.values_list("page_id", "page_type"):
        if page_id is None:
            everything = True
        else:
            ids.add(page_id)
            types[page_id] = page_type
    pages = Page.objects.all()
    if language_code:
        pages = pages.filter(locale__language_code=language_code)
    if everything:
        ids |= set(pages.values_list("pk", flat=True))
    else:
        ids |= set(by_the_clock(pages, window).values_list("pk", flat=True))
    return ids, types


def by_the_clock(pages, window):
    """``pages`` whose public state or output the clock changed in ``window``."""
    since, until = window.since, window.until
    scheduled = Page.objects.filter(
        Q(go_live_at__gt=since, go_live_at__lte=until)
        | Q(expire_at__gt=since, expire_at__lte=until)
    )
    paths = list(scheduled.values_list("path", flat=True))
    rendered = Representation.objects.filter(
        Q(rendered_at__gt=since) | Q(valid_until__gt=since, valid_until__lte=until)
    )
    return pages.filter(pages_below(paths) | Q(pk__in=rendered.values("page_id")))


def deleted(page_ids, types):
    """``{"id", "type"}`` of each page, by the type it has, or had when it was deleted (the log)."""
    existing = {
        page.pk: page.specific_class._meta.label
        for page in Page.objects.filter(pk__in=page_ids).select_related("content_type")
    }
    known = {pk: page_type for pk, page_type in types.items() if page_type}
    if len(known) < len(page_ids):
        known.update(
            SyncChange.objects.filter(page_id__in=page_ids)
            .exclude(page_type="")
            .values_list("page_id", "page_type")
        )
    return [{"id": pk, "type": existing.get(pk) or known.get(pk, "")} for pk in page_ids]
