"""The walk through the admin's main screens that proves an editor reads only their language.

An editor of each language goes through the admin's main screens in Chromium:
the dashboard, a page listing, the edit forms of every page type, a page's
history, the snippets, images, documents, workflows, their account, the
translation status report and wagtail-localize's translation editor. What each
screen shows once its scripts have run is read (the rendered text, the text of
tabs not open yet, of each menu opened in turn, and placeholders, titles,
labels for screen readers and button captions) and searched for the other
language's tell-tales, derived from the catalogs Django loads
(``tell_tales.py``), and for the strings the issue about Norwegian as a
first-class language names. Content (page titles, people's names, group and
workflow names, all that is stored in the database) is in either language by
right and is taken out first. Each screen is in ``output/<test>/``.

Without ``locales/admin`` in ``LOCALE_PATHS`` the Norwegian editor's screens
show Swedish: "Hjälp", "Hoppa till huvudinnehåll", "Sök bland alla sidor…" on
the dashboard, "Ladda ner PO fil", "Manuellt översatt på" and "Konvertera till
alias" in the translation editor, and some 160 more.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import models
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.users.models import UserProfile

from content_types.localization.catalogs import Message
from content_types.roles import ensure_roles

from .. import utils
from ..localization.helpers import begin_translation
from . import admin, content, tell_tales
from .admin import PASSWORD

OTHER = {"sv": "nb", "nb": "sv"}

# Strings the issue names, each in both languages: always looked for on the
# other language's screens, however the catalogs stand.
NAMED = {
    "Help": {"sv": "Hjälp", "nb": "Hjelp"},
    "Search all pages…": {"sv": "Sök bland alla sidor…", "nb": "Søk i alle sider…"},
    "Skip to main content": {"sv": "Hoppa till huvudinnehåll", "nb": "Hopp til hovedinnhold"},
    "Download PO file": {"sv": "Ladda ner PO fil", "nb": "Last ned PO-fil"},
    "Translated manually on {date}": {"sv": "Manuellt översatt på", "nb": "Manuelt oversatt den"},
    "Convert to alias page": {"sv": "Konvertera till alias", "nb": "Konverter til alias"},
}

# What a screen shows a person, once its scripts have run: the rendered text,
# the text of tabs and panels not open yet (but none of scripts, styles or
# templates), and the words of placeholders, tooltips, labels for screen
# readers and button captions.
SHOWN_TEXT = """() => {
    const parts = [document.title, document.body.innerText];
    const hidden = "script, style, template, noscript";
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        if (!walker.currentNode.parentElement.closest(hidden)) {
            parts.push(walker.currentNode.data);
        }
    }
    for (const element of document.body.querySelectorAll("*")) {
        if (element.closest(hidden)) continue;
        for (const name of ["placeholder", "title", "aria-label", "alt"]) {
            if (element.hasAttribute(name)) parts.push(element.getAttribute(name));
        }
        if (element.matches("input[type=submit], input[type=button], input[type=reset]")) {
            parts.push(element.value);
        }
    }
    return parts.join("\\n");
}"""


def menu_texts(page):
    """The text of each menu on the screen, opened one after the other.

    A closed menu is not in the page at all: Wagtail's dropdowns put their
    content into the page when they open.
    """
    texts = []
    toggles = page.locator("[data-w-dropdown-target=toggle]:visible")
    for index in range(toggles.count()):
        toggle = toggles.nth(index)
        toggle.dispatch_event("click")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        texts.append(page.evaluate(SHOWN_TEXT))
        page.keyboard.press("Escape")  # the filters stay open on a second click
        if toggle.get_attribute("aria-expanded") == "true":
            toggle.dispatch_event("click")
        expect(toggle).to_have_attribute("aria-expanded", "false")
    return texts


@dataclass(frozen=True)
class Screen:
    name: str
    url: str
    ready: str = "body"  # what is on the screen once its scripts have rendered it


@dataclass
class Made:
    """What the screens show: a page of every type, a translation begun, media, a person."""

    tree: dict
    conference: object
    programme_item: object
    project: object
    network: object
    translated_conference: object
    person: object


@pytest.fixture
def made(tree, people_and_places):
    ensure_roles()  # the groups and the review workflow, as manage.py setup_roles makes them
    conference, [programme_item, *_rest] = content.conference_with_programme(
        tree["conference_index"], people_and_places, publish=True
    )
    person = people_and_places.people["Karin Lind"]
    organisation = person.organisation
    project = utils.make_project(
        tree["project_index"],
        title="Läslyftet 2030",
        funders=[organisation],
        contacts=[person],
        regions=[utils.make_region()],
        focus_areas=[utils.make_focus_area()],
    )
    network = utils.make_network(
        tree["network_index"],
        title="Bibliotekschefer i Mälardalen",
        contacts=[person],
        meetings=[(date(content.YEAR, 3, 4), "Vårträff")],
    )
    get_image_model().objects.create(title="Konserthuset", file=get_test_image_file())
    get_document_model().objects.create(
        title="Programblad", file=ContentFile(b"%PDF-1.4\n", name="programblad.pdf")
    )
    # A Norwegian translation begun in wagtail-localize, its title translated by hand.
    translation = begin_translation(conference, tree["nb_locale"])
    po = translation.export_po()
    for entry in po:
        if entry.msgid == content.CONFERENCE["title"]:
            entry.msgstr = content.CONFERENCE_IN_NORWEGIAN["title"]
    translation.import_po(po)
    return Made(
        tree=tree,
        conference=conference,
        programme_item=programme_item,
        project=project,
        network=network,
        translated_conference=conference.get_translation(tree["nb_locale"]),
        person=person,
    )


def editor(language):
    """An administrator whose admin is in ``language``."""
    user = get_user_model().objects.create_superuser(
        f"redaktor-{language}", email=f"redaktor-{language}@example.org", password=PASSWORD
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def screens(made):
    def edit(page):
        return reverse("wagtailadmin_pages:edit", args=[page.pk])

    tree = made.tree
    return [
        Screen("dashboard", reverse("wagtailadmin_home")),
        Screen("page-explorer", reverse("wagtailadmin_explore", args=[made.conference.pk])),
        Screen("home-page-form", edit(tree["home"])),
        Screen("conference-index-form", edit(tree["conference_index"])),
        Screen("project-index-form", edit(tree["project_index"])),
        Screen("network-index-form", edit(tree["network_index"])),
        Screen("conference-form", edit(made.conference)),
        Screen("programme-item-form", edit(made.programme_item)),
        Screen("project-form", edit(made.project)),
        Screen("network-form", edit(made.network)),
        Screen("page-history", reverse("wagtailadmin_pages:history", args=[made.conference.pk])),
        # Every snippet is in the Directory menu, so Wagtail's snippets index refuses
        # everyone and sends them to the dashboard with a message: a screen too.
        Screen("snippets-index", reverse("wagtailsnippets:index")),
        Screen("people", reverse("wagtailsnippets_content_types_person:list")),
        Screen(
            "person-form",
            reverse("wagtailsnippets_content_types_person:edit", args=[made.person.pk]),
        ),
        Screen("images", reverse("wagtailimages:index")),
        Screen("documents", reverse("wagtaildocs:index")),
        Screen("workflows", reverse("wagtailadmin_workflows:index")),
        Screen("account", reverse("wagtailadmin_account")),
        Screen("translation-status", reverse("samverkan_translation_status")),
        Screen(
            "translation-editor",
            edit(made.translated_conference),
            ready=".js-translation-editor li",
        ),
    ]


CONTENT_APPS = ("content_types", "wagtailcore", "wagtailimages", "wagtaildocs", "auth")
CONTENT_APPS += ("wagtail_localize", "taggit")


def stored_strings():
    """Every text stored in the database: content, in whichever language it was written."""
    strings = {name for _code, name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES}
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            fields = [
                field.attname
                for field in model._meta.concrete_fields
                if isinstance(field, models.CharField | models.TextField)
            ]
            for row in model.objects.values_list(*fields) if fields else ():
                strings.update(run for value in row if value for run in tell_tales.runs(str(value)))
    return strings


def open_every_screen(screens, user):
    """Opens the screens as ``user`` with Django's test client, in this process.

    Texts the admin makes once per process keep the language of the request
    that made them; the other language's editor opening every screen first
    makes them in that language, so the test sees them if they are made once.
    """
    client = Client()
    client.force_login(user)
    for screen in screens:
        client.get(screen.url)


def named_tell_tales(language):
    return [
        tell_tales.TellTale(language, texts[language], Message("issue", msgid))
        for msgid, texts in NAMED.items()
    ]


def walk_the_admin(servers, new_page, screenshots, made, language):
    """Every main screen as an editor of ``language``: none of the other language shows."""
    other = OTHER[language]
    theirs = list(
        {
            tell_tale.words: tell_tale
            for tell_tale in tell_tales.tell_tales(other, language) + named_tell_tales(other)
        }.values()
    )
    mine = tell_tales.tell_tales(language, other)
    user = editor(language)
    content_strings = stored_strings()
    open_every_screen(screens(made), editor(other))

    page = new_page()
    admin.log_in(page, servers, user)
    found = []
    for screen in screens(made):
        response = page.goto(servers.api + screen.url, wait_until="networkidle")
        assert response.ok, f"{screen.name}: {response.status} {screen.url}"
        expect(page.locator(screen.ready).first).to_be_visible()
        page.wait_for_load_state("networkidle")
        screenshots.take(page, screen.name)
        assert admin.admin_language(page) == language, screen.name
        shown = "\n".join([page.evaluate(SHOWN_TEXT), *menu_texts(page)])
        # The screen was read, and it is in the editor's language.
        assert tell_tales.found_in(shown, mine, content=content_strings), screen.name
        found += [
            f"{screen.name}: {tell_tale}"
            for tell_tale in tell_tales.found_in(shown, theirs, content=content_strings)
        ]

    assert not found, f"the {language} admin shows {other}:\n" + "\n".join(found)
