"""HTTP caching of the public API: a server-side response cache, validators and Cache-Control.

External sites poll the API. An anonymous ``GET`` or ``HEAD`` that answers 200
is kept in Django's cache (``SAMVERKAN_API["CACHE_ALIAS"]``), under a key made
of the request (scheme, host, path with query string, ``Accept`` and the
language that decides the messages), with the content *generation* it was made
in: a number in the same cache that ``invalidation.py`` bumps whenever public
output may have changed. A bump makes every stored response stale at once;
nothing is deleted. A hit reads the generation and the response together, in
one round trip to the cache.

Every cacheable answer carries a strong ``ETag`` (a hash of the body), a
``Last-Modified`` (the time of the generation's bump) and ``Cache-Control:
public, max-age=...``; ``If-None-Match`` and ``If-Modified-Since`` are answered
304 from the cache alone. A stored response never outlives the next
``go_live_at`` or ``expire_at`` of a live page, where ``visibility.public_pages``
changes by the clock alone.

Not cached: responses to logged-in users or to sessions that passed a view
restriction (``Cache-Control: private``), responses a view marks private or
no-store (the preview endpoint), errors (``Cache-Control: no-cache``), and
anything that sets a cookie or hands out a CSRF token (the browsable API).

``CachedResponseMixin`` goes first in the bases of an API viewset;
``cache_public_response`` decorates a plain view. Both use ``serve``.
"""

import hashlib
import logging
import math
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db.models import Min, Q
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

logger = logging.getLogger(__name__)

GENERATION_KEY = "samverkan:api:generation"
MODIFIED_KEY = "samverkan:api:modified"
RESPONSE_KEY_PREFIX = "samverkan:api:response"
REMEMBERED_KEY_PREFIX = "samverkan:api:remembered"
REMEMBERED_TIMEOUT = 24 * 60 * 60
_MISSING = object()

# The same on stored and fresh responses; Cookie because a session may pass a view restriction.
VARY = ("Accept", "Accept-Language", "Cookie")
CACHEABLE_METHODS = ("GET", "HEAD")
# Set again on every answer, or by the middleware; never stored with a response.
UNSTORED_HEADERS = {
    "cache-control",
    "content-length",
    "etag",
    "expires",
    "last-modified",
    "set-cookie",
}
DEFAULTS = {
    "CACHE_ENABLED": True,
    "CACHE_MAX_AGE": 60,
    "CACHE_ALIAS": "default",
    "URL_NAMESPACE": "wagtailapi",
}


def api_setting(name):
    """A caching setting from ``SAMVERKAN_API``, with the defaults for a site that sets none."""
    return getattr(settings, "SAMVERKAN_API", {}).get(name, DEFAULTS[name])


def response_cache():
    return caches[api_setting("CACHE_ALIAS")]


# The content generation


@dataclass(frozen=True)
class Generation:
    """The current content generation and when it began.

    ``shares_second`` is true when the bump before it fell within the same
    second: ``If-Modified-Since`` has one-second resolution, so a client whose
    copy is dated that second cannot be told it is current.
    """

    number: int
    modified: float
    shares_second: bool

    @property
    def last_modified(self):
        return int(self.modified)


def current_generation(values=None):
    """The generation responses are stored under, started if the cache has none.

    ``values`` are what a ``get_many`` of the generation's keys (and others) found.
    """
    cache = response_cache()
    if values is None:
        values = cache.get_many([GENERATION_KEY, MODIFIED_KEY])
    if GENERATION_KEY not in values:
        start_generation(cache)
        values = cache.get_many([GENERATION_KEY, MODIFIED_KEY])
    if MODIFIED_KEY not in values:
        # A new generation, or its date was evicted: dated now, which is never too early.
        values[MODIFIED_KEY] = (time.time(), False)
        cache.add(MODIFIED_KEY, values[MODIFIED_KEY], timeout=None)
    modified, shares_second = values[MODIFIED_KEY]
    return Generation(values[GENERATION_KEY], modified, shares_second)


def start_generation(cache):
    # From the clock, in nanoseconds: larger than any number used before a
    # flush of the cache, so no response stored then is ever found again.
    cache.add(GENERATION_KEY, time.time_ns(), timeout=None)


def bump_generation():
    """Make every stored response stale: public output may have changed.

    Called once the change is committed (see ``invalidation.py``), so a reader
    that finds the new generation reads the new content.
    """
    cache = response_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet, or it was evicted
        start_generation(cache)
    now = time.time()
    previous = cache.get(MODIFIED_KEY)
    shares_second = previous is not None and int(previous[0]) == int(now)
    # Written after the number: a reader in between dates the new content too
    # early, which only costs a 200 where a 304 would have done.
    cache.set(MODIFIED_KEY, (now, shares_second), timeout=None)


def remembered(name, compute):
    """``compute()``, kept in the cache for as long as the content generation lasts.

    For what every response starts from and what changes only with a bump:
    the site's language roots, the view restrictions, the next scheduled
    change. Each costs a query per request otherwise, and a bump (which every
    change to them makes) orphans the kept value as it does stored responses.
    With the cache switched off, or down, ``compute()`` runs every time.
    """
    if not api_setting("CACHE_ENABLED"):
        return compute()
    try:
        key = f"{REMEMBERED_KEY_PREFIX}:{current_generation().number}:{name}"
        value = response_cache().get(key, _MISSING)
    except Exception:
        logger.exception("The API cache could not be read")
        return compute()
    if value is _MISSING:
        value = compute()
        try:
            response_cache().set(key, value, timeout=REMEMBERED_TIMEOUT)
        except Exception:
            logger.exception("The API cache could not be written")
    return value


