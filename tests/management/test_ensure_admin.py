"""`manage.py ensure_admin` creates the administrator once and never resets the password;
a password it is given must pass the site's password validators."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation

pytestmark = pytest.mark.django_db


def run():
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


def test_creates_a_superuser_with_a_printed_password_that_works(settings, client):
    settings.SAMVERKAN_ADMIN = {"USERNAME": "redaktor", "PASSWORD": "", "EMAIL": "r@example.org"}
    output = run()
    password = output.strip().rsplit(" ", 1)[-1]
    user = get_user_model().objects.get(username="redaktor")
    assert user.is_superuser
    assert client.login(username="redaktor", password=password)


def test_uses_the_password_from_the_environment_without_printing_it(settings, client):
    settings.SAMVERKAN_ADMIN = {"USERNAME": "admin", "PASSWORD": "s3cret-Pass", "EMAIL": ""}
    output = run()
    assert "s3cret-Pass" not in output
    assert client.login(username="admin", password="s3cret-Pass")


def test_a_second_run_leaves_the_existing_account_alone(settings, client):
    settings.SAMVERKAN_ADMIN = {"USERNAME": "admin", "PASSWORD": "first-Pass1", "EMAIL": ""}
    run()
    settings.SAMVERKAN_ADMIN = {"USERNAME": "admin", "PASSWORD": "other-Pass2", "EMAIL": ""}
    assert "already exists" in run()
    assert client.login(username="admin", password="first-Pass1")
    assert get_user_model().objects.count() == 1


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("kort1", "too short"),
        ("qwertyuiop", "too common"),
        ("83917502846", "entirely numeric"),
        ("redaktor-2025", "too similar to the username"),
    ],
)
def test_a_weak_password_from_the_environment_creates_nobody(settings, password, problem):
    settings.SAMVERKAN_ADMIN = {"USERNAME": "redaktor", "PASSWORD": password, "EMAIL": ""}
    with translation.override("en"), pytest.raises(CommandError) as refused:
        run()
    assert "ADMIN_PASSWORD is too weak" in str(refused.value)
    assert problem in str(refused.value)
    assert password not in str(refused.value)
    assert not get_user_model().objects.filter(username="redaktor").exists()
