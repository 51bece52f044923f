"""The example external site (examples/external-site/) reads the API from another origin.

The browser's time zone is São Paulo's (conftest.READER_TIME_ZONE): times are
right only when the site shows them in the event's own zone.
"""

import socket

import pytest
from playwright.sync_api import expect

from .. import utils
from . import public
from .content import TVINNING_DAY

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_tvinning_programme_is_shown_with_its_times_in_stockholm(
    servers, new_page, screenshots, tvinning
):
    tvinning, _norwegian = tvinning

    page = new_page()
    public.open_example_site(page, servers)
    page.get_by_role("link", name="Visa tidigare konferenser").click()
    page.get_by_role("link", name=tvinning.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tvinning.title)
    screenshots.take(page, "tvinning")

    expect(page.locator(".when")).to_have_text("20 oktober 2009 10:00–16:30")
    expect(page.get_by_text("Registreringen öppnar 09:00")).to_be_visible()
    expect(
        page.get_by_text("Alla tider i centraleuropeisk sommartid (Europe/Stockholm).")
    ).to_be_visible()
    assert public.programme(page) == [TVINNING_DAY]
    expect(page.locator("section.venue")).to_contain_text("Aros Congress Center")
    [event] = public.structured_data(page)
    assert event["startDate"] == "2009-10-20T10:00:00+02:00"

    page.get_by_role("link", name="Norsk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bibliotekutvikling gjennom samarbeid – Tvinningprosjektets sluttkonferanse"
    )
    screenshots.take(page, "tvinning-norwegian")
    [day] = public.programme(page)
    assert day["heading"] == "tirsdag 20. oktober 2009"
    assert day["items"][0] == {
        "time": "09:00–10:00",
        "title": "Registrering og kaffe",
        "speakers": [],
    }
    assert [item["title"] for item in day["items"]][-1] == "Boklansering!"


def test_a_conference_without_a_programme_says_so(servers, new_page, screenshots, tree):
    conference = utils.make_conference(
        tree["conference_index"],
        title="Nätverksträff för skolbibliotek",
        start=utils.local(2030, 3, 4, 13, 0),
        end=utils.local(2030, 3, 4, 16, 0),
    )
    page = new_page()
    public.open_example_site(page, servers, conference=conference.pk)
    expect(page.get_by_role("heading", level=1)).to_have_text(conference.title)
    expect(page.get_by_text("Programmet är inte publicerat ännu.")).to_be_visible()
    assert public.programme(page) == []
    [event] = public.structured_data(page)
    assert event["name"] == conference.title
    screenshots.take(page, "empty-programme")


def test_a_conference_that_is_not_published_is_not_found(servers, new_page, screenshots, tree):
    draft = utils.make_conference(tree["conference_index"], title="Hemligt utkast", publish=False)
    page = new_page()
    public.open_example_site(page, servers, conference=draft.pk)
    expect(page.get_by_role("alert")).to_have_text(
        "Konferensen finns inte, eller är inte publicerad."
    )
    expect(page.get_by_text("Hemligt utkast")).to_have_count(0)
    assert public.structured_data(page) == []
    screenshots.take(page, "not-found")


def test_an_api_that_does_not_answer_is_reported(servers, new_page, screenshots):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    page = new_page()
    public.open_example_site(page, servers, api=closed, lang="nb")
    expect(page.get_by_role("alert")).to_have_text(
        f"Fikk ikke kontakt med Samverkan på {closed}. Prøv igjen om litt."
    )
    screenshots.take(page, "unreachable")


def test_an_origin_nobody_configured_may_still_read_the_public_api(
    servers, new_page, screenshots, settings, tree
):
    """The public endpoints answer every origin; the configured ones are for the rest."""
    utils.make_conference(
        tree["conference_index"],
        title="Biblioteksdagarna",
        start=utils.local(2030, 6, 10, 9, 0),
        end=utils.local(2030, 6, 11, 16, 0),
    )
    settings.CORS_ALLOWED_ORIGINS = []
    page = new_page()
    public.open_example_site(page, servers)
    expect(page.get_by_role("link", name="Biblioteksdagarna")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)
    screenshots.take(page, "origin-not-configured")
