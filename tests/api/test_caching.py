"""HTTP caching of the public API: stored responses, validators, and what makes them stale.

External sites poll the API; an anonymous GET is answered from Django's cache
until public content changes. Changes reach the cache when their transaction
commits: ``commit`` runs what would run then (``on_commit`` callbacks), since
every test runs inside a transaction that is rolled back.

The content is built once for the module; tests that change it run in their
own savepoint, and the cache is cleared around every test (conftest.py).
"""

import math
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode

import pytest
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import http_date
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from content_types import content_state
from content_types.api import caching
from content_types.delivery import store
from content_types.models import (
    ConferenceDocument,
    ConferenceIndexPage,
    ConferencePage,
    ProgrammeItemPage,
    Venue,
)
from content_types.structured_data import registration_closes

from ..utils import (
    PROJECT_DIR,
    add_page,
    local,
    make_conference,
    make_programme_item,
    make_venue,
    page_detail_url,
    pages_url,
    redis_answers,
    settings_in_new_process,
)
from .test_preview import preview_token

REDIS_URL = "redis://127.0.0.1:6379"
CONFERENCES = {"type": "content_types.ConferencePage", "fields": "venue"}


@pytest.fixture(autouse=True)
def response_cache_on(settings):
    """The test settings switch the cache off for every other test; here it is on."""
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "CACHE_ENABLED": True}


@pytest.fixture(scope="module")
def content(site_tree, django_db_blocker):
    with django_db_blocker.unblock():
        venue = make_venue(name="Västerås Konserthus")
        return {
            "venue": venue,
            "conference": make_conference(
                site_tree["conference_index"], title="Biblioteksdagarna", venue=venue
            ),
            "archive": add_page(
                site_tree["home"], ConferenceIndexPage(title="Arkiv", slug="arkiv")
            ),
        }


@pytest.fixture
def conference(db, content):
    return ConferencePage.objects.get(pk=content["conference"].pk)


@pytest.fixture
def archive(db, content):
    """A second conference index, fresh from the database (adding children changes it)."""
    return ConferenceIndexPage.objects.get(pk=content["archive"].pk)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """A block whose changes are committed: what runs on commit runs at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def get(client, url, **headers):
    """``client.get`` and the number of database queries it made."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def titles(response):
    return [item["title"] for item in response.json()["items"]]


# Stored responses


@pytest.mark.django_db
def test_a_second_identical_request_is_served_from_the_cache_without_queries(client, content):
    first, first_queries = get(client, pages_url(**CONFERENCES))
    second, second_queries = get(client, pages_url(**CONFERENCES))

    assert first.status_code == second.status_code == 200
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


@pytest.mark.django_db
def test_cacheable_responses_carry_validators_and_public_cache_control(client, content, settings):
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "CACHE_MAX_AGE": 120}
    for response in (get(client, pages_url())[0], get(client, pages_url())[0]):
        assert response["ETag"].startswith('"')  # strong: no W/ in front
        assert response["Last-Modified"].endswith("GMT")
        assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=120"}
        vary = {name.strip().lower() for name in response["Vary"].split(",")}
        assert {"accept", "accept-language"} <= vary


@pytest.mark.django_db
def test_the_etag_is_a_hash_of_the_body(client, content):
    listing = get(client, pages_url())[0]
    detail = get(client, page_detail_url(content["conference"]))[0]
    again = get(client, page_detail_url(content["conference"]), Accept_Language="sv")[0]
    assert listing["ETag"] != detail["ETag"]
    assert again.content == detail.content
    assert again["ETag"] == detail["ETag"]


@pytest.mark.django_db
def test_head_is_answered_from_the_stored_get_response(client, content):
    got = get(client, pages_url(**CONFERENCES))[0]
    with CaptureQueriesContext(connection) as queries:
        head = client.head(pages_url(**CONFERENCES))

    assert len(queries) == 0
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == got["ETag"]
    assert int(head["Content-Length"]) == len(got.content)


@pytest.mark.django_db
def test_a_response_to_head_is_stored_for_get(client, content):
    head = client.head(page_detail_url(content["conference"]))
    got, queries = get(client, page_detail_url(content["conference"]))
    assert queries == 0
    assert got.json()["title"] == "Biblioteksdagarna"
    assert got["ETag"] == head["ETag"]


