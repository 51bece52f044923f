"""What makes a calendar event the same event from one download to the next.

Calendar programs match events by UID and take the one with the higher
SEQUENCE as the newer version. A UID must therefore survive every edit, move
and rename of its page, and SEQUENCE must grow whenever the page is published.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count
from wagtail.models import PageLogEntry

# A publication the scheduled-publishing job makes is logged under its own action.
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


def calendar_setting(name, default=None):
    return getattr(settings, "SAMVERKAN_CALENDAR", {}).get(name) or default


def uid_domain():
    """The domain part of every UID: ``SAMVERKAN_CALENDAR["UID_DOMAIN"]``, else the API's host.

    It keeps UIDs of this site's events apart from everybody else's in a
    subscriber's calendar, so it should stay the same for the life of the site.
    """
    base_url = getattr(settings, "WAGTAILAPI_BASE_URL", None) or getattr(
        settings, "WAGTAILADMIN_BASE_URL", ""
    )
    return calendar_setting("UID_DOMAIN") or urlsplit(base_url).hostname or "localhost"


def event_uid(page, language_code):
    """``<translation_key>.<language>@<domain>``: the same for every edit, move and rename.

    The translation key is shared by a page's translations, so the language
    keeps the Swedish and the Norwegian event of one conference apart.
    """
    return f"{page.translation_key}.{language_code}@{uid_domain()}"


def publication_counts(page_ids):
    """How many times each page has been published, by page id, in one query."""
    rows = (
        PageLogEntry.objects.filter(page_id__in=list(page_ids), action__in=PUBLISH_ACTIONS)
        .order_by()
        .values("page_id")
        .annotate(count=Count("pk"))
    )
    return {row["page_id"]: row["count"] for row in rows}


def sequence(counts, page):
    """The event's SEQUENCE: 0 after the first publication, one more after each later one."""
    return max(counts.get(page.pk, 0) - 1, 0)
