"""Every request the record makes, worked out from the fixed content (``content.py``).

Every public surface of the API, in both languages: each page's detail, the
listings of every page type with their ``fields``, language, tree, filter,
ordering, paging and search parameters, ``find``, the images and documents,
the calendar feeds, the preview of a draft, and bad requests. Listings are
asked for in every language variant (all languages, Swedish, Norwegian, and
Norwegian filled in from Swedish). ``order=random`` is left out: its answer
differs from one request to the next. So are the OpenAPI document and its
page, which grow with every new endpoint.

Pages are looked up in the database whatever their state, so that the pages
the public must not see are asked for too, and answer 404.
"""

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, get_page_models
from wagtail_headless_preview.models import PagePreview

from content_types.api.filters import is_reverse_relation, model_field, orderable_fields
from content_types.api.views import ContentPagesAPIViewSet
from content_types.models import (
    ConferencePage,
    FocusArea,
    NetworkPage,
    ProgrammeItemPage,
    ProjectPage,
    Region,
)

API = "/api/v2/"
LANGUAGES = ("sv", "nb")
#: Every listing in each of these: all languages, one, and Norwegian filled in from Swedish.
LISTING_LANGUAGES = ({}, {"locale": "sv"}, {"locale": "nb"}, {"locale": "nb", "fallback": "sv"})
#: A field of each type that takes sub-fields: a relation expanded with everything it has.
NESTED_FIELDS = {
    ConferencePage: "related_project(title)",
    ProgrammeItemPage: "speakers(*)",
    ProjectPage: "funders(*)",
    NetworkPage: "meetings(*)",
}
#: Filter values longer than this (rich text) make no URL a site would ask for.
LONGEST_FILTER_VALUE = 100
#: Requests answered in the language of the messages too, not only in English.
MESSAGE_LANGUAGES = ("sv", "nb")


@dataclass(frozen=True)
class Request:
    """One request: a path with its query string, a method, an Accept-Language header."""

    path: str
    method: str = "GET"
    accept_language: str = ""

    @property
    def key(self):
        """How the record names the request, e.g. ``GET /api/v2/pages/?type=...``."""
        key = f"{self.method} {self.path}"
        return f"{key} [Accept-Language: {self.accept_language}]" if self.accept_language else key


def api(path, *params, **more):
    """A request for ``/api/v2/<path>`` with the query parameters of ``params`` and ``more``."""
    query = {}
    for given in (*params, more):
        query.update(given)
    encoded = urlencode(query, safe=",()*:")
    return Request(f"{API}{path}?{encoded}" if encoded else f"{API}{path}")


def every_request():
    """Every request the record holds, in the order they are made, each once."""
    sections = (
        page_details,
        page_listings,
        tree_filters,
        page_filters,
        field_filters,
        orderings,
        paging,
        searches,
        finds,
        media,
        calendars,
        previews,
        bad_requests,
    )
    requests = {}
    for section in sections:
        for request in section():
            requests.setdefault(request.key, request)
    return list(requests.values())


# The content


def page_types():
    """Wagtail's Page and every page type of the plugin, by label."""
    models = [
        model
        for model in get_page_models()
        if model is Page or model._meta.app_label == "content_types"
    ]
    return sorted(models, key=lambda model: model._meta.label)


def label(model):
    return model._meta.label


def own_fields(model):
    """The database fields the API shows for ``model`` that Wagtail's Page does not have."""
    base = set(ContentPagesAPIViewSet.get_available_fields(Page, db_fields_only=True))
    fields = ContentPagesAPIViewSet.get_available_fields(model, db_fields_only=True)
    return [name for name in fields if name not in base or model is Page]


def sample(model, language_code):
    """The first live page of ``model`` below the root in a language (None if there is none)."""
    pages = model.objects.live().filter(locale__language_code=language_code, depth__gt=1)
    return pages.order_by("pk").first()


def samples(model):
    return [page for page in (sample(model, code) for code in LANGUAGES) if page is not None]


def all_page_ids(model=Page):
    return list(model.objects.order_by("pk").values_list("pk", flat=True))


# Pages


def page_details():
    for pk in all_page_ids():
        yield api(f"pages/{pk}/")
    for model in page_types():
        for page in samples(model):
            for fields in ("-title", "_,title", "*", NESTED_FIELDS.get(model)):
                if fields:
                    yield api(f"pages/{page.pk}/", fields=fields)


