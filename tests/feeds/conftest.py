"""The demo conferences for the feed tests that read them (``demo``: tests/conftest.py)."""

import pytest

from content_types.models import ConferencePage, ProgrammeItemPage


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
