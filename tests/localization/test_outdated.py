"""An outdated translation becomes work: the source's copy follows each publication.

Publishing a changed Swedish source refreshes wagtail-localize's copy of it
once the transaction commits (a task; the immediate backend runs it at once),
so the PO export offers the changed strings, with the earlier translation as
a suggestion, and the translators of the language hear about it by e-mail.
"""

import html
import json

import polib
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile
from wagtail_localize.models import TranslationSource

from content_types.localization.models import TranslatorNotificationPreference
from content_types.localization.status import translation_states
from content_types.roles import ensure_roles, translator_group_name

from .. import utils
from .helpers import NORWEGIAN, publish_translation, start_translation, swedish_conference

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference(conference_index):
    return swedish_conference(conference_index)


@pytest.fixture
def translated(conference, nb_locale):
    """The conference's Norwegian translation, every string translated and published."""
    translation, _draft = start_translation(conference, nb_locale)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = NORWEGIAN[entry.msgctxt]
    translation.import_po(po)
    return translation, publish_translation(translation)


@pytest.fixture
def roles(db, site_tree):
    return ensure_roles()


def make_translator(django_user_model, nb_locale, username, language="", **kwargs):
    user = django_user_model.objects.create_user(
        username, email=f"{username}@example.org", password="pw", **kwargs
    )
    user.groups.add(Group.objects.get(name=translator_group_name(nb_locale)))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def republish(page, django_capture_on_commit_callbacks, **changes):
    """Publish ``changes`` to ``page`` as an editor does, running what waits for the commit."""
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def nb_state(page):
    return {state.locale: state for state in translation_states(page)}["nb"]


def test_a_republished_source_is_exported_with_the_changed_string_and_comes_back_up_to_date(
    translated,
    conference,
    roles,
    nb_locale,
    tmp_path,
    admin_user,
    client,
    django_user_model,
    django_capture_on_commit_callbacks,
):
    translation, nb_page = translated
    assert nb_state(conference).up_to_date is True
    republish(conference, django_capture_on_commit_callbacks, tagline="Ett möte om läsglädje")
    assert nb_state(conference).up_to_date is False

    outbox = tmp_path / "outbox"
    outbox.mkdir()
    call_command("export_translations", str(outbox), locale="nb", stdout=open("/dev/null", "w"))

    [path] = outbox.iterdir()
    assert str(translation.uuid) in path.name
    po = polib.pofile(str(path))
    # Only the changed string, with its earlier translation as a suggestion.
    [entry] = po
    assert (entry.msgctxt, entry.msgid) == ("tagline", "Ett möte om läsglädje")
    assert entry.msgstr == NORWEGIAN["tagline"] and "fuzzy" in entry.flags
    assert entry.previous_msgid == "Ett möte om läsning"

    # The translator confirms an edited suggestion and sends the file back.
    entry.msgstr = "Et møte om leseglede"
    entry.flags.remove("fuzzy")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    po.save(str(inbox / path.name))
    call_command("import_translations", str(inbox), stdout=open("/dev/null", "w"))

    translator = make_translator(django_user_model, nb_locale, "oversetter")
    client.force_login(translator)
    response = client.post(reverse("samverkan_submit_translation", args=[nb_page.pk]))
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(nb_page.pk), status="in_progress")
    state.current_task_state.approve(user=admin_user)

    nb_page.refresh_from_db()
    assert nb_page.specific.tagline == "Et møte om leseglede"
    assert nb_state(conference).up_to_date is True


def test_the_sync_keeps_what_was_translated_and_counts_what_changed(
    translated, conference, django_capture_on_commit_callbacks
):
    republish(
        conference,
        django_capture_on_commit_callbacks,
        tagline="Ett möte om läsglädje",
        description="<p>Välkommen till <b>tre dagar</b> om läsfrämjande.</p>",
    )
    state = nb_state(conference)
    assert (state.total, state.translated, state.changed, state.left) == (4, 2, 2, 2)
    assert state.complete is False


def test_a_draft_of_the_source_is_not_synced(
    translated, conference, django_capture_on_commit_callbacks
):
    copied_at = TranslationSource.objects.get(object_id=conference.translation_key).last_updated_at
    with django_capture_on_commit_callbacks(execute=True):
        conference.tagline = "Utkast"
        conference.save_revision()
    source = TranslationSource.objects.get(object_id=conference.translation_key)
    assert source.last_updated_at == copied_at
    assert nb_state(conference).up_to_date is True


def test_the_export_syncs_a_source_published_without_the_sync(
    translated, conference, nb_locale, tmp_path
):
    # Published with the sync left waiting (a worker not running): the commit never came.
    conference.tagline = "Ett möte om läsglädje"
    conference.save_revision().publish()

    call_command("export_translations", str(tmp_path), locale="nb", stdout=open("/dev/null", "w"))

    [path] = tmp_path.iterdir()
    assert [entry.msgid for entry in polib.pofile(str(path))] == ["Ett möte om läsglädje"]


