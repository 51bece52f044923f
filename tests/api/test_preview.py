"""Headless preview: the admin's Preview shows the draft on the external site.

The editor presses Preview in Wagtail's page editor (the form is posted to the
preview view, then the preview is loaded); wagtail-headless-preview sends them
on to the external site's preview URL with ``content_type`` and ``token``; the
external site reads the draft from ``/api/v2/preview/``, in the shape of
``/api/v2/pages/<id>/``. Everything goes through the real admin, the real API
and the real database; only the clock is moved, to expire a token.
"""

import json
import time
from unittest.mock import patch
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core import signing
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from content_types.models import ConferencePage

from ..utils import (
    local,
    make_conference,
    make_network,
    make_programme_item,
    make_project,
    page_detail_url,
    pages_url,
)

DRAFT = "Utkast som bara redaktören ser"
DRAFT_TITLE = "Utkastets rubrik"
PUBLISHED = "Publicerad text"

# For each page type, a plain text field an editor changes in the draft.
TEXT_FIELDS = {
    "project": "summary",
    "network": "purpose",
    "conference": "tagline",
    "programme_item": "location",
}
CONTENT_TYPES = {
    "project": "content_types.projectpage",
    "network": "content_types.networkpage",
    "conference": "content_types.conferencepage",
    "programme_item": "content_types.programmeitempage",
}


@pytest.fixture
def indexes(project_index, network_index, conference_index):
    return {"project": project_index, "network": network_index, "conference": conference_index}


def make_page(kind, indexes, publish=True, **fields):
    """A page of ``kind`` with ``fields``; a programme item gets a published conference."""
    fields[TEXT_FIELDS[kind]] = fields.pop("text", PUBLISHED)
    if kind == "project":
        return make_project(indexes["project"], publish=publish, **fields)
    if kind == "network":
        return make_network(indexes["network"], publish=publish, **fields)
    if kind == "conference":
        return make_conference(indexes["conference"], publish=publish, **fields)
    conference = make_conference(indexes["conference"])
    return make_programme_item(
        conference,
        publish=publish,
        start=local(2025, 6, 10, 10, 0),
        end=local(2025, 6, 10, 11, 0),
        **fields,
    )


# The editor's side: Wagtail's preview view


def edit_form_data(admin_client, page):
    """What the page editor would post: the edit form as Wagtail renders it (latest draft)."""
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    return querydict_from_html(html, form_id="page-edit-form")


def press_preview(admin_client, preview_url, data):
    """Wagtail's Preview: post the form, then load the preview. Returns the load's response."""
    # Every value of a many-valued field (the test client posts only a QueryDict's last).
    posted = admin_client.post(preview_url, dict(data.lists()))
    assert posted.json() == {"is_valid": True, "is_available": True}
    return admin_client.get(preview_url)


def preview_on_edit(admin_client, page, **changes):
    """Preview ``page`` in its editor, with unsaved ``changes`` to the form."""
    data = edit_form_data(admin_client, page)
    for name, value in changes.items():
        if isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = value
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    return press_preview(admin_client, url, data)


def client_params(response):
    """The query the editor is sent to the external site with."""
    assert response.status_code == 302, response.content
    query = parse_qs(urlsplit(response["Location"]).query)
    assert set(query) == {"content_type", "token"}
    return {"content_type": query["content_type"][0], "token": query["token"][0]}


def preview_token(admin_client, page, **changes):
    return client_params(preview_on_edit(admin_client, page, **changes))


# The external site's side: the API


def get_preview(client, params, page_id=None):
    if page_id is None:
        url = reverse("wagtailapi:preview:listing")
    else:
        url = reverse("wagtailapi:preview:detail", args=[page_id])
    return client.get(url, params)


def read_preview(client, params, page_id=None):
    response = get_preview(client, params, page_id)
    assert response.status_code == 200, response.content
    return response.json()


def assert_refused(response, status_codes=(403, 404)):
    """Refused with a JSON message, and nothing of any draft."""
    assert response.status_code in status_codes, response.content
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"message"}
    assert response.json()["message"]
    assert DRAFT not in response.content.decode()
    assert DRAFT_TITLE not in response.content.decode()


def public_detail(client, page):
    response = client.get(page_detail_url(page))
    assert response.status_code == 200, response.content
    return response.json()


def assert_same_shape(preview, public):
    assert set(preview) == set(public)
    assert set(preview["meta"]) == set(public["meta"])
    assert set(preview["meta"]["parent"]) == set(public["meta"]["parent"])
    for name, value in public.items():
        if isinstance(value, dict) and isinstance(preview[name], dict):
            assert set(preview[name]) == set(value), name


def swap_token_part(token, index, value):
    parts = token.split(":")
    parts[index] = value
    return ":".join(parts)


# The Preview button