def listing_fields(model):
    """The ``fields`` values each listing of ``model`` is asked with ("": the default fields)."""
    subset = [field.name for field in getattr(model, "api_fields", ())][:2] or ["seo_title"]
    variants = ["", "*", ",".join(["title", *subset]), "-title,-html_url", "_,id"]
    return variants + ([NESTED_FIELDS[model]] if model in NESTED_FIELDS else [])


def page_listings():
    for languages in LISTING_LANGUAGES:
        yield api("pages/", languages)
        for model in page_types():
            for fields in listing_fields(model):
                chosen = {"fields": fields} if fields else {}
                yield api("pages/", {"type": label(model)}, languages, chosen)


def tree_filters():
    parents = Page.objects.filter(numchild__gt=0).order_by("pk").values_list("pk", flat=True)
    for pk in parents:
        yield api("pages/", child_of=pk)
    for pk in all_page_ids(ConferencePage):
        programme = {"type": label(ProgrammeItemPage), "child_of": pk}
        yield api("pages/", programme, fields="start,end,speakers", order="start")
    for pk in parents:
        yield api("pages/", descendant_of=pk, limit=100)
    for model in (ProgrammeItemPage, ProjectPage, NetworkPage):
        for page in samples(model):
            yield api("pages/", ancestor_of=page.pk)
    swedish = Page.objects.filter(locale__language_code="sv", depth__gt=1).order_by("pk")
    for pk in swedish.values_list("pk", flat=True):
        yield api("pages/", translation_of=pk)
    for page in samples(ConferencePage):
        for languages in LISTING_LANGUAGES[1:]:
            yield api("pages/", {"translation_of": page.pk}, languages)


# Filters


def page_filters():
    conferences = {"type": label(ConferencePage), "fields": "start,end,status"}
    for condition in (
        {"upcoming": "true"},
        {"upcoming": "false"},
        {"upcoming": "1"},
        {"past": "true"},
        {"past": "0"},
        {"starts_after": "2026-03-01"},
        {"starts_before": "2026-03-02"},
        {"starts_after": "2009-10-20T09:00:00+02:00"},
        {"starts_after": "2009-01-01", "starts_before": "2014-01-01"},
        {"upcoming": "true", "starts_before": "2027-01-01"},
    ):
        for languages in LISTING_LANGUAGES:
            yield api("pages/", conferences, condition, languages)
    yield api("pages/", conferences, upcoming="true", order="-start")

    projects = {"type": label(ProjectPage), "fields": "regions,focus_areas,project_owner"}
    networks = {"type": label(NetworkPage), "fields": "focus_areas,organiser"}
    for region in linked(Region, ProjectPage, "regions"):
        yield api("pages/", projects, region=region)
        yield api("pages/", projects, region=region, locale="nb")
    for focus_area in linked(FocusArea, ProjectPage, "focus_areas"):
        yield api("pages/", projects, focus_area=focus_area)
    for focus_area in linked(FocusArea, NetworkPage, "focus_areas"):
        yield api("pages/", networks, focus_area=focus_area)
    for organisation in organisations():
        yield api("pages/", projects, organisation=organisation)
    yield api("pages/", projects, region="999999")
    for name, model, target, path in (
        ("region", ProjectPage, Region, "regions"),
        ("focus_area", NetworkPage, FocusArea, "focus_areas"),
    ):
        ids = ",".join(str(pk) for pk in linked(target, model, path))
        yield api("pages/", {"type": label(model), name: ids}, fields="_,id")


def linked(snippet, model, path, count=3):
    """The ids of the first ``count`` snippets that pages of ``model`` link to through ``path``."""
    used = snippet.objects.filter(pk__in=model.objects.values(path)).order_by("pk")
    return [str(pk) for pk in used.values_list("pk", flat=True)[:count]]


def organisations():
    """The ids of a project owner, a funder and a partner."""
    first = ProjectPage.objects.order_by("pk")
    owner = first.exclude(project_owner=None).values_list("project_owner", flat=True).first()
    funder = first.exclude(funders=None).values_list("funders__organisation", flat=True).first()
    partner = first.exclude(partners=None).values_list("partners__organisation", flat=True).first()
    return [str(pk) for pk in dict.fromkeys((owner, funder, partner)) if pk is not None]


