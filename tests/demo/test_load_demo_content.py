"""The demo loader turns the five seed documents into real, published content."""

import pytest
from django.db import transaction
from django.urls import reverse
from wagtail.models import Locale, Site

from content_types.demo.loader import load_demo_content
from content_types.models import (
    ConferencePage,
    HomePage,
    NetworkPage,
    ProgrammeItemPage,
    ProjectPage,
)

pytestmark = pytest.mark.django_db

PAGES_URL = reverse("wagtailapi:pages:listing")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo_content()
        transaction.set_rollback(True)


def page(model, slug, language="sv"):
    return model.objects.get(slug=slug, locale__language_code=language)


def api(client, **params):
    response = client.get(PAGES_URL, params)
    assert response.status_code == 200, response.content
    return response.json()


class TestSiteStructure:
    def test_the_default_site_starts_at_the_swedish_home_page(self, demo):
        site = Site.objects.get(is_default_site=True)
        assert isinstance(site.root_page.specific, HomePage)
        assert site.root_page.locale.language_code == "sv"

    def test_the_site_address_follows_the_configured_base_url(self, demo, settings):
        # Wagtail's placeholder localhost:80 is replaced, so html_url links work.
        assert settings.WAGTAILADMIN_BASE_URL == "http://testserver"
        assert Site.objects.get(is_default_site=True).root_url == "http://testserver"

    def test_the_norwegian_tree_is_a_published_translation_with_its_own_slugs(self, demo):
        home = Site.objects.get(is_default_site=True).root_page
        nb_home = home.get_translation(Locale.objects.get(language_code="nb"))
        assert nb_home.live
        assert [child.slug for child in nb_home.get_children().live()] == [
            "prosjekter",
            "nettverk",
            "konferanser",
        ]
        assert nb_home.get_children().get(slug="konferanser").title == "Konferanser"


