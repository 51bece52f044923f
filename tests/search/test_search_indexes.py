"""On PostgreSQL a search reads the index rows that match and their pages, not every row.

Wagtail's backend matches ``title || body`` and joins each index row to its
page by the text of the page's id; migration 0004 indexes both expressions.
A real search's SQL must hold both expressions, and with sequential scans
priced out the planner must serve each from its index: proof that it can,
whichever way round it joins tables of a few rows.
"""

import pytest
from django.contrib.postgres.search import SearchVectorField
from django.db import connection, transaction
from django.db.models import CharField, F
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from django.test import RequestFactory
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from content_types.visibility import public_pages

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the search indexes are PostgreSQL's (run with DATABASE_URL=postgres://...)",
    ),
]


MATCH = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@ '
JOIN = '"wagtailsearch_indexentry"."object_id" = ("wagtailcore_page"."id")::varchar(50)'


def search(query):
    request = RequestFactory().get("/api/v2/pages/", {"search": query})
    pages = public_pages(request, searchable=True)
    return get_search_backend().search(query, pages)


def plan(queryset, *, disabled):
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        for method in ("seqscan", *disabled):
            cursor.execute(f"SET LOCAL enable_{method} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_match_is_read_from_the_index_of_title_and_body(site_tree):
    results = search("läsfrämjande")
    assert MATCH in str(results.get_queryset().query)  # the expression the index is made of
    # The match alone, with the backend's own query, as when the index rows drive the join.
    compiler = results.query_compiler
    tsquery = compiler.build_tsquery(compiler.query, config=compiler.get_config(results.backend))
    title_and_body = CombinedExpression(
        F("title"), "||", F("body"), output_field=SearchVectorField()
    )
    matching = IndexEntry.objects.annotate(_vector_=title_and_body).filter(_vector_=tsquery)
    assert "samverkan_indexentry_title_body" in plan(matching, disabled=[])


def test_each_matching_row_finds_its_page_by_an_index(site_tree):
    assert JOIN in str(search("bibliotek").get_queryset().query)  # the expression the index is of
    # One matching row's page, as when the index rows drive the join.
    page = Page.objects.annotate(id_text=Cast("id", CharField(max_length=50))).filter(
        id_text=str(site_tree["home"].pk)
    )
    assert "samverkan_page_id_text" in plan(page, disabled=[])
