"""Security headers on the public views: the API, its docs page, the feeds and the HTML pages.

Every answer is sent with X-Content-Type-Options, Referrer-Policy and
X-Frame-Options; every public answer also with a Content-Security-Policy that
lets a page run and load nothing but the site's own files, and its inline
styles only with the request's nonce. The Wagtail admin keeps its own inline
scripts and styles, so it has no policy and still renders.
"""

import re

import pytest
from django.urls import reverse

from content_types.content_state import api_setting

from ..utils import pages_url

pytestmark = pytest.mark.django_db


def public_urls(home):
    return [
        pages_url(),
        reverse("wagtailapi:pages:detail", args=(home.pk,)),
        reverse("wagtailapi:images:listing"),
        reverse("wagtailapi:documents:listing"),
        "/api/v2/openapi.json",
        "/api/v2/docs/",
        "/api/v2/calendar/conferences.ics",
        home.url,
    ]


def policy(response):
    """The Content-Security-Policy of ``response`` as {directive: [sources]}."""
    header = response.get("Content-Security-Policy")
    assert header, (response.request["PATH_INFO"], "no Content-Security-Policy")
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def test_every_public_answer_has_the_security_headers(client, home):
    for url in public_urls(home):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin")
        assert response["X-Frame-Options"] == "DENY", url
        directives = policy(response)
        assert directives["default-src"] == ["'none'"], url
        assert directives["script-src"] == ["'self'"], url
        assert directives["object-src"] == ["'none'"], url
        assert directives["base-uri"] == ["'none'"], url
        assert directives["frame-ancestors"] == ["'none'"], url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], url
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], url


def test_errors_have_the_security_headers_too(client, home):
    for url in [pages_url(limit="lots"), "/api/v2/nowhere/", "/api/v2/calendar/conferences/0.ics"]:
        response = client.get(url)
        assert response.status_code in (400, 404), url
        assert response["X-Content-Type-Options"] == "nosniff"
        assert policy(response)["default-src"] == ["'none'"]


@pytest.mark.parametrize("path", ["/api/v2/docs/", "home"])
def test_inline_styles_carry_the_nonce_the_policy_allows(client, home, path):
    """The docs page and the HTML pages style themselves inline; nothing else inline may run."""
    response = client.get(home.url if path == "home" else path)
    html = response.content.decode()
    nonces = [source for source in policy(response)["style-src"] if source.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0].removeprefix("'nonce-").removesuffix("'")
    styles = re.findall(r"<style([^>]*)>", html)
    assert styles, "the page styles itself inline"
    assert all(f'nonce="{nonce}"' in attributes for attributes in styles)
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)", html)
    assert not re.search(r"\sstyle=", html)


def test_each_answer_gets_a_fresh_nonce(client, home):
    first = policy(client.get(home.url))["style-src"]
    second = policy(client.get(home.url))["style-src"]
    assert first != second


def test_a_cached_api_answer_is_sent_with_the_headers(
    client, home, settings, django_assert_num_queries
):
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "CACHE_ENABLED": True}
    assert api_setting("CACHE_ENABLED")
    client.get(pages_url())
    with django_assert_num_queries(0):  # answered from the cache
        cached = client.get(pages_url())
    assert cached.status_code == 200
    assert cached["X-Content-Type-Options"] == "nosniff"
    assert cached["X-Frame-Options"] == "DENY"
    assert policy(cached)["default-src"] == ["'none'"]


class TestTheAdmin:
    def test_has_no_content_security_policy_and_still_renders(
        self, client, home, django_user_model
    ):
        user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
        client.force_login(user)
        for url in ["/admin/", f"/admin/pages/{home.pk}/", f"/admin/pages/{home.pk}/edit/"]:
            response = client.get(url)
            assert response.status_code == 200, url
            assert "Content-Security-Policy" not in response, url
            assert response["X-Content-Type-Options"] == "nosniff"
            assert b"<script" in response.content

    def test_the_login_page_renders_without_a_policy(self, client):
        response = client.get("/admin/login/")
        assert response.status_code == 200
        assert "Content-Security-Policy" not in response
        assert response["X-Frame-Options"] == "DENY"
