"""Brute-force throttling of the password forms (content_types/password_throttling.py).

A page or a collection of documents with a password restriction is opened
through Wagtail's password form. After 10 wrong passwords from one address for
one restriction within 15 minutes of the first, that address is refused for
that restriction, even with the right password, with status 429 and a message
in the visitor's language, until the 15 minutes have passed. Other addresses
and other restrictions are not affected; the right password is not counted.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from content_types.models import ProjectIndexPage

from ..utils import add_page
from ..visibility.states import make_document

pytestmark = pytest.mark.django_db

PASSWORD = "Hemligt-Lösen-7"
ADDRESS = "192.0.2.10"
REFUSED_SV = "För många felaktiga lösenord. Vänta 15 min och försök igen."
REFUSED_NB = "For mange feil passord. Vent 15 min og prøv igjen."


@pytest.fixture
def page(home):
    page = add_page(home, ProjectIndexPage(title="Styrgruppens rum", slug="styrgruppen"))
    page.restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page


@pytest.fixture
def other_page(home):
    page = add_page(home, ProjectIndexPage(title="Arbetsgruppens rum", slug="arbetsgruppen"))
    page.restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page


def password_form_url(page, language="sv"):
    with translation.override(language):
        return reverse(
            "wagtailcore_authenticate_with_password", args=[page.restriction.pk, page.pk]
        )


def enter(client, page, password=PASSWORD, address=ADDRESS, language="sv", **headers):
    return client.post(
        password_form_url(page, language),
        {"password": password, "return_url": page.url},
        REMOTE_ADDR=address,
        headers=headers,
    )


def fail(client, page, times, **kwargs):
    return [enter(client, page, password="fel", **kwargs) for _attempt in range(times)]


def wrong_password_error():
    with translation.override("sv"):
        return escape(
            translation.gettext("The password you have entered is not correct. Please try again.")
        )


def has_passed(client, restriction):
    """Whether the visitor's session holds the restriction as passed."""
    return restriction.pk in client.session.get(
        restriction.passed_view_restrictions_session_key, []
    )


def is_open(client, page):
    """Whether the page itself is shown, rather than its password form."""
    response = client.get(page.url)
    return response.status_code == 200 and b'name="password"' not in response.content


def test_the_right_password_opens_the_page(client, page):
    assert not is_open(client, page)
    response = enter(client, page)
    assert response.status_code == 302
    assert response["Location"] == page.url
    assert is_open(client, page)


def test_ten_wrong_passwords_show_the_form_with_wagtails_error(client, page):
    for response in fail(client, page, 10):
        assert response.status_code == 200
        assert wrong_password_error() in response.content.decode()
        assert REFUSED_SV not in response.content.decode()


def test_the_eleventh_wrong_password_is_refused_with_a_message(client, page):
    fail(client, page, 10)
    response = enter(client, page, password="fel")
    assert response.status_code == 429
    assert REFUSED_SV in response.content.decode()
    assert response["Content-Language"] == "sv"
    assert 890 <= int(response["Retry-After"]) <= 900
    assert "no-store" in response["Cache-Control"]


def test_after_the_limit_the_right_password_is_refused_too(client, page):
    fail(client, page, 10)
    response = enter(client, page)
    assert response.status_code == 429
    assert REFUSED_SV in response.content.decode()
    assert not has_passed(client, page.restriction)
    assert not is_open(client, page)


def test_the_message_is_in_the_language_of_the_page(client, page):
    fail(client, page, 10, language="nb")
    response = enter(client, page, password="fel", language="nb")
    assert response.status_code == 429
    assert REFUSED_NB in response.content.decode()
    assert '<html lang="nb">' in response.content.decode()


def test_other_addresses_are_not_refused(client, page):
    fail(client, page, 11)
    assert enter(client, page, password="fel", address="198.51.100.20").status_code == 200
    assert enter(client, page, address="198.51.100.20").status_code == 302


def test_other_restrictions_are_not_refused_to_the_same_address(client, page, other_page):
    fail(client, page, 11)
    assert enter(client, other_page).status_code == 302
    assert is_open(client, other_page)


def test_the_right_password_is_not_counted_as_a_wrong_one(client, page):
    fail(client, page, 9)
    assert enter(client, page).status_code == 302
    assert fail(client, page, 1)[-1].status_code == 200
    assert fail(client, page, 1)[-1].status_code == 429


