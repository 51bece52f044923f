"""How a receiving site checks a webhook: genuine, fresh, and not seen before.

Only the standard library: a receiving site copies this module as it is
(docs/api.md shows it with a receiver). Samverkan signs with ``signature``, so
both sides compute the same thing.

A request is genuine when its X-Samverkan-Signature is ``sha256=`` and the hex
HMAC-SHA256, with the subscriber's secret, of the delivery id, the timestamp
and the raw body, joined by dots. It is fresh when its X-Samverkan-Timestamp
(Unix seconds, set at each attempt) is within ``tolerance`` seconds of the
receiver's clock: a captured request replayed later is refused. Within that
window, the receiver skips a delivery id it has seen (a retry keeps its id).
"""

import hashlib
import hmac
import time

TOLERANCE_SECONDS = 300
ID_HEADER = "X-Samverkan-Delivery"
TIMESTAMP_HEADER = "X-Samverkan-Timestamp"
SIGNATURE_HEADER = "X-Samverkan-Signature"


class InvalidWebhook(Exception):
    """Not from Samverkan, or not recent: answer 400 and ignore the request."""


def signature(secret, delivery_id, timestamp, body):
    """The X-Samverkan-Signature of ``body`` sent as ``delivery_id`` at ``timestamp``."""
    signed = f"{delivery_id}.{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def verify(secret, headers, body, *, tolerance=TOLERANCE_SECONDS, now=None):
    """The delivery id of a genuine, fresh request; raises ``InvalidWebhook`` otherwise.

    ``headers``: the request's headers, any mapping (names in any case);
    ``body``: the raw bytes received, before any parsing.
    """
    received = {name.lower(): value for name, value in headers.items()}
    delivery_id = received.get(ID_HEADER.lower(), "")
    timestamp = received.get(TIMESTAMP_HEADER.lower(), "")
    given = received.get(SIGNATURE_HEADER.lower(), "")
    if not (delivery_id and timestamp.isascii() and timestamp.isdigit() and given):
        raise InvalidWebhook("a signature header is missing")
    expected = signature(secret, delivery_id, timestamp, body)
    if not hmac.compare_digest(expected.encode(), given.encode()):
        raise InvalidWebhook("the signature does not match")
    now = time.time() if now is None else now
    if abs(now - int(timestamp)) > tolerance:
        raise InvalidWebhook("the timestamp is not recent")
    return delivery_id
