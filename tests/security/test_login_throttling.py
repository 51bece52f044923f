"""Brute-force throttling of the admin login (samverkan/login_throttling.py, django-axes).

After LOGIN_FAILURE_LIMIT failed attempts for one user name from one address,
that user name is refused from that address, even with the right password,
with a message on the login form and status 429, until the cool-off has
passed. Other user names and other addresses are not affected. After
LOGIN_ADDRESS_FAILURE_LIMIT failed attempts from one address, whatever the user
names, every login from that address is refused the same way.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import translation
from django.utils.html import escape
from samverkan.login_throttling import LoginForm

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/"
PASSWORD = "rätt-Lösenord-1"
# The admin speaks the site's language (Swedish) to a visitor who is not logged in.
LOCKED = "För många misslyckade inloggningsförsök. Vänta 15 min och försök igen."


@pytest.fixture(autouse=True)
def throttling(settings):
    settings.AXES_ENABLED = True
    settings.SAMVERKAN_LOGIN_FAILURE_LIMIT = 3
    settings.SAMVERKAN_LOGIN_ADDRESS_FAILURE_LIMIT = 6
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("redaktor", "redaktor@example.org", PASSWORD)


def log_in(client, username="redaktor", password=PASSWORD, address="192.0.2.10", **headers):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        headers=headers,
    )


def is_logged_in(client):
    return "_auth_user_id" in client.session


def fail(client, times, **kwargs):
    return [log_in(client, password="fel", **kwargs) for _attempt in range(times)]


def test_the_right_password_logs_in(client, editor):
    response = log_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert is_logged_in(client)


def usual_error():
    with translation.override("sv"):
        return escape(LoginForm().get_invalid_login_error().messages[0])


def test_failures_below_the_limit_show_the_usual_error(client, editor):
    for response in fail(client, 2):
        assert response.status_code == 200
        assert usual_error() in response.content.decode()
        assert LOCKED not in response.content.decode()
    assert log_in(client).status_code == 302


def test_at_the_limit_the_login_is_refused_with_a_message_even_with_the_right_password(
    client, editor
):
    *_earlier, last = fail(client, 3)
    assert last.status_code == 429
    assert LOCKED in last.content.decode()
    assert b'name="password"' in last.content  # the login form, not a bare error page

    response = log_in(client)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not is_logged_in(client)


def test_the_message_is_in_the_language_the_browser_asks_for(client, editor):
    fail(client, 2)
    response = log_in(client, password="fel", **{"Accept-Language": "nb"})
    assert response.status_code == 429
    assert (
        "For mange mislykkede påloggingsforsøk. Vent 15 min og prøv igjen."
        in response.content.decode()
    )


def test_other_user_names_and_other_addresses_may_still_log_in(client, editor, django_user_model):
    django_user_model.objects.create_superuser("kollega", "kollega@example.org", PASSWORD)
    fail(client, 3)
    assert log_in(client, username="kollega").status_code == 302
    client.logout()
    assert log_in(client, address="198.51.100.20").status_code == 302


def test_the_login_works_again_after_the_cool_off(client, editor, settings, clock):
    settings.AXES_COOLOFF_TIME = timedelta(seconds=1)
    fail(client, 3)
    assert log_in(client).status_code == 429
    clock.shift(1.2)
    response = log_in(client)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_a_success_does_not_clear_the_count_of_failures(client, editor):
    """It would clear the address's count too, for anyone with an account to log in with."""
    fail(client, 2)
    assert log_in(client).status_code == 302
    client.logout()
    response = log_in(client, password="fel")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()


def test_failures_are_recorded_for_the_user_name_and_address(client, editor):
    fail(client, 2)
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == (
        "redaktor",
        "192.0.2.10",
        2,
    )


class TestManyUserNamesFromOneAddress:
    """Trying user names one after another from one address is throttled per address."""

    def try_user_names(self, client, count, **kwargs):
        return [
            log_in(client, username=f"gissning{number}", password="fel", **kwargs)
            for number in range(count)
        ]

    def test_below_the_address_limit_each_gets_the_usual_error(self, client, editor):
        for response in self.try_user_names(client, 5):
            assert response.status_code == 200
            assert usual_error() in response.content.decode()

    def test_at_the_address_limit_every_login_from_it_is_refused(self, client, editor):
        *_earlier, last = self.try_user_names(client, 6)
        assert last.status_code == 429
        assert LOCKED in last.content.decode()

        response = log_in(client)
        assert response.status_code == 429
        assert LOCKED in response.content.decode()
        assert not is_logged_in(client)

    def test_other_addresses_may_still_log_in(self, client, editor):
        self.try_user_names(client, 6)
        assert log_in(client, address="198.51.100.20").status_code == 302

    def test_a_success_from_the_address_does_not_clear_its_count(self, client, editor):
        self.try_user_names(client, 5)
        assert log_in(client).status_code == 302
        client.logout()
        assert self.try_user_names(client, 1)[-1].status_code == 429

    def test_the_address_works_again_after_the_cool_off(self, client, editor, settings, clock):
        settings.AXES_COOLOFF_TIME = timedelta(seconds=1)
        self.try_user_names(client, 6)
        assert log_in(client).status_code == 429
        clock.shift(1.2)
        assert log_in(client).status_code == 302


class TestBehindAProxy:
    """With TRUSTED_PROXY_COUNT proxies, the address is the one the outermost proxy appended."""

    @pytest.fixture(autouse=True)
    def one_proxy(self, settings):
        settings.SAMVERKAN_TRUSTED_PROXY_COUNT = 1

    def test_what_the_client_writes_into_x_forwarded_for_does_not_help_it(self, client, editor):
        for forged in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
            response = log_in(
                client,
                password="fel",
                address="10.9.9.9",
                **{"X-Forwarded-For": f"{forged}, 203.0.113.7"},
            )
        assert response.status_code == 429
        assert AccessAttempt.objects.get().ip_address == "203.0.113.7"

    def test_readers_behind_the_same_proxy_are_told_apart(self, client, editor):
        fail(client, 3, address="10.9.9.9", **{"X-Forwarded-For": "203.0.113.7"})
        response = log_in(client, address="10.9.9.9", **{"X-Forwarded-For": "203.0.113.8"})
        assert response.status_code == 302


def test_the_test_suite_runs_without_throttling(client, editor, settings):
    """Tests log in with the test client's login(), which django-axes would refuse."""
    settings.AXES_ENABLED = False
    fail(client, 5)
    assert client.login(username="redaktor", password=PASSWORD)
