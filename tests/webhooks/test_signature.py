"""The signature covers the delivery id, the timestamp and the body; receivers check freshness.

Every check here is ``content_types.webhooks.verify.verify``, the receiver's
check that docs/api.md shows, run on what a real receiver was sent.
"""

import inspect
from pathlib import Path

import pytest

from content_types.models import WebhookDelivery
from content_types.webhooks import verify as verify_module
from content_types.webhooks.verify import InvalidWebhook, verify

from .. import utils
from .conftest import SECRET

pytestmark = pytest.mark.django_db

RECEIVER_DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"


@pytest.fixture
def sent(receiver, subscriber, conference_index, django_capture_on_commit_callbacks):
    """The request a real receiver got when a page was published."""
    with django_capture_on_commit_callbacks(execute=True):
        utils.make_conference(conference_index)
    (request,) = receiver.requests
    return request


def timestamp_of(request):
    return int(request.headers["X-Samverkan-Timestamp"])


class TestReceiverCheck:
    def test_a_delivery_passes_and_gives_its_id_to_skip_repeats(self, sent):
        delivery_id = verify(SECRET, sent.headers, sent.body)
        assert delivery_id == sent.headers["X-Samverkan-Delivery"]
        assert delivery_id == str(WebhookDelivery.objects.get().delivery_id)

    def test_header_names_may_come_in_any_case(self, sent):
        lower = {name.lower(): value for name, value in sent.headers.items()}
        assert verify(SECRET, lower, sent.body) == sent.headers["X-Samverkan-Delivery"]

    def test_another_secret_fails(self, sent):
        with pytest.raises(InvalidWebhook, match="does not match"):
            verify("another-secret", sent.headers, sent.body)

    @pytest.mark.parametrize(
        "header, value",
        [
            ("X-Samverkan-Delivery", "6f1c2d9e-0000-4000-8000-000000000000"),
            ("X-Samverkan-Timestamp", None),  # one second later
        ],
    )
    def test_the_signature_covers_the_delivery_id_and_the_timestamp(self, sent, header, value):
        if value is None:
            value = str(timestamp_of(sent) + 1)
        changed = {**sent.headers, header: value}
        with pytest.raises(InvalidWebhook, match="does not match"):
            verify(SECRET, changed, sent.body)

    def test_the_signature_covers_the_body(self, sent):
        with pytest.raises(InvalidWebhook, match="does not match"):
            verify(SECRET, sent.headers, sent.body.replace(b"page_published", b"page_deleted"))

    def test_a_stale_timestamp_is_rejected(self, sent):
        sent_at = timestamp_of(sent)
        assert verify(SECRET, sent.headers, sent.body, now=sent_at + 299)
        with pytest.raises(InvalidWebhook, match="not recent"):
            verify(SECRET, sent.headers, sent.body, now=sent_at + 301)

    def test_a_timestamp_from_the_future_is_rejected(self, sent):
        with pytest.raises(InvalidWebhook, match="not recent"):
            verify(SECRET, sent.headers, sent.body, now=timestamp_of(sent) - 301)

    @pytest.mark.parametrize(
        "header", ["X-Samverkan-Delivery", "X-Samverkan-Timestamp", "X-Samverkan-Signature"]
    )
    def test_a_missing_header_is_rejected(self, sent, header):
        headers = {name: value for name, value in sent.headers.items() if name != header}
        with pytest.raises(InvalidWebhook, match="missing"):
            verify(SECRET, headers, sent.body)

    def test_a_retry_keeps_its_id_and_is_signed_at_its_own_time(
        self,
        receiver,
        subscriber,
        fast_retries,
        conference_index,
        django_capture_on_commit_callbacks,
    ):
        receiver.answers = [503]
        with django_capture_on_commit_callbacks(execute=True):
            utils.make_conference(conference_index)

        first, retry = receiver.requests
        assert verify(SECRET, first.headers, first.body) == verify(
            SECRET, retry.headers, retry.body
        )
        assert timestamp_of(retry) >= timestamp_of(first)


class TestDocumentation:
    @pytest.mark.parametrize("name", ["InvalidWebhook", "signature", "verify"])
    def test_the_api_docs_show_the_check_that_is_tested(self, name):
        source = inspect.getsource(getattr(verify_module, name))
        assert source in RECEIVER_DOCS.read_text(encoding="utf-8")
