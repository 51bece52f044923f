"""Migration 0006: versions of a person saved before the rule take their source's contact flags."""

from importlib import import_module

import pytest
from django.apps import apps

from content_types.models import Person

from ..utils import make_person

pytestmark = pytest.mark.django_db

migration = import_module("content_types.migrations.0006_contact_flags_follow_source")


def test_translations_saved_before_take_their_sources_flags(anna, nb_anna):
    Person.objects.filter(pk=anna.pk).update(email_is_public=False, phone_is_public=False)
    # How a translation looked before: it kept the flags it was made with.
    Person.objects.filter(pk=nb_anna.pk).update(email_is_public=True, phone_is_public=True)
    untouched = make_person("Bo Berg", email="bo@example.se", email_is_public=True)

    migration.follow_source(apps, None)

    nb_anna.refresh_from_db()
    assert (nb_anna.email_is_public, nb_anna.phone_is_public) == (False, False)
    anna.refresh_from_db()
    assert (anna.email_is_public, anna.phone_is_public) == (False, False)
    untouched.refresh_from_db()
    assert untouched.email_is_public is True
