"""The site's Redis cache: Django's cache API over one redis-py client per server.

Django's own ``RedisCache`` builds a new ``redis.Redis`` around its connection
pool for every operation, and redis-py fills a table of some 170 response
callbacks each time it builds one: about 60 µs, more than a round trip to a
Redis on the same machine, and a sixth of the server's CPU time on a hit of the
API's response cache (``bench/redis_client.py``). Django has no setting for
its client, so this is a backend of its own, on Django's public ``BaseCache``
and redis-py's public client. A client over a connection pool is thread-safe:
one per server serves every call.

It takes what Django's backend takes, so that a ``CACHES`` entry, and
``CACHE_URL``, mean the same to both: one server or several in ``LOCATION``
(writes go to the first, reads to one of the others), and in ``OPTIONS`` a
``serializer``, a ``pool_class``, a ``parser_class`` and the connection pool's
own arguments (``socket_timeout``, ``max_connections``...). It stores values
as Django's does, with Django's ``RedisSerializer``: each reads what the other
wrote.
"""

import random
import re

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisSerializer
from django.utils.module_loading import import_string

DJANGO_REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"


def imported(value):
    """``value``, or what it names when it is a dotted path, as Django's backend reads OPTIONS."""
    return import_string(value) if isinstance(value, str) else value


class RedisCache(BaseCache):
    def __init__(self, server, params):
        super().__init__(params)
        servers = re.split("[;,]", server) if isinstance(server, str) else list(server)
        options = dict(params.get("OPTIONS", {}))
        serializer = imported(options.pop("serializer", None)) or RedisSerializer
        self.serializer = serializer() if callable(serializer) else serializer
        pool_class = imported(options.pop("pool_class", None)) or redis.ConnectionPool
        if parser_class := options.pop("parser_class", None):
            options["parser_class"] = imported(parser_class)
        clients = [
            redis.Redis(connection_pool=pool_class.from_url(url, **options)) for url in servers
        ]
        self.leader, self.readers = clients[0], clients[1:] or clients

    def client(self, *, write=False):
        """The client of the first server for a write; for a read, of one of the others, if any."""
        return self.leader if write else random.choice(self.readers)

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        """Seconds for Redis's ``EX``: ``None`` keeps a value for ever, 0 removes it."""
        if timeout == DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        return None if timeout is None else max(0, int(timeout))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        client = self.client(write=True)
        added = bool(client.set(key, self.serializer.dumps(value), ex=timeout or None, nx=True))
        if added and timeout == 0:
            client.delete(key)
        return added

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        value = self.client().get(key)
        return default if value is None else self.serializer.loads(value)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        if timeout == 0:
            self.client(write=True).delete(key)
        else:
            self.client(write=True).set(key, self.serializer.dumps(value), ex=timeout)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            return bool(self.client(write=True).persist(key))
        return bool(self.client(write=True).expire(key, timeout))

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return bool(self.client(write=True).delete(key))

    def get_many(self, keys, version=None):
        named = {self.make_and_validate_key(key, version=version): key for key in keys}
        values = self.client().mget(list(named))
        return {
            named[key]: self.serializer.loads(value)
            for key, value in zip(named, values, strict=True)
            if value is not None
        }

    def has_key(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return bool(self.client().exists(key))

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        client = self.client(write=True)
        if not client.exists(key):
            raise ValueError(f"Key '{key}' not found.")
        return client.incr(key, delta)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if not data:
            return []
        data = {
            self.make_and_validate_key(key, version=version): self.serializer.dumps(value)
            for key, value in data.items()
        }
        timeout = self.get_backend_timeout(timeout)
        pipeline = self.client(write=True).pipeline()
        pipeline.mset(data)
        if timeout is not None:
            # MSET sets no expiry.
            for key in data:
                pipeline.expire(key, timeout)
        pipeline.execute()
        return []

    def delete_many(self, keys, version=None):
        if keys:
            keys = [self.make_and_validate_key(key, version=version) for key in keys]
            self.client(write=True).delete(*keys)

    def clear(self):
        return bool(self.client(write=True).flushdb())


def with_reused_clients(cache):
    """``cache`` (a CACHES entry) using ``RedisCache`` where it names Django's own Redis backend."""
    if cache.get("BACKEND") == DJANGO_REDIS_BACKEND:
        return {**cache, "BACKEND": "samverkan.cache.RedisCache"}
    return cache
