"""HTTP under /api/: every write is a JSON 405, and answers say which language they are in.

The paths come from the URL resolver, so a path added under /api/ is covered
without a change here. Requests go through the whole middleware, CSRF check
included (``enforce_csrf_checks``), as a browser's or a script's would.
"""

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils.regex_helper import normalize

from ..utils import page_detail_url, pages_url

pytestmark = pytest.mark.django_db

WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"]
MISSING_ID = "999999"


def url_regexes(patterns, prefix=""):
    """The full regex of every view in ``patterns``; the language-prefixed site is left out."""
    for entry in patterns:
        if isinstance(entry.pattern, LocalePrefixPattern):
            continue
        regex = prefix + entry.pattern.regex.pattern.removeprefix("^")
        if isinstance(entry, URLResolver):
            yield from url_regexes(entry.url_patterns, regex.removesuffix("$").removesuffix(r"\Z"))
        else:
            yield regex


def api_paths():
    """One path for every view the URLconf serves under /api/, each parameter filled in."""
    paths = []
    for regex in url_regexes(get_resolver().url_patterns):
        for template, parameters in normalize(regex):
            if template.startswith("api/"):
                paths.append("/" + template % {name: MISSING_ID for name in parameters})
    return paths


def test_the_paths_under_the_api_are_found_in_the_urlconf():
    paths = api_paths()
    for expected in [
        reverse("wagtailapi:pages:listing"),
        reverse("wagtailapi:pages:detail", args=(MISSING_ID,)),
        reverse("wagtailapi:pages:find"),
        reverse("wagtailapi:images:listing"),
        reverse("wagtailapi:documents:listing"),
        reverse("wagtailapi:preview:listing"),
        reverse("samverkan_calendar:upcoming_conferences"),
        reverse("samverkan_calendar:conference", args=(MISSING_ID,)),
        reverse("samverkan_openapi:document"),
        reverse("samverkan_openapi:docs"),
        f"/api/{MISSING_ID}",  # any other path under /api/
    ]:
        assert expected in paths


