"""The pages endpoint of the public API (/api/v2/pages/): shapes, visibility, locales.

The content is built once for the module (see ``content``); tests that change
anything run in their own savepoint, so the next test sees the content as built.
"""

import json
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from content_types.models import (
    ConferencePage,
    Person,
    ProgrammeItemPage,
    ProjectFunder,
    ProjectPage,
)

from ..utils import (
    HELSINKI,
    local,
    make_conference,
    make_focus_area,
    make_network,
    make_organisation,
    make_person,
    make_programme_item,
    make_project,
    make_region,
    make_venue,
    page_detail_url,
    pages_url,
)

PRIVATE_EMAIL = "bo.berg.privat@example.se"
PRIVATE_PHONE = "070-555 12 34"
PUBLIC_EMAIL = "anna.andersson@region.example.se"
PUBLIC_PHONE = "021-39 70 00"


@pytest.fixture(scope="module")
def content(site_tree, django_db_blocker):
    with django_db_blocker.unblock():
        return build_content(site_tree)


def build_content(tree):
    today = timezone.localdate()
    c = dict(tree)

    # Snippets
    c["county"] = county = make_region("Västmanlands län")
    c["county2"] = county2 = make_region("Uppsala län")
    c["focus"] = focus = make_focus_area("Digital delaktighet")
    c["owner"] = owner = make_organisation(
        "Region Västmanland",
        kind="region",
        municipality="Västerås",
        county=county,
        website="https://regionvastmanland.example.se",
    )
    c["funder"] = funder = make_organisation("Statens kulturråd", kind="government_agency")
    c["university"] = university = make_organisation("Mälardalens universitet", kind="education")
    c["university_library"] = university_library = make_organisation(
        "Mälardalens universitetsbibliotek", kind="academic_library", parent=university
    )
    c["public_person"] = public_person = make_person(
        "Anna Andersson",
        organisation=owner,
        title="Bibliotekskonsulent",
        email=PUBLIC_EMAIL,
        email_is_public=True,
        phone=PUBLIC_PHONE,
        phone_is_public=True,
    )
    c["private_person"] = private_person = make_person(
        "Bo Berg",
        organisation=university_library,
        title="Bibliotekarie",
        email=PRIVATE_EMAIL,
        phone=PRIVATE_PHONE,
    )

    # Projects: "Digitalt först" continues "KompoBib2020".
    c["project"] = project = make_project(
        tree["project_index"],
        title="Digitalt först",
        status="completed",
        start_date=date(2020, 1, 1),
        end_date=date(2021, 12, 31),
        extended_until=date(2022, 6, 30),
        project_owner=owner,
        funders=[funder],
        regions=[county2, county],
        focus_areas=[focus],
        contacts=[public_person, private_person],
        participating_libraries=12,
    )
    c["predecessor"] = make_project(
        tree["project_index"], title="KompoBib2020", status="completed", successor=project
    )

    # A network with meetings before and after today, added out of order.
    c["network"] = make_network(
        tree["network_index"],
        title="Bibliotekschefer i Västmanland",
        organiser=owner,
        contacts=[public_person],
        meetings=[
            (today + timedelta(days=60), "Höstmöte"),
            (today - timedelta(days=30), "Vårmöte"),
            (today + timedelta(days=30), "Sommarmöte"),
        ],
        related_projects=[project],
    )

    # A conference in Stockholm with its programme, added out of order.
    c["venue"] = venue = make_venue()
    c["conference"] = conference = make_conference(
        tree["conference_index"],
        title="Biblioteksdagarna 2025",
        kind="seminar",
        start=local(2025, 6, 10, 9, 0),
        end=local(2025, 6, 11, 16, 0),
        doors_open=local(2025, 6, 10, 8, 30),
        venue=venue,
        price="450.00",
        no_show_fee="200.00",
        currency="SEK",
        includes_lunch=True,
        includes_coffee=True,
        included_note="Alla deltagare får boken.",
        registration_deadline=date(2025, 5, 20),
        registration_email="anmalan@example.se",
        registration_url="https://example.se/anmalan",
        registration_is_binding=True,
        registration_asks_dietary=True,
        registration_instructions="Ange namn och arbetsplats.",
        related_project=project,
        contact=private_person,
    )
    c["panel"] = make_programme_item(
        conference,
        title="Paneldebatt",
        kind="panel",
        start=local(2025, 6, 10, 13, 0),
        end=local(2025, 6, 10, 14, 0),
        location="Sal B",
        speakers=[(public_person, "moderator", None), (private_person, "panellist", funder)],
    )
    c["mingle"] = make_programme_item(conference, title="Mingel", kind="other")
    c["closing"] = make_programme_item(
        conference,
        title="Avslutning",
        start=local(2025, 6, 11, 15, 0),
        end=local(2025, 6, 11, 16, 0),
    )
    c["welcome"] = make_programme_item(
        conference,
        title="Välkommen",
        start=local(2025, 6, 10, 9, 0),
        end=local(2025, 6, 10, 9, 15),
        speakers=[public_person],
        related_project=project,
    )

    # A winter conference in Helsinki: UTC+2 there, UTC+1 in Stockholm.
    c["helsinki"] = helsinki = make_conference(
        tree["conference_index"],
        title="Nordiskt biblioteksmöte",
        start=local(2025, 1, 15, 10, 0, tz=HELSINKI),
        end=local(2025, 1, 16, 12, 0, tz=HELSINKI),
        timezone="Europe/Helsinki",
        venue=make_venue(
            name="Oodi", city="Helsingfors", country="FI", street_address="Tölöviksgatan 4"
        ),
    )
    c["night_item"] = make_programme_item(
        helsinki,
        title="Nattvandring",
        start=local(2025, 1, 16, 0, 30, tz=HELSINKI),  # still the 15th in Stockholm
        end=local(2025, 1, 16, 1, 30, tz=HELSINKI),
    )

    # Norwegian translations of the project index and the project.
    c["nb_project_index"] = nb_project_index = tree["project_index"].copy_for_translation(
        tree["nb_locale"]
    )
    nb_project_index.save_revision().publish()
    c["nb_project"] = nb_project = project.copy_for_translation(tree["nb_locale"])
    nb_project.title = "Digitalt først"
    nb_project.save_revision().publish()
    return c


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def detail(client, page, **params):
    return get_json(client, page_detail_url(page, **params))


