"""The admin: subscribers (editable) and the delivery log (read-only), under Settings.

Both are for administrators only (``permissions.py``); the menu items are
hidden from everybody else and the views refuse them.
"""

from django import forms
from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet

from .models import WebhookDelivery, WebhookEvent, WebhookSubscriber


class WebhookSubscriberForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The events this site is told about."),
    )


class AdministratorsOnlyMixin:
    # Webhooks are not a matter of group permissions: offer none in the group editor.
    add_to_reference_index = False
    copy_view_enabled = False
    add_to_settings_menu = True

    def get_permissions_to_register(self):
        return Permission.objects.none()


class WebhookSubscriberViewSet(AdministratorsOnlyMixin, ModelViewSet):
    model = WebhookSubscriber
    icon = "link-external"
    menu_order = 900
    list_display = [
        "name",
        "url",
        "events",
        BooleanColumn("active", label=_("Active"), sort_key="active"),
        "created",
    ]
    list_filter = ["active"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("url"),
            FieldPanel("secret"),
            FieldPanel("events"),
            FieldPanel("active"),
        ],
        base_form_class=WebhookSubscriberForm,
    )


class WebhookDeliveryViewSet(AdministratorsOnlyMixin, ModelViewSet):
    """The log: one row per attempt. Nothing here can be added, changed or deleted."""

    model = WebhookDelivery
    icon = "history"
    menu_order = 901
    inspect_view_enabled = True
    list_display = ["event", "subscriber", "attempt", "outcome", "duration_ms", "created"]
    list_filter = ["subscriber", "event"]
    inspect_view_fields = [
        "subscriber",
        "event",
        "delivery_id",
        "attempt",
        "status_code",
        "error",
        "duration_ms",
        "created",
        "payload",
    ]
    form_fields = []  # never shown: the policy refuses adding and editing


def viewsets():
    """The viewsets to register with the ``register_admin_viewset`` hook."""
    return [
        WebhookSubscriberViewSet("webhook_subscribers", url_prefix="webhooks/subscribers"),
        WebhookDeliveryViewSet("webhook_deliveries", url_prefix="webhooks/deliveries"),
    ]
