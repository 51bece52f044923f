"""Retries with backoff, errors logged, and publishing that never waits on a subscriber's failure."""

import pytest

from content_types.models import ConferencePage, WebhookDelivery, WebhookSubscriber
from content_types.webhooks import delivery
from content_types.webhooks.models import DeliveryError

from .. import utils

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def attempts():
    return list(WebhookDelivery.objects.order_by("attempt").values_list("attempt", "status_code"))


class TestRetries:
    def test_a_server_error_is_retried_with_backoff_and_the_page_is_published(
        self, publish, receiver, subscriber, fast_retries, conference_index
    ):
        receiver.status = 500
        with publish():
            page = utils.make_conference(conference_index)

        assert len(receiver.requests) == 3
        assert attempts() == [(1, 500), (2, 500), (3, 500)]
        # One delivery, three attempts: the receiver can tell a retry from a new event.
        assert len({r.headers["X-Samverkan-Delivery"] for r in receiver.requests}) == 1
        assert [r.headers["X-Samverkan-Attempt"] for r in receiver.requests] == ["1", "2", "3"]
        times = [r.received_at for r in receiver.requests]
        assert times[1] - times[0] >= 0.01
        assert times[2] - times[1] >= 0.02  # twice the first wait
        assert ConferencePage.objects.get(pk=page.pk).live

    def test_a_retry_that_succeeds_ends_the_delivery(
        self, publish, receiver, subscriber, fast_retries, conference_index, settings
    ):
        settings.SAMVERKAN_WEBHOOKS = {**settings.SAMVERKAN_WEBHOOKS, "MAX_ATTEMPTS": 5}
        receiver.answers = [503, 503]
        with publish():
            utils.make_conference(conference_index)

        assert attempts() == [(1, 503), (2, 503), (3, 200)]

    def test_a_rejected_request_is_not_retried(
        self, publish, receiver, subscriber, fast_retries, conference_index
    ):
        receiver.status = 400
        with publish():
            utils.make_conference(conference_index)

        assert attempts() == [(1, 400)]

    def test_an_unreachable_subscriber_is_logged_and_publishing_succeeds(
        self, publish, closed_port_url, fast_retries, conference_index
    ):
        WebhookSubscriber.objects.create(name="Nere", url=closed_port_url, secret="s")
        with publish():
            page = utils.make_conference(conference_index)

        logged = list(WebhookDelivery.objects.order_by("attempt"))
        assert [d.attempt for d in logged] == [1, 2, 3]
        assert all(d.status_code is None for d in logged)
        assert all(d.error.startswith("ConnectionError:") for d in logged)
        assert logged[0].outcome() == DeliveryError.CONNECTION.label
        assert ConferencePage.objects.get(pk=page.pk).live

    def test_a_failing_subscriber_does_not_keep_others_from_their_delivery(
        self, publish, receiver, subscriber, closed_port_url, fast_retries, conference_index
    ):
        WebhookSubscriber.objects.create(name="A Nere", url=closed_port_url, secret="s")
        with publish():
            utils.make_conference(conference_index)

        assert receiver.events() == ["page_published"]


class TestBackoff:
    def test_the_backoff_doubles(self, settings):
        settings.SAMVERKAN_WEBHOOKS = {"BACKOFF_SECONDS": 1.5}
        assert [delivery.backoff_seconds(n) for n in (1, 2, 3)] == [1.5, 3.0, 6.0]
