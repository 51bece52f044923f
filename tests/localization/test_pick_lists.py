"""The page editor offers snippets and pages in the edited page's language only, each once.

Every directory entry below exists in Swedish and as its Norwegian translation,
and so does the project KompoBib2020. An editor opens the real add and edit
views of each page type in each language tree and reads what the pick lists
offer; then calls each chooser the way its widget does, with the locale the
editor hands it (``ACTIVE_CONTENT_LOCALE``) and the search URL the chooser
gives.
"""

import html
import json
import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from content_types.models import (
    ConferenceIndexPage,
    FocusArea,
    NetworkIndexPage,
    NetworkPage,
    Organisation,
    Person,
    ProjectIndexPage,
    ProjectPage,
    Region,
    Venue,
)
from content_types.roles import ensure_roles

from .. import utils

pytestmark = pytest.mark.django_db

LANGUAGES = ("sv", "nb")
SNIPPETS = {
    Region: ("Stockholms län", "Stockholms län"),
    FocusArea: ("Framtidens biblioteksrum", "Fremtidens bibliotekrom"),
    Organisation: ("Regionbibliotek Stockholm", "Regionbiblioteket i Stockholm"),
    Person: ("Karin Lind", "Karin Lind"),
    Venue: ("Kulturhuset", "Kulturhuset i Stockholm"),
}
# The pick lists (multiple selects) of each page type, and the model they pick from.
PICK_LISTS = {
    "projectpage": {"regions": Region, "focus_areas": FocusArea},
    "networkpage": {"focus_areas": FocusArea, "related_projects": ProjectPage},
    "conferencepage": {},
    "programmeitempage": {},
}
SNIPPET_CHOOSER = re.compile(r'data-chooser-url="(/admin/snippets/choose/[a-z_]+/([a-z]+)/)"')
PAGE_CHOOSER = re.compile(r'"modelNames": \["([a-z_.]+)"\][^}]*"modalUrl": "([^"]+)"')


@pytest.fixture
def pages(site_tree, home, project_index, network_index, conference_index, nb_locale):
    """One page of each type in each language tree, and their parents."""
    directory = {}
    for model, (swedish, norwegian) in SNIPPETS.items():
        source = make_snippet(model, swedish)
        translation = source.copy_for_translation(nb_locale)
        translation.name = norwegian
        translation.save()
        directory[model] = {"sv": source, "nb": translation}

    project = utils.make_project(project_index, title="KompoBib2020")
    network = utils.make_network(network_index)
    conference = utils.make_conference(
        conference_index, venue=directory[Venue]["sv"], region=directory[Region]["sv"]
    )
    item = utils.make_programme_item(conference, speakers=[directory[Person]["sv"]])
    by_language = {"sv": {"projectpage": project, "networkpage": network}}
    by_language["sv"].update(conferencepage=conference, programmeitempage=item)
    by_language["nb"] = {
        kind: translated(page, nb_locale) for kind, page in by_language["sv"].items()
    }
    parents = {
        language: {
            "projectpage": page_in(ProjectIndexPage, language),
            "networkpage": page_in(NetworkIndexPage, language),
            "conferencepage": page_in(ConferenceIndexPage, language),
            "programmeitempage": by_language[language]["conferencepage"],
        }
        for language in LANGUAGES
    }
    return {"pages": by_language, "parents": parents, "directory": directory}


def make_snippet(model, name):
    if model is Venue:
        return utils.make_venue(name=name)
    if model is Organisation:
        return utils.make_organisation(name)
    return model.objects.create(name=name)


def translated(page, locale):
    """A Norwegian copy edited in the page editor (not a synced translation)."""
    copy = page.specific.copy_for_translation(locale, copy_parents=True)
    copy.save_revision().publish()
    return type(page).objects.get(pk=copy.pk)


def page_in(model, language):
    return model.objects.get(locale__language_code=language)


@pytest.fixture
def editor(client, site_tree):
    roles = ensure_roles()
    user = get_user_model().objects.create_user("kommunikator", password="pw")
    user.groups.add(roles.communication_staff)
    client.force_login(user)
    return client


def editor_views(pages):
    """(language, page type, URL) of every add and edit view of the content page types."""
    for language in LANGUAGES:
        for kind, page in pages["pages"][language].items():
            yield language, kind, reverse("wagtailadmin_pages:edit", args=[page.pk])
            parent = pages["parents"][language][kind]
            add = reverse("wagtailadmin_pages:add", args=["content_types", kind, parent.pk])
            yield language, kind, add


