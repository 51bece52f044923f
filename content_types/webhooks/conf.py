"""The webhook settings (``SAMVERKAN_WEBHOOKS``) and their defaults, in one place.

SAMVERKAN_WEBHOOKS = {
    "MAX_ATTEMPTS": 3,  # attempts per delivery, the first included
    "BACKOFF_SECONDS": 1.0,  # the wait after the first attempt; doubled after each
    "TIMEOUT_SECONDS": 5.0,  # the whole of one attempt: resolve, connect, send, answer
    "ALLOWED_NETWORKS": ["10.20.0.0/16"],  # internal receivers that may be sent to
}
"""

from django.conf import settings

DEFAULTS = {
    "MAX_ATTEMPTS": 3,
    "BACKOFF_SECONDS": 1.0,
    "TIMEOUT_SECONDS": 5.0,
    # Empty: only public addresses receive webhooks.
    "ALLOWED_NETWORKS": (),
}


def get_setting(name):
    """One key of ``SAMVERKAN_WEBHOOKS``, or its default."""
    return getattr(settings, "SAMVERKAN_WEBHOOKS", {}).get(name, DEFAULTS[name])