@pytest.mark.django_db
def test_each_message_language_has_its_own_entry(client, content):
    """Accept-Language decides the language of messages, so it is part of what is stored."""
    get(client, pages_url(), Accept_Language="sv")
    english, queries = get(client, pages_url(), Accept_Language="en")
    assert queries > 0
    again, queries = get(client, pages_url(), Accept_Language="en")
    assert queries == 0
    # Content-Language names the content's languages, whichever language the messages are in.
    assert again["Content-Language"] == english["Content-Language"] == "sv, nb"


@pytest.mark.django_db
def test_each_host_has_its_own_entry(client, content):
    get(client, pages_url())
    assert get(client, pages_url(), Host="api.example.se")[1] > 0
    assert get(client, pages_url(), Host="api.example.se")[1] == 0


@pytest.mark.django_db
def test_nothing_is_stored_when_caching_is_switched_off(client, content, settings):
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "CACHE_ENABLED": False}
    get(client, pages_url())
    response, queries = get(client, pages_url())
    assert queries > 0
    assert "ETag" not in response


class RecordingMiddleware:
    """Last in the middleware: records the paths of the requests that got past the rest."""

    paths = []

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self.paths.append(request.path)
        return self.get_response(request)


@pytest.fixture
def recorded(settings):
    RecordingMiddleware.paths = []
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.RecordingMiddleware"]
    return RecordingMiddleware.paths


def stored_key(url):
    return caching.response_cache_key(RequestFactory().get(url))


@pytest.mark.django_db
def test_a_hit_is_answered_before_the_rest_of_the_middleware(client, content, recorded):
    url = page_detail_url(content["conference"])
    get(client, url)
    hit = get(client, url)[0]
    assert hit.status_code == 200
    assert recorded == [url]  # only the miss went on to the views


@pytest.mark.django_db
def test_a_hit_carries_the_headers_the_middleware_gave_the_stored_response(client, content):
    url = page_detail_url(content["conference"])
    miss = get(client, url, Origin="https://example.se")[0]
    hit = get(client, url, Origin="https://example.se")[0]
    assert hit.content == miss.content
    assert {name: hit[name] for name in hit.headers} == {name: miss[name] for name in miss.headers}
    assert hit["X-Frame-Options"] == "DENY"
    assert "Content-Language" in hit


@pytest.mark.django_db
def test_requests_with_a_session_cookie_are_left_to_the_views(client, content, recorded):
    url = page_detail_url(content["conference"])
    first = get(client, url)[0]
    client.cookies["sessionid"] = "not-a-session"
    response, queries = get(client, url)
    assert recorded == [url, url]
    # One query, the session's: an unknown session is nobody's, and the view's answer is stored.
    assert queries == 1
    assert response.content == first.content
    assert "public" in response["Cache-Control"]


@pytest.mark.django_db
def test_views_cache_without_the_middleware(client, content, settings, recorded):
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.endswith("CachedResponseMiddleware")
    ]
    url = page_detail_url(content["conference"])
    first = get(client, url)[0]
    second, queries = get(client, url)
    assert queries == 0
    assert second.content == first.content
    assert recorded == [url, url]


# Conditional requests


@pytest.mark.django_db
def test_a_request_with_the_etag_gets_304_and_no_body_without_queries(client, content):
    first = get(client, page_detail_url(content["conference"]))[0]
    response, queries = get(
        client, page_detail_url(content["conference"]), If_None_Match=first["ETag"]
    )
    assert response.status_code == 304
    assert response.content == b""
    assert queries == 0
    assert response["ETag"] == first["ETag"]
    assert "public" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_request_with_the_etag_is_answered_without_reading_the_body(client, content):
    url = page_detail_url(content["conference"])
    first = get(client, url)[0]
    caches["default"].delete(stored_key(url))

    response, queries = get(client, url, If_None_Match=first["ETag"])
    assert (response.status_code, queries) == (304, 0)
    assert response["ETag"] == first["ETag"]
    again = get(client, url)[0]  # without the body it is made again
    assert again.content == first.content


@pytest.mark.django_db
def test_a_request_with_another_etag_gets_the_body(client, content):
    get(client, page_detail_url(content["conference"]))
    response = get(client, page_detail_url(content["conference"]), If_None_Match='"other"')[0]
    assert response.status_code == 200
    assert response.json()["title"] == "Biblioteksdagarna"


