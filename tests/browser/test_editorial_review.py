"""A conference goes from communication staff through review to the API and the example site."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from content_types.models import ConferencePage, ProgrammeItemPage

from .. import utils
from . import admin, content, public

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_communication_staff_write_a_conference_in_swedish_and_submit_it_for_review(
    servers, new_page, screenshots, tree, team, people_and_places
):
    page = new_page()
    admin.log_in(page, servers, team.staff)
    assert admin.admin_language(page) == "sv"
    screenshots.take(page, "dashboard")

    index = tree["conference_index"]
    page.goto(
        servers.api
        + reverse("wagtailadmin_pages:add", args=["content_types", "conferencepage", index.pk])
    )
    expect(page.get_by_role("button", name="Spara utkast")).to_be_visible()
    conference = content.CONFERENCE
    page.fill("input[name=title]", conference["title"])
    page.fill("input[name=tagline]", conference["tagline"])
    admin.fill_date(page, "start", content.form_value(conference["start"]))
    admin.fill_date(page, "end", content.form_value(conference["end"]))
    admin.choose_snippet(page, "venue", people_and_places.venue.name)
    page.locator("input[name=title]").scroll_into_view_if_needed()
    screenshots.take(page, "conference-form")
    page.get_by_role("tab", name="Praktisk information").click()
    page.check("input[name=is_free]")
    page.check("input[name=includes_coffee]")
    page.check("input[name=includes_lunch]")
    admin.fill_date(
        page, "registration_deadline", content.form_value(conference["registration_deadline"])
    )
    page.fill("input[name=registration_email]", conference["registration_email"])
    page.check("input[name=registration_is_binding]")
    screenshots.take(page, "registration-form")
    admin.submit_for_review(page)
    expect(page.locator(".messages")).to_contain_text(conference["title"])
    screenshots.take(page, "conference-submitted")

    written = ConferencePage.objects.get(title=conference["title"])
    for item in content.PROGRAMME:
        page.goto(servers.api + reverse("wagtailadmin_pages:add_subpage", args=[written.pk]))
        page.fill("input[name=title]", item.title)
        page.select_option("select[name=kind]", item.kind)
        admin.fill_date(page, "start", content.form_value(item.start))
        admin.fill_date(page, "end", content.form_value(item.end))
        for index, name in enumerate(item.speakers):
            admin.add_speaker(page, index, name)
        screenshots.take(page, "programme-item-form")
        admin.submit_for_review(page)
        expect(page.locator(".messages")).to_contain_text(item.title)
    screenshots.take(page, "programme-submitted")

    written.refresh_from_db()
    assert not written.live
    assert written.venue == people_and_places.venue
    assert written.start == conference["start"] and written.is_free
    items = ProgrammeItemPage.objects.child_of(written).order_by("start")
    assert [(item.title, item.start, item.end) for item in items] == [
        (item.title, item.start, item.end) for item in content.PROGRAMME
    ]
    assert [[row.person.name for row in item.speakers.all()] for item in items] == [
        list(item.speakers) for item in content.PROGRAMME
    ]
    states = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    assert {int(state.object_id) for state in states} == {written.pk, *(i.pk for i in items)}
    assert not any(item.live for item in items)

    assert content.CONFERENCE["title"] not in public.conference_titles(servers)
    assert public.api_get(servers, f"pages/{written.pk}/")[0] == 404
    status, body = public.api_get(servers, "pages/", type="content_types.ProgrammeItemPage")
    assert body["items"] == []

    reader = new_page()
    public.open_example_site(reader, servers)
    expect(reader.locator(".notice")).to_have_text("Inga kommande konferenser just nu.")
    screenshots.take(reader, "example-site-before-review")


def test_a_moderator_approves_and_the_conference_is_in_the_api_and_on_the_example_site(
    servers, new_page, screenshots, tree, team, people_and_places
):
    conference, items = content.conference_with_programme(
        tree["conference_index"], people_and_places, publish=False
    )
    content.submit_for_review([conference, *items], team.staff)

    page = new_page()
    admin.log_in(page, servers, team.moderator)
    for title in (conference.title, *(item.title for item in items)):
        expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
    screenshots.take(page, "awaiting-review")
    for title in (conference.title, *(item.title for item in items)):
        admin.approve_on_dashboard(page, servers, title)
    screenshots.take(page, "approved")

    assert public.conference_titles(servers, upcoming="true") == [conference.title]
    status, detail = public.api_get(servers, f"pages/{conference.pk}/")
    assert status == 200
    assert [entry["title"] for entry in detail["programme"]] == [i.title for i in content.PROGRAMME]

    reader = new_page()
    public.open_example_site(reader, servers)
    screenshots.take(reader, "example-site-upcoming")
    reader.get_by_role("link", name=conference.title).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(conference.title)
    screenshots.take(reader, "example-site-conference")

    assert public.programme(reader) == [
        {
            "day": f"{content.YEAR}-05-12",
            "heading": reader_day(12),
            "items": [
                {
                    "time": "09:30–10:00",
                    "title": "Välkommen till Västerås",
                    "speakers": ["Karin Lind, Regionbibliotek Västmanland"],
                },
                {
                    "time": "10:15–11:30",
                    "title": "Läsfrämjande i hela länet",
                    "speakers": ["Johan Ek, Västerås stadsbibliotek"],
                },
            ],
        },
        {
            "day": f"{content.YEAR}-05-13",
            "heading": reader_day(13),
            "items": [
                {
                    "time": "13:00–14:30",
                    "title": "Samtal om forskning och bibliotek",
                    "speakers": [
                        "Sara Holm, Högskolan i Borås",
                        "Johan Ek, Västerås stadsbibliotek",
                    ],
                },
            ],
        },
    ]
    venue = reader.locator("section.venue")
    expect(venue).to_contain_text("Västerås Konserthus")
    expect(venue).to_contain_text("Kungsgatan 6")
    expect(venue).to_contain_text("722 11 Västerås")
    registration = reader.locator("section.registration")
    expect(registration).to_contain_text(f"30 april {content.YEAR}")
    expect(registration).to_contain_text("anmalan@example.org")
    expect(registration).to_contain_text("Kostnadsfritt")
    expect(registration).to_contain_text("Anmälan är bindande.")

    calendar = reader.get_by_role("link", name="Lägg till i kalendern")
    calendar_url = calendar.get_attribute("href")
    assert calendar_url == f"{servers.api}/api/v2/calendar/conferences/{conference.pk}.ics"
    feed = reader.request.get(calendar_url)
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    assert "DTSTART;TZID=Europe/Stockholm:" in feed.text()

    [event] = public.structured_data(reader)
    assert event == detail["json_ld"]
    assert event["@type"] == "Event" and event["name"] == conference.title


def reader_day(day):
    """The heading of a May day of the conference, as a Swedish reader sees it."""
    weekday = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
    return f"{weekday[utils.local(content.YEAR, 5, day).weekday()]} {day} maj {content.YEAR}"
