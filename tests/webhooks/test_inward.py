"""Webhooks are not sent inward: not to loopback, link-local, private or reserved addresses.

The receiver is a real HTTP server on 127.0.0.1. It is reached only while its
address is in ``ALLOWED_NETWORKS``; otherwise the subscriber cannot be saved,
and a subscriber that is already there (saved while it was allowed, or before
the check) is refused at every attempt, after its name is resolved.
"""

import ipaddress

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from content_types.models import WebhookDelivery, WebhookSubscriber
from content_types.webhooks import addresses, delivery
from content_types.webhooks.models import DeliveryError

from .. import utils

pytestmark = pytest.mark.django_db

INTERNAL = [
    "127.0.0.1",
    "127.8.9.10",
    "::1",
    "169.254.169.254",  # a cloud's metadata service
    "fe80::1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "fd00::1",
    "100.64.0.1",  # shared address space (carrier-grade NAT)
    "0.0.0.0",
    "::",
    "192.0.2.10",  # documentation
    "198.18.0.1",  # benchmarking
    "240.0.0.1",  # reserved
    "255.255.255.255",
    "224.0.1.1",  # multicast
    "ff02::1",
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::ffff:169.254.169.254",
    "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
]
PUBLIC = ["93.184.215.14", "8.8.8.8", "2606:4700::1111", "2002:808:808::1"]


def without_allowed_networks(settings):
    settings.SAMVERKAN_WEBHOOKS = {**settings.SAMVERKAN_WEBHOOKS, "ALLOWED_NETWORKS": []}


def allowing(settings, *networks):
    settings.SAMVERKAN_WEBHOOKS = {**settings.SAMVERKAN_WEBHOOKS, "ALLOWED_NETWORKS": networks}


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


class TestAddresses:
    @pytest.mark.parametrize("address", INTERNAL)
    def test_internal_addresses_are_not_permitted(self, address, settings):
        without_allowed_networks(settings)
        assert not addresses.is_permitted(ipaddress.ip_address(address))

    @pytest.mark.parametrize("address", PUBLIC)
    def test_public_addresses_are(self, address, settings):
        without_allowed_networks(settings)
        assert addresses.is_permitted(ipaddress.ip_address(address))

    def test_an_allowed_network_is_permitted_and_only_it(self, settings):
        allowing(settings, "10.20.0.0/16", "127.0.0.1")
        assert addresses.is_permitted(ipaddress.ip_address("10.20.3.4"))
        assert addresses.is_permitted(ipaddress.ip_address("127.0.0.1"))
        assert addresses.is_permitted(ipaddress.ip_address("::ffff:127.0.0.1"))
        assert not addresses.is_permitted(ipaddress.ip_address("10.21.0.1"))
        assert not addresses.is_permitted(ipaddress.ip_address("127.0.0.2"))
        assert not addresses.is_permitted(ipaddress.ip_address("::1"))

    def test_the_setting_may_be_a_comma_separated_string(self, settings):
        settings.SAMVERKAN_WEBHOOKS = {"ALLOWED_NETWORKS": "10.20.0.0/16, 192.168.1.7"}
        assert addresses.allowed_networks() == [
            ipaddress.ip_network("10.20.0.0/16"),
            ipaddress.ip_network("192.168.1.7/32"),
        ]

    def test_an_entry_that_is_not_a_network_is_reported_by_the_system_check(self, settings):
        allowing(settings, "10.20.0.0/16", "intranet")
        with pytest.raises(ImproperlyConfigured, match="'intranet' is not a network"):
            addresses.allowed_networks()
        with pytest.raises(SystemCheckError, match="samverkan.webhooks.E001"):
            call_command("check")

    def test_a_name_is_judged_by_every_address_it_resolves_to(self, settings):
        without_allowed_networks(settings)
        with pytest.raises(addresses.AddressRefused):
            addresses.checked_addresses("localhost", 80, timeout=5)
        allowing(settings, "127.0.0.0/8", "::1")
        assert ipaddress.ip_address("127.0.0.1") in addresses.checked_addresses(
            "localhost", 80, timeout=5
        )


