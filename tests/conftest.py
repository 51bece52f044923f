"""A minimal page tree, shared by the tests of a module.

    Root (depth 1)
    ├── Hem (HomePage, sv, the default site's root; Wagtail's welcome page removed)
    │   ├── Projekt (ProjectIndexPage)
    │   ├── Nätverk (NetworkIndexPage)
    │   └── Konferenser (ConferenceIndexPage)
    └── Hem (HomePage, nb, translation of the sv home)

Creating pages through revisions is slow, so the tree is built once per test
module inside a transaction that is rolled back when the module ends; every
test still runs in its own savepoint (pytest-django's ``db``), so whatever a
test creates or changes is undone after it. The function fixtures below hand
out fresh instances of the tree's pages.
"""

import time

import pytest
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Locale, Page

from content_types.api.store_maintenance import rebuild
from content_types.models import (
    ConferenceIndexPage,
    HomePage,
    NetworkIndexPage,
    ProjectIndexPage,
)

from .demo_content import DemoContent
from .utils import build_site_tree


class ModuleTransaction:
    """An atomic block spanning a test module; always rolled back."""

    def __init__(self, django_db_blocker):
        self.blocker = django_db_blocker
        self.atomic = transaction.atomic()

    def __enter__(self):
        with self.blocker.unblock():
            self.atomic.__enter__()
        return self

    def __exit__(self, *exc_info):
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)


#: The markers of tests that start servers, processes or browsers, or make many requests: the
#: modules that hold them take the longest (make test's --durations report).
LONG_RUNNING = ("slow", "load", "browser", "fuzz")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """The modules of long-running tests first, each module's tests kept together and in order.

    The workers of a parallel run take the modules in the order collected; a long
    module taken last keeps one worker busy while the other waits. This runs
    before pytest-django's own ordering (conftest plugins come after installed
    ones), whose stable sort keeps this order within each of its groups: the
    tests that commit still run after the others.
    """
    long_running = {
        module_of(item)
        for item in items
        if any(item.get_closest_marker(name) for name in LONG_RUNNING)
    }
    items.sort(key=lambda item: module_of(item) not in long_running)


def module_of(item):
    """The name of the module a collected test is in (its node id if it has none)."""
    return item.module.__name__ if item.module else item.nodeid


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    with ModuleTransaction(django_db_blocker) as module_transaction:
        yield module_transaction


@pytest.fixture(scope="module")
def site_tree(module_transaction, django_db_blocker):
    with django_db_blocker.unblock():
        return build_site_tree()


@pytest.fixture(scope="session")
def demo_content(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content, loaded once for the run: ``demo_content.lay_down()``, inside a
    transaction, puts it in the database and returns the loader's report (demo_content.py)."""
    with django_db_blocker.unblock():
        return DemoContent.for_this_run(tmp_path_factory)


@pytest.fixture(scope="module")
def demo(demo_content, django_db_blocker):
    """The demo content, laid down for a test module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_content.lay_down()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def stored_demo(demo, django_db_blocker):
    """The demo, its pages kept in the delivery store once for the module, as a site's commits
    would leave them: a module whose tests read the same pages and change none asks for it,
    and its tests no longer render them again each in its own savepoint."""
    with django_db_blocker.unblock():
        rebuild()
    return demo


@pytest.fixture(autouse=True)
def clear_cache():
    # Wagtail caches the sites' root paths; nothing may leak from one test to the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock(time_machine):
    """This process's wall clock, moved on instead of waited for: ``clock.shift(seconds)``.

    It keeps ticking from now; ``time.time()``, ``timezone.now()`` and the
    local-memory and file caches' expiries follow it. What keeps time of its
    own does not: another process, Redis's expiries, ``time.monotonic()``.
    Move it to moments given as timestamps (``clock.move_to(moment.timestamp())``):
    a datetime in UTC or a zone would also set the process's TZ while it travels.
    """
    time_machine.move_to(time.time(), tick=True)
    return time_machine


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def sv_locale(db):
    return Locale.objects.get(language_code="sv")


@pytest.fixture
def nb_locale(db, site_tree):
    return Locale.objects.get(language_code="nb")


@pytest.fixture
def home(db, site_tree):
    return HomePage.objects.get(pk=site_tree["home"].pk)


@pytest.fixture
def nb_home(db, site_tree):
    return HomePage.objects.get(pk=site_tree["nb_home"].pk)


@pytest.fixture
def project_index(db, site_tree):
    return ProjectIndexPage.objects.get(pk=site_tree["project_index"].pk)


@pytest.fixture
def network_index(db, site_tree):
    return NetworkIndexPage.objects.get(pk=site_tree["network_index"].pk)


@pytest.fixture
def conference_index(db, site_tree):
    return ConferenceIndexPage.objects.get(pk=site_tree["conference_index"].pk)
