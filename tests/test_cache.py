"""The site's Redis cache (``samverkan/cache.py``): Django's cache API over one client per server.

Each behaviour is asserted of Django's own Redis backend and of the site's,
against a real Redis: what the site's answers is what Django's does. Redis
databases 12 and 15 are this module's own, emptied before and after each test.
"""

import json

import pytest
import redis
from django.utils.module_loading import import_string
from samverkan.cache import DJANGO_REDIS_BACKEND

from .utils import redis_answers

REDIS_URL = "redis://127.0.0.1:6379"
OWN_DATABASE = f"{REDIS_URL}/12"
# A second server in LOCATION: Django's backend reads from it and writes to the first.
READ_DATABASE = f"{REDIS_URL}/15"
SITE_BACKEND = "samverkan.cache.RedisCache"
BACKENDS = {"Django's": DJANGO_REDIS_BACKEND, "the site's": SITE_BACKEND}


def cache_of(backend, location=OWN_DATABASE, **params):
    """A cache of ``backend`` as a CACHES entry with ``params`` makes it."""
    return import_string(backend)(location, {"KEY_PREFIX": "samverkan-test", **params})


class JSONSerializer:
    """A serializer for the ``serializer`` option: stores readable JSON."""

    def dumps(self, value):
        return json.dumps(value)

    def loads(self, data):
        return json.loads(data)


def emptied(url):
    if not redis_answers():
        pytest.skip(f"no Redis server answers at {REDIS_URL}")
    server = redis.Redis.from_url(url)
    server.flushdb()
    return server


@pytest.fixture
def server():
    """Database 12 as Redis itself sees it."""
    server = emptied(OWN_DATABASE)
    yield server
    server.flushdb()


@pytest.fixture
def read_server():
    server = emptied(READ_DATABASE)
    yield server
    server.flushdb()


@pytest.fixture(params=BACKENDS.values(), ids=BACKENDS.keys())
def backend(request):
    return request.param


@pytest.fixture
def cache(backend, server):
    return cache_of(backend)


# Values


def test_a_value_set_is_got_back_as_it_was(cache):
    values = {
        "conference": {"title": "Biblioteksdagarna", "år": 2026},
        "count": 7,
        "published": True,
        "nothing": None,
        "body": b'{"id": 1}',
    }
    for key, value in values.items():
        cache.set(key, value)
    assert {key: cache.get(key, "missing") for key in values} == values


def test_a_missing_key_gives_the_default(cache):
    assert cache.get("absent") is None
    assert cache.get("absent", "default") == "default"
    assert cache.has_key("absent") is False


def test_integers_are_redis_integers_so_that_incr_is_atomic(cache, server):
    cache.set("views", 7)
    assert server.get(cache.make_key("views")) == b"7"
    assert cache.incr("views") == 8
    assert cache.decr("views", 3) == 5
    assert cache.get("views") == 5


def test_incr_of_a_missing_key_is_refused(cache):
    with pytest.raises(ValueError, match="not found"):
        cache.incr("absent")


def test_delete_says_whether_there_was_a_value(cache):
    cache.set("page", "Biblioteksdagarna")
    assert cache.delete("page") is True
    assert cache.delete("page") is False
    assert cache.has_key("page") is False


def test_versions_are_kept_apart(cache):
    cache.set("title", "ett")
    cache.set("title", "två", version=2)
    assert (cache.get("title"), cache.get("title", version=2)) == ("ett", "två")
    assert cache.incr_version("title", version=2) == 3
    assert (cache.get("title", version=2), cache.get("title", version=3)) == (None, "två")


def test_clear_empties_the_database(cache, server):
    cache.set("page", 1)
    server.set("not-the-cache's", 1)
    assert cache.clear() is True
    assert server.dbsize() == 0


# Expiry


def test_a_timeout_becomes_the_keys_expiry(cache, server):
    cache.set("minute", 1, timeout=60)
    cache.set("default", 1)
    cache.set("for-ever", 1, timeout=None)
    assert 0 < server.ttl(cache.make_key("minute")) <= 60
    assert 60 < server.ttl(cache.make_key("default")) <= cache.default_timeout
    assert server.ttl(cache.make_key("for-ever")) == -1


