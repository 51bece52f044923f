"""A person's e-mail and phone are public in every language only when the source person says so.

The person is Swedish and translated into Norwegian in the translation editor;
a Swedish conference names her as its contact and as a speaker, and so does
its Norwegian translation. The editor unticks "show e-mail publicly" and "show
phone publicly" on the Swedish person in the admin, and the Norwegian pages
(the API, the calendar feeds, the JSON-LD, the HTML page) stop showing them at
once, without anyone syncing the translation. Nobody can tick them on the
Norwegian version: the translation editor does not offer them, the edit form
shows them disabled, and a save takes the source's.
"""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail_localize.models import OverridableSegment, Translation

from content_types.roles import ensure_roles
from content_types.snippets.sources import source_version

from ..localization.helpers import begin_translation, publish_translation, translate_all
from ..utils import make_conference, make_person, make_programme_item, page_detail_url
from .helpers import EMAIL, PHONE, translate_snippet

pytestmark = pytest.mark.django_db


def soon(days, hour):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, hour))


def translate_page(page, locale):
    translation = begin_translation(page, locale)
    translate_all(translation)
    return publish_translation(translation)


@pytest.fixture
def nb_pages(conference_index, anna, nb_anna, nb_locale):
    """A Swedish conference with Anna as contact and speaker, and its Norwegian translation."""
    conference = make_conference(
        conference_index,
        title="Biblioteksdagarna",
        contact=anna,
        start=soon(30, 9),
        end=soon(31, 16),
    )
    item = make_programme_item(conference, title="Inledning", start=soon(30, 9), speakers=[anna])
    nb_conference = translate_page(conference, nb_locale)
    nb_item = translate_page(item, nb_locale)
    assert nb_item.get_parent().pk == nb_conference.pk
    return nb_conference, nb_item


def edit_url(person):
    return reverse("wagtailsnippets_content_types_person:edit", args=[person.pk])


def form_data(person, **changes):
    """What the admin's edit form posts for ``person``: its fields, ``changes`` applied.

    A checkbox left unticked is not posted.
    """
    values = {
        "name": person.name,
        "title": person.title,
        "organisation": person.organisation_id or "",
        "email": person.email,
        "email_is_public": person.email_is_public,
        "phone": person.phone,
        "phone_is_public": person.phone_is_public,
    }
    values.update(changes)
    return {name: "on" if value is True else value for name, value in values.items() if value}


def norwegian_surfaces(client, nb_conference, nb_item):
    """Every public answer about the Norwegian pages, as text."""
    answers = {
        "conference in the API": client.get(page_detail_url(nb_conference)),
        "programme item in the API": client.get(page_detail_url(nb_item)),
        "conference listing in the API": client.get(
            reverse("wagtailapi:pages:listing")
            + "?type=content_types.ConferencePage&locale=nb&fields=*"
        ),
        "conference feed": client.get(
            reverse("samverkan_calendar:conference", args=[nb_conference.pk])
        ),
        "upcoming feed": client.get(
            reverse("samverkan_calendar:upcoming_conferences") + "?locale=nb"
        ),
        "HTML page": client.get(nb_conference.url),
    }
    for name, response in answers.items():
        assert response.status_code == 200, (name, response.content[:500])
    return {name: response.content.decode() for name, response in answers.items()}


def test_unticking_on_the_swedish_person_hides_email_and_phone_on_every_norwegian_surface(
    client, admin_client, anna, nb_anna, nb_pages
):
    nb_conference, nb_item = nb_pages
    before = client.get(page_detail_url(nb_conference)).json()
    assert before["contact"]["id"] == nb_anna.pk
    assert (before["contact"]["email"], before["contact"]["phone"]) == (EMAIL, PHONE)
    [speaker] = client.get(page_detail_url(nb_item)).json()["speakers"]
    assert (speaker["person"]["email"], speaker["person"]["phone"]) == (EMAIL, PHONE)

    response = admin_client.post(
        edit_url(anna), form_data(anna, email_is_public=False, phone_is_public=False)
    )
    assert response.status_code == 302, response.context["form"].errors

    answers = norwegian_surfaces(client, nb_conference, nb_item)
    for name, text in answers.items():
        assert EMAIL not in text, name
        assert PHONE not in text, name
    after = client.get(page_detail_url(nb_conference)).json()
    assert nb_conference.title in json.dumps(after["json_ld"])  # JSON-LD is there, without them
    assert (after["contact"]["email"], after["contact"]["phone"]) == ("", "")
    nb_anna.refresh_from_db()
    assert (nb_anna.email_is_public, nb_anna.phone_is_public) == (False, False)


