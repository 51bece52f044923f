"""Surrogate keys: each answer names what it contains, and a change purges what names it.

A CDN or Varnish in front of the API keeps answers by URL; it cannot tell
which of them a change to a venue or a programme item makes stale. So every
cacheable answer names, in a header (``SAMVERKAN_API["SURROGATE_KEY_HEADER"]``:
``Surrogate-Key``, ``Cache-Tag`` or ``xkey``), the content tags it contains,
the same tags the response cache keeps it under (``content_state``):

- an answer put together from the delivery store: ``pages``, each of its
  pages (``page:12``) and, for a listing, ``listings`` and the listings of its
  page type (``content_state.listing_tag``);
- a calendar feed from the store: its pages and the listings of their type;
- any other answer (images, documents, the OpenAPI document):
  ``generation``, which every change moves.

Once a change commits, ``delivery/refresh.py`` moves the tags it changes and
purges exactly those keys, with ``generation``, from every configured cache
(``SAMVERKAN_API["SURROGATE_KEY_PURGE"]``, ``key_purge_backends.py``), after
the store is marked stale: the cache's next request is answered with the new
content.
"""

import logging

from django.utils.module_loading import import_string

from ..content_state import EVERY_GENERATION, api_setting

logger = logging.getLogger(__name__)


def separator(header):
    """Cloudflare reads ``Cache-Tag`` as a comma-separated list; Fastly and xkey split on spaces."""
    return "," if header.lower() == "cache-tag" else " "


def answer_keys(tags):
    """The surrogate keys of an answer that contains ``tags`` (none: the whole generation)."""
    return sorted(tags) if tags else [EVERY_GENERATION]


def name_contents(response, tags):
    """Put the surrogate keys of ``tags`` on ``response``."""
    header = api_setting("SURROGATE_KEY_HEADER")
    if header:
        response[header] = separator(header).join(answer_keys(tags))
    return response


def purge_backends():
    """The configured key purge backends, by name."""
    configured = api_setting("SURROGATE_KEY_PURGE") or {}
    return {name: import_string(params["BACKEND"])(params) for name, params in configured.items()}


def purge_changed(tags):
    """Purge the answers that contain any of ``tags``, and every answer of the generation.

    Called by ``delivery/refresh.py`` after the change is committed and the
    store marked stale. A cache that cannot be reached is logged and skipped.
    """
    keys = set(tags) | {EVERY_GENERATION}
    for name, backend in purge_backends().items():
        try:
            backend.purge_keys(keys)
        except Exception:
            logger.exception("Could not purge surrogate keys from %s", name)