def listing(client, **params):
    params.setdefault("limit", 100)
    return get_json(client, pages_url(**params))["items"]


def assert_hidden(client, page):
    """``page`` is in no listing and its detail URL answers 404."""
    page_type = page.specific_class._meta.label
    assert page.pk not in [item["id"] for item in listing(client, type=page_type)]
    assert page.pk not in [item["id"] for item in listing(client)]
    response = client.get(page_detail_url(page))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "message" in response.json()


def assert_listed(client, page):
    page_type = page.specific_class._meta.label
    assert page.pk in [item["id"] for item in listing(client, type=page_type)]
    assert detail(client, page)["id"] == page.pk


def link(page):
    """The expected API shape of a linked page, without its URLs."""
    return {"id": page.pk, "title": page.title, "type": page.specific_class._meta.label}


def link_without_urls(data):
    return None if data is None else {key: data[key] for key in ("id", "title", "type")}


# Listing and detail of each page type

TYPES = {
    "content_types.ProjectPage": ["project", "predecessor", "nb_project"],
    "content_types.NetworkPage": ["network"],
    "content_types.ConferencePage": ["conference", "helsinki"],
    "content_types.ProgrammeItemPage": ["panel", "mingle", "closing", "welcome", "night_item"],
}
TYPE_FIELD = {
    "content_types.ProjectPage": "summary",
    "content_types.NetworkPage": "purpose",
    "content_types.ConferencePage": "programme",
    "content_types.ProgrammeItemPage": "speakers",
}