@pytest.mark.django_db
def test_preview_sends_the_editor_to_the_client_url_with_content_type_and_token(
    admin_client, conference_index
):
    conference = make_conference(conference_index, tagline=PUBLISHED)

    response = preview_on_edit(admin_client, conference, tagline=DRAFT)

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    configured = urlsplit(django_settings.WAGTAIL_HEADLESS_PREVIEW["CLIENT_URLS"]["default"])
    assert (location.scheme, location.netloc, location.path) == (
        configured.scheme,
        configured.netloc,
        configured.path,
    )
    params = client_params(response)
    assert params["content_type"] == "content_types.conferencepage"
    assert DRAFT not in response["Location"]


@pytest.mark.django_db
def test_a_site_may_have_a_client_url_of_its_own(admin_client, conference_index, settings):
    conference = make_conference(conference_index)
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        **settings.WAGTAIL_HEADLESS_PREVIEW,
        "CLIENT_URLS": {
            "default": "https://example.org/preview",
            # The hostname of the default Wagtail Site, the one the conference is in.
            "localhost": "https://bibliotek.example.se/forhandsvisning",
        },
    }

    response = preview_on_edit(admin_client, conference)

    assert response["Location"].startswith(
        "https://bibliotek.example.se/forhandsvisning?content_type=content_types.conferencepage&token="
    )


# The draft, shaped as the public detail


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(TEXT_FIELDS))
def test_the_preview_of_an_unpublished_draft_has_the_shape_of_the_public_detail(
    admin_client, client, indexes, kind
):
    published = make_page(kind, indexes)
    draft = make_page(kind, indexes, publish=False, text=DRAFT)

    params = preview_token(admin_client, draft, title=DRAFT_TITLE)
    preview = read_preview(client, params)

    assert params["content_type"] == CONTENT_TYPES[kind]
    assert preview["id"] == draft.pk
    assert preview["title"] == DRAFT_TITLE  # unsaved in the editor, shown in the preview
    assert preview[TEXT_FIELDS[kind]] == DRAFT
    assert preview["meta"]["detail_url"] == f"http://testserver{page_detail_url(draft)}"
    assert_same_shape(preview, public_detail(client, published))

    # Nowhere public: not at its detail URL, not in any listing.
    assert client.get(page_detail_url(draft)).status_code == 404
    listing = client.get(pages_url(fields="*", limit=100)).content.decode()
    assert DRAFT not in listing and DRAFT_TITLE not in listing


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(TEXT_FIELDS))
def test_the_preview_of_a_published_page_shows_its_newer_draft(admin_client, client, indexes, kind):
    page = make_page(kind, indexes)
    setattr(page, TEXT_FIELDS[kind], DRAFT)
    page.save_revision()  # a saved draft, newer than the published version

    preview = read_preview(client, preview_token(admin_client, page))

    assert preview["id"] == page.pk
    assert preview[TEXT_FIELDS[kind]] == DRAFT
    public = public_detail(client, page)
    assert public[TEXT_FIELDS[kind]] == PUBLISHED
    assert_same_shape(preview, public)
    assert DRAFT not in client.get(pages_url(fields="*", limit=100)).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(TEXT_FIELDS))
def test_the_preview_of_a_page_being_created_has_the_same_shape(
    admin_client, client, indexes, kind
):
    published = make_page(kind, indexes)
    parent = published.get_parent()
    args = ("content_types", CONTENT_TYPES[kind].split(".")[1], parent.pk)
    data = querydict_from_html(
        admin_client.get(reverse("wagtailadmin_pages:add", args=args)).content.decode(),
        form_id="page-edit-form",
    )
    data.update({"title": DRAFT_TITLE, "slug": "ny-sida", TEXT_FIELDS[kind]: DRAFT})
    if kind == "conference":
        data.update({"start": "2025-09-01 09:00", "end": "2025-09-01 16:00"})

    response = press_preview(
        admin_client, reverse("wagtailadmin_pages:preview_on_add", args=args), data
    )
    preview = read_preview(client, client_params(response))

    assert preview["id"] is None and preview["meta"]["detail_url"] is None
    assert (preview["title"], preview[TEXT_FIELDS[kind]]) == (DRAFT_TITLE, DRAFT)
    assert preview["meta"]["parent"]["id"] == parent.pk
    assert_same_shape(preview, public_detail(client, published))
    assert not Page.objects.filter(title=DRAFT_TITLE).exists()


@pytest.mark.django_db
def test_what_a_draft_links_to_is_still_shown_only_where_public(
    admin_client, client, project_index, network_index
):
    public_project = make_project(project_index, title="Offentligt projekt")
    hidden_project = make_project(project_index, title=DRAFT_TITLE, publish=False)
    network = make_network(network_index)

    params = preview_token(
        admin_client,
        network,
        related_projects=[str(public_project.pk), str(hidden_project.pk)],
    )
    preview = read_preview(client, params)

    assert [link["id"] for link in preview["related_projects"]] == [public_project.pk]
    assert DRAFT_TITLE not in json.dumps(preview)
    # The published network still has no related projects.
    assert public_detail(client, network)["related_projects"] == []


@pytest.mark.django_db
def test_the_preview_of_a_conference_lists_only_its_public_programme(
    admin_client, client, conference_index
):
    conference = make_conference(conference_index)
    make_programme_item(conference, title="Öppning", start=local(2025, 6, 10, 9, 0))
    make_programme_item(conference, title=DRAFT_TITLE, publish=False)

    preview = read_preview(client, preview_token(admin_client, conference, tagline=DRAFT))

    assert preview["tagline"] == DRAFT
    assert [item["title"] for item in preview["programme"]] == ["Öppning"]


