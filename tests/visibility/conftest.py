"""Every private state and its public counterpart, built once for the whole package.

The world is built inside a transaction that spans the package and is rolled
back at its end; each test still runs in its own savepoint, so a test that
changes something (the cache tests do) leaves the world as it was.

The world's pages are kept in the delivery store as a site's commits would
leave them (``store_maintenance.rebuild``): the package transaction never
commits, so nothing would render them before the first read, and every test
would render the same pages again in its own savepoint. A change a test makes
marks stale what it touches, as on a site, and what it reads is rendered again.
"""

from contextlib import contextmanager

import pytest
from django.core.cache import caches

from content_types.api.store_maintenance import rebuild

from ..conftest import ModuleTransaction
from .states import World


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with ModuleTransaction(django_db_blocker):
        with django_db_blocker.unblock():
            built = World(tmp_path_factory)
            rebuild()
        yield built


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``with commit():`` runs what the change's commit would run (bumps, stale marks)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@contextmanager
def local_api_cache(settings, location, **api_settings):
    """The API's settings with ``api_settings``, over an empty cache in this process's memory
    (the test settings keep no answers and remember nothing)."""
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, **api_settings}
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": location,
        }
    }
    caches["default"].clear()
    yield
    caches["default"].clear()