@pytest.mark.django_db
@pytest.mark.parametrize("page_type", TYPES)
def test_each_type_is_listed_with_all_its_fields(client, content, page_type):
    items = listing(client, type=page_type, fields="*")
    assert sorted(item["id"] for item in items) == sorted(
        content[name].pk for name in TYPES[page_type]
    )
    for item in items:
        assert item["meta"]["type"] == page_type
        assert TYPE_FIELD[page_type] in item


@pytest.mark.django_db
@pytest.mark.parametrize("page_type", TYPES)
def test_each_type_is_readable_at_its_detail_url(client, content, page_type):
    page = content[TYPES[page_type][0]]
    data = detail(client, page)
    assert data["id"] == page.pk
    assert data["title"] == page.title
    assert data["meta"]["type"] == page_type
    assert data["meta"]["parent"]["id"] == page.get_parent().pk
    assert TYPE_FIELD[page_type] in data


@pytest.mark.django_db
def test_the_detail_url_in_a_listing_leads_to_the_page(client, content):
    item = listing(client, type="content_types.NetworkPage")[0]
    assert item["meta"]["detail_url"] == f"http://testserver{page_detail_url(content['network'])}"


# Conferences


@pytest.mark.django_db
def test_conference_fields_are_expanded(client, content):
    data = detail(client, content["conference"])

    assert data["kind"] == "seminar"
    assert data["start"] == "2025-06-10T09:00:00+02:00"
    assert data["end"] == "2025-06-11T16:00:00+02:00"
    assert data["doors_open"] == "2025-06-10T08:30:00+02:00"
    assert data["timezone"] == "Europe/Stockholm"
    assert data["venue"] == {
        "id": content["venue"].pk,
        "name": "Västerås Konserthus",
        "street_address": "Kungsgatan 6",
        "postal_code": "722 11",
        "city": "Västerås",
        "country": "SE",
        "directions": "",
        "directions_url": "",
        "latitude": 59.61,
        "longitude": 16.545,
    }
    assert data["registration"] == {
        "deadline": "2025-05-20",
        "email": "anmalan@example.se",
        "url": "https://example.se/anmalan",
        "is_binding": True,
        "asks_dietary_requirements": True,
        "instructions": "Ange namn och arbetsplats.",
    }
    assert data["included"] == {
        "lunch": True,
        "coffee": True,
        "dinner": False,
        "accommodation": False,
        "note": "Alla deltagare får boken.",
    }
    assert (data["is_free"], data["price"], data["no_show_fee"], data["currency"]) == (
        False,
        "450.00",
        "200.00",
        "SEK",
    )
    assert link_without_urls(data["related_project"]) == link(content["project"])
    assert data["contact"]["name"] == "Bo Berg"
    assert data["contact"]["organisation"]["name"] == "Mälardalens universitetsbibliotek"


@pytest.mark.django_db
def test_conference_programme_is_in_time_order_with_untimed_items_last(client, content):
    programme = detail(client, content["conference"])["programme"]

    assert [item["title"] for item in programme] == [
        "Välkommen",
        "Paneldebatt",
        "Avslutning",
        "Mingel",
    ]
    assert [item["id"] for item in programme] == [
        content[name].pk for name in ("welcome", "panel", "closing", "mingle")
    ]
    assert [item["day"] for item in programme] == ["2025-06-10", "2025-06-10", "2025-06-11", None]
    assert [(item["start"], item["end"]) for item in programme] == [
        ("2025-06-10T09:00:00+02:00", "2025-06-10T09:15:00+02:00"),
        ("2025-06-10T13:00:00+02:00", "2025-06-10T14:00:00+02:00"),
        ("2025-06-11T15:00:00+02:00", "2025-06-11T16:00:00+02:00"),
        (None, None),
    ]
    panel = programme[1]
    assert (panel["kind"], panel["location"]) == ("panel", "Sal B")
    assert [
        (speaker["name"], speaker["role"], speaker["organisation"]["name"])
        for speaker in panel["speakers"]
    ] == [
        ("Anna Andersson", "moderator", "Region Västmanland"),
        ("Bo Berg", "panellist", "Statens kulturråd"),
    ]
    assert link_without_urls(programme[0]["related_project"]) == link(content["project"])


