"""The example conferences: upcoming in both languages, loaded once, removed without a trace."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Page, Revision
from wagtail_localize.models import TranslatableObject, TranslationSource

from content_types.demo.examples import (
    SLUGS,
    load_example_conferences,
    remove_example_conferences,
    today,
)
from content_types.models import (
    ConferenceOrganiser,
    ConferencePage,
    FocusArea,
    Organisation,
    Person,
    ProgrammeItemSpeaker,
    Region,
    Venue,
)

pytestmark = pytest.mark.django_db

PAGES_URL = reverse("wagtailapi:pages:listing")
UPCOMING_FEED_URL = reverse("samverkan_calendar:upcoming_conferences")
SNIPPET_MODELS = (Organisation, Person, Venue, Region, FocusArea)
SWEDISH_TITLES = {
    "Exempel: Biblioteksdagen om digital delaktighet",
    "Exempel: Nordiskt nätverksmöte om läsfrämjande",
}
NORWEGIAN_TITLES = {
    "Eksempel: Bibliotekdagen om digital deltakelse",
    "Eksempel: Nordisk nettverksmøte om leselyst",
}


def api(client, **params):
    cache.clear()
    response = client.get(PAGES_URL, params)
    assert response.status_code == 200, response.content
    return response.json()


def upcoming(client, language, **params):
    return api(
        client,
        type="content_types.ConferencePage",
        upcoming="true",
        locale=language,
        order="start",
        **params,
    )


def feed_summaries(client, language):
    cache.clear()
    response = client.get(UPCOMING_FEED_URL, {"locale": language})
    assert response.status_code == 200
    return {str(event["SUMMARY"]) for event in Calendar.from_ical(response.content).events}


def state_of_the_database(client):
    """What the seed content is: every page, revision, snippet and translation record by id,
    and every conference as the API gives it in both languages."""
    return {
        "pages": list(
            Page.objects.order_by("pk").values(
                "pk", "path", "depth", "numchild", "url_path", "slug", "title", "live",
                "locale_id", "translation_key", "latest_revision_id", "live_revision_id",
            )
        ),
        "revisions": list(Revision.objects.order_by("pk").values_list("pk", flat=True)),
        "snippets": {
            model.__name__: list(model.objects.order_by("pk").values())
            for model in (*SNIPPET_MODELS, ProgrammeItemSpeaker, ConferenceOrganiser)
        },
        "translatable_objects": sorted(
            str(key) for key in TranslatableObject.objects.values_list("translation_key", flat=True)
        ),
        "translation_sources": list(
            TranslationSource.objects.order_by("pk").values_list("pk", flat=True)
        ),
        "api": [
            api(client, type="content_types.ConferencePage", locale=language, fields="*")
            for language in ("sv", "nb")
        ],
    }  # fmt: skip


@pytest.fixture(scope="module")
def examples(demo_content, django_db_blocker):
    """The demo content with the examples, and the seed content's state before they came."""
    from django.test import Client

    with django_db_blocker.unblock(), transaction.atomic():
        demo_content.lay_down()
        before = state_of_the_database(Client())
        report = load_example_conferences()
        yield {"before": before, "report": report}
        transaction.set_rollback(True)


def example_pages(language):
    return ConferencePage.objects.filter(locale__language_code=language).filter(
        title__in=SWEDISH_TITLES | NORWEGIAN_TITLES
    )


class TestUpcoming:
    def test_both_examples_are_the_upcoming_conferences_in_swedish(self, examples, client):
        listing = upcoming(client, "sv")
        assert {item["title"] for item in listing["items"]} == SWEDISH_TITLES

    def test_both_examples_are_the_upcoming_conferences_in_norwegian(self, examples, client):
        listing = upcoming(client, "nb")
        assert {item["title"] for item in listing["items"]} == NORWEGIAN_TITLES
        assert {item["meta"]["locale"] for item in listing["items"]} == {"nb"}

    @pytest.mark.parametrize("language, titles", [("sv", SWEDISH_TITLES), ("nb", NORWEGIAN_TITLES)])
    def test_the_upcoming_calendar_feed_holds_both(self, examples, client, language, titles):
        assert feed_summaries(client, language) == titles

    def test_they_fall_on_weekdays_about_one_and_three_months_ahead(self, examples):
        day, meeting = example_pages("sv").order_by("start")
        assert day.timezone == "Europe/Stockholm" and meeting.timezone == "Europe/Oslo"
        days_ahead = [
            (page.start.astimezone(page.zone).date() - today()).days for page in (day, meeting)
        ]
        assert 30 <= days_ahead[0] < 37 and 90 <= days_ahead[1] < 97
        assert day.start.astimezone(day.zone).weekday() == 1
        assert meeting.start.astimezone(meeting.zone).weekday() == 3
        assert meeting.end.astimezone(meeting.zone).weekday() == 4


