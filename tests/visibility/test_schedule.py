"""A live page past its expire_at, or before its go_live_at, is hidden at once, searched or listed.

The scheduled-publishing job unpublishes such pages when it next runs; until
then ``public_pages`` leaves them out by their times, or, for a search, by
their ids (``visibility.out_of_schedule``).
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from content_types import visibility

from ..utils import make_conference, pages_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def conferences(world):
    index = world.conference_index
    shown = make_conference(index, title="Schemakonferens som visas")
    expired = make_conference(index, title="Schemakonferens som gått ut")
    early = make_conference(index, title="Schemakonferens som inte börjat")
    now = timezone.now()
    Page.objects.filter(pk=expired.pk).update(expire_at=now - timedelta(minutes=1))
    Page.objects.filter(pk=early.pk).update(go_live_at=now + timedelta(days=1))
    return shown, expired, early


def titles(client, **params):
    response = client.get(pages_url(limit=100, **params))
    assert response.status_code == 200, response.content[:300]
    return {item["title"] for item in response.json()["items"]}


def test_pages_out_of_schedule_are_neither_listed_nor_found(client, conferences):
    shown, expired, early = conferences

    listed = titles(client, type="content_types.ConferencePage")
    found = titles(client, search="Schemakonferens")

    assert shown.title in listed and shown.title in found
    assert not {expired.title, early.title} & (listed | found)


def test_many_pages_out_of_schedule_are_left_out_of_a_search_all_the_same(
    client, conferences, monkeypatch
):
    shown, expired, early = conferences
    monkeypatch.setattr(visibility, "OUT_OF_SCHEDULE_LISTED", 1)

    found = titles(client, search="Schemakonferens")

    assert shown.title in found
    assert not {expired.title, early.title} & found
