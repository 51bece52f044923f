"""Malformed query strings answer 400 with a JSON message, never a server error."""

from urllib.parse import urlencode

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from content_types.models import ConferenceDocument

from ..utils import make_conference, page_detail_url, pages_url

CONFERENCE = "content_types.ConferencePage"
PROJECT = "content_types.ProjectPage"
NETWORK = "content_types.NetworkPage"
ITEM = "content_types.ProgrammeItemPage"
HUGE = "99999999999999999999"  # more than any database integer holds

BAD_PAGE_QUERIES = {
    # Dates and times
    "conference-start-not-a-date": {"type": CONFERENCE, "start": "not-a-date"},
    "conference-end-impossible-date": {"type": CONFERENCE, "end": "2025-02-30T10:00"},
    "conference-start-hour-25": {"type": CONFERENCE, "start": "2025-06-10T25:00"},
    "conference-start-before-year-1-in-utc": {
        "type": CONFERENCE,
        "start": "0001-01-01T00:00:00+05:00",
    },
    "conference-start-after-year-9999-in-utc": {
        "type": CONFERENCE,
        "start": "9999-12-31T23:59:59-05:00",
    },
    "conference-deadline-word": {"type": CONFERENCE, "registration_deadline": "imorgon"},
    "project-start-date-month-13": {"type": PROJECT, "start_date": "2020-13-45"},
    "project-end-date-feb-29": {"type": PROJECT, "end_date": "2021-02-29"},
    "network-started-word": {"type": NETWORK, "started": "igår"},
    "item-start-time-only": {"type": ITEM, "start": "10:00"},
    "first-published-month-13": {"first_published_at": "2020-13-01"},
    # Choices
    "conference-kind": {"type": CONFERENCE, "kind": "bogus"},
    "conference-status": {"type": CONFERENCE, "status": "over"},
    "conference-timezone": {"type": CONFERENCE, "timezone": "Mars/Olympus"},
    "project-status": {"type": PROJECT, "status": "nonsense"},
    "item-kind": {"type": ITEM, "kind": "keynote"},
    # Numbers, booleans and ids of related objects
    "conference-venue-word": {"type": CONFERENCE, "venue": "abc"},
    "conference-venue-huge": {"type": CONFERENCE, "venue": HUGE},
    "conference-contact-fraction": {"type": CONFERENCE, "contact": "1.5"},
    "conference-price-word": {"type": CONFERENCE, "price": "gratis"},
    "conference-price-nan": {"type": CONFERENCE, "price": "NaN"},
    "conference-is-free-maybe": {"type": CONFERENCE, "is_free": "kanske"},
    "project-regions-word": {"type": PROJECT, "regions": "abc"},
    "project-regions-list": {"type": PROJECT, "regions": "1,2"},
    "project-regions-huge": {"type": PROJECT, "regions": HUGE},
    "project-focus-areas-word": {"type": PROJECT, "focus_areas": "x"},
    "project-successor-word": {"type": PROJECT, "successor": "abc"},
    "project-owner-fraction": {"type": PROJECT, "project_owner": "1.5"},
    "project-libraries-word": {"type": PROJECT, "participating_libraries": "many"},
    "project-libraries-negative": {"type": PROJECT, "participating_libraries": "-1"},
    "project-libraries-huge": {"type": PROJECT, "participating_libraries": HUGE},
    "network-related-projects-word": {"type": NETWORK, "related_projects": "abc"},
    "network-organiser-word": {"type": NETWORK, "organiser": "abc"},
    "id-word": {"id": "abc"},
    "id-huge": {"id": HUGE},
    # Filtering by relations with many values per page
    "conference-organisers": {"type": CONFERENCE, "organisers": "1"},
    "project-funders": {"type": PROJECT, "funders": "1"},
    "project-predecessors": {"type": PROJECT, "predecessors": "1"},
    "project-related-networks": {"type": PROJECT, "related_networks": "1"},
    "project-conferences": {"type": PROJECT, "conferences": "1"},
    "item-speakers": {"type": ITEM, "speakers": "1"},
    # Ordering
    "order-project-funders": {"type": PROJECT, "order": "funders"},
    "order-project-funders-descending": {"type": PROJECT, "order": "-funders"},
    "order-project-regions": {"type": PROJECT, "order": "regions"},
    "order-project-focus-areas": {"type": PROJECT, "order": "focus_areas"},
    "order-project-predecessors": {"type": PROJECT, "order": "predecessors"},
    "order-project-related-networks": {"type": PROJECT, "order": "related_networks"},
    "order-project-conferences": {"type": PROJECT, "order": "conferences"},
    "order-network-related-projects": {"type": NETWORK, "order": "related_projects"},
    "order-network-meetings": {"type": NETWORK, "order": "meetings"},
    "order-conference-documents": {"type": CONFERENCE, "order": "-documents"},
    "order-conference-programme": {"type": CONFERENCE, "order": "programme"},
    "order-item-speakers": {"type": ITEM, "order": "speakers"},
    "order-item-day": {"type": ITEM, "order": "day"},
    "order-second-field-unknown": {"type": CONFERENCE, "order": "start,nope"},
    "order-empty-fields": {"order": ","},
    "order-random-with-offset": {"order": "random", "offset": "1"},
    "order-unindexed-while-searching": {"type": CONFERENCE, "search": "x", "order": "tagline"},
    # Types
    "type-unknown-model": {"type": "content_types.Nope"},
    "type-no-app": {"type": "nonsense"},
    "type-not-a-page": {"type": "content_types.Person"},
    "type-field-of-another-type": {"type": f"{PROJECT},{NETWORK}", "status": "ongoing"},
    # Tree filters
    "child-of-word": {"child_of": "abc"},
    "child-of-negative": {"child_of": "-1"},
    "child-of-missing-page": {"child_of": "999999"},
    "child-of-huge": {"child_of": HUGE},
    "descendant-of-word": {"descendant_of": "abc"},
    "ancestor-of-word": {"ancestor_of": "abc"},
    "translation-of-word": {"translation_of": "abc"},
    "child-of-with-descendant-of": {"child_of": "root", "descendant_of": "root"},
    # Pagination
    "limit-negative": {"limit": "-1"},
    "limit-word": {"limit": "abc"},
    "limit-above-maximum": {"limit": "1000"},
    "limit-huge": {"limit": HUGE},
    "limit-fraction": {"limit": "1.5"},
    "limit-exponent": {"limit": "1e3"},
    "limit-other-script-digits": {"limit": "\uff11"},
    "offset-negative": {"offset": "-1"},
    "offset-word": {"offset": "abc"},
    "offset-above-maximum": {"offset": "1000001"},
    "offset-huge": {"offset": HUGE},
    # Unknown parameters and fields
    "unknown-parameter": {"foo": "bar"},
    "unknown-parameter-with-type": {"type": CONFERENCE, "colour": "red"},
    "lookup-suffix": {"type": PROJECT, "title__contains": "x"},
    "day-is-not-a-filter": {"type": ITEM, "day": "2025-06-10"},
    "unknown-field": {"fields": "bogus"},
    "unknown-removed-field": {"fields": "*,-bogus"},
    "unparsable-fields": {"fields": "title(("},
    "nested-fields-of-plain-field": {"type": CONFERENCE, "fields": "title(x)"},
    "nested-fields-of-programme": {"type": CONFERENCE, "fields": "programme(id)"},
    "unknown-nested-field": {"type": CONFERENCE, "fields": "venue(bogus)"},
    # Search
    "search-operator-unknown": {"search": "bibliotek", "search_operator": "xor"},
    "search-operator-empty": {"type": CONFERENCE, "search": "bibliotek", "search_operator": ""},
    "search-filter-not-indexed": {"type": CONFERENCE, "search": "x", "venue": "1"},
    "search-too-long": {"search": "x" * 201},
    "search-too-long-words": {"search": "bibliotek " * 21},
    # Other operations
    "rich-text-format": {"rich_text_format": "bogus"},
    "site-port-word": {"site": "localhost:abc"},
    # Null characters, which some databases refuse in any string
    "null-title": {"title": "a\x00b"},
    "null-slug": {"slug": "\x00"},
    "null-choice": {"type": CONFERENCE, "kind": "\x00"},
    "null-date": {"type": PROJECT, "start_date": "\x00"},
    "null-foreign-key": {"type": CONFERENCE, "venue": "\x00"},
    "null-search": {"search": "bibliotek\x00"},
    "null-locale": {"locale": "s\x00v"},
    "null-order": {"order": "title\x00"},
    "null-fields": {"fields": "\x00"},
    "null-type": {"type": "content_types.ProjectPage\x00"},
    "null-child-of": {"child_of": "\x00"},
    "null-site": {"site": "local\x00host"},
    "null-parameter-name": {"ti\x00tle": "x"},
}


