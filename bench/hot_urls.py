"""The 50 URLs external sites read most, and a page that none of them shows.

What a site polling the API asks for again and again: conference details in
both languages with their calendars, programmes (as a listing, item by item
and as calendars), project details, and the listings of upcoming conferences
and of projects. Found through the API on the data set being measured,
starting from the targets of ``endpoints.py`` (the conference with the full
programme and the region with a full page of projects).

The page the editor republishes (``publisher.py``) is a Swedish benchmark
network that none of these URLs shows: no network listing is among them, and
the network is chosen so that no answer names it (its API path or its slug),
as a linked page or otherwise. Whatever a publication of it changes, none of
the hot answers should.
"""

from dataclasses import dataclass

from .endpoints import (
    BENCHMARK_SLUG_PREFIX,
    CONFERENCE,
    PROGRAMME_ITEM,
    PROJECT,
    is_benchmark,
    listing,
)
from .probe import fetch, fetch_json

HOT_URLS = 50
NETWORK = "content_types.NetworkPage"
CONFERENCES = 4  # Swedish upcoming conferences, each with its Norwegian translation
ITEMS_PER_CONFERENCE = 2
PROJECTS = 6  # Swedish projects of the region, each with its Norwegian translation
CALENDARS = "/api/v2/calendar"


@dataclass(frozen=True)
class HotSet:
    paths: tuple
    network_id: int  # the page the editor republishes


def find_hot_set(server, targets):
    """The hot paths of the data set ``server`` serves, and the network none of them shows."""
    paths = hot_paths(server, targets)
    if len(paths) != HOT_URLS or len(set(paths)) != HOT_URLS:
        raise RuntimeError(f"Found {len(set(paths))} distinct hot URLs, not {HOT_URLS}")
    bodies = [answer_of(server, path) for path in paths]
    return HotSet(tuple(paths), unrelated_network(server, bodies))


def hot_paths(server, targets):
    conferences = upcoming_conferences(server, targets.conference_id)
    details = [fetch_json(server.url(detail_path(id_))) for id_ in conferences]
    norwegian = [translation_id(detail, "nb") for detail in details]
    items = [
        item["id"]
        for detail in details
        for item in detail["programme"][1 : 1 + ITEMS_PER_CONFERENCE * 2 : 2]
    ]
    projects = fetch_json(
        server.url(
            listing(type=PROJECT, fields="_,id,translations", region=targets.region_id, locale="sv")
        )
    )["items"][:PROJECTS]
    return [
        # Conferences, both languages: 8 details, 4 calendars.
        *(detail_path(id_) for pair in zip(conferences, norwegian, strict=True) for id_ in pair),
        *(f"{CALENDARS}/conferences/{id_}.ics" for id_ in (*conferences[:2], *norwegian[:2])),
        # Programmes: 4 listings, 8 item details, 2 item calendars.
        *(
            listing(type=PROGRAMME_ITEM, child_of=id_, fields="*", limit=50)
            for id_ in (*conferences[:2], *norwegian[:2])
        ),
        *(detail_path(id_) for id_ in items),
        *(f"{CALENDARS}/programme-items/{id_}.ics" for id_ in items[:2]),
        # Projects, both languages: 12 details.
        *(
            detail_path(id_)
            for project in projects
            for id_ in (project["id"], translation_id(project, "nb"))
        ),
        # Listings: 7 of conferences, 5 of projects.
        listing(type=CONFERENCE, fields="*", upcoming="true", locale="sv"),
        listing(type=CONFERENCE, fields="*", upcoming="true", locale="nb"),
        listing(type=CONFERENCE, fields="*", upcoming="true", locale="sv", limit=5),
        listing(type=CONFERENCE, upcoming="true", locale="sv"),
        listing(type=CONFERENCE, upcoming="true", locale="nb"),
        listing(type=CONFERENCE, locale="sv", order="-start", limit=10),
        f"{CALENDARS}/conferences.ics",
        listing(type=PROJECT, fields="*", region=targets.region_id, locale="sv", limit=10),
        listing(
            type=PROJECT, fields="*", region=targets.region_id, locale="sv", limit=10, offset=10
        ),
        listing(type=PROJECT, locale="sv", limit=20),
        listing(type=PROJECT, locale="nb", limit=20),
        listing(type=PROJECT, fields="*", locale="nb", limit=10),
    ]


def detail_path(page_id):
    return f"/api/v2/pages/{page_id}/"


def upcoming_conferences(server, first_id):
    """``first_id`` and the next Swedish upcoming benchmark conferences, by start."""
    found = fetch_json(
        server.url(
            listing(
                type=CONFERENCE, upcoming="true", locale="sv", fields="_,id,slug", order="start"
            )
        )
    )
    others = [item["id"] for item in found["items"] if is_benchmark(item)]
    chosen = [first_id, *(id_ for id_ in others if id_ != first_id)][:CONFERENCES]
    if len(chosen) < CONFERENCES:
        raise RuntimeError(f"Fewer than {CONFERENCES} upcoming Swedish benchmark conferences")
    return chosen


def translation_id(page, locale):
    """The id of ``page``'s translation into ``locale``, from its ``meta.translations``."""
    for translation in page["meta"]["translations"]:
        if translation["locale"] == locale:
            return translation["id"]
    raise RuntimeError(f"Page {page['id']} has no translation into {locale}")


def answer_of(server, path):
    """The body of ``path``'s answer as text, a calendar's folded lines unfolded."""
    reply = fetch(server.url(path))
    if reply.status != 200:
        raise RuntimeError(f"{path} answered {reply.status}: {reply.body[:300]!r}")
    return reply.body.decode().replace("\r\n ", "")


def unrelated_network(server, bodies):
    """A Swedish benchmark network that no hot answer names, by its API path or its slug."""
    found = fetch_json(
        server.url(listing(type=NETWORK, locale="sv", fields="_,id,slug", order="id", limit=100))
    )
    for item in found["items"]:
        if not item["meta"]["slug"].startswith(BENCHMARK_SLUG_PREFIX):
            continue
        names = (detail_path(item["id"]), item["meta"]["slug"])
        if not any(name in body for body in bodies for name in names):
            return item["id"]
    raise RuntimeError("Every benchmark network is shown by one of the hot URLs")
