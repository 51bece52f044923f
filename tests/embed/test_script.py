"""The embed script as a host page's browser gets it: small, cacheable, revalidated by ETag."""

import gzip

import pytest
from django.urls import reverse

SCRIPT = "/embed/v1/samverkan.js"
BUDGET = 15 * 1024  # bytes, gzip-compressed

pytestmark = pytest.mark.django_db


def test_the_script_is_at_its_versioned_address():
    assert reverse("samverkan_embed:script") == SCRIPT


def test_the_script_is_javascript_any_page_may_load(client):
    response = client.get(SCRIPT, headers={"Origin": "https://bibliotek.example.se"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    body = response.content.decode()
    assert "customElements.define(name, element)" in body
    assert "innerHTML" not in body and "insertAdjacentHTML" not in body


def test_the_script_compressed_stays_within_its_budget(client):
    body = client.get(SCRIPT).content
    assert len(gzip.compress(body, compresslevel=9)) <= BUDGET


def test_the_script_is_kept_a_day_and_used_a_week_more_while_it_is_checked(client):
    cache_control = {part.strip() for part in client.get(SCRIPT)["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=86400", "stale-while-revalidate=604800"}


def test_a_copy_with_the_same_etag_is_answered_304(client):
    first = client.get(SCRIPT)
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 10

    again = client.get(SCRIPT, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert "max-age=86400" in again["Cache-Control"]

    stale = client.get(SCRIPT, headers={"If-None-Match": '"an-older-version"'})
    assert stale.status_code == 200
    assert stale.content == first.content


def test_the_script_is_only_read(client):
    assert client.head(SCRIPT).status_code == 200
    assert client.post(SCRIPT).status_code == 405
