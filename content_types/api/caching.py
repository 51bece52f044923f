"""HTTP caching of the public API: a server-side response cache, validators and Cache-Control.

External sites poll the API. An anonymous ``GET`` or ``HEAD`` that answers 200
is kept in Django's cache (``SAMVERKAN_API["CACHE_ALIAS"]``), under a key made
of the request (scheme, host, path with query string, ``Accept`` and the
language that decides the messages), with the versions of the content tags
it contains (``content_state``): an answer the delivery store put together
contains its pages (``page:12``) and, for a listing or a calendar feed, the
listings of its page type and every listing; any other answer (images,
documents) contains the whole content generation. A change moves the versions
of exactly what it changes (``delivery/refresh.py``), and a kept answer whose
tags moved is stale; nothing is deleted. A hit costs two round trips to the
cache: the generation with the answer's validator, then its tags' versions with
the body.

Every cacheable answer carries a strong ``ETag`` (a hash of the body), a
``Last-Modified`` and ``Cache-Control: public, max-age=...``;
``If-None-Match`` and ``If-Modified-Since`` are answered 304 from the cache
alone, and names what it contains for a CDN (``frontend_cache/surrogate_keys.py``).
``Last-Modified`` is the last change to public output: the
generation's bump, or a ``go_live_at`` or ``expire_at`` of a live page passed
since, where ``visibility.public_pages`` changes by the clock alone. So a
client's earlier date is never taken as current for content the clock
changed. A stored response never outlives the next such moment.

The cache is the one every process of the site shares (``CACHE_URL``): a
change saved by the scheduled-publishing job, the task worker or
``manage.py`` moves the generation every server process reads.

Not cached: responses to logged-in users or to sessions that passed a view
restriction (``Cache-Control: private``), responses a view marks private or
no-store (the preview endpoint), errors (``Cache-Control: no-cache``), and
anything that sets a cookie or hands out a CSRF token (the browsable API).

``CachedResponseMixin`` goes first in the bases of an API viewset;
``cache_public_response`` decorates a plain view. Both use ``serve``.
``CachedResponseMiddleware``, optional, answers hits before the rest of the
middleware.
"""

import hashlib
import logging
import math
import time
from dataclasses import dataclass, replace
from functools import wraps

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from ..content_state import (
    GENERATION_KEY,
    GENERATION_KEYS,
    Generation,
    api_setting,
    current_generation,
    next_schedule_change,
    response_cache,
    tag_key,
    tag_versions,
)
from ..delivery.rendering_request import is_rendering
from ..frontend_cache.surrogate_keys import name_contents
from .messages import message_language

logger = logging.getLogger(__name__)

RESPONSE_KEY_PREFIX = "samverkan:api:response"
#: Set by a view on a response it put together from the delivery store: the content tags
#: it contains (``content_state``). Any other response contains the whole generation.
CONTAINS_ATTRIBUTE = "samverkan_contains"
#: Set beside it: the earliest moment the clock alone changes a page it contains.
VALID_UNTIL_ATTRIBUTE = "samverkan_valid_until"
# Set on a request by CachedResponseMiddleware, and on a response it is to store.
LOOKUP_ATTRIBUTE = "_samverkan_api_cache_lookup"
PENDING_ATTRIBUTE = "_samverkan_api_cache_pending"

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

# What a stored response is stored under


def response_cache_key(request):
    """The key of ``request``'s response; the same for GET and HEAD.

    The generation is kept in the stored response rather than in its key, so
    that one ``get_many`` reads both: a hit costs one round trip to the cache.
    Made from the request alone, so that ``CachedResponseMiddleware`` finds the
    same key before the language middleware has run as the view does after it.
    """
    parts = (
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        request.headers.get("Accept", ""),
        message_language(request),
        request_language(request),
    )
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{RESPONSE_KEY_PREFIX}:{digest}"


def validator_key(key):
    """Where the ETag of the response under ``key`` is kept, on its own: a 304 never reads the body."""
    return f"{key}:validator"


def request_language(request):
    """The language Django's ``LocaleMiddleware`` activates for ``request``."""
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    prefix_patterns, prefixed_default = is_language_prefix_patterns_used(urlconf)
    if (
        prefix_patterns
        and not prefixed_default
        and not translation.get_language_from_path(request.path_info)
    ):
        return settings.LANGUAGE_CODE
    return translation.get_language_from_request(request, check_path=prefix_patterns)


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


