"""Keeping the delivery store current: what a change makes stale, and who is told.

A change marks stale, in its own transaction, exactly the representations that
show the changed object (``models.ContainedObject``); once it commits, the
change log for mirrors (``sync/log.py``), the response cache's tags
(``content_state``) and a CDN (``frontend_cache/``) are told, and the API
renders them again in a task (``marked_stale``, answered by
``api/delivery.py``); a read that comes first renders the one it needs itself.
Rolled back, a change marks nothing.

- A page published, unpublished or moved: its own representation, and every
  one that shows it, any page below it (whose visibility follows it) or any
  of its translations; its parent's, which may list it (a conference's
  programme).
- A page deleted: every representation that showed it.
- A snippet, image or document saved or deleted: every representation that
  shows it or one of its translations.
- A view restriction, collection, locale or site: every representation, as
  any page may show what it changes.
- A translator's work in wagtail-localize (a string translated, a translation
  begun or ended, the copy of a republished source refreshed): every version
  of the page, whose ``meta.translations`` show its translation states; they
  render at their next read, as a PO file is imported a string at a time.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail_localize.models import (
    StringTranslation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.models import Translation as LocalizeTranslation

from ..content_state import (
    EVERY_LISTING,
    EVERY_PAGE,
    api_setting,
    bump_generation,
    bump_tags,
    listing_tags_of,
    page_tag,
)
from ..frontend_cache.surrogate_keys import purge_changed
from ..page_changes import connect_to_page_changes
from ..snippets.models import SNIPPET_MODELS
from ..sync import log as sync_log
from . import store
from .keys import keys_of, page_keys, translation_key_of

#: Sent once a change commits, with the ``page_ids`` whose representations it made stale,
#: where ``RENDER_ON_CHANGE``: the API renders them again (``api/delivery.py``). A signal, as
#: rendering is the API's, which this package never imports.
marked_stale = Signal()

#: Past this many pages, a change drops every kept answer rather than naming each page.
MOST_PAGES_NAMED = 1000


def refresh_on_commit(
    keys=(), page_ids=(), render=(), everything=False, listings=(), gone=(), using=None
):
    """Mark stale what shows the change, in its transaction (rolled back with it); once it
    commits, drop the kept answers that contain it and render again (a task).

    ``listings``: the listing tags whose choice of pages the change may alter
    (``content_state.listing_tag``, ``EVERY_LISTING``).
    """
    marked = mark(keys, page_ids, everything)
    transaction.on_commit(
        lambda: after_commit(marked, page_ids, render, everything, listings, gone),
        using=using,
        robust=True,
    )


def refresh_now(keys=(), page_ids=(), render=(), everything=False, listings=(), gone=()):
    """What ``refresh_on_commit`` does, for a change already committed (a bulk import)."""
    marked = mark(keys, page_ids, everything)
    after_commit(marked, page_ids, render, everything, listings, gone)


def mark(keys, page_ids, everything):
    if everything:
        store.mark_all_stale()
        return []
    return store.mark_stale(keys, page_ids)


def after_commit(marked, page_ids, render, everything, listings, gone=()):
    """In this order: the pages that may have changed are noted for mirrors
    (``sync/log.py``; ``gone``: pages deleted); the generation moves before
    the tags, so an answer made from the old content is never kept under new
    tags (``caching.contained_tags``); a CDN is told to drop the answers that
    name the moved tags last (``frontend_cache/``), so its next request reads
    the new content."""
    changed = set(marked) | set(page_ids) | set(render)
    sync_log.record(changed, gone=gone, everything=everything)
    tags = {EVERY_LISTING} if everything else set(listings)
    if everything or len(changed) > MOST_PAGES_NAMED:
        tags.add(EVERY_PAGE)
    else:
        tags.update(page_tag(page_id) for page_id in changed)
    bump_generation()
    if tags:
        bump_tags(tags)
    purge_changed(tags)
    wanted = sorted(set(marked) | set(render))
    if wanted and api_setting("RENDER_ON_CHANGE"):
        marked_stale.send(sender=None, page_ids=wanted)


def refresh_everything():
    """After a change made without signals (a bulk insert, a restore): everything renders again."""
    refresh_now(everything=True)


def listings_of(content_type_ids):
    """The listing tags of pages of these content types: only listings of their types (and
    of every type) may choose other pages when they change."""
    tags = set()
    for content_type_id in set(content_type_ids):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        tags |= listing_tags_of(model or Page)
    return tags | listing_tags_of(Page)


def page_changed(sender, instance, **kwargs):
    """Published, unpublished or moved: the page, the pages below it, its translations, its parent."""
    below = dict(
        Page.objects.descendant_of(instance, inclusive=True).values_list("pk", "content_type")
    )
    keys = page_keys(below) | {translation_key_of(Page, instance.translation_key)}
    parent = Page.objects.filter(path=instance.path[: -Page.steplen]).values_list("pk", flat=True)
    refresh_on_commit(
        keys=keys,
        page_ids=[*below, *parent],
        render=[instance.pk] if instance.live else [],
        listings=listings_of(below.values()),
        using=kwargs.get("using"),
    )


def page_deleted(sender, instance, **kwargs):
    refresh_on_commit(
        keys=keys_of(instance),
        page_ids=[instance.pk],
        listings=listings_of([instance.content_type_id]),
        gone=[sync_log.gone_page(instance)],
        using=kwargs.get("using"),
    )


def object_saved(sender, instance, **kwargs):
    refresh_on_commit(keys=keys_of(instance), using=kwargs.get("using"))


def object_deleted(sender, instance, **kwargs):
    """Deleted, it also leaves the listings its pages were chosen by (a region, an organiser)."""
    refresh_on_commit(keys=keys_of(instance), listings={EVERY_LISTING}, using=kwargs.get("using"))


def everything_changed(sender, instance, **kwargs):
    refresh_on_commit(everything=True, using=kwargs.get("using"))


def translated_objects(instance):
    """The translation key whose translation states (``localization/status.py``) ``instance``
    counts in, as a list or a query: wagtail-localize's copy of a source names it, a translation
    names its copy, a translated string the context it was translated in."""
    if isinstance(instance, TranslationSource):
        return [instance.object_id]
    if isinstance(instance, LocalizeTranslation):
        return TranslationSource.objects.filter(pk=instance.source_id).values("object_id")
    return TranslationContext.objects.filter(pk=instance.context_id).values("object_id")


def translation_work_changed(sender, instance, **kwargs):
    """Every version of the page: their translations' progress and status change."""
    versions = Page.objects.filter(translation_key__in=translated_objects(instance))
    refresh_on_commit(
        page_ids=list(versions.values_list("pk", flat=True)), using=kwargs.get("using")
    )


def connect():
    """Connect the receivers (``AppConfig.ready``)."""
    connect_to_page_changes(page_changed, "samverkan_delivery_page")
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="samverkan_delivery_page_deleted")
    shown = (*SNIPPET_MODELS, get_image_model(), get_document_model())
    everywhere = (PageViewRestriction, CollectionViewRestriction, Collection, Locale, Site)
    receivers = [(shown, post_save, object_saved), (shown, post_delete, object_deleted)]
    receivers += [(everywhere, signal, everything_changed) for signal in (post_save, post_delete)]
    for models, signal, receiver in receivers:
        for model in models:
            uid = f"samverkan_delivery_{model._meta.label_lower}_{receiver.__name__}"
            signal.connect(receiver, sender=model, dispatch_uid=uid)
    for model in (StringTranslation, LocalizeTranslation, TranslationSource):
        name = model._meta.label_lower
        for signal, change in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(
                translation_work_changed,
                sender=model,
                dispatch_uid=f"samverkan_delivery_{name}_{change}",
            )
