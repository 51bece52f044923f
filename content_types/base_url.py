"""The server that links name: the configured public base URL, else the one that answered.

Every absolute URL a public surface gives (the API's ``detail_url`` and
``html_url``, the ``find`` redirect, image renditions and document files, the
calendar feeds, JSON-LD, the OpenAPI document's ``servers``) is made here, so
that they all name the same server. Behind a proxy the request may not know
the public address, and ``API_BASE_URL`` (``WAGTAILAPI_BASE_URL``) says it.
Without one, links name the scheme, host and port the request came to: a site
run on another port (``make run PORT=8100``) links to itself, never to the
address its ``Site`` or ``ADMIN_BASE_URL`` happens to name.

Wagtail's own API utilities read ``WAGTAILAPI_BASE_URL`` too: set, they give
the same absolute URLs; empty, they give paths, which ``absolute_url`` completes.

Ground floor: imports nothing of the project, so that models, feeds, JSON-LD
and the API can all use it.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import urlsplit

from django.conf import settings

#: What links made for the delivery store name as their server; each read puts its own in.
STORED_BASE_URL = "http://samverkan-server.invalid"

_stored = ContextVar("samverkan_links_for_store", default=False)


@contextmanager
def links_for_store():
    """Links made inside the block name ``STORED_BASE_URL``, unless a base URL is configured.

    A stored representation serves every request; ``with_base_url`` puts the
    server that answers into it when it is read.
    """
    token = _stored.set(True)
    try:
        yield
    finally:
        _stored.reset(token)


def with_base_url(text, request):
    """``text`` made by ``links_for_store``, with its links on ``base_url(request)``."""
    return text.replace(STORED_BASE_URL, base_url(request))


def bytes_with_base_url(data, request):
    """``with_base_url`` for UTF-8 ``data`` (``bytes``)."""
    return data.replace(STORED_BASE_URL.encode(), base_url(request).encode())


def configured_base_url():
    """``WAGTAILAPI_BASE_URL`` as scheme and host, as Wagtail reads it; "" where none is set."""
    parts = urlsplit(getattr(settings, "WAGTAILAPI_BASE_URL", None) or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def base_url(request=None):
    """The base URL of links made for ``request``, without a trailing slash.

    The configured one where set; else the request's own scheme, host and port
    (Eg: ``http://127.0.0.1:8100``). What no request asks for (webhook payloads,
    cache purges) names the configured one, else ``WAGTAILADMIN_BASE_URL``.
    """
    configured = configured_base_url()
    if configured:
        return configured
    if _stored.get():
        return STORED_BASE_URL
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", None) or "").rstrip("/")


def absolute_url(request, url):
    """``url`` on the server of ``base_url(request)``; an absolute URL (another site's) as it is.

    Eg: ``/api/v2/pages/7/`` becomes ``http://127.0.0.1:8100/api/v2/pages/7/``.
    """
    if not url or not url.startswith("/") or url.startswith("//"):
        return url
    return base_url(request) + url


def page_url(page, request):
    """The page on the web site, absolute; None for a page that is not routable.

    A page of the site the request is for is on this server; a page of
    another ``Site`` is at that site's own address.
    """
    return absolute_url(request, page.get_url(request))
