"""What the content API says about the feeds: each conference's calendar URL."""

from django.urls import NoReverseMatch, reverse

from ..api.serializers.fields import ReadOnlyField

CONFERENCE_FEED = "samverkan_calendar:conference"


class CalendarURLField(ReadOnlyField):
    """The absolute URL of a conference's calendar feed, to subscribe to.

    None for a page not saved yet (a preview) and on a site that has not
    mounted the feeds' URLs.
    """

    def openapi_schema(self, builder):
        return {
            "type": ["string", "null"],
            "format": "uri",
            "description": "The conference's calendar feed (text/calendar), to subscribe to.",
        }

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def to_representation(self, page):
        if page.pk is None:
            return None
        try:
            path = reverse(CONFERENCE_FEED, args=(page.pk,))
        except NoReverseMatch:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path
