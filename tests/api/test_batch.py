"""Several to-many relations loaded in one query hold what Django's own loading holds.

Rows come back through JSON, so every kind of column is compared with the row
as the ORM loads it: dates, times with their zone, decimals, booleans, UUIDs.
"""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content_types.api.batch import STATEMENTS, Relation, fetch_translations, prefetch_together
from content_types.models import (
    Organisation,
    ProjectMilestone,
    ProjectPage,
    ProjectPartner,
    Region,
)

from ..utils import (
    make_conference,
    make_focus_area,
    make_network,
    make_organisation,
    make_person,
    make_project,
    make_region,
)


def columns(instance):
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


@pytest.fixture
def projects(project_index, network_index, conference_index):
    county = make_region("Sörmlands län")
    funder = make_organisation("Kulturrådet", kind="government_agency", county=county)
    partner = make_organisation("Eskilstuna stadsbibliotek", kind="public_library")
    person = make_person("Eva Ek", organisation=partner)
    first = make_project(
        project_index,
        title="Läslyftet",
        funders=[funder],
        contacts=[person],
        regions=[county, make_region("Västmanlands län")],
        focus_areas=[make_focus_area("Läsfrämjande")],
    )
    second = make_project(project_index, title="Digitalt först", funders=[partner, funder])
    for project in (first, second):
        ProjectPartner.objects.create(page=project, organisation=partner, note="Värd")
        ProjectMilestone.objects.create(
            page=project, date=date(2025, 3, 1), title="Start", locale=project.locale
        )
    network = make_network(network_index, title="Läsnätverket")
    network.related_projects.add(first)
    network.save_revision().publish()
    make_conference(conference_index, title="Läsdagen", related_project=first)
    return list(ProjectPage.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk"))


RELATIONS = [
    ("funders", ["organisation", "organisation__county"]),
    ("partners", ["organisation"]),
    ("contacts", ["person", "person__organisation"]),
    ("milestones", []),
    ("regions", []),
    ("focus_areas", []),
    ("related_networks", []),
    ("conferences", ["venue"]),
]


@pytest.mark.django_db
def test_every_list_of_every_project_comes_in_one_query(projects):
    with CaptureQueriesContext(connection) as queries:
        prefetch_together([Relation(projects, name, chains) for name, chains in RELATIONS])
        loaded = {
            name: [list(getattr(project, name).all()) for project in projects]
            for name, _chains in RELATIONS
        }
        followed = [
            funder.organisation.county
            for funders in loaded["funders"]
            for funder in funders
            if funder.organisation.county_id
        ]

    assert len(queries) == 1
    assert followed and all(isinstance(county, Region) for county in followed)
    fresh = ProjectPage.objects.filter(pk__in=[p.pk for p in projects]).order_by("pk")
    for name, _chains in RELATIONS:
        expected = [
            list(getattr(project, name).order_by(*order_of(name), "pk")) for project in fresh
        ]
        assert [[columns(row) for row in rows] for rows in loaded[name]] == [
            [columns(row) for row in rows] for rows in expected
        ], name


def order_of(name):
    model = ProjectPage._meta.get_field(name).related_model
    return model._meta.ordering


@pytest.mark.django_db
def test_rows_loaded_again_are_not_asked_for(projects):
    prefetch_together([Relation(projects, "funders")])

    with CaptureQueriesContext(connection) as queries:
        prefetch_together([Relation(projects, "funders")])
        funders = [list(project.funders.all()) for project in projects]

    assert len(queries) == 0
    assert [len(rows) for rows in funders] == [1, 2]


@pytest.mark.django_db
def test_each_row_knows_its_holder_without_asking(projects):
    prefetch_together([Relation(projects, "funders")])

    with CaptureQueriesContext(connection) as queries:
        holders = {funder.page for project in projects for funder in project.funders.all()}

    assert len(queries) == 0
    assert holders == set(projects)


@pytest.mark.django_db
def test_columns_of_every_kind_come_back_as_the_orm_loads_them(projects):
    # Pages: times with their zone, booleans, UUIDs; venues' decimals; dates.
    network = projects[0].related_networks.get()
    conference = projects[0].conferences.select_related("venue").get()
    prefetch_together(
        [
            Relation(projects, "related_networks"),
            Relation(projects, "milestones"),
            Relation(projects, "conferences", ["venue"]),
        ]
    )

    [loaded] = projects[0].related_networks.all()
    assert columns(loaded) == columns(network.specific)
    assert loaded.last_published_at.tzinfo is not None
    [loaded] = projects[0].conferences.all()
    assert columns(loaded) == columns(conference)
    assert columns(loaded.venue) == columns(conference.venue)
    assert isinstance(loaded.venue.latitude, Decimal) and isinstance(loaded.start, datetime)
    milestone = projects[0].milestones.all()[0]
    assert columns(milestone) == columns(ProjectMilestone.objects.get(pk=milestone.pk))


@pytest.mark.django_db
def test_translations_of_several_models_come_in_one_query(projects, nb_locale):
    organisation = Organisation.objects.get(name="Kulturrådet")
    region = Region.objects.get(name="Sörmlands län")
    translated = [
        organisation.copy_for_translation(nb_locale),
        region.copy_for_translation(nb_locale),
    ]
    for instance in translated:
        instance.save()

    with CaptureQueriesContext(connection) as queries:
        found = fetch_translations(
            {
                Organisation: ({organisation.translation_key}, {nb_locale.pk}, {"county"}),
                Region: ({region.translation_key}, {nb_locale.pk}, set()),
            }
        )
        counties = [o.county for o in found if isinstance(o, Organisation)]

    assert len(queries) == 1
    assert {(type(o), o.pk): columns(o) for o in found} == {
        (type(o), o.pk): columns(o) for o in translated
    }
    assert [county.pk for county in counties] == [region.pk]


@pytest.mark.django_db
def test_a_shape_is_built_once_and_serves_any_number_of_holders(projects):
    STATEMENTS.clear()
    prefetch_together([Relation(projects[:1], "funders", ["organisation"])])
    built = len(STATEMENTS)

    both = list(ProjectPage.objects.filter(pk__in=[p.pk for p in projects]).order_by("pk"))
    with CaptureQueriesContext(connection) as queries:
        prefetch_together([Relation(both, "funders", ["organisation"])])
        loaded = [[f.organisation.name for f in project.funders.all()] for project in both]

    assert built == 1 and len(STATEMENTS) == 1
    assert len(queries) == 1
    assert loaded == [
        [f.organisation.name for f in project.funders.order_by("sort_order", "pk")]
        for project in both
    ]
