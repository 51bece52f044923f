"""Revisions, comparing revisions and locking work for every page type."""

import pytest
from django.urls import reverse

from .. import utils

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(project_index, network_index, conference_index):
    conference = utils.make_conference(conference_index, title="Biblioteksdagarna")
    return [
        utils.make_project(project_index, title="Läslyftet"),
        utils.make_network(network_index, title="Läsnätverket"),
        conference,
        utils.make_programme_item(conference, title="Inledning"),
    ]


def test_two_revisions_of_every_page_type_can_be_compared(admin_client, pages):
    for page in pages:
        first = page.get_latest_revision()
        page.title = f"{page.title} (ändrad)"
        second = page.save_revision()
        url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk])
        response = admin_client.get(url)
        assert response.status_code == 200, page
        assert "(ändrad)" in response.content.decode()


def test_every_page_type_can_be_locked_and_unlocked(admin_client, pages):
    for page in pages:
        admin_client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
        page.refresh_from_db()
        assert page.locked, page
        admin_client.post(reverse("wagtailadmin_pages:unlock", args=[page.pk]))
        page.refresh_from_db()
        assert not page.locked, page
