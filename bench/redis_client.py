"""What a cache hit's round trips to Redis cost through Django's cache, in one process.

    python -m bench.redis_client [--url redis://127.0.0.1:6379/13] [--hits 20000] [--repeat 7]

A hit of the API's response cache reads the content generation's keys and the
stored response's ETag with one ``get_many``, and the body with a ``get`` when
the process has no copy of it (``content_types/api/caching.py``). This times
that pair through Django's ``RedisCache``, which builds a new ``redis.Redis``
around its connection pool for every operation, against the site's
``samverkan.cache.RedisCache`` and the same two commands on one ``redis.Redis``
kept for the pool (the floor no backend can beat). Each repeat runs every
candidate in turn, so that other work on the machine weighs on all alike; the
report gives the fastest and the median repeat, in elapsed time and in this
process's CPU time, which waits on Redis and on other processes leave out.

Not a test: the numbers depend on the machine. ``make bench`` measures the
API's throughput through a real server.
"""

import argparse
import statistics
import sys
import time

import redis
from django.conf import settings
from django.core.cache.backends.redis import RedisSerializer
from django.utils.module_loading import import_string

from .paths import PROJECT_DIR

DEFAULT_URL = "redis://127.0.0.1:6379/13"
DJANGO_BACKEND = "django.core.cache.backends.redis.RedisCache"
SITE_BACKEND = "samverkan.cache.RedisCache"
KEY_PREFIX = "bench-redis-client"
# The generation, when public content last changed, the next scheduled change.
GENERATION_VALUES = {"generation": 41, "modified": 1_764_600_000.0, "schedule": None}
ETAG = '"5d41402abc4b2a76b9719d911017c592"'


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench.redis_client", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--url", default=DEFAULT_URL, help="a Redis database of the run's own")
    parser.add_argument("--hits", type=int, default=20_000, help="hits per candidate and repeat")
    parser.add_argument("--repeat", type=int, default=7, help="repeats of every candidate")
    return parser.parse_args(argv)


def django_cache(backend, url):
    """A cache of ``backend`` as the CACHES setting would make it, with the run's key prefix."""
    return import_string(backend)(url, {"KEY_PREFIX": KEY_PREFIX})


def through_cache(cache):
    """The hit through a Django cache: ``get_many`` of three keys, then ``get`` of one."""
    keys = list(GENERATION_VALUES)

    def hit():
        cache.get_many(keys)
        cache.get("etag")

    return hit


def through_one_client(url):
    """The same two commands and unpickling on one ``redis.Redis`` kept for its pool."""
    client = redis.Redis.from_url(url)
    serializer = RedisSerializer()
    keys = [f"{KEY_PREFIX}:1:{key}" for key in GENERATION_VALUES]
    etag_key = f"{KEY_PREFIX}:1:etag"

    def hit():
        [serializer.loads(value) for value in client.mget(keys) if value is not None]
        serializer.loads(client.get(etag_key))

    return hit


def client_construction(url):
    """What building one ``redis.Redis`` around an existing pool costs."""
    pool = redis.ConnectionPool.from_url(url)

    def build():
        redis.Redis(connection_pool=pool)

    return build


def seconds_per_call(call, calls):
    """Elapsed and CPU seconds per call: the CPU time is what other work on the machine spares."""
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(calls):
        call()
    return (
        (time.perf_counter() - started) / calls,
        (time.process_time() - cpu_started) / calls,
    )


def main(argv=None):
    arguments = parse_arguments(argv)
    sys.path.insert(0, str(PROJECT_DIR / "site"))
    settings.configure()
    stock = django_cache(DJANGO_BACKEND, arguments.url)
    try:
        stock.set_many({**GENERATION_VALUES, "etag": ETAG}, timeout=600)
    except redis.RedisError as error:
        print(f"No Redis at {arguments.url}: {error}", file=sys.stderr)
        return 2
    candidates = {
        f"Django's RedisCache ({DJANGO_BACKEND})": through_cache(stock),
        f"the site's ({SITE_BACKEND})": through_cache(django_cache(SITE_BACKEND, arguments.url)),
        "one redis.Redis for the pool (redis-py alone)": through_one_client(arguments.url),
        "building one redis.Redis around a pool (no round trip)": client_construction(
            arguments.url
        ),
    }
    timings = {name: [] for name in candidates}
    for call in candidates.values():
        call()  # once before timing: the connection is open, the modules loaded
    for _ in range(arguments.repeat):
        for name, call in candidates.items():
            timings[name].append(seconds_per_call(call, arguments.hits))
    stock.delete_many([*GENERATION_VALUES, "etag"])

    print(
        f"Redis at {arguments.url}; {arguments.hits:,} calls per repeat, {arguments.repeat} repeats"
    )
    print("µs per call, the best and the median repeat: elapsed | CPU of this process")
    for name, repeats in timings.items():
        elapsed, cpu = zip(*repeats, strict=True)
        print(
            f"{min(elapsed) * 1e6:7.1f} {statistics.median(elapsed) * 1e6:7.1f} | "
            f"{min(cpu) * 1e6:7.1f} {statistics.median(cpu) * 1e6:7.1f}  {name}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
