"""schema.org Event markup (JSON-LD) for conferences and the items of their programme.

External sites put it in the head of their event pages
(``<script type="application/ld+json">``) so that search engines can show the
event with its dates, place, price and speakers. The functions here build
plain dicts from the pages; the API serves them as the ``json_ld`` field
(``api/serializers/structured_data.py``).

Google's validator flags empty values, so a key whose value is unknown is left
out, never given as null or an empty string. A programme item without a start
time is no Event by schema.org's rules (``startDate`` is required): it has no
markup of its own and is left out of its conference's ``subEvent``.
"""

import json
from datetime import datetime, time

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils import timezone
from wagtail.rich_text import get_text_for_indexing

from . import base_url
from .api.loading import loader_for
from .conferences.programme import load_public_programmes, public_programme
from .snippets.models import Organisation, RegionKind
from .visibility import is_public_media

CONTEXT = "https://schema.org"
EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
}
OFFLINE_ATTENDANCE = "https://schema.org/OfflineEventAttendanceMode"
REGISTRATION_OPEN = "https://schema.org/InStock"
REGISTRATION_CLOSED = "https://schema.org/SoldOut"
# The image is the API's "large" rendition (SAMVERKAN_IMAGE_RENDITIONS), so search
# engines get the same file external sites already show; this is its default size.
IMAGE_RENDITION = "large"
IMAGE_FILTER = "max-1600x1600"
# What could end a <script> element or open a comment inside it, as JSON escapes:
# the same three characters Django's json_script escapes.
EMBEDDING_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def page_event(page, request):
    """The schema.org Event of a conference or programme item, or None for other pages.

    The API's ``json_ld`` and the site's own HTML pages both show it, so a page's
    markup is built once per request, whichever asks first.
    """
    builder = EVENT_BUILDERS.get(page._meta.label)
    if builder is None:
        return None
    built = per_request(request, "structured_data_events")
    key = (page._meta.label, page.pk)
    if page.pk is None or key not in built:
        built[key] = builder(page, request)
    return built[key]


def embeddable(markup):
    """``markup`` as JSON text safe to put between ``<script type="application/ld+json">`` tags.

    A title may hold ``</script>`` or ``<!--``; raw, they would end the element
    early and let the rest run as HTML. Escaped as ``\\u003C`` and so on, they
    read back as the same characters to any JSON parser, and the text holds no
    ``<``, ``>`` or ``&`` at all. None for no markup.
    """
    if markup is None:
        return None
    text = json.dumps(markup, ensure_ascii=False, separators=(",", ":"))
    return text.translate(EMBEDDING_ESCAPES)


def conference_event(conference, request):
    """A conference as a schema.org Event, with its timed public programme as ``subEvent``.

    None for a page not created yet (a preview): it has no address to identify it by.
    """
    if conference.pk is None:
        return None
    zone = conference.zone
    url = page_url(conference, request)
    items = [item for item in public_programme(conference, request) if item.start]
    speakers = [speaker for item in items for speaker in item.speakers.all()]
    organisations = [row.organisation for row in organiser_rows(conference)]
    localise = Localiser(
        conference.locale_id,
        [conference.venue, conference.region, *organisations, *speaker_snippets(speakers)],
        request,
    )
    venue = localise(conference.venue)
    region = localise(conference.region)
    return without_empty(
        {
            "@context": CONTEXT,
            "@type": "Event",
            "@id": event_id(url),
            "name": conference.title,
            "description": plain_text(conference.description) or conference.tagline,
            "startDate": zoned(conference.start, zone),
            "endDate": zoned(conference.end, zone),
            "doorTime": zoned(conference.doors_open, zone),
            "eventStatus": EVENT_STATUS.get(conference.status),
            "eventAttendanceMode": OFFLINE_ATTENDANCE,
            "inLanguage": conference.locale.language_code,
            "url": url,
            "image": image_url(conference.image, request),
            "location": place(venue) or region_place(region),
            "organizer": [organization(each, localise, with_url=True) for each in organisations],
            "offers": offer(conference, url),
            "subEvent": [
                item_event(item, zone, (venue, region), item.speakers.all(), localise, request)
                for item in items
            ],
        }
    )


