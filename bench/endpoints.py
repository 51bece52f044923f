"""What is measured: the API's four endpoints, the two reference points, and an admin page.

The ids in the URLs are found through the API itself, on the data set being
measured: an upcoming Swedish benchmark conference with its whole programme
and a county that benchmark projects are linked to.
"""

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from .probe import fetch_json

CONFERENCE = "content_types.ConferencePage"
PROJECT = "content_types.ProjectPage"
PROGRAMME_ITEM = "content_types.ProgrammeItemPage"
SEARCH_TERM = "läsfrämjande"
BENCHMARK_SLUG_PREFIX = "bench-"
TRANSLATION_REPORT = "/admin/translations/status/"
# A full page of the projects of a region at every size: the cost that may grow
# is the database's, not the page's.
PROJECTS_PER_PAGE = 10


@dataclass(frozen=True)
class Endpoint:
    key: str
    label: str
    path: str
    reference: bool = False


@dataclass(frozen=True)
class Targets:
    """The URLs of one data set."""

    conference_id: int
    region_id: int

    def api(self):
        return [
            Endpoint(
                "conference_detail",
                "Conference detail with programme",
                f"/api/v2/pages/{self.conference_id}/",
            ),
            Endpoint(
                "conference_listing",
                "Conference listing, fields=*, upcoming",
                listing(type=CONFERENCE, fields="*", upcoming="true", locale="sv"),
            ),
            Endpoint(
                "project_listing",
                "Project listing by region",
                listing(
                    type=PROJECT,
                    fields="*",
                    region=self.region_id,
                    locale="sv",
                    limit=PROJECTS_PER_PAGE,
                ),
            ),
            Endpoint("search", f"Search “{SEARCH_TERM}”", listing(search=SEARCH_TERM)),
        ]

    def stock_programme(self):
        return Endpoint(
            "stock_programme",
            "Stock Wagtail v2: programme as child listing, fields=*",
            "/bench/stock/v2/pages/?"
            + urlencode(
                {"type": PROGRAMME_ITEM, "child_of": self.conference_id, "fields": "*", "limit": 50}
            ),
            reference=True,
        )

    @staticmethod
    def trivial():
        return Endpoint(
            "trivial",
            "Trivial view, the detail's bytes",
            "/bench/trivial/",
            reference=True,
        )

    @staticmethod
    def admin_pages():
        """Admin pages, measured logged in as an editor (``editor.py``)."""
        return [
            Endpoint(
                "translation_report",
                "Admin: translation status report, first page",
                TRANSLATION_REPORT,
            )
        ]


def listing(**parameters):
    return "/api/v2/pages/?" + urlencode(parameters)


def find_targets(server, size):
    """The ids the URLs of ``size``'s data set need, asked of the running ``server``."""
    return Targets(find_conference(server, size), find_region(server))


def is_benchmark(item):
    return item["meta"]["slug"].startswith(BENCHMARK_SLUG_PREFIX)


def find_conference(server, size):
    found = fetch_json(
        server.url(
            listing(
                type=CONFERENCE,
                upcoming="true",
                locale="sv",
                fields="_,id,slug",
                order="start",
                limit=20,
            )
        )
    )
    for item in found["items"]:
        if not is_benchmark(item):
            continue
        detail = fetch_json(server.url(f"/api/v2/pages/{item['id']}/"))
        if len(detail["programme"]) == size.items:
            return item["id"]
    raise RuntimeError(f"No upcoming benchmark conference with {size.items} programme items")


def find_region(server):
    """The region most of the latest Swedish benchmark projects name, with a full page of them."""
    found = fetch_json(
        server.url(
            listing(type=PROJECT, locale="sv", fields="_,id,slug,regions", order="-id", limit=100)
        )
    )
    named = Counter(
        region["id"] for item in found["items"] if is_benchmark(item) for region in item["regions"]
    )
    for region_id, _count in named.most_common():
        projects = fetch_json(
            server.url(listing(type=PROJECT, locale="sv", region=region_id, limit=1))
        )
        if projects["meta"]["total_count"] >= PROJECTS_PER_PAGE:
            return region_id
    raise RuntimeError(f"No region with {PROJECTS_PER_PAGE} Swedish benchmark projects")
