"""On PostgreSQL, saving a page sets its index row's title norm without reading the whole index.

A row's title norm is the average number of terms in every title over the
number in its own. Wagtail's backend reads that average from the whole table,
and scans the table for new rows, on every save; here the average is read once
and kept (``content_types/search/title_norms.py``), and a save writes only the
rows of what was saved.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Avg
from django.db.models.functions import Length
from django.test.utils import CaptureQueriesContext
from wagtail.search.models import IndexEntry

from ..utils import make_project

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the title norms are the PostgreSQL backend's (run with DATABASE_URL=postgres://...)",
    ),
]


def row_of(page):
    return IndexEntry.objects.annotate(title_length=Length("title")).get(
        content_type__model=page._meta.model_name, object_id=str(page.pk)
    )


def table_average():
    return (
        IndexEntry.objects.annotate(title_length=Length("title"))
        .filter(title_length__gt=0)
        .aggregate(average=Avg("title_length"))["average"]
    )


def test_a_published_page_gets_the_norm_of_its_title_against_the_average(site_tree):
    page = make_project(site_tree["project_index"], title="Läsfrämjande i hela länet")

    row = row_of(page)
    assert row.title_length == 3  # "läsfrämjande", "hela", "länet"
    assert row.title_norm == pytest.approx(table_average() / 3)
    assert row.title_norm != 1.0  # Wagtail's mark of a row whose norm is not set yet


def test_once_the_average_is_known_a_save_reads_and_writes_only_its_own_rows(site_tree):
    make_project(site_tree["project_index"], title="Ett första projekt")  # the average is read

    with CaptureQueriesContext(connection) as queries:
        page = make_project(site_tree["project_index"], title="Bibliotek i samverkan")

    on_the_index = [
        query["sql"] for query in queries if '"wagtailsearch_indexentry"' in query["sql"]
    ]
    assert on_the_index, "the page was indexed"
    assert not [sql for sql in on_the_index if "AVG(" in sql]
    for sql in on_the_index:
        if sql.startswith("UPDATE"):
            assert '"object_id" IN' in sql, sql
    assert row_of(page).title_norm != 1.0


def test_update_index_sets_every_norm_against_the_average_of_the_rows_it_wrote(site_tree):
    for title in ("Ett", "Två ord", "Tre ord här"):
        make_project(site_tree["project_index"], title=title)
    IndexEntry.objects.update(title_norm=1.0)

    call_command("update_index", verbosity=0)

    average = table_average()
    for row in IndexEntry.objects.annotate(title_length=Length("title")).filter(title_length__gt=0):
        assert row.title_norm == pytest.approx(average / row.title_length)