@pytest.mark.django_db
def test_a_request_with_the_etag_gets_304_on_a_miss_too(client, content):
    """A client that kept its copy longer than the server (or another server) still gets a 304."""
    etag = get(client, page_detail_url(content["conference"]))[0]["ETag"]
    caches["default"].clear()
    response = get(client, page_detail_url(content["conference"]), If_None_Match=etag)[0]
    assert response.status_code == 304


@pytest.mark.django_db
def test_a_request_modified_since_the_last_modified_gets_304(client, content):
    first = get(client, pages_url())[0]
    response, queries = get(client, pages_url(), If_Modified_Since=first["Last-Modified"])
    assert response.status_code == 304
    assert response.content == b""
    assert queries == 0


@pytest.mark.django_db
def test_a_request_modified_since_an_earlier_time_gets_the_body(client, content):
    first = get(client, pages_url())[0]
    earlier = http_date(time.time() - 3600)
    assert get(client, pages_url(), If_Modified_Since=earlier)[0].status_code == 200
    assert first.status_code == 200


@pytest.mark.django_db
def test_if_modified_since_never_hides_a_change_made_within_the_same_second(
    client, content, commit, clock
):
    """HTTP dates have one-second resolution: a copy dated the second of a change is not current."""
    clock.move_to(math.ceil(time.time()))  # start of a second: both happen within it
    first = get(client, pages_url(**CONFERENCES))[0]
    venue = Venue.objects.get(pk=content["venue"].pk)
    venue.name = "Aros Congress Center"
    with commit():
        venue.save()

    response = get(client, pages_url(**CONFERENCES), If_Modified_Since=first["Last-Modified"])[0]

    assert response.status_code == 200
    assert response.json()["items"][0]["venue"]["name"] == "Aros Congress Center"


# What is not stored


@pytest.mark.django_db
def test_a_bad_request_is_not_stored_and_says_no_cache(client, content):
    url = pages_url(type="content_types.ConferencePage", nonsense="1")
    first = get(client, url)[0]
    second = get(client, url)[0]

    assert first.status_code == second.status_code == 400
    assert first["Cache-Control"] == second["Cache-Control"] == "no-cache"
    # Every answer from the cache carries an ETag: the second was made again.
    assert "ETag" not in first and "ETag" not in second


@pytest.mark.django_db
def test_a_not_found_is_not_stored(client, archive):
    """The 404 of a page not yet live is asked again: once live without any signal, it is there.

    Asked with a filter (``?locale=``), which the database answers each time: a
    bare detail's visibility is remembered until a change's signal moves the
    content generation (tests/visibility/test_remembered_state.py).
    """
    draft = make_conference(archive, title="Höstmötet", publish=False)
    url = page_detail_url(draft) + "?locale=sv"
    first = get(client, url)[0]
    ConferencePage.objects.filter(pk=draft.pk).update(live=True)

    second = get(client, url)[0]

    assert first.status_code == 404
    assert first["Cache-Control"] == "no-cache"
    assert second.status_code == 200
    assert second.json()["title"] == "Höstmötet"


@pytest.mark.django_db
def test_a_logged_in_editor_gets_private_responses_that_are_not_stored(admin_client, content):
    first, _queries = get(admin_client, pages_url())
    second, queries = get(admin_client, pages_url())

    assert second.status_code == 200
    assert "private" in second["Cache-Control"]
    assert "public" not in second["Cache-Control"]
    assert "ETag" not in first and "ETag" not in second
    assert queries > 0


@pytest.mark.django_db
def test_an_editors_response_is_not_served_to_anonymous_readers(admin_client, client, content):
    get(admin_client, pages_url())
    response, queries = get(client, pages_url())
    assert queries > 0
    assert "public" in response["Cache-Control"]


@pytest.mark.django_db
def test_preview_responses_are_never_stored(admin_client, client, conference):
    params = preview_token(admin_client, conference, tagline="Utkast")
    url = f"{reverse('wagtailapi:preview:listing')}?{urlencode(params)}"
    first, _queries = get(client, url)
    second, queries = get(client, url)

    assert first.status_code == second.status_code == 200
    assert second.json()["tagline"] == "Utkast"
    assert queries > 0
    for response in (first, second):
        assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
        assert "ETag" not in response
        assert "public" not in response["Cache-Control"]


