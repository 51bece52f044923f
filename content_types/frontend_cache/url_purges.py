"""A CDN or Varnish in front of the API: the detail URLs to purge there when content changes.

What a change makes stale inside the site (the delivery store, the kept
answers, the content generation) is ``delivery/refresh.py``'s. Where a CDN or Varnish
is configured (``WAGTAILFRONTENDCACHE``), the changed page's (with its
descendants', whose visibility follows it), image's or document's detail URL
is purged there once the change is committed, as Wagtail's
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
from wagtail.models import Page

from ..base_url import base_url
from ..content_state import api_setting
from ..page_changes import connect_to_page_changes

logger = logging.getLogger(__name__)


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
    connect_to_page_changes(purge_page, "samverkan_api_purge_page")
    # Every deleted page, whatever its type, deletes one Page row.
    post_delete.connect(purge_deleted_page, sender=Page, dispatch_uid="samverkan_api_purge_deleted")
    for model, receiver in (
        (get_image_model(), purge_image),
        (get_document_model(), purge_document),
    ):
        name = model._meta.model_name
        post_save.connect(receiver, sender=model, dispatch_uid=f"samverkan_api_purge_{name}_saved")
        post_delete.connect(
            receiver, sender=model, dispatch_uid=f"samverkan_api_purge_{name}_deleted"
        )
