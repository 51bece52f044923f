"""What a rendering shows is loaded for every object of a level at once, by Django's prefetching.

Each relation of a level comes in one query for all its holders, in the
model's order on every database, with the foreign keys the serializer follows;
the translations of the snippets shown come in one query per model.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content_types.api.loading import ResponseLoader, select_chains
from content_types.api.serializers import (
    FocusAreaSerializer,
    MilestoneSerializer,
    OrganisationRelationSerializer,
    OrganisationSerializer,
    PersonRelationSerializer,
    RegionSerializer,
    SpeakerSerializer,
)
from content_types.models import (
    Organisation,
    ProgrammeItemSpeaker,
    ProjectMilestone,
    ProjectPage,
    ProjectPartner,
    Region,
)

from ..utils import (
    make_focus_area,
    make_organisation,
    make_person,
    make_project,
    make_region,
)


@pytest.fixture
def projects(project_index):
    county = make_region("Sörmlands län")
    funder = make_organisation("Kulturrådet", kind="government_agency", county=county)
    partner = make_organisation("Eskilstuna stadsbibliotek", kind="public_library")
    person = make_person("Eva Ek", organisation=partner)
    first = make_project(
        project_index,
        title="Läslyftet",
        funders=[funder],
        contacts=[person],
        regions=[make_region("Västmanlands län"), county],
        focus_areas=[make_focus_area("Läsfrämjande")],
    )
    second = make_project(project_index, title="Digitalt först", funders=[partner, funder])
    for project in (first, second):
        ProjectPartner.objects.create(page=project, organisation=partner, note="Värd")
        ProjectMilestone.objects.create(
            page=project, date=date(2025, 3, 1), title="Start", locale=project.locale
        )
    return list(ProjectPage.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk"))


RELATIONS = {
    "funders": OrganisationRelationSerializer(),
    "partners": OrganisationRelationSerializer(),
    "contacts": PersonRelationSerializer(),
    "milestones": MilestoneSerializer(),
    "regions": RegionSerializer(),
    "focus_areas": FocusAreaSerializer(),
}


def as_the_orm_loads_them(projects, name):
    model = ProjectPage._meta.get_field(name).related_model
    fresh = ProjectPage.objects.filter(pk__in=[p.pk for p in projects]).order_by("pk")
    return [
        list(
            getattr(project, name)
            .order_by(*model._meta.ordering, "pk")
            .values_list("pk", flat=True)
        )
        for project in fresh
    ]


@pytest.mark.django_db
def test_each_list_of_every_project_comes_in_one_query(projects):
    loader = ResponseLoader(None)

    with CaptureQueriesContext(connection) as queries:
        for name, serializer in RELATIONS.items():
            loader.related(projects, name, serializer)
    with CaptureQueriesContext(connection) as reads:
        loaded = {
            name: [[row.pk for row in getattr(p, name).all()] for p in projects]
            for name in RELATIONS
        }
        counties = [
            funder.organisation.county.name
            for project in projects
            for funder in project.funders.all()
            if funder.organisation.county_id
        ]

    assert len(queries) == len(RELATIONS)
    assert len(reads) == 0
    assert counties == ["Sörmlands län", "Sörmlands län"]
    for name in RELATIONS:
        assert loaded[name] == as_the_orm_loads_them(projects, name), name


@pytest.mark.django_db
def test_rows_loaded_before_are_not_asked_for_again(projects):
    loader = ResponseLoader(None)
    loader.related(projects, "funders", RELATIONS["funders"])

    with CaptureQueriesContext(connection) as queries:
        funders = loader.related(projects, "funders", RELATIONS["funders"])

    assert len(queries) == 0
    assert len(funders) == 3


@pytest.mark.django_db
def test_each_row_knows_its_holder_without_asking(projects):
    ResponseLoader(None).related(projects, "funders")

    with CaptureQueriesContext(connection) as queries:
        holders = {funder.page for project in projects for funder in project.funders.all()}

    assert len(queries) == 0
    assert holders == set(projects)


@pytest.mark.django_db
def test_rows_without_a_sort_order_come_first_then_by_creation_on_every_database(projects):
    project = projects[0]
    ProjectPartner.objects.filter(page=project).delete()
    partner = Organisation.objects.get(name="Eskilstuna stadsbibliotek")
    made = [
        ProjectPartner.objects.create(page=project, organisation=partner, sort_order=order)
        for order in (1, None, 0, None)
    ]

    ResponseLoader(None).related([project], "partners", RELATIONS["partners"])

    assert [row.pk for row in project.partners.all()] == [
        made[1].pk,
        made[3].pk,
        made[2].pk,
        made[0].pk,
    ]


@pytest.mark.django_db
def test_translations_come_in_one_query_per_model_with_the_keys_they_follow(projects, nb_locale):
    organisation = Organisation.objects.get(name="Kulturrådet")
    region = Region.objects.get(name="Sörmlands län")
    norwegian_region = region.copy_for_translation(nb_locale)
    norwegian_region.save()
    norwegian = organisation.copy_for_translation(nb_locale)
    norwegian.save()
    loader = ResponseLoader(None)

    with CaptureQueriesContext(connection) as queries:
        loader.want_translations([(organisation, nb_locale.pk)], OrganisationSerializer())
        loader.want_translations([(region, nb_locale.pk)])
        loader.fetch_translations()
    with CaptureQueriesContext(connection) as reads:
        shown = loader.in_language(organisation, nb_locale.pk)
        county = shown.county
        region_shown = loader.in_language(region, nb_locale.pk)

    assert len(queries) == 2
    assert len(reads) == 0
    assert shown.pk == norwegian.pk and shown.locale_id == nb_locale.pk
    # The translated organisation's county follows its source's: the Swedish county.
    assert county.pk == region.pk
    assert region_shown.pk == norwegian_region.pk


def test_the_foreign_keys_a_serializer_follows_include_those_of_the_serializers_it_nests():
    chains = select_chains(SpeakerSerializer(), ProgrammeItemSpeaker)

    # The speaker's person with their organisation, and the organisation
    # named for the talk with the one it is part of.
    assert {"person", "person__organisation", "organisation__parent"} <= set(chains)