def assert_bad_request(response):
    assert response.status_code == 400, (response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    message = response.json()["message"]
    assert isinstance(message, str) and message


@pytest.mark.django_db
@pytest.mark.parametrize("params", BAD_PAGE_QUERIES.values(), ids=BAD_PAGE_QUERIES.keys())
def test_bad_page_listing_queries_answer_400(client, home, params):
    assert_bad_request(client.get(pages_url(**params)))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [{"fields": "bogus"}, {"fields": "title(x)"}, {"rich_text_format": "bogus"}, {"x": "\x00"}],
    ids=["unknown-field", "nested-plain-field", "rich-text-format", "null-character"],
)
def test_bad_page_detail_queries_answer_400(client, home, params):
    assert_bad_request(client.get(page_detail_url(home, **params)))


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "1.5", "\x00", HUGE])
def test_bad_ids_for_find_answer_400(client, home, value):
    url = reverse("wagtailapi:pages:find")
    assert_bad_request(client.get(url, {"id": value}))


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["images", "documents"])
@pytest.mark.parametrize(
    "params",
    [
        {"id": "abc"},
        {"id": HUGE},
        {"title": "\x00"},
        {"order": "tags"},
        {"order": "nope"},
        {"search": "x", "search_operator": "xor"},
        {"limit": "-1"},
        {"foo": "bar"},
    ],
    ids=[
        "id-word",
        "id-huge",
        "null-title",
        "order-tags",
        "order-unknown",
        "search-operator",
        "limit-negative",
        "unknown-parameter",
    ],
)
def test_bad_image_and_document_queries_answer_400(client, endpoint, params):
    assert_bad_request(client.get(reverse(f"wagtailapi:{endpoint}:listing"), params))


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_bad_ids_for_image_and_document_find_answer_400(client, endpoint):
    assert_bad_request(client.get(reverse(f"wagtailapi:{endpoint}:find"), {"id": "abc"}))


