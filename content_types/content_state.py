"""The content state every process shares, and the API's settings with their defaults.

Ground floor: what the visibility rules, the delivery store and the response
cache all read, kept in Django's cache (``SAMVERKAN_API["CACHE_ALIAS"]``) that
every process of the site shares (``CACHE_URL``):

- the content *generation*, a number bumped once a change to public content
  is committed (``delivery/refresh.py``), with the date of the last change and
  the page schedule around now (the next ``go_live_at`` or ``expire_at`` of a
  live page), which dates answers (``Last-Modified``) and bounds how long
  they are kept;
- values ``remembered`` for a generation (the site's language roots, the view
  restrictions, the hidden branches);
- the versions of *content tags*: what an answer contains (``page:12``, every
  listing), moved when that changes (``delivery/refresh.py``), so that a kept
  answer is dropped when, and only when, something it contains changed.

The settings (``SAMVERKAN_API``) are read here and nowhere else.
Imports nothing of the project.
"""

import logging
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.db.models import Max, Min, Q

logger = logging.getLogger(__name__)

GENERATION_KEY = "samverkan:api:generation"
MODIFIED_KEY = "samverkan:api:modified"
SCHEDULE_KEY = "samverkan:api:schedule"
#: What ``current_generation`` reads, in one round trip with whatever is read beside it.
GENERATION_KEYS = (GENERATION_KEY, MODIFIED_KEY, SCHEDULE_KEY)
REMEMBERED_KEY_PREFIX = "samverkan:api:remembered"
TAG_KEY_PREFIX = "samverkan:api:tag"
REMEMBERED_TIMEOUT = 24 * 60 * 60

DEFAULTS = {
    # The language that fills in missing translations for ``?locale=`` (``api/filters.py``).
    "FALLBACK_LOCALE": None,
    "CACHE_ENABLED": True,
    "CACHE_MAX_AGE": 60,
    "CACHE_ALIAS": "default",
    "URL_NAMESPACE": "wagtailapi",
    "CACHE_PATH_PREFIXES": ("/api/",),
    "RENDER_ON_CHANGE": True,
    "REMEMBER_CONTENT_STATE": True,
    # The response header that names what an answer contains, for a CDN or Varnish
    # (``frontend_cache/surrogate_keys.py``): Surrogate-Key (Fastly, the Varnish of
    # deploy/varnish/), Cache-Tag (Cloudflare) or xkey.
    "SURROGATE_KEY_HEADER": "Surrogate-Key",
    # Where those keys are purged when content changes: {name: {"BACKEND": ..., ...}}.
    "SURROGATE_KEY_PURGE": {},
    # How long a sync token lasts, in seconds (``sync/``); the change log is kept as long.
    "SYNC_TOKEN_MAX_AGE": 30 * 24 * 60 * 60,
    # Seconds after a change of public content during which anonymous reads stay on the
    # primary, where a read replica is configured (``api/read_replica.py``): the most it lags.
    "REPLICA_MAX_LAG": 10,
}


def api_setting(name):
    """A setting from ``SAMVERKAN_API``, with the defaults for a site that sets none."""
    return getattr(settings, "SAMVERKAN_API", {}).get(name, DEFAULTS[name])


def response_cache():
    return caches[api_setting("CACHE_ALIAS")]


# The content generation


@dataclass(frozen=True)
class Generation:
    """The current content generation and when public output last changed in it.

    ``modified`` is the later of the generation's bump and the last
    ``go_live_at`` or ``expire_at`` of a live page that has passed.
    ``shares_second`` is true when the change before it fell within the same
    second: ``If-Modified-Since`` has one-second resolution, so a client whose
    copy is dated that second cannot be told it is current. ``next_change``
    is when the page schedule next changes public output (a timestamp), or None.
    """

    number: int
    modified: float
    shares_second: bool
    next_change: float | None = None

    @property
    def last_modified(self):
        return int(self.modified)

    def with_schedule(self, schedule):
        """This generation, dated by ``schedule``'s last moment when the clock changed content since."""
        last = schedule.last
        if last is None or last <= self.modified:
            shares_second = self.shares_second or (
                last is not None and int(last) == int(self.modified)
            )
            return replace(self, shares_second=shares_second, next_change=schedule.next)
        shares_second = schedule.shares_second or int(last) == int(self.modified)
        return replace(self, modified=last, shares_second=shares_second, next_change=schedule.next)


