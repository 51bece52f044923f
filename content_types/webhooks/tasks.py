"""Background tasks (django-tasks): fan an event out, deliver it with retries.

Both tasks catch everything: a broken subscriber, or a bug here, is logged and
never reaches whoever published the page.

Retries wait BACKOFF_SECONDS * 2**(attempt - 1) between attempts, up to
MAX_ATTEMPTS attempts in all (``SAMVERKAN_WEBHOOKS``). A backend that can run a
task later (``supports_defer``) gets each retry as a new task with
``run_after``; on one that cannot, such as the immediate backend, the task
sleeps and tries again itself.
"""

import logging
import time
import uuid
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from . import delivery, payloads
from .conf import get_setting
from .models import WebhookSubscriber

logger = logging.getLogger(__name__)


@task()
def dispatch_event(payload):
    """Complete ``payload`` and enqueue one delivery per subscriber that wants it."""
    try:
        subscribers = WebhookSubscriber.objects.wanting(payload["event"])
        if not subscribers:
            return 0
        payload = payloads.complete(payload)
        if payload is None:
            return 0
        body = delivery.encode(payload).decode()
        for subscriber in subscribers:
            deliver_webhook.enqueue(subscriber.pk, str(uuid.uuid4()), payload["event"], body)
        return len(subscribers)
    except Exception:
        logger.exception("Webhook event %r could not be dispatched", payload.get("event"))
        return 0


@task()
def deliver_webhook(subscriber_id, delivery_id, event, body, attempt=1):
    """Deliver ``body`` to one subscriber, from attempt ``attempt`` on, retrying with backoff.

    Stops when the subscriber answers 2xx or an answer a retry would not change,
    when it is deactivated or deleted, or after MAX_ATTEMPTS attempts.
    """
    try:
        _deliver(subscriber_id, delivery_id, event, body.encode(), attempt)
    except Exception:
        logger.exception("Webhook delivery %s failed unexpectedly", delivery_id)


def _deliver(subscriber_id, delivery_id, event, body, attempt):
    max_attempts = int(get_setting("MAX_ATTEMPTS"))
    while True:
        subscriber = WebhookSubscriber.objects.filter(pk=subscriber_id, active=True).first()
        if subscriber is None:
            return
        record = delivery.attempt_delivery(
            subscriber, delivery_id=delivery_id, event=event, body=body, attempt=attempt
        )
        if record.succeeded or not delivery.is_retryable(record) or attempt >= max_attempts:
            if not record.succeeded:
                logger.warning(
                    "Webhook %s to %s gave up after attempt %d: %s",
                    event,
                    subscriber.url,
                    attempt,
                    record.outcome(),
                )
            return
        delay = delivery.backoff_seconds(attempt)
        attempt += 1
        if deliver_webhook.get_backend().supports_defer:
            deliver_webhook.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
                subscriber_id, delivery_id, event, body.decode(), attempt
            )
            return
        time.sleep(delay)