@pytest.mark.django_db
def test_conference_listing_expands_the_same_fields_as_the_detail(client, content):
    items = listing(client, type="content_types.ConferencePage", fields="*")
    listed = next(item for item in items if item["id"] == content["conference"].pk)
    data = detail(client, content["conference"])
    for field in ("start", "end", "venue", "registration", "included", "programme", "contact"):
        assert listed[field] == data[field], field


@pytest.mark.django_db
def test_conference_times_are_given_in_the_conference_time_zone(client, content):
    data = detail(client, content["helsinki"])
    assert data["start"] == "2025-01-15T10:00:00+02:00"
    assert data["end"] == "2025-01-16T12:00:00+02:00"
    (item,) = data["programme"]
    # The day is the day in Helsinki, not in Stockholm or UTC.
    assert (item["day"], item["start"]) == ("2025-01-16", "2025-01-16T00:30:00+02:00")

    item_data = detail(client, content["night_item"])
    assert (item_data["day"], item_data["start"], item_data["end"]) == (
        "2025-01-16",
        "2025-01-16T00:30:00+02:00",
        "2025-01-16T01:30:00+02:00",
    )


# Programme items


@pytest.mark.django_db
def test_programme_item_speakers_appear_as_they_were_at_the_time(client, content):
    data = detail(client, content["panel"])

    assert data["day"] == "2025-06-10"
    assert (data["start"], data["end"]) == (
        "2025-06-10T13:00:00+02:00",
        "2025-06-10T14:00:00+02:00",
    )
    moderator, panellist = data["speakers"]
    assert (moderator["name"], moderator["role"], moderator["title"]) == (
        "Anna Andersson",
        "moderator",
        "Bibliotekskonsulent",
    )
    assert moderator["organisation"] == {
        "id": content["owner"].pk,
        "name": "Region Västmanland",
        "kind": "region",
        "parent": None,
    }
    # Bo Berg spoke for the funder then, although he works at the university library now.
    assert (panellist["name"], panellist["role"]) == ("Bo Berg", "panellist")
    assert panellist["organisation"]["name"] == "Statens kulturråd"
    assert panellist["person"]["organisation"]["name"] == "Mälardalens universitetsbibliotek"


@pytest.mark.django_db
def test_programme_item_links_its_project(client, content):
    data = detail(client, content["welcome"])
    assert link_without_urls(data["related_project"]) == link(content["project"])
    assert data["related_project"]["detail_url"].endswith(page_detail_url(content["project"]))


# Projects


@pytest.mark.django_db
def test_project_fields_are_expanded(client, content):
    data = detail(client, content["project"])

    assert (data["status"], data["start_date"], data["end_date"], data["extended_until"]) == (
        "completed",
        "2020-01-01",
        "2021-12-31",
        "2022-06-30",
    )
    owner = data["project_owner"]
    assert (owner["id"], owner["name"], owner["kind"], owner["municipality"]) == (
        content["owner"].pk,
        "Region Västmanland",
        "region",
        "Västerås",
    )
    assert owner["county"]["name"] == "Västmanlands län"
    assert [funder["organisation"]["name"] for funder in data["funders"]] == ["Statens kulturråd"]
    assert [region["name"] for region in data["regions"]] == ["Uppsala län", "Västmanlands län"]
    assert [area["name"] for area in data["focus_areas"]] == ["Digital delaktighet"]
    assert [(contact["person"]["name"], contact["role"]) for contact in data["contacts"]] == [
        ("Anna Andersson", "Projektledare"),
        ("Bo Berg", "Projektledare"),
    ]
    assert data["participating_libraries"] == 12
    assert data["successor"] is None
    assert [link_without_urls(page) for page in data["predecessors"]] == [
        link(content["predecessor"])
    ]
    assert [link_without_urls(page) for page in data["related_networks"]] == [
        link(content["network"])
    ]
    assert [link_without_urls(page) for page in data["conferences"]] == [
        link(content["conference"])
    ]


