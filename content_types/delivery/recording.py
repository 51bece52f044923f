"""What a rendering reads: every object loaded while a representation is rendered.

The serializers are the one definition of the output, and they load what they
show (a speaker's person, the person's organisation, its parent, the linked
pages, the programme's items). Rather than have each of them declare it, the
rendering listens to Django's ``post_init`` while it runs: every tracked
object loaded is contained, and so is every page a loaded row points at by a
foreign key, shown or not (a link to a page that is hidden today shows it
once it is published). A snippet, image or document is shown only by being
loaded, so what a loaded row merely points at of those is left out: a
programme item loads its conference's row, and a change to the conference's
venue or image must not render every item again.

Tracked: pages, the snippets pages show, images and documents; the objects a
change signal names (``delivery/refresh.py``). Other rows (inline rows, revisions,
locales) change only with their page or with everything.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from django.db.models.signals import post_init
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from ..snippets.models import SNIPPET_MODELS
from .keys import key_of, keys_of

_recorded = ContextVar("samverkan_delivery_recorded", default=None)


@contextmanager
def recording():
    """Collect the keys (``delivery.keys``) of what is loaded inside the block into a set."""
    keys = set()
    token = _recorded.set(keys)
    try:
        yield keys
    finally:
        _recorded.reset(token)


@cache
def tracked_models():
    return (Page, *SNIPPET_MODELS, get_image_model(), get_document_model())


def is_tracked(model):
    return issubclass(model, tracked_models())


@cache
def foreign_keys(model):
    """The foreign keys of ``model`` to pages: ``(attname, target model)``."""
    return tuple(
        (field.attname, field.related_model)
        for field in model._meta.concrete_fields
        if field.many_to_one and issubclass(field.related_model, Page)
    )


def record_loaded(sender, instance, **kwargs):
    keys = _recorded.get()
    if keys is None:
        return
    deferred = instance.get_deferred_fields()
    if instance.pk is not None and is_tracked(sender) and not deferred:
        keys.update(keys_of(instance))
    elif instance.pk is not None and is_tracked(sender):
        keys.add(key_of(sender, instance.pk))
    for attname, target in foreign_keys(sender):
        if attname not in deferred:
            value = getattr(instance, attname)
            if value is not None:
                keys.add(key_of(target, value))


def connect():
    """Listen to every model's ``post_init`` (``AppConfig.ready``); a no-op outside ``recording()``."""
    post_init.connect(record_loaded, dispatch_uid="samverkan_delivery_recording")
