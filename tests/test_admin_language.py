"""Everything the admin says is in the editor's language (content_types/admin_language.py).

Wagtail says "Sorry, you do not have permission to access this area." after a
view has refused the editor, outside the language it gives the view; and some
texts are made once per process, in the language of the request that makes
them first.
"""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.users.models import UserProfile
from wagtail.utils.version import get_main_version

from content_types.roles import ensure_roles

from . import utils

pytestmark = pytest.mark.django_db

REFUSED = {
    "sv": "Ledsen, du saknar rättigheter att tillträda detta område.",
    "nb": "Beklager, du har ikke tilgang på dette området.",
}
OTHER = {"sv": "nb", "nb": "sv"}


@pytest.fixture
def staff_member(home):
    """Communication staff, who use the admin but may not manage workflows."""

    def speaking(language):
        user, created = get_user_model().objects.get_or_create(username=f"kommunikator-{language}")
        if not created:
            return user
        user.groups.add(ensure_roles().communication_staff)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        return user

    return speaking


@pytest.mark.parametrize("language", ["sv", "nb"])
def test_an_editor_refused_a_screen_reads_why_in_their_own_language(client, staff_member, language):
    client.force_login(staff_member(language))

    response = client.get(
        reverse("wagtailadmin_workflows:index"),
        follow=True,
        headers={"accept-language": OTHER[language]},
    )

    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert [str(message).strip() for message in response.context["messages"]] == [REFUSED[language]]


def test_an_editor_without_a_preference_reads_the_admin_in_the_language_their_browser_asks_for(
    client, home
):
    user = get_user_model().objects.create_user("kommunikator", password="x")
    user.groups.add(ensure_roles().communication_staff)
    client.force_login(user)

    response = client.get(
        reverse("wagtailadmin_workflows:index"), follow=True, headers={"accept-language": "nb"}
    )

    assert [str(message).strip() for message in response.context["messages"]] == [REFUSED["nb"]]


# Texts made once per process


VERSION = get_main_version(include_patch=False)
MENU_ENTRIES = {
    "sv": {"Översättningar", f"Vad är nytt i Wagtail {VERSION}"},
    "nb": {"Oversettelser", f"Nytt i Wagtail {VERSION}"},
}
ORGANISATION_CHOOSER = {
    "sv": ["Välj organisation", "Välj annan organisation", "Redigera organisation"],
    "nb": ["Velg organisasjon", "Velg en annen organisasjon", "Endre organisasjon"],
}


def sidebar_texts(response):
    """Every string of the admin's sidebar, whose menus the page carries as JSON."""
    [props] = re.findall(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.DOTALL,
    )
    texts = set()

    def collect(value):
        if isinstance(value, str):
            texts.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(json.loads(props))
    return texts


def test_the_menus_name_the_translations_report_and_whats_new_in_each_editors_language(
    client, staff_member
):
    for language in ["sv", "nb", "sv"]:
        client.force_login(staff_member(language))

        texts = sidebar_texts(client.get(reverse("wagtailadmin_home")))

        assert MENU_ENTRIES[language] <= texts
        assert not MENU_ENTRIES[OTHER[language]] & texts


def test_a_snippet_chooser_speaks_each_editors_language(client, staff_member):
    person = utils.make_person("Karin Lind", utils.make_organisation("Regionbibliotek Västmanland"))
    for language in ["sv", "nb", "sv"]:
        client.force_login(staff_member(language))

        response = client.get(
            reverse("wagtailsnippets_content_types_person:edit", args=[person.pk])
        )

        html = response.content.decode()
        assert all(text in html for text in ORGANISATION_CHOOSER[language])
        assert not any(text in html for text in ORGANISATION_CHOOSER[OTHER[language]])