# What makes stored responses stale


@pytest.mark.django_db
def test_publishing_a_change_shows_it_in_the_next_response(client, conference, commit):
    assert get(client, page_detail_url(conference))[0].json()["title"] == "Biblioteksdagarna"
    conference.title = "Biblioteksdagarna 2025"
    with commit():
        conference.save_revision().publish()
    assert get(client, page_detail_url(conference))[0].json()["title"] == "Biblioteksdagarna 2025"


@pytest.mark.django_db
def test_publishing_a_programme_item_changes_its_conferences_cached_response_at_once(
    client, conference, commit
):
    item = make_programme_item(conference, title="Inledning", start=local(2025, 6, 10, 9, 0))
    url = page_detail_url(conference)
    first = get(client, url)[0]
    stored, queries = get(client, url)
    assert (queries, stored["ETag"]) == (0, first["ETag"])  # the conference is in the cache

    item.title = "Välkommen"
    with commit():
        item.save_revision().publish()
    response = get(client, url)[0]

    assert [entry["title"] for entry in response.json()["programme"]] == ["Välkommen"]
    assert response["ETag"] != first["ETag"]


@pytest.mark.django_db
def test_a_change_reaches_the_cache_only_when_it_is_committed(
    client, conference, django_capture_on_commit_callbacks
):
    """Until the commit, readers see the old rows, and may store them: the bump must come after."""
    get(client, page_detail_url(conference))
    conference.title = "Biblioteksdagarna 2025"
    with django_capture_on_commit_callbacks() as on_commit:
        conference.save_revision().publish()
        generation_before_commit = content_state.current_generation().number

    assert get(client, page_detail_url(conference))[0].json()["title"] == "Biblioteksdagarna"
    for callback in on_commit:
        callback()
    assert content_state.current_generation().number > generation_before_commit
    assert get(client, page_detail_url(conference))[0].json()["title"] == "Biblioteksdagarna 2025"


@pytest.mark.django_db
def test_a_draft_revision_changes_nothing(client, conference, commit):
    first = get(client, page_detail_url(conference))[0]
    conference.title = "Utkast"
    with commit():
        conference.save_revision()
    response, queries = get(client, page_detail_url(conference))
    assert queries == 0
    assert response["ETag"] == first["ETag"]


@pytest.mark.django_db
def test_an_unpublished_page_is_gone_from_the_next_response(client, conference, commit):
    assert get(client, page_detail_url(conference))[0].status_code == 200
    with commit():
        conference.unpublish()
    assert get(client, page_detail_url(conference))[0].status_code == 404


@pytest.mark.django_db
def test_a_moved_page_is_listed_under_its_new_parent(client, conference, archive, commit):
    under_index = pages_url(child_of=conference.get_parent().pk)
    under_archive = pages_url(child_of=archive.pk)
    assert titles(get(client, under_index)[0]) == ["Biblioteksdagarna"]
    assert titles(get(client, under_archive)[0]) == []

    with commit():
        conference.move(archive, pos="last-child")

    assert titles(get(client, under_index)[0]) == []
    assert titles(get(client, under_archive)[0]) == ["Biblioteksdagarna"]


@pytest.mark.django_db
def test_a_deleted_page_is_gone_from_the_next_response(client, conference, commit):
    url = page_detail_url(conference)
    assert get(client, url)[0].status_code == 200
    with commit():
        conference.delete()
    assert get(client, url)[0].status_code == 404


@pytest.mark.django_db
def test_editing_the_venue_a_conference_shows_changes_the_next_response(
    client, conference, content, commit
):
    assert get(client, page_detail_url(conference))[0].json()["venue"]["name"] == (
        "Västerås Konserthus"
    )
    venue = Venue.objects.get(pk=content["venue"].pk)
    venue.name = "Aros Congress Center"
    with commit():
        venue.save()
    assert get(client, page_detail_url(conference))[0].json()["venue"]["name"] == (
        "Aros Congress Center"
    )


