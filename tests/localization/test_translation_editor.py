"""The translation editor leads translators to review and lets nothing discard their text.

Those who may not publish a page (translators, communication staff) get a
footer whose main action is "Submit for review", with "Save draft" beside it;
converting the translation to an alias and deleting it are refused to them,
and those who may publish confirm both on a page of their own first. Real
admin views, real wagtail-localize, roles from ``setup_roles``.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation

from content_types.roles import ensure_roles, translator_group

from .. import utils
from .helpers import publish_translation, start_translation, translate_all

pytestmark = pytest.mark.django_db

REVIEW_FOOTER = re.compile(
    r'<form method="post" action="([^"]+)" data-translation-review>(.*?)</form>', re.S
)


@pytest.fixture(scope="module")
def roles(site_tree, django_db_blocker):
    with django_db_blocker.unblock():
        return ensure_roles()


def member(django_user_model, username, group, language):
    user = django_user_model.objects.create_user(username, password="pw")
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def translator(django_user_model, roles, nb_locale):
    return member(django_user_model, "oversetter", translator_group(nb_locale), "nb")


@pytest.fixture
def moderator(django_user_model, roles):
    return member(django_user_model, "moderator", roles.moderators, "sv")


@pytest.fixture
def conference(conference_index):
    return utils.make_conference(conference_index, title="Biblioteksdagarna")


@pytest.fixture
def new_translation(conference, nb_locale):
    """A translation begun and not yet touched: the editor's first screen."""
    return start_translation(conference, nb_locale)


@pytest.fixture
def published_translation(new_translation):
    """An existing Norwegian translation, translated and published."""
    translation, _page = new_translation
    translate_all(translation)
    return translation, publish_translation(translation)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def review_footer(client, page):
    response = client.get(edit_url(page))
    assert response.status_code == 200
    found = REVIEW_FOOTER.search(response.content.decode())
    return found and (found.group(1), found.group(2))


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize("state", ["new_translation", "published_translation"])
def test_the_translators_main_action_is_submit_for_review_in_norwegian(translator, state, request):
    _translation, page = request.getfixturevalue(state)
    action, footer = review_footer(translator, page)

    assert action == reverse("samverkan_submit_translation", args=[page.pk])
    main, menu = footer.split('data-w-dropdown-target="content"', 1)
    assert "Send til godkjenning" in main
    assert "Lagre oversettelsen som utkast" in menu
    assert reverse("samverkan_save_translation_draft", args=[page.pk]) in menu
    assert "Forhåndsvis oversettelsen" in footer
    assert "alias" not in footer.lower()


def test_those_who_may_publish_keep_wagtail_localizes_footer(moderator, published_translation):
    _translation, page = published_translation
    assert review_footer(moderator, page) is None


def test_submitting_from_the_footer_starts_the_review_a_moderator_sees(
    translator, moderator, new_translation
):
    translation, page = new_translation
    translate_all(translation)
    action, _footer = review_footer(translator, page)

    response = translator.post(action, follow=True)

    assert "«Biblioteksdagarna» er sendt til godkjenning." in messages_of(response)
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    dashboard = moderator.get(reverse("wagtailadmin_home")).content.decode()
    assert "NB: Biblioteksdagarna" in dashboard.split("Inväntar din granskning", 1)[1]
    _action, footer = review_footer(translator, page)
    assert "Siden er allerede til godkjenning." in footer
    assert "Send til godkjenning" not in footer


def test_save_draft_keeps_the_published_translation_as_readers_see_it(
    translator, published_translation
):
    translation, page = published_translation
    StringTranslation.objects.filter(
        translation_of__data="Biblioteksdagarna", locale=page.locale
    ).update(data="Bibliotekdagene")
    revisions = page.revisions.count()

    response = translator.post(
        reverse("samverkan_save_translation_draft", args=[page.pk]), follow=True
    )

    assert response.redirect_chain[-1][0] == edit_url(page)
    assert "Oversettelsen av «NB: Biblioteksdagarna» er lagret som utkast." in messages_of(response)
    page.refresh_from_db()
    assert page.title == "NB: Biblioteksdagarna"
    assert page.revisions.count() == revisions + 1
    assert page.get_latest_revision().as_object().title == "Bibliotekdagene"


def test_save_draft_answers_only_post(translator, new_translation):
    _translation, page = new_translation
    url = reverse("samverkan_save_translation_draft", args=[page.pk])
    assert translator.get(url).status_code == 405


def test_a_translator_cannot_convert_the_translation_to_an_alias(translator, published_translation):
    _translation, page = published_translation
    url = reverse("wagtail_localize:convert_to_alias", args=[page.pk])

    for response in (translator.get(url, follow=True), translator.post(url, follow=True)):
        assert response.redirect_chain[0][0] == edit_url(page)
        assert (
            "Bare den som kan publisere «NB: Biblioteksdagarna», kan erstatte oversettelsen "
            "med kildesiden." in messages_of(response)
        )
    page.refresh_from_db()
    assert page.alias_of_id is None
    assert page.title == "NB: Biblioteksdagarna"


def test_the_page_editors_convert_action_is_not_offered_to_a_translator(
    translator, moderator, published_translation
):
    translation, page = published_translation
    translation.enabled = False  # "Stop synced translation": the page editor takes over
    translation.save()
    convert = 'name="localize-convert-to-alias"'
    assert convert not in translator.get(edit_url(page)).content.decode()
    assert convert in moderator.get(edit_url(page)).content.decode()
    translator.post(edit_url(page), {"localize-convert-to-alias": "1"})
    assert Page.objects.get(pk=page.pk).alias_of_id is None


def test_a_moderator_converts_to_an_alias_only_after_confirming(moderator, published_translation):
    _translation, page = published_translation
    url = reverse("wagtail_localize:convert_to_alias", args=[page.pk])

    confirmation = moderator.get(url)
    assert confirmation.status_code == 200
    assert "wagtail_localize/admin/confirm_convert_to_alias.html" in [
        template.name for template in confirmation.templates
    ]
    assert Page.objects.get(pk=page.pk).alias_of_id is None

    moderator.post(url)
    assert Page.objects.get(pk=page.pk).alias_of_id is not None


def test_a_translator_cannot_delete_a_translation(translator, new_translation):
    _translation, page = new_translation
    url = reverse("wagtailadmin_pages:delete", args=[page.pk])

    for response in (translator.get(url, follow=True), translator.post(url, follow=True)):
        assert response.redirect_chain[0][0] == edit_url(page)
        assert (
            "Bare den som kan publisere «Biblioteksdagarna», kan slette oversettelsen."
            in messages_of(response)
        )
    assert Page.objects.filter(pk=page.pk).exists()


def test_a_moderator_deletes_a_translation_only_after_confirming(moderator, new_translation):
    _translation, page = new_translation
    url = reverse("wagtailadmin_pages:delete", args=[page.pk])

    assert moderator.get(url).status_code == 200
    assert Page.objects.filter(pk=page.pk).exists()
    moderator.post(url)
    assert not Page.objects.filter(pk=page.pk).exists()
