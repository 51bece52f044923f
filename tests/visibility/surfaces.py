"""Every public surface, read the way the public reads it.

A surface reads what it shows about one state's content (``Case``) and returns
what it saw: the raw bytes of its responses, and the ids of the things they
name. ``exposes`` lists the kinds of private thing that could leak through
it; ``shows`` the kinds of public thing it shows, and how they are told apart
there: by their words, by their id, or both.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode, urlsplit

from django.urls import reverse
from icalendar import Calendar
from wagtail.models import Page

from content_types.feeds.identity import event_uid
from content_types.webhooks import payloads
from content_types.webhooks.delivery import encode
from content_types.webhooks.models import WebhookEvent

from ..utils import page_detail_url, pages_url
from .states import CONTACT, DOCUMENT, DRAFT, IMAGE, PAGE, PERSON, SNIPPET, TRANSLATION

WORDS, REF, BOTH = "words", "id", "words and id"
EVERY_KIND = frozenset({PAGE, TRANSLATION, DRAFT, IMAGE, DOCUMENT, CONTACT, PERSON, SNIPPET})
PAGE_SHAPES = {
    PAGE: BOTH,
    TRANSLATION: BOTH,
    IMAGE: BOTH,
    DOCUMENT: BOTH,
    CONTACT: WORDS,
    PERSON: WORDS,
    SNIPPET: WORDS,
}
API_DETAIL = re.compile(r"/api/v2/(pages|images|documents)/(\d+)/")
TYPES = {"wagtailimages.Image": "image", "wagtaildocs.Document": "document"}
CONFERENCE, ITEM = "content_types.ConferencePage", "content_types.ProgrammeItemPage"


@dataclass(frozen=True)
class Seen:
    body: bytes
    refs: frozenset


@dataclass(frozen=True)
class Surface:
    key: str
    label: str
    read: object  # read(reader, world, case) -> Seen
    exposes: frozenset[str]
    shows: dict[str, str]
    page_types: frozenset[str] | None = None  # the page types it shows; None: every type

    def shows_page(self, thing):
        return self.page_types is None or thing.page_type in (None, *self.page_types)


def seen(bodies, refs):
    return Seen(b"\n".join(bodies), frozenset(refs))


class Reader:
    """Asks the site as an anonymous reader does (Django's test client, no session).

    ``answers`` keeps each answer by URL for readers that share it: while the
    content does not change, a listing that every state is read from is asked
    for once.
    """

    def __init__(self, client, answers=None):
        self.client = client
        self.answers = {} if answers is None else answers

    def get(self, url, follow=False):
        if (url, follow) not in self.answers:
            self.answers[url, follow] = self.client.get(url, follow=follow)
        return self.answers[url, follow]


# The pages API


def get_json(reader, url, statuses=(200,)):
    response = reader.get(url)
    assert response.status_code in statuses, (url, response.status_code, response.content[:300])
    return response


def listing(reader, url):
    """Every page of a listing, ``limit``/``offset`` followed to the end."""
    bodies, offset = [], 0
    while True:
        separator = "&" if "?" in url else "?"
        response = get_json(reader, f"{url}{separator}limit=100&offset={offset}")
        bodies.append(response.content)
        data = response.json()
        offset += len(data["items"])
        if not data["items"] or offset >= data["meta"]["total_count"]:
            return bodies


def api_refs(value, key=None):
    """The pages, images and documents an API response names, by kind and id."""
    refs = set()
    if isinstance(value, dict):
        meta = value.get("meta")
        detail = API_DETAIL.search(str(value.get("detail_url") or ""))
        if isinstance(meta, dict) and "type" in meta and "id" in value:
            refs.add((TYPES.get(meta["type"], "page"), value["id"]))
        elif detail:
            refs.add((detail[1].rstrip("s"), int(detail[2])))
        elif "renditions" in value:
            refs.add(("image", value["id"]))
        elif "file_extension" in value:
            refs.add(("document", value["id"]))
        elif key == "programme":
            refs.add(("page", value["id"]))
        for name, child in value.items():
            refs |= api_refs(child, name)
    elif isinstance(value, list):
        for child in value:
            refs |= api_refs(child, key)
    return refs


def json_bodies(bodies):
    refs = set()
    for body in bodies:
        refs |= api_refs(json.loads(body))
    return refs


def page_types(case):
    return sorted({page.specific_class._meta.label for page in case.pages})


def read_api_listing(reader, world, case):
    bodies = listing(reader, pages_url())
    for label in page_types(case):
        bodies += listing(reader, pages_url(type=label, fields="*"))
        bodies += listing(reader, pages_url(type=label, fields="*", locale="nb", fallback="sv"))
    return seen(bodies, json_bodies(bodies))


def read_api_detail(reader, world, case):
    bodies = [
        get_json(reader, page_detail_url(page, fields="*"), (200, 404)).content
        for page in case.pages
    ]
    return seen(bodies, json_bodies(bodies))


def html_paths(page):
    """The page's path on its site, with and without the language prefix."""
    _site_id, _root, path = page.get_url_parts()
    return [path, re.sub(r"^/[a-z]{2}(-[a-z]+)?/", "/", path)]


def read_api_find(reader, world, case):
    bodies = []
    for page in case.pages:
        for path in html_paths(page):
            url = f"{reverse('wagtailapi:pages:find')}?{urlencode({'html_path': path})}"
            response = reader.get(url, follow=True)
            assert response.status_code in (200, 404), (url, response.status_code)
            bodies.append(response.content)
    return seen(bodies, json_bodies(bodies))


def read_api_search(reader, world, case):
    bodies = []
    for word in (case.hidden_word, case.shown_word):
        bodies += listing(reader, pages_url(search=word))
        for label in page_types(case):
            bodies += listing(reader, pages_url(search=word, type=label, fields="*"))
    return seen(bodies, json_bodies(bodies))


# Images and documents


def read_media_endpoint(endpoint, objects):
    def read(reader, world, case):
        url = reverse(f"wagtailapi:{endpoint}:listing")
        bodies = listing(reader, url)
        for word in (case.hidden_word, case.shown_word):
            bodies += listing(reader, f"{url}?{urlencode({'search': word})}")
        for instance in getattr(case, objects):
            detail = reverse(f"wagtailapi:{endpoint}:detail", args=(instance.pk,))
            bodies.append(get_json(reader, detail, (200, 404)).content)
        return seen(bodies, json_bodies(bodies))

    return read


# Calendar feeds


@cache
def page_uids(world):
    return {
        event_uid(page, page.locale.language_code): ("page", page.pk)
        for case in world.cases.values()
        for page in case.pages
    }


def calendar_refs(world, bodies):
    """The pages whose events (by UID) the calendars hold."""
    uids = page_uids(world)
    refs = set()
    for body in bodies:
        if body.startswith(b"BEGIN:VCALENDAR"):
            for event in Calendar.from_ical(body).events:
                refs.add(uids.get(str(event["UID"]), ("unknown", str(event["UID"]))))
    return refs


def unfolded(body):
    """RFC 5545 folds long lines; a word may be split across the fold."""
    return body.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")


def read_upcoming_feed(reader, world, case):
    url = reverse("samverkan_calendar:upcoming_conferences")
    bodies = [
        unfolded(get_json(reader, f"{url}{query}").content)
        for query in ("", "?locale=sv", "?locale=nb")
    ]
    return seen(bodies, calendar_refs(world, bodies))


def read_conference_feeds(reader, world, case):
    bodies = []
    for page in case.pages:
        if page.specific_class._meta.model_name == "conferencepage":
            url = reverse("samverkan_calendar:conference", args=(page.pk,))
            bodies.append(unfolded(get_json(reader, url, (200, 404)).content))
    return seen(bodies, calendar_refs(world, bodies))


def read_item_feeds(reader, world, case):
    bodies = []
    for page in case.pages:
        if page.specific_class._meta.label == ITEM:
            url = reverse("samverkan_calendar:programme_item", args=(page.pk,))
            bodies.append(unfolded(get_json(reader, url, (200, 404)).content))
    return seen(bodies, calendar_refs(world, bodies))


# JSON-LD


@cache
def page_paths(world):
    """Every page of the world by its path on its site."""
    return {
        page.get_url_parts()[2]: ("page", page.pk)
        for case in world.cases.values()
        for page in case.pages
    }


def json_ld_refs(world, value):
    """The pages a JSON-LD object names by ``url`` or ``@id``."""
    paths = page_paths(world)
    refs = set()
    if isinstance(value, dict):
        for key, child in value.items():
            if key in ("url", "@id") and isinstance(child, str):
                path = urlsplit(child).path
                refs.add(paths.get(path, ("unknown", path)))
            else:
                refs |= json_ld_refs(world, child)
    elif isinstance(value, list):
        for child in value:
            refs |= json_ld_refs(world, child)
    return refs


def read_json_ld(reader, world, case):
    responses = []
    for label in (CONFERENCE, ITEM):
        responses += listing(reader, pages_url(type=label, fields="json_ld"))
        responses += listing(
            reader, pages_url(type=label, fields="json_ld", locale="nb", fallback="sv")
        )
    for page in case.pages:
        if page.specific_class._meta.label in (CONFERENCE, ITEM):
            url = page_detail_url(page, fields="json_ld")
            responses.append(get_json(reader, url, (200, 404)).content)
    markup = []
    for body in responses:
        data = json.loads(body)
        for item in data.get("items", [data]):
            if item.get("json_ld"):
                markup.append(item["json_ld"])
    bodies = [json.dumps(each).encode() for each in markup]
    return seen(bodies, json_ld_refs(world, markup))


# Webhooks


def read_webhook_payloads(reader, world, case):
    """What would be delivered for each page's publication or move, and each shown snippet's
    change: the payload as ``dispatch_event`` completes and encodes it."""
    events = [
        payloads.page_event(event, page)
        for page in case.pages
        for event in (WebhookEvent.PAGE_PUBLISHED, WebhookEvent.PAGE_MOVED)
    ]
    events += [payloads.snippet_event(snippet) for snippet in case.snippets]
    bodies, refs = [], set()
    for event in events:
        payload = payloads.complete(event)
        if payload is None:
            continue  # nothing is delivered
        bodies.append(encode(payload))
        if "title" in payload or "url" in payload:
            refs.add(("page", payload["id"]))
        if payload["event"] == WebhookEvent.SNIPPET_CHANGED:
            refs.add((payload["type"], payload["id"]))
            refs |= {("page", pk) for pk in payload["pages"]}
    return seen(bodies, refs)


# The site's HTML pages


HREF = re.compile(rb'href="([^"]+)"')


def read_html(reader, world, case):
    paths = page_paths(world)
    indexes = Page.objects.filter(depth__in=(2, 3)).live()
    bodies, refs = [], set()
    for page in [*indexes, *case.pages]:
        path = page.get_url_parts()[2]
        response = reader.get(path)
        assert response.status_code in (200, 302, 404), (path, response.status_code)
        bodies += [response.content, response.get("Location", "").encode()]
        templates = {template.name for template in response.templates}
        if response.status_code == 200 and "wagtailcore/password_required.html" not in templates:
            refs.add(("page", page.pk))
        for href in HREF.findall(response.content):
            target = urlsplit(href.decode()).path
            if target in paths:
                refs.add(paths[target])
    return seen(bodies, refs)


PAGE_SURFACE_EXPOSES = EVERY_KIND - {IMAGE, DOCUMENT}

SURFACES = [
    Surface(
        "api_listing",
        "API listings (every `type=`, `locale`/`fallback`)",
        read_api_listing,
        EVERY_KIND,
        PAGE_SHAPES,
    ),
    Surface("api_detail", "API detail", read_api_detail, EVERY_KIND, PAGE_SHAPES),
    Surface(
        "api_find",
        "API `find/?html_path=`",
        read_api_find,
        EVERY_KIND,
        {kind: shape for kind, shape in PAGE_SHAPES.items() if kind != TRANSLATION},
    ),
    Surface("api_search", "API `?search=`", read_api_search, EVERY_KIND, PAGE_SHAPES),
    Surface(
        "images",
        "Images endpoint",
        read_media_endpoint("images", "images"),
        frozenset({IMAGE}),
        {IMAGE: BOTH},
    ),
    Surface(
        "documents",
        "Documents endpoint",
        read_media_endpoint("documents", "documents"),
        frozenset({DOCUMENT}),
        {DOCUMENT: BOTH},
    ),
    Surface(
        "ical_upcoming",
        "iCal upcoming conferences",
        read_upcoming_feed,
        PAGE_SURFACE_EXPOSES,
        {PAGE: BOTH, TRANSLATION: BOTH},
        frozenset({CONFERENCE}),
    ),
    Surface(
        "ical_conference",
        "iCal per conference",
        read_conference_feeds,
        PAGE_SURFACE_EXPOSES,
        {PAGE: BOTH, TRANSLATION: BOTH, SNIPPET: WORDS, PERSON: WORDS},
        frozenset({CONFERENCE, ITEM}),
    ),
    Surface(
        "ical_item",
        "iCal per programme item",
        read_item_feeds,
        PAGE_SURFACE_EXPOSES,
        {PAGE: BOTH, TRANSLATION: BOTH, SNIPPET: WORDS, PERSON: WORDS},
        frozenset({ITEM}),
    ),
    Surface(
        "json_ld",
        "JSON-LD (`json_ld`)",
        read_json_ld,
        EVERY_KIND - {DOCUMENT},
        {PAGE: BOTH, TRANSLATION: BOTH, IMAGE: WORDS, SNIPPET: WORDS, PERSON: WORDS},
        frozenset({CONFERENCE, ITEM}),
    ),
    Surface(
        "webhooks",
        "Webhook payloads",
        read_webhook_payloads,
        PAGE_SURFACE_EXPOSES,
        {PAGE: BOTH, TRANSLATION: BOTH, SNIPPET: REF},
    ),
    Surface(
        "html",
        "HTML pages of the site",
        read_html,
        EVERY_KIND,
        {
            PAGE: BOTH,
            TRANSLATION: BOTH,
            IMAGE: WORDS,  # embedded in rich text
            DOCUMENT: WORDS,  # linked from rich text
            SNIPPET: WORDS,
            PERSON: WORDS,
        },
    ),
]