# Every kind of bad input, at every public endpoint

#: One bad query of each kind the API must refuse; at an endpoint that does not
#: take the parameter at all, it is refused as unknown.
BAD_QUERY_KINDS = {
    "unknown-parameter": {"colour": "red"},
    "unknown-field": {"fields": "bogus"},
    "unknown-type": {"type": "content_types.Nope"},
    "malformed-id": {"id": "abc"},
    "negative-limit": {"limit": "-1"},
    "huge-limit": {"limit": HUGE},
    "negative-offset": {"offset": "-1"},
    "huge-offset": {"offset": HUGE},
    "invalid-date": {"first_published_at": "2020-13-01"},
    "unknown-locale": {"locale": "zz"},
    "bad-ordering": {"order": "nope"},
    "over-long-search": {"search": "x" * 201},
    "null-character": {"locale": "s\x00v"},
}


@pytest.fixture(scope="module")
def media(site_tree, django_db_blocker):
    """An image and a document a public conference shows, once for the module (no test
    changes them): the media endpoints list only what public pages show."""
    with django_db_blocker.unblock():
        image = get_image_model().objects.create(title="Bild", file=get_test_image_file())
        document = get_document_model().objects.create(
            title="Program", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="program.pdf")
        )
        make_conference(
            site_tree["conference_index"],
            image=image,
            documents=[ConferenceDocument(title="Program", document=document)],
        )
    return image, document