def test_the_form_opens_again_when_the_window_has_passed(client, page, settings, clock):
    settings.SAMVERKAN_PASSWORD_THROTTLE = {"FAILURE_LIMIT": 10, "WINDOW": 1}
    fail(client, page, 10)
    refused = enter(client, page)
    assert refused.status_code == 429
    assert "Vänta 1 min" in refused.content.decode()
    clock.shift(1.2)
    assert enter(client, page).status_code == 302
    assert is_open(client, page)


def test_the_limit_and_window_are_settings(client, page, settings):
    settings.SAMVERKAN_PASSWORD_THROTTLE = {"FAILURE_LIMIT": 3, "WINDOW": 300}
    assert [response.status_code for response in fail(client, page, 4)] == [200, 200, 200, 429]
    assert "Vänta 5 min" in enter(client, page).content.decode()


def test_showing_the_form_is_not_an_attempt(client, page):
    for _attempt in range(12):
        assert client.get(page.url, REMOTE_ADDR=ADDRESS).status_code == 200
    assert enter(client, page).status_code == 302


class TestBehindAProxy:
    """With one proxy, the address counted is the one the proxy appended to X-Forwarded-For."""

    PROXY = "10.9.9.9"

    @pytest.fixture(autouse=True)
    def one_proxy(self, settings):
        settings.SAMVERKAN_TRUSTED_PROXY_COUNT = 1

    def test_what_the_client_writes_into_x_forwarded_for_does_not_help_it(self, client, page):
        for attempt in range(10):
            forwarded = f"10.0.0.{attempt}, 203.0.113.7"
            enter(
                client, page, password="fel", address=self.PROXY, **{"X-Forwarded-For": forwarded}
            )
        response = enter(
            client, page, address=self.PROXY, **{"X-Forwarded-For": "10.0.0.99, 203.0.113.7"}
        )
        assert response.status_code == 429

    def test_readers_behind_the_same_proxy_are_told_apart(self, client, page):
        fail(client, page, 11, address=self.PROXY, **{"X-Forwarded-For": "203.0.113.7"})
        response = enter(client, page, address=self.PROXY, **{"X-Forwarded-For": "203.0.113.8"})
        assert response.status_code == 302


class TestDocumentsInAPrivateCollection:
    """The password form of a collection's documents is throttled the same way."""

    @pytest.fixture
    def document(self):
        collection = Collection.get_first_root_node().add_child(name="Styrgruppen")
        restriction = CollectionViewRestriction.objects.create(
            collection=collection,
            restriction_type=CollectionViewRestriction.PASSWORD,
            password=PASSWORD,
        )
        document = make_document("protokoll", collection)
        document.restriction = restriction
        return document

    def enter(self, client, document, password=PASSWORD, address=ADDRESS, **headers):
        url = reverse("wagtaildocs_authenticate_with_password", args=[document.restriction.pk])
        return client.post(
            url,
            {"password": password, "return_url": document.url},
            REMOTE_ADDR=address,
            headers=headers,
        )

    def test_the_right_password_opens_the_document(self, client, document):
        assert client.get(document.url).status_code == 200
        assert b'name="password"' in client.get(document.url).content
        response = self.enter(client, document)
        assert response.status_code == 302
        assert has_passed(client, document.restriction)
        assert b'name="password"' not in client.get(document.url).content

    def test_the_eleventh_wrong_password_is_refused_with_a_message(self, client, document):
        for _attempt in range(10):
            assert self.enter(client, document, password="fel").status_code == 200
        response = self.enter(client, document, password="fel")
        assert response.status_code == 429
        assert REFUSED_SV in response.content.decode()
        assert self.enter(client, document).status_code == 429
        assert not has_passed(client, document.restriction)

    def test_the_message_is_in_the_language_the_browser_asks_for(self, client, document):
        for _attempt in range(10):
            self.enter(client, document, password="fel")
        response = self.enter(client, document, **{"Accept-Language": "nb"})
        assert response.status_code == 429
        assert REFUSED_NB in response.content.decode()

    def test_other_addresses_are_not_refused(self, client, document):
        for _attempt in range(11):
            self.enter(client, document, password="fel")
        assert self.enter(client, document, address="198.51.100.20").status_code == 302