class TestTranslatorsAreTold:
    @pytest.fixture
    def translators(self, roles, django_user_model, nb_locale):
        return {
            "nb": make_translator(django_user_model, nb_locale, "kari", language="nb"),
            "sv": make_translator(django_user_model, nb_locale, "sven", language="sv"),
        }

    def test_each_translator_of_the_language_gets_an_email_in_their_own_language(
        self, translators, translated, conference, django_capture_on_commit_callbacks
    ):
        republish(conference, django_capture_on_commit_callbacks, tagline="Ett möte om läsglädje")
        by_recipient = {message.to[0]: message for message in mail.outbox}
        assert set(by_recipient) == {"kari@example.org", "sven@example.org"}
        norwegian = by_recipient["kari@example.org"]
        swedish = by_recipient["sven@example.org"]
        assert norwegian.subject == "Oversettelse utdatert: 'Biblioteksdagarna' (Norsk bokmål)"
        assert swedish.subject == "Översättning inaktuell: 'Biblioteksdagarna' (Norsk bokmål)"
        assert "Strenger å oversette: 1 av 4, hvorav 1 er endret" in norwegian.body
        assert norwegian.from_email == settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL
        _translation, nb_page = translated
        assert reverse("wagtailadmin_pages:edit", args=[nb_page.pk]) in norwegian.body

    def test_a_change_without_text_asks_for_the_translation_to_be_submitted_again(
        self, translators, translated, conference, django_capture_on_commit_callbacks
    ):
        republish(
            conference, django_capture_on_commit_callbacks, end=utils.local(2025, 6, 12, 16, 0)
        )
        by_recipient = {message.to[0]: message for message in mail.outbox}
        assert "Ingen tekst er endret" in by_recipient["kari@example.org"].body
        assert "Ingen text har ändrats" in by_recipient["sven@example.org"].body

    def test_nobody_else_is_told_and_an_outdated_translation_is_told_once(
        self,
        translators,
        translated,
        conference,
        django_user_model,
        django_capture_on_commit_callbacks,
    ):
        django_user_model.objects.create_user("redaktor", email="redaktor@example.org")
        republish(conference, django_capture_on_commit_callbacks, tagline="Ett möte om läsglädje")
        assert len(mail.outbox) == 2
        republish(conference, django_capture_on_commit_callbacks, tagline="Ett möte om läsning")
        assert len(mail.outbox) == 2

    def test_a_translator_who_turned_it_off_is_not_told(
        self, translators, translated, conference, django_capture_on_commit_callbacks
    ):
        TranslatorNotificationPreference.objects.create(
            user=translators["sv"], outdated_translations=False
        )
        republish(conference, django_capture_on_commit_callbacks, tagline="Ett möte om läsglädje")
        assert [message.to for message in mail.outbox] == [["kari@example.org"]]

    def test_translators_turn_it_off_in_their_account_settings(self, translators, client):
        client.force_login(translators["nb"])
        page = client.get(reverse("wagtailadmin_account")).content.decode()
        assert 'name="translator_notifications-outdated_translations"' in page
        assert "Utdaterte oversettelser" in page
        response = client.post(
            reverse("wagtailadmin_account"),
            {
                "translator_notifications-outdated_translations": "",
                "locale-preferred_language": "nb",
                "locale-current_time_zone": "",
                "name_email-first_name": "Kari",
                "name_email-last_name": "Nordmann",
                "name_email-email": "kari@example.org",
                "theme-theme": "system",
                "theme-contrast": "system",
                "theme-density": "default",
            },
        )
        assert response.status_code == 302, [
            (panel.name, panel.get_form().errors)
            for panels in response.context["panels_by_tab"].values()
            for panel in panels
        ]
        preference = TranslatorNotificationPreference.objects.get(user=translators["nb"])
        assert preference.outdated_translations is False

    def test_others_do_not_see_the_setting(self, admin_client):
        page = admin_client.get(reverse("wagtailadmin_account")).content.decode()
        assert "translator_notifications-outdated_translations" not in page


def test_the_translation_editor_shows_the_new_source_text(
    translated, conference, admin_client, django_capture_on_commit_callbacks
):
    _translation, nb_page = translated
    republish(conference, django_capture_on_commit_callbacks, tagline="Ett möte om läsglädje")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[nb_page.pk]))
    assert response.status_code == 200
    # The editor's segments are JSON in an attribute.
    segments = html.unescape(response.content.decode())
    assert f'"source": {json.dumps("Ett möte om läsglädje")}' in segments
    assert f'"source": {json.dumps("Ett möte om läsning")}' not in segments
