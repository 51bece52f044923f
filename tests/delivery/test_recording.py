"""What a representation contains (``delivery/recording.py``, ``delivery/keys.py``).

Every tracked object loaded while a page renders is contained, named by its
id and, if translatable, by its set of translations; so is every page a
loaded row points at, shown or not. What it contains is what a change to
re-renders it, so the tests read the keys the rendering recorded.
"""

import pytest
from wagtail.images import get_image_model
from wagtail.models import Page

from content_types.api.rendering import render
from content_types.delivery.keys import key_of, keys_of
from content_types.delivery.recording import recording
from content_types.models import ConferencePage, Person, ProgrammeItemPage

pytestmark = pytest.mark.django_db


def contained(page):
    return render(page.pk).keys


class TestARenderedPageContains:
    def test_every_object_it_shows(self, world):
        keys = contained(world.conference)

        shown = (
            world.anna,
            world.department,
            world.university,  # the parent of the speaker's organisation
            world.venue,
            world.image,
            world.project,
            world.talk,
            world.break_item,
            world.nb_conference,  # in its translations
        )
        for instance in shown:
            assert keys_of(instance) <= keys, instance

    def test_nothing_it_does_not_show(self, world):
        keys = contained(world.conference)

        for instance in (world.bo, world.other_conference, world.panel, world.network):
            assert not keys_of(instance) & keys, instance

    def test_a_snippet_in_the_norwegian_pages_language_by_its_set_of_translations(self, world):
        """A Norwegian page shows the Swedish venue until the venue is translated: the
        translation made later is named by the same set."""
        keys = contained(world.nb_conference)

        assert keys_of(world.venue) <= keys
        assert any(key.startswith("content_types.venue~") for key in keys)

    def test_a_linked_page_that_is_not_shown_yet(self, world):
        draft = world.other_project
        draft.unpublish()
        conference = world.other_conference
        conference.related_project = draft
        conference.save_revision().publish()

        keys = contained(conference)

        assert key_of(Page, draft.pk) in keys

    def test_the_pages_a_loaded_row_points_at_but_not_its_snippets_or_images(self, world):
        """A programme item loads its conference's row: the project it links to is contained
        (a link may be shown once published); its image, which no item shows, is not."""
        keys = contained(world.talk)

        assert key_of(Page, world.project.pk) in keys
        assert key_of(get_image_model(), world.image.pk) not in keys
        assert "Konferenssalen" not in render(world.talk.pk).body


class TestRecording:
    def test_names_a_loaded_snippet_by_its_id_and_its_set_of_translations(self, world):
        anna = world.anna  # loaded before the block

        with recording() as keys:
            Person.objects.get(pk=anna.pk)

        assert keys == keys_of(anna)
        assert keys == {
            f"content_types.person:{anna.pk}",
            f"content_types.person~{anna.translation_key}",
        }

    def test_names_a_page_by_its_id_and_set_of_translations(self, world):
        talk = world.talk

        with recording() as keys:
            ProgrammeItemPage.objects.get(pk=talk.pk)

        assert keys == keys_of(talk)

    def test_names_the_pages_a_loaded_row_points_at_and_not_its_snippets(self, world):
        conference, project = world.conference, world.project

        with recording() as keys:
            ConferencePage.objects.get(pk=conference.pk)

        assert key_of(Page, project.pk) in keys  # its related project
        assert not any(key.startswith(("content_types.venue", "wagtailimages")) for key in keys)

    def test_names_a_row_loaded_in_part_by_its_id_alone(self, world):
        anna = world.anna

        with recording() as keys:
            Person.objects.only("name").get(pk=anna.pk)

        assert keys == {key_of(Person, anna.pk)}

    def test_records_nothing_after_the_block(self, world):
        with recording() as keys:
            pass
        assert world.anna

        assert keys == set()