@pytest.mark.django_db
def test_project_successor_is_a_link(client, content):
    successor = detail(client, content["predecessor"])["successor"]
    assert link_without_urls(successor) == link(content["project"])
    assert successor["detail_url"] == f"http://testserver{page_detail_url(content['project'])}"
    assert successor["html_url"].endswith("/sv/projekt/" + content["project"].slug + "/")


@pytest.mark.django_db
def test_an_organisation_shows_what_it_is_part_of(client, content):
    data = detail(client, content["panel"])
    bo = data["speakers"][1]["person"]
    assert bo["organisation"]["name"] == "Mälardalens universitetsbibliotek"
    assert bo["organisation"]["parent"] == {
        "id": content["university"].pk,
        "name": "Mälardalens universitet",
    }

    page = ProjectPage.objects.get(pk=content["project"].pk)
    page.project_owner = content["university_library"]
    page.save_revision().publish()
    owner = detail(client, page)["project_owner"]
    assert owner["parent"] == {
        "id": content["university"].pk,
        "name": "Mälardalens universitet",
        "kind": "education",
        "parent": None,
    }


# Networks


@pytest.mark.django_db
def test_network_fields_are_expanded(client, content):
    data = detail(client, content["network"])
    today = timezone.localdate()

    assert data["organiser"]["name"] == "Region Västmanland"
    assert [(contact["person"]["name"], contact["role"]) for contact in data["contacts"]] == [
        ("Anna Andersson", "Kontakt")
    ]
    assert [(meeting["date"], meeting["title"]) for meeting in data["meetings"]] == [
        ((today - timedelta(days=30)).isoformat(), "Vårmöte"),
        ((today + timedelta(days=30)).isoformat(), "Sommarmöte"),
        ((today + timedelta(days=60)).isoformat(), "Höstmöte"),
    ]
    assert [meeting["title"] for meeting in data["upcoming_meetings"]] == ["Sommarmöte", "Höstmöte"]
    assert [link_without_urls(page) for page in data["related_projects"]] == [
        link(content["project"])
    ]


# People's contact details


@pytest.mark.django_db
def test_public_contact_details_are_shown(client, content):
    anna = detail(client, content["network"])["contacts"][0]["person"]
    assert (anna["email"], anna["phone"]) == (PUBLIC_EMAIL, PUBLIC_PHONE)
    moderator = detail(client, content["panel"])["speakers"][0]["person"]
    assert (moderator["email"], moderator["phone"]) == (PUBLIC_EMAIL, PUBLIC_PHONE)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        lambda c: page_detail_url(c["conference"]),
        lambda c: page_detail_url(c["panel"]),
        lambda c: page_detail_url(c["project"]),
        lambda c: pages_url(type="content_types.ConferencePage", fields="*"),
        lambda c: pages_url(type="content_types.ProgrammeItemPage", fields="*"),
        lambda c: pages_url(type="content_types.ProjectPage", fields="*"),
    ],
    ids=["conference", "programme-item", "project", "conferences", "programme-items", "projects"],
)
def test_private_contact_details_never_appear(client, content, url):
    response = client.get(url(content))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bo Berg" in body
    assert PRIVATE_EMAIL not in body
    assert PRIVATE_PHONE not in body


@pytest.mark.django_db
def test_contact_details_appear_once_made_public(client, content):
    person = Person.objects.get(pk=content["private_person"].pk)
    person.email_is_public = True
    person.save()  # as the admin saves it
    contact = detail(client, content["conference"])["contact"]
    assert (contact["email"], contact["phone"]) == (PRIVATE_EMAIL, "")

    person.email_is_public, person.phone_is_public = False, True
    person.save()
    contact = detail(client, content["conference"])["contact"]
    assert (contact["email"], contact["phone"]) == ("", PRIVATE_PHONE)


# Locales