class TestDetail:
    @pytest.mark.parametrize("language", ["sv", "nb"])
    def test_each_has_a_programme_with_speakers_a_venue_and_registration(
        self, examples, client, language
    ):
        listing = upcoming(client, language, fields="start,venue,registration,programme")
        for conference in listing["items"]:
            speakers = [s for item in conference["programme"] for s in item["speakers"]]
            assert len(conference["programme"]) == 5, conference["title"]
            assert all(item["start"] and item["end"] for item in conference["programme"])
            assert len(speakers) >= 3
            assert all(s["name"] and s["organisation"]["name"] for s in speakers)
            assert conference["venue"]["name"] in {"Exempelhuset", "Eksempelhuset", "Eksempelsalen"}
            registration = conference["registration"]
            assert registration["url"].startswith("https://example.org/")
            assert registration["deadline"] < conference["start"][:10]
            assert registration["deadline"] > today().isoformat()

    def test_the_description_says_it_is_example_content_in_each_language(self, examples, client):
        swedish = upcoming(client, "sv", fields="description")["items"]
        norwegian = upcoming(client, "nb", fields="description")["items"]
        assert all("Det här är exempelinnehåll." in c["description"] for c in swedish)
        assert all("Dette er eksempelinnhold." in c["description"] for c in norwegian)

    def test_the_norwegian_programme_and_venue_are_translated(self, examples, client):
        (day, _meeting) = upcoming(client, "nb", fields="venue,programme")["items"]
        assert day["venue"]["name"] == "Eksempelhuset"
        assert [item["title"] for item in day["programme"]][:2] == [
            "Registrering og kaffe",
            "Velkommen til Bibliotekdagen",
        ]
        assert day["programme"][1]["speakers"][0]["title"] == "Biblioteksjef"


class TestPublished:
    def test_every_example_page_is_live_in_both_languages(self, examples):
        for language in ("sv", "nb"):
            pages = example_pages(language)
            assert pages.count() == 2
            for page in pages:
                assert page.live and not page.has_unpublished_changes
                assert all(item.live for item in page.get_children())

    def test_an_example_unpublished_leaves_the_public_surfaces(self, examples, client):
        day = example_pages("sv").get(slug=SLUGS[0])
        day.unpublish()

        titles = {item["title"] for item in upcoming(client, "sv")["items"]}
        assert day.title not in titles and len(titles) == 1
        assert day.title not in feed_summaries(client, "sv")
        cache.clear()
        assert client.get(reverse("wagtailapi:pages:detail", args=(day.pk,))).status_code == 404


class TestLoadingAgain:
    def test_a_second_run_duplicates_nothing(self, examples):
        counted = (Page, Revision, *SNIPPET_MODELS, ProgrammeItemSpeaker)
        counts = {model: model.objects.count() for model in counted}

        out = StringIO()
        call_command("load_example_conferences", stdout=out)

        assert "Created" not in out.getvalue()
        assert "0 created" in out.getvalue()
        assert {model: model.objects.count() for model in counted} == counts

    def test_examples_that_have_ended_are_made_anew_with_new_dates(self, examples):
        remove_example_conferences()
        long_ago = today() - timedelta(days=400)
        load_example_conferences(on=long_ago)
        assert all(page.end < timezone.now() for page in example_pages("sv"))

        report = load_example_conferences()

        assert len(report.removed) > 4
        assert example_pages("sv").count() == 2 and example_pages("nb").count() == 2
        assert all(page.start > timezone.now() for page in example_pages("sv"))
        assert all(page.start > timezone.now() for page in example_pages("nb"))


class TestRemoving:
    def test_removing_leaves_the_seed_content_as_the_seeds_give_it(self, examples, client):
        out = StringIO()
        call_command("remove_example_conferences", stdout=out)

        assert "Removed sv: Exempel: Biblioteksdagen om digital delaktighet" in out.getvalue()
        assert "Removed nb: Eksempel: Nordisk nettverksmøte om leselyst" in out.getvalue()
        assert state_of_the_database(client) == examples["before"]

    def test_removing_twice_removes_nothing_the_second_time(self, examples):
        remove_example_conferences()
        assert remove_example_conferences().removed == []

    def test_a_snippet_used_by_other_content_since_is_kept(self, examples):
        venue = Venue.objects.get(name="Exempelhuset", locale__language_code="sv")
        tvinning = ConferencePage.objects.get(slug="tvinning-slutkonferens-2009")
        tvinning.venue = venue
        tvinning.save_revision().publish()

        report = remove_example_conferences()

        assert report.kept == [str(venue)]
        assert Venue.objects.filter(pk=venue.pk).exists()
        assert not example_pages("sv").exists() and not example_pages("nb").exists()
        assert not Person.objects.filter(name="Eva Exempelsson").exists()
