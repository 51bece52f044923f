"""A change renders again exactly the representations that show what changed (``delivery/refresh.py``).

Each test changes the world as an editor does, commits, and asks which
representations were rendered again before any reader came: those that show
the changed object, in every language that shows it, and no other (every
other representation keeps its version and its rendering time). Then the API
answers with the change at once.
"""

import pytest
from django.db import transaction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail_localize.models import Translation

from content_types.delivery.models import Representation

from ..localization.helpers import begin_translation, translate_all
from ..utils import make_programme_item, page_detail_url
from .conftest import ids, pages_showing
from .world import NORWEGIAN, translate_page

pytestmark = pytest.mark.django_db


def detail(client, page):
    response = client.get(page_detail_url(page))
    assert response.status_code == 200, response.content[:300]
    return response.json()


def body(client, page):
    return client.get(page_detail_url(page)).content.decode()


def rename(instance, attribute, name):
    setattr(instance, attribute, name)
    instance.save()


# Snippets and images


class TestAChangedSnippetOrImage:
    def test_a_renamed_speaker_renders_again_every_page_that_shows_her_in_both_languages(
        self, world, store_state, commit, client
    ):
        showing = ids(world.conference, world.talk, world.nb_conference, world.nb_talk)
        assert pages_showing("Anna Andersson") == showing

        with commit():
            rename(world.anna, "name", "Anna Lind")

        assert store_state.rendered_again() == showing
        assert not pages_showing("Anna Andersson")
        for page in (world.talk, world.nb_talk):
            (speaker,) = detail(client, page)["speakers"]
            assert speaker["name"] == "Anna Lind"
        programme = detail(client, world.nb_conference)["programme"]
        assert [speaker["name"] for item in programme for speaker in item["speakers"]] == [
            "Anna Lind"
        ]

    def test_the_parent_of_a_speakers_organisation_renamed_renders_again_the_pages_of_the_speaker(
        self, world, store_state, commit, client
    ):
        showing = ids(world.conference, world.talk, world.nb_conference, world.nb_talk)
        assert pages_showing("Högskolan i Borås") == showing

        with commit():
            rename(world.university, "name", "Högskolan i Borås, Sandwalls plats")

        assert store_state.rendered_again() == showing
        (speaker,) = detail(client, world.nb_talk)["speakers"]
        assert speaker["organisation"]["parent"]["name"] == "Högskolan i Borås, Sandwalls plats"

    def test_a_renamed_venue_renders_again_the_pages_that_show_it(
        self, world, store_state, commit, client
    ):
        showing = pages_showing("Västerås Konserthus")
        assert ids(world.conference, world.nb_conference) <= showing
        assert not ids(world.other_conference, world.panel) & showing

        with commit():
            rename(world.venue, "name", "Västerås konserthus, stora salen")

        assert store_state.rendered_again() == showing
        for page in (world.conference, world.nb_conference):
            assert detail(client, page)["venue"]["name"] == "Västerås konserthus, stora salen"

    def test_a_renamed_image_renders_again_the_pages_that_show_it(
        self, world, store_state, commit, client
    ):
        showing = ids(world.conference, world.nb_conference)
        assert pages_showing("Konferenssalen") == showing

        with commit():
            rename(world.image, "title", "Stora salen")

        assert store_state.rendered_again() == showing
        assert detail(client, world.nb_conference)["image"]["title"] == "Stora salen"

    def test_a_change_that_is_rolled_back_renders_nothing_again(self, world, store_state):
        with transaction.atomic():
            rename(world.anna, "name", "Anna Lind")
            transaction.set_rollback(True)

        assert store_state.rendered_again() == set()
        assert not Representation.objects.filter(stale=True).exists()


@pytest.mark.parametrize(
    ("snippet", "text", "shown_by"),
    [
        ("venue", "name", ("nb_conference",)),
        ("anna", "title", ("nb_conference", "nb_talk")),
        ("university", "name", ("nb_conference", "nb_talk")),
    ],
)
def test_a_snippets_norwegian_translation_made_later_replaces_it_on_the_norwegian_pages(
    world, commit, client, snippet, text, shown_by
):
    """Until then the Norwegian pages show the Swedish snippet; then its Norwegian version."""
    instance = getattr(world, snippet)
    swedish, norwegian = getattr(instance, text), f"{NORWEGIAN}{getattr(instance, text)}"
    pages = [getattr(world, name) for name in shown_by]
    assert all(swedish in body(client, page) for page in pages)

    with commit():
        translation = begin_translation(instance, world.nb_locale)
        translate_all(translation, prefix=NORWEGIAN)
        translation.save_target()

    assert all(norwegian in body(client, page) for page in pages)
    assert not any(norwegian in body(client, page) for page in (world.conference, world.talk))


# Pages


