"""The API serves a language, names each page's translations, and fills holes on request."""

import pytest

from .. import utils
from ..localization.helpers import publish_translation, start_translation, translate_all

pytestmark = pytest.mark.django_db

CONFERENCE = "content_types.ConferencePage"


@pytest.fixture
def translated(conference_index, nb_locale):
    conference = utils.make_conference(conference_index, title="Biblioteksdagarna")
    translation, _draft = start_translation(conference, nb_locale)
    translate_all(translation)
    return conference, publish_translation(translation)


@pytest.fixture
def untranslated(conference_index):
    return utils.make_conference(conference_index, title="Läsfrämjardagen", slug="lasframjardagen")


def listing(client, **params):
    response = client.get(utils.pages_url(type=CONFERENCE, **params))
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_locale_returns_that_language_only(client, translated, untranslated):
    items = listing(client, locale="nb")
    assert [item["title"] for item in items] == ["NB: Biblioteksdagarna"]
    assert items[0]["meta"]["is_fallback"] is False


def test_fallback_fills_holes_with_the_source_and_marks_them(client, translated, untranslated):
    items = listing(client, locale="nb", fallback="sv")
    by_title = {item["title"]: item["meta"] for item in items}
    assert set(by_title) == {"NB: Biblioteksdagarna", "Läsfrämjardagen"}
    assert by_title["Läsfrämjardagen"]["is_fallback"] is True
    assert by_title["Läsfrämjardagen"]["locale"] == "sv"
    assert by_title["NB: Biblioteksdagarna"]["is_fallback"] is False


def test_a_draft_translation_is_no_translation_for_the_fallback(
    client, conference_index, nb_locale
):
    conference = utils.make_conference(conference_index, title="Utkastdagen", slug="utkastdagen")
    start_translation(conference, nb_locale)  # a draft only
    items = listing(client, locale="nb", fallback="sv")
    assert [(item["title"], item["meta"]["is_fallback"]) for item in items] == [
        ("Utkastdagen", True)
    ]


def test_the_default_fallback_comes_from_settings(client, settings, translated, untranslated):
    settings.SAMVERKAN_API = {"FALLBACK_LOCALE": "sv"}
    assert len(listing(client, locale="nb")) == 2


def test_each_page_lists_its_translations_with_their_status(client, translated):
    conference, nb_page = translated
    data = client.get(utils.page_detail_url(conference)).json()
    translations = {entry["locale"]: entry for entry in data["meta"]["translations"]}
    assert translations["sv"]["is_current"] and translations["sv"]["is_source"]
    assert translations["nb"]["id"] == nb_page.pk
    assert translations["nb"]["up_to_date"] is True
    assert translations["nb"]["html_url"].endswith(f"/nb/konferenser/{nb_page.slug}/") or (
        nb_page.slug in translations["nb"]["html_url"]
    )


def test_an_edited_source_marks_its_translation_outdated_in_the_api(client, translated):
    conference, nb_page = translated
    conference.title = "Biblioteksdagarna 2026"
    conference.save_revision().publish()
    data = client.get(utils.page_detail_url(nb_page)).json()
    translations = {entry["locale"]: entry for entry in data["meta"]["translations"]}
    assert translations["nb"]["up_to_date"] is False
    assert translations["nb"]["is_current"] is True


def test_an_unpublished_translation_is_not_listed(client, conference_index, nb_locale):
    conference = utils.make_conference(conference_index, title="Utkastdagen", slug="utkastdagen")
    start_translation(conference, nb_locale)
    data = client.get(utils.page_detail_url(conference)).json()
    assert [entry["locale"] for entry in data["meta"]["translations"]] == ["sv"]