@pytest.mark.django_db
def test_locale_filter_returns_only_that_locale(client, content):
    nb_items = listing(client, locale="nb")
    assert sorted(item["id"] for item in nb_items) == sorted(
        content[name].pk for name in ("nb_home", "nb_project_index", "nb_project")
    )
    assert {item["meta"]["locale"] for item in nb_items} == {"nb"}

    sv_ids = [item["id"] for item in listing(client, locale="sv")]
    assert content["project"].pk in sv_ids
    assert not {content[name].pk for name in ("nb_home", "nb_project_index", "nb_project")} & set(
        sv_ids
    )


@pytest.mark.django_db
def test_locale_filter_combines_with_type(client, content):
    items = listing(client, type="content_types.ProjectPage", locale="nb", fields="*")
    assert [item["id"] for item in items] == [content["nb_project"].pk]
    assert items[0]["title"] == "Digitalt først"
    assert items[0]["meta"]["locale"] == "nb"
    assert "/nb/" in items[0]["meta"]["html_url"]


# Visibility: drafts, newer drafts, expiry, view restrictions


def make_draft(content, page_type):
    """A page of ``page_type`` that has never been published."""
    if page_type == "content_types.ProjectPage":
        return make_project(content["project_index"], title="Hemligt projekt", publish=False)
    if page_type == "content_types.NetworkPage":
        return make_network(content["network_index"], title="Hemligt nätverk", publish=False)
    if page_type == "content_types.ConferencePage":
        return make_conference(content["conference_index"], title="Hemlig konferens", publish=False)
    return make_programme_item(
        content["conference"],
        title="Hemlig punkt",
        start=local(2025, 6, 10, 10, 0),
        publish=False,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("page_type", TYPES)
def test_a_draft_is_hidden(client, content, page_type):
    draft = make_draft(content, page_type)
    assert not draft.live
    assert_hidden(client, draft)


@pytest.mark.django_db
def test_a_draft_programme_item_is_left_out_of_the_programme(client, content):
    draft = make_draft(content, "content_types.ProgrammeItemPage")
    programme = detail(client, content["conference"])["programme"]
    assert draft.pk not in [item["id"] for item in programme]
    assert len(programme) == 4


@pytest.mark.django_db
def test_an_unpublished_programme_item_is_left_out_of_the_programme(client, content):
    ProgrammeItemPage.objects.get(pk=content["panel"].pk).unpublish()
    programme = detail(client, content["conference"])["programme"]
    assert [item["title"] for item in programme] == ["Välkommen", "Avslutning", "Mingel"]
    assert_hidden(client, content["panel"])


NEWER_DRAFTS = {
    # type: (content name, {field: new value}, {field: published value})
    "content_types.ProjectPage": (
        "project",
        {"title": "Nytt namn", "status": "ongoing", "participating_libraries": 99},
        {"title": "Digitalt först", "status": "completed", "participating_libraries": 12},
    ),
    "content_types.NetworkPage": (
        "network",
        {"title": "Nytt nätverk", "meeting_structure": "Varje vecka."},
        {"title": "Bibliotekschefer i Västmanland", "meeting_structure": ""},
    ),
    "content_types.ConferencePage": (
        "conference",
        {"title": "Inställt", "status": "cancelled", "tagline": "Ny slogan"},
        {"title": "Biblioteksdagarna 2025", "status": "scheduled", "tagline": ""},
    ),
    "content_types.ProgrammeItemPage": (
        "panel",
        {"title": "Ny panel", "location": "Sal C", "kind": "workshop"},
        {"title": "Paneldebatt", "location": "Sal B", "kind": "panel"},
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("page_type", NEWER_DRAFTS)
def test_a_newer_draft_is_not_shown(client, content, page_type):
    name, changes, published = NEWER_DRAFTS[page_type]
    page = content[name].specific_class.objects.get(pk=content[name].pk)
    for field, value in changes.items():
        setattr(page, field, value)
    page.save_revision()
    # The draft is there, in the page's latest revision ...
    page.refresh_from_db()
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == changes["title"]

    # ... but the API shows what was published.
    data = detail(client, page)
    listed = next(
        item for item in listing(client, type=page_type, fields="*") if item["id"] == page.pk
    )
    for field, value in published.items():
        assert data[field] == value, field
        assert listed[field] == value, field


@pytest.mark.django_db
def test_a_newer_draft_of_the_inline_rows_is_not_shown(client, content):
    project = ProjectPage.objects.get(pk=content["project"].pk)
    project.funders = [ProjectFunder(organisation=content["university"])]
    project.save_revision()
    assert [f["organisation"]["name"] for f in detail(client, project)["funders"]] == [
        "Statens kulturråd"
    ]

    item = ProgrammeItemPage.objects.get(pk=content["panel"].pk)
    item.title = "Ny titel"
    item.speakers = []
    item.save_revision()
    programme = detail(client, content["conference"])["programme"]
    panel = next(entry for entry in programme if entry["id"] == item.pk)
    assert panel["title"] == "Paneldebatt"
    assert [speaker["name"] for speaker in panel["speakers"]] == ["Anna Andersson", "Bo Berg"]


EXPIRING = {
    "content_types.ProjectPage": "project",
    "content_types.NetworkPage": "network",
    "content_types.ConferencePage": "conference",
    "content_types.ProgrammeItemPage": "panel",
}


@pytest.mark.django_db
@pytest.mark.parametrize("page_type", EXPIRING)
def test_a_page_past_its_expiry_is_hidden_while_still_live(client, content, page_type):
    page = content[EXPIRING[page_type]]
    page_model = page.specific_class

    page_model.objects.filter(pk=page.pk).update(expire_at=timezone.now() + timedelta(hours=1))
    assert_listed(client, page)

    page_model.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    assert page_model.objects.get(pk=page.pk).live
    assert_hidden(client, page)


@pytest.mark.django_db
def test_an_expired_page_is_left_out_of_related_pages_and_the_programme(client, content):
    now = timezone.now()
    ProjectPage.objects.filter(pk=content["project"].pk).update(expire_at=now)
    ProgrammeItemPage.objects.filter(pk=content["welcome"].pk).update(expire_at=now)

    conference = detail(client, content["conference"])
    assert conference["related_project"] is None
    assert [item["title"] for item in conference["programme"]] == [
        "Paneldebatt",
        "Avslutning",
        "Mingel",
    ]
    assert detail(client, content["predecessor"])["successor"] is None
    assert detail(client, content["network"])["related_projects"] == []


@pytest.mark.django_db
def test_a_password_protected_page_and_its_children_are_hidden(client, content):
    PageViewRestriction.objects.create(
        page=content["conference"], restriction_type="password", password="hemligt"
    )
    for page in (content["conference"], content["panel"], content["welcome"]):
        assert_hidden(client, page)
    # Elsewhere in the tree nothing changes, except the link to the conference.
    assert_listed(client, content["helsinki"])
    assert detail(client, content["project"])["conferences"] == []


@pytest.mark.django_db
def test_a_password_protected_project_is_not_linked(client, content):
    PageViewRestriction.objects.create(
        page=content["project"], restriction_type="password", password="hemligt"
    )
    assert_hidden(client, content["project"])
    assert detail(client, content["predecessor"])["successor"] is None
    assert detail(client, content["network"])["related_projects"] == []
    assert detail(client, content["conference"])["related_project"] is None
    assert detail(client, content["welcome"])["related_project"] is None


# Private related pages do not leak


def republish(page, **changes):
    page = page.specific_class.objects.get(pk=page.pk)
    for field, value in changes.items():
        setattr(page, field, value)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_a_draft_successor_is_not_linked(client, content):
    draft = make_draft(content, "content_types.ProjectPage")
    project = republish(content["project"], successor=draft)
    assert ProjectPage.objects.get(pk=project.pk).successor_id == draft.pk
    assert detail(client, project)["successor"] is None
    listed = next(
        item
        for item in listing(client, type="content_types.ProjectPage", fields="*")
        if item["id"] == project.pk
    )
    assert listed["successor"] is None


@pytest.mark.django_db
def test_a_draft_predecessor_is_not_listed(client, content):
    make_project(
        content["project_index"],
        title="Hemlig föregångare",
        successor=content["project"],
        publish=False,
    )
    assert ProjectPage.objects.filter(successor=content["project"]).count() == 2
    predecessors = detail(client, content["project"])["predecessors"]
    assert [page["id"] for page in predecessors] == [content["predecessor"].pk]


@pytest.mark.django_db
def test_draft_pages_are_left_out_of_a_projects_reverse_links(client, content):
    make_network(
        content["network_index"],
        title="Hemligt nätverk",
        related_projects=[content["project"]],
        publish=False,
    )
    make_conference(
        content["conference_index"],
        title="Hemlig konferens",
        related_project=content["project"],
        publish=False,
    )
    data = detail(client, content["project"])
    assert [page["id"] for page in data["related_networks"]] == [content["network"].pk]
    assert [page["id"] for page in data["conferences"]] == [content["conference"].pk]


@pytest.mark.django_db
def test_a_draft_related_project_is_not_linked_from_networks_conferences_or_items(client, content):
    draft = make_draft(content, "content_types.ProjectPage")
    republish(content["network"], related_projects=[content["project"], draft])
    republish(content["conference"], related_project=draft)
    republish(content["welcome"], related_project=draft)

    assert [page["id"] for page in detail(client, content["network"])["related_projects"]] == [
        content["project"].pk
    ]
    conference = detail(client, content["conference"])
    assert conference["related_project"] is None
    assert conference["programme"][0]["title"] == "Välkommen"
    assert conference["programme"][0]["related_project"] is None
    assert detail(client, content["welcome"])["related_project"] is None
    assert "Hemligt projekt" not in client.get(pages_url(fields="*", limit=100)).content.decode()


# Search


@pytest.mark.django_db
def test_search_finds_public_pages(client, content):
    ids = [item["id"] for item in listing(client, search="Biblioteksdagarna")]
    assert ids == [content["conference"].pk]
    ids = [
        item["id"]
        for item in listing(client, search="Paneldebatt", type="content_types.ProgrammeItemPage")
    ]
    assert ids == [content["panel"].pk]


@pytest.mark.django_db
def test_search_does_not_find_hidden_pages(client, content):
    draft = make_draft(content, "content_types.ConferencePage")  # "Hemlig konferens"
    ConferencePage.objects.filter(pk=content["helsinki"].pk).update(expire_at=timezone.now())
    # Swedish stemming reads "hemlig" as "hem": the public home pages may be found.
    found = listing(client, search="Hemlig")
    assert draft.pk not in [item["id"] for item in found]
    assert all(item["meta"]["type"] == "content_types.HomePage" for item in found)
    assert listing(client, search="Nordiskt") == []
    assert listing(client, search="Nordiskt", type="content_types.ConferencePage") == []


@pytest.mark.django_db
def test_responses_are_compact_json_unless_the_client_asks_for_indentation(client, content):
    url = page_detail_url(content["conference"])
    compact = client.get(url)
    indented = client.get(url, HTTP_ACCEPT="application/json; indent=2")

    assert compact.content.startswith(b'{"id":') and b"\n" not in compact.content
    assert indented.content.startswith(b'{\n  "id":')
    assert json.loads(indented.content) == json.loads(compact.content)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["conference", "nb_project"])
def test_a_page_is_found_by_its_html_path_with_the_language_first(client, content, name):
    page = content[name]
    _site_id, _root, path = page.get_url_parts()
    assert path.startswith(f"/{page.locale.language_code}/")

    response = client.get(reverse("wagtailapi:pages:find"), {"html_path": path})

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == page_detail_url(page)


@pytest.mark.django_db
def test_a_language_prefix_of_no_language_finds_nothing(client, content):
    response = client.get(reverse("wagtailapi:pages:find"), {"html_path": "/xx/konferenser/"})
    assert response.status_code == 404
