"""Who hears about changes (``WebhookSubscriber``) and what was sent (``WebhookDelivery``)."""

import json
import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    PAGE_PUBLISHED = "page_published", _("Page published")
    PAGE_UNPUBLISHED = "page_unpublished", _("Page unpublished")
    PAGE_DELETED = "page_deleted", _("Page deleted")
    PAGE_MOVED = "page_moved", _("Page moved")
    SNIPPET_CHANGED = "snippet_changed", _("Directory entry changed")


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

    def outcome(self):
        """The status code, or the error when there was no response."""
        if self.status_code is not None:
            return str(self.status_code)
        return self.error.split(":", 1)[0]

    outcome.short_description = _("outcome")

    def get_payload_display(self):
        return json.dumps(self.payload, ensure_ascii=False, indent=2)
