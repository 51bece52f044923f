"""Links name the server that answered: the configured base URL where one is set, else the
scheme, host and port the request came to.

A real HTTP server on a port of its own (never 8000) serves the demo content,
whose ``Site`` and ``ADMIN_BASE_URL`` name another address, as a site started
with ``make run PORT=8100`` does. Every URL of this site in what it answers
(the API's listings and details, ``find`` redirects, the OpenAPI document's
``servers``, the calendar feeds, the JSON-LD of the HTML pages) must name the
server, and each of them must answer there.
"""

import json
import re
import urllib.request
from html.parser import HTMLParser
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from pytest_django.live_server_helper import LiveServer
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from content_types.models import ConferencePage
from content_types.webhooks.payloads import api_detail_url

from ..utils import settings_in_new_process

#: Where the demo's Site and the admin are said to be: what links must not name.
ELSEWHERE = "http://127.0.0.1:8000"
#: Hosts this site is known by; a URL naming one of them names the site, not another one.
OWN_HOSTS = {"127.0.0.1", "localhost", "testserver"}
#: Keys whose value is a URL of this site, absolute.
LINK_KEYS = {"detail_url", "html_url", "full_url", "calendar_url"}
CONFIGURED = "https://samverkan.example"


def build_demo(demo_content):
    report = demo_content.lay_down()
    conference = ConferencePage.objects.live().order_by("pk").first()
    conference.image = get_image_model().objects.create(title="Affisch", file=get_test_image_file())
    conference.save_revision().publish()
    return report


@pytest.fixture(scope="module")
def demo(demo_content, django_db_blocker):
    """The demo content and a conference with an image, once for this module.

    On SQLite the server's threads share the test's in-memory database and its
    connection, so a transaction rolled back at the end serves. On PostgreSQL
    they read through connections of their own: the content is committed, and
    afterwards the database is put back as the migrations left it, as Django's
    serialized rollback does.
    """
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            with transaction.atomic():
                yield build_demo(demo_content)
                transaction.set_rollback(True)
            return
        migrated = connection.creation.serialize_db_to_string()
        with transaction.atomic():
            report = build_demo(demo_content)
        yield report
        call_command(
            "flush",
            interactive=False,
            inhibit_post_migrate=True,
            reset_sequences=False,
            verbosity=0,
        )
        connection.creation.deserialize_db_from_string(migrated)


@pytest.fixture(scope="module")
def server(demo):
    """A live server on a free port, answering from the test database.

    The requests below are made one at a time: on SQLite the server's threads
    and the test share the in-memory database's connection without interleaving.
    """
    server = LiveServer("127.0.0.1")
    yield server
    server.stop()


@pytest.fixture
def unconfigured(settings, db):
    """No public base URL configured; the Site and the admin at another port than the server."""
    settings.WAGTAILAPI_BASE_URL = ""
    settings.WAGTAILADMIN_BASE_URL = ELSEWHERE


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, follow=True):
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except HTTPError as error:
        return error.code, dict(error.headers), error.read()


def fetch_json(url):
    status, _headers, body = fetch(url)
    assert status == 200, (url, status, body[:300])
    return json.loads(body)


def urls_in(data, key=None):
    """Every ``(key, string)`` in ``data`` that is a URL, or sits under a key that holds one."""
    if isinstance(data, dict):
        for name, value in data.items():
            yield from urls_in(value, name)
    elif isinstance(data, list):
        for value in data:
            yield from urls_in(value, key)
    elif isinstance(data, str) and (key in LINK_KEYS or re.match(r"https?://", data)):
        yield key, data


def own_links(found):
    """The URLs of ``found`` that are this site's: under a link key, or naming one of its hosts."""
    return [
        (key, url) for key, url in found if key in LINK_KEYS or urlsplit(url).hostname in OWN_HOSTS
    ]


def misplaced(links, base):
    """The links that do not start at ``base``."""
    return [(key, url) for key, url in links if not url.startswith(base + "/")]


class JsonLd(HTMLParser):
    """The JSON-LD scripts of an HTML page."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        self.inside = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_endtag(self, tag):
        self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.scripts.append(json.loads(data))


def conferences(server):
    """The conferences of the pages listing, as the server lists them."""
    query = urlencode({"type": "content_types.ConferencePage", "limit": 100})
    listing = fetch_json(f"{server.url}{reverse('wagtailapi:pages:listing')}?{query}")
    assert listing["items"]
    return listing["items"]


def test_no_public_base_url_is_configured_unless_api_base_url_says_one():
    """Unset, ``WAGTAILAPI_BASE_URL`` is empty, not the admin's address: links follow the request."""
    read = {"api": "settings.WAGTAILAPI_BASE_URL"}
    assert settings_in_new_process(read, {}, without=("API_BASE_URL",)) == {"api": ""}
    assert settings_in_new_process(read, {"API_BASE_URL": CONFIGURED}) == {"api": CONFIGURED}


