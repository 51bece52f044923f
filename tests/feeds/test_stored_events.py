"""The feeds' events come from the delivery store, and give the bytes the pages give.

An anonymous reader's feed is the stored events of the pages chosen as ever,
spliced between a header and ``END:VCALENDAR``; the calendar built from the
pages (``calendar.py``) is what it must equal, byte for byte.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone, translation
from wagtail.models import Locale

from content_types.delivery.models import Representation
from content_types.feeds.calendar import (
    conference_calendar,
    conferences_calendar,
    programme_item_calendar,
    public_conference,
    public_programme_item,
    upcoming_conferences,
)
from content_types.feeds.events import served_text
from content_types.feeds.stored import RENDERED_PER_CALENDAR
from content_types.models import ConferencePage, ProgrammeItemPage

from ..utils import make_conference, make_person, make_programme_item
from .helpers import conference_url, fetch, programme_item_url, upcoming_url

pytestmark = pytest.mark.django_db

# Before the demo's conferences (Tvinning in October 2009, Troms in November 2013).
DEMO_CLOCK = datetime(2009, 6, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def fixed_clock(time_machine):
    time_machine.move_to(DEMO_CLOCK.timestamp(), tick=False)


def reader():
    """The request the test client makes: anonymous, on ``testserver``."""
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request


def built_upcoming(locale_code=None):
    request = reader()
    locale = Locale.objects.get(language_code=locale_code) if locale_code else None
    conferences = list(upcoming_conferences(request, locale))
    return conferences_calendar(request, conferences, locale_code).to_ical()


def built_conference(conference):
    request = reader()
    return conference_calendar(request, public_conference(request, conference.pk)).to_ical()


def built_item(item):
    request = reader()
    return programme_item_calendar(request, public_programme_item(request, item.pk)).to_ical()


def served(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.content


def demo_feeds(tvinning, troms, troms_bus):
    tvinning_item = ProgrammeItemPage.objects.child_of(tvinning).exclude(start=None).first()
    return [
        (upcoming_url(), lambda: built_upcoming()),
        (upcoming_url(locale="sv"), lambda: built_upcoming("sv")),
        (upcoming_url(locale="nb"), lambda: built_upcoming("nb")),
        (conference_url(tvinning), lambda: built_conference(tvinning)),
        (conference_url(troms), lambda: built_conference(troms)),
        (programme_item_url(tvinning_item), lambda: built_item(tvinning_item)),
        (programme_item_url(troms_bus), lambda: built_item(troms_bus)),
    ]


def test_every_demo_feed_in_both_languages_is_the_calendar_built_from_the_pages(
    client, fixed_clock, tvinning, troms, troms_bus
):
    for url, built in demo_feeds(tvinning, troms, troms_bus):
        first = served(client, url)  # renders what the store lacks
        again = served(client, url)  # read from the store alone
        with translation.override(settings.LANGUAGE_CODE):
            expected = built()

        assert first == expected, url
        assert again == expected, url
    assert b"tvinning-slutkonferens-2009" in served(client, upcoming_url(locale="sv"))
    assert b"bibliotekromseminar-2013" in served(client, upcoming_url(locale="nb"))


def test_each_event_of_a_feed_is_the_text_the_store_keeps(client, fixed_clock, troms):
    served(client, conference_url(troms))
    items = ProgrammeItemPage.objects.child_of(troms).exclude(start=None)
    stored = Representation.objects.filter(
        page_id__in=[troms.pk, *items.values_list("pk", flat=True)]
    )

    assert stored.count() == items.count() + 1
    content = served(client, conference_url(troms)).decode()
    for representation in stored:
        assert representation.calendar_time_zones == {"Europe/Oslo": [2013]}
        assert representation.calendar_event.startswith("BEGIN:VEVENT\r\n")
        assert served_text(representation.calendar_event, reader()) in content


def test_the_feed_serves_the_stored_text_as_it_is(client, fixed_clock, tvinning):
    served(client, conference_url(tvinning))
    representation = Representation.objects.get(page_id=tvinning.pk)
    Representation.objects.filter(page_id=tvinning.pk).update(
        calendar_event=representation.calendar_event.replace(
            "BEGIN:VEVENT\r\n", "BEGIN:VEVENT\r\nCOMMENT:Ur lagret\r\n"
        )
    )

    assert b"BEGIN:VEVENT\r\nCOMMENT:Ur lagret\r\n" in served(client, conference_url(tvinning))


# A change to what an event shows


def soon(days, hour):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def programme(site_tree):
    conference = make_conference(
        site_tree["conference_index"], title="Läsdagar", start=soon(20, 9), end=soon(20, 17)
    )
    speaker = make_person("Anna Andersson")
    item = make_programme_item(
        conference, title="Om läsning", start=soon(20, 10), speakers=[speaker]
    )
    return conference, item, speaker


def test_a_renamed_speaker_is_in_the_conference_feed_at_once(
    client, programme, django_capture_on_commit_callbacks
):
    conference, item, speaker = programme
    assert b"Anna Andersson" in served(client, conference_url(conference))

    with django_capture_on_commit_callbacks(execute=True):
        speaker.name = "Anna Berg"
        speaker.save()

    assert Representation.objects.get(page_id=item.pk).stale
    content = served(client, conference_url(conference))
    assert b"DESCRIPTION:Anna Berg" in content and b"Anna Andersson" not in content
    assert content == built_conference(conference)
    assert not Representation.objects.get(page_id=item.pk).stale


def test_a_conference_renamed_and_published_is_renamed_in_every_feed(
    client, programme, django_capture_on_commit_callbacks
):
    conference, item, speaker = programme
    served(client, upcoming_url())
    served(client, programme_item_url(item))

    with django_capture_on_commit_callbacks(execute=True):
        page = ConferencePage.objects.get(pk=conference.pk)
        page.title = "Läsdagarna"
        page.save_revision().publish()

    assert b"SUMMARY:L\xc3\xa4sdagarna\r\n" in served(client, upcoming_url())
    assert served(client, upcoming_url()) == built_upcoming()
    # The item's event names the conference only by its UID; the publication counts for it.
    assert served(client, programme_item_url(item)) == built_item(item)


def test_an_event_the_store_lacks_is_rendered_on_read_and_kept(client, programme):
    conference, item, speaker = programme
    served(client, conference_url(conference))
    Representation.objects.filter(page_id=item.pk).delete()

    content = served(client, conference_url(conference))

    assert content == built_conference(conference)
    assert Representation.objects.get(page_id=item.pk).calendar_event.count("BEGIN:VEVENT") == 1


def test_a_calendar_of_more_pages_than_a_read_renders_is_built_from_the_pages_meanwhile(
    client, site_tree
):
    """A new installation's store is empty: each read of the upcoming conferences renders
    a few of them, and the calendar is the one built from the pages until all are there."""
    count = RENDERED_PER_CALENDAR + 5
    for n in range(count):
        make_conference(
            site_tree["conference_index"],
            title=f"Dag {n}",
            start=soon(20 + n, 9),
            end=soon(20 + n, 17),
        )
    Representation.objects.all().delete()

    first = served(client, upcoming_url())

    assert first == built_upcoming()
    assert Representation.objects.count() == RENDERED_PER_CALENDAR
    assert served(client, upcoming_url()) == built_upcoming()
    assert Representation.objects.count() == count


def test_a_reader_with_a_login_gets_the_calendar_built_from_the_pages(
    client, programme, django_user_model
):
    conference, item, speaker = programme
    client.force_login(django_user_model.objects.create_user("lasare", password="x"))
    Representation.objects.all().delete()

    content = fetch(client, conference_url(conference))

    assert [str(event["SUMMARY"]) for event in content.events] == ["Läsdagar", "Om läsning"]
    assert not Representation.objects.exists()
