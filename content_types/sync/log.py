"""Appending to the change log, and pruning it: what a delta is worked out from.

``delivery/refresh.py`` records, once a change is committed, every page whose
representation or visibility it may have changed (pages deleted with the type
and language they had), or that every page may have (``everything``). Entries
older than ``SYNC_TOKEN_MAX_AGE`` (with the overlap a delta reads again) are
dropped: a token that old is refused anyway.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from ..content_state import api_setting
from .models import SyncChange

#: A delta also reads the entries recorded this long before its token: an entry whose
#: sequence number was taken before the token's but committed after it is not missed.
OVERLAP = timedelta(minutes=5)


@dataclass(frozen=True)
class GonePage:
    """A page deleted, as mirrors are told of it."""

    id: int
    type: str
    language_code: str


def gone_page(page):
    """``page`` (being deleted) as the log keeps it."""
    return GonePage(page.pk, page.specific_class._meta.label, page.locale.language_code)


def record(page_ids=(), gone=(), everything=False):
    """Note that ``page_ids`` (and the deleted pages ``gone``) may show something else now."""
    now = timezone.now()
    entries = []
    if everything:
        entries.append(SyncChange(recorded_at=now))
    gone_ids = {page.id for page in gone}
    rows = Page.objects.filter(pk__in=[pk for pk in set(page_ids) if pk not in gone_ids])
    for pk, content_type_id, language_code in rows.values_list(
        "pk", "content_type", "locale__language_code"
    ):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        entries.append(
            SyncChange(
                page_id=pk,
                page_type=model._meta.label if model else "",
                language_code=language_code,
                recorded_at=now,
            )
        )
    entries += [
        SyncChange(
            page_id=page.id, page_type=page.type, language_code=page.language_code, recorded_at=now
        )
        for page in gone
    ]
    SyncChange.objects.bulk_create(entries)
    prune(now)


def prune(now):
    kept = timedelta(seconds=api_setting("SYNC_TOKEN_MAX_AGE")) + OVERLAP
    SyncChange.objects.filter(recorded_at__lt=now - kept).delete()


def last_sequence():
    """The sequence number of the latest entry (0 when the log is empty)."""
    latest = SyncChange.objects.order_by("-id").values_list("id", flat=True).first()
    return latest or 0