def programme_item_event(item, request):
    """A programme item as a schema.org Event, linked to its conference as ``superEvent``.

    None when the item has no start time, and for an item not created yet (a preview).
    """
    if item.pk is None or item.start is None:
        return None
    conference = conference_of(item, request)
    if conference is None:
        return None
    zone = conference.zone
    speakers = speaker_rows(item)
    localise = Localiser(
        item.locale_id,
        [conference.venue, conference.region, *speaker_snippets(speakers)],
        request,
    )
    where = (localise(conference.venue), localise(conference.region))
    event = item_event(item, zone, where, speakers, localise, request)
    language = (
        conference.locale if conference.locale_id == item.locale_id else item.locale
    ).language_code
    super_event = None
    if conference_is_public(conference, request):
        conference_url = page_url(conference, request)
        super_event = without_empty(
            {
                "@type": "Event",
                "@id": event_id(conference_url),
                "name": conference.title,
                "url": conference_url,
            }
        )
    return without_empty(
        {
            "@context": CONTEXT,
            **event,
            "eventStatus": EVENT_STATUS.get(conference.status),
            "eventAttendanceMode": OFFLINE_ATTENDANCE,
            "inLanguage": language,
            "superEvent": super_event,
        }
    )


EVENT_BUILDERS = {
    "content_types.ConferencePage": conference_event,
    "content_types.ProgrammeItemPage": programme_item_event,
}


def item_event(item, zone, where, speakers, localise, request):
    """The parts of an item's Event that it has both alone and inside its conference.

    ``where`` is the conference's venue and region, in the item's language.
    """
    url = page_url(item, request)
    return without_empty(
        {
            "@type": "Event",
            "@id": event_id(url),
            "name": item.title,
            "url": url,
            "description": plain_text(item.description),
            "startDate": zoned(item.start, zone),
            "endDate": zoned(item.end, zone),
            "location": item_place(item, *where),
            "performer": [performer(speaker, localise) for speaker in speakers],
        }
    )


def performer(speaker, localise):
    """A speaker as they appeared: their title and organisation at the time, in the item's language."""
    person = localise(speaker.person)
    return without_empty(
        {
            "@type": "Person",
            "name": person.name,
            "jobTitle": speaker.title or person.title,
            "affiliation": organization(speaker.organisation_at_the_time, localise),
        }
    )


def organization(organisation, localise, with_url=False):
    """An organisation with the one it is part of (a department with its university), in the
    page's language, as the API's organisation summaries name it: one level up.

    ``organisation`` is the one linked to; links follow the source language, so
    its parent is its translation's too.
    """
    if organisation is None:
        return None
    parent = localise(organisation.parent) if organisation.parent_id else None
    return without_empty(
        {
            **organization_name(localise(organisation), with_url),
            "parentOrganization": organization_name(parent, with_url),
        }
    )


def organization_name(organisation, with_url):
    if organisation is None:
        return None
    return without_empty(
        {
            "@type": "Organization",
            "name": organisation.name,
            "url": organisation.website if with_url else None,
        }
    )


def place(venue):
    if venue is None:
        return None
    geo = None
    if venue.latitude is not None and venue.longitude is not None:
        geo = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return without_empty(
        {"@type": "Place", "name": venue.name, "address": postal_address(venue), "geo": geo}
    )


def region_place(region):
    """The county or municipality an event is held in, for an event without a venue.

    Search engines require a place with an address; the region is what is known
    of it, so the address names the region and its country and nothing more.
    """
    if region is None:
        return None
    return {"@type": "Place", "name": region.name, "address": region_address(region)}


def region_address(region):
    if region is None:
        return None
    named = {
        RegionKind.MUNICIPALITY: "addressLocality",
        RegionKind.COUNTY: "addressRegion",
        RegionKind.REGION: "addressRegion",
    }.get(region.kind)
    address = {"@type": "PostalAddress"}
    if named:
        address[named] = region.name
    address["addressCountry"] = region.country
    return address


