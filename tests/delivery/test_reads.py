"""Reading the store: answers put together from stored fields (``api/delivery.py``, ``views.py``).

The serializers are the one definition of the output; ``?rich_text_format=``
is answered by them (``rendered_detail``, Wagtail's listing), and ``db_html``
is the default format, so the same request with it must give the same bytes
as the store does, for any ``?fields=``, nested sub-fields, languages and
fallbacks, errors included.

And whatever the store holds, only public pages are answered: the pages are
chosen on the page tables first, so a representation the store still holds of
a page that stopped being public is never served, and a related page's title
goes with it.
"""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page, PageViewRestriction

from content_types.delivery import store
from content_types.delivery.models import Representation

from ..utils import page_detail_url, pages_url

pytestmark = pytest.mark.django_db

CONFERENCES = "content_types.ConferencePage"
ITEMS = "content_types.ProgrammeItemPage"
SERIALIZED = {"rich_text_format": "db_html"}


def from_store_and_serializers(client, url, **headers):
    """The answer to ``url``, from the store and from the serializers."""
    joiner = "&" if "?" in url else "?"
    stored = client.get(url, **headers)
    serialized = client.get(f"{url}{joiner}{urlencode(SERIALIZED)}", **headers)
    return stored, serialized


# Composition


DETAIL_QUERIES = [
    {},
    {"fields": "*"},
    {"fields": "_,title,start"},
    {"fields": "-json_ld,-json_ld_script,-title"},
    {"fields": "_,id,parent"},
    {"fields": "related_project(title)"},
    {"fields": "_,image(title,alt)"},
    {"fields": "venue(name)"},  # a 400: no nested fields there
    {"fields": "no_such_field"},  # a 400
]


@pytest.mark.parametrize("page", ["conference", "nb_conference", "talk", "network", "project"])
@pytest.mark.parametrize("query", DETAIL_QUERIES, ids=lambda query: urlencode(query) or "none")
def test_a_detail_from_the_store_is_the_serializers_answer_byte_for_byte(
    world, client, page, query
):
    url = page_detail_url(getattr(world, page), **query)

    stored, serialized = from_store_and_serializers(client, url)

    assert stored.status_code == serialized.status_code
    assert stored.content == serialized.content


LISTING_QUERIES = [
    {},
    {"type": CONFERENCES, "fields": "*"},
    {"type": ITEMS, "fields": "speakers,start", "order": "-title"},
    {"type": CONFERENCES, "fields": "_,related_project(title),programme"},
    {"fields": "-title", "limit": 3, "offset": 2},
    {"locale": "nb", "fallback": "sv", "fields": "title"},
    {"type": CONFERENCES, "locale": "nb", "fallback": "sv", "fields": "*"},
    {"search": "Läsdagen"},
    {"type": ITEMS, "fields": "speakers(name)"},  # a 400
]


@pytest.mark.parametrize("query", LISTING_QUERIES, ids=lambda query: urlencode(query) or "none")
def test_a_listing_from_the_store_is_the_serializers_answer_byte_for_byte(world, client, query):
    stored, serialized = from_store_and_serializers(client, pages_url(**query))

    assert stored.status_code == serialized.status_code
    assert stored.content == serialized.content


def test_an_indented_answer_is_the_serializers_answer_indented(world, client):
    url = page_detail_url(world.conference, fields="*")

    stored, serialized = from_store_and_serializers(
        client, url, HTTP_ACCEPT="application/json; indent=2"
    )

    assert stored.content == serialized.content
    assert stored.content.startswith(b'{\n  "id"')


