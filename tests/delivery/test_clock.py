"""What the clock alone changes is rendered again when its moment comes (``valid_until``).

No editor acts and no job runs: a representation is kept until the first
moment its output would change by the time (a live page's go-live or expiry,
a registration closing, a meeting passing), and the first read after it
renders the page again. The ``clock`` fixture moves this process's time on.
"""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from content_types.delivery import store
from content_types.delivery.models import Representation

from ..utils import STOCKHOLM, make_programme_item, page_detail_url
from .conftest import ids

pytestmark = pytest.mark.django_db

REGISTRATION_OPEN = "https://schema.org/InStock"
REGISTRATION_CLOSED = "https://schema.org/SoldOut"


def detail(client, page):
    response = client.get(page_detail_url(page))
    assert response.status_code == 200, response.content[:300]
    return response.json()


def programme_titles(client, conference):
    return [item["title"] for item in detail(client, conference)["programme"]]


def on_day(day, hour, minute=0, second=0):
    """A moment of ``day`` in Stockholm, as a timestamp for the clock."""
    return datetime.combine(day, time(hour, minute, second), tzinfo=STOCKHOLM).timestamp()


def render_a_page_meanwhile(client, page):
    """A reader asks for a page the store does not hold: it is rendered, and the page schedule
    of the content generation is read and kept (``caching.current_generation``)."""
    store.forget([page.pk])
    assert client.get(page_detail_url(page)).status_code == 200


def test_a_programme_item_whose_go_live_at_passes_joins_the_programme_then(
    world, commit, client, clock
):
    """A live page is hidden until its ``go_live_at`` (``visibility.public_pages``) and shown
    from then on, though the scheduled-publishing job never runs."""
    conference = world.conference
    assert programme_titles(client, conference) == ["Inledning", "Fika"]
    render_a_page_meanwhile(client, world.panel)
    goes_live = timezone.now() + timedelta(hours=1)
    with commit():
        item = make_programme_item(conference, title="Avslutning")
        Page.objects.filter(pk=item.pk).update(go_live_at=goes_live)

    assert programme_titles(client, conference) == ["Inledning", "Fika"]
    assert Representation.objects.get(page_id=conference.pk).valid_until == goes_live

    clock.move_to((goes_live + timedelta(seconds=1)).timestamp())

    assert programme_titles(client, conference) == ["Inledning", "Fika", "Avslutning"]
    assert client.get(page_detail_url(item)).status_code == 200


def test_a_linked_project_that_expires_leaves_the_conference_when_it_expires(
    world, commit, client, clock
):
    conference = world.conference
    assert detail(client, conference)["related_project"]["title"] == "Läslyftet"
    render_a_page_meanwhile(client, world.panel)
    expires = timezone.now() + timedelta(hours=1)
    with commit():
        project = world.project
        project.expire_at = expires
        project.save_revision().publish()

    assert detail(client, conference)["related_project"]["title"] == "Läslyftet"

    clock.move_to((expires + timedelta(seconds=1)).timestamp())

    assert detail(client, conference)["related_project"] is None
    assert "Läslyftet" not in client.get(page_detail_url(world.nb_conference)).content.decode()
    assert client.get(page_detail_url(project)).status_code == 404


def test_a_conferences_offer_closes_when_its_registration_deadline_day_ends(world, client, clock):
    deadline = world.conference.registration_deadline

    clock.move_to(on_day(deadline, 23, 59, 30))
    assert detail(client, world.conference)["json_ld"]["offers"]["availability"] == (
        REGISTRATION_OPEN
    )

    clock.move_to(on_day(deadline + timedelta(days=1), 0, 0, 30))
    for page in (world.conference, world.nb_conference):
        offer = detail(client, page)["json_ld"]["offers"]
        assert offer["availability"] == REGISTRATION_CLOSED


def test_a_networks_meeting_leaves_its_upcoming_meetings_the_day_after_it(
    world, client, clock, store_state
):
    network = world.network
    (meeting,) = network.meetings.all()

    clock.move_to(on_day(meeting.date, 23, 59))
    assert [entry["title"] for entry in detail(client, network)["upcoming_meetings"]] == [
        "Höstmöte"
    ]
    assert store_state.rendered_again() == set()

    clock.move_to(on_day(meeting.date + timedelta(days=1), 0, 1))
    assert detail(client, network)["upcoming_meetings"] == []
    assert store_state.rendered_again() == ids(network)
