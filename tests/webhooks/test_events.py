"""What is announced, and what each announcement says.

Every test publishes, saves or deletes through Wagtail on the real database;
``django_capture_on_commit_callbacks(execute=True)`` runs what would run at
commit (the enqueued task, here on the immediate backend), and the receiver is
a real HTTP server on 127.0.0.1.
"""

import hashlib
import hmac
import time
import uuid

import pytest
from wagtail.models import PageViewRestriction

from content_types.models import WebhookDelivery, WebhookSubscriber
from content_types.webhooks.verify import InvalidWebhook, verify

from .. import utils
from .conftest import SECRET

pytestmark = pytest.mark.django_db

IDENTIFIERS = {"event", "id", "type", "locale", "translation_key", "timestamp"}


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Run a block as if it committed: its webhooks are sent when it ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


class TestPublishing:
    def test_publishing_a_page_posts_one_signed_request(
        self, publish, receiver, subscriber, conference_index
    ):
        with publish():
            page = utils.make_conference(conference_index, title="Biblioteksdagarna")

        assert len(receiver.requests) == 1
        request = receiver.requests[0]
        delivery_id = request.headers["X-Samverkan-Delivery"]
        timestamp = request.headers["X-Samverkan-Timestamp"]
        signed = f"{delivery_id}.{timestamp}.".encode() + request.body
        expected = hmac.new(SECRET.encode(), signed, hashlib.sha256).hexdigest()
        assert request.headers["X-Samverkan-Signature"] == f"sha256={expected}"
        assert request.headers["X-Samverkan-Event"] == "page_published"
        assert uuid.UUID(delivery_id)
        assert abs(int(timestamp) - time.time()) < 60
        assert request.headers["Content-Type"].startswith("application/json")
        assert request.path == "/hooks/samverkan"
        assert page.live

    def test_the_payload_describes_the_published_page(
        self, publish, receiver, subscriber, conference_index
    ):
        with publish():
            page = utils.make_conference(conference_index, title="Biblioteksdagarna")

        payload = receiver.payloads[0]
        assert set(payload) == IDENTIFIERS | {"title", "url"}
        assert payload["event"] == "page_published"
        assert payload["id"] == page.pk
        assert payload["type"] == "content_types.ConferencePage"
        assert payload["locale"] == "sv"
        assert payload["translation_key"] == str(page.translation_key)
        assert payload["title"] == "Biblioteksdagarna"
        assert payload["url"] == f"http://testserver/api/v2/pages/{page.pk}/"
        assert payload["timestamp"].endswith("+00:00")

    def test_the_delivery_is_logged(self, publish, receiver, subscriber, conference_index):
        with publish():
            page = utils.make_conference(conference_index)

        delivery = WebhookDelivery.objects.get()
        assert delivery.subscriber == subscriber
        assert delivery.event == "page_published"
        assert delivery.payload["id"] == page.pk
        assert delivery.attempt == 1
        assert delivery.status_code == 200
        assert delivery.error == ""
        assert str(delivery.delivery_id) == receiver.requests[0].headers["X-Samverkan-Delivery"]

    def test_nothing_is_sent_for_a_draft(self, publish, receiver, subscriber, conference_index):
        page = utils.make_conference(conference_index, title="Biblioteksdagarna")
        with publish():
            page.title = "Biblioteksdagarna 2026 (utkast)"
            page.save_revision()
            draft = utils.make_conference(conference_index, title="Hemlig konferens", publish=False)

        assert receiver.requests == []
        assert not draft.live

    def test_a_page_behind_a_view_restriction_is_announced_by_its_identifiers(
        self, publish, receiver, subscriber, conference_index
    ):
        page = utils.make_conference(conference_index, title="Internt seminarium")
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        with publish():
            page.save_revision().publish()

        (payload,) = receiver.payloads
        assert set(payload) == IDENTIFIERS
        assert "Internt seminarium" not in receiver.requests[0].body.decode()

    def test_a_translation_is_announced_in_its_locale(
        self, publish, receiver, subscriber, conference_index, nb_locale
    ):
        page = utils.make_conference(conference_index)
        conference_index.copy_for_translation(nb_locale).save_revision().publish()
        translation = page.copy_for_translation(nb_locale)
        with publish():
            translation.save_revision().publish()

        (payload,) = receiver.payloads
        assert payload["id"] == translation.pk
        assert payload["locale"] == "nb"
        assert payload["translation_key"] == str(page.translation_key)


