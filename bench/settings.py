"""Settings of the server the benchmark measures: the site's, plus the reference endpoints.

The site's base settings with production's performance choices (no debug,
persistent database connections), without production's HTTPS redirect, so
that a load generator on the loopback interface sees what a client behind
the load balancer sees. The database, the cache and ``API_CACHE_ENABLED``
come from the environment, as ``bench/run.py`` sets them for each server run.
"""

from pathlib import Path

from samverkan.settings.base import *  # noqa: F403
from samverkan.settings.base import BASE_DIR, CACHES, DATABASES, MIDDLEWARE, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="benchmark-only-secret-key-never-used-to-sign-anything")
ROOT_URLCONF = "bench.urls"

DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Each server run stores its responses under its own prefix: a response
# cached for one data set is never answered for another.
CACHES["default"]["KEY_PREFIX"] = env("BENCH_CACHE_PREFIX", default="bench")

# seed_benchmark publishes each Norwegian index page under the Swedish slug and
# then its own, before it adds the pages below it; when the seeding commits,
# Wagtail would create a redirect for every page under the old slug (100,000 on
# the large data set, a fifth of the seeding time). The API never reads them.
WAGTAILREDIRECTS_AUTO_CREATE = False

# First, so that it counts every query the request costs.
MIDDLEWARE = ["bench.query_count.QueryCountMiddleware", *MIDDLEWARE]

# Server errors to the standard error, which the runner keeps in bench/tmp/gunicorn-*.log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

SAMVERKAN_BENCH = {
    # The file the trivial reference view answers with (bench/trivial.py).
    "TRIVIAL_BODY": Path(
        env("BENCH_TRIVIAL_BODY", default=str(BASE_DIR / "bench/tmp/trivial.json"))
    ),
}
