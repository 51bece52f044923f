"""A translator works in their own language only, and hands work over for review."""

from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import StringTranslation

from content_types.roles import ensure_translator_groups, translator_group_name

from .. import utils
from .helpers import start_translation, translate_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference(conference_index):
    return utils.make_conference(conference_index, title="Biblioteksdagarna")


@pytest.fixture
def nb_translation(conference, nb_locale):
    return start_translation(conference, nb_locale)


@pytest.fixture
def translator(client, django_user_model, nb_locale, nb_translation):
    ensure_translator_groups()
    user = django_user_model.objects.create_user("oversetter", password="pw")
    user.groups.add(Group.objects.get(name=translator_group_name(nb_locale)))
    client.force_login(user)
    return client


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submit_url(page):
    return reverse("samverkan_submit_translation", args=[page.pk])


def test_there_is_one_translator_group_per_target_language_and_setup_is_repeatable(nb_locale):
    Locale.objects.create(language_code="en")
    first = ensure_translator_groups()
    second = ensure_translator_groups()
    assert [group.pk for group in first] == [group.pk for group in second]
    assert len(first) == 2
    assert Group.objects.filter(name=translator_group_name(nb_locale)).count() == 1


def test_the_translator_opens_the_translation_editor_for_their_language(translator, nb_translation):
    _translation, page = nb_translation
    response = translator.get(edit_url(page))
    assert response.status_code == 200


def test_the_translator_uploads_a_po_file_and_submits_for_review(translator, nb_translation):
    translation, page = nb_translation
    po = translate_all(translation)
    StringTranslation.objects.all().delete()  # the upload below is what counts
    upload = BytesIO(str(po).encode())
    upload.name = "biblioteksdagarna-nb.po"
    response = translator.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": edit_url(page)},
    )
    assert response.status_code == 302
    assert StringTranslation.objects.filter(locale=page.locale).count() == len(po)

    assert translator.get(submit_url(page)).status_code == 200
    response = translator.post(submit_url(page))
    assert response.status_code == 302

    page.refresh_from_db()
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not page.live
    assert page.get_latest_revision().as_object().title == "NB: Biblioteksdagarna"


def test_the_translator_cannot_edit_or_submit_the_source(translator, conference):
    assert translator.get(edit_url(conference)).status_code in (302, 403)
    assert translator.post(submit_url(conference)).url == reverse("wagtailadmin_home")
    assert not WorkflowState.objects.exists()


def test_the_translator_cannot_touch_another_language(translator, conference):
    english = Locale.objects.create(language_code="en")
    _translation, english_page = start_translation(conference, english)
    assert translator.get(edit_url(english_page)).status_code in (302, 403)
    assert translator.post(submit_url(english_page)).url == reverse("wagtailadmin_home")
    assert not WorkflowState.objects.exists()
    response = translator.get(reverse("wagtail_localize:download_pofile", args=[_translation.pk]))
    assert response.status_code in (302, 403)
    assert b"msgid" not in response.content


def test_the_translator_cannot_publish(translator, nb_translation):
    translation, page = nb_translation
    translate_all(translation)
    response = translator.post(edit_url(page), {"action": "publish"})
    page.refresh_from_db()
    assert not page.live
    assert response.status_code in (200, 302, 403)


def test_the_group_keeps_its_identity_when_its_name_is_translated(nb_locale, settings):
    settings.LANGUAGE_CODE = "en"
    [english] = ensure_translator_groups(source_language="sv")
    assert english.name == "Translators: Norsk bokmål"
    settings.LANGUAGE_CODE = "sv"
    [swedish] = ensure_translator_groups(source_language="sv")
    assert swedish.pk == english.pk
    assert swedish.name == "Översättare: Norsk bokmål"
    assert Group.objects.filter(name__startswith="Translators").count() == 0


def test_a_malformed_po_upload_is_refused_with_a_message_and_changes_nothing(
    translator, nb_translation
):
    translation, page = nb_translation
    revisions = page.revisions.count()
    upload = BytesIO(b"this is not a PO file\nmsgid without quotes\n")
    upload.name = "trasig.po"
    response = translator.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": edit_url(page)},
        follow=True,
    )
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert any("PO" in message for message in messages), messages
    assert not StringTranslation.objects.exists()
    assert page.revisions.count() == revisions