# Stored responses


def stored_headers(response, leaving=()):
    """``response``'s headers that are kept with it, but for those named in ``leaving``."""
    left = {name.lower() for name in leaving} | UNSTORED_HEADERS
    return tuple((name, value) for name, value in response.items() if name.lower() not in left)


@dataclass(frozen=True)
class Validator:
    """What answers a conditional request: a stored response's ETag, its expiry, and what
    decides whether it is current: the versions of the content tags it contains
    (``tags``, ``((tag, version), ...)``), or, without tags, the generation it was made in."""

    etag: str
    expires: float | None  # when the page schedule or the clock changes what it shows
    generation: int  # the content generation it was made in
    tags: tuple = ()

    def max_age(self):
        """Seconds it may be kept: ``CACHE_MAX_AGE``, or less when what it shows changes first."""
        longest = api_setting("CACHE_MAX_AGE")
        if self.expires is None:
            return longest
        return max(0, min(longest, math.floor(self.expires - time.time())))

    def is_current(self, generation, values):
        """Whether nothing it contains changed: ``values`` hold its tags' current versions."""
        if not self.tags:
            return self.generation == generation.number
        return all(values.get(tag_key(tag)) == version for tag, version in self.tags)


@dataclass(frozen=True)
class StoredResponse(Validator):
    body: bytes = b""
    headers: tuple = ()

    @classmethod
    def from_response(cls, response, expires, generation, tags=()):
        headers = stored_headers(response)
        if "Content-Language" not in response:
            # As LocaleMiddleware would add it to this response: the language it was made in.
            headers += (("Content-Language", translation.get_language()),)
        body = response.content
        etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        return cls(etag, expires, generation.number, tuple(tags), body, headers)

    @property
    def validator(self):
        return Validator(self.etag, self.expires, self.generation, self.tags)

    def with_headers_of(self, response):
        """Itself, with the headers ``response`` gained from the middleware since it was stored."""
        added = stored_headers(response, leaving=[name for name, _value in self.headers])
        return replace(self, headers=self.headers + added) if added else self


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
    name_contents(response, [tag for tag, _version in stored.tags])
    patch_cache_control(response, public=True, max_age=stored.max_age())
    patch_vary_headers(response, VARY)
    return response


def rendered(response):
    """``response`` with its content, for a DRF or template response not yet rendered."""
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    return response


@dataclass(frozen=True)
class Lookup:
    """What the cache holds for a request: its key, the generation, and a current answer if any.

    ``stored`` is a ``StoredResponse``, or only its ``Validator`` when that
    is enough: a conditional request whose copy is current.
    """

    key: str
    generation: Generation
    stored: Validator | None


def look_up(request):
    """What the cache holds for ``request``, or None when it cannot be read: a cache that is
    down slows the API; it must not take it down."""
    try:
        return read_cache(request)
    except Exception:
        logger.exception("The API response cache could not be read")
        return None


def read_cache(request):
    """Read the cache for ``request``: the generation and the response's validator in one round
    trip, then the versions of the tags it contains with its body in another.

    A conditional request whose copy is current is answered without the body.
    """
    shared = response_cache()
    key = response_cache_key(request)
    values = shared.get_many([*GENERATION_KEYS, validator_key(key)])
    generation = current_generation(values)
    validator = values.get(validator_key(key))
    if validator is None:
        return Lookup(key, generation, None)
    not_modified = is_not_modified(request, validator, generation)
    if validator.tags:
        tag_keys = [tag_key(tag) for tag, _version in validator.tags]
        values = shared.get_many(tag_keys + ([] if not_modified else [key]))
    if not validator.is_current(generation, values):
        return Lookup(key, generation, None)  # made before what it contains last changed
    if not_modified:
        return Lookup(key, generation, validator)
    stored = values.get(key) if validator.tags else shared.get(key)
    if stored is None or stored.etag != validator.etag:
        return Lookup(key, generation, None)
    return Lookup(key, generation, stored)


def contains(response, tags, valid_until=()):
    """``response``, named by the content tags it contains (``CONTAINS_ATTRIBUTE``): a view
    whose answer is put together from the delivery store knows which pages it holds.

    ``valid_until``: when the clock alone changes the output of each page it
    holds (``Representation.valid_until``, Eg: a registration closing); it is
    kept no longer than the earliest.
    """
    setattr(response, CONTAINS_ATTRIBUTE, frozenset(tags))
    moments = [moment.timestamp() for moment in valid_until if moment is not None]
    if moments:
        setattr(response, VALID_UNTIL_ATTRIBUTE, min(moments))
    return response