class TestAChangedPage:
    def test_a_new_programme_item_published_renders_its_conference_again(
        self, world, store_state, commit, client
    ):
        with commit():
            item = make_programme_item(world.conference, title="Avslutning")

        assert store_state.rendered_again() == ids(world.conference, item)
        titles = [entry["title"] for entry in detail(client, world.conference)["programme"]]
        assert titles == ["Inledning", "Fika", "Avslutning"]

    def test_a_project_unpublished_leaves_the_pages_that_linked_to_it(
        self, world, store_state, commit, client
    ):
        linking = ids(world.conference, world.nb_conference, world.network)
        assert pages_showing("Läslyftet") == linking | ids(world.project)

        with commit():
            UnpublishPageAction(world.project).execute(skip_permission_checks=True)

        rendered_again = store_state.rendered_again()
        assert linking | ids(world.project) <= rendered_again
        assert not ids(world.other_conference, world.panel) & rendered_again
        assert not Representation.objects.filter(page_id=world.project.pk).exists()
        assert not pages_showing("Läslyftet")
        assert detail(client, world.conference)["related_project"] is None
        assert detail(client, world.nb_conference)["related_project"] is None
        related = detail(client, world.network)["related_projects"]
        assert [project["title"] for project in related] == ["Digitalt först"]

    def test_a_draft_linked_to_is_shown_once_it_is_published(self, world, commit, client):
        """A link to a page nobody may see yet is null; publishing the page fills it in."""
        draft, conference = world.other_project, world.other_conference
        with commit():
            UnpublishPageAction(draft).execute(skip_permission_checks=True)
            conference.related_project = draft
            conference.save_revision().publish()
        assert detail(client, conference)["related_project"] is None

        with commit():
            draft.save_revision().publish()

        assert detail(client, world.other_conference)["related_project"]["title"] == (
            "Digitalt först"
        )

    def test_a_norwegian_translation_published_is_listed_in_the_swedish_pages_translations(
        self, world, store_state, commit, client
    ):
        before = detail(client, world.other_conference)["meta"]["translations"]
        assert [entry["locale"] for entry in before] == ["sv"]

        with commit():
            nb_page = translate_page(world.other_conference, world.nb_locale)

        rendered_again = store_state.rendered_again()
        assert ids(world.other_conference, nb_page) <= rendered_again
        assert not ids(world.conference, world.nb_conference, world.network) & rendered_again
        after = detail(client, world.other_conference)["meta"]["translations"]
        assert [(entry["locale"], entry["title"]) for entry in after] == [
            ("sv", "Läsdagen"),
            ("nb", f"{NORWEGIAN}Läsdagen"),
        ]

    def test_a_programme_item_moved_leaves_one_programme_for_the_other(
        self, world, store_state, commit, client
    ):
        with commit():
            world.panel.move(world.conference, pos="last-child")

        assert store_state.rendered_again() == ids(
            world.panel, world.conference, world.other_conference
        )
        titles = [entry["title"] for entry in detail(client, world.conference)["programme"]]
        assert titles == ["Inledning", "Fika", "Panelsamtal"]
        assert detail(client, world.other_conference)["programme"] == []
        parent = detail(client, world.panel)["meta"]["parent"]
        assert parent["id"] == world.conference.pk

    def test_a_programme_item_deleted_leaves_its_conferences_programme(
        self, world, store_state, commit, client
    ):
        break_item = world.break_item
        deleted = break_item.pk
        with commit():
            break_item.delete()

        assert ids(world.conference) | {deleted} <= store_state.rendered_again()
        assert not ids(world.other_conference, world.panel) & store_state.rendered_again()
        titles = [entry["title"] for entry in detail(client, world.conference)["programme"]]
        assert titles == ["Inledning"]


class TestTranslationWork:
    """A page's translation states (``meta.translations``) follow the translators' work, which
    publishes nothing: wagtail-localize's copy of a republished source, strings translated."""

    def translation_states(self, client, page):
        entries = detail(client, page)["meta"]["translations"]
        return {
            entry["locale"]: (entry["complete"], entry["up_to_date"], entry["progress"])
            for entry in entries
        }

    def test_strings_translated_show_in_the_states_of_every_version_before_publishing(
        self, world, commit, client
    ):
        conference, nb_conference = world.conference, world.nb_conference
        with commit():
            conference.tagline = "Två dagar om läsning och skrivande"
            conference.save_revision().publish()  # the Norwegian tagline waits for a translator
        waiting = (False, False, {"total": 4, "translated": 3, "changed": 1})
        assert self.translation_states(client, conference)["nb"] == waiting

        with commit():
            translation = Translation.objects.get(
                source__object_id=conference.translation_key, target_locale=world.nb_locale
            )
            translate_all(translation, prefix=NORWEGIAN)  # saved, not published

        translated = (True, False, {"total": 4, "translated": 4, "changed": 0})
        for page in (conference, nb_conference):
            assert self.translation_states(client, page)["nb"] == translated
            stored = client.get(page_detail_url(page)).content
            assert stored == client.get(page_detail_url(page, rich_text_format="db_html")).content
