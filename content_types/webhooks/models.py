"""Who hears about changes (``WebhookSubscriber``) and what was sent (``WebhookDelivery``)."""

import json
import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import addresses
from .conf import get_setting


class WebhookEvent(models.TextChoices):
    PAGE_PUBLISHED = "page_published", _("Page published")
    PAGE_UNPUBLISHED = "page_unpublished", _("Page unpublished")
    PAGE_DELETED = "page_deleted", _("Page deleted")
    PAGE_MOVED = "page_moved", _("Page moved")
    SNIPPET_CHANGED = "snippet_changed", _("Directory entry changed")


class DeliveryError(models.TextChoices):
    """Why an attempt got no answer: the start of ``WebhookDelivery.error``."""

    REFUSED = "Refused", _("Refused: not a public address")
    TIMEOUT = "Timeout", _("Timed out")
    HOST_NOT_FOUND = "HostNotFound", _("Host name not found")
    CONNECTION = "ConnectionError", _("No connection")
    TLS = "TLSError", _("TLS error")
    INVALID_RESPONSE = "InvalidResponse", _("Invalid response")
    INVALID_URL = "InvalidURL", _("Invalid URL")


def all_events():
    """A new subscriber hears every event."""
    return list(WebhookEvent.values)


def generate_secret():
    return secrets.token_hex(32)


class WebhookSubscriberQuerySet(models.QuerySet):
    def wanting(self, event):
        """Active subscribers that asked for ``event``.

        Filtered in Python: a JSON "contains" lookup is not available on every
        database, and there are only ever a handful of subscribers.
        """
        return [subscriber for subscriber in self.filter(active=True) if event in subscriber.events]


class WebhookSubscriber(models.Model):
    """An external site that is told, by a signed POST, when public content changes."""

    name = models.CharField(_("name"), max_length=255)
    url = models.URLField(
        _("URL"), max_length=500, help_text=_("Receives a POST request for every event.")
    )
    secret = models.CharField(
        _("secret"),
        max_length=255,
        default=generate_secret,
        help_text=_(
            "Shared with the receiving site, which checks the X-Samverkan-Signature "
            "header with it. Never sent."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    events = models.JSONField(_("events"), default=all_events)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = WebhookSubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("webhook subscriber")
        verbose_name_plural = _("webhook subscribers")

    def __str__(self):
        return self.name

    def clean(self):
        """Refuse a URL that would send webhooks inward (``addresses.py``).

        The host is resolved now, and again at every attempt; a name that does
        not resolve yet is accepted, and its attempts fail until it does.
        """
        super().clean()
        if not self.url:
            return
        try:
            target = addresses.Target.from_url(self.url)
            addresses.checked_addresses(
                target.host, target.port, timeout=float(get_setting("TIMEOUT_SECONDS"))
            )
        except addresses.UnsupportedURL:
            raise ValidationError(
                {
                    "url": _(
                        "Webhooks are sent over HTTP or HTTPS: enter an http:// or https:// URL."
                    )
                }
            ) from None
        except addresses.AddressRefused:
            raise ValidationError(
                {
                    "url": _(
                        "%(host)s is, or resolves to, a loopback, link-local, private or "
                        "reserved address. Webhooks are only sent to public addresses, "
                        "unless the network is listed in WEBHOOK_ALLOWED_NETWORKS."
                    )
                    % {"host": target.host}
                }
            ) from None
        except (addresses.HostNotFound, TimeoutError):
            pass

    def get_events_display(self):
        labels = dict(WebhookEvent.choices)
        return ", ".join(str(labels.get(event, event)) for event in self.events)


class WebhookDelivery(models.Model):
    """One attempt to deliver one event to one subscriber.

    Retries of the same event share ``delivery_id`` (sent as the
    X-Samverkan-Delivery header, so a receiver can ignore a repeat).
    """

    subscriber = models.ForeignKey(
        WebhookSubscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    delivery_id = models.UUIDField(_("delivery ID"), default=uuid.uuid4, db_index=True)
    event = models.CharField(_("event"), max_length=50, choices=WebhookEvent.choices)
    payload = models.JSONField(_("payload"))
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self):
        return f"{self.get_event_display()} → {self.subscriber} #{self.attempt}"

    @property
    def succeeded(self):
        return self.status_code is not None and 200 <= self.status_code < 300

    def error_kind(self):
        """The ``DeliveryError`` the logged error starts with, or ``None``."""
        kind = self.error.split(":", 1)[0]
        return DeliveryError(kind) if kind in DeliveryError.values else None

    def outcome(self):
        """The status code, or why there was no response."""
        if self.status_code is not None:
            return str(self.status_code)
        kind = self.error_kind()
        return str(kind.label) if kind is not None else self.error.split(":", 1)[0]

    outcome.short_description = _("outcome")

    def get_payload_display(self):
        return json.dumps(self.payload, ensure_ascii=False, indent=2)
