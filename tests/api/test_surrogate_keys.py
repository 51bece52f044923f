"""Every answer names what it contains; a change purges, by key, exactly what it makes stale.

The purges are sent to real HTTP receivers here, as Varnish, Cloudflare and
Fastly would receive them; ``test_varnish.py`` runs the same against a real
Varnish with ``deploy/varnish/default.vcl``.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.urls import reverse

from content_types.frontend_cache.key_purge_backends import (
    CloudflareTagBackend,
    FastlyKeyBackend,
    VarnishXkeyBackend,
)
from content_types.models import ProgrammeItemPage

from ..utils import (
    make_conference,
    make_network,
    make_programme_item,
    page_detail_url,
    pages_url,
    settings_in_new_process,
)

PURGE_VARIABLES = ("API_", "FRONTEND_CACHE_URL", "CLOUDFLARE_", "CLOUDFRONT_", "FASTLY_")


@pytest.fixture(autouse=True)
def response_cache_on(settings):
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "CACHE_ENABLED": True}


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def receiver():
    """A real HTTP server that notes every request it is sent: method, path, headers, body."""
    received = []

    class Receiver(BaseHTTPRequestHandler):
        def note(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            received.append((self.command, self.path, self.headers, body))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_PURGE = do_POST = note

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    # shutdown() returns at the loop's next look at the socket: every 0.5 s by default.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()
    server.server_close()


def purged_keys(received):
    """Every key the Varnish receiver was told to purge."""
    return {
        key for method, _path, headers, _body in received for key in headers["xkey-purge"].split()
    }


def purging_to(settings, location):
    settings.SAMVERKAN_API = {
        **settings.SAMVERKAN_API,
        "SURROGATE_KEY_PURGE": {
            "varnish": {
                "BACKEND": "content_types.frontend_cache.key_purge_backends.VarnishXkeyBackend",
                "LOCATION": location,
            }
        },
    }


@pytest.fixture
def conference(db, site_tree, commit):
    with commit():
        conference = make_conference(site_tree["conference_index"], title="Läsdagarna")
        make_programme_item(conference, title="Om läsning")
    return conference


class TestAnswersNameWhatTheyContain:
    def test_a_detail_names_its_pages(self, client, conference):
        response = client.get(page_detail_url(conference))
        assert set(response["Surrogate-Key"].split()) == {"pages", f"page:{conference.pk}"}

    def test_a_kept_detail_names_them_as_the_first_answer_did(self, client, conference):
        first = client.get(page_detail_url(conference))
        kept = client.get(page_detail_url(conference))
        not_modified = client.get(page_detail_url(conference), HTTP_IF_NONE_MATCH=first["ETag"])
        assert kept["Surrogate-Key"] == first["Surrogate-Key"]
        assert not_modified.status_code == 304
        assert not_modified["Surrogate-Key"] == first["Surrogate-Key"]

    def test_a_listing_names_every_page_in_it_and_the_listings_of_its_type(
        self, client, conference
    ):
        response = client.get(pages_url(type="content_types.ConferencePage"))
        keys = response["Surrogate-Key"].split()
        listings = {"listings", "listings:content_types.conferencepage"}
        assert {"pages", *listings, f"page:{conference.pk}"} <= set(keys)

    def test_an_answer_not_from_the_store_names_the_generation(self, client, conference):
        images = client.get(reverse("wagtailapi:images:listing"))
        documents = client.get(reverse("wagtailapi:documents:listing"))
        assert images["Surrogate-Key"] == documents["Surrogate-Key"] == "generation"

    def test_a_calendar_from_the_store_names_its_pages_and_the_listings_of_their_type(
        self, client, conference
    ):
        feed = client.get(reverse("samverkan_calendar:conference", args=[conference.pk]))
        keys = set(feed["Surrogate-Key"].split())
        listings = {"listings", "listings:content_types.programmeitempage"}
        assert {"pages", *listings, f"page:{conference.pk}"} <= keys
        assert "generation" not in keys

    def test_an_error_names_nothing(self, client, db, site_tree):
        response = client.get(pages_url(limit="many"))
        assert response.status_code == 400
        assert "Surrogate-Key" not in response

    def test_cloudflare_reads_the_keys_from_cache_tag_separated_by_commas(
        self, client, conference, settings
    ):
        settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "SURROGATE_KEY_HEADER": "Cache-Tag"}
        response = client.get(page_detail_url(conference))
        assert set(response["Cache-Tag"].split(",")) == {"pages", f"page:{conference.pk}"}
        assert "Surrogate-Key" not in response


class TestAChangePurgesWhatNamesIt:
    def test_publishing_a_programme_item_purges_its_conference(
        self, conference, commit, settings, receiver
    ):
        location, received = receiver
        purging_to(settings, location)
        item = ProgrammeItemPage.objects.child_of(conference).get()
        item.title = "Om läsning och skrivande"
        with commit():
            item.save_revision().publish()

        assert {(method, path) for method, path, _headers, _body in received} == {("PURGE", "/")}
        keys = purged_keys(received)
        listings = {"listings:content_types.programmeitempage", "listings:wagtailcore.page"}
        assert {f"page:{conference.pk}", f"page:{item.pk}", *listings, "generation"} <= keys
        assert "pages" not in keys  # every other page's answers stay cached
        assert "listings" not in keys  # and the listings of other types

    def test_an_unrelated_publish_does_not_purge_the_conference(
        self, conference, commit, settings, receiver, site_tree
    ):
        with commit():
            network = make_network(site_tree["network_index"], title="Läsombud")
        location, received = receiver
        purging_to(settings, location)
        network.title = "Läsombud i länet"
        with commit():
            network.save_revision().publish()

        keys = purged_keys(received)
        assert f"page:{network.pk}" in keys
        assert f"page:{conference.pk}" not in keys

    def test_a_change_rolled_back_purges_nothing(self, conference, settings, receiver):
        location, received = receiver
        purging_to(settings, location)
        with pytest.raises(RuntimeError), transaction.atomic():
            conference.save_revision().publish()
            raise RuntimeError("rolled back")
        assert received == []

    def test_a_cache_that_cannot_be_reached_does_not_stop_the_change(
        self, conference, commit, settings
    ):
        purging_to(settings, "http://127.0.0.1:9")  # the discard port: nothing listens
        conference.title = "Läsdagarna 2027"
        with commit():
            conference.save_revision().publish()
        conference.refresh_from_db()
        assert conference.title == "Läsdagarna 2027"


class TestThePurgeRequests:
    def test_varnish_is_sent_a_purge_with_the_keys_in_xkey_purge(self, receiver):
        location, received = receiver
        VarnishXkeyBackend({"LOCATION": location}).purge_keys({"page:3", "generation"})
        ((method, path, headers, _body),) = received
        assert (method, path, headers["xkey-purge"]) == ("PURGE", "/", "generation page:3")

    def test_varnish_is_sent_many_keys_in_batches(self, receiver):
        location, received = receiver
        keys = {f"page:{number}" for number in range(120)}
        VarnishXkeyBackend({"LOCATION": location}).purge_keys(keys)
        assert [len(headers["xkey-purge"].split()) for *_, headers, _body in received] == [
            50,
            50,
            20,
        ]
        assert purged_keys(received) == keys

    def test_cloudflare_is_sent_the_tags_with_a_bearer_token(self, receiver):
        location, received = receiver
        backend = CloudflareTagBackend(
            {"ZONEID": "zone1", "BEARER_TOKEN": "secret", "API_URL": location}
        )
        backend.purge_keys({"page:3", "generation"})
        ((method, path, headers, body),) = received
        assert (method, path) == ("POST", "/zones/zone1/purge_cache")
        assert headers["Authorization"] == "Bearer secret"
        assert json.loads(body) == {"tags": ["generation", "page:3"]}

    def test_cloudflare_is_sent_at_most_thirty_tags_a_request(self, receiver):
        location, received = receiver
        backend = CloudflareTagBackend(
            {"ZONEID": "zone1", "EMAIL": "ops@example.se", "API_KEY": "key", "API_URL": location}
        )
        backend.purge_keys({f"page:{number}" for number in range(31)})
        assert [len(json.loads(body)["tags"]) for *_, body in received] == [30, 1]
        assert received[0][2]["X-Auth-Email"] == "ops@example.se"
        assert received[0][2]["X-Auth-Key"] == "key"

    def test_fastly_is_sent_the_surrogate_keys_with_its_token(self, receiver):
        location, received = receiver
        backend = FastlyKeyBackend(
            {"SERVICE_ID": "svc", "API_TOKEN": "token", "SOFT": True, "API_URL": location}
        )
        backend.purge_keys({"page:3", "generation"})
        ((method, path, headers, _body),) = received
        assert (method, path) == ("POST", "/service/svc/purge")
        assert headers["Fastly-Key"] == "token"
        assert headers["Surrogate-Key"] == "generation page:3"
        assert headers["Fastly-Soft-Purge"] == "1"


class TestConfiguration:
    def test_the_caches_purged_by_url_are_purged_by_key_too(self):
        configured = settings_in_new_process(
            {"api": "settings.SAMVERKAN_API"},
            {
                "FRONTEND_CACHE_URL": "http://127.0.0.1:6081",
                "CLOUDFLARE_ZONEID": "zone",
                "CLOUDFLARE_BEARER_TOKEN": "token",
                "FASTLY_SERVICE_ID": "svc",
                "FASTLY_API_TOKEN": "fastly-token",
                "API_SURROGATE_KEY_HEADER": "Cache-Tag",
            },
            without=PURGE_VARIABLES,
        )["api"]
        purge = configured["SURROGATE_KEY_PURGE"]
        assert configured["SURROGATE_KEY_HEADER"] == "Cache-Tag"
        assert purge["varnish"]["BACKEND"].endswith("VarnishXkeyBackend")
        assert purge["varnish"]["LOCATION"] == "http://127.0.0.1:6081"
        assert purge["cloudflare"]["BACKEND"].endswith("CloudflareTagBackend")
        assert (purge["cloudflare"]["ZONEID"], purge["cloudflare"]["BEARER_TOKEN"]) == (
            "zone",
            "token",
        )
        assert purge["fastly"]["BACKEND"].endswith("FastlyKeyBackend")
        assert (purge["fastly"]["SERVICE_ID"], purge["fastly"]["API_TOKEN"]) == (
            "svc",
            "fastly-token",
        )

    def test_nothing_is_purged_by_key_unless_configured(self):
        default = settings_in_new_process(
            {"api": "settings.SAMVERKAN_API"}, {}, without=PURGE_VARIABLES
        )["api"]
        assert default["SURROGATE_KEY_PURGE"] == {}
        assert default["SURROGATE_KEY_HEADER"] == "Surrogate-Key"