@dataclass(frozen=True)
class Schedule:
    """The ``go_live_at`` and ``expire_at`` of the live pages around a moment, for one generation.

    ``last`` is the latest of them at or before the moment it was read,
    ``next`` the first after it (timestamps, or None); ``shares_second`` says
    whether another fell within ``last``'s second. Kept in the cache beside
    the generation, so that dating an answer costs no query until ``next``
    has passed or the generation moves (every change to a page's times
    publishes or unpublishes it, which bumps the generation).
    """

    generation: int
    last: float | None
    shares_second: bool
    next: float | None

    def holds(self, generation, now):
        return self.generation == generation and (self.next is None or now < self.next)


def read_schedule(generation, now):
    """The page schedule around ``now`` (a timestamp), read from the database for ``generation``."""
    from wagtail.models import Page

    live = Page.objects.filter(live=True)
    at = datetime.fromtimestamp(now, UTC)
    # Only pages with a time: read from the partial indexes of migration 0003, a few rows
    # however large the site (every live page, 55 ms on 200,000, without this condition).
    scheduled = live.filter(Q(go_live_at__isnull=False) | Q(expire_at__isnull=False))
    moments = scheduled.aggregate(
        last_live=Max("go_live_at", filter=Q(go_live_at__lte=at)),
        last_expiry=Max("expire_at", filter=Q(expire_at__lte=at)),
        next_live=Min("go_live_at", filter=Q(go_live_at__gt=at)),
        next_expiry=Min("expire_at", filter=Q(expire_at__gt=at)),
    )
    last = max(
        (moment for moment in (moments["last_live"], moments["last_expiry"]) if moment),
        default=None,
    )
    upcoming = min(
        (moment for moment in (moments["next_live"], moments["next_expiry"]) if moment),
        default=None,
    )
    shares_second = False
    if last is not None:
        second = last.replace(microsecond=0)
        shares_second = live.filter(
            Q(go_live_at__gte=second, go_live_at__lt=last)
            | Q(expire_at__gte=second, expire_at__lt=last)
        ).exists()
    return Schedule(
        generation,
        last and last.timestamp(),
        shares_second,
        upcoming and upcoming.timestamp(),
    )


def current_generation(values=None):
    """The generation responses are stored under, started if the cache has none.

    ``values`` are what a ``get_many`` of the generation's keys (and others)
    found. Dated by the page schedule as well as by its bump: the schedule is
    read from the database once for the generation, and again once its next
    moment has passed.
    """
    cache = response_cache()
    if values is None:
        values = cache.get_many(GENERATION_KEYS)
    if GENERATION_KEY not in values:
        start_generation(cache)
        values = {**values, **cache.get_many([GENERATION_KEY, MODIFIED_KEY])}
    if MODIFIED_KEY not in values:
        # A new generation, or its date was evicted: dated now, which is never too early.
        values[MODIFIED_KEY] = (time.time(), False)
        cache.add(MODIFIED_KEY, values[MODIFIED_KEY], timeout=None)
    modified, shares_second = values[MODIFIED_KEY]
    generation = Generation(values[GENERATION_KEY], modified, shares_second)
    now = time.time()
    schedule = values.get(SCHEDULE_KEY)
    if schedule is None or not schedule.holds(generation.number, now):
        schedule = read_schedule(generation.number, now)
        cache.set(SCHEDULE_KEY, schedule, timeout=None)
    return generation.with_schedule(schedule)


def start_generation(cache):
    # From the clock, in nanoseconds: larger than any number used before a
    # flush of the cache, so no response stored then is ever found again.
    cache.add(GENERATION_KEY, time.time_ns(), timeout=None)


def bump_generation():
    """Make every stored response stale: public output may have changed.

    Called once the change is committed (see ``delivery/refresh.py``), so a reader
    that finds the new generation reads the new content.
    """
    cache = response_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet, or it was evicted
        start_generation(cache)
    else:
        # Django's file and database caches write the number back with their
        # default timeout: the generation would end after five minutes.
        cache.touch(GENERATION_KEY, timeout=None)
    now = time.time()
    previous = cache.get(MODIFIED_KEY)
    shares_second = previous is not None and int(previous[0]) == int(now)
    # Written after the number: a reader in between dates the new content too
    # early, which only costs a 200 where a 304 would have done.
    cache.set(MODIFIED_KEY, (now, shares_second), timeout=None)


def remembered(name, compute):
    """``compute()``, kept in the cache for as long as the content generation lasts.

    For what every response starts from and what changes only with a bump:
    the site's language roots, the view restrictions, the private collections.
    Each costs a query per request otherwise, and a bump (which every change
    to them makes, in whichever process) orphans the kept value as it does
    stored responses. Kept whether or not answers are (``CACHE_ENABLED``), unless
    ``REMEMBER_CONTENT_STATE`` is off as well (the tests, whose rolled-back
    changes bump nothing); with the cache down, ``compute()`` runs every time.
    """
    return remembered_many({name: compute})[name]


