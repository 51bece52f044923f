"""The API asks the database the same few times however much a response holds.

Reads come from the delivery store: a conference's detail with a programme of
5 items costs as many queries as one of 30, and a listing of 5 pages with every
field as many as one of 20 (the same content, ``limit`` 5 and 20), a handful
each. Rendering a page into the store costs as few, however large it is. In
Norwegian, where every snippet is shown in its Norwegian version, the counts
are as constant and as small.
"""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from content_types.api.delivery import representations
from content_types.api.rendering import render
from content_types.api.store_maintenance import public_page_ids, rebuild
from content_types.demo.synthetic import seed_benchmark
from content_types.models import (
    ConferencePage,
    NetworkMeeting,
    NetworkPage,
    Person,
    ProjectGoal,
    ProjectPartner,
)

from ..utils import (
    local,
    make_conference,
    make_focus_area,
    make_network,
    make_organisation,
    make_person,
    make_programme_item,
    make_project,
    make_region,
    page_detail_url,
    pages_url,
)

ROWS = 20
# Enough rows that a query per row would show many times over; few, so the content builds fast.
PROGRAMME = 30
# The most queries a response may cost, whatever its size: the count (listings),
# the pages, one for every list shown (a project's funders, a programme's
# speakers: each prefetched for all its holders at once), one per snippet model
# for the translations, and one for every page the response links to. The site's
# language roots and the view restrictions are remembered between requests until
# content changes.
MAX_QUERIES = 10
# A listing from the store: how many public pages there are, the ids of those on the
# page asked for, then their stored representations.
LISTING_READ_QUERIES = 3
# A detail from the store, read for the first time since content changed: whether the page
# is public, then its stored representation. Read again, only the latter
# (tests/visibility/test_remembered_state.py).
DETAIL_READ_QUERIES = 2
# A rendering for the delivery store, beside a response's queries: the page and the site it
# is rendered on, and the page's calendar event, made beside its detail (the page and its
# conference as the public sees them, its site, its locale, the languages and its
# publication count), each read once however long the programme.
RENDERING_QUERIES = MAX_QUERIES + 8
PAGE_TYPES = [
    "content_types.ConferencePage",
    "content_types.ProgrammeItemPage",
    "content_types.ProjectPage",
    "content_types.NetworkPage",
]


@pytest.fixture(scope="module")
def content(site_tree, django_db_blocker):
    with django_db_blocker.unblock():
        return build_content(site_tree)


def build_content(tree):
    region = make_region("Västmanlands län")
    focus = make_focus_area("Läsfrämjande")
    owner = make_organisation("Region Västmanland", kind="region")
    funder = make_organisation("Kulturrådet", kind="government_agency")
    organisations = [make_organisation(f"Bibliotek {n}", kind="public_library") for n in range(4)]
    people = [
        make_person(f"Person {n}", organisation=organisations[n % 4], title="Bibliotekarie")
        for n in range(8)
    ]

    def conference_with(items, title):
        conference = make_conference(tree["conference_index"], title=title, contact=people[0])
        for n in range(items):
            make_programme_item(
                conference,
                title=f"Punkt {n}",
                start=local(2025, 6, 10, 9, 0) + timedelta(minutes=10 * n),
                speakers=[people[n % 8], (people[(n + 1) % 8], "host", organisations[n % 4])],
            )
        return conference

    content = {
        "small": conference_with(5, "Liten konferens"),
        "large": conference_with(PROGRAMME, "Stor konferens"),
    }
    for n in range(ROWS):
        project = make_project(
            tree["project_index"],
            title=f"Projekt {n}",
            funders=[funder],
            contacts=[people[n % 8]],
            regions=[region],
            focus_areas=[focus],
            project_owner=owner,
        )
        ProjectGoal.objects.create(page=project, text="Fler läsare", locale=project.locale)
        ProjectPartner.objects.create(page=project, organisation=organisations[n % 4])
        network = make_network(
            tree["network_index"],
            title=f"Nätverk {n}",
            contacts=[people[(n + 3) % 8]],
            meetings=[(date(2025, 3, 1), "Vårträff")],
            organiser=owner,
        )
        network.focus_areas.add(focus)
        network.save()
        make_programme_item(
            make_conference(tree["conference_index"], title=f"Konferens {n}"),
            title="Inledning",
            start=local(2025, 6, 10, 9, 0),
            speakers=[people[n % 8]],
        )
    content["meetings"] = NetworkMeeting.objects.count()
    content["networks"] = NetworkPage.objects.count()
    rebuild()
    return content


