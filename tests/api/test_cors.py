"""Any origin may read the public API anonymously; the configured origins may do a little more.

Pages, images, documents, the calendar feeds and the OpenAPI document answer
every origin with ``Access-Control-Allow-Origin: *``, never with credentials:
a library's site can embed a programme without anyone adding its origin.
Everything else under ``/api/`` (the preview's drafts, sync for mirrors, any
request that carries a cookie or an ``Authorization`` header) keeps to the
origins from the environment (``CORS_ALLOWED_ORIGINS``,
``CORS_ALLOWED_ORIGIN_REGEXES``). Reading is all anyone may do: GET, HEAD and
OPTIONS. ``test_cors_over_http.py`` asks over real HTTP, as a browser does.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..utils import make_conference, page_detail_url, pages_url, settings_in_new_process

ALLOWED = "https://bibliotek.example.se"
NORWEGIAN = "https://tromso.bibliotek.example.no"
OTHER = "https://elsewhere.example.com"
PREVIEW = "/api/v2/preview/?content_type=content_types.conferencepage&token=not-a-token"
SYNC = "/api/v2/sync/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def origins(settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED]
    settings.CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://\w+\.bibliotek\.example\.no$"]


@pytest.fixture
def conference(conference_index):
    return make_conference(conference_index)


def public_paths(conference):
    return [
        pages_url(),
        page_detail_url(conference),
        reverse("wagtailapi:images:listing"),
        reverse("wagtailapi:documents:listing"),
        reverse("samverkan_calendar:upcoming_conferences"),
        reverse("samverkan_calendar:conference", args=(conference.pk,)),
        reverse("samverkan_openapi:document"),
    ]


def preflight(client, url, origin, method="GET", headers=""):
    extra = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers:
        extra["Access-Control-Request-Headers"] = headers
    return client.options(url, headers=extra)


def header_set(response, name):
    return {value.strip().lower() for value in response.get(name, "").split(",") if value.strip()}


def test_every_origin_may_read_the_public_endpoints_with_their_validators(client, conference):
    for path in public_paths(conference):
        for origin in (ALLOWED, OTHER):
            response = client.get(path, headers={"Origin": origin})

            assert response.status_code == 200, path
            assert response["Access-Control-Allow-Origin"] == "*", path
            assert {"etag", "last-modified"} <= header_set(
                response, "Access-Control-Expose-Headers"
            )
            assert "Access-Control-Allow-Credentials" not in response


def test_a_preflight_from_any_origin_may_send_only_what_a_read_needs(client, conference):
    for origin in (ALLOWED, OTHER):
        response = preflight(client, pages_url(), origin, headers="if-none-match")

        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert header_set(response, "Access-Control-Allow-Methods") == {"get", "head", "options"}
        allowed = header_set(response, "Access-Control-Allow-Headers")
        assert {"if-none-match", "if-modified-since", "accept-language"} <= allowed
        assert "authorization" not in allowed and "cookie" not in allowed
        assert "Access-Control-Allow-Credentials" not in response


def test_a_public_answer_without_an_origin_is_readable_from_a_shared_cache(client, conference):
    """A CDN may keep the answer to a request without Origin and hand it to a browser."""
    response = client.get(pages_url())
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_response_from_the_cache_is_readable_by_every_origin(client, conference, settings):
    """The stored response is shared by every origin; the CORS headers are added per request."""
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "CACHE_ENABLED": True}
    client.get(pages_url(), headers={"Origin": OTHER})
    with CaptureQueriesContext(connection) as queries:
        allowed = client.get(pages_url(), headers={"Origin": ALLOWED})
        other = client.get(pages_url(), headers={"Origin": OTHER})

    assert len(queries) == 0
    assert allowed["ETag"] == other["ETag"]
    assert allowed["Access-Control-Allow-Origin"] == other["Access-Control-Allow-Origin"] == "*"


def test_a_request_with_credentials_is_left_to_the_configured_origins(client, conference):
    for credentials in ({"Cookie": "sessionid=abc"}, {"Authorization": "Bearer abc"}):
        allowed = client.get(pages_url(), headers={"Origin": ALLOWED, **credentials})
        other = client.get(pages_url(), headers={"Origin": OTHER, **credentials})

        assert allowed["Access-Control-Allow-Origin"] == ALLOWED
        assert "Access-Control-Allow-Credentials" not in allowed
        assert "Access-Control-Allow-Origin" not in other


@pytest.mark.parametrize("path", [PREVIEW, SYNC], ids=["preview", "sync"])
def test_the_preview_and_sync_answer_only_the_configured_origins(client, path):
    for response in (
        client.get(path, headers={"Origin": OTHER}),
        preflight(client, path, OTHER),
    ):
        assert "Access-Control-Allow-Origin" not in response
        assert "Access-Control-Expose-Headers" not in response
    for response in (
        client.get(path, headers={"Origin": ALLOWED}),
        preflight(client, path, ALLOWED),
    ):
        assert response["Access-Control-Allow-Origin"] == ALLOWED
        assert "Access-Control-Allow-Credentials" not in response


def test_an_origin_matching_a_pattern_is_allowed_the_preview(client):
    response = client.get(PREVIEW, headers={"Origin": NORWEGIAN})
    assert response["Access-Control-Allow-Origin"] == NORWEGIAN


def test_the_admin_never_gets_cors_headers(client):
    for response in (
        client.get("/admin/login/", headers={"Origin": ALLOWED}),
        preflight(client, "/admin/login/", ALLOWED, method="POST"),
        client.get("/admin/login/", headers={"Origin": OTHER}),
    ):
        assert not any(name.lower().startswith("access-control-") for name in response.headers)


def test_a_post_from_any_origin_is_still_not_allowed(client, conference):
    for origin in (ALLOWED, OTHER):
        assert "post" not in header_set(
            preflight(client, pages_url(), origin, method="POST"), "Access-Control-Allow-Methods"
        )
        response = client.post(
            pages_url(), data={}, content_type="application/json", headers={"Origin": origin}
        )
        assert response.status_code == 405
        assert response.get("Access-Control-Allow-Origin") != "*"


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
