"""`manage.py ensure_admin` creates the administrator once and never resets the password."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

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