@pytest.fixture
def anonymous():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def signed_in(admin_user):
    """A browser signed in to the admin: a session, whose writes Django and DRF check for CSRF."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    return client


def assert_json_405(response, method, path):
    assert response.status_code == 405, (method, path, response.status_code, response.content[:200])
    assert response["Content-Type"] == "application/json", (method, path)
    assert method in response.json()["message"], (method, path)
    allowed = [name.strip() for name in response["Allow"].split(",")]
    assert "GET" in allowed and method not in allowed, (method, path, allowed)


class TestWrites:
    @pytest.mark.parametrize("method", WRITE_METHODS)
    @pytest.mark.parametrize("path", api_paths())
    def test_every_write_to_every_path_answers_a_json_405_with_allow(
        self, anonymous, home, path, method
    ):
        response = anonymous.generic(method, path, b"{}", content_type="application/json")
        assert_json_405(response, method, path)

    @pytest.mark.parametrize("method", WRITE_METHODS)
    @pytest.mark.parametrize("path", api_paths())
    def test_a_browser_signed_in_to_the_admin_gets_the_405_too_not_a_csrf_403(
        self, signed_in, home, path, method
    ):
        response = signed_in.generic(method, path, b"{}", content_type="application/json")
        assert_json_405(response, method, path)

    @pytest.mark.parametrize(
        "path",
        [reverse("samverkan_openapi:document"), reverse("samverkan_calendar:upcoming_conferences")],
    )
    def test_the_405_speaks_the_clients_language(self, anonymous, home, path):
        response = anonymous.post(path, HTTP_ACCEPT_LANGUAGE="nb")
        assert response.status_code == 405
        assert response.json() == {
            "message": "metoden POST er ikke tillatt her; API-et kan bare leses (GET, HEAD)"
        }
        assert response["Content-Language"] == "nb"


class TestContentLanguage:
    def test_a_swedish_pages_detail_is_in_swedish_whatever_the_messages_are_in(self, client, home):
        for accept_language in ("", "en", "nb"):
            response = client.get(page_detail_url(home), HTTP_ACCEPT_LANGUAGE=accept_language)
            assert response.status_code == 200
            assert response["Content-Language"] == "sv", accept_language

    def test_a_norwegian_pages_detail_is_in_norwegian(self, client, nb_home):
        response = client.get(page_detail_url(nb_home), HTTP_ACCEPT_LANGUAGE="sv")
        assert response["Content-Language"] == "nb"

    @pytest.mark.parametrize("locale", ["sv", "nb"])
    def test_a_listing_is_in_the_locale_asked_for(self, client, home, locale):
        response = client.get(pages_url(locale=locale), HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        assert response["Content-Language"] == locale

    def test_a_listing_of_every_locale_is_in_every_language_of_the_site(self, client, home):
        response = client.get(pages_url(), HTTP_ACCEPT_LANGUAGE="en")
        assert response["Content-Language"] == "sv, nb"

    @pytest.mark.parametrize("accept_language, language", [("", "en"), ("sv", "sv"), ("no", "nb")])
    def test_an_error_is_in_the_language_of_its_message(
        self, client, home, accept_language, language
    ):
        response = client.get(pages_url(locale="zz"), HTTP_ACCEPT_LANGUAGE=accept_language)
        assert response.status_code == 400
        assert response["Content-Language"] == language

    def test_a_cached_answer_names_the_language_the_first_one_did(self, client, nb_home, settings):
        settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "CACHE_ENABLED": True}
        first = client.get(page_detail_url(nb_home), HTTP_ACCEPT_LANGUAGE="sv")
        again = client.get(page_detail_url(nb_home), HTTP_ACCEPT_LANGUAGE="sv")
        assert again.content == first.content
        assert first["Content-Language"] == again["Content-Language"] == "nb"


class TestNotFoundMessages:
    """A 404 is said in the client's language, as every other error is; English without one."""

    @pytest.mark.parametrize(
        "accept_language, message",
        [
            ("", f"no public page has the id {MISSING_ID}"),
            ("sv-SE,sv;q=0.9", f"ingen publicerad sida har id {MISSING_ID}"),
            ("nb", f"ingen publisert side har id {MISSING_ID}"),
        ],
    )
    def test_a_missing_page(self, client, home, accept_language, message):
        url = reverse("wagtailapi:pages:detail", args=(MISSING_ID,))
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=accept_language)
        assert response.status_code == 404
        assert response.json() == {"message": message}
        assert response["Content-Language"] == (accept_language[:2] or "en")

    @pytest.mark.parametrize(
        "accept_language, message",
        [
            ("", "no public page matches the query"),
            ("sv", "ingen publicerad sida motsvarar frågan"),
            ("nb", "ingen publisert side passer til spørringen"),
        ],
    )
    def test_a_page_find_finds_nothing(self, client, home, accept_language, message):
        url = reverse("wagtailapi:pages:find")
        response = client.get(url, {"id": MISSING_ID}, HTTP_ACCEPT_LANGUAGE=accept_language)
        assert response.status_code == 404
        assert response.json() == {"message": message}

    @pytest.mark.parametrize(
        "endpoint, message",
        [
            ("images", f"ingen publicerad bild har id {MISSING_ID}"),
            ("documents", f"inget publicerat dokument har id {MISSING_ID}"),
        ],
    )
    def test_a_missing_image_or_document(self, client, home, endpoint, message):
        url = reverse(f"wagtailapi:{endpoint}:detail", args=(MISSING_ID,))
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
        assert response.status_code == 404
        assert response.json() == {"message": message}

    @pytest.mark.parametrize(
        "endpoint, message",
        [
            ("images", "ikke noe publisert bilde passer til spørringen"),
            ("documents", "ikke noe publisert dokument passer til spørringen"),
        ],
    )
    def test_an_image_or_document_find_finds_nothing(self, client, home, endpoint, message):
        url = reverse(f"wagtailapi:{endpoint}:find")
        response = client.get(url, {"id": MISSING_ID}, HTTP_ACCEPT_LANGUAGE="nb")
        assert response.status_code == 404
        assert response.json() == {"message": message}

    @pytest.mark.parametrize(
        "accept_language, message",
        [
            ("", "no site is at nowhere.example"),
            ("sv", "ingen webbplats finns på nowhere.example"),
            ("nb", "det finnes ikke noe nettsted på nowhere.example"),
        ],
    )
    def test_an_unknown_site_is_named(self, client, home, accept_language, message):
        for url in (
            pages_url(site="nowhere.example"),
            page_detail_url(home, site="nowhere.example"),
        ):
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=accept_language)
            assert response.status_code == 404
            assert response.json() == {"message": message}
