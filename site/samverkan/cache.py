"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django builds a new ``redis.Redis`` around the shared connection pool for
every cache operation, and redis-py fills a table of some 170 response
callbacks each time it builds one: on an API answer served from the cache
that costs more than the round trip to Redis. A client over a pool is
thread-safe, so one per pool serves every request.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

DJANGO_REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"


class ReusedRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient


def with_reused_clients(cache):
    """``cache`` (a CACHES entry) using ``RedisCache`` where it names Django's own Redis backend."""
    if cache.get("BACKEND") == DJANGO_REDIS_BACKEND:
        return {**cache, "BACKEND": "samverkan.cache.RedisCache"}
    return cache
