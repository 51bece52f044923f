"""Where each page type may be created, and what it may hold."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from content_types.models import (
    ConferenceIndexPage,
    ConferencePage,
    HomePage,
    NetworkIndexPage,
    NetworkPage,
    ProgrammeItemPage,
    ProjectIndexPage,
    ProjectPage,
)

from .utils import add_page, make_conference, make_network, make_programme_item, make_project

INDEX_PAGES = [ProjectIndexPage, NetworkIndexPage, ConferenceIndexPage]

EXPECTED_SUBPAGES = {
    HomePage: {ProjectIndexPage, NetworkIndexPage, ConferenceIndexPage},
    ProjectIndexPage: {ProjectPage},
    NetworkIndexPage: {NetworkPage},
    ConferenceIndexPage: {ConferencePage},
    ProjectPage: set(),
    NetworkPage: set(),
    ConferencePage: {ProgrammeItemPage},
    ProgrammeItemPage: set(),
}

EXPECTED_PARENTS = {
    HomePage: {Page},
    ProjectIndexPage: {HomePage},
    NetworkIndexPage: {HomePage},
    ConferenceIndexPage: {HomePage},
    ProjectPage: {ProjectIndexPage},
    NetworkPage: {NetworkIndexPage},
    ConferencePage: {ConferenceIndexPage},
    ProgrammeItemPage: {ConferencePage},
}


@pytest.mark.parametrize("model", EXPECTED_SUBPAGES, ids=lambda model: model.__name__)
def test_allowed_subpage_models(model):
    assert set(model.allowed_subpage_models()) == EXPECTED_SUBPAGES[model]


@pytest.mark.parametrize("model", EXPECTED_PARENTS, ids=lambda model: model.__name__)
def test_allowed_parent_page_models(model):
    assert set(model.allowed_parent_page_models()) == EXPECTED_PARENTS[model]


@pytest.fixture(scope="module")
def tree(site_tree, django_db_blocker):
    """One page of every type, keyed by a short name (built once for the module)."""
    with django_db_blocker.unblock():
        conference = make_conference(site_tree["conference_index"])
        return {
            "root": site_tree["root"],
            "home": site_tree["home"],
            "project_index": site_tree["project_index"],
            "network_index": site_tree["network_index"],
            "conference_index": site_tree["conference_index"],
            "project": make_project(site_tree["project_index"]),
            "network": make_network(site_tree["network_index"]),
            "conference": conference,
            "programme_item": make_programme_item(conference),
        }


# Where each content page type may be created; everywhere else it may not.
CREATABLE_AT = {
    HomePage: {"root"},
    ProjectPage: {"project_index"},
    NetworkPage: {"network_index"},
    ConferencePage: {"conference_index"},
    ProgrammeItemPage: {"conference"},
}
PARENT_NAMES = [
    "root",
    "home",
    "project_index",
    "network_index",
    "conference_index",
    "project",
    "network",
    "conference",
    "programme_item",
]


@pytest.mark.django_db
@pytest.mark.parametrize("model", CREATABLE_AT, ids=lambda model: model.__name__)
def test_content_pages_can_only_be_created_at_their_parents(tree, model):
    creatable = {name for name in PARENT_NAMES if model.can_create_at(tree[name])}
    assert creatable == CREATABLE_AT[model]


@pytest.mark.django_db
@pytest.mark.parametrize("model", INDEX_PAGES, ids=lambda model: model.__name__)
def test_index_pages_are_never_created_below_other_pages(tree, model):
    for name in PARENT_NAMES:
        if name != "home":
            assert not model.can_create_at(tree[name]), name


@pytest.mark.django_db
@pytest.mark.parametrize("model", INDEX_PAGES, ids=lambda model: model.__name__)
def test_one_index_page_of_each_kind_per_home(home, nb_home, model):
    # The sv home already has one of each.
    assert model.objects.child_of(home).count() == 1
    assert not model.can_create_at(home)
    # The limit is per home page: the Norwegian home may have its own, but only one.
    assert model.can_create_at(nb_home)
    add_page(nb_home, model(title="Index", slug="index"))
    assert not model.can_create_at(nb_home)


@pytest.mark.django_db
@pytest.mark.parametrize("model", INDEX_PAGES, ids=lambda model: model.__name__)
def test_a_new_home_page_may_hold_each_index_page(root_page, sv_locale, model):
    new_home = add_page(root_page, HomePage(title="Annan", slug="annan", locale=sv_locale))
    assert model.can_create_at(new_home)


@pytest.mark.django_db
def test_a_home_page_holds_only_index_pages(home):
    for model in (ProjectPage, NetworkPage, ConferencePage, ProgrammeItemPage, HomePage):
        assert not model.can_create_at(home), model.__name__


@pytest.mark.django_db
def test_the_admin_refuses_a_programme_item_outside_a_conference(admin_client, project_index):
    url = reverse(
        "wagtailadmin_pages:add", args=("content_types", "programmeitempage", project_index.pk)
    )
    response = admin_client.get(url)
    # Wagtail answers a page type that cannot be created here with a redirect to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")

    response = admin_client.post(url, {"title": "Fika", "slug": "fika"})
    assert response.status_code == 302
    assert not ProgrammeItemPage.objects.filter(slug="fika").exists()


@pytest.mark.django_db
def test_the_admin_offers_a_programme_item_form_under_a_conference(admin_client, tree):
    conference = tree["conference"]
    url = reverse(
        "wagtailadmin_pages:add", args=("content_types", "programmeitempage", conference.pk)
    )
    response = admin_client.get(url)
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_admin_lists_only_programme_items_as_children_of_a_conference(admin_client, tree):
    conference = tree["conference"]
    response = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=(conference.pk,)))
    # With a single allowed type, Wagtail goes straight to the programme item form.
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailadmin_pages:add", args=("content_types", "programmeitempage", conference.pk)
    )