@pytest.mark.django_db
def test_preview_answers_are_kept_in_no_shared_cache(admin_client, client, conference_index):
    conference = make_conference(conference_index)
    response = get_preview(client, preview_token(admin_client, conference, tagline=DRAFT))
    assert response.status_code == 200
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }


# Tokens: signed, expiring, for one draft only


@pytest.fixture
def previewed(admin_client, conference_index):
    """A published conference, previewed with a draft tagline; its page and client params."""
    conference = make_conference(conference_index, tagline=PUBLISHED)
    return conference, preview_token(admin_client, conference, tagline=DRAFT, title=DRAFT_TITLE)


@pytest.mark.django_db
def test_the_token_opens_the_draft(client, previewed):
    conference, params = previewed
    preview = read_preview(client, params)
    assert (preview["title"], preview["tagline"]) == (DRAFT_TITLE, DRAFT)
    # Also at the page's own preview URL.
    assert read_preview(client, params, page_id=conference.pk)["tagline"] == DRAFT


@pytest.mark.django_db
@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"), id="signature"),
        pytest.param(lambda token: token.split(":", 1)[0], id="truncated"),
        pytest.param(
            lambda token: swap_token_part(
                token,
                0,
                signing.b64_encode(json.dumps({"page": 1, "preview": 1}).encode()).decode(),
            ),
            id="claims",
        ),
        pytest.param(
            # What wagtail-headless-preview's own signer would make for the page.
            lambda token: signing.TimestampSigner(salt="headlesspreview.token").sign("id=1"),
            id="other-salt",
        ),
        pytest.param(lambda token: "", id="missing"),
    ],
)
def test_a_tampered_token_is_refused(client, previewed, tamper):
    _conference, params = previewed
    response = get_preview(client, {**params, "token": tamper(params["token"])})
    assert_refused(response, status_codes=(403,))


@pytest.mark.django_db
def test_an_expired_token_is_refused(client, previewed, settings):
    _conference, params = previewed
    settings.SAMVERKAN_PREVIEW = {"MAX_AGE": 10 * 60}
    now = time.time()

    with patch("django.core.signing.time.time", return_value=now + 9 * 60):
        assert read_preview(client, params)["tagline"] == DRAFT
    with patch("django.core.signing.time.time", return_value=now + 10 * 60 + 5):
        response = get_preview(client, params)

    assert_refused(response, status_codes=(403,))
    assert "expired" in response.json()["message"]


@pytest.mark.django_db
def test_a_token_lasts_an_hour_where_the_site_sets_no_max_age(client, previewed, settings):
    _conference, params = previewed
    del settings.SAMVERKAN_PREVIEW
    now = time.time()

    with patch("django.core.signing.time.time", return_value=now + 59 * 60):
        assert read_preview(client, params)["tagline"] == DRAFT
    with patch("django.core.signing.time.time", return_value=now + 60 * 60 + 5):
        assert_refused(get_preview(client, params), status_codes=(403,))


@pytest.mark.django_db
def test_a_token_for_another_page_is_refused(admin_client, client, previewed, conference_index):
    conference, params = previewed
    other = make_conference(conference_index, title="En annan konferens")
    other_params = preview_token(admin_client, other)

    # The token of one page at another page's preview URL, either way round.
    assert_refused(get_preview(client, params, page_id=other.pk), status_codes=(404,))
    assert_refused(get_preview(client, other_params, page_id=conference.pk), status_codes=(404,))
    # The token under another page type, or a type that has no previews.
    for content_type in ("content_types.projectpage", "wagtailcore.page", "content_types.nope"):
        response = get_preview(client, {**params, "content_type": content_type})
        assert_refused(response, status_codes=(404,))
    # The other token opens its own page's draft, not this one.
    assert read_preview(client, other_params)["id"] == other.pk


@pytest.mark.django_db
def test_a_token_opens_the_draft_it_was_made_for_and_no_later_one(admin_client, client, previewed):
    conference, first = previewed
    second = preview_token(admin_client, conference, tagline="Ett senare utkast")

    assert first["token"] != second["token"]
    assert read_preview(client, first)["tagline"] == DRAFT
    assert read_preview(client, second)["tagline"] == "Ett senare utkast"


@pytest.mark.django_db
def test_a_token_opens_nothing_on_the_public_endpoints(client, previewed):
    conference, params = previewed
    ConferencePage.objects.filter(pk=conference.pk).update(live=False)  # unpublished since

    # The detail, as the listing, knows neither parameter.
    assert_refused(client.get(page_detail_url(conference, **params)), status_codes=(400,))
    listing = client.get(pages_url(**params))
    assert listing.status_code == 400
    assert DRAFT not in listing.content.decode()
    # The preview endpoint itself still shows the draft: it is for the editor, by token.
    assert read_preview(client, params)["tagline"] == DRAFT
