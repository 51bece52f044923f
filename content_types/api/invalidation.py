"""What makes cached API responses stale: every change that can alter public output.

Each receiver bumps the content generation (``caching.bump_generation``) once
the transaction commits. Bumping earlier would let a request that still reads
the old rows store them under the new generation, where they would stay until
the next change. A change that is rolled back bumps nothing.

The changes: a page published, unpublished, moved or deleted; a snippet the
pages show (person, organisation, venue, focus area, region), an image or a
document saved or deleted; a collection saved (renamed or moved), or deleted;
a page's or a collection's view restriction saved or deleted; a locale or a
site changed. Draft revisions change nothing public
and bump nothing.

Where a CDN or Varnish is configured (``WAGTAILFRONTENDCACHE``), the changed
page's (with its descendants', whose visibility follows it), image's or
document's detail URL is purged there too, as Wagtail's
``WAGTAILAPI_USE_FRONTENDCACHE`` would: Wagtail's own handlers only know a
router named ``wagtailapi_v2``; these use ``SAMVERKAN_API["URL_NAMESPACE"]``.
"""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch, reverse
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
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

from ..base_url import base_url
from ..snippets.models import SNIPPET_MODELS
from .caching import api_setting, bump_generation

logger = logging.getLogger(__name__)


def bump_on_commit(sender, **kwargs):
    """Receiver for every change below: the generation moves when the change is committed."""
    # robust: a cache that is down is logged; it never fails the save or publish.
    transaction.on_commit(bump_generation, using=kwargs.get("using"), robust=True)


def models_saved_or_deleted():
    """The models whose rows, saved or deleted, can change what the API shows."""
    return (
        *SNIPPET_MODELS,
        get_image_model(),
        get_document_model(),
        PageViewRestriction,
        CollectionViewRestriction,
        # An editor moves a collection by saving it with a new parent: its images
        # and documents then fall under that parent's restrictions.
        Collection,
        Locale,
        Site,
    )


# A CDN in front of the API


def purge_details_on_commit(endpoint, keys):
    """Purge the detail URLs of ``endpoint`` for ``keys`` from the frontend caches, once committed."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    namespace = api_setting("URL_NAMESPACE")
    try:
        paths = [reverse(f"{namespace}:{endpoint}:detail", args=(key,)) for key in keys]
    except NoReverseMatch:
        logger.warning("No API URL to purge: no %r endpoint in namespace %r", endpoint, namespace)
        return
    urls = [base_url() + path for path in paths]
    transaction.on_commit(partial(purge_urls_from_cache, urls), robust=True)


def purge_detail_on_commit(endpoint, instance):
    purge_details_on_commit(endpoint, [instance.pk])


def purge_page(sender, instance, **kwargs):
    """A page's state decides its descendants' (``visibility.public_pages``): publishing,
    unpublishing or moving it changes their details too."""
    pages = Page.objects.descendant_of(instance, inclusive=True)
    purge_details_on_commit("pages", list(pages.values_list("pk", flat=True)))


def purge_deleted_page(sender, instance, **kwargs):
    purge_detail_on_commit("pages", instance)


def purge_image(sender, instance, **kwargs):
    purge_detail_on_commit("images", instance)


def purge_document(sender, instance, **kwargs):
    purge_detail_on_commit("documents", instance)


def connect():
    """Connect the receivers (``AppConfig.ready``)."""
    page_signals = {
        "published": page_published,
        "unpublished": page_unpublished,
        "moved": post_page_move,
    }
    for name, signal in page_signals.items():
        signal.connect(bump_on_commit, dispatch_uid=f"samverkan_api_cache_page_{name}")
        signal.connect(purge_page, dispatch_uid=f"samverkan_api_purge_page_{name}")
    # Every deleted page, whatever its type, deletes one Page row.
    post_delete.connect(bump_on_commit, sender=Page, dispatch_uid="samverkan_api_cache_deleted")
    post_delete.connect(purge_deleted_page, sender=Page, dispatch_uid="samverkan_api_purge_deleted")

    for model in models_saved_or_deleted():
        name = f"{model._meta.app_label}_{model._meta.model_name}"
        for signal, change in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(
                bump_on_commit, sender=model, dispatch_uid=f"samverkan_api_cache_{name}_{change}"
            )
    for model, receiver in (
        (get_image_model(), purge_image),
        (get_document_model(), purge_document),
    ):
        name = model._meta.model_name
        post_save.connect(receiver, sender=model, dispatch_uid=f"samverkan_api_purge_{name}_saved")
        post_delete.connect(
            receiver, sender=model, dispatch_uid=f"samverkan_api_purge_{name}_deleted"
        )
