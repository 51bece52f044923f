"""One delivery attempt: sign the body, POST it within the deadline, log the outcome.

The signature covers the delivery id, the attempt's timestamp and the body
(``verify.signature``); a receiver checks it, and the timestamp's freshness,
with ``verify.verify``.
"""

import http.client
import json
import ssl
import time

from . import addresses, transport, verify
from .conf import get_setting
from .models import DeliveryError, WebhookDelivery

SIGNATURE_HEADER = verify.SIGNATURE_HEADER
TIMESTAMP_HEADER = verify.TIMESTAMP_HEADER
DELIVERY_HEADER = verify.ID_HEADER
EVENT_HEADER = "X-Samverkan-Event"
ATTEMPT_HEADER = "X-Samverkan-Attempt"

# Logged for a refused address: not the address, nor how long anything took.
REFUSED_DETAIL = (
    "the host is, or resolves to, an address that is not public and not in "
    "ALLOWED_NETWORKS; nothing was sent"
)


def encode(payload):
    """The exact bytes that are signed and sent."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def is_retryable(delivery):
    """Whether another attempt may succeed: no answer, a server error, or "try later".

    Any other answer outside 2xx (a redirect, a rejected signature) would be
    the same next time, as would a refused address or a URL that is not http(s).
    """
    status = delivery.status_code
    if status is None:
        return delivery.error_kind() not in (DeliveryError.REFUSED, DeliveryError.INVALID_URL)
    return status >= 500 or status in (408, 429)


def backoff_seconds(attempt):
    """How long to wait after attempt ``attempt`` (1, 2, ...): BACKOFF_SECONDS * 2**(attempt - 1)."""
    return float(get_setting("BACKOFF_SECONDS")) * 2 ** (attempt - 1)


def send(url, body, headers):
    """``(status code, error)`` of one POST: one of them is empty (``None``, ``""``)."""
    timeout = float(get_setting("TIMEOUT_SECONDS"))
    try:
        return transport.post(url, body, headers, timeout=timeout), ""
    except addresses.AddressRefused:
        return None, f"{DeliveryError.REFUSED}: {REFUSED_DETAIL}"
    except (addresses.UnsupportedURL, http.client.InvalidURL) as exc:
        return None, f"{DeliveryError.INVALID_URL}: {exc}"
    except addresses.HostNotFound as exc:
        return None, f"{DeliveryError.HOST_NOT_FOUND}: {exc} does not resolve"
    except TimeoutError:
        return None, f"{DeliveryError.TIMEOUT}: no complete answer within {timeout:g} s"
    except ssl.SSLError as exc:
        return None, f"{DeliveryError.TLS}: {exc}"
    except (transport.InvalidResponse, http.client.HTTPException) as exc:
        return None, f"{DeliveryError.INVALID_RESPONSE}: {exc}"
    except OSError as exc:
        return None, f"{DeliveryError.CONNECTION}: {exc}"


def attempt_delivery(subscriber, *, delivery_id, event, body, attempt):
    """POST ``body`` to ``subscriber`` once and log it as a ``WebhookDelivery``.

    Never raises for the subscriber's sake: a refused address, no answer, a
    timeout or an invalid URL is logged as the attempt's error.
    """
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Samverkan-Webhooks/1",
        "Connection": "close",
        EVENT_HEADER: event,
        DELIVERY_HEADER: str(delivery_id),
        ATTEMPT_HEADER: str(attempt),
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: verify.signature(subscriber.secret, delivery_id, timestamp, body),
    }
    started = time.monotonic()
    status_code, error = send(subscriber.url, body, headers)
    refused = error.startswith(f"{DeliveryError.REFUSED}:")
    duration_ms = 0 if refused else round((time.monotonic() - started) * 1000)
    return WebhookDelivery.objects.create(
        subscriber=subscriber,
        delivery_id=delivery_id,
        event=event,
        payload=json.loads(body),
        attempt=attempt,
        status_code=status_code,
        error=error[:2000],
        duration_ms=duration_ms,
    )