@pytest.fixture
def endpoints(home, media):
    """Each public endpoint's URL, with an object to show where it shows one."""
    image, document = media
    return {
        "pages-listing": reverse("wagtailapi:pages:listing"),
        "pages-detail": reverse("wagtailapi:pages:detail", args=(home.pk,)),
        "pages-find": reverse("wagtailapi:pages:find") + f"?id={home.pk}",
        "images-listing": reverse("wagtailapi:images:listing"),
        "images-detail": reverse("wagtailapi:images:detail", args=(image.pk,)),
        "images-find": reverse("wagtailapi:images:find") + f"?id={image.pk}",
        "documents-listing": reverse("wagtailapi:documents:listing"),
        "documents-detail": reverse("wagtailapi:documents:detail", args=(document.pk,)),
        "documents-find": reverse("wagtailapi:documents:find") + f"?id={document.pk}",
        "preview": reverse("wagtailapi:preview:listing"),
        "preview-detail": reverse("wagtailapi:preview:detail", args=(home.pk,)),
        "calendar-upcoming": reverse("samverkan_calendar:upcoming_conferences"),
        "calendar-conference": reverse("samverkan_calendar:conference", args=(home.pk,)),
        "openapi": reverse("samverkan_openapi:document"),
        "docs": reverse("samverkan_openapi:docs"),
    }


ENDPOINTS = [
    "pages-listing",
    "pages-detail",
    "pages-find",
    "images-listing",
    "images-detail",
    "images-find",
    "documents-listing",
    "documents-detail",
    "documents-find",
    "preview",
    "preview-detail",
    "calendar-upcoming",
    "calendar-conference",
    "openapi",
    "docs",
]
#: The fields a draft has depend on the page type its token names: without a token,
#: the preview answers 403 before it looks at them.
TOKEN_FIRST = {("preview", "unknown-field"), ("preview-detail", "unknown-field")}


def with_query(url, params):
    separator = "&" if "?" in url else "?"
    return url + separator + urlencode(params)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", BAD_QUERY_KINDS)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_endpoint_answers_every_kind_of_bad_query_with_400(client, endpoints, endpoint, kind):
    # find redirects to the detail, which checks what find does not use itself.
    response = client.get(with_query(endpoints[endpoint], BAD_QUERY_KINDS[kind]), follow=True)
    if (endpoint, kind) in TOKEN_FIRST:
        assert response.status_code == 403
        assert response.json() == {"message": "a preview token is required"}
        return
    assert_bad_request(response)


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_endpoint_answers_a_good_query(client, endpoints, endpoint):
    """The same URLs without the bad parameter answer: the 400s above are the parameter's."""
    response = client.get(endpoints[endpoint], follow=True)
    if endpoint.startswith("preview"):
        assert response.status_code == 403  # no token: the preview's own refusal
    elif endpoint == "calendar-conference":
        assert response.status_code == 404  # the home page is no conference
    else:
        assert response.status_code == 200, (endpoint, response.content[:300])


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_api_is_read_only_answering_405_with_a_message(client, endpoints, endpoint, method):
    response = getattr(client, method)(
        endpoints[endpoint], data={}, content_type="application/json"
    )
    assert response.status_code == 405, (endpoint, response.status_code)
    assert response["Content-Type"] == "application/json"
    assert method.upper() in response.json()["message"]
    assert "POST" not in response["Allow"] and "GET" in response["Allow"]


