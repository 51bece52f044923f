"""The system knows, per page and language, whether a translation is missing, complete and current."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from content_types.localization.status import translation_states

from .. import utils
from .helpers import publish_translation, start_translation, sync_from_source, translate_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference(conference_index):
    return utils.make_conference(conference_index, title="Biblioteksdagarna")


@pytest.fixture
def translated(conference, nb_locale):
    translation, _draft = start_translation(conference, nb_locale)
    translate_all(translation)
    return translation, publish_translation(translation)


def states(page):
    return {state.locale: state for state in translation_states(page)}


def edit_and_publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()


def test_a_page_without_translation_is_missing_in_the_other_language(conference):
    state = states(conference)["nb"]
    assert not state.exists and state.needs_work
    assert states(conference)["sv"].is_source


def test_a_started_translation_is_incomplete_until_every_string_is_translated(
    conference, nb_locale
):
    translation, _page = start_translation(conference, nb_locale)
    state = states(conference)["nb"]
    assert state.exists and state.complete is False and state.up_to_date is False
    translate_all(translation)
    assert states(conference)["nb"].complete is True


def test_a_translated_and_published_page_is_up_to_date(translated, conference):
    state = states(conference)["nb"]
    assert state.complete and state.up_to_date and state.live and not state.needs_work


def test_publishing_a_changed_source_makes_the_translation_outdated(translated, conference):
    edit_and_publish(conference, title="Biblioteksdagarna 2026")
    assert states(conference)["nb"].up_to_date is False
    # The translation's own view of the same facts agrees.
    _translation, nb_page = translated
    assert states(nb_page)["nb"].up_to_date is False


def test_a_draft_of_the_source_does_not_make_the_translation_outdated(translated, conference):
    conference.title = "Utkast"
    conference.save_revision()
    assert states(conference)["nb"].up_to_date is True


def test_syncing_and_translating_the_new_text_brings_it_up_to_date(translated, conference):
    translation, _page = translated
    edit_and_publish(conference, title="Biblioteksdagarna 2026")
    sync_from_source(conference)
    assert states(conference)["nb"].complete is False
    translate_all(translation)
    publish_translation(translation)
    assert states(conference)["nb"].up_to_date is True


def test_synchronised_fields_follow_the_source_when_synced(translated, conference):
    translation, nb_page = translated
    new_venue = utils.make_venue(name="Stadsbiblioteket", city="Malmö")
    edit_and_publish(
        conference,
        start=utils.local(2025, 9, 1, 9, 0),
        end=utils.local(2025, 9, 1, 16, 0),
        venue=new_venue,
        registration_email="anmalan@example.org",
    )
    sync_from_source(conference)
    nb_page = publish_translation(translation)
    assert (nb_page.start, nb_page.end) == (conference.start, conference.end)
    assert nb_page.registration_email == "anmalan@example.org"
    # The venue is a translatable snippet; without a Norwegian version the source's is used.
    assert nb_page.venue == new_venue


class TestTheAdminReport:
    @pytest.fixture
    def editor(self, admin_client):
        return admin_client

    def report(self, client, **params):
        response = client.get(reverse("samverkan_translation_status"), params)
        assert response.status_code == 200
        return response.content.decode()

    def test_lists_missing_translations(self, editor, conference):
        html = self.report(editor, problems=1)
        assert "Biblioteksdagarna" in html
        assert "Saknas" in html or "Missing" in html

    def test_shows_an_outdated_translation_and_hides_current_ones_when_asked(
        self, editor, translated, conference
    ):
        assert "Biblioteksdagarna" not in self.report(editor, problems=1)
        edit_and_publish(conference, title="Biblioteksdagarna 2026")
        html = self.report(editor, problems=1)
        assert "Biblioteksdagarna 2026" in html
        assert "Inaktuell" in html or "Out of date" in html

    def test_editors_reach_it_from_the_reports_menu(self, editor):
        html = editor.get(reverse("wagtailadmin_home")).content.decode()
        assert reverse("samverkan_translation_status") in html


def test_other_locales_added_by_configuration_appear_as_missing(conference):
    Locale.objects.create(language_code="nn")
    assert not states(conference)["nn"].exists
