"""The demo content for the feed tests that read the demo conferences."""

import pytest
from django.db import transaction

from content_types.models import ConferencePage, ProgrammeItemPage


@pytest.fixture(scope="module")
def demo(demo_content, django_db_blocker):
    """The demo content, laid down for a test module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_content.lay_down()
        transaction.set_rollback(True)


@pytest.fixture
def tvinning(demo):
    """Tvinning's final conference, Västerås, 20 October 2009 at 10:00 in Stockholm."""
    return ConferencePage.objects.get(slug="tvinning-slutkonferens-2009")


@pytest.fixture
def troms(demo):
    """The Troms library-room seminar, 20 November 2013; a bus leaves at 11:00 in Oslo."""
    return ConferencePage.objects.get(slug="bibliotekromseminar-2013")


@pytest.fixture
def troms_bus(troms):
    return ProgrammeItemPage.objects.child_of(troms).order_by("start", "path").first()