def expiry(response, schedule_change):
    """When a stored ``response`` ends: the page schedule's next change (a timestamp, or None)
    or the earliest moment the clock changes a page it holds, whichever comes first."""
    moments = (schedule_change, getattr(response, VALID_UNTIL_ATTRIBUTE, None))
    return min((moment for moment in moments if moment is not None), default=None)


def contained_tags(response, generation):
    """The versions of the content tags ``response`` contains, read after it was made; None when
    content changed while it was made (a generation other than ``generation``), which would
    date it too late. A response without tags contains the generation it was made in."""
    tags = getattr(response, CONTAINS_ATTRIBUTE, None)
    if not tags:
        return ()
    keys = [tag_key(tag) for tag in tags]
    values = response_cache().get_many([GENERATION_KEY, *keys])
    if values.get(GENERATION_KEY) != generation.number:
        return None
    return tuple(sorted(tag_versions(tags, values).items()))


def serve(request, respond):
    """``request``'s response, from the cache where it may be; ``respond()`` makes it otherwise.

    The one implementation behind the mixin and the decorator. Needs only the
    request: the cache is asked before any query, and a stored response (or a
    304) is answered without touching the page tables. When
    ``CachedResponseMiddleware`` has already asked, its answer is used and the
    new response is left to it to store, with the headers the rest of the
    middleware adds.
    """
    if not api_setting("CACHE_ENABLED") or request.method not in CACHEABLE_METHODS:
        return respond()
    if is_rendering(request):
        return respond()  # the delivery store renders a page: never from, nor into, the cache
    if is_personal(request):
        response = respond()
        patch_cache_control(response, private=True)
        return response
    lookup = getattr(request, LOOKUP_ATTRIBUTE, None) or look_up(request)
    if lookup is None:
        return respond()
    if lookup.stored is not None:
        return answer(request, lookup.stored, lookup.generation)
    # Taken before the view reads: a page that goes live or expires while
    # it does so counts as a change still to come.
    started = timezone.now()
    response = rendered(respond())
    if not is_storable(request, response):
        if response.status_code != 200 and "Cache-Control" not in response:
            patch_cache_control(response, no_cache=True)
        return response
    change = next_schedule_change(after=started, generation=lookup.generation)
    tags = contained_tags(response, lookup.generation)
    expires = expiry(response, change)
    stored = StoredResponse.from_response(response, expires, lookup.generation, tags or ())
    answered = answer(request, stored, lookup.generation)
    if tags is None:
        return answered  # content changed while it was made: not kept
    if hasattr(request, LOOKUP_ATTRIBUTE):
        setattr(answered, PENDING_ATTRIBUTE, stored)
    else:
        store(lookup.key, stored)
    return answered


def store(key, stored):
    timeout = stored.max_age()
    if timeout <= 0:
        return
    try:
        response_cache().set_many(
            {key: stored, validator_key(key): stored.validator}, timeout=timeout
        )
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


class CachedResponseMiddleware:
    """Answers stored responses of the API before the rest of the middleware runs.

    Optional: the views cache without it. A hit then costs the whole
    middleware stack and the URL resolver, a few times the price of reading
    the cache. Goes after the middleware whose headers every answer needs
    (CORS, security headers) and before the session middleware. Requests
    with a session cookie or credentials pass through to the views, which
    tell whether they are personal. On a miss it leaves the reading it did to
    the view and stores the response the view made, with the headers the
    middleware below it added.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.may_answer(request):
            return self.get_response(request)
        lookup = look_up(request)
        if lookup is None:
            return self.get_response(request)
        if lookup.stored is not None:
            return answer(request, lookup.stored, lookup.generation)
        setattr(request, LOOKUP_ATTRIBUTE, lookup)
        response = self.get_response(request)
        pending = getattr(response, PENDING_ATTRIBUTE, None)
        if pending is not None:
            store(lookup.key, pending.with_headers_of(response))
        return response

    @staticmethod
    def may_answer(request):
        return (
            api_setting("CACHE_ENABLED")
            and request.method in CACHEABLE_METHODS
            and request.path_info.startswith(tuple(api_setting("CACHE_PATH_PREFIXES")))
            and "Authorization" not in request.headers
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
