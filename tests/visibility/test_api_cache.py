"""An answer cached while something was public is never served once it is private.

The API keeps anonymous answers until content changes (``api/caching.py``).
Each test publishes a conference, has every public surface that shows it
answer and keep its answer (the second request is a hit, with no database
query), makes it private as an editor does, and asks again. Changes reach the
cache when their transaction commits: ``commit`` runs what would run then.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from ..utils import make_conference, make_programme_item, page_detail_url, pages_url
from .conftest import local_api_cache
from .states import event_start, make_image

pytestmark = pytest.mark.django_db

WORD = "tillfalligkonferens"
CONFERENCES = "content_types.ConferencePage"


@pytest.fixture(autouse=True)
def response_cache_on(settings):
    """The test settings switch the cache off; here it is on, in this process's memory."""
    with local_api_cache(settings, "visibility-api-cache", CACHE_ENABLED=True):
        yield


def upcoming_conference(world, title=f"Konferens {WORD}", **fields):
    """A published conference of one day, starting soon."""
    return make_conference(
        world.conference_index,
        title=title,
        start=event_start(),
        end=event_start(hours=8),
        **fields,
    )


def conference_urls(conference):
    """Every cached surface that shows ``conference`` while it is public."""
    return {
        "listing": pages_url(type=CONFERENCES, fields="*", limit=100),
        "detail": page_detail_url(conference),
        "search": pages_url(search=WORD),
        "json_ld": pages_url(type=CONFERENCES, fields="json_ld", limit=100),
        "programme items": pages_url(type="content_types.ProgrammeItemPage", fields="*", limit=100),
        "upcoming feed": reverse("samverkan_calendar:upcoming_conferences"),
        "conference feed": reverse("samverkan_calendar:conference", args=(conference.pk,)),
    }


def cache_answers(client, urls, word):
    """Ask each URL twice: it shows ``word``, and the second answer comes from the cache."""
    for name, url in urls.items():
        first = client.get(url)
        assert first.status_code == 200, (name, first.content[:200])
        assert word.encode() in first.content, name
        with CaptureQueriesContext(connection) as queries:
            second = client.get(url)
        assert second.content == first.content, name
        assert len(queries) == 0, f"{name} was not answered from the cache"


def assert_gone(client, urls, word):
    for name, url in urls.items():
        response = client.get(url)
        assert word.encode() not in response.content, f"{name} still shows {word}"


def unpublish(world, conference):
    """As the admin's Unpublish with its programme items."""
    UnpublishPageAction(conference, user=world.editor, include_descendants=True).execute()


def unpublish_alone(world, conference):
    """As the admin's Unpublish of the conference alone: its programme items stay live."""
    UnpublishPageAction(conference, user=world.editor, include_descendants=False).execute()


def restrict(restriction_type):
    def make_private(world, conference):
        restriction = PageViewRestriction.objects.create(
            page=conference, restriction_type=restriction_type, password="losenord"
        )
        if restriction_type == PageViewRestriction.GROUPS:
            restriction.groups.set([world.members])

    return make_private


MADE_PRIVATE = {
    "unpublished": unpublish,
    "unpublished alone": unpublish_alone,
    "password": restrict(PageViewRestriction.PASSWORD),
    "login": restrict(PageViewRestriction.LOGIN),
    "groups": restrict(PageViewRestriction.GROUPS),
}


@pytest.mark.parametrize("make_private", MADE_PRIVATE.values(), ids=MADE_PRIVATE.keys())
def test_a_cached_answer_is_not_served_once_the_page_is_private(
    client, world, commit, make_private
):
    with commit():
        conference = upcoming_conference(world)
        make_programme_item(conference, title=f"Programpunkt {WORD}", start=event_start(1))
    urls = conference_urls(conference)
    cache_answers(client, urls, WORD)

    with commit():
        make_private(world, conference)

    assert_gone(client, urls, WORD)


def test_a_cached_answer_ends_when_the_page_expires(client, world, commit, clock):
    """The editor publishes an expiry time; the answers kept before it are not served after it."""
    # Long enough for the answers to be made and kept under load; a stored
    # answer lasts whole seconds, until the expiry.
    expires = timezone.now() + timedelta(seconds=20)
    with commit():
        conference = upcoming_conference(world, expire_at=expires)
        # It has no expiry of its own; it is hidden with the conference above it.
        make_programme_item(conference, title=f"Programpunkt {WORD}", start=event_start(1))
    urls = conference_urls(conference)
    cache_answers(client, urls, WORD)
    assert timezone.now() < expires, "the answers took too long to cache before the expiry"

    clock.move_to(expires.timestamp() + 0.1)

    assert_gone(client, urls, WORD)


def test_a_cached_answer_no_longer_shows_an_image_once_its_collection_is_private(
    client, world, commit
):
    with commit():
        collection = Collection.get_first_root_node().add_child(name="Pressbilder")
        image = make_image(WORD, collection)
        conference = upcoming_conference(world, title="Konferens med bild", image=image)
    urls = {
        "listing": pages_url(type=CONFERENCES, fields="image", limit=100),
        "detail": page_detail_url(conference),
        "json_ld": page_detail_url(conference, fields="json_ld"),
        "images": reverse("wagtailapi:images:listing") + "?limit=100",
        "image": reverse("wagtailapi:images:detail", args=(image.pk,)),
    }
    cache_answers(client, urls, WORD)

    with commit():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )

    assert_gone(client, urls, WORD)


def test_a_cached_answer_no_longer_shows_an_image_once_its_collection_moves_into_a_private_one(
    client, admin_client, world, commit
):
    with commit():
        root = Collection.get_first_root_node()
        internal = root.add_child(name="Internt")
        CollectionViewRestriction.objects.create(
            collection=internal, restriction_type=CollectionViewRestriction.LOGIN
        )
        collection = root.add_child(name="Pressbilder")
        image = make_image(WORD, collection)
        upcoming_conference(world, title="Konferens med pressbild", image=image)
    urls = {
        "images": reverse("wagtailapi:images:listing") + "?limit=100",
        "image": reverse("wagtailapi:images:detail", args=(image.pk,)),
    }
    cache_answers(client, urls, WORD)

    with commit():
        # As an editor moves it: the collection's form, with the private collection as parent.
        response = admin_client.post(
            reverse("wagtailadmin_collections:edit", args=(collection.pk,)),
            {"name": "Pressbilder", "parent": internal.pk},
        )
    assert response.status_code == 302
    assert Collection.objects.get(pk=collection.pk).get_parent() == internal

    assert_gone(client, urls, WORD)
