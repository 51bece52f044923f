"""Test settings: fast hashing, a local-memory cache, the database from DATABASE_URL."""

from .base import *  # noqa: F403
from .base import DATABASES, SAMVERKAN_API

SECRET_KEY = "test-secret-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"
# Tests change rows directly and ask the API again at once; the response cache
# is switched on by the tests of caching (tests/api/test_caching.py).
# Nor is what every answer starts from remembered (content_state.remembered):
# a change rolled back at the end of a test bumps no generation.
SAMVERKAN_API = {**SAMVERKAN_API, "CACHE_ENABLED": False, "REMEMBER_CONTENT_STATE": False}
# Tests log in with the test client, which authenticates without a request (which
# the login throttling needs); the tests of throttling switch it on
# (tests/test_login_throttling.py).
AXES_ENABLED = False
# One database, whether or not DATABASE_REPLICA_URL is set: the replica is a mirror of the
# default one, and nothing reads from it unless a test installs the router
# (tests/api/test_read_replica.py).
DATABASES = {**DATABASES, "replica": {**DATABASES["default"], "TEST": {"MIRROR": "default"}}}
DATABASE_ROUTERS = []
