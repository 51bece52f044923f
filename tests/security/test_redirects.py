"""No open redirects: the admin's login and logout send people only to this site."""

from urllib.parse import urlencode, urlsplit

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "rätt-Lösenord-1"
ELSEWHERE = [
    "https://evil.example/",
    "//evil.example/",
    "http://evil.example/admin/",
    "/\\evil.example/",
    "https:evil.example",
    " https://evil.example/",
    "javascript:alert(1)",
]


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("redaktor", "redaktor@example.org", PASSWORD)


def stays_on_the_site(location):
    parts = urlsplit(location)
    return not parts.scheme and not parts.netloc and location.startswith("/")


def log_in(client, next_url):
    return client.post(
        "/admin/login/?" + urlencode({"next": next_url}),
        {"username": "redaktor", "password": PASSWORD, "next": next_url},
    )


def test_the_login_follows_next_within_the_site(client, editor):
    response = log_in(client, "/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"


@pytest.mark.parametrize("next_url", ELSEWHERE)
def test_the_login_never_sends_anyone_elsewhere(client, editor, next_url):
    response = log_in(client, next_url)
    assert response.status_code == 302
    assert stays_on_the_site(response["Location"]), response["Location"]
    assert response["Location"] == "/admin/"


def test_the_logout_follows_next_within_the_site(client, editor):
    client.force_login(editor)
    response = client.post("/admin/logout/?next=/admin/login/%3Fbye%3D1")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?bye=1"


@pytest.mark.parametrize("next_url", ELSEWHERE)
def test_the_logout_never_sends_anyone_elsewhere(client, editor, next_url):
    client.force_login(editor)
    response = client.post("/admin/logout/?" + urlencode({"next": next_url}))
    assert response.status_code == 302
    assert stays_on_the_site(response["Location"]), response["Location"]
    assert "_auth_user_id" not in client.session
