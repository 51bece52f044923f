"""The database has the indexes public queries rely on at scale."""

import pytest
from django.db import connection


@pytest.mark.django_db
@pytest.mark.parametrize("column", ["go_live_at", "expire_at"])
def test_the_page_schedule_is_indexed(column):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert any(index["index"] and index["columns"] == [column] for index in constraints.values()), (
        f"no index on wagtailcore_page.{column}"
    )
