"""Subscribers and the delivery log are for administrators (superusers) only."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail import hooks

from content_types.models import WebhookDelivery, WebhookSubscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscriber():
    return WebhookSubscriber.objects.create(name="Biblioteksportalen", url="https://example.org/h")


@pytest.fixture
def delivery(subscriber):
    return WebhookDelivery.objects.create(
        subscriber=subscriber, event="page_published", payload={"id": 1}, status_code=200
    )


@pytest.fixture
def administrator(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def editor(client, django_user_model):
    """An admin user with every permission a group can give, but not a superuser."""
    user = django_user_model.objects.create_user("redaktor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="content_types"))
    client.force_login(user)
    return client


def url(name, *args):
    return reverse(name, args=args)


class TestAdministrators:
    def test_list_add_and_edit_subscribers(self, administrator, subscriber):
        assert administrator.get(url("webhook_subscribers:index")).status_code == 200
        assert administrator.get(url("webhook_subscribers:add")).status_code == 200
        response = administrator.get(url("webhook_subscribers:edit", subscriber.pk))
        assert response.status_code == 200
        assert b"Biblioteksportalen" in response.content

    def test_the_form_stores_the_chosen_events(self, administrator):
        response = administrator.post(
            url("webhook_subscribers:add"),
            {
                "name": "Kulturrådet",
                "url": "https://kultur.example.org/hooks",
                "secret": "delad-hemlighet",
                "events": ["page_published", "page_deleted"],
                "active": "on",
            },
        )
        assert response.status_code == 302
        created = WebhookSubscriber.objects.get(name="Kulturrådet")
        assert created.events == ["page_published", "page_deleted"]
        assert created.secret == "delad-hemlighet"

    def test_the_log_can_be_read_but_not_changed(self, administrator, delivery):
        assert administrator.get(url("webhook_deliveries:index")).status_code == 200
        response = administrator.get(url("webhook_deliveries:inspect", delivery.pk))
        assert response.status_code == 200
        assert administrator.get(url("webhook_deliveries:add")).status_code in (302, 403)
        assert administrator.get(url("webhook_deliveries:edit", delivery.pk)).status_code in (
            302,
            403,
        )
        administrator.post(url("webhook_deliveries:delete", delivery.pk))
        assert WebhookDelivery.objects.filter(pk=delivery.pk).exists()

    def test_the_settings_menu_offers_both(self, administrator):
        response = administrator.get(reverse("wagtailadmin_home"))
        assert url("webhook_subscribers:index").encode() in response.content
        assert url("webhook_deliveries:index").encode() in response.content


class TestOtherUsers:
    @pytest.mark.parametrize(
        "name", ["webhook_subscribers:index", "webhook_subscribers:add", "webhook_deliveries:index"]
    )
    def test_a_non_superuser_cannot_open_webhooks(self, editor, name):
        assert editor.get(url(name)).status_code in (302, 403)

    def test_a_non_superuser_cannot_edit_or_delete_a_subscriber(self, editor, subscriber):
        assert editor.get(url("webhook_subscribers:edit", subscriber.pk)).status_code in (302, 403)
        editor.post(url("webhook_subscribers:delete", subscriber.pk))
        assert WebhookSubscriber.objects.filter(pk=subscriber.pk).exists()

    def test_nor_sees_them_in_the_menu(self, editor):
        response = editor.get(reverse("wagtailadmin_home"))
        assert response.status_code == 200
        assert url("webhook_subscribers:index").encode() not in response.content

    def test_no_group_permission_is_offered_for_webhooks(self):
        offered = set()
        for permissions in hooks.get_hooks("register_permissions"):
            offered.update(permissions().values_list("content_type__model", flat=True))
        assert "venue" in offered  # the snippets are there
        assert not offered & {"webhooksubscriber", "webhookdelivery"}