def field_filters():
    """Each database field of each type as an exact-match filter, with a value a page has.

    ``locale`` is left out (it names a language, see the listings), and so are
    inline rows, which answer 400 (one is among the bad requests).
    """
    for model in page_types():
        names = own_fields(model) + ([] if model is Page else ["slug", "title"])
        for name in names:
            value = filter_value(model, name) if name != "locale" else None
            if value is not None:
                query = {"type": label(model), name: value, "fields": "_,id"}
                yield api("pages/", query)


def filter_value(model, name):
    """A value of ``name`` a live Swedish page of ``model`` has, as a query parameter, or None."""
    field = model_field(model, name)
    if field is None or is_reverse_relation(field):
        return None
    pages = model.objects.live().filter(locale__language_code="sv", depth__gt=1)
    values = pages.exclude(**{f"{name}__isnull": True}).order_by("pk").values_list(name, flat=True)
    value = next((value for value in values if value != ""), None)
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    value = str(value)
    return value if len(value) <= LONGEST_FILTER_VALUE else None


# Ordering and paging


def orderings():
    """Every field a type may be ordered by, both ways; a few orders of the default listing."""
    viewset = ContentPagesAPIViewSet()
    for model in page_types():
        names = [name for name in orderable_fields(model, viewset) if name in own_fields(model)]
        if model is not Page:
            names.append("title")
        else:
            names.append("last_published_at")
        for name in names:
            for order in (name, f"-{name}"):
                yield api("pages/", type=label(model), order=order, fields="_,id", limit=100)
    for order in ("-first_published_at", "title", "-title", "last_published_at", "-id"):
        for languages in LISTING_LANGUAGES:
            yield api("pages/", languages, order=order)
    yield api("pages/", type=label(ConferencePage), order="start,title")
    yield api("pages/", type=label(ProgrammeItemPage), order="-start,title", locale="sv")


def paging():
    for query in (
        {"limit": "1"},
        {"limit": "5", "offset": "5"},
        {"limit": "100"},
        {"limit": "100", "offset": "100"},
        {"offset": "1000"},
        {"limit": "0"},
    ):
        yield api("pages/", query)
        yield api("pages/", {"type": label(ProjectPage), "locale": "sv"}, query)


# Search


def searches():
    for languages in LISTING_LANGUAGES:
        yield api("pages/", languages, search="bibliotek")
    yield api("pages/", search="bibliotek", fields="_,id", limit=100)
    yield api("pages/", type=label(ConferencePage), search="konferens")
    yield api("pages/", type=label(ProgrammeItemPage), search="lunch", locale="sv")
    yield api("pages/", type=label(ProjectPage), search="bibliotek", status="ongoing")
    yield api("pages/", type=label(ConferencePage), search="seminarium", upcoming="true")
    yield api("pages/", search="bibliotek samverkan", search_operator="and")
    yield api("pages/", search="bibliotek samverkan", search_operator="or")
    yield api("pages/", search='"Tromsø"')
    yield api("pages/", search="bibliotekens", locale="sv")
    yield api("pages/", search="bibliotekene", locale="nb")
    yield api("pages/", search="zzqxj")
    yield api("pages/", search="bibliotek", order="title")
    yield api("pages/", search="bibliotek", child_of=all_page_ids(ConferencePage)[0])
    yield api("images/", search="Konferenssalen")
    yield api("documents/", search="Bilder")


# Find


def finds():
    for model in page_types():
        for page in samples(model):
            language = page.locale.language_code
            site_path = page.url_path.split("/", 2)[2]  # below the site's root page
            yield api("pages/find/", html_path=f"/{language}/{site_path}")
    for html_path in ("/sv/", "/nb", "/", "/sv/finns-inte/", "/en/", "/konferenser/"):
        yield api("pages/find/", html_path=html_path)
    for pk in all_page_ids():
        yield api("pages/find/", id=pk)
    for kind in ("images", "documents"):
        for pk in media_ids(kind):
            yield api(f"{kind}/find/", id=pk)


# Images and documents


def media_ids(kind):
    model = {"images": Image, "documents": Document}[kind]
    return [*model.objects.order_by("pk").values_list("pk", flat=True), 999999]


