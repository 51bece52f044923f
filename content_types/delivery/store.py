"""Writing the store: a rendering saved unless what it shows changed meanwhile, and marking stale.

A rendering reads the content as it was when it began. ``mark_stale`` moves
the ``version`` of every representation it names, so a rendering begun before
a change is never saved over the change (``save`` compares the version it
started from); the next read renders again.
"""

import logging

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F

from .models import ContainedObject, Representation

logger = logging.getLogger(__name__)


def save(rendering, version):
    """Keep ``rendering`` (``api.rendering.Rendering``) if the page's representation is still at
    ``version`` (None: there was none). Returns the representation, saved or not."""
    fields = {
        "language_code": rendering.language_code,
        "layout": rendering.layout,
        "body": rendering.body,
        "stale": False,
        "rendered_at": rendering.rendered_at,
        "valid_until": rendering.valid_until,
        "calendar_event": rendering.calendar_event.text,
        "calendar_time_zones": rendering.calendar_event.time_zones,
    }
    representation = Representation(page_id=rendering.page_id, version=version or 0, **fields)
    try:
        with transaction.atomic():
            if version is None:
                representation.save(force_insert=True)
            elif not Representation.objects.filter(
                page_id=rendering.page_id, version=version
            ).update(**fields):
                return representation  # changed while it rendered: served once, not kept
            ContainedObject.objects.filter(representation_id=rendering.page_id).delete()
            ContainedObject.objects.bulk_create(
                ContainedObject(representation_id=rendering.page_id, key=key)
                for key in sorted(rendering.keys)
            )
    except IntegrityError:
        pass  # another process saved its rendering first
    except OperationalError:
        # SQLite lets one writer at a time: a reader that cannot keep its rendering
        # while an editor publishes serves it all the same; a later read keeps it.
        logger.warning("The rendering of page %s could not be kept", rendering.page_id)
    return representation


def mark_stale(keys=(), page_ids=()):
    """Representations that show any of ``keys``, and those of the pages ``page_ids`` (a parent
    that lists the changed page), render again before their next read. Returns the ids of the
    pages whose representations were marked."""
    marked = Representation.objects.containing(keys) | Representation.objects.filter(
        page_id__in=list(page_ids)
    )
    ids = list(marked.values_list("page_id", flat=True))
    Representation.objects.filter(page_id__in=ids).update(stale=True, version=F("version") + 1)
    return ids


def mark_all_stale():
    """Every representation renders again before its next read (a locale, site or restriction
    changed, which can change what any page shows)."""
    return Representation.objects.update(stale=True, version=F("version") + 1)


def forget(page_ids):
    """Drop the representations of pages that are no longer public or exist."""
    Representation.objects.filter(page_id__in=list(page_ids)).delete()
