"""Translations follow their source when it is republished.

wagtail-localize keeps its own copy of a source page (``TranslationSource``)
and only refreshes it when an editor chooses "Sync translated pages". Until
then the translation editor, the PO export and the status report all work
against the old text: a changed source is reported outdated, yet no string is
waiting for a translator. So whenever a page that has translations is
published, its copy is refreshed here, as that action does without
publishing: ``TranslationSource.update_from_db`` keeps every translated string
(a changed string's earlier translation stays with the place it was in, so it
can be offered as a suggestion) and the translations' view restrictions follow
the source's. No translated page is saved or published: the translators'
work goes through review as any other.

Publishing only enqueues the work once the transaction commits (a task, as
webhooks are); the refresh, and the e-mail to the translators whose
translation it makes outdated, run in the task.
"""

import logging
from functools import partial

from django.db import transaction
from django.db.models import Exists, OuterRef
from wagtail.models import Page
from wagtail.signals import page_published
from wagtail_localize.models import Translation, TranslationSource

logger = logging.getLogger(__name__)


def translation_records(page):
    """The wagtail-localize copy ``page`` is translated from, if it is a source with translations."""
    enabled = Translation.objects.filter(source_id=OuterRef("pk"), enabled=True)
    return TranslationSource.objects.filter(
        Exists(enabled), object_id=page.translation_key, locale_id=page.locale_id
    )


def sync_translations(source):
    """Refresh ``source`` from its live page; return the translations it made outdated.

    A translation becomes outdated when it was current before: every string
    translated and its page published after the previous copy. Translations
    that were already behind are not returned (their translators heard before).
    """
    translations = list(
        Translation.objects.filter(source=source, enabled=True).select_related("target_locale")
    )
    current_before = {t.pk for t in translations if was_current(t, source)}
    try:
        source.update_from_db()
    except source.specific_content_type.model_class().DoesNotExist:
        return []  # the source page is gone; nothing to follow
    for translation in translations:
        source.update_target_view_restrictions(translation.target_locale)
    return [t for t in translations if t.pk in current_before]


def was_current(translation, source):
    """Whether ``translation`` was complete and published after ``source``'s copy was taken."""
    total, done = translation.get_progress()
    if done < total:
        return False
    return Page.objects.filter(
        translation_key=source.object_id,
        locale_id=translation.target_locale_id,
        live=True,
        last_published_at__gte=source.last_updated_at,
    ).exists()


def sync_stale_sources(locale):
    """Sync every page source translated into ``locale`` that was published after its copy.

    Publishing syncs at once; this catches what was published before that held,
    or while the task backend was not running.
    """
    published_later = Page.objects.filter(
        translation_key=OuterRef("object_id"),
        locale_id=OuterRef("locale_id"),
        last_published_at__gt=OuterRef("last_updated_at"),
    )
    stale = TranslationSource.objects.filter(
        Exists(published_later),
        Exists(
            Translation.objects.filter(source_id=OuterRef("pk"), target_locale=locale, enabled=True)
        ),
    ).exclude(locale=locale)
    synced = []
    for source in stale.order_by("last_updated_at"):
        synced.append((source, sync_translations(source)))
    return synced


def source_published_handler(sender, instance, **kwargs):
    """Enqueue the sync of a published source page once the transaction commits."""
    try:
        if translation_records(instance).exists():
            transaction.on_commit(partial(enqueue, instance.pk))
    except Exception:
        logger.exception("Translations of page %s could not be synced", instance.pk)


def enqueue(page_id):
    from .tasks import sync_translations_of_page

    try:
        sync_translations_of_page.enqueue(page_id)
    except Exception:
        logger.exception("The sync of the translations of page %s could not be enqueued", page_id)


def connect():
    """Connect the handler (``AppConfig.ready``)."""
    page_published.connect(source_published_handler, dispatch_uid="samverkan_translations_sync")