def test_a_redis_cache_url_chooses_the_sites_redis_backend():
    assert settings_under({"CACHE_URL": f"{REDIS_URL}/3"})["cache"] == "samverkan.cache.RedisCache"


def test_without_a_cache_url_the_processes_of_one_machine_share_a_folder():
    """The server, the task worker and the scheduled-publishing job of ``make run`` see one state."""
    default = settings_under({})
    assert default["cache"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert default["location"] == str(PROJECT_DIR / "var" / "cache")


@pytest.mark.django_db
def test_a_new_view_restriction_hides_the_page_from_the_next_response(client, conference, commit):
    assert titles(get(client, pages_url(**CONFERENCES))[0]) == ["Biblioteksdagarna"]
    with commit():
        PageViewRestriction.objects.create(
            page=conference, restriction_type="password", password="hemligt"
        )
    assert titles(get(client, pages_url(**CONFERENCES))[0]) == []


@pytest.mark.django_db
def test_a_document_a_conference_starts_to_show_is_in_the_next_documents_listing(
    client, conference, commit
):
    url = reverse("wagtailapi:documents:listing")
    assert get(client, url)[0].json()["items"] == []
    with commit():
        document = get_document_model().objects.create(title="Programblad", file="programblad.pdf")
        conference.documents.add(ConferenceDocument(title="Program", document=document))
        conference.save_revision().publish()
    assert [item["title"] for item in get(client, url)[0].json()["items"]] == ["Programblad"]


@pytest.mark.django_db
def test_the_generation_starts_above_every_earlier_one_after_the_cache_is_flushed(content):
    """Responses stored before a flush may still be in a cache that lost only some keys."""
    before = content_state.current_generation().number
    for _ in range(3):
        content_state.bump_generation()
    bumped = content_state.current_generation().number
    caches["default"].clear()
    after = content_state.current_generation().number
    assert bumped == before + 3
    assert after > bumped


def test_a_bumped_generation_lasts_in_a_cache_of_files(settings, tmp_path, clock):
    """Every process of ``make run`` shares a folder; a generation lasts there until the next bump."""
    settings.CACHES = {
        **settings.CACHES,
        "files": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
            "TIMEOUT": 1,
        },
    }
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "CACHE_ALIAS": "files"}
    content_state.start_generation(caches["files"])
    content_state.bump_generation()
    bumped = caches["files"].get(content_state.GENERATION_KEY)
    clock.shift(1.1)
    assert caches["files"].get(content_state.GENERATION_KEY) == bumped


# Scheduled publishing


@pytest.mark.django_db
def test_a_page_past_its_expiry_is_not_served_from_the_cache(client, conference, clock):
    """Nothing is published when a page expires; the stored response must end with it.

    The page row is set as publishing with an expiry leaves it; the expiry
    comes two seconds later.
    """
    expires = timezone.now() + timedelta(seconds=2)
    ConferencePage.objects.filter(pk=conference.pk).update(expire_at=expires)

    first = get(client, pages_url(**CONFERENCES))[0]
    second, queries = get(client, pages_url(**CONFERENCES))
    assert titles(first) == titles(second) == ["Biblioteksdagarna"]
    assert queries == 0
    assert int(second["Cache-Control"].split("max-age=")[1]) <= 2

    clock.move_to(expires.timestamp() + 0.1)

    assert titles(get(client, pages_url(**CONFERENCES))[0]) == []


@pytest.mark.django_db
def test_a_stored_detail_lasts_until_the_clock_changes_what_it_shows(client, conference, clock):
    """A conference's offer closes when its registration deadline's day ends, with nothing
    saved (the representation's ``valid_until``); the stored answer ends then too."""
    ConferencePage.objects.filter(pk=conference.pk).update(
        registration_deadline=conference.start.date(), is_free=True
    )
    store.forget([conference.pk])
    closes = registration_closes(ConferencePage.objects.get(pk=conference.pk))
    clock.move_to(closes.timestamp() - 20)

    first = get(client, page_detail_url(conference))[0]
    second, queries = get(client, page_detail_url(conference))
    assert queries == 0
    assert second.json()["json_ld"]["offers"]["availability"] == "https://schema.org/InStock"
    assert 0 < int(second["Cache-Control"].split("max-age=")[1]) <= 20
    assert first.content == second.content

    clock.move_to(closes.timestamp() + 1)

    third = get(client, page_detail_url(conference))[0]
    assert third.json()["json_ld"]["offers"]["availability"] == "https://schema.org/SoldOut"


