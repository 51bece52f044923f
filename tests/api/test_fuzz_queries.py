"""Random query strings never make the API or the calendar feeds fail.

hypothesis writes query strings the OpenAPI document does not describe: known
and made-up parameter names, any Unicode, numbers past every database integer,
dates out of range, repeated parameters. Whatever it writes, the answer is
below 500, and an error is JSON with a message.
"""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..utils import local, make_conference

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

EXAMPLES = 120

KNOWN_NAMES = [
    "type", "fields", "limit", "offset", "order", "search", "search_operator", "locale",
    "fallback", "child_of", "descendant_of", "ancestor_of", "translation_of", "id", "site",
    "status", "kind", "start", "starts_after", "starts_before", "upcoming", "past", "region",
    "focus_area", "organisation", "first_published_at", "rich_text_format", "html_path", "_",
]  # fmt: skip
KNOWN_VALUES = [
    "content_types.ConferencePage", "content_types.ProjectPage", "wagtailcore.Page", "sv", "nb",
    "*", "-title", "start", "random", "true", "false", "0", "-1", "1,2", "2025-06-01",
    "2025-06-10T09:00:00+02:00", "title(x)", "root", "",
]  # fmt: skip

names = st.one_of(st.sampled_from(KNOWN_NAMES), st.text(min_size=1, max_size=12))
values = st.one_of(
    st.sampled_from(KNOWN_VALUES),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(lambda day: day.isoformat()),
    st.datetimes().map(lambda moment: moment.isoformat()),
    st.text(alphabet="0123456789-:T+Z., ", max_size=30),
)
queries = st.lists(st.tuples(names, values), max_size=5)


@pytest.fixture
def conference(conference_index):
    return make_conference(
        conference_index, start=local(2030, 6, 10, 9), end=local(2030, 6, 10, 17)
    )


def assert_answers_without_failing(client, path, query):
    url = f"{path}?{urlencode(query)}"
    response = client.get(url)
    assert response.status_code < 500, (url, response.status_code, response.content[:300])
    if 400 <= response.status_code < 500:
        assert response["Content-Type"] == "application/json", (url, response.status_code)
        message = response.json()["message"]
        assert isinstance(message, str) and message, url


fuzzing = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@fuzzing
@given(query=queries)
def test_the_pages_listing_never_fails(client, home, conference, query):
    assert_answers_without_failing(client, reverse("wagtailapi:pages:listing"), query)


@fuzzing
@given(query=queries)
def test_a_page_detail_never_fails(client, home, conference, query):
    assert_answers_without_failing(
        client, reverse("wagtailapi:pages:detail", args=(conference.pk,)), query
    )


@fuzzing
@given(query=queries)
def test_the_upcoming_conferences_feed_never_fails(client, home, conference, query):
    assert_answers_without_failing(
        client, reverse("samverkan_calendar:upcoming_conferences"), query
    )


@fuzzing
@given(query=queries)
def test_a_conference_feed_never_fails(client, home, conference, query):
    assert_answers_without_failing(
        client, reverse("samverkan_calendar:conference", args=(conference.pk,)), query
    )