@pytest.mark.django_db
def test_the_method_message_speaks_the_clients_language(client, home):
    response = client.post(pages_url(), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.json() == {
        "message": "metoden POST är inte tillåten här; API:et går bara att läsa (GET, HEAD, OPTIONS)"
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, message",
    [
        ({"limit": "101"}, "limit must be a whole number from 0 to 100"),
        ({"offset": HUGE}, "offset must be a whole number from 0 to 1000000"),
        ({"search": "x" * 201}, "search text may be at most 200 characters long"),
        ({"colour": "red"}, "query parameter is not an operation or a recognised field: colour"),
    ],
    ids=["limit", "offset", "search", "unknown-parameter"],
)
def test_the_limits_are_named_in_the_message(client, home, params, message):
    response = client.get(pages_url(**params))
    assert response.status_code == 400
    assert response.json() == {"message": message}


@pytest.mark.django_db
def test_the_limits_themselves_are_allowed(client, home):
    for params in ({"limit": "100"}, {"limit": "0"}, {"offset": "1000000"}, {"search": "x" * 200}):
        response = client.get(pages_url(**params))
        assert response.status_code == 200, (params, response.content[:300])


# Odd but well-formed queries: an ordinary answer, not an error


@pytest.mark.django_db
def test_an_offset_past_the_end_gives_an_empty_page(client, home):
    for offset in ("1000", "1000000"):
        response = client.get(pages_url(offset=offset))
        assert response.status_code == 200, response.content[:300]
        data = response.json()
        assert data["items"] == []
        assert data["meta"]["total_count"] >= 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    ['"', 'a"b', 'x"*', "AND", "a OR", "*", "NEAR(", "bibliotek)", "-", "'; DROP", " ", "\\"],
)
def test_search_text_with_operators_or_quotes_is_just_text(client, home, text):
    response = client.get(pages_url(search=text))
    assert response.status_code == 200, response.content[:300]
    assert response.json()["items"] == [] or not text.strip()


@pytest.mark.django_db
def test_quotes_in_search_text_are_read_as_spaces(client, home, nb_home):
    response = client.get(pages_url(search='"Hem"'))
    assert response.status_code == 200, response.content[:300]
    assert sorted(item["id"] for item in response.json()["items"]) == [home.pk, nb_home.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [{"site": "nowhere.example"}, {"html_path": "/finns/inte/"}],
    ids=["unknown-site", "unknown-path"],
)
def test_not_found_answers_404_json_not_a_redirect(client, home, params):
    url = reverse("wagtailapi:pages:find") if "html_path" in params else pages_url(**params)
    response = client.get(url, params if "html_path" in params else None)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["upcoming_conferences", "conference"])
def test_an_unknown_site_at_the_feeds_answers_404_json(client, home, name):
    url = reverse(f"samverkan_calendar:{name}", args=(home.pk,) if name == "conference" else ())
    response = client.get(url, {"site": "nowhere.example"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v2/pagez/", "/api/v2/pages/12/extra/", "/api/v3/"])
def test_a_path_under_the_api_that_matches_no_endpoint_answers_404_json(client, home, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"message": f"ingen API-ändpunkt på {path}"}


@pytest.mark.django_db
def test_a_missing_page_answers_404_json_not_a_redirect(client, home):
    response = client.get(reverse("wagtailapi:pages:detail", args=(999999,)))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"message"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, message",
    [
        ({"locale": "zz"}, "locale 'zz' does not exist (choose from: nb, sv)"),
        ({"locale": "nb", "fallback": "fi"}, "fallback 'fi' does not exist (choose from: nb, sv)"),
        ({"fallback": "sv"}, "fallback needs a locale, e.g. ?locale=nb&fallback=sv"),
    ],
    ids=["unknown-locale", "unknown-fallback", "fallback-without-locale"],
)
def test_a_bad_locale_answers_400_listing_the_valid_ones(client, home, nb_home, params, message):
    response = client.get(pages_url(**params))
    assert response.status_code == 400
    assert response.json() == {"message": message}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "accept_language, message",
    [
        ("", "locale 'zz' does not exist (choose from: nb, sv)"),
        ("en-GB,en;q=0.8", "locale 'zz' does not exist (choose from: nb, sv)"),
        ("sv-SE,sv;q=0.9", "locale 'zz' finns inte (välj bland: nb, sv)"),
        ("no", "locale 'zz' finnes ikke (velg blant: nb, sv)"),
        ("de-DE", "locale 'zz' does not exist (choose from: nb, sv)"),
    ],
)
def test_error_messages_speak_the_clients_language_or_english(
    client, home, nb_home, accept_language, message
):
    response = client.get(pages_url(locale="zz"), HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 400
    assert response.json() == {"message": message}