def open_editor(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def options(page_html, name):
    """The values a multiple select offers, in order, repeats kept."""
    [select] = re.findall(rf'<select name="{name}"[^>]*>(.*?)</select>', page_html, re.S)
    return [int(value) for value in re.findall(r'<option value="(\d+)"', select)]


def active_content_locale(page_html):
    config = re.search(
        r'<script id="wagtail-config" type="application/json">(.*?)</script>', page_html
    )
    return json.loads(config.group(1)).get("ACTIVE_CONTENT_LOCALE")


def in_language(model, language):
    return sorted(model.objects.filter(locale__language_code=language).values_list("pk", flat=True))


def chosen_snippets(client, url, locale):
    """What the snippet chooser lists when the widget opens it: its URL with ``?locale=``."""
    response = client.get(f"{url}?{urlencode({'locale': locale})}")
    assert response.status_code == 200
    return [int(pk) for pk in re.findall(r'href="[^"]*/chosen/(\d+)/"', response.json()["html"])]


def chosen_pages(client, modal_url, page_type, locale, query):
    """What the page chooser finds: opened as the widget opens it, then searched from its form."""
    response = client.get(f"{modal_url}?{urlencode({'page_type': page_type, 'locale': locale})}")
    assert response.status_code == 200
    [search_url] = re.findall(
        r'class="col search-form"\s+action="([^"]+)"', response.json()["html"]
    )
    response = client.get(f"{html.unescape(search_url)}&{urlencode({'q': query})}")
    assert response.status_code == 200
    return [
        int(pk)
        for pk in re.findall(r'class="choose-page"[^>]*data-id="(\d+)"', response.content.decode())
    ]


def test_the_pick_lists_offer_the_pages_language_once_each(editor, pages):
    for language, kind, url in editor_views(pages):
        page_html = open_editor(editor, url)
        for name, model in PICK_LISTS[kind].items():
            offered = options(page_html, name)
            assert sorted(offered) == in_language(model, language), (url, name)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_snippet_chooser_lists_the_pages_language_once_each(editor, pages, language):
    choosers = set()
    for view_language, _kind, url in editor_views(pages):
        if view_language != language:
            continue
        page_html = open_editor(editor, url)
        locale = active_content_locale(page_html)
        assert locale == language, url
        choosers |= {
            (chooser_url, model_name, locale)
            for chooser_url, model_name in SNIPPET_CHOOSER.findall(page_html)
        }
    assert {model_name for _url, model_name, _locale in choosers} == {
        "organisation",
        "person",
        "region",
        "venue",
    }
    models = {model._meta.model_name: model for model in SNIPPETS}
    for chooser_url, model_name, locale in choosers:
        listed = chosen_snippets(editor, chooser_url, locale)
        model = models[model_name]
        assert listed == [pages["directory"][model][language].pk], chooser_url


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_chooser_finds_the_pages_language_only(editor, pages, language):
    page_html = open_editor(
        editor,
        reverse("wagtailadmin_pages:edit", args=[pages["pages"][language]["projectpage"].pk]),
    )
    found_choosers = PAGE_CHOOSER.findall(html.unescape(page_html).replace('\\"', '"'))
    assert found_choosers
    for page_type, modal_url in set(found_choosers):
        found = chosen_pages(
            editor, modal_url, page_type, active_content_locale(page_html), "Kompo"
        )
        assert found == [pages["pages"][language]["projectpage"].pk]


def network_form(**fields):
    """What the network editor posts when saving a draft: the fields and empty inline rows."""
    data = {"title": "Läsfrämjarnätverket", "slug": "lasframjarnatverket", "purpose": "Utbyte."}
    for prefix in ("meetings", "contacts", "members", "member_groups", "comments"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(fields)
    return data


def test_a_choice_in_another_language_is_refused_as_invalid(editor, pages):
    index = pages["parents"]["sv"]["networkpage"]
    url = reverse("wagtailadmin_pages:add", args=["content_types", "networkpage", index.pk])
    norwegian = pages["directory"][FocusArea]["nb"]
    swedish = pages["directory"][FocusArea]["sv"]

    response = editor.post(url, network_form(focus_areas=[norwegian.pk]))
    assert response.status_code == 200
    assert "focus_areas" in response.context["form"].errors
    assert not NetworkPage.objects.filter(slug="lasframjarnatverket").exists()

    response = editor.post(url, network_form(focus_areas=[swedish.pk]))
    assert response.status_code == 302
    network = NetworkPage.objects.get(slug="lasframjarnatverket")
    assert list(network.focus_areas.all()) == [swedish]
