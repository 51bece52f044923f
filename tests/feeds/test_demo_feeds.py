"""The calendar feeds of the demo conferences, read as a calendar program reads them."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from icalendar import Calendar
from wagtail.models import Locale

from content_types.models import Organisation, ProgrammeItemPage

from .helpers import (
    conference_url,
    event_of,
    fetch,
    parent_uid,
    served_url,
    summaries,
    upcoming_url,
)

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
OSLO = ZoneInfo("Europe/Oslo")


def conference_event(calendar):
    (event,) = [event for event in calendar.events if parent_uid(event) is None]
    return event


def test_the_tvinning_conference_starts_at_ten_in_stockholm(client, tvinning):
    response = client.get(conference_url(tvinning))
    event = conference_event(Calendar.from_ical(response.content))

    assert event.start == datetime(2009, 10, 20, 10, 0, tzinfo=STOCKHOLM)
    assert event.start.tzinfo.key == "Europe/Stockholm"
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert event.end == datetime(2009, 10, 20, 16, 30, tzinfo=STOCKHOLM)
    assert b"DTSTART;TZID=Europe/Stockholm:20091020T100000" in response.content
    assert str(event["SUMMARY"]) == tvinning.title


def test_the_troms_seminar_begins_with_the_bus_from_prostneset_at_eleven_in_oslo(client, troms):
    calendar = fetch(client, conference_url(troms))
    seminar = conference_event(calendar)
    first_item = [event for event in calendar.events if parent_uid(event)][0]

    assert str(first_item["SUMMARY"]) == "Avgang fra Prostneset med felles buss"
    assert first_item.start == datetime(2013, 11, 20, 11, 0, tzinfo=OSLO)
    assert first_item["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert str(first_item["LOCATION"]) == "Prostneset, Tromsø"
    assert parent_uid(first_item) == str(seminar["UID"])
    assert first_item["RELATED-TO"].params["RELTYPE"] == "PARENT"
    # The bus has a departure, not an end.
    assert "DTEND" not in first_item


def test_every_public_item_with_a_start_is_an_event_in_programme_order(client, troms):
    calendar = fetch(client, conference_url(troms))
    items = ProgrammeItemPage.objects.child_of(troms).live().exclude(start=None)

    item_events = [event for event in calendar.events if parent_uid(event)]
    assert [str(event["SUMMARY"]) for event in item_events] == [
        item.title for item in items.order_by("start", "path")
    ]
    assert [event.start for event in item_events] == sorted(event.start for event in item_events)


def test_the_calendar_carries_a_vtimezone_for_the_zone_it_uses(client, tvinning, troms):
    stockholm = fetch(client, conference_url(tvinning))
    oslo = fetch(client, conference_url(troms))

    assert [zone.tz_name for zone in stockholm.timezones] == ["Europe/Stockholm"]
    assert [zone.tz_name for zone in oslo.timezones] == ["Europe/Oslo"]
    assert stockholm.get_missing_tzids() == oslo.get_missing_tzids() == set()
    # The zone's own definition, read back, puts the start where Stockholm had it.
    zone = stockholm.timezones[0].to_tz()
    assert (
        datetime(2009, 10, 20, 10, tzinfo=zone).utcoffset()
        == conference_event(stockholm).start.utcoffset()
    )


def test_the_calendar_names_itself_and_asks_to_be_refreshed_hourly(client, troms):
    response = client.get(conference_url(troms))
    calendar = Calendar.from_ical(response.content)

    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]).endswith(troms.title)
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Oslo"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.content
    assert b"X-PUBLISHED-TTL:PT1H" in response.content
    assert response["Content-Disposition"] == 'inline; filename="bibliotekromseminar-2013.ics"'


def test_the_event_describes_the_conference_in_plain_text(client, tvinning):
    event = conference_event(fetch(client, conference_url(tvinning)))
    description = str(event["DESCRIPTION"])

    assert description.startswith("Ett steg till!\n\n")
    assert "Projektet ”Tvinning – en metod för utveckling?” har pågått" in description
    assert "<" not in description
    assert str(event["LOCATION"]) == "Aros Congress Center, Munkgatan 7, Västerås"
    assert str(event["URL"]) == served_url(tvinning)
    assert str(event["STATUS"]) == "CONFIRMED"
    with translation.override("sv"):
        assert event.categories == [tvinning.get_kind_display()]


def test_speakers_are_listed_with_their_organisation_in_the_items_language(client, troms):
    """The Swedish translation of the Troms seminar shows Anne's library by its Swedish name."""
    swedish = troms.get_translation(Locale.objects.get(language_code="sv")).specific
    item = (
        ProgrammeItemPage.objects.child_of(troms)
        .get(slug="se-hva-vi-har-fatt-til")
        .get_translation(swedish.locale)
    )
    lavangen = Organisation.objects.get(name="Lavangen bibliotek", locale=troms.locale)
    lavangen_in_swedish = lavangen.get_translation(swedish.locale)
    lavangen_in_swedish.name = "Lavangens bibliotek"
    lavangen_in_swedish.save()

    event = event_of(fetch(client, conference_url(swedish)), item)

    assert str(event["DESCRIPTION"]).splitlines()[:3] == [
        "Trine",
        "Marit",
        "Anne Strømmesen (Lavangens bibliotek)",
    ]


def test_the_uid_stays_and_the_sequence_grows_when_the_conference_is_edited_and_republished(
    client, tvinning
):
    before = conference_event(fetch(client, conference_url(tvinning)))

    tvinning.title = "Tvinningprojektets slutkonferens"
    tvinning.slug = "tvinning-slutkonferens"
    tvinning.save_revision().publish()
    after = conference_event(fetch(client, conference_url(tvinning)))

    assert str(after["UID"]) == str(before["UID"])
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert str(after["SUMMARY"]) == "Tvinningprojektets slutkonferens"
    assert after["LAST-MODIFIED"].dt > before["LAST-MODIFIED"].dt
    assert after["DTSTAMP"].dt == after["LAST-MODIFIED"].dt


def test_the_swedish_and_norwegian_events_of_one_conference_have_their_own_uids(client, tvinning):
    norwegian = tvinning.get_translation(Locale.objects.get(language_code="nb"))

    swedish_uid = str(conference_event(fetch(client, conference_url(tvinning)))["UID"])
    norwegian_uid = str(conference_event(fetch(client, conference_url(norwegian)))["UID"])

    assert swedish_uid == f"{tvinning.translation_key}.sv@testserver"
    assert norwegian_uid == f"{tvinning.translation_key}.nb@testserver"


def test_conferences_that_have_ended_are_not_upcoming(client, demo):
    assert summaries(fetch(client, upcoming_url())) == []


def test_the_api_gives_the_conferences_feed_url(client, tvinning):
    response = client.get(f"/api/v2/pages/{tvinning.pk}/")
    calendar_url = response.json()["calendar_url"]

    assert calendar_url == f"http://testserver/api/v2/calendar/conferences/{tvinning.pk}.ics"
    assert str(conference_event(fetch(client, calendar_url))["SUMMARY"]) == tvinning.title