class TestSaving:
    @pytest.mark.parametrize(
        "url",
        [
            "http://127.0.0.1:8000/hooks",
            "http://localhost/hooks",  # a name that resolves to loopback
            "http://169.254.169.254/latest/meta-data/",
            "https://[::ffff:10.0.0.1]/hooks",
            "http://192.168.1.20:9200/",
        ],
    )
    def test_a_subscriber_with_an_internal_address_is_not_valid(self, url, settings):
        without_allowed_networks(settings)
        subscriber = WebhookSubscriber(name="Intern", url=url)
        with pytest.raises(ValidationError) as error:
            subscriber.full_clean()
        assert "url" in error.value.message_dict

    def test_an_allow_listed_one_is(self, settings):
        allowing(settings, "127.0.0.1/32")
        WebhookSubscriber(name="Intern", url="http://127.0.0.1:8000/hooks").full_clean()

    def test_a_public_address_or_a_name_not_resolved_yet_is_valid(self, settings):
        without_allowed_networks(settings)
        WebhookSubscriber(name="Extern", url="https://93.184.215.14/hooks").full_clean()
        WebhookSubscriber(name="Ny", url="https://hooks.invalid/hooks").full_clean()

    def test_only_http_and_https_urls_are_valid(self):
        with pytest.raises(ValidationError) as error:
            WebhookSubscriber(name="Ftp", url="ftp://93.184.215.14/hooks").full_clean()
        assert "url" in error.value.message_dict

    @pytest.mark.parametrize(
        "language, message",
        [
            ("sv", "är, eller pekar på, en adress"),
            ("nb", "er, eller peker på, en adresse"),
        ],
    )
    def test_the_admin_form_says_why_in_the_administrators_language(
        self, client, django_user_model, settings, language, message
    ):
        without_allowed_networks(settings)
        administrator = django_user_model.objects.create_superuser("admin", "a@example.org", "pw")
        profile = UserProfile.get_for_user(administrator)
        profile.preferred_language = language
        profile.save()
        client.force_login(administrator)

        response = client.post(
            reverse("webhook_subscribers:add"),
            {
                "name": "Intern",
                "url": "http://169.254.169.254/latest/meta-data/",
                "secret": "delad-hemlighet",
                "events": ["page_published"],
                "active": "on",
            },
        )

        assert response.status_code == 200
        assert message in response.content.decode()
        assert "169.254.169.254" in response.context["form"].errors["url"][0]
        assert not WebhookSubscriber.objects.exists()


class TestSending:
    def test_a_subscriber_at_127_0_0_1_is_refused_and_nothing_is_sent(
        self, publish, receiver, subscriber, fast_retries, conference_index, settings
    ):
        # Saved while it was allowed (or before the check existed); allowed no longer.
        without_allowed_networks(settings)
        with publish():
            utils.make_conference(conference_index)

        assert receiver.requests == []
        refused = WebhookDelivery.objects.get()  # and not retried
        assert refused.status_code is None
        assert refused.error_kind() == DeliveryError.REFUSED
        assert not delivery.is_retryable(refused)
        with translation.override("sv"):
            assert refused.outcome() == "Vägrad: inte en offentlig adress"

    def test_the_log_tells_nothing_about_the_internal_target(
        self, publish, receiver, subscriber, fast_retries, conference_index, settings
    ):
        without_allowed_networks(settings)
        with publish():
            utils.make_conference(conference_index)

        refused = WebhookDelivery.objects.get()
        port = receiver.url.split(":")[2].split("/")[0]
        assert port not in refused.error
        assert "127.0.0.1" not in refused.error
        assert refused.duration_ms == 0

    def test_a_name_is_resolved_and_refused_at_sending(
        self, publish, receiver, fast_retries, conference_index, settings
    ):
        named = receiver.url.replace("127.0.0.1", "localhost")
        WebhookSubscriber.objects.create(name="Lokal", url=named, secret="s")
        without_allowed_networks(settings)
        with publish():
            utils.make_conference(conference_index)

        assert receiver.requests == []
        assert WebhookDelivery.objects.get().error_kind() == DeliveryError.REFUSED

    def test_an_allow_listed_receiver_gets_the_delivery_under_its_name(
        self, publish, receiver, conference_index, settings
    ):
        allowing(settings, "127.0.0.0/8", "::1")
        named = receiver.url.replace("127.0.0.1", "localhost")
        WebhookSubscriber.objects.create(name="Lokal", url=named, secret="s")
        with publish():
            utils.make_conference(conference_index)

        assert receiver.events() == ["page_published"]
        port = named.split(":")[2].split("/")[0]
        assert receiver.requests[0].headers["Host"] == f"localhost:{port}"
        assert WebhookDelivery.objects.get().status_code == 200

    def test_a_redirect_is_logged_and_not_followed(
        self, publish, receiver, subscriber, fast_retries, conference_index
    ):
        receiver.status = 307
        with publish():
            utils.make_conference(conference_index)

        assert len(receiver.requests) == 1
        assert WebhookDelivery.objects.get().status_code == 307
