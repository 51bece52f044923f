"""The delivery store's content, built and read once for the package.

The world (``world.py``) is built inside a transaction that spans the package
and is rolled back at its end, and every page of it is read once through the
API, so that each test starts from a full store. Each test runs in its own
savepoint: what it changes, representations included, is undone after it.

Changes reach the store when their transaction commits (``delivery/refresh.py``):
``commit`` runs, at the end of its block, what would run then.
"""

import pytest
from django.test import Client
from wagtail.models import Site

from content_types.conferences.models import ConferenceIndexPage
from content_types.delivery.models import Representation
from content_types.home.models import HomePage

from .. import utils
from ..conftest import ModuleTransaction
from ..utils import pages_url
from .world import build_world


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    with ModuleTransaction(django_db_blocker):
        with django_db_blocker.unblock():
            built = build_world()
            read_every_page()
        yield built


def read_every_page():
    """Every public page read once through the listing, as a reader would: the store fills."""
    response = Client().get(pages_url(limit=100))
    assert response.status_code == 200, response.content[:300]
    assert Representation.objects.count() == response.json()["meta"]["total_count"]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``with commit():`` the changes in the block, and then what their commit sets off."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def store_state(world, db):
    """What the store holds now, to compare with what it holds after a change."""
    return StoreState.read()


class StoreState:
    """Each representation's version and when it was rendered, by page id."""

    def __init__(self, rows):
        self.rows = rows

    @classmethod
    def read(cls):
        rows = Representation.objects.values_list("page_id", "version", "rendered_at")
        return cls({page_id: (version, rendered_at) for page_id, version, rendered_at in rows})

    def rendered_again(self):
        """The pages whose representation was rendered, added or dropped since this state was read."""
        now = StoreState.read().rows
        return {
            page_id
            for page_id in self.rows.keys() | now.keys()
            if now.get(page_id) != self.rows.get(page_id)
        }


def pages_showing(text):
    """The pages whose stored representation shows ``text``."""
    return {
        page_id
        for page_id, body in Representation.objects.values_list("page_id", "body")
        if text in body
    }


def ids(*pages):
    return {page.pk for page in pages}


@pytest.fixture(autouse=True)
def render_on_change(settings):
    """As where a task worker runs (production): a change renders again what it made stale."""
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "RENDER_ON_CHANGE": True}


@pytest.fixture
def other_site_conference(world, settings):
    """A conference of a second site, on its own host."""
    settings.ALLOWED_HOSTS = ["*"]
    home = world.tree["home"]
    other_home = utils.add_page(
        home.get_parent(), HomePage(title="Annan", slug="annan", locale=home.locale)
    )
    Site.objects.create(hostname="annan.example", port=80, root_page=other_home)
    index = utils.add_page(other_home, ConferenceIndexPage(title="Konferenser", slug="k"))
    return utils.make_conference(index, title="Annans konferens")
