"""A detail read while a page was public is refused once it is not, though the answer was
remembered.

With the response cache off (``API_CACHE_ENABLED=false``) the API still
remembers, for the content generation, whether a page is public
(``visibility.is_public_id``), so that a detail read again costs one query.
Each test reads a conference and one of its programme items, makes the
conference private as an editor does (or lets the clock pass its expiry), and
reads them again.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content_types.conferences.models import ConferencePage

from ..utils import make_programme_item, page_detail_url
from .conftest import local_api_cache
from .states import event_start
from .test_api_cache import MADE_PRIVATE, upcoming_conference

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def remembering(settings):
    """Answers are not kept; what every answer starts from is, as in production."""
    with local_api_cache(
        settings, "visibility-remembered", CACHE_ENABLED=False, REMEMBER_CONTENT_STATE=True
    ):
        yield


def published_conference(world, commit, **fields):
    with commit():
        conference = upcoming_conference(world, **fields)
        item = make_programme_item(conference, title="Inledning", start=event_start(1))
    return conference, item


def read_twice(client, page):
    """The detail twice: public both times, the second costing only its stored representation."""
    assert client.get(page_detail_url(page)).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page_detail_url(page)).status_code == 200
    assert len(queries) == 1, [query["sql"] for query in queries]


@pytest.mark.parametrize("make_private", MADE_PRIVATE.values(), ids=MADE_PRIVATE.keys())
def test_a_detail_is_refused_once_the_page_is_private(client, world, commit, make_private):
    conference, item = published_conference(world, commit)
    read_twice(client, conference)
    read_twice(client, item)

    with commit():
        make_private(world, conference)

    assert client.get(page_detail_url(conference)).status_code == 404
    assert client.get(page_detail_url(item)).status_code == 404


def test_a_detail_is_refused_once_the_page_expires_though_no_job_runs(client, world, commit, clock):
    expires = timezone.now() + timedelta(seconds=20)
    conference, item = published_conference(world, commit, expire_at=expires)
    read_twice(client, conference)
    read_twice(client, item)

    clock.move_to(expires.timestamp() + 0.1)

    assert client.get(page_detail_url(conference)).status_code == 404
    assert client.get(page_detail_url(item)).status_code == 404


def test_a_live_page_is_served_once_its_go_live_time_passes_though_no_job_runs(
    client, world, commit, clock
):
    """A live page with a ``go_live_at`` still to come (published again with a new one, say)
    is hidden until then, and shown from then on."""
    goes_live = timezone.now() + timedelta(seconds=20)
    with commit():
        conference = upcoming_conference(world)
        ConferencePage.objects.filter(pk=conference.pk).update(go_live_at=goes_live)
    assert client.get(page_detail_url(conference)).status_code == 404
    assert client.get(page_detail_url(conference)).status_code == 404

    clock.move_to(goes_live.timestamp() + 0.1)

    assert client.get(page_detail_url(conference)).status_code == 200