def media():
    for kind in ("images", "documents"):
        yield api(f"{kind}/")
        for query in ({"fields": "*"}, {"fields": "_,id,title"}, {"order": "-title"}):
            yield api(f"{kind}/", query)
        for pk in media_ids(kind):
            yield api(f"{kind}/{pk}/")
            yield api(f"{kind}/{pk}/", fields="*")


# Calendar feeds


def calendars():
    yield api("calendar/conferences.ics")
    for language in LANGUAGES:
        yield api("calendar/conferences.ics", locale=language)
    yield api("calendar/conferences.ics", site="testserver")
    for pk in all_page_ids(ConferencePage):
        yield api(f"calendar/conferences/{pk}.ics")
    for pk in all_page_ids(ProgrammeItemPage):
        yield api(f"calendar/programme-items/{pk}.ics")


# Previews of drafts


def previews():
    for preview in PagePreview.objects.order_by("pk"):
        page = preview.as_page()
        content_type = f"{preview.content_type.app_label}.{preview.content_type.model}"
        query = {"content_type": content_type, "token": preview.token}
        yield api("preview/", query)
        yield api(f"preview/{page.pk}/", query)
        yield api("preview/", query, fields="_,title")
        yield api(f"preview/{page.pk + 1}/", query)


# Bad requests


def bad_requests():
    conferences = {"type": label(ConferencePage)}
    projects = {"type": label(ProjectPage)}
    conference = sample(ConferencePage, "sv").pk
    in_every_language = [
        api("pages/", type="content_types.Nothing"),
        api("pages/", conferences, fields="nothing"),
        api("pages/", fields="title)("),
        api(f"pages/{conference}/", fields="nothing"),
        api(f"pages/{conference}/", fields="title)("),
        api("pages/", type=label(ProgrammeItemPage), fields="speakers(role)"),
        api("pages/", nothing="1"),
        api("pages/", conferences, upcoming="maybe"),
        api("pages/999999/"),
        api("calendar/conferences/abc.ics"),
    ]
    yield from in_every_language
    yield from (
        api("pages/", conferences, fields="programme(items)"),
        api("pages/", limit="1000"),
        api("pages/", limit="-1"),
        api("pages/", limit="many"),
        api("pages/", offset="-1"),
        api("pages/", upcoming="true"),
        api("pages/", conferences, upcoming="true", past="true"),
        api("pages/", conferences, starts_after="2026-13-01"),
        api("pages/", conferences, starts_after="2026-03-01T09:00:00"),
        api("pages/", conferences, starts_after="2027-01-01", starts_before="2026-01-01"),
        api("pages/", projects, region="north"),
        api("pages/", projects, region="0"),
        api("pages/", projects, region=",".join(str(pk) for pk in range(1, 102))),
        api("pages/", conferences, region="1"),
        api("pages/", order="nothing"),
        api("pages/", projects, order="funders"),
        api("pages/", order="start"),
        api("pages/", projects, funders="1"),
        api("pages/", locale="xx"),
        api("pages/", fallback="sv"),
        api("pages/", locale="nb", fallback="xx"),
        api("pages/", child_of="abc"),
        api("pages/", child_of="999999"),
        api("pages/", descendant_of="abc"),
        api("pages/", ancestor_of="999999"),
        api("pages/", translation_of="abc"),
        api("pages/", search="bibliotek", search_operator="xor"),
        api("pages/", search="bibliotek " * 25),
        api("pages/", search="   "),
        api("pages/", search="bibliotek\x00"),
        api("pages/", conferences, start="not a date"),
        api("pages/", projects, status="nothing"),
        api("pages/", id="abc"),
        api("pages/abc/"),
        api("pages/find/"),
        api("pages/find/", id="abc"),
        api("images/", type="x"),
        api("images/", order="nothing"),
        api("documents/", fields="nothing"),
        api("nothing/"),
        Request("/api/"),
        Request("/api/v3/pages/"),
        api("calendar/conferences.ics", locale="xx"),
        api("calendar/conferences.ics", nothing="1"),
        api("calendar/conferences/99999999999999999999999.ics"),
        api("calendar/programme-items/abc.ics"),
        api("preview/"),
        api("preview/", content_type="content_types.projectpage", token="not-a-token"),
        Request(f"{API}pages/", method="POST"),
    )
    for language in MESSAGE_LANGUAGES:
        for request in in_every_language:
            yield Request(request.path, accept_language=language)