class TestRemovalAndMoves:
    def test_unpublishing_sends_identifiers_only(
        self, publish, receiver, subscriber, conference_index
    ):
        page = utils.make_conference(conference_index, title="Biblioteksdagarna")
        with publish():
            page.unpublish()

        (payload,) = receiver.payloads
        assert payload["event"] == "page_unpublished"
        assert set(payload) == IDENTIFIERS
        assert payload["id"] == page.pk
        assert payload["type"] == "content_types.ConferencePage"
        assert "Biblioteksdagarna" not in receiver.requests[0].body.decode()

    def test_deleting_a_live_page_unpublishes_then_deletes_it_by_identifiers(
        self, publish, receiver, subscriber, conference_index
    ):
        page = utils.make_conference(conference_index, title="Biblioteksdagarna")
        page_id, translation_key = page.pk, str(page.translation_key)
        with publish():
            page.delete()

        assert receiver.events() == ["page_unpublished", "page_deleted"]
        deleted = receiver.payloads[1]
        assert set(deleted) == IDENTIFIERS
        assert deleted["id"] == page_id
        assert deleted["type"] == "content_types.ConferencePage"
        assert deleted["locale"] == "sv"
        assert deleted["translation_key"] == translation_key
        assert all("Biblioteksdagarna" not in r.body.decode() for r in receiver.requests)

    def test_deleting_a_draft_says_only_that_it_is_gone(
        self, publish, receiver, subscriber, conference_index
    ):
        draft = utils.make_conference(conference_index, title="Hemlig konferens", publish=False)
        with publish():
            draft.delete()

        (payload,) = receiver.payloads
        assert payload["event"] == "page_deleted"
        assert set(payload) == IDENTIFIERS

    def test_moving_a_live_page_is_announced(
        self, publish, receiver, subscriber, home, conference_index
    ):
        other_index = utils.add_page(
            home, type(conference_index)(title="Seminarier", slug="seminarier")
        )
        page = utils.make_conference(conference_index, title="Biblioteksdagarna")
        with publish():
            page.move(other_index, pos="last-child")

        (payload,) = receiver.payloads
        assert payload["event"] == "page_moved"
        assert payload["id"] == page.pk
        assert payload["title"] == "Biblioteksdagarna"

    def test_moving_a_draft_is_not(self, publish, receiver, subscriber, home, conference_index):
        other_index = utils.add_page(
            home, type(conference_index)(title="Seminarier", slug="seminarier")
        )
        draft = utils.make_conference(conference_index, publish=False)
        with publish():
            draft.move(other_index, pos="last-child")

        assert receiver.requests == []


class TestSnippetChanges:
    def test_changing_a_venue_names_the_live_conferences_that_use_it(
        self, publish, receiver, subscriber, conference_index
    ):
        venue = utils.make_venue(name="Västerås Konserthus")
        conference = utils.make_conference(conference_index, venue=venue)
        utils.make_conference(conference_index, venue=venue, publish=False)  # a draft: not named
        utils.make_conference(conference_index)  # another venue
        with publish():
            venue.directions = "Fem minuter från centralstationen."
            venue.save()

        (payload,) = receiver.payloads
        assert receiver.requests[0].headers["X-Samverkan-Event"] == "snippet_changed"
        assert payload["event"] == "snippet_changed"
        assert payload["type"] == "content_types.Venue"
        assert payload["id"] == venue.pk
        assert payload["pages"] == [conference.pk]

    def test_a_change_reaches_pages_through_other_snippets(
        self, publish, receiver, subscriber, project_index
    ):
        organisation = utils.make_organisation(name="Regionbibliotek Västmanland")
        person = utils.make_person(name="Anna Andersson", organisation=organisation)
        project = utils.make_project(project_index, contacts=[person])
        with publish():
            organisation.website = "https://regionbiblioteket.example.org/"
            organisation.save()

        (payload,) = receiver.payloads
        assert payload["type"] == "content_types.Organisation"
        assert payload["pages"] == [project.pk]

    def test_a_snippet_no_live_page_uses_sends_nothing(
        self, publish, receiver, subscriber, conference_index
    ):
        venue = utils.make_venue()
        utils.make_conference(conference_index, venue=venue, publish=False)
        with publish():
            venue.name = "Nytt namn"
            venue.save()
            utils.make_person(name="Ny person")

        assert receiver.requests == []


class TestSubscribers:
    def test_an_inactive_subscriber_gets_nothing(
        self, publish, receiver, subscriber, conference_index
    ):
        subscriber.active = False
        subscriber.save()
        with publish():
            utils.make_conference(conference_index)

        assert receiver.requests == []
        assert not WebhookDelivery.objects.exists()

    def test_a_subscriber_gets_only_the_events_it_asked_for(
        self, publish, receiver, subscriber, conference_index
    ):
        subscriber.events = ["page_unpublished", "page_deleted"]
        subscriber.save()
        page = utils.make_conference(conference_index)
        with publish():
            page.save_revision().publish()
            page.unpublish()

        assert receiver.events() == ["page_unpublished"]

    def test_every_subscriber_gets_its_own_signature(
        self, publish, receiver, subscriber, conference_index
    ):
        other = WebhookSubscriber.objects.create(
            name="Kulturrådet", url=receiver.url, secret="annat"
        )
        with publish():
            utils.make_conference(conference_index)

        assert len(receiver.requests) == 2
        by_secret = {}
        for request in receiver.requests:
            for secret in (SECRET, other.secret):
                try:
                    verify(secret, request.headers, request.body)
                except InvalidWebhook:
                    continue
                by_secret[secret] = request
        assert set(by_secret) == {SECRET, "annat"}

    def test_a_new_subscriber_wants_every_event_and_gets_a_secret(self):
        subscriber = WebhookSubscriber.objects.create(name="Ny", url="https://example.org/hook")
        assert set(subscriber.events) == {
            "page_published",
            "page_unpublished",
            "page_deleted",
            "page_moved",
            "snippet_changed",
        }
        assert len(subscriber.secret) == 64
