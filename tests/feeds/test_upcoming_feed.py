"""The feed of every upcoming public conference, in one language or in all."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from content_types.models import ConferenceIndexPage, ConferencePage

from ..utils import add_page, make_conference, make_venue
from .helpers import event_of, fetch, queries_for, summaries, upcoming_url

pytestmark = pytest.mark.django_db


def days_from_now(days, hours=0):
    """A whole minute: calendars count in seconds, and the database in microseconds."""
    return timezone.now().replace(second=0, microsecond=0) + timedelta(days=days, hours=hours)


@pytest.fixture(scope="module")
def content(site_tree, django_db_blocker):
    with django_db_blocker.unblock():
        return build_content(site_tree)


def build_content(tree):
    index = tree["conference_index"]
    nb = Locale.objects.get(language_code="nb")
    nb_index = add_page(
        tree["nb_home"], ConferenceIndexPage(title="Konferanser", slug="konferanser", locale=nb)
    )

    def conference(title, starts_in_days, lasting_days=1, parent=index, **kwargs):
        start = days_from_now(starts_in_days)
        return make_conference(
            parent, title=title, start=start, end=start + timedelta(days=lasting_days), **kwargs
        )

    c = {"nb_index": nb_index}
    c["soon"] = conference("Läsfrämjardagen", 10)
    c["ongoing"] = conference("Pågående konferensen", -1, lasting_days=2)
    c["later"] = conference("Biblioteksmötet i Helsingfors", 60, timezone="Europe/Helsinki")
    c["ended"] = conference("Förra årets konferens", -30)
    shared_venue = make_venue(name="Stadsbiblioteket")
    norwegian_venue = shared_venue.copy_for_translation(nb)
    norwegian_venue.name = "Stadsbiblioteket (bokmål)"
    norwegian_venue.save()
    c["norwegian"] = conference(
        "Bibliotekmøtet", 20, parent=nb_index, locale=nb, venue=shared_venue
    )

    c["draft"] = conference("Utkast", 15, publish=False)
    c["private"] = conference("Internt möte", 15)
    PageViewRestriction.objects.create(page=c["private"], restriction_type="login")
    c["expired"] = conference("Borttagen", 15)
    c["not_yet_live"] = conference("Hemlig", 15)
    ConferencePage.objects.filter(pk=c["expired"].pk).update(expire_at=timezone.now())
    ConferencePage.objects.filter(pk=c["not_yet_live"].pk).update(go_live_at=days_from_now(1))
    return c


def test_every_upcoming_public_conference_is_one_event_soonest_first(client, content):
    calendar = fetch(client, upcoming_url())

    assert summaries(calendar) == [
        "Pågående konferensen",
        "Läsfrämjardagen",
        "Bibliotekmøtet",
        "Biblioteksmötet i Helsingfors",
    ]


def test_a_conference_that_has_ended_is_left_out_one_still_going_on_is_not(client, content):
    titles = summaries(fetch(client, upcoming_url()))

    assert content["ended"].title not in titles
    assert content["ongoing"].title in titles


def test_draft_private_expired_and_not_yet_live_conferences_never_appear(client, content):
    titles = summaries(fetch(client, upcoming_url()))

    for hidden in ("draft", "private", "expired", "not_yet_live"):
        assert content[hidden].title not in titles, hidden


def test_a_locale_gives_the_conferences_in_that_language(client, content):
    norwegian = fetch(client, upcoming_url(locale="nb"))
    swedish = fetch(client, upcoming_url(locale="sv"))

    assert summaries(norwegian) == ["Bibliotekmøtet"]
    assert "Bibliotekmøtet" not in summaries(swedish)
    assert len(swedish.events) == 3


def test_each_conference_is_at_its_venue_in_its_own_language(client, content):
    event = event_of(fetch(client, upcoming_url()), content["norwegian"])

    assert str(event["LOCATION"]).startswith("Stadsbiblioteket (bokmål), ")


def test_each_zone_used_has_its_vtimezone(client, content, settings):
    calendar = fetch(client, upcoming_url())

    assert sorted(zone.tz_name for zone in calendar.timezones) == [
        "Europe/Helsinki",
        "Europe/Stockholm",
    ]
    helsinki = event_of(calendar, content["later"])
    assert helsinki["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert helsinki.start == content["later"].start
    assert str(calendar["X-WR-TIMEZONE"]) == settings.TIME_ZONE


def test_the_calendar_is_named_after_the_site_and_served_inline(client, content):
    response = client.get(upcoming_url(locale="nb"))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="conferences-nb.ics"'
    calendar = fetch(client, upcoming_url())
    site_name = content["soon"].get_site().site_name or "Samverkan"
    assert str(calendar["X-WR-CALNAME"]).startswith(f"{site_name}: ")


@pytest.mark.parametrize(
    "locale, message",
    [
        ("xx", "locale 'xx' does not exist (choose from: nb, sv)"),
        ("", "locale '' does not exist (choose from: nb, sv)"),
        ("sv\x00", "null characters are not allowed in query parameters"),
    ],
)
def test_an_unknown_locale_answers_400_with_a_message(client, content, locale, message):
    response = client.get(upcoming_url(locale=locale))

    assert response.status_code == 400
    assert response.json() == {"message": message}


def test_the_message_is_in_the_clients_language_when_asked(client, content):
    english = client.get(upcoming_url(locale="xx")).json()["message"]
    response = client.get(upcoming_url(locale="xx"), headers={"Accept-Language": "sv"})

    assert response.status_code == 400
    assert "'xx'" in response.json()["message"]
    assert response.json()["message"] != english


def test_the_feed_is_read_only(client, content):
    assert client.post(upcoming_url()).status_code == 405
    assert client.head(upcoming_url()).status_code == 200


def test_the_number_of_queries_does_not_grow_with_the_conferences(client, content):
    """Ten Norwegian conferences at Swedish venues cost what two do, translations included."""
    nb = Locale.objects.get(language_code="nb")

    def add_norwegian_conferences(count):
        for number in range(count):
            venue = make_venue(name=f"Lokal {number}")
            translation = venue.copy_for_translation(nb)
            translation.name = f"Lokale {number}"
            translation.save()
            start = days_from_now(30, number)
            make_conference(
                content["nb_index"],
                title=f"Møte {number}",
                locale=nb,
                venue=venue,
                start=start,
                end=start + timedelta(hours=1),
            )

    add_norwegian_conferences(1)
    fetch(client, upcoming_url(locale="nb"))  # the site's root paths are cached from here on
    two = queries_for(client, upcoming_url(locale="nb"))
    add_norwegian_conferences(8)
    fetch(client, upcoming_url(locale="nb"))  # the store now holds the new conferences' events
    ten = queries_for(client, upcoming_url(locale="nb"))

    assert len(fetch(client, upcoming_url(locale="nb")).events) == 10
    assert ten == two