@dataclass(frozen=True)
class Until:
    """A value to remember that the clock alone can change: worked out again at ``moment``
    (a timestamp; None for never) though the generation lasts. What ``remembered`` gives
    is its ``value``."""

    value: object
    moment: float | None


def remembered_many(computes):
    """``{name: compute()}`` for each of ``computes``, each kept as ``remembered`` keeps it.

    Read in one round trip to the cache, whatever their number, together with
    the generation: each value is kept with the generation it was computed
    for, and computed again when that is not the current one, or when it is an
    ``Until`` whose moment has come. What a request starts from
    (``visibility.public_rule``) is asked for at once, since a round trip costs
    about as much as a small query.
    """
    if not (api_setting("REMEMBER_CONTENT_STATE") or api_setting("CACHE_ENABLED")):
        return {name: unwrapped(compute()) for name, compute in computes.items()}
    keys = {name: f"{REMEMBERED_KEY_PREFIX}:{name}" for name in computes}
    try:
        found = response_cache().get_many([*GENERATION_KEYS, *keys.values()])
        number = current_generation(found).number
    except Exception:
        logger.exception("The API cache could not be read")
        return {name: unwrapped(compute()) for name, compute in computes.items()}
    now = time.time()
    values, computed = {}, {}
    for name, compute in computes.items():
        kept_number, value = found.get(keys[name], (None, None))
        if kept_number != number or has_ended(value, now):
            value = compute()
            computed[keys[name]] = (number, value)
        values[name] = unwrapped(value)
    if computed:
        try:
            response_cache().set_many(computed, timeout=REMEMBERED_TIMEOUT)
        except Exception:
            logger.exception("The API cache could not be written")
    return values


def has_ended(value, now):
    return isinstance(value, Until) and value.moment is not None and value.moment <= now


def unwrapped(value):
    return value.value if isinstance(value, Until) else value


def next_schedule_change(after, generation):
    """The first ``go_live_at`` or ``expire_at`` of a live page later than ``after``, or None.

    A timestamp. ``visibility.public_pages`` hides pages by those times at
    query time, so public output changes then without any signal. Known from
    ``generation``, read before ``after``, unless that moment has passed since.
    """
    change = generation.next_change
    if change is not None and change <= after.timestamp():
        return read_schedule(generation.number, after.timestamp()).next
    return change


# Content tags


#: Every answer put together from the delivery store; moved when any page may show
#: something else (a restriction, a locale, a site, a change to very many pages).
EVERY_PAGE = "pages"
#: Every listing: moved when the pages any filter chooses may change (a snippet a filter
#: names deleted, a restriction, a locale, a site).
EVERY_LISTING = "listings"


def listing_tag(model):
    """The listings of ``model``'s pages (``?type=``; ``Page`` for a listing of every type):
    which pages they choose changes when a page of that type is published, unpublished,
    moved or deleted, and not when a page of another type is."""
    return f"listings:{model._meta.label_lower}"


def listing_tags_of(model):
    """The listings a page of ``model`` may be in: its type's, its parent types', every type's."""
    return {listing_tag(model), *(listing_tag(parent) for parent in model._meta.get_parent_list())}


#: Every answer not put together from the delivery store (images, documents, a feed for a
#: logged-in reader, the OpenAPI document): it contains the whole content generation, which
#: every change moves.
EVERY_GENERATION = "generation"


def page_tag(page_id):
    return f"page:{page_id}"


def tag_key(tag):
    return f"{TAG_KEY_PREFIX}:{tag}"


def tag_versions(tags, values=None):
    """The current version of each of ``tags``, starting those the cache has none of.

    ``values`` are what a ``get_many`` that included the tags' keys found.
    """
    cache = response_cache()
    keys = {tag: tag_key(tag) for tag in tags}
    if values is None:
        values = cache.get_many(list(keys.values()))
    missing = {key: time.time_ns() for key in keys.values() if key not in values}
    if missing:
        for key, version in missing.items():
            cache.add(key, version, timeout=None)
        values = {**values, **cache.get_many(list(missing))}
    return {tag: values.get(key) for tag, key in keys.items()}


def bump_tags(tags):
    """Drop every kept answer that contains any of ``tags``: they have new versions."""
    version = time.time_ns()
    response_cache().set_many({tag_key(tag): version for tag in tags}, timeout=None)