@pytest.mark.django_db
def test_a_stored_response_lasts_until_a_page_goes_live(client, conference, archive):
    """A live page waiting for its go-live time shortens how long responses are kept."""
    waiting = make_conference(archive, title="Vårmötet")
    go_live = timezone.now() + timedelta(seconds=30)
    ConferencePage.objects.filter(pk=waiting.pk).update(go_live_at=go_live)

    response = get(client, pages_url(**CONFERENCES))[0]

    assert titles(response) == ["Biblioteksdagarna"]
    assert 25 <= int(response["Cache-Control"].split("max-age=")[1]) <= 30


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "before", "after"),
    [
        ("go_live_at", ["Biblioteksdagarna"], ["Biblioteksdagarna", "Vårmötet"]),
        ("expire_at", ["Biblioteksdagarna", "Vårmötet"], ["Biblioteksdagarna"]),
    ],
)
def test_last_modified_moves_when_the_clock_changes_what_is_public(
    client, conference, archive, moment, before, after, clock
):
    """Nothing is published when a live page goes live or expires by its times; a client's
    copy dated before then is not current, and its ``If-Modified-Since`` gets the new listing.
    """
    scheduled = make_conference(archive, title="Vårmötet")
    when = timezone.now() + timedelta(seconds=1.5)
    ConferencePage.objects.filter(pk=scheduled.pk).update(**{moment: when})

    first = get(client, pages_url(**CONFERENCES))[0]
    assert titles(first) == before
    clock.move_to(when.timestamp() + 0.1)

    changed = get(client, pages_url(**CONFERENCES), If_Modified_Since=first["Last-Modified"])[0]
    assert changed.status_code == 200
    assert titles(changed) == after
    assert changed["Last-Modified"] == http_date(int(when.timestamp()))
    assert changed["ETag"] != first["ETag"]
    hit, queries = get(client, pages_url(**CONFERENCES), If_Modified_Since=changed["Last-Modified"])
    assert (hit.status_code, queries) == (304, 0)


def test_a_page_scheduled_within_the_second_of_a_change_is_never_dated_current():
    """HTTP dates have one-second resolution: a copy made between the two is not current."""
    bumped = content_state.Generation(7, 1000.2, shares_second=False)
    schedule = content_state.Schedule(7, last=1000.7, shares_second=False, next=None)
    dated = bumped.with_schedule(schedule)
    assert (dated.last_modified, dated.shares_second) == (1000, True)
    earlier = content_state.Schedule(7, last=999.5, shares_second=False, next=1200.0)
    assert bumped.with_schedule(earlier) == content_state.Generation(7, 1000.2, False, 1200.0)


# A CDN in front of the API


