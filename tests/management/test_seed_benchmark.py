"""`manage.py seed_benchmark` fills both language trees with realistic content in bulk.

The content is seeded once for the module into the test tree (conftest.py), which
has a Norwegian home page but no Norwegian index pages: the command creates them.
Tests that clear or seed again run in their own savepoint and are rolled back.
"""

from datetime import time, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page, Revision

from content_types.demo.synthetic import SNIPPET_MODELS, is_benchmark_content
from content_types.models import (
    ConferenceIndexPage,
    ConferencePage,
    NetworkPage,
    Person,
    ProgrammeItemPage,
    ProjectPage,
    Venue,
)

from ..utils import make_conference, make_person, make_venue, page_detail_url, pages_url

pytestmark = pytest.mark.django_db

SIZES = {"conferences": 3, "items": 5, "speakers": 2, "projects": 3, "networks": 2}
SEED = 7


def seed_benchmark(*args, **options):
    out = StringIO()
    arguments = {**SIZES, "seed": SEED, **options}
    call_command("seed_benchmark", *args, stdout=out, **arguments)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(site_tree, django_db_blocker):
    with django_db_blocker.unblock():
        return seed_benchmark()


def bench(model, language=None):
    pages = model.objects.filter(slug__startswith="bench-")
    if language:
        pages = pages.filter(locale__language_code=language)
    return pages


def titles():
    return list(
        Page.objects.filter(slug__startswith="bench-").order_by("path").values_list("title")
    )


def listing(client, **params):
    response = client.get(pages_url(**params))
    assert response.status_code == 200, response.content
    return response.json()["items"]


# What is created


@pytest.mark.parametrize("language", ["sv", "nb"])
def test_creates_the_asked_numbers_of_each_page_type_in_each_language(seeded, language):
    assert bench(ConferencePage, language).count() == 3
    assert bench(ProgrammeItemPage, language).count() == 3 * 5
    assert bench(ProjectPage, language).count() == 3
    assert bench(NetworkPage, language).count() == 2


def test_reports_what_it_created(seeded):
    assert "programme items: 15 sv, 15 nb" in seeded
    assert "46 pages" in seeded


def test_norwegian_pages_and_snippets_are_translations_of_the_swedish_ones(seeded, nb_home):
    for model in (ConferencePage, ProgrammeItemPage, ProjectPage, NetworkPage):
        swedish = set(bench(model, "sv").values_list("translation_key", flat=True))
        norwegian = set(bench(model, "nb").values_list("translation_key", flat=True))
        assert swedish == norwegian
    for page in bench(Page, "nb"):
        assert page.url_path.startswith(nb_home.url_path)
    for model in SNIPPET_MODELS:
        seeded_snippets = is_benchmark_content(model.objects.all())
        swedish = set(
            seeded_snippets.filter(locale__language_code="sv").values_list("translation_key")
        )
        norwegian = set(
            seeded_snippets.filter(locale__language_code="nb").values_list("translation_key")
        )
        assert swedish and swedish == norwegian


def test_norwegian_titles_are_in_norwegian(seeded):
    pairs = {
        page.translation_key: page.title
        for page in bench(ProgrammeItemPage, "sv").filter(kind="meal")
    }
    for page in bench(ProgrammeItemPage, "nb").filter(kind="meal"):
        assert (pairs[page.translation_key], page.title) == ("Lunch", "Lunsj")


def test_missing_norwegian_index_pages_are_created_as_translations(seeded, conference_index):
    nb_index = ConferenceIndexPage.objects.get(locale__language_code="nb")
    assert nb_index.translation_key == conference_index.translation_key
    assert (nb_index.title, nb_index.slug, nb_index.live) == ("Konferanser", "konferanser", True)
    assert nb_index.numchild == 3


def test_the_page_tree_stays_valid(seeded):
    assert Page.find_problems() == ([], [], [], [], [])


def test_pages_are_live_without_revisions(seeded):
    pages = bench(Page)
    assert not pages.filter(live=False).exists()
    assert not pages.filter(has_unpublished_changes=True).exists()
    assert not Revision.objects.filter(
        object_id__in=[str(pk) for pk in pages.values_list("pk", flat=True)]
    ).exists()


def test_programme_runs_on_consecutive_days_between_half_past_eight_and_five(seeded):
    seed_benchmark("--clear", conferences=1, items=25, projects=0, networks=0)
    conference = bench(ConferencePage, "nb").get()
    items = [item.specific for item in conference.get_children().order_by("path")]
    days = sorted({item.day for item in items})
    assert len(days) == 3
    assert days == [days[0] + timedelta(days=n) for n in range(len(days))]
    for item in items:
        start = timezone.localtime(item.start, conference.zone).time()
        end = timezone.localtime(item.end, conference.zone).time()
        assert time(8, 30) <= start < end <= time(17, 0)
    assert conference.start == min(item.start for item in items)
    assert conference.end == max(item.end for item in items)


def test_some_conferences_are_past_and_most_upcoming():
    # Enough conferences that both occur; the module's three may all be upcoming.
    seed_benchmark("--clear", conferences=24, items=0, projects=0, networks=0)
    now = timezone.now()
    conferences = bench(ConferencePage, "sv")
    past = conferences.filter(end__lt=now).count()
    assert 0 < past < conferences.count() / 2


def test_every_talk_has_the_asked_number_of_speakers_from_a_shared_pool(seeded):
    talks = ProgrammeItemPage.objects.filter(slug__startswith="bench-", kind="talk")
    assert talks.exists()
    for talk in talks:
        speakers = list(talk.speakers.all())
        assert len(speakers) == 2
        assert all(speaker.locale_id == talk.locale_id for speaker in speakers)
        assert all(speaker.person.organisation_id for speaker in speakers)
    for item in ProgrammeItemPage.objects.filter(
        slug__startswith="bench-", kind__in=["meal", "break"]
    ):
        assert not item.speakers.exists()


