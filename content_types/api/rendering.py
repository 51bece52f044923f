"""A page's representation for the delivery store, rendered by the API's own view and serializers.

The pages endpoint's detail view is the one definition of a page's output.
Rendering asks it, as an anonymous reader would, with every field, through
the URL the router gives it; links name ``base_url.STORED_BASE_URL`` and
``delivery.recording`` notes every object the serializers load. The answer
is split into its fields, each encoded as the API's JSON renderer encodes
it, so that a read can put any ``?fields=`` together from them
(``delivery.py``).
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import timezone, translation
from rest_framework.renderers import JSONRenderer
from wagtail.models import Page

from ..base_url import base_url, links_for_store
from ..content_state import api_setting, current_generation, next_schedule_change
from ..delivery.recording import recording
from ..delivery.rendering_request import mark_rendering
from ..feeds.events import StoredEvent, calendar_event
from .read_replica import reading_from_primary


@dataclass(frozen=True)
class Rendering:
    """What the store keeps of one page (``delivery.models.Representation``)."""

    page_id: int
    language_code: str
    layout: list
    body: str
    keys: frozenset
    rendered_at: datetime
    valid_until: datetime | None
    calendar_event: StoredEvent = field(default_factory=StoredEvent)


def encode(value):
    """``value`` as the API's JSON renderer writes it (compact, \\u2028 escaped)."""
    if value is None:
        return "null"  # the renderer answers None with no body at all
    return JSONRenderer().render(value).decode()


def split(data):
    """The detail's data as ``(layout, body)``: each field's JSON, in the detail's order.

    The layout counts UTF-8 bytes, as a read takes the fields out of the body's
    bytes (``delivery/encoded.py``).
    """
    pieces, layout, at = [], [], 0
    for name, value in data.items():
        entries = [(f"meta.{key}", item) for key, item in value.items()] if name == "meta" else []
        for entry_name, entry_value in entries or [(name, value)]:
            text = encode(entry_value)
            size = len(text.encode())
            layout.append([entry_name, at, at + size])
            pieces.append(text)
            at += size
    return layout, "".join(pieces)


def rendering_request(path, site):
    """An anonymous GET of ``path`` on the host of ``site``, the site the page belongs to.

    The API answers a site's readers with that site's pages only, so a page of
    a second site is rendered as its own readers ask for it; a page of no site
    as the default host's readers would.
    """
    if site is None:
        host, port = base_url().split("://", 1)[-1] or "localhost", 80
    else:
        host, port = site.hostname, site.port
    request = RequestFactory().get(path, HTTP_HOST=host, SERVER_PORT=str(port))
    request.user = AnonymousUser()
    return mark_rendering(request)


@reading_from_primary()
def render(page_id):
    """The page's ``Rendering``, or None when it is not public (the detail answers 404).

    Read from the primary, even for a reader answered from a replica: the store
    keeps it as current (``read_replica.py``).
    """
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return None
    path = reverse(f"{api_setting('URL_NAMESPACE')}:pages:detail", args=[page_id])
    match = resolve(path)
    started = timezone.now()
    generation = current_generation()
    request = rendering_request(path, page.get_site())
    # The view answers in the language of its messages; the caller's stays active after it.
    with translation.override(translation.get_language()), links_for_store(), recording() as keys:
        response = match.func(request, *match.args, **match.kwargs)
        if response.status_code != 200:
            return None
        # Beside the detail, so that what the event shows marks it stale too.
        event = calendar_event(page, request) or StoredEvent()
    layout, body = split(response.data)
    return Rendering(
        page_id=page_id,
        language_code=response["Content-Language"],
        layout=layout,
        body=body,
        keys=frozenset(keys),
        rendered_at=started,
        valid_until=valid_until(page, started, generation),
        calendar_event=event,
    )


def valid_until(page, started, generation):
    """When the clock alone next changes the page's output: a live page's go-live or expiry
    anywhere (a linked page, an item of the programme), or a moment the page's type names
    (``api_output_changes_at(now)``, Eg: a registration closing)."""
    moments = []
    change = next_schedule_change(after=started, generation=generation)
    if change is not None:
        moments.append(datetime.fromtimestamp(change, UTC))
    changes_at = getattr(page.specific, "api_output_changes_at", None)
    if changes_at is not None and (moment := changes_at(started)) is not None:
        moments.append(moment)
    return min(moments, default=None)