@pytest.mark.parametrize("timeout", [0, -5])
def test_a_timeout_of_zero_or_less_removes_the_value(cache, timeout):
    cache.set("page", 1)
    cache.set("page", 2, timeout=timeout)
    assert cache.has_key("page") is False


def test_touch_changes_the_expiry_of_a_value_there_is(cache, server):
    cache.set("page", 1, timeout=60)
    assert cache.touch("page", timeout=None) is True
    assert server.ttl(cache.make_key("page")) == -1
    assert cache.touch("page", timeout=30) is True
    assert 0 < server.ttl(cache.make_key("page")) <= 30
    assert cache.touch("absent") is False


def test_add_keeps_a_value_there_is(cache, server):
    cache.set("page", "first")
    assert cache.add("page", "second") is False
    assert cache.get("page") == "first"
    assert cache.add("new", "value", timeout=60) is True
    assert cache.get("new") == "value"
    assert 0 < server.ttl(cache.make_key("new")) <= 60


def test_add_with_a_timeout_of_zero_keeps_nothing(cache):
    assert cache.add("page", "value", timeout=0) is True
    assert cache.has_key("page") is False


# Many at once


def test_many_values_are_set_got_and_deleted_at_once(cache, server):
    assert cache.set_many({"generation": 41, "etag": '"abc"'}, timeout=60) == []
    assert 0 < server.ttl(cache.make_key("generation")) <= 60
    assert cache.get_many(["generation", "absent", "etag"]) == {"generation": 41, "etag": '"abc"'}
    cache.delete_many(["generation", "etag"])
    assert cache.get_many(["generation", "etag"]) == {}


def test_setting_or_deleting_nothing_asks_nothing(cache):
    assert cache.set_many({}) == []
    cache.delete_many([])
    assert cache.get_many([]) == {}


def test_set_many_without_a_timeout_keeps_the_values_for_ever(cache, server):
    cache.set_many({"generation": 41}, timeout=None)
    assert server.ttl(cache.make_key("generation")) == -1


# Both backends together


def test_each_backend_reads_what_the_other_wrote(server):
    django, site = cache_of(DJANGO_REDIS_BACKEND), cache_of(SITE_BACKEND)
    django.set_many({"generation": 41, "conference": {"title": "Biblioteksdagarna"}})
    site.set("etag", '"abc"')
    assert site.get_many(["generation", "conference"]) == {
        "generation": 41,
        "conference": {"title": "Biblioteksdagarna"},
    }
    assert django.get("etag") == '"abc"'
    assert site.incr("generation") == 42
    assert django.get("generation") == 42


# Options and servers


def test_writes_go_to_the_first_server_and_reads_to_the_others(backend, server, read_server):
    cache = cache_of(backend, location=f"{OWN_DATABASE},{READ_DATABASE}")
    cache.set("generation", 41)
    assert server.get(cache.make_key("generation")) == b"41"
    assert cache.get("generation") is None
    read_server.set(cache.make_key("generation"), 42)
    assert cache.get("generation") == 42


def test_a_serializer_named_in_the_options_stores_the_values(backend, server):
    cache = cache_of(backend, OPTIONS={"serializer": "tests.test_cache.JSONSerializer"})
    cache.set("conference", {"title": "Biblioteksdagarna"})
    assert server.get(cache.make_key("conference")) == b'{"title": "Biblioteksdagarna"}'
    assert cache.get("conference") == {"title": "Biblioteksdagarna"}


def test_the_site_backend_keeps_one_client_for_every_call_to_a_server(server):
    cache = cache_of(SITE_BACKEND)
    client = cache.client()
    cache.set("page", 1)
    assert cache.get("page") == 1
    assert cache.client() is client
    assert cache.client(write=True) is client


def test_the_site_backend_builds_its_pools_from_the_options(server):
    cache = cache_of(
        SITE_BACKEND,
        OPTIONS={
            "pool_class": "redis.BlockingConnectionPool",
            "max_connections": 5,
            "socket_timeout": 2,
        },
    )
    pool = cache.client().connection_pool
    assert isinstance(pool, redis.BlockingConnectionPool)
    assert pool.max_connections == 5
    assert pool.connection_kwargs["socket_timeout"] == 2
    cache.set("page", 1)
    assert cache.get("page") == 1
