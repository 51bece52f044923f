"""With a read replica, the public API's anonymous reads go to it, and nothing else does.

The replica here is a mirror of the test database (``site/samverkan/settings/test.py``):
the same rows through a connection of its own, so a test counts the queries each
database is sent (``CaptureQueriesContext``) and compares the answers. The router is
installed per test, as ``DATABASE_REPLICA_URL`` installs it. Content is committed
(transactional tests): the replica's connection sees nothing else. A lagging
replica cannot be made here; what guards against one is specified instead: what
the delivery store keeps is rendered from the primary, and reads stay there for
``REPLICA_MAX_LAG`` seconds after a change.
"""

import base64

import pytest
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from content_types.api.read_replica import REPLICA, ReadReplicaRouter, reading_from
from content_types.api.rendering import render
from content_types.delivery.models import Representation

from ..utils import build_site_tree, make_project, page_detail_url, pages_url

pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=[DEFAULT_DB_ALIAS, REPLICA]
)

ROUTER = "content_types.api.read_replica.ReadReplicaRouter"
MAX_LAG = 10
PASSWORD = "ett-lösenord-för-test"


@pytest.fixture
def project(clock):
    tree = build_site_tree()
    project = make_project(tree["project_index"], title="KompoBib2020")
    clock.shift(MAX_LAG + 1)  # a replica has caught up with it
    return project


@pytest.fixture
def replica(settings):
    """The router installed, as DATABASE_REPLICA_URL installs it."""
    settings.DATABASE_ROUTERS = [ROUTER]
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "REPLICA_MAX_LAG": MAX_LAG}


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("redaktor", "redaktor@example.se", PASSWORD)


def counted(client, url, **headers):
    """The answer to a GET of ``url``, and how many queries the primary and the replica had."""
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    return response, len(primary), len(replica)


PUBLIC_READS = {
    "filtered listing": lambda project: pages_url(type="content_types.ProjectPage", fields="*"),
    "page detail": lambda project: page_detail_url(project),
    "images listing": lambda project: reverse("wagtailapi:images:listing"),
    "documents listing": lambda project: reverse("wagtailapi:documents:listing"),
}


@pytest.mark.parametrize("url_of", PUBLIC_READS.values(), ids=PUBLIC_READS.keys())
def test_an_anonymous_read_is_answered_by_the_replica_alone_and_the_same(
    client, project, settings, url_of
):
    url = url_of(project)
    from_primary, _primary_queries, replica_queries = counted(client, url)
    assert replica_queries == 0  # no router: one database

    settings.DATABASE_ROUTERS = [ROUTER]
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "REPLICA_MAX_LAG": MAX_LAG}
    client.get(url)  # the page schedule, read from the primary once a generation
    from_replica, primary_queries, replica_queries = counted(client, url)
    assert (primary_queries, replica_queries > 0) == (0, True)
    assert from_replica.content == from_primary.content


def test_a_representation_stale_on_the_replica_is_rendered_from_the_primary_and_kept(
    client, project, replica, clock
):
    client.get(page_detail_url(project))
    project.title = "KompoBib2021"
    project.save_revision().publish()
    clock.shift(MAX_LAG + 1)

    response, primary_queries, replica_queries = counted(client, page_detail_url(project))
    assert response.json()["title"] == "KompoBib2021"
    assert primary_queries > 0 and replica_queries > 0  # rendered on one, looked up on the other
    kept = Representation.objects.get(page_id=project.pk)
    assert not kept.stale and "KompoBib2021" in kept.body


def test_rendering_for_the_store_reads_the_primary_even_inside_a_replica_read(project, replica):
    with reading_from(True), CaptureQueriesContext(connections[REPLICA]) as replica_queries:
        assert Page.objects.filter(pk=project.pk).exists()  # read from the replica
        before = len(replica_queries)
        rendering = render(project.pk)
    assert rendering is not None and "KompoBib2020" in rendering.body
    assert (before, len(replica_queries)) == (1, 1)


def test_reads_stay_on_the_primary_for_the_replicas_lag_after_a_change(
    client, project, replica, clock
):
    client.get(pages_url())
    project.save_revision().publish()

    _response, _primary, replica_queries = counted(client, pages_url())
    assert replica_queries == 0
    clock.shift(MAX_LAG - 2)
    _response, _primary, replica_queries = counted(client, pages_url())
    assert replica_queries == 0
    clock.shift(3)
    _response, _primary, replica_queries = counted(client, pages_url())
    assert replica_queries > 0


def basic_credentials(username, password):
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def test_a_logged_in_reader_reads_the_primary(client, project, replica, editor):
    client.force_login(editor)
    _response, primary_queries, replica_queries = counted(client, pages_url())
    assert primary_queries > 0 and replica_queries == 0


def test_a_reader_with_credentials_reads_the_primary(client, project, replica, editor):
    authorization = basic_credentials("redaktor", PASSWORD)
    _response, primary_queries, replica_queries = counted(
        client, pages_url(), HTTP_AUTHORIZATION=authorization
    )
    assert primary_queries > 0 and replica_queries == 0


def test_the_admin_reads_the_primary(client, project, replica, editor):
    client.force_login(editor)
    url = reverse("wagtailadmin_explore", args=[project.get_parent().pk])
    _response, primary_queries, replica_queries = counted(client, url)
    assert primary_queries > 0 and replica_queries == 0


def test_a_preview_reads_the_draft_from_the_primary(client, project, replica):
    project.summary = "Ett utkast som ingen läsare ser."
    token = project.create_page_preview().token
    url = reverse("wagtailapi:preview:listing")
    query = {"content_type": "content_types.projectpage", "token": token}
    with CaptureQueriesContext(connections[REPLICA]) as replica_queries:
        response = client.get(url, query)
    assert response.status_code == 200, response.content
    assert response.json()["summary"] == "Ett utkast som ingen läsare ser."
    assert len(replica_queries) == 0


def test_writes_reads_for_a_write_and_transactions_use_the_primary_inside_a_replica_read(
    client, project, replica
):
    client.get(page_detail_url(project))  # a representation, kept
    with reading_from(True):
        assert Page.objects.all().db == REPLICA
        assert Page.objects.select_for_update().db == DEFAULT_DB_ALIAS
        with CaptureQueriesContext(connections[REPLICA]) as writes:
            Representation.objects.filter(page_id=project.pk).update(stale=True)
            Representation.objects.get_or_create(page_id=project.pk)
            Representation.objects.filter(page_id=project.pk).delete()
        with transaction.atomic(), CaptureQueriesContext(connections[REPLICA]) as in_transaction:
            project.title = "KompoBib2021"
            project.save_revision().publish()
    assert (len(writes), len(in_transaction)) == (0, 0)
    assert Page.objects.get(pk=project.pk).title == "KompoBib2021"


def test_migrations_run_on_the_primary_alone():
    router = ReadReplicaRouter()
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "content_types") is True
    assert router.allow_migrate(REPLICA, "content_types") is False
    assert router.db_for_write(Page) == DEFAULT_DB_ALIAS
