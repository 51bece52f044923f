"""The JSON-LD in the head of an event's HTML page comes from the store (``structured_data`` tag).

An anonymous reader gets the page's stored ``json_ld_script``, with the server
that answers put in: one lookup instead of the markup built from the pages
again. A preview shows the draft, and a reader who is logged in may see
restricted items of a programme, so for them the markup is built as before.

To tell the two apart, the stored title is changed in the store alone (same
length, so the layout's offsets still hold): what the page then shows says
where its markup came from.
"""

import json

import lxml.html
import pytest
from django.template import Context, Template
from django.test import RequestFactory

from content_types.delivery.models import Representation
from content_types.delivery.store import mark_stale
from content_types.structured_data import embeddable, page_event
from content_types.templatetags.samverkan_pages import structured_data

pytestmark = pytest.mark.django_db

STORED_ONLY = "BIBLIOTEKSDAGARNA"  # "Biblioteksdagarna" as only the store says it


def stored_title_changed(page):
    """The page's stored representation with its title written as ``STORED_ONLY``."""
    representation = Representation.objects.get(page_id=page.pk)
    assert page.title in representation.body
    representation.body = representation.body.replace(page.title, STORED_ONLY)
    representation.save()


def head_markup(response):
    return json.loads(script_text(response))


def test_an_anonymous_reader_gets_the_stored_markup(client, world):
    stored_title_changed(world.conference)

    markup = head_markup(client.get(world.conference.url))

    assert markup["name"] == STORED_ONLY
    assert markup["url"] == f"http://testserver{world.conference.url}"


def script_text(response):
    assert response.status_code == 200
    (script,) = lxml.html.fromstring(response.content).xpath(
        '//script[@type="application/ld+json"]'
    )
    return script.text


def test_the_stored_markup_is_the_markup_built_from_the_pages(client, world):
    """Byte for byte, with the store full, and with a representation missing or stale."""
    for page in (world.conference, world.talk, world.nb_conference, world.other_conference):
        built = embeddable(page_event(page.specific, RequestFactory().get(page.url)))
        assert script_text(client.get(page.url)) == built
        Representation.objects.filter(page_id=page.pk).delete()
        assert script_text(client.get(page.url)) == built
        mark_stale(page_ids=[page.pk])
        assert script_text(client.get(page.url)) == built
        assert Representation.objects.filter(page_id=page.pk, stale=False).exists()


def tag_markup(html):
    (script,) = lxml.html.fromstring(f"<html><head>{html}</head></html>").xpath("//script")
    return json.loads(script.text)


def test_a_stale_representation_is_rendered_again_before_it_is_shown(client, world):
    stored_title_changed(world.conference)
    mark_stale(page_ids=[world.conference.pk])

    assert head_markup(client.get(world.conference.url))["name"] == "Biblioteksdagarna"


def test_a_reader_who_is_logged_in_gets_markup_built_for_them(admin_client, world):
    stored_title_changed(world.conference)

    assert head_markup(admin_client.get(world.conference.url))["name"] == "Biblioteksdagarna"


def test_a_preview_shows_the_drafts_markup(world, admin_user):
    """Wagtail marks a preview's request ``is_preview`` and hands the template the draft."""
    draft = world.conference
    draft.title = "Biblioteksdagarna (utkast)"
    request = RequestFactory().get(draft.url)
    request.user = admin_user
    request.is_preview = True

    html = Template("{% load samverkan_pages %}{% structured_data page %}").render(
        Context({"request": request, "page": draft})
    )

    assert tag_markup(html)["name"] == "Biblioteksdagarna (utkast)"


def test_a_preview_never_reads_the_store_even_for_an_anonymous_request(world):
    stored_title_changed(world.conference)
    request = RequestFactory().get(world.conference.url)
    request.is_preview = True

    html = structured_data({"request": request}, world.conference)

    assert tag_markup(html)["name"] == "Biblioteksdagarna"


def test_a_page_of_another_site_carries_its_markup_rendered_for_that_site(
    client, other_site_conference
):
    conference = other_site_conference

    response = client.get(conference.get_url_parts()[2], HTTP_HOST="annan.example")

    assert head_markup(response)["name"] == "Annans konferens"
    assert Representation.objects.filter(page_id=conference.pk).exists()
    assert script_text(response) == embeddable(
        page_event(conference.specific, response.wsgi_request)
    )
