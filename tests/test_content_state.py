"""What every answer starts from is remembered for the content generation (content_state).

The page schedule that dates every answer is read once a generation, so on
the first request after every publication: from the schedule's indexes,
whatever the site's size (read from every live page, it took 55 ms on a site
of 200,000).
"""

import time

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from content_types import content_state


@pytest.fixture
def remembering(settings, db):
    """The test settings' local-memory cache, emptied, with remembering on, as in use."""
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "REMEMBER_CONTENT_STATE": True}
    cache = content_state.response_cache()
    cache.clear()
    yield cache
    cache.clear()


class Computed:
    """A value to remember, which counts how often it was worked out."""

    def __init__(self, value):
        self.value, self.times = value, 0

    def __call__(self):
        self.times += 1
        return self.value


class CacheReads:
    """Counts the reads made of ``cache`` (a ``get_many`` that reads with ``get`` is one),
    passing each on to it."""

    def __init__(self, cache, monkeypatch):
        self.count, self.depth = 0, 0
        for name in ("get", "get_many"):
            monkeypatch.setattr(cache, name, self.counted(getattr(cache, name)))

    def counted(self, read):
        def counted_read(*args, **kwargs):
            self.count += self.depth == 0
            self.depth += 1
            try:
                return read(*args, **kwargs)
            finally:
                self.depth -= 1

        return counted_read


def test_a_value_is_worked_out_once_for_a_generation(remembering):
    roots = Computed(["0001", "0002"])

    assert content_state.remembered("roots", roots) == ["0001", "0002"]
    assert content_state.remembered("roots", roots) == ["0001", "0002"]
    assert roots.times == 1


def test_a_new_generation_works_it_out_again(remembering):
    roots = Computed(["0001"])
    content_state.remembered("roots", roots)

    content_state.bump_generation()

    assert content_state.remembered("roots", roots) == ["0001"]
    assert roots.times == 2


def test_a_value_worked_out_as_nothing_is_remembered_too(remembering):
    restrictions = Computed([])
    content_state.remembered("restricted", restrictions)
    content_state.remembered("restricted", restrictions)

    assert restrictions.times == 1


def test_several_values_are_read_with_the_generation_in_one_round_trip(remembering, monkeypatch):
    computes = {name: Computed(name.upper()) for name in ("roots", "restricted", "hidden")}
    content_state.remembered_many(computes)
    reads = CacheReads(caches[content_state.api_setting("CACHE_ALIAS")], monkeypatch)

    values = content_state.remembered_many(computes)

    assert values == {"roots": "ROOTS", "restricted": "RESTRICTED", "hidden": "HIDDEN"}
    assert reads.count == 1
    assert [computed.times for computed in computes.values()] == [1, 1, 1]


def test_without_remembering_every_value_is_worked_out_each_time(settings, db):
    settings.SAMVERKAN_API = {
        **settings.SAMVERKAN_API,
        "REMEMBER_CONTENT_STATE": False,
        "CACHE_ENABLED": False,
    }
    roots = Computed(["0001"])
    content_state.remembered("roots", roots)
    content_state.remembered("roots", roots)

    assert roots.times == 2


def test_a_value_the_clock_changes_is_worked_out_again_at_its_moment(remembering, clock):
    moment = time.time() + 30
    branches = Computed(content_state.Until(["0001"], moment))
    content_state.remembered("branches", branches)
    content_state.remembered("branches", branches)
    assert branches.times == 1

    clock.move_to(moment + 1)

    assert content_state.remembered("branches", branches) == ["0001"]
    assert branches.times == 2


def plan_without_scans(sql):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the schedule's indexes are PostgreSQL's (run with DATABASE_URL=postgres://...)",
)
def test_the_schedule_is_read_from_the_indexes_of_pages_with_a_time(site_tree):
    with CaptureQueriesContext(connection) as queries:
        content_state.read_schedule(generation=1, now=time.time())

    [aggregate] = [query["sql"] for query in queries if "MAX(" in query["sql"]]
    plan = plan_without_scans(aggregate)
    assert "samverkan_page_go_live_at" in plan
    assert "samverkan_page_expire_at" in plan
    assert "Seq Scan on wagtailcore_page" not in plan