# What a stored response is stored under


def response_cache_key(request):
    """The key of ``request``'s response; the same for GET and HEAD.

    The generation is kept in the stored response rather than in its key, so
    that one ``get_many`` reads both: a hit costs one round trip to the cache.
    """
    from .views import message_language  # views.py imports this module

    parts = (
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        request.headers.get("Accept", ""),
        message_language(request),
        translation.get_language() or "",
    )
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{RESPONSE_KEY_PREFIX}:{digest}"


def is_personal(request):
    """Whether ``request`` may see more than an anonymous reader: never cached, private.

    A login, a session that passed a password restriction, or credentials in
    ``Authorization``. A request without a session cookie costs no query to tell.
    """
    if "Authorization" in request.headers:
        return True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    session = getattr(request, "session", None)
    return session is not None and bool(session.keys())


def next_schedule_change(after):
    """The first ``go_live_at`` or ``expire_at`` of a live page later than ``after``, or None.

    ``visibility.public_pages`` hides pages by those times at query time, so
    public output changes then without any signal. Remembered for the
    generation until that moment has passed.
    """
    change = remembered("next-schedule-change", lambda: first_schedule_change(after))
    if change is not None and change <= after:
        return first_schedule_change(after)
    return change


def first_schedule_change(after):
    from wagtail.models import Page

    upcoming = Page.objects.filter(live=True).aggregate(
        go_live=Min("go_live_at", filter=Q(go_live_at__gt=after)),
        expiry=Min("expire_at", filter=Q(expire_at__gt=after)),
    )
    times = [moment for moment in upcoming.values() if moment is not None]
    return min(times) if times else None


# Stored responses


@dataclass(frozen=True)
class StoredResponse:
    body: bytes
    headers: tuple
    etag: str
    expires: float | None  # when the page schedule changes what it shows
    generation: int  # the content generation it was made in; stale in any other

    @classmethod
    def from_response(cls, response, expires, generation):
        headers = tuple(
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        )
        if "Content-Language" not in response:
            # As LocaleMiddleware would add it to this response: the language it was made in.
            headers += (("Content-Language", translation.get_language()),)
        body = response.content
        etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        return cls(body, headers, etag, expires, generation.number)

    def max_age(self):
        max_age = api_setting("CACHE_MAX_AGE")
        if self.expires is None:
            return max_age
        return max(0, min(max_age, math.floor(self.expires - time.time())))


def is_storable(request, response):
    """Whether ``response`` is the same for every anonymous reader and worth keeping."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    # A page with a CSRF token in it (the browsable API) belongs to one browser.
    return not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")


def is_not_modified(request, stored, generation):
    """RFC 9110's conditional GET: If-None-Match first, else If-Modified-Since."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = parse_etags(if_none_match)
        return "*" in tags or any(tag.removeprefix("W/") == stored.etag for tag in tags)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and not generation.shares_second and generation.last_modified <= since


def answer(request, stored, generation):
    """The response to ``request`` from ``stored``: the body, no body for HEAD, or a 304."""
    if is_not_modified(request, stored, generation):
        response = HttpResponseNotModified()
    else:
        head = request.method == "HEAD"
        response = HttpResponse(b"" if head else stored.body, headers=stored.headers)
        response["Content-Length"] = len(stored.body)
    response["ETag"] = stored.etag
    response["Last-Modified"] = http_date(generation.last_modified)
    patch_cache_control(response, public=True, max_age=stored.max_age())
    patch_vary_headers(response, VARY)
    return response


def rendered(response):
    """``response`` with its content, for a DRF or template response not yet rendered."""
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    return response


def serve(request, respond):
    """``request``'s response, from the cache where it may be; ``respond()`` makes it otherwise.

    The one implementation behind the mixin and the decorator. Needs only the
    request: the cache is asked before any query, and a stored response (or a
    304) is answered without touching the page tables.
    """
    if not api_setting("CACHE_ENABLED") or request.method not in CACHEABLE_METHODS:
        return respond()
    if is_personal(request):
        response = respond()
        patch_cache_control(response, private=True)
        return response
    try:
        key = response_cache_key(request)
        values = response_cache().get_many([GENERATION_KEY, MODIFIED_KEY, key])
        generation = current_generation(values)
        stored = values.get(key)
    except Exception:
        # A cache that is down slows the API; it must not take it down.
        logger.exception("The API response cache could not be read")
        return respond()
    if stored is not None and stored.generation != generation.number:
        stored = None  # made before the content last changed
    if stored is None:
        # Taken before the view reads: a page that goes live or expires while
        # it does so counts as a change still to come.
        started = timezone.now()
        response = rendered(respond())
        if not is_storable(request, response):
            if response.status_code != 200 and "Cache-Control" not in response:
                patch_cache_control(response, no_cache=True)
            return response
        change = next_schedule_change(after=started)
        stored = StoredResponse.from_response(response, change and change.timestamp(), generation)
        store(key, stored)
    return answer(request, stored, generation)


def store(key, stored):
    timeout = stored.max_age()
    if timeout <= 0:
        return
    try:
        response_cache().set(key, stored, timeout=timeout)
    except Exception:
        logger.exception("The API response cache could not be written")


# The two ways to use it


class CachedResponseMixin:
    """Caches an API viewset's GET and HEAD responses; first in the bases."""

    def dispatch(self, request, *args, **kwargs):
        dispatch = super().dispatch
        return serve(request, lambda: dispatch(request, *args, **kwargs))


def cache_public_response(view):
    """Caches a plain view's GET and HEAD responses as the API's are (calendar feeds)."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        return serve(request, lambda: view(request, *args, **kwargs))

    return cached_view
