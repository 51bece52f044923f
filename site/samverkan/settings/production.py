"""Production: every secret from the environment, HTTPS only, no debug.

Any number of identical, stateless application servers may run these settings
behind a load balancer: everything they share lives in PostgreSQL
(DATABASE_URL), Redis (CACHE_URL: the API's response cache and the sessions)
and S3-compatible object storage (AWS_STORAGE_BUCKET_NAME: images, documents,
renditions). docs/operations.md ("Production") lists the variables.

A missing SECRET_KEY, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS or CACHE_URL stops
the process at start-up, because a guessed default would either be insecure or
answer every request with 400 or 403. So do a weak SECRET_KEY and a cache that
each process would keep to itself: with one, a view restriction or an
unpublish saved through one worker would not reach the others.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    CACHES,
    DATABASES,
    DEVELOPMENT_SECRET_KEY,
    IMMEDIATE_TASKS,
    MIDDLEWARE,
    SAMVERKAN_API,
    env,
)

GENERATE_SECRET_KEY = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_CHARACTERS = 5
# Backends that are no cache every process shares, and what they do instead.
UNSHARED_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache": "keeps its entries in each process's memory",
    "django.core.cache.backends.dummy.DummyCache": "keeps nothing",
}


def required(name, value, what):
    """The value of a variable production cannot start without, or a clear refusal."""
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set in production (in the environment or in .env): {what}."
        )
    return value


def strong_secret_key(value):
    """``value``, unless anyone could know or guess it: it signs sessions and password resets.

    The rules of Django's own deployment check (security.W009), which only warns.
    """
    if value == DEVELOPMENT_SECRET_KEY or value.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            "SECRET_KEY is a development key, which anyone can read in the source code; "
            f"production needs a random one, e.g. from {GENERATE_SECRET_KEY}."
        )
    if len(value) < SECRET_KEY_MIN_LENGTH or len(set(value)) < SECRET_KEY_MIN_CHARACTERS:
        raise ImproperlyConfigured(
            f"SECRET_KEY is too weak for production ({len(value)} characters, "
            f"{len(set(value))} different): it must be at least {SECRET_KEY_MIN_LENGTH} "
            f"characters long, with at least {SECRET_KEY_MIN_CHARACTERS} different ones, "
            f"e.g. from {GENERATE_SECRET_KEY}."
        )
    return value


def shared_cache(caches, api):
    """``caches``, once each cache the site keeps state in is one every process shares.

    The API's content generation, what the visibility rules remember for it
    (view restrictions, private collections), Wagtail's site roots and the
    sessions are in the default cache, the API's stored responses in
    ``api["CACHE_ALIAS"]``. Without the API cache (``API_CACHE_ENABLED=false``)
    a cache that keeps nothing is safe; one that keeps entries per process never is.
    """
    used = {"default"}
    if api["CACHE_ENABLED"]:
        used.add(api["CACHE_ALIAS"])
    for alias in sorted(used):
        backend = caches.get(alias, {}).get("BACKEND")
        if backend == "django.core.cache.backends.dummy.DummyCache" and not api["CACHE_ENABLED"]:
            continue
        if backend in UNSHARED_CACHES:
            raise ImproperlyConfigured(
                f"CACHE_URL names a cache that {UNSHARED_CACHES[backend]} ({backend}): "
                "production needs one every application server and process shares, "
                "e.g. redis://redis.internal:6379/0, or a folder on a single server, "
                "filecache:///var/cache/samverkan. Otherwise a view restriction or an "
                "unpublish saved through one process would not reach the others."
            )
    return caches


DEBUG = False
SECRET_KEY = strong_secret_key(
    required(
        "SECRET_KEY",
        env("SECRET_KEY", default=""),
        f"a random string of {SECRET_KEY_MIN_LENGTH} characters or more, "
        f"e.g. from {GENERATE_SECRET_KEY}",
    )
)
required(
    "CACHE_URL",
    env("CACHE_URL", default=""),
    "the cache every application server and process shares, e.g. "
    "redis://redis.internal:6379/0 (filecache:///var/cache/samverkan on a single server)",
)
CACHES = shared_cache(CACHES, SAMVERKAN_API)
# Read again, without base.py's local defaults.
ALLOWED_HOSTS = required(
    "ALLOWED_HOSTS",
    env.list("ALLOWED_HOSTS", default=[]),
    "the host names this site answers to, comma-separated, e.g. cms.example.se",
)
CSRF_TRUSTED_ORIGINS = required(
    "CSRF_TRUSTED_ORIGINS",
    env.list("CSRF_TRUSTED_ORIGINS", default=[]),
    "the origins the admin is used from, comma-separated, e.g. https://cms.example.se",
)

# Keep database connections open between requests, and check them before reuse (the
# read replica's too, where there is one).
for database in DATABASES.values():
    database["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    database["CONN_HEALTH_CHECKS"] = True

# Sessions are read from the cache (Redis) and written through to the database,
# so a flushed cache logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# HTTPS. TLS ends at the load balancer or proxy, which must set X-Forwarded-Proto
# (and overwrite any such header a client sends).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
# Neither cookie is for scripts (the admin reads the CSRF token from its pages),
# nor sent with requests other sites start, but for following a link here.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The login throttling counts failures per address: the one the load balancer
# or proxy saw, which it appends to X-Forwarded-For (it must).
SAMVERKAN_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)

# Static files are served by the application itself (WhiteNoise), compressed and
# under content-hashed names cached for a year; run collectstatic when deploying.
after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:after_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[after_security:],
]

# Media (Wagtail's images, renditions and documents use the default storage): an
# S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set, else MEDIA_ROOT,
# which only a single server can use. Objects are read at plain, unsigned URLs
# (a public-read bucket or a CDN in front, AWS_S3_CUSTOM_DOMAIN), so that the
# API's cached answers do not carry expiring links. Keys left empty let boto3
# find credentials itself (instance role, ~/.aws).
if env("AWS_STORAGE_BUCKET_NAME", default=""):
    media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env("AWS_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("AWS_S3_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            "location": env("AWS_LOCATION", default=""),
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
            # Two uploads of "programme.pdf" must not replace each other.
            "file_overwrite": False,
        },
    }
else:
    media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Documents are streamed through Wagtail's serve view, which checks a private
# collection's restriction; a redirect to the bucket's plain URL would not.
WAGTAILDOCS_SERVE_METHOD = env("WAGTAILDOCS_SERVE_METHOD", default="serve_view")
STORAGES = {
    "default": media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))

# Logs go to the standard error, where gunicorn and systemd collect them;
# Django's default sends nothing there once DEBUG is off.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
# A worker renders what a change makes stale in the delivery store
# (content_types/delivery/refresh.py).
SAMVERKAN_API = {
    **SAMVERKAN_API,
    "RENDER_ON_CHANGE": env.bool(
        "API_RENDER_ON_CHANGE", default=TASKS["default"]["BACKEND"] != IMMEDIATE_TASKS
    ),
}