def test_projects_and_networks_carry_their_relations(seeded):
    project = bench(ProjectPage, "sv").first().specific
    assert project.project_owner_id and project.funders.exists() and project.partners.exists()
    assert project.regions.exists() and project.focus_areas.exists()
    assert project.goals.exists() and project.contacts.exists()
    network = bench(NetworkPage, "nb").first().specific
    assert network.focus_areas.exists() and network.contacts.exists()
    assert network.meetings.exists()


# Served like any content


def test_the_api_lists_the_norwegian_conferences(seeded, client):
    items = listing(client, type="content_types.ConferencePage", locale="nb")
    assert {item["id"] for item in items} == set(
        bench(ConferencePage, "nb").values_list("pk", flat=True)
    )


def test_a_conference_shows_its_programme_with_speakers(seeded, client):
    conference = bench(ConferencePage, "nb").first()
    response = client.get(page_detail_url(conference))
    assert response.status_code == 200
    body = response.json()
    assert body["venue"]["city"]
    programme = body["programme"]
    assert len(programme) == 5
    talks = [item for item in programme if item["kind"] == "talk"]
    assert talks
    for talk in talks:
        assert len(talk["speakers"]) == 2
        assert all(speaker["name"] and speaker["organisation"] for speaker in talk["speakers"])


def test_search_finds_a_seeded_conference_by_a_word_of_its_title(seeded, client):
    conference = bench(ConferencePage, "sv").first()
    word = max(conference.title.replace(":", " ").split(), key=len)
    items = listing(client, type="content_types.ConferencePage", search=word)
    assert conference.pk in [item["id"] for item in items]


def test_no_index_leaves_the_pages_out_of_the_search_index(seeded, client):
    seed_benchmark("--clear", "--no-index")
    conference = bench(ConferencePage, "sv").first()
    word = max(conference.title.replace(":", " ").split(), key=len)
    items = listing(client, type="content_types.ConferencePage", search=word)
    assert conference.pk not in [item["id"] for item in items]


# Determinism and clearing


def test_the_same_seed_gives_the_same_titles_and_another_seed_others(seeded):
    first = titles()
    seed_benchmark("--clear")
    assert titles() == first
    seed_benchmark("--clear", seed=SEED + 1)
    assert titles() != first


def test_clear_removes_exactly_the_seeded_pages_and_snippets(seeded, conference_index):
    real_venue = make_venue(name="Aros Congress Center")
    real_conference = make_conference(conference_index, title="Biblioteksdagarna", venue=real_venue)
    real_person = make_person("Anna Andersson")

    output = call_and_capture("--clear")

    assert "Removed 46 benchmark pages" in output
    assert not Page.objects.filter(slug__startswith="bench-").exists()
    for model in SNIPPET_MODELS:
        assert not is_benchmark_content(model.objects.all()).exists()
    assert ConferencePage.objects.filter(pk=real_conference.pk).exists()
    assert Venue.objects.filter(pk=real_venue.pk).exists()
    assert Person.objects.filter(pk=real_person.pk).exists()
    assert Page.find_problems() == ([], [], [], [], [])
    assert ConferenceIndexPage.objects.get(pk=conference_index.pk).numchild == 1


def test_clear_also_removes_benchmark_pages_an_editor_has_worked_on(seeded):
    """A revision is more than the bulk insertion writes: Wagtail's own deletion takes over."""
    conference = bench(ConferencePage, "sv").first().specific
    conference.title = "Ändrad titel"
    revision = conference.save_revision()

    call_and_capture("--clear")

    assert not Page.objects.filter(slug__startswith="bench-").exists()
    assert not Revision.objects.filter(pk=revision.pk).exists()
    assert Page.find_problems() == ([], [], [], [], [])


def test_clear_refuses_while_real_content_uses_a_benchmark_snippet(seeded, conference_index):
    venue = is_benchmark_content(Venue.objects.all()).first()
    make_conference(conference_index, title="Biblioteksdagarna", venue=venue)
    before = bench(Page).count()

    with pytest.raises(CommandError, match="Other content still uses benchmark venues"):
        call_and_capture("--clear")

    assert bench(Page).count() == before
    assert Venue.objects.filter(pk=venue.pk).exists()


def test_a_second_run_without_clear_is_refused(seeded):
    with pytest.raises(CommandError, match="--clear"):
        seed_benchmark()
    assert bench(ConferencePage).count() == 6


def call_and_capture(*args):
    out = StringIO()
    call_command("seed_benchmark", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    "options, message",
    [
        ({"conferences": "-1"}, "--conferences must be a whole number"),
        ({"items": "-5"}, "--items must be a whole number"),
        ({"speakers": "two"}, "--speakers must be a whole number"),
        ({"networks": "-2"}, "--networks must be a whole number"),
        ({"locales": "sv,de"}, "no benchmark text in 'de'"),
        ({"locales": "nb"}, "must include the source language 'sv'"),
    ],
)
def test_bad_arguments_are_refused_with_a_clear_message(seeded, options, message):
    before = bench(Page).count()
    with pytest.raises(CommandError, match=message):
        seed_benchmark("--clear", **options)
    assert bench(Page).count() == before


def test_nothing_to_do_is_refused(site_tree):
    with pytest.raises(CommandError, match="--conferences"):
        call_command("seed_benchmark", stdout=StringIO())