class TestSeedEntities:
    def test_every_seed_entity_is_present_in_its_language(self, demo):
        expected = {
            (ConferencePage, "tvinning-slutkonferens-2009"): "sv",
            (ProjectPage, "tvinning"): "sv",
            (ConferencePage, "bibliotekromseminar-2013"): "nb",
            (ProjectPage, "kompobib2020"): "sv",
            (ProjectPage, "dela-och-lar"): "sv",
            (ProjectPage, "larsamverkan"): "sv",
            (NetworkPage, "biss"): "sv",
        }
        for (model, slug), language in expected.items():
            found = page(model, slug, language)
            assert found.live, slug
            assert found.alias_of is None, slug
        jonkoping = NetworkPage.objects.filter(organiser__name__startswith="Biblioteksutveckling")
        assert sorted(jonkoping.values_list("title", flat=True)) == [
            "Barns delaktighet och inflytande",
            "Bibliotekschefer",
            "Digital transformation",
            "Samverkan folkbibliotek och socialtjänst",
            "Språklust",
            "Tillgänglighet",
        ]

    def test_the_tvinning_conference_holds_its_facts(self, demo):
        conference = page(ConferencePage, "tvinning-slutkonferens-2009")
        assert conference.venue.name == "Aros Congress Center"
        assert conference.venue.street_address == "Munkgatan 7"
        assert conference.is_free and conference.no_show_fee == 300 and conference.currency == "SEK"
        assert conference.registration_is_binding and conference.registration_asks_dietary
        assert conference.registration_deadline.isoformat() == "2009-10-09"
        assert conference.includes_lunch and conference.includes_coffee
        assert conference.related_project.slug == "tvinning"
        assert conference.contact.email.endswith("@example.org")
        speakers = {
            speaker.person.name: speaker.organisation_at_the_time.name
            for item in conference.programme_items()
            for speaker in item.speakers.all()
        }
        assert speakers == {
            "Cecilia Gärdén": "Institutionen Bibliotekshögskolan",
            "Malin Ögland": "Regionbibliotek Stockholm",
            "Åke Nygren": "Stockholms stadsbibliotek",
            "Anne Hederén": "Länsbibliotek Östergötland",
            "Angela Andersson": "Internationella programkontoret",
            "Ann-Christine Björk": "Persboskolan Västerås",
        }

    def test_the_troms_seminar_has_both_days_timed_in_oslo(self, demo):
        seminar = page(ConferencePage, "bibliotekromseminar-2013", "nb")
        items = list(seminar.programme_items())
        assert len(items) == 12
        assert {item.day.isoformat() for item in items} == {"2013-11-20", "2013-11-21"}
        assert items[0].title == "Avgang fra Prostneset med felles buss"
        assert items[0].kind == "travel" and items[0].location == "Prostneset, Tromsø"
        assert items[-1].title == "Buss tilbake til Tromsø"
        assert str(seminar.zone) == "Europe/Oslo"

    def test_kompobib_carries_owner_counties_funding_extension_update_and_successor(self, demo):
        project = page(ProjectPage, "kompobib2020")
        assert project.project_owner.parent.name == "Landstinget Sörmland"
        assert sorted(region.name for region in project.regions.all()) == [
            "Södermanlands län",
            "Västmanlands län",
            "Örebro län",
        ]
        assert [funder.organisation.name for funder in project.funders.all()] == [
            "Europeiska socialfonden"
        ]
        assert project.extended_until.isoformat() == "2013-03-31"
        assert project.end_date < project.extended_until
        assert project.updates.get().date.isoformat() == "2012-10-12"
        assert project.successor.title == "Dela & Lär"
        assert project.status == "completed"

    def test_larsamverkan_and_biss_carry_funders_participants_focus_and_meetings(self, demo):
        project = page(ProjectPage, "larsamverkan")
        assert project.funders.count() == 7
        assert "Kulturrådet" in [funder.organisation.name for funder in project.funders.all()]
        assert {group.library_type for group in project.participant_groups.all()} == {
            "public_library",
            "academic_library",
            "regional_library",
            "school_library",
            "hospital_library",
        }
        assert project.dates_precision == "year"
        biss = page(NetworkPage, "biss")
        assert list(biss.related_projects.all())[0].slug == "larsamverkan"
        assert biss.meetings.count() == 4
        assert sum(group.count or 0 for group in biss.member_groups.all()) == 13
        assert {area.name for area in biss.focus_areas.all()} >= {"Ökad digital delaktighet"}


class TestDemoContentThroughTheAPI:
    def test_both_conferences_are_listed_with_venue_offsets_and_registration(self, demo, client):
        data = api(client, type="content_types.ConferencePage", fields="*")
        conferences = {
            item["meta"]["slug"]: item
            for item in data["items"]
            if item["meta"]["translations"][0]["is_current"]
        }
        assert set(conferences) == {"tvinning-slutkonferens-2009", "bibliotekromseminar-2013"}
        assert data["meta"]["total_count"] == 4  # each also in the other language
        tvinning = conferences["tvinning-slutkonferens-2009"]
        assert tvinning["start"] == "2009-10-20T10:00:00+02:00"
        assert tvinning["end"] == "2009-10-20T16:30:00+02:00"
        assert tvinning["venue"]["city"] == "Västerås"
        assert tvinning["registration"]["deadline"] == "2009-10-09"
        assert tvinning["registration"]["is_binding"] is True
        troms = conferences["bibliotekromseminar-2013"]
        assert troms["meta"]["locale"] == "nb"
        assert troms["start"] == "2013-11-20T11:00:00+01:00"

    def test_the_tvinning_programme_lists_speakers_and_organisations(self, demo, client):
        conference = page(ConferencePage, "tvinning-slutkonferens-2009")
        data = api(
            client, type="content_types.ProgrammeItemPage", child_of=conference.pk, fields="*"
        )
        assert data["meta"]["total_count"] == 7
        etwinning = next(item for item in data["items"] if item["title"].startswith("eTwinning"))
        assert [
            (speaker["name"], speaker["title"], speaker["organisation"]["name"])
            for speaker in etwinning["speakers"]
        ] == [
            (
                "Angela Andersson",
                "Nationell eTwinningkoordinator",
                "Internationella programkontoret",
            ),
            ("Ann-Christine Björk", "eTwinningambassadör", "Persboskolan Västerås"),
        ]

    def test_the_norwegian_locale_serves_norwegian_content_only(self, demo, client):
        data = api(client, type="content_types.ConferencePage", locale="nb", fields="programme")
        assert sorted(item["meta"]["slug"] for item in data["items"]) == [
            "bibliotekromseminar-2013",
            "tvinning-sluttkonferanse-2009",
        ]
        troms = next(
            item for item in data["items"] if item["meta"]["slug"].startswith("bibliotekrom")
        )
        assert [entry["day"] for entry in troms["programme"]].count("2013-11-21") == 5


