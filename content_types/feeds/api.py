"""What the content API says about the feeds: the calendar URL of a conference or an item."""

from django.urls import NoReverseMatch, reverse

from ..api.serializers.fields import ReadOnlyField
from ..base_url import absolute_url

CONFERENCE_FEED = "samverkan_calendar:conference"
PROGRAMME_ITEM_FEED = "samverkan_calendar:programme_item"


class CalendarURLField(ReadOnlyField):
    """The absolute URL of a conference's calendar feed, to subscribe to.

    None for a page not saved yet (a preview) and on a site that has not
    mounted the feeds' URLs.
    """

    feed = CONFERENCE_FEED
    description = "The conference's calendar feed (text/calendar), to subscribe to."

    def openapi_schema(self, builder):
        return {"type": ["string", "null"], "format": "uri", "description": self.description}

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def has_calendar(self, page):
        """Whether ``page`` has a feed at all; only a saved page can."""
        return page.pk is not None

    def to_representation(self, page):
        if not self.has_calendar(page):
            return None
        try:
            path = reverse(self.feed, args=(page.pk,))
        except NoReverseMatch:
            return None
        request = self.context.get("request")
        return absolute_url(request, path) if request is not None else path


class ProgrammeItemCalendarURLField(CalendarURLField):
    """The absolute URL of a programme item's own calendar (one event), to add the item alone.

    None for an item without a start: it is in no calendar.
    """

    feed = PROGRAMME_ITEM_FEED
    description = (
        "The item's own calendar (text/calendar) with the item as its one event; "
        "null for an item without a start."
    )

    def has_calendar(self, page):
        return super().has_calendar(page) and page.start is not None
