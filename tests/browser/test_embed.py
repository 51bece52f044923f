"""The embeddable elements on a library's page on another origin, under a strict CSP.

The host page (``host_site.py``) allows scripts, connections and styles from
the Samverkan origin only and nothing inline; every test checks that the
elements caused no refusal. The browser's time zone is São Paulo's
(conftest.READER_TIME_ZONE): times are right only in the event's own zone.
"""

import socket

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale

from .. import utils
from . import accessibility
from .conftest import READER_TIME_ZONE, TIMEOUT_MS, VIEWPORT
from .content import TVINNING_DAY
from .host_site import (
    HostSite,
    PolicyWatch,
    event_titles,
    open_host_page,
    page_html,
    programme,
    strict_policy,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FALLBACK_SV = "Programmet på Samverkans webbplats"
FALLBACK_NB = "Programmet på Samverkans nettsted"
NARROW = {"width": 375, "height": 800}


@pytest.fixture
def host(servers):
    with HostSite(strict_policy(servers.api)) as site:
        yield site


def api_requests(page, servers):
    """The requests the page makes to the API, as they are made."""
    requests = []
    page.on(
        "request",
        lambda request: (
            requests.append(request.url) if request.url.startswith(f"{servers.api}/api/") else None
        ),
    )
    return requests


def programme_page(servers, conference, page_lang, fallback, **attributes):
    """A host page in ``page_lang`` with the programme; ``attributes`` go on the element."""
    extra = "".join(f' {name}="{value}"' for name, value in attributes.items())
    return page_html(
        servers.api,
        f'<samverkan-programme conference="{conference.pk}"{extra}>'
        f'<a href="{conference.full_url}">{fallback}</a></samverkan-programme>',
        lang=page_lang,
    )


def shadow(page, selector, inner):
    return page.locator(selector).locator(inner)


def test_the_programme_in_swedish_with_speakers_and_times_in_stockholm(
    servers, host, new_page, screenshots, tvinning
):
    swedish, _norwegian = tvinning
    url = host.put("/program.html", programme_page(servers, swedish, "sv", FALLBACK_SV, lang="sv"))
    page = new_page()
    watch = PolicyWatch(page)
    requests = api_requests(page, servers)

    open_host_page(page, url)

    element = page.locator("samverkan-programme")
    expect(element).to_have_attribute("data-state", "ready")
    expect(element.get_by_role("heading", level=2)).to_have_text(swedish.title)
    expect(element.locator(".zone")).to_have_text(
        "Alla tider i centraleuropeisk sommartid (Europe/Stockholm)."
    )
    expect(element.locator(".span")).to_have_text("20 oktober 2009 10:00–16:30")
    expect(element.locator(".span time").first).to_have_attribute(
        "datetime", "2009-10-20T10:00:00+02:00"
    )
    assert programme(page) == [TVINNING_DAY]
    day = element.locator("section.day")
    expect(day.get_by_role("heading", level=3).locator("time")).to_have_attribute(
        "datetime", "2009-10-20"
    )
    first_item = swedish.get_children().first()
    expect(
        element.get_by_role("link", name="Lägg till i kalendern: Registrering och kaffe")
    ).to_have_attribute(
        "href", f"{servers.api}/api/v2/calendar/programme-items/{first_item.pk}.ics"
    )
    expect(element.get_by_role("link", name="Lägg till konferensen i kalendern")).to_have_attribute(
        "href", f"{servers.api}/api/v2/calendar/conferences/{swedish.pk}.ics"
    )
    expect(element.get_by_role("link", name="Anmälan")).to_have_attribute(
        "href", "mailto:regionbiblioteket@kultur.stockholm.se"
    )
    expect(
        element.get_by_role("link", name=f"Konferensens sida: {swedish.title}")
    ).to_have_attribute("href", f"{servers.api}/sv/konferenser/{swedish.slug}/")
    expect(element.locator(".place")).to_have_text("Plats: Aros Congress Center, Västerås")
    # The element's own link is replaced by what was read.
    expect(page.get_by_role("link", name=FALLBACK_SV)).to_be_hidden()
    # The links are reached with the keyboard, and the one in focus shows it.
    page.keyboard.press("Tab")
    focused = element.locator("a:focus")
    expect(focused).to_have_text("Anmälan")
    assert focused.evaluate("(a) => getComputedStyle(a).outlineStyle") == "solid"
    screenshots.take(page, "programme-sv-1280")

    page.set_viewport_size(NARROW)
    screenshots.take(page, "programme-sv-375")
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    page.emulate_media(media="print")
    expect(element.get_by_role("link", name="Lägg till konferensen i kalendern")).to_be_hidden()
    page.emulate_media(media="screen")

    assert requests == [f"{servers.api}/api/v2/pages/{swedish.pk}/"]
    assert watch.violations() == []


def test_the_norwegian_translation_in_norwegian_from_the_pages_language(
    servers, host, new_page, screenshots, tvinning
):
    _swedish, norwegian = tvinning
    # No lang attribute: the element speaks the host page's language.
    url = host.put("/program-nb.html", programme_page(servers, norwegian, "nb", FALLBACK_NB))
    page = new_page()
    watch = PolicyWatch(page)
    requests = api_requests(page, servers)

    open_host_page(page, url)

    element = page.locator("samverkan-programme")
    expect(element.get_by_role("heading", level=2)).to_have_text(
        "Bibliotekutvikling gjennom samarbeid – Tvinningprosjektets sluttkonferanse"
    )
    expect(element.locator(".zone")).to_have_text(
        "Alle tider i sentraleuropeisk sommertid (Europe/Stockholm)."
    )
    [day] = programme(page)
    assert day["heading"] == "tirsdag 20. oktober 2009"
    assert day["items"][0] == {
        "time": "09:00–10:00",
        "title": "Registrering og kaffe",
        "speakers": [],
    }
    assert day["items"][1]["speakers"] == ["Cecilia Gärdén, Institutionen Bibliotekshögskolan"]
    assert day["items"][-1]["title"] == "Boklansering!"
    expect(element.get_by_role("link", name="Legg konferansen til i kalenderen")).to_be_visible()
    expect(element.get_by_role("link", name="Påmelding")).to_be_visible()
    screenshots.take(page, "programme-nb-1280")
    page.set_viewport_size(NARROW)
    screenshots.take(page, "programme-nb-375")

    assert requests == [f"{servers.api}/api/v2/pages/{norwegian.pk}/"]
    assert watch.violations() == []


def events_page(servers, lang="sv"):
    return page_html(
        servers.api,
        """
        <samverkan-events id="upcoming"><a href="https://cms.example.se/sv/konferenser/">Konferenser</a></samverkan-events>
        <samverkan-events id="meetings" kind="network_meeting" heading-level="3" limit="5"><a href="https://cms.example.se/sv/konferenser/">Nätverksmöten</a></samverkan-events>
        <samverkan-events id="past" when="past"><a href="https://cms.example.se/sv/konferenser/">Tidigare konferenser</a></samverkan-events>
        """,
        lang=lang,
    )


def test_upcoming_and_past_events_are_listed_with_one_request_each(
    servers, host, new_page, screenshots, tvinning, example_conferences
):
    conference, meeting = example_conferences
    url = host.put("/konferenser.html", events_page(servers))
    page = new_page()
    watch = PolicyWatch(page)
    requests = api_requests(page, servers)

    open_host_page(page, url)

    assert event_titles(page, "#upcoming") == [conference.title, meeting.title]
    assert event_titles(page, "#meetings") == [meeting.title]
    assert event_titles(page, "#past") == [tvinning[0].title]
    upcoming = page.locator("#upcoming")
    expect(upcoming.get_by_role("heading", level=2)).to_have_text(
        "Kommande konferenser och seminarier"
    )
    expect(upcoming.get_by_role("link", name=meeting.title)).to_have_attribute(
        "href", f"{servers.api}/sv/konferenser/{meeting.slug}/"
    )
    expect(page.locator("#meetings").get_by_role("heading", level=4)).to_have_text(meeting.title)
    expect(page.locator("#past").locator("li.event .meta")).to_have_text(
        "Konferens · 20 oktober 2009 10:00–16:30 (CEST) · Aros Congress Center, Västerås"
    )
    screenshots.take(page, "events-1280")
    page.set_viewport_size(NARROW)
    screenshots.take(page, "events-375")

    assert len(requests) == 3
    assert all("/api/v2/pages/?" in request for request in requests)
    assert any(
        "upcoming=true" in r and "kind=network_meeting" in r and "limit=5" in r for r in requests
    )
    assert any("past=true" in request for request in requests)
    assert watch.violations() == []


def closed_origin():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def test_an_api_that_does_not_answer_leaves_the_link_and_says_so_politely(
    servers, host, new_page, screenshots, tvinning
):
    swedish, norwegian = tvinning
    closed = closed_origin()
    host.policy = strict_policy(servers.api, connect=(closed,))
    url = host.put("/program.html", programme_page(servers, swedish, "sv", FALLBACK_SV, api=closed))
    page = new_page()
    watch = PolicyWatch(page)

    open_host_page(page, url)

    element = page.locator("samverkan-programme")
    expect(element).to_have_attribute("data-state", "failed")
    status = element.get_by_role("status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text(
        "Det gick inte att hämta från Samverkan just nu. Länken nedan fungerar."
    )
    expect(page.get_by_role("link", name=FALLBACK_SV)).to_be_visible()
    expect(element.get_by_role("heading")).to_have_count(0)
    screenshots.take(page, "unreachable")
    assert watch.violations() == []

    # A conference that is not there (a draft, a wrong id) also keeps the link, in Norwegian.
    draft = utils.make_conference(swedish.get_parent().specific, title="Utkast", publish=False)
    url = host.put("/utkast.html", programme_page(servers, draft, "nb", FALLBACK_NB))
    open_host_page(page, url)
    expect(page.locator("samverkan-programme").get_by_role("status")).to_have_text(
        "Konferansen finnes ikke, eller er ikke publisert. Lenken nedenfor virker."
    )
    expect(page.get_by_role("link", name=FALLBACK_NB)).to_be_visible()
    expect(page.get_by_text("Utkast")).to_have_count(0)
    screenshots.take(page, "not-found-nb")


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_axe_finds_no_violations_on_a_host_page_with_both_elements(
    servers, host, chromium, tvinning, example_conferences, lang
):
    """axe runs in a context that ignores the host's CSP: its script is injected inline,
    which the policy refuses (as it should). The CSP itself is checked by the tests above."""
    conference = tvinning[0] if lang == "sv" else tvinning[1]
    fallback = FALLBACK_SV if lang == "sv" else FALLBACK_NB
    body = (
        f'<samverkan-programme conference="{conference.pk}"><a href="{conference.full_url}">'
        f"{fallback}</a></samverkan-programme>"
        '<samverkan-events id="upcoming"><a href="https://cms.example.se/">Konferenser</a></samverkan-events>'
        '<samverkan-events when="past"><a href="https://cms.example.se/">Tidigare</a></samverkan-events>'
    )
    url = host.put(f"/alla-{lang}.html", page_html(servers.api, body, lang=lang))
    context = chromium.new_context(
        viewport=VIEWPORT, timezone_id=READER_TIME_ZONE, locale="en-US", bypass_csp=True
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        open_host_page(page, url)
        for element in page.locator("samverkan-programme, samverkan-events").all():
            expect(element).to_have_attribute("data-state", "ready")
        locale = Locale.objects.get(language_code=lang)
        in_language = [example.get_translation(locale) for example in example_conferences]
        assert event_titles(page, "#upcoming") == [example.title for example in in_language]
        assert accessibility.violations(page) == []
        page.set_viewport_size(NARROW)
        assert accessibility.violations(page) == []
    finally:
        context.close()