class TestDemoTranslations:
    """The demo shows translation at work: made through wagtail-localize, complete and current."""

    @pytest.mark.parametrize(
        "model, slug, source, target",
        [
            (ConferencePage, "tvinning-slutkonferens-2009", "sv", "nb"),
            (ProjectPage, "kompobib2020", "sv", "nb"),
            (ConferencePage, "bibliotekromseminar-2013", "nb", "sv"),
        ],
    )
    def test_translated_up_to_date_and_published(self, demo, model, slug, source, target):
        from content_types.localization.status import translation_states

        states = {state.locale: state for state in translation_states(page(model, slug, source))}
        assert states[source].is_source
        translated = states[target]
        assert translated.live and translated.complete and translated.up_to_date
        assert translated.page.title != states[source].page.title

    def test_the_norwegian_tvinning_programme_translates_titles_and_keeps_times(self, demo, client):
        sv = page(ConferencePage, "tvinning-slutkonferens-2009")
        nb = sv.get_translation(Locale.objects.get(language_code="nb")).specific
        assert [item.start for item in nb.programme_items()] == [
            item.start for item in sv.programme_items()
        ]
        # Links follow the source; readers get the linked snippets in their language.
        assert nb.venue == sv.venue
        data = client.get(reverse("wagtailapi:pages:detail", args=[nb.pk])).json()
        assert data["venue"]["street_address"] == "Munkgatan 7"
        assert data["venue"]["directions"].startswith("Aros Congress Center ligger sentralt")
        etwinning = next(
            item for item in data["programme"] if item["title"].startswith("eTwinning")
        )
        assert [speaker["title"] for speaker in etwinning["speakers"]] == [
            "Nasjonal eTwinning-koordinator",
            "eTwinning-ambassadør",
        ]


class TestDemoContentInTheAdmin:
    @pytest.fixture
    def editor(self, client, django_user_model):
        user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
        client.force_login(user)
        return client

    @pytest.mark.parametrize(
        "model, slug",
        [
            (ProjectPage, "kompobib2020"),
            (NetworkPage, "biss"),
            (ConferencePage, "tvinning-slutkonferens-2009"),
            (ConferencePage, "bibliotekromseminar-2013"),
        ],
    )
    def test_every_page_type_opens_in_the_editor(self, demo, editor, model, slug):
        target = model.objects.get(slug=slug)
        response = editor.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
        assert response.status_code == 200
        assert target.title in response.content.decode()

    def test_a_programme_item_opens_in_the_editor_with_its_speakers(self, demo, editor):
        item = ProgrammeItemPage.objects.get(slug="etwinning", locale__language_code="sv")
        response = editor.get(reverse("wagtailadmin_pages:edit", args=[item.pk]))
        assert response.status_code == 200
        assert "Angela Andersson" in response.content.decode()

    @pytest.mark.parametrize(
        "model_name", ["person", "organisation", "venue", "focusarea", "region"]
    )
    def test_every_snippet_is_listed_in_the_directory(self, demo, editor, model_name):
        response = editor.get(reverse(f"wagtailsnippets_content_types_{model_name}:list"))
        assert response.status_code == 200