def item_place(item, venue, region=None):
    """The item's room or place, at the venue's address (or in the region without a venue);
    the conference's own place when the item names none."""
    if not item.location:
        return place(venue) or region_place(region)
    address = postal_address(venue) or region_address(region)
    return without_empty({"@type": "Place", "name": item.location, "address": address})


def postal_address(venue):
    if venue is None:
        return None
    return without_empty(
        {
            "@type": "PostalAddress",
            "streetAddress": venue.street_address,
            "postalCode": venue.postal_code,
            "addressLocality": venue.city,
            "addressCountry": venue.country,
        }
    )


def registration_closes(conference):
    """The end of the deadline day in the event's time zone, or without a deadline the event's end."""
    if conference.registration_deadline:
        return end_of_day(conference.registration_deadline, conference.zone)
    return conference.end


def offer(conference, url):
    """What taking part costs, and until when one may register; None if the price is not given.

    Registration is open (``InStock``) until the end of the deadline day in the
    event's time zone, or, without a deadline, until the event ends; after that,
    or once the event is cancelled, it is ``SoldOut``.
    """
    if conference.is_free:
        price = "0"
    elif conference.price is not None:
        price = decimal_text(conference.price)
    else:
        return None
    zone = conference.zone
    closes = registration_closes(conference)
    is_open = conference.status != "cancelled" and timezone.now() < closes
    return without_empty(
        {
            "@type": "Offer",
            "price": price,
            "priceCurrency": conference.currency,
            "url": conference.registration_url or url,
            "availability": REGISTRATION_OPEN if is_open else REGISTRATION_CLOSED,
            "validThrough": (
                end_of_day(conference.registration_deadline, zone).isoformat()
                if conference.registration_deadline
                else None
            ),
        }
    )


# Loading


# Rows are read with ``.all()`` and their links loaded afterwards: a relation that
# the API has prefetched must not be filtered or chained again, as modelcluster's
# relations then query every page's rows instead of this page's.


def organiser_rows(conference):
    rows = [row for row in conference.organisers.all() if row.organisation_id]
    prefetch_related_objects(rows, "organisation__parent")
    return rows


def speaker_rows(item):
    rows = list(item.speakers.all())
    prefetch_related_objects(rows, "person__organisation__parent", "organisation__parent")
    return rows


def speaker_snippets(speakers):
    """The people and organisations that speakers' markup names, for one translation lookup."""
    snippets = []
    for speaker in speakers:
        snippets += [speaker.person, speaker.organisation_at_the_time]
    return snippets


class Localiser:
    """Snippets in the language of a page, as ``api.serializers.in_language`` shows them.

    The translations of all ``snippets`` and of the organisations they are part
    of are looked up together, through the request's loader: nothing when the
    API loaded them beforehand (see ``JsonLdField.preload``), one query otherwise.
    """

    def __init__(self, locale_id, snippets, request=None):
        self.locale_id = locale_id
        self.loader = loader_for({"request": request})
        translate_with_parents(self.loader, [(snippet, locale_id) for snippet in snippets])

    def __call__(self, snippet):
        return self.loader.in_language(snippet, self.locale_id)


def translate_with_parents(loader, pairs):
    """Look up the translations of ``pairs`` (snippet, locale id) and of the parents of the
    organisations among them, together."""
    parents = [
        (snippet.parent, locale_id)
        for snippet, locale_id in pairs
        if isinstance(snippet, Organisation) and snippet.parent_id
    ]
    loader.translate([*pairs, *parents])


