"""The Django cache the server keeps API responses in: Redis when it answers, else local memory.

With local memory each gunicorn worker has a cache of its own, so a response
is stored once per worker; the warm-up before each measurement fills both.
"""

from dataclasses import dataclass

import redis

REDIS_URL = "redis://127.0.0.1:6379/5"
LOCAL_MEMORY_URL = "locmemcache://"


@dataclass(frozen=True)
class Cache:
    url: str
    description: str


def forget_responses(cache, prefix):
    """Remove what was stored under a key prefix (in Redis; local memory goes with its process)."""
    if cache.url != REDIS_URL:
        return
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}:*", count=500):
        client.delete(key)


def choose_cache(local_memory=False):
    """Redis when it answers at 127.0.0.1:6379, unless ``local_memory`` asks for local memory."""
    if local_memory:
        return Cache(LOCAL_MEMORY_URL, "local memory (per worker)")
    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
        version = client.info("server")["redis_version"]
    except redis.RedisError:
        return Cache(LOCAL_MEMORY_URL, "local memory (per worker)")
    return Cache(REDIS_URL, f"Redis {version} ({REDIS_URL})")
