"""Writing the store (``delivery/store.py``): renderings kept unless overtaken, marking stale.

A rendering reads the content as it was when it began. Whatever changed
meanwhile moved the representation's version, and the rendering is then not
kept over the change: a read serves the newer one, or renders again.
"""

import pytest
from django.db import connection
from django.utils import timezone

from content_types.api.rendering import render
from content_types.delivery import store
from content_types.delivery.keys import key_of, keys_of
from content_types.delivery.models import ContainedObject, Representation
from content_types.models import Person

from ..utils import page_detail_url
from .conftest import ids

pytestmark = pytest.mark.django_db


def stored(page):
    return Representation.objects.get(page_id=page.pk)


def rename(person, name):
    person.name = name
    person.save()


class TestSave:
    def test_a_rendering_is_kept_with_the_objects_it_contains(self, world):
        conference = world.conference
        store.forget([conference.pk])
        rendering = render(conference.pk)

        store.save(rendering, None)

        representation = stored(conference)
        assert (representation.body, representation.layout) == (rendering.body, rendering.layout)
        assert (representation.version, representation.stale) == (0, False)
        contained = set(representation.contained.values_list("key", flat=True))
        assert contained == rendering.keys
        assert key_of(Person, world.anna.pk) in contained

    def test_a_rendering_kept_again_replaces_what_the_representation_contains(self, world):
        conference = world.conference
        version = stored(conference).version
        ContainedObject.objects.create(representation_id=conference.pk, key="page:999999")

        store.save(render(conference.pk), version)

        assert not stored(conference).contained.filter(key="page:999999").exists()

    def test_two_renderings_of_a_page_not_stored_yet_keep_the_first(self, world):
        conference = world.conference
        store.forget([conference.pk])
        first, second = render(conference.pk), render(conference.pk)

        store.save(first, None)
        store.save(second, None)  # another process was first: nothing to keep, no error

        assert stored(conference).rendered_at == first.rendered_at
        assert Representation.objects.filter(page_id=conference.pk).count() == 1


class TestRaces:
    def test_a_rendering_begun_before_a_change_is_not_saved_over_it(self, world, commit):
        conference = world.conference
        version = stored(conference).version
        rendering = render(conference.pk)  # reads Anna as she was

        with commit():
            rename(world.anna, "Anna Lind")  # renders the conference again, at once
        store.save(rendering, version)  # the rendering begun before ends

        representation = stored(conference)
        assert "Anna Lind" in representation.body
        assert "Anna Andersson" not in representation.body
        assert representation.version == version + 1

    def test_a_rendering_overtaken_by_a_change_is_not_kept_and_the_next_read_renders_again(
        self, world, client
    ):
        conference = world.conference
        version = stored(conference).version
        rendering = render(conference.pk)
        anna = world.anna
        rename(anna, "Anna Lind")
        store.mark_stale(keys_of(anna))  # what the change's commit does before any task runs

        store.save(rendering, version)

        representation = stored(conference)
        assert representation.stale
        assert "Anna Andersson" in representation.body  # as it was: not kept over the change
        before_read = timezone.now()
        programme = client.get(page_detail_url(conference)).json()["programme"]
        assert programme[0]["speakers"][0]["name"] == "Anna Lind"
        representation = stored(conference)
        assert not representation.stale
        assert representation.rendered_at >= before_read


class TestMarkStale:
    def test_marks_the_representations_that_show_the_object_and_moves_their_version(self, world):
        versions = dict(Representation.objects.values_list("page_id", "version"))

        marked = store.mark_stale(keys_of(world.bo))

        assert set(marked) == ids(world.other_conference, world.panel)
        for representation in Representation.objects.all():
            moved = representation.page_id in marked
            assert representation.stale is moved
            assert representation.version == versions[representation.page_id] + moved

    def test_marks_the_representation_of_a_page_named_by_id_and_not_those_that_show_it(self, world):
        marked = store.mark_stale(page_ids=[world.conference.pk])

        assert marked == [world.conference.pk]

    def test_marking_everything_stale_renders_every_page_again_on_its_next_read(
        self, world, client
    ):
        assert store.mark_all_stale() == Representation.objects.count()

        assert client.get(page_detail_url(world.network)).status_code == 200

        assert not stored(world.network).stale
        assert Representation.objects.filter(stale=True).count() == (
            Representation.objects.count() - 1
        )


def test_forgetting_a_page_drops_its_representation_and_what_it_contains(world):
    conference = world.conference

    store.forget([conference.pk])

    assert not Representation.objects.filter(page_id=conference.pk).exists()
    assert not ContainedObject.objects.filter(representation_id=conference.pk).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the column's compression is PostgreSQL's"
)
def test_a_body_is_kept_compressed_with_lz4_on_postgresql(world):
    """The server unpacks LZ4 faster than its default, on every read of a listing."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = %s",
            ["default_toast_compression"],
        )
        if not cursor.fetchone()[0]:
            pytest.skip("this PostgreSQL is built without LZ4")
        store.save(render(world.conference.pk), stored(world.conference).version)
        cursor.execute(
            "SELECT pg_column_compression(body) FROM content_types_representation WHERE page_id = %s",
            [world.conference.pk],
        )
        assert cursor.fetchone() == ("lz4",)
