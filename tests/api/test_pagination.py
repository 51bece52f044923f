"""A listing's window (``?limit=``, ``?offset=``) and its ``total_count``.

These read a listing's count against the pages the database holds,
wherever the window falls, and against a draft and a private page that the
count must leave out (``api/pagination.py``).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from ..utils import make_network, pages_url

pytestmark = pytest.mark.django_db

NETWORK = "content_types.NetworkPage"
NETWORKS = 7


@pytest.fixture(scope="module")
def networks(site_tree, django_db_blocker):
    with django_db_blocker.unblock():
        index = site_tree["network_index"]
        public = [make_network(index, title=f"Nätverk {number}") for number in range(NETWORKS)]
        make_network(index, title="Utkast", publish=False)
        private = make_network(index, title="Bakom lösenord")
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
        )
        return [page.pk for page in public]


def listed(client, **window):
    answer = client.get(pages_url(type=NETWORK, fields="_,id", order="id", **window))
    assert answer.status_code == 200, answer.content
    data = answer.json()
    return data["meta"]["total_count"], [item["id"] for item in data["items"]]


@pytest.mark.parametrize(
    "window",
    [{}, {"limit": 3}, {"limit": 3, "offset": 2}, {"limit": 3, "offset": 6}, {"offset": 1}],
    ids=lambda window: "&".join(f"{name}={value}" for name, value in window.items()) or "none",
)
def test_a_window_counts_every_public_page_and_shows_its_own(client, networks, window):
    offset = window.get("offset", 0)
    limit = window.get("limit", 20)

    assert listed(client, **window) == (NETWORKS, networks[offset : offset + limit])


@pytest.mark.parametrize("window", [{"offset": NETWORKS}, {"offset": 500}, {"limit": 0}])
def test_a_window_that_holds_no_page_still_counts_them_all(client, networks, window):
    assert listed(client, **window) == (NETWORKS, [])


def test_nothing_to_list_counts_nothing(client, networks):
    answer = client.get(pages_url(type=NETWORK, title="Ingen sådan"))

    assert answer.json() == {"meta": {"total_count": 0}, "items": []}


def test_a_window_past_the_last_page_fetches_no_ids(client, networks):
    listed(client, limit=3)  # what every request starts from, remembered as in use

    with CaptureQueriesContext(connection) as queries:
        listed(client, offset=NETWORKS)

    statements = [query["sql"].upper() for query in queries]
    assert len([sql for sql in statements if sql.startswith("SELECT COUNT(")]) == 1
    assert not [sql for sql in statements if "CONTENT_TYPES_REPRESENTATION" in sql]
    assert not [sql for sql in statements if sql.startswith('SELECT "CONTENT_TYPES_NETWORKPAGE"')]
