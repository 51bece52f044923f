"""Searching the pages API in Swedish and Norwegian.

On PostgreSQL a page is indexed by the rules of its language and ``?search=``
is read by the rules of ``?locale=`` (and its fallback): "bibliotekens" finds
"bibliotek" in Swedish, "nettverket" finds "nettverk" in Norwegian, and a
Swedish search is not stemmed by Norwegian rules. SQLite's backend stems
nothing, so those tests run on PostgreSQL only (as CI does); the searches
every backend answers run everywhere.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from content_types.models import ProjectPage

from ..utils import make_project, pages_url

pytestmark = pytest.mark.django_db

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="stemming by language needs PostgreSQL's text-search configurations "
    "(run with DATABASE_URL=postgres://...); SQLite's search backend does not stem",
)

SUMMARY = "Ett projekt."


@pytest.fixture(scope="module")
def content(site_tree, django_db_blocker):
    with django_db_blocker.unblock():
        return build_content(site_tree)


def build_content(tree):
    projects = tree["project_index"]
    nb_projects = projects.copy_for_translation(tree["nb_locale"])
    nb_projects.save_revision().publish()

    def project(index, title, summary=SUMMARY):
        return make_project(index, title=title, summary=summary)

    return {
        # Swedish pages; the first has no Norwegian translation.
        "sv_library": project(projects, "Ett bibliotek för alla"),
        "sv_loanword": project(projects, "Nettverk", "Ett norskt ord för samarbete."),
        # Norwegian pages.
        "nb_library": project(nb_projects, "Et bibliotek for alle", "Et prosjekt."),
        "nb_network": project(nb_projects, "Nettverk for lesing", "Et prosjekt."),
    }


def found(client, **params):
    response = client.get(pages_url(type="content_types.ProjectPage", limit=100, **params))
    assert response.status_code == 200, response.content[:300]
    return {item["id"] for item in response.json()["items"]}


def pages(content, *names):
    return {content[name].pk for name in names}


def title_lexemes(page):
    entry = IndexEntry.objects.get(content_type__model="projectpage", object_id=str(page.pk))
    return {lexeme.split(":")[0].strip("'") for lexeme in str(entry.title).split()}


# Every backend


def test_a_word_as_written_is_found_in_the_requested_language(client, content):
    assert found(client, search="bibliotek", locale="sv") == pages(content, "sv_library")
    assert found(client, search="bibliotek", locale="nb") == pages(content, "nb_library")


def test_without_a_locale_a_word_as_written_is_found_in_every_language(client, content):
    assert found(client, search="bibliotek") == pages(content, "sv_library", "nb_library")


# PostgreSQL: stemming by language


@needs_postgres
def test_pages_are_indexed_by_the_rules_of_their_language(content):
    # Swedish drops "för" and "alla" as stop words; Norwegian drops "for" and "alle".
    assert title_lexemes(content["sv_library"]) == {"bibliotek"}
    assert title_lexemes(content["nb_library"]) == {"bibliotek"}
    assert title_lexemes(content["nb_network"]) == {"nettverk", "lesing"}


@needs_postgres
def test_swedish_search_finds_the_stem(client, content):
    assert found(client, search="bibliotekens", locale="sv") == pages(content, "sv_library")
    assert found(client, search="biblioteken", locale="sv") == pages(content, "sv_library")


@needs_postgres
def test_norwegian_search_finds_the_stem(client, content):
    assert found(client, search="nettverket", locale="nb") == pages(content, "nb_network")
    assert found(client, search="bibliotekene", locale="nb") == pages(content, "nb_library")


@needs_postgres
def test_norwegian_search_returns_only_norwegian_pages(client, content):
    assert found(client, search="biblioteket", locale="nb") == pages(content, "nb_library")
    assert found(client, search="nettverk", locale="nb") == pages(content, "nb_network")


@needs_postgres
def test_swedish_search_is_not_stemmed_by_norwegian_rules(client, content):
    # "nettverket" is a Norwegian inflection: Swedish rules leave it whole, so the
    # Swedish page about the word "Nettverk" is not found, nor is any Norwegian page.
    assert found(client, search="nettverket", locale="sv") == set()
    assert found(client, search="nettverk", locale="sv") == pages(content, "sv_loanword")


@needs_postgres
def test_without_a_locale_each_language_is_found_by_its_own_stem(client, content):
    assert found(client, search="bibliotekens") == pages(content, "sv_library", "nb_library")
    assert found(client, search="nettverket") == pages(content, "nb_network", "sv_loanword")


@needs_postgres
def test_a_fallback_page_is_searched_by_the_rules_of_its_own_language(client, content):
    # No Norwegian translation of "Ett bibliotek för alla": the Swedish page stands in.
    assert found(client, search="bibliotekens", locale="nb", fallback="sv") == pages(
        content, "sv_library", "nb_library"
    )


@needs_postgres
def test_bulk_indexing_uses_each_objects_language(content):
    mixed = list(
        ProjectPage.objects.filter(pk__in=pages(content, "sv_library", "nb_network")).order_by("pk")
    )
    IndexEntry.objects.filter(
        content_type__model="projectpage", object_id__in=[str(page.pk) for page in mixed]
    ).delete()

    get_search_backend().add_bulk(ProjectPage, mixed)

    assert title_lexemes(content["sv_library"]) == {"bibliotek"}
    assert title_lexemes(content["nb_network"]) == {"nettverk", "lesing"}


@needs_postgres
def test_update_index_rewrites_each_object_in_its_language(content):
    IndexEntry.objects.all().delete()

    call_command("update_index", stdout=StringIO())

    assert title_lexemes(content["sv_library"]) == {"bibliotek"}
    assert title_lexemes(content["nb_network"]) == {"nettverk", "lesing"}
