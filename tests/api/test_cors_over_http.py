"""Any origin may read the public API anonymously, over real HTTP as a browser asks
(``test_cors.py`` asks through the test client).

Against pytest-django's live server, whose requests run in a thread of their
own with a connection of their own: the tests are transactional, so nothing
the test's connection holds is left for the server to wait for, and, as the
other transactional tests, put back what the migrations made once they end
(``serialized_rollback``), for the tests that follow.
"""

from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest

from ..utils import pages_url
from .test_cors import ALLOWED, OTHER, PREVIEW

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def origins(settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED]


def http_get(live_server, path, **headers):
    request = Request(f"{live_server.url}{path}", headers=headers)
    try:
        with urlopen(request, timeout=10) as response:
            return response.status, response.headers
    except HTTPError as error:
        return error.code, error.headers


def test_over_http_any_origin_reads_the_pages_and_only_listed_ones_the_preview(live_server):
    status, headers = http_get(live_server, pages_url(), Origin=OTHER)
    assert status == 200
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert headers["Access-Control-Allow-Credentials"] is None

    status, headers = http_get(live_server, PREVIEW, Origin=OTHER)
    assert status == 403
    assert headers["Access-Control-Allow-Origin"] is None
    _status, headers = http_get(live_server, PREVIEW, Origin=ALLOWED)
    assert headers["Access-Control-Allow-Origin"] == ALLOWED


def test_over_http_a_request_with_a_cookie_gets_no_wildcard(live_server):
    _status, headers = http_get(live_server, pages_url(), Origin=OTHER, Cookie="sessionid=abc")
    assert headers["Access-Control-Allow-Origin"] is None