def test_a_page_standing_in_for_its_missing_translation_is_marked_as_a_fallback(world, client):
    query = {"type": CONFERENCES, "locale": "nb", "fallback": "sv", "fields": "_,title,is_fallback"}

    listed = client.get(pages_url(**query)).json()["items"]
    fallback = client.get(page_detail_url(world.other_conference, locale="nb", fallback="sv"))
    own = client.get(page_detail_url(world.other_conference))

    assert {item["title"]: item["meta"]["is_fallback"] for item in listed} == {
        "NB: Biblioteksdagarna": False,
        "Läsdagen": True,
    }
    assert fallback.json()["meta"]["is_fallback"] is True
    assert own.json()["meta"]["is_fallback"] is False


def test_without_a_configured_base_url_a_stored_page_names_the_server_each_reader_asked(
    world, client, settings
):
    settings.WAGTAILAPI_BASE_URL = ""
    store.forget([world.conference.pk])  # rendered anew, without the configured base URL
    url = page_detail_url(world.conference)

    for host in ("api.example.se", "localhost:8100"):
        stored, serialized = from_store_and_serializers(client, url, HTTP_HOST=host)

        assert stored.content == serialized.content
        assert stored.json()["meta"]["detail_url"].startswith(f"http://{host}/")
    assert Representation.objects.filter(page_id=world.conference.pk).exists()


# Nothing unpublished leaks


def unpublished(world, page, clock):
    UnpublishPageAction(page).execute(skip_permission_checks=True)


def restricted(world, page, clock):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )


def conference_unpublished(world, page, clock):
    UnpublishPageAction(world.conference).execute(skip_permission_checks=True)


def expired(world, page, clock):
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() + timedelta(minutes=5))
    clock.shift(timedelta(minutes=6).total_seconds())


@pytest.mark.parametrize("made_private", [unpublished, restricted, conference_unpublished, expired])
def test_a_stored_page_that_stops_being_public_is_answered_nowhere_before_the_store_hears_of_it(
    world, client, clock, made_private
):
    """Not committed yet here, or made by the clock alone: whatever the store holds,
    visibility is decided as the page is read."""
    talk = world.talk
    made_private(world, talk, clock)

    assert client.get(page_detail_url(talk)).status_code == 404
    for query in ({}, {"type": ITEMS, "fields": "*"}, {"search": "Inledning"}):
        listed = client.get(pages_url(limit=100, **query)).json()["items"]
        assert talk.pk not in {item["id"] for item in listed}


def project_unpublished(world):
    UnpublishPageAction(world.project).execute(skip_permission_checks=True)


def project_restricted(world):
    PageViewRestriction.objects.create(
        page=world.project, restriction_type=PageViewRestriction.LOGIN
    )


def project_index_unpublished(world):
    index = Page.objects.get(pk=world.tree["project_index"].pk)
    UnpublishPageAction(index, include_descendants=False).execute(skip_permission_checks=True)


@pytest.mark.parametrize(
    "made_private", [project_unpublished, project_restricted, project_index_unpublished]
)
def test_a_related_pages_title_is_never_shown_once_it_is_not_public(
    world, client, commit, made_private
):
    everything = pages_url(limit=100, fields="*")
    assert "Läslyftet" in client.get(everything).content.decode()

    with commit():
        made_private(world)

    for url in (
        everything,
        pages_url(limit=100, fields="*", type=CONFERENCES),
        pages_url(limit=100, fields="*", locale="nb"),
        page_detail_url(world.conference),
        page_detail_url(world.nb_conference),
        page_detail_url(world.network),
    ):
        assert "Läslyftet" not in client.get(url).content.decode(), url


# Sites


def test_a_page_of_another_site_is_answered_on_that_sites_host(client, other_site_conference):
    """Rendered as that site's readers ask for it, and the same as the serializers' answer."""
    url = page_detail_url(other_site_conference)

    stored, serialized = from_store_and_serializers(client, url, HTTP_HOST="annan.example")

    assert stored.status_code == 200, stored.content
    assert stored.json()["title"] == "Annans konferens"
    assert stored.content == serialized.content
    assert Representation.objects.filter(page_id=other_site_conference.pk).exists()
    assert client.get(url).status_code == 404  # not a page of the default site
