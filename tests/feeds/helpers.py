"""Reading the feeds as a calendar program does: over HTTP, parsed with icalendar."""

from urllib.parse import urlencode

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar


def upcoming_url(**params):
    url = reverse("samverkan_calendar:upcoming_conferences")
    return f"{url}?{urlencode(params)}" if params else url


def conference_url(conference):
    return reverse("samverkan_calendar:conference", args=(conference.pk,))


def programme_item_url(item):
    return reverse("samverkan_calendar:programme_item", args=(item.pk,))


def fetch(client, url):
    """The calendar at ``url``, parsed; fails unless it answered 200 as text/calendar."""
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        fetch(client, url)
    return len(queries)


def served_url(page):
    """``page`` on the server the test client asks, as the feeds link to it."""
    return "http://testserver" + page.get_url()


def event_of(calendar, page):
    """The event of ``page``: the one whose URL is the page's."""
    matching = [event for event in calendar.events if str(event["URL"]) == served_url(page)]
    assert len(matching) == 1, [str(event["SUMMARY"]) for event in calendar.events]
    return matching[0]


def summaries(calendar):
    return [str(event["SUMMARY"]) for event in calendar.events]


def parent_uid(event):
    related = event.get("RELATED-TO")
    return str(related) if related is not None else None
