"""A newer translation of a published page is a draft: readers keep the published one.

wagtail-localize saves the translated page itself when it saves a draft; the
translators' two ways of handing work over (submit for review, PO import)
must leave the live translation as published until a moderator publishes the
draft.
"""

import polib
import pytest
from django.contrib.auth import get_user_model

from content_types.localization.exchange import export_translation, import_directory
from content_types.localization.review import submit_translation_for_review
from content_types.models import ConferencePage

from .. import utils
from .helpers import publish_translation, start_translation, translate_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    return get_user_model().objects.create_superuser("moderator", "m@example.org", "losenord")


@pytest.fixture
def published(conference_index, nb_locale):
    """A conference with its Norwegian translation published ("NB: ...")."""
    conference = utils.make_conference(
        conference_index, title="Biblioteksdagarna", tagline="Två dagar om bibliotek"
    )
    translation, _draft = start_translation(conference, nb_locale)
    translate_all(translation)
    return translation, publish_translation(translation)


def retranslate(translation, prefix):
    translation.import_po(translate_all_po(translation, prefix))


def translate_all_po(translation, prefix):
    po = translation.export_po()
    for entry in po:
        if entry.msgctxt != "slug":
            entry.msgstr = f"{prefix}{entry.msgid}"
    return po


def fresh(page):
    return ConferencePage.objects.get(pk=page.pk)


def test_submitting_a_newer_translation_for_review_leaves_the_live_one_as_published(
    published, moderator
):
    translation, nb_page = published
    retranslate(translation, "NB2: ")

    submit_translation_for_review(nb_page, moderator)

    live = fresh(nb_page)
    assert live.live
    assert live.title == "NB: Biblioteksdagarna"
    assert live.tagline == "NB: Två dagar om bibliotek"
    assert live.has_unpublished_changes
    assert live.draft_title == "NB2: Biblioteksdagarna"
    draft = live.get_latest_revision_as_object()
    assert (draft.title, draft.tagline) == ("NB2: Biblioteksdagarna", "NB2: Två dagar om bibliotek")


def test_publishing_the_reviewed_draft_makes_it_live(published, moderator):
    translation, nb_page = published
    retranslate(translation, "NB2: ")
    submit_translation_for_review(nb_page, moderator)

    fresh(nb_page).get_latest_revision().publish()

    live = fresh(nb_page)
    assert (live.title, live.tagline) == ("NB2: Biblioteksdagarna", "NB2: Två dagar om bibliotek")
    assert not live.has_unpublished_changes


def test_importing_a_po_file_leaves_the_live_translation_as_published(
    published, moderator, tmp_path
):
    translation, nb_page = published
    path = export_translation(translation, tmp_path)
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgctxt != "slug":
            entry.msgstr = f"NB3: {entry.msgid}"
    po.save(str(path))

    import_directory(tmp_path, user=moderator)

    live = fresh(nb_page)
    assert live.title == "NB: Biblioteksdagarna"
    assert live.get_latest_revision_as_object().title == "NB3: Biblioteksdagarna"


def test_a_translation_never_published_takes_the_new_text_as_its_draft(
    conference_index, nb_locale, moderator
):
    conference = utils.make_conference(conference_index, title="Biblioteksdagarna")
    translation, draft = start_translation(conference, nb_locale)
    translate_all(translation)

    submit_translation_for_review(draft, moderator)

    page = fresh(draft)
    assert not page.live
    assert page.title == "NB: Biblioteksdagarna"
    assert page.workflow_in_progress
