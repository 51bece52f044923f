"""Browsers on the external sites' origins may read the API, and nothing more.

Origins come from the environment (``CORS_ALLOWED_ORIGINS``,
``CORS_ALLOWED_ORIGIN_REGEXES``); reading is all they may do: GET, HEAD and
OPTIONS, without credentials, under ``/api/`` only.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..utils import make_conference, page_detail_url, pages_url, settings_in_new_process

ALLOWED = "https://bibliotek.example.se"
NORWEGIAN = "https://tromso.bibliotek.example.no"
OTHER = "https://elsewhere.example.com"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def origins(settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED]
    settings.CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://\w+\.bibliotek\.example\.no$"]


@pytest.fixture
def conference(conference_index):
    return make_conference(conference_index)


def preflight(client, url, origin, method="GET", headers=""):
    extra = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers:
        extra["Access-Control-Request-Headers"] = headers
    return client.options(url, headers=extra)


def header_set(response, name):
    return {value.strip().lower() for value in response.get(name, "").split(",") if value.strip()}


def test_a_preflight_from_an_allowed_origin_is_answered(client, conference):
    response = preflight(client, pages_url(), ALLOWED, headers="if-none-match")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert header_set(response, "Access-Control-Allow-Methods") == {"get", "head", "options"}
    assert "if-none-match" in header_set(response, "Access-Control-Allow-Headers")
    assert "Access-Control-Allow-Credentials" not in response


def test_a_get_from_an_allowed_origin_may_be_read_with_its_validators(client, conference):
    response = client.get(page_detail_url(conference), headers={"Origin": ALLOWED})

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert header_set(response, "Access-Control-Expose-Headers") == {"etag", "last-modified"}
    assert "origin" in header_set(response, "Vary")
    assert "Access-Control-Allow-Credentials" not in response


def test_an_origin_matching_a_pattern_is_allowed(client, conference):
    response = client.get(pages_url(), headers={"Origin": NORWEGIAN})
    assert response["Access-Control-Allow-Origin"] == NORWEGIAN


def test_a_response_from_the_cache_gets_the_headers_of_the_origin_asking(
    client, conference, settings
):
    """The stored response is shared by every origin; the CORS headers are added per request."""
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "CACHE_ENABLED": True}
    client.get(pages_url(), headers={"Origin": OTHER})
    with CaptureQueriesContext(connection) as queries:
        allowed = client.get(pages_url(), headers={"Origin": ALLOWED})
        other = client.get(pages_url(), headers={"Origin": OTHER})

    assert len(queries) == 0
    assert allowed["ETag"] == other["ETag"]
    assert allowed["Access-Control-Allow-Origin"] == ALLOWED
    assert "Access-Control-Allow-Origin" not in other


def test_a_disallowed_origin_gets_no_cors_headers(client, conference):
    for response in (
        client.get(pages_url(), headers={"Origin": OTHER}),
        preflight(client, pages_url(), OTHER),
    ):
        assert "Access-Control-Allow-Origin" not in response
        assert "Access-Control-Expose-Headers" not in response


def test_the_admin_never_gets_cors_headers(client):
    for response in (
        client.get("/admin/login/", headers={"Origin": ALLOWED}),
        preflight(client, "/admin/login/", ALLOWED, method="POST"),
    ):
        assert not any(name.lower().startswith("access-control-") for name in response.headers)


def test_a_post_from_an_allowed_origin_is_still_not_allowed(client, conference):
    assert "post" not in header_set(
        preflight(client, pages_url(), ALLOWED, method="POST"), "Access-Control-Allow-Methods"
    )
    response = client.post(
        pages_url(), data={}, content_type="application/json", headers={"Origin": ALLOWED}
    )
    assert response.status_code == 405


def test_the_origins_come_from_the_environment():
    configured = settings_in_new_process(
        {
            "origins": "settings.CORS_ALLOWED_ORIGINS",
            "patterns": "settings.CORS_ALLOWED_ORIGIN_REGEXES",
            "credentials": "settings.CORS_ALLOW_CREDENTIALS",
        },
        {
            "CORS_ALLOWED_ORIGINS": f"{ALLOWED},https://www.example.no",
            "CORS_ALLOWED_ORIGIN_REGEXES": r"^https://\w+\.example\.se$",
        },
    )
    assert configured == {
        "origins": [ALLOWED, "https://www.example.no"],
        "patterns": [r"^https://\w+\.example\.se$"],
        "credentials": False,
    }