@pytest.fixture
def client(client, settings):
    # As in production: what every response starts from (Wagtail's sites' root
    # paths, the view restrictions, the locales) is kept in the cache by the
    # first request of all. Counted requests find it there, as every request but
    # the first does. Their own URLs are asked once each: no response is taken
    # from the cache.
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "CACHE_ENABLED": True}
    assert client.get(pages_url(limit=1, locale="sv")).status_code == 200
    # Django asks SQLite once per connection whether it has JSON functions.
    assert connection.features.supports_json_field
    return client


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json(), len(queries)


@pytest.mark.django_db
def test_a_conference_with_30_items_costs_the_queries_of_one_with_5(client, content):
    small, small_queries = queries_for(client, page_detail_url(content["small"]))
    large, large_queries = queries_for(client, page_detail_url(content["large"]))

    assert (len(small["programme"]), len(large["programme"])) == (5, PROGRAMME)
    assert all(len(item["speakers"]) == 2 for item in large["programme"])
    assert large_queries == small_queries == DETAIL_READ_QUERIES


@pytest.mark.django_db
def test_rendering_a_conference_with_30_items_costs_the_queries_of_one_with_5(client, content):
    render(content["small"].pk)  # what every rendering starts from is remembered, as in use
    with CaptureQueriesContext(connection) as small_queries:
        small = render(content["small"].pk)
    with CaptureQueriesContext(connection) as large_queries:
        large = render(content["large"].pk)

    assert len(large.body) > 5 * len(small.body)
    assert len(large_queries) == len(small_queries) <= RENDERING_QUERIES


@pytest.mark.parametrize("page_type", PAGE_TYPES)
@pytest.mark.django_db
def test_a_listing_of_20_pages_with_every_field_costs_the_queries_of_one_with_5(
    client, content, page_type
):
    few, few_queries = queries_for(client, pages_url(type=page_type, fields="*", limit=5))
    many, many_queries = queries_for(client, pages_url(type=page_type, fields="*", limit=ROWS))

    assert (len(few["items"]), len(many["items"])) == (5, ROWS)
    assert many_queries == few_queries <= LISTING_READ_QUERIES


@pytest.mark.django_db
def test_search_results_cost_the_same_queries_for_5_and_20_pages(client, content):
    few, few_queries = queries_for(client, pages_url(search="Projekt", limit=5))
    many, many_queries = queries_for(client, pages_url(search="Projekt", limit=ROWS))

    assert (len(few["items"]), len(many["items"])) == (5, ROWS)
    assert many_queries == few_queries <= MAX_QUERIES


# In Norwegian: synthetic content in both languages, the Norwegian pages and
# snippets translations of the Swedish ones.


@pytest.fixture(scope="module")
def bilingual(content, django_db_blocker):
    with django_db_blocker.unblock():
        seed_benchmark(
            conferences=ROWS,
            items=3,
            speakers=2,
            projects=ROWS,
            networks=ROWS,
            languages=["sv", "nb"],
            seed=1,
            index=False,
        )
        # Only what the store lacks or holds stale is rendered; current representations stay.
        representations(public_page_ids())
        return ConferencePage.objects.filter(locale__language_code="nb", slug__startswith="bench-")


@pytest.mark.parametrize("page_type", PAGE_TYPES)
@pytest.mark.django_db
def test_a_norwegian_listing_of_20_pages_costs_the_queries_of_one_with_5(
    client, bilingual, page_type
):
    few, few_queries = queries_for(
        client, pages_url(type=page_type, fields="*", locale="nb", limit=5)
    )
    many, many_queries = queries_for(
        client, pages_url(type=page_type, fields="*", locale="nb", limit=ROWS)
    )

    assert (len(few["items"]), len(many["items"])) == (5, ROWS)
    assert {item["meta"]["locale"] for item in many["items"]} == {"nb"}
    assert many_queries == few_queries <= LISTING_READ_QUERIES


@pytest.mark.django_db
def test_a_norwegian_conference_costs_the_queries_of_its_swedish_source(client, bilingual):
    norwegian = bilingual.first()
    swedish = norwegian.get_translation(Locale.objects.get(language_code="sv"))

    sv, sv_queries = queries_for(client, page_detail_url(swedish))
    nb, nb_queries = queries_for(client, page_detail_url(norwegian))

    assert len(nb["programme"]) == len(sv["programme"]) == 3
    people = {speaker["person"]["id"] for item in nb["programme"] for speaker in item["speakers"]}
    norwegian_people = Person.objects.filter(locale__language_code="nb")
    assert people and people <= set(norwegian_people.values_list("pk", flat=True))
    assert nb_queries == sv_queries <= DETAIL_READ_QUERIES
