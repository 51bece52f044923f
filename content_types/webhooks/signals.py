"""Signal handlers: they record what happened and enqueue it, nothing more.

The event is enqueued when the transaction commits (nothing is announced that
is rolled back), and an enqueueing that fails is logged: publishing never
waits for or fails because of a subscriber. A draft (``save_revision`` without
publishing) sends no signal handled here.
"""

import logging
from functools import partial, wraps

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from ..snippets.models import SNIPPET_MODELS
from . import payloads
from .models import WebhookEvent

logger = logging.getLogger(__name__)


def emit(payload):
    """Enqueue ``payload`` for delivery once the current transaction commits."""
    transaction.on_commit(partial(_enqueue, payload))


def _enqueue(payload):
    from .tasks import dispatch_event

    try:
        dispatch_event.enqueue(payload)
    except Exception:
        logger.exception("Webhook event %r could not be enqueued", payload["event"])


def never_raises(handler):
    """A handler that logs its own failure instead of failing the save or publish."""

    @wraps(handler)
    def wrapper(*args, **kwargs):
        try:
            handler(*args, **kwargs)
        except Exception:
            logger.exception("Webhook signal handler %s failed", handler.__name__)

    return wrapper


@never_raises
def page_published_handler(sender, instance, **kwargs):
    emit(payloads.page_event(WebhookEvent.PAGE_PUBLISHED, instance))


@never_raises
def page_unpublished_handler(sender, instance, **kwargs):
    emit(payloads.page_event(WebhookEvent.PAGE_UNPUBLISHED, instance))


@never_raises
def page_deleted_handler(sender, instance, **kwargs):
    # Connected to Page: every deleted page, whatever its type, deletes one Page row.
    emit(payloads.page_event(WebhookEvent.PAGE_DELETED, instance))


@never_raises
def page_moved_handler(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    # A draft that moves is nobody's business; reordering siblings changes no URL.
    if instance.live and url_path_before != url_path_after:
        emit(payloads.page_event(WebhookEvent.PAGE_MOVED, instance))


@never_raises
def snippet_saved_handler(sender, instance, created=False, raw=False, **kwargs):
    if raw:  # fixtures
        return
    # A new snippet is on no page yet, unless it is the translation of one that is:
    # then pages in its language show it from now on.
    if created and not is_translation_of_existing(instance):
        return
    emit(payloads.snippet_event(instance))


def is_translation_of_existing(instance):
    translation_key = getattr(instance, "translation_key", None)
    if translation_key is None:
        return False
    others = type(instance)._default_manager.filter(translation_key=translation_key)
    return others.exclude(pk=instance.pk).exists()


def connect():
    """Connect the handlers (``AppConfig.ready``)."""
    page_published.connect(page_published_handler, dispatch_uid="samverkan_webhooks_published")
    page_unpublished.connect(
        page_unpublished_handler, dispatch_uid="samverkan_webhooks_unpublished"
    )
    post_delete.connect(
        page_deleted_handler, sender=Page, dispatch_uid="samverkan_webhooks_deleted"
    )
    post_page_move.connect(page_moved_handler, dispatch_uid="samverkan_webhooks_moved")
    for model in SNIPPET_MODELS:
        post_save.connect(
            snippet_saved_handler,
            sender=model,
            dispatch_uid=f"samverkan_webhooks_{model._meta.model_name}_saved",
        )