def conference_of(item, request):
    """The item's conference, loaded once per request for all the items of a listing."""
    if "conference" in item.__dict__:
        return item.conference
    # Imported here: the page models import the API field, which imports this module.
    from .conferences.models import ConferencePage

    parent_path = item.path[: -item.steplen]
    loaded = per_request(request, "structured_data_conferences")
    if parent_path not in loaded:
        loaded[parent_path] = (
            ConferencePage.objects.filter(path=parent_path)
            .select_related("locale", "venue", "region")
            .first()
        )
    item.__dict__["conference"] = loaded[parent_path]
    return loaded[parent_path]


def conference_is_public(conference, request):
    loader = loader_for({"request": request})
    return any(version.pk == conference.pk for version in loader.public_versions(conference))


def preload(pages, loader):
    """Load what the markup of ``pages`` reads, for all of them at once (see api/loading.py)."""
    from .conferences.models import ConferencePage

    conferences = [page for page in pages if page._meta.label == "content_types.ConferencePage"]
    items = [page for page in pages if page._meta.label == "content_types.ProgrammeItemPage"]
    parent_paths = {
        item.path[: -item.steplen] for item in items if "conference" not in item.__dict__
    }
    if parent_paths:
        parents = ConferencePage.objects.filter(path__in=parent_paths).select_related(
            "locale", "venue", "region"
        )
        by_path = {conference.path: conference for conference in parents}
        for item in items:
            item.__dict__.setdefault("conference", by_path.get(item.path[: -item.steplen]))
        loader.want_pages(by_path.values())
    load_public_programmes(conferences, loader.request)
    programme = [item for c in conferences for item in public_programme(c, loader.request)]
    speakers = loader.related(programme + items, "speakers")
    prefetch_related_objects(speakers, "person__organisation__parent", "organisation__parent")
    organisers = loader.related(conferences, "organisers")
    prefetch_related_objects(organisers, "organisation__parent")
    images = loader.related(conferences, "image")
    prefetch_related_objects(images, "renditions")
    snippets = []
    for conference in conferences:
        organisations = [row.organisation for row in conference.organisers.all()]
        shown = [conference.venue, conference.region, *organisations]
        snippets += [(each, conference.locale_id) for each in shown]
    for item in programme + items:
        conference = item.__dict__.get("conference")
        where = [conference.venue, conference.region] if conference is not None else []
        shown = [*where, *speaker_snippets(item.speakers.all())]
        snippets += [(each, item.locale_id) for each in shown]
    translate_with_parents(loader, snippets)


def per_request(request, name):
    """A dict kept on ``request`` for the rest of it; a fresh one when there is no request."""
    if request is None:
        return {}
    return request.__dict__.setdefault(name, {})


# Values


def without_empty(mapping):
    """``mapping`` without the keys whose value is unknown: None, empty text, list or object."""
    return {key: value for key, value in mapping.items() if value not in (None, "", [], {})}


def zoned(value, zone):
    """ISO 8601 in the event's time zone, with its offset, as the API's ZonedDateTimeField."""
    return timezone.localtime(value, zone).isoformat() if value else None


def end_of_day(day, zone):
    return datetime.combine(day, time(23, 59, 59), tzinfo=zone)


def plain_text(rich_text):
    """Rich text as one line of plain text: tags removed, entities decoded, spaces collapsed."""
    return " ".join(get_text_for_indexing(rich_text or "").split())


def decimal_text(amount):
    """``250`` for 250.00, ``99.50`` for 99.5: a price as people write it."""
    return str(int(amount)) if amount == amount.to_integral_value() else f"{amount:.2f}"


def page_url(page, request):
    return base_url.page_url(page, request) or None


def event_id(url):
    return f"{url}#event" if url else None


def image_url(image, request):
    """The full URL of the image's "large" rendition; None without an image or its file, or for
    an image in a collection the reader may not see."""
    if image is None or not is_public_media(request, image):
        return None
    from wagtail.images.models import SourceImageIOError

    renditions = getattr(settings, "SAMVERKAN_IMAGE_RENDITIONS", None) or {}
    try:
        rendition = image.get_rendition(renditions.get(IMAGE_RENDITION, IMAGE_FILTER))
        return base_url.absolute_url(request, rendition.url)
    except SourceImageIOError:
        return None