class RecordingFrontendCache(BaseBackend):
    """A frontend cache that notes what it is told to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.mark.django_db
def test_a_cdn_is_told_to_drop_a_published_pages_api_url(conference, commit, settings):
    settings.WAGTAILFRONTENDCACHE = {"recording": {"BACKEND": f"{__name__}.RecordingFrontendCache"}}
    RecordingFrontendCache.purged.clear()
    conference.title = "Biblioteksdagarna 2025"
    with commit():
        conference.save_revision().publish()
    assert f"http://testserver{page_detail_url(conference)}" in RecordingFrontendCache.purged


@pytest.fixture
def purge_receiver():
    """A real HTTP server that notes each PURGE it is sent, as Varnish would receive it."""
    purged = []

    class Receiver(BaseHTTPRequestHandler):
        def do_PURGE(self):
            purged.append(f"http://{self.headers['Host']}{self.path}")
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    # shutdown() returns at the loop's next look at the socket: every 0.5 s by default.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", purged
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_unpublishing_a_conference_alone_purges_its_programme_items_api_urls_too(
    conference, commit, settings, purge_receiver
):
    """The items stay live, but are hidden with the conference above them."""
    location, purged = purge_receiver
    item = make_programme_item(conference, title="Inledning")
    conference.refresh_from_db()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    with commit():
        UnpublishPageAction(conference, include_descendants=False).execute()

    assert ProgrammeItemPage.objects.get(pk=item.pk).live
    assert f"http://testserver{page_detail_url(conference)}" in purged
    assert f"http://testserver{page_detail_url(item)}" in purged


# Plain views: the calendar feeds


calls = []


@caching.cache_public_response
def calendar_view(request):
    calls.append(request.path)
    return HttpResponse("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", content_type="text/calendar")


urlpatterns = [path("api/v2/calendar/conferences.ics", calendar_view)]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_decorated_view_is_cached_as_the_api_is(client, content, commit):
    calls.clear()
    first = client.get("/api/v2/calendar/conferences.ics")
    second = client.get("/api/v2/calendar/conferences.ics")
    not_modified = client.get(
        "/api/v2/calendar/conferences.ics", headers={"If-None-Match": first["ETag"]}
    )
    assert len(calls) == 1
    assert second.content == first.content
    assert second["Content-Type"] == "text/calendar"
    assert not_modified.status_code == 304

    with commit():
        Venue.objects.get(pk=content["venue"].pk).save()
    client.get("/api/v2/calendar/conferences.ics")
    assert len(calls) == 2


# Redis, as in production


@pytest.fixture
def redis_cache(settings):
    if not redis_answers():
        pytest.skip(f"no Redis server answers at {REDIS_URL}")
    import redis

    prefix = f"samverkan-test-{time.time_ns()}"
    settings.CACHES = {
        **settings.CACHES,
        "api": {
            "BACKEND": "samverkan.cache.RedisCache",
            "LOCATION": f"{REDIS_URL}/14",
            "KEY_PREFIX": prefix,
        },
    }
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "CACHE_ALIAS": "api"}
    yield caches["api"]
    server = redis.Redis.from_url(f"{REDIS_URL}/14")
    for key in server.scan_iter(match=f"{prefix}:*"):
        server.delete(key)


@pytest.mark.django_db
def test_with_redis_responses_are_stored_validated_and_made_stale(
    client, conference, content, commit, redis_cache
):
    first = get(client, page_detail_url(conference))[0]
    hit, queries = get(client, page_detail_url(conference))
    not_modified = get(client, page_detail_url(conference), If_None_Match=first["ETag"])[0]
    assert queries == 0
    assert hit.content == first.content
    assert not_modified.status_code == 304
    assert caches["default"].get(content_state.GENERATION_KEY) is None  # all of it in Redis

    venue = Venue.objects.get(pk=content["venue"].pk)
    venue.name = "Aros Congress Center"
    with commit():
        venue.save()

    assert get(client, page_detail_url(conference))[0].json()["venue"]["name"] == (
        "Aros Congress Center"
    )


# Configuration


def settings_under(environment):
    """The caching settings of the reference site under ``environment`` (and nothing else of ours)."""
    return settings_in_new_process(
        {
            "api": "settings.SAMVERKAN_API",
            "frontend": "settings.WAGTAILFRONTENDCACHE",
            "cache": "settings.CACHES['default']['BACKEND']",
            "location": "settings.CACHES['default'].get('LOCATION')",
        },
        environment,
        without=("API_CACHE_", "CACHE_URL", "FRONTEND_CACHE_URL", "CLOUDFLARE_", "CLOUDFRONT_"),
    )


def test_caching_and_purging_come_from_the_environment():
    default = settings_under({})
    configured = settings_under(
        {
            "API_CACHE_MAX_AGE": "300",
            "API_CACHE_ENABLED": "off",
            "FRONTEND_CACHE_URL": "http://127.0.0.1:6081",
            "CLOUDFLARE_ZONEID": "zone",
            "CLOUDFLARE_BEARER_TOKEN": "token",
        }
    )

    assert (default["api"]["CACHE_MAX_AGE"], default["api"]["CACHE_ENABLED"]) == (60, True)
    assert default["api"]["CACHE_ALIAS"] == "default"
    assert default["frontend"] == {}
    assert (configured["api"]["CACHE_MAX_AGE"], configured["api"]["CACHE_ENABLED"]) == (300, False)
    assert configured["frontend"]["http"]["LOCATION"] == "http://127.0.0.1:6081"
    assert configured["frontend"]["cloudflare"]["ZONEID"] == "zone"
    assert configured["frontend"]["cloudflare"]["BEARER_TOKEN"] == "token"
