"""A change drops exactly the kept answers that contain what changed, and no others.

Answers put together from the delivery store are named by the pages they
contain (``content_state`` tags); a change moves the tags of the pages whose
representations show it (``delivery/refresh.py``).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content_types import content_state
from content_types.models import ConferencePage, Person

from ..utils import (
    local,
    make_conference,
    make_network,
    make_person,
    make_programme_item,
    page_detail_url,
    pages_url,
)


@pytest.fixture(autouse=True)
def response_cache_on(settings):
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "CACHE_ENABLED": True}


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def content(db, site_tree, commit):
    with commit():
        speaker = make_person("Karin Lindqvist", title="Bibliotekarie")
        with_speaker = make_conference(site_tree["conference_index"], title="Läsdagarna")
        make_programme_item(
            with_speaker, title="Om läsning", start=local(2027, 5, 3, 9, 0), speakers=[speaker]
        )
        other = make_conference(site_tree["conference_index"], title="Biblioteksmötet")
        network = make_network(site_tree["network_index"], title="Läsombud i länet")
    return {"speaker": speaker, "with_speaker": with_speaker, "other": other, "network": network}


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:200]
    return response, len(queries)


def is_kept(client, url):
    """Whether ``url``'s answer comes from the cache (no query at all).

    The first request after a change reads the page schedule for the new
    generation once, whatever it asks for; it is read here first.
    """
    content_state.current_generation()
    return get(client, url)[1] == 0


def test_an_unrelated_page_published_leaves_the_conferences_answers_kept(client, content, commit):
    details = [page_detail_url(content["with_speaker"]), page_detail_url(content["other"])]
    conference_listings = [
        pages_url(type="content_types.ConferencePage", fields="*"),
        pages_url(type="content_types.ProgrammeItemPage", child_of=content["with_speaker"].pk),
    ]
    # Which pages these choose may change with a network: every type, and networks.
    may_list_it = [pages_url(), pages_url(type="content_types.NetworkPage")]
    for url in [*details, *conference_listings, *may_list_it]:
        get(client, url)

    network = content["network"]
    network.title = "Läsombud i hela länet"
    with commit():
        network.save_revision().publish()

    assert all(is_kept(client, url) for url in [*details, *conference_listings])
    assert not any(is_kept(client, url) for url in may_list_it)
    assert get(client, page_detail_url(network))[0].json()["title"] == "Läsombud i hela länet"


def test_an_unrelated_page_published_leaves_the_calendars_kept(client, content, commit):
    conference = content["with_speaker"]
    calendars = [
        reverse("samverkan_calendar:upcoming_conferences"),
        reverse("samverkan_calendar:conference", args=[conference.pk]),
    ]
    for url in calendars:
        get(client, url)

    with commit():
        content["network"].save_revision().publish()

    assert all(is_kept(client, url) for url in calendars)

    speaker = Person.objects.get(pk=content["speaker"].pk)
    speaker.name = "Karin Lindqvist Berg"
    with commit():
        speaker.save()

    assert not is_kept(client, calendars[1])
    assert "Karin Lindqvist Berg" in get(client, calendars[1])[0].content.decode()


def test_a_conference_published_drops_the_listings_of_conferences(client, content, commit):
    listing = pages_url(type="content_types.ConferencePage", fields="_,title")
    networks = pages_url(type="content_types.NetworkPage")
    get(client, listing)
    get(client, networks)

    with commit():
        make_conference(content["other"].get_parent(), title="Höstkonferensen")

    titles = [item["title"] for item in get(client, listing)[0].json()["items"]]
    assert "Höstkonferensen" in titles
    assert is_kept(client, networks)


def test_a_snippet_deleted_drops_every_listing(client, content, commit):
    listing = pages_url(type="content_types.ConferencePage")
    get(client, listing)

    with commit():
        make_person("Ingen alls").delete()

    assert not is_kept(client, listing)


def test_a_speaker_renamed_drops_the_answers_that_show_them_and_only_those(client, content, commit):
    shows_speaker = page_detail_url(content["with_speaker"])
    other = page_detail_url(content["other"])
    get(client, shows_speaker)
    get(client, other)

    speaker = Person.objects.get(pk=content["speaker"].pk)
    speaker.name = "Karin Lindqvist Berg"
    with commit():
        speaker.save()

    assert is_kept(client, other)
    response, queries = get(client, shows_speaker)
    assert queries > 0
    names = [s["person"]["name"] for item in response.json()["programme"] for s in item["speakers"]]
    assert names == ["Karin Lindqvist Berg"]


def test_a_new_programme_item_drops_its_conferences_answer(client, content, commit):
    url, other = page_detail_url(content["with_speaker"]), page_detail_url(content["other"])
    get(client, url)
    get(client, other)

    conference = ConferencePage.objects.get(pk=content["with_speaker"].pk)
    with commit():
        make_programme_item(conference, title="Avslutning", start=local(2027, 5, 3, 15, 0))

    response, queries = get(client, url)
    assert queries > 0
    assert [item["title"] for item in response.json()["programme"]] == ["Om läsning", "Avslutning"]
    assert is_kept(client, other)