def test_ticking_on_the_swedish_person_shows_them_in_norwegian_at_once(
    client, admin_client, anna, nb_anna, nb_pages
):
    nb_conference, _nb_item = nb_pages
    response = admin_client.post(edit_url(anna), form_data(anna, email_is_public=False))
    assert response.status_code == 302
    assert client.get(page_detail_url(nb_conference)).json()["contact"]["email"] == ""

    response = admin_client.post(edit_url(anna), form_data(anna, email_is_public=True))
    assert response.status_code == 302

    contact = client.get(page_detail_url(nb_conference)).json()["contact"]
    assert (contact["email"], contact["phone"]) == (EMAIL, PHONE)


def test_the_translation_editor_does_not_offer_the_flags(anna, nb_locale):
    translation, _nb_anna = translate_snippet(anna, nb_locale)
    overridable = set(
        OverridableSegment.objects.filter(source=translation.source).values_list(
            "context__path", flat=True
        )
    )
    assert {"email", "phone"} <= overridable  # a Norwegian address or number may differ
    assert not overridable & {"email_is_public", "phone_is_public"}


@pytest.fixture
def staff_client(client, django_user_model):
    roles = ensure_roles()
    user = django_user_model.objects.create_user("kommunikator", password="pw")
    user.groups.add(roles.communication_staff)
    client.force_login(user)
    return client


def stop_synced_translation(client, nb_anna):
    """What "Stop synced translation" does: the Norwegian version gets the ordinary edit form."""
    translation = Translation.objects.get(source__object_id=nb_anna.translation_key)
    response = client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))
    assert response.status_code == 302
    translation.refresh_from_db()
    assert not translation.enabled


def test_the_edit_form_of_a_translation_shows_the_flags_disabled_and_ignores_a_tick(
    staff_client, anna, nb_anna
):
    response = staff_client.post(
        edit_url(anna), form_data(anna, email_is_public=False, phone_is_public=False)
    )
    assert response.status_code == 302
    nb_anna.refresh_from_db()
    stop_synced_translation(staff_client, nb_anna)

    form = staff_client.get(edit_url(nb_anna)).context["form"]
    assert form.fields["email_is_public"].disabled
    assert form.fields["phone_is_public"].disabled
    assert "Svenska" in str(form.fields["email_is_public"].help_text)

    response = staff_client.post(
        edit_url(nb_anna),
        form_data(nb_anna, title="Bibliotekar", email_is_public=True, phone_is_public=True),
    )
    assert response.status_code == 302
    nb_anna.refresh_from_db()
    assert nb_anna.title == "Bibliotekar"  # the rest of the form was saved
    assert (nb_anna.email_is_public, nb_anna.phone_is_public) == (False, False)


def test_the_source_edit_form_offers_the_flags(staff_client, anna, nb_anna):
    form = staff_client.get(edit_url(anna)).context["form"]
    assert not form.fields["email_is_public"].disabled
    assert not form.fields["phone_is_public"].disabled


def test_a_translation_saved_with_a_flag_on_takes_the_sources(anna, nb_anna):
    anna.email_is_public = anna.phone_is_public = False
    anna.save()

    nb_anna.refresh_from_db()
    nb_anna.email_is_public = nb_anna.phone_is_public = True
    nb_anna.save()
    nb_anna.refresh_from_db()
    assert (nb_anna.email_is_public, nb_anna.phone_is_public) == (False, False)

    nb_anna.email_is_public = True
    nb_anna.save(update_fields=["title"])
    nb_anna.refresh_from_db()
    assert nb_anna.email_is_public is False


def test_a_person_created_in_norwegian_is_the_source_of_its_swedish_version(nb_locale, sv_locale):
    """The source is the version translated from, not the default language's."""
    kari = make_person(
        "Kari Nordmann", locale=nb_locale, email="kari@bibliotek.no", email_is_public=True
    )
    _translation, sv_kari = translate_snippet(kari, sv_locale)
    assert source_version(sv_kari).pk == kari.pk

    kari.email_is_public = False
    kari.save()
    sv_kari.refresh_from_db()
    assert sv_kari.email_is_public is False

    sv_kari.email_is_public = True
    sv_kari.save()
    sv_kari.refresh_from_db()
    assert sv_kari.email_is_public is False


def test_a_copy_made_without_the_translation_editor_follows_the_version_made_first(anna, nb_locale):
    copy = anna.copy_for_translation(nb_locale)
    copy.email_is_public = True
    copy.save()
    anna.email_is_public = False
    anna.save()
    copy.refresh_from_db()
    assert source_version(copy).pk == anna.pk
    assert copy.email_is_public is False