def test_what_no_request_asks_for_names_the_configured_address_else_the_admins(settings):
    """A webhook's payload has no request to follow: API_BASE_URL, else ADMIN_BASE_URL."""
    settings.WAGTAILAPI_BASE_URL = ""
    settings.WAGTAILADMIN_BASE_URL = ELSEWHERE
    assert api_detail_url(7) == f"{ELSEWHERE}/api/v2/pages/7/"
    settings.WAGTAILAPI_BASE_URL = f"{CONFIGURED}/"
    assert api_detail_url(7) == f"{CONFIGURED}/api/v2/pages/7/"


class TestWithoutAConfiguredBaseUrl:
    def test_every_url_in_the_api_names_the_server_that_answered(self, server, unconfigured):
        base = server.url
        assert urlsplit(base).port != 8000
        api = base + reverse("wagtailapi:pages:listing")
        listing = fetch_json(api + "?" + urlencode({"limit": 100}))
        pages = listing["items"]
        assert listing["meta"]["total_count"] == len(pages) > 20
        answers = [listing]
        for page in pages:
            answers.append(fetch_json(page["meta"]["detail_url"]))
        for endpoint in ("images", "documents"):
            media = fetch_json(base + reverse(f"wagtailapi:{endpoint}:listing"))
            answers.append(media)
            answers += [fetch_json(item["meta"]["detail_url"]) for item in media["items"]]
        links = own_links([found for answer in answers for found in urls_in(answer)])
        kinds = {key for key, _url in links}
        assert {"detail_url", "html_url", "full_url", "calendar_url"} <= kinds, kinds
        assert misplaced(links, base) == []

    def test_every_link_answers_on_that_server(self, server, unconfigured):
        base = server.url
        conference = ConferencePage.objects.live().order_by("pk").first()  # the one with an image
        detail = fetch_json(f"{base}{reverse('wagtailapi:pages:detail', args=(conference.pk,))}")
        for key, url in own_links(urls_in(detail)):
            if urlsplit(url).path.startswith(settings.MEDIA_URL):
                continue  # an image's file: the web server's to serve, not Django's
            status, _headers, _body = fetch(url)
            assert status == 200, (key, url, status)

    def test_find_redirects_to_the_detail_on_the_server(self, server, unconfigured):
        base = server.url
        conference = ConferencePage.objects.live().filter(locale__language_code="nb").first()
        html_path = urlsplit(conference.get_url()).path
        for query in ({"id": conference.pk}, {"html_path": html_path}):
            url = base + reverse("wagtailapi:pages:find") + "?" + urlencode(query)
            status, headers, _body = fetch(url, follow=False)
            assert status == 302, (query, status)
            location = headers["Location"]
            assert location.startswith(f"{base}/api/v2/pages/{conference.pk}/"), location
            assert fetch_json(location)["id"] == conference.pk

    def test_the_openapi_document_names_the_server(self, server, unconfigured):
        document = fetch_json(server.url + reverse("samverkan_openapi:document"))
        assert document["servers"] == [{"url": server.url}]

    def test_the_calendar_feeds_link_to_the_pages_on_the_server(self, server, unconfigured):
        urls = []
        for conference in conferences(server):
            status, _headers, body = fetch(
                fetch_json(conference["meta"]["detail_url"])["calendar_url"]
            )
            assert status == 200
            unfolded = body.decode().replace("\r\n ", "")
            urls += re.findall(r"^URL(?:;[^:]*)?:(\S+)", unfolded, flags=re.MULTILINE)
        assert urls
        assert [url for url in urls if not url.startswith(server.url + "/")] == []

    def test_the_json_ld_of_the_html_pages_names_the_server(self, server, unconfigured):
        scripts = []
        for page in conferences(server):
            status, _headers, body = fetch(page["meta"]["html_url"])
            assert status == 200, page["meta"]["html_url"]
            parser = JsonLd()
            parser.feed(body.decode())
            scripts += parser.scripts
        assert scripts
        links = own_links([found for script in scripts for found in urls_in(script)])
        assert links
        assert misplaced(links, server.url) == []


class TestWithAConfiguredBaseUrl:
    """Behind a proxy the request does not know the public address: API_BASE_URL says it."""

    @pytest.fixture(autouse=True)
    def configured(self, settings, db):
        settings.WAGTAILAPI_BASE_URL = CONFIGURED
        settings.WAGTAILADMIN_BASE_URL = ELSEWHERE

    def test_every_url_in_the_api_names_the_configured_address(self, demo, client):
        answers = [client.get(reverse("wagtailapi:pages:listing"), {"limit": 100}).json()]
        for page in answers[0]["items"]:
            path = urlsplit(page["meta"]["detail_url"]).path
            answers.append(client.get(path).json())
        links = own_links([found for answer in answers for found in urls_in(answer)])
        assert {"detail_url", "html_url", "full_url", "calendar_url"} <= {k for k, _ in links}
        assert misplaced(links, CONFIGURED) == []

    def test_find_and_the_openapi_servers_name_the_configured_address(self, demo, client):
        conference = ConferencePage.objects.live().first()
        response = client.get(reverse("wagtailapi:pages:find"), {"id": conference.pk})
        assert response.status_code == 302
        assert response["Location"].startswith(f"{CONFIGURED}/api/v2/pages/{conference.pk}/")
        document = client.get(reverse("samverkan_openapi:document")).json()
        assert document["servers"] == [{"url": CONFIGURED}]
