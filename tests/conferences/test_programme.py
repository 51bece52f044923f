"""A conference's programme lists its public items only, with or without a request."""

import pytest

from content_types.conferences.programme import public_programme
from content_types.models import ConferencePage

from ..utils import local, make_conference, make_programme_item


@pytest.fixture
def conference(conference_index):
    conference = make_conference(conference_index)
    make_programme_item(conference, title="Inledning", start=local(2025, 6, 10, 9, 0))
    make_programme_item(conference, title="Utkast", start=local(2025, 6, 10, 10, 0), publish=False)
    return ConferencePage.objects.get(pk=conference.pk)


@pytest.mark.django_db
def test_outside_a_request_a_draft_item_is_not_in_the_programme(conference):
    assert [item.title for item in public_programme(conference, None)] == ["Inledning"]


@pytest.mark.django_db
def test_for_a_reader_a_draft_item_is_not_in_the_programme(conference, rf):
    request = rf.get("/api/v2/pages/")
    assert [item.title for item in public_programme(conference, request)] == ["Inledning"]
