"""Keeping the delivery store current: what a change makes stale, and rendering it again.

A change marks stale, once it is committed, exactly the representations that
show the changed object (``delivery.models.ContainedObject``), and a task
renders them again (``refresh_representations``); a read that comes first
renders the one it needs itself (``delivery.py``). Rolled back, a change marks
nothing.

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

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_tasks import task
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
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail_localize.models import (
    StringTranslation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.models import Translation as LocalizeTranslation

from ..delivery import store
from ..delivery.keys import keys_of, page_keys, translation_key_of
from ..snippets.models import SNIPPET_MODELS
from .caching import bump_generation


@task()
def refresh_representations(page_ids):
    """Render again the representations of ``page_ids`` that are stale or missing."""
    from .delivery import representations

    representations(page_ids)


def refresh_on_commit(keys=(), page_ids=(), render=(), everything=False, using=None):
    def refresh():
        if everything:
            store.mark_all_stale()
            marked = []
        else:
            marked = store.mark_stale(keys, page_ids)
        wanted = sorted(set(marked) | set(render))
        if wanted:
            refresh_representations.enqueue(wanted)

    # A rendering takes its valid_until from the page schedule kept for the content
    # generation (caching.next_schedule_change). The generation moves first, so that
    # renderings from here on (the task's, with the immediate backend at once, and any
    # reader's) read the schedule of what was just committed: a page published to expire
    # in an hour is otherwise linked to until the scheduled-publishing job unpublishes it.
    # invalidation.py moves it again once this is marked stale.
    transaction.on_commit(bump_generation, using=using, robust=True)
    transaction.on_commit(refresh, using=using, robust=True)


def page_changed(sender, instance, **kwargs):
    """Published, unpublished or moved: the page, the pages below it, its translations, its parent."""
    below = list(Page.objects.descendant_of(instance, inclusive=True).values_list("pk", flat=True))
    keys = page_keys(below) | {translation_key_of(Page, instance.translation_key)}
    parent = Page.objects.filter(path=instance.path[: -Page.steplen]).values_list("pk", flat=True)
    refresh_on_commit(
        keys=keys,
        page_ids=list(parent),
        render=[instance.pk] if instance.live else [],
        using=kwargs.get("using"),
    )


def page_deleted(sender, instance, **kwargs):
    refresh_on_commit(keys=keys_of(instance), using=kwargs.get("using"))


def object_changed(sender, instance, **kwargs):
    refresh_on_commit(keys=keys_of(instance), using=kwargs.get("using"))


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
    """Every version of the page, marked stale once committed; each renders at its next read."""
    versions = Page.objects.filter(translation_key__in=translated_objects(instance))

    def mark():
        store.mark_stale(page_ids=list(versions.values_list("pk", flat=True)))

    transaction.on_commit(mark, using=kwargs.get("using"), robust=True)


def connect():
    """Connect the receivers (``AppConfig.ready``)."""
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("moved", post_page_move),
    ):
        signal.connect(page_changed, dispatch_uid=f"samverkan_delivery_page_{name}")
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="samverkan_delivery_page_deleted")
    shown = (*SNIPPET_MODELS, get_image_model(), get_document_model())
    everywhere = (PageViewRestriction, CollectionViewRestriction, Collection, Locale, Site)
    for models, receiver in ((shown, object_changed), (everywhere, everything_changed)):
        for model in models:
            name = model._meta.label_lower
            for signal, change in ((post_save, "saved"), (post_delete, "deleted")):
                signal.connect(
                    receiver, sender=model, dispatch_uid=f"samverkan_delivery_{name}_{change}"
                )
    for model in (StringTranslation, LocalizeTranslation, TranslationSource):
        name = model._meta.label_lower
        for signal, change in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(
                translation_work_changed,
                sender=model,
                dispatch_uid=f"samverkan_delivery_{name}_{change}",
            )
