"""One delivery attempt: sign the body, POST it with a timeout, log the outcome.

A receiver checks a request by computing the HMAC-SHA256 of the raw body with
its secret and comparing it, in constant time, with the X-Samverkan-Signature
header (``sha256=<hex>``); see ``signature``.
"""

import hashlib
import hmac
import json
import time

import requests
from django.conf import settings

from .models import WebhookDelivery

SIGNATURE_HEADER = "X-Samverkan-Signature"
EVENT_HEADER = "X-Samverkan-Event"
DELIVERY_HEADER = "X-Samverkan-Delivery"
ATTEMPT_HEADER = "X-Samverkan-Attempt"

DEFAULTS = {"MAX_ATTEMPTS": 3, "BACKOFF_SECONDS": 1.0, "TIMEOUT_SECONDS": 5.0}


def get_setting(name):
    """One key of ``SAMVERKAN_WEBHOOKS``, or its default."""
    return getattr(settings, "SAMVERKAN_WEBHOOKS", {}).get(name, DEFAULTS[name])


def encode(payload):
    """The exact bytes that are signed and sent."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def signature(secret, body):
    """The X-Samverkan-Signature value for ``body``: ``sha256=<hex HMAC-SHA256>``."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def is_retryable(delivery):
    """Whether another attempt may succeed: no answer, a server error, or "try later".

    Any other answer outside 2xx (a redirect, a rejected signature) would be
    the same next time.
    """
    status = delivery.status_code
    return status is None or status >= 500 or status in (408, 429)


def backoff_seconds(attempt):
    """How long to wait after attempt ``attempt`` (1, 2, ...): BACKOFF_SECONDS * 2**(attempt - 1)."""
    return float(get_setting("BACKOFF_SECONDS")) * 2 ** (attempt - 1)


def attempt_delivery(subscriber, *, delivery_id, event, body, attempt):
    """POST ``body`` to ``subscriber`` once and log it as a ``WebhookDelivery``.

    Never raises for the subscriber's sake: no answer, a timeout or an invalid
    URL is logged as the attempt's error.
    """
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Samverkan-Webhooks/1",
        EVENT_HEADER: event,
        DELIVERY_HEADER: str(delivery_id),
        ATTEMPT_HEADER: str(attempt),
        SIGNATURE_HEADER: signature(subscriber.secret, body),
    }
    status_code, error = None, ""
    started = time.monotonic()
    try:
        response = requests.post(
            subscriber.url,
            data=body,
            headers=headers,
            timeout=float(get_setting("TIMEOUT_SECONDS")),
            # A redirected POST turns into a GET elsewhere: report it instead.
            allow_redirects=False,
            # Only the status matters; the body is never read.
            stream=True,
        )
        response.close()
        status_code = response.status_code
    except requests.RequestException as exc:
        error = f"{type(exc).__name__}: {exc}"[:2000]
    duration_ms = round((time.monotonic() - started) * 1000)
    return WebhookDelivery.objects.create(
        subscriber=subscriber,
        delivery_id=delivery_id,
        event=event,
        payload=json.loads(body),
        attempt=attempt,
        status_code=status_code,
        error=error,
        duration_ms=duration_ms,
    )
