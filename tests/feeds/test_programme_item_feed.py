"""One programme item's own calendar: the item alone, to add a single talk to a calendar."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Locale, PageViewRestriction

from content_types.models import ConferenceIndexPage

from ..utils import add_page, make_conference, make_programme_item
from .helpers import conference_url, fetch, programme_item_url, queries_for

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(day, hour, minute=0):
    return datetime(2031, 5, day, hour, minute, tzinfo=STOCKHOLM)


@pytest.fixture(scope="module")
def content(site_tree, django_db_blocker):
    with django_db_blocker.unblock():
        index = site_tree["conference_index"]
        c = {}
        c["conference"] = conference = make_conference(
            index, title="Läsdagarna", start=at(12, 9), end=at(13, 16)
        )
        c["talk"] = make_programme_item(
            conference, title="Om läsning", start=at(12, 10), end=at(12, 11), location="Sal A"
        )
        c["untimed"] = make_programme_item(conference, title="Mingel")
        c["draft_item"] = make_programme_item(
            conference, title="Hemlig punkt", start=at(12, 13), publish=False
        )
        c["private_item"] = make_programme_item(conference, title="Styrelsemöte", start=at(12, 14))
        PageViewRestriction.objects.create(
            page=c["private_item"], restriction_type="password", password="hemligt"
        )
        draft = make_conference(
            index, title="Utkast", start=at(20, 9), end=at(20, 16), publish=False
        )
        c["item_of_draft"] = make_programme_item(draft, title="Tidig punkt", start=at(20, 9))
        private = make_conference(index, title="Internt", start=at(21, 9), end=at(21, 16))
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        c["item_of_private"] = make_programme_item(private, title="Intern punkt", start=at(21, 9))

        nb = Locale.objects.get(language_code="nb")
        nb_index = add_page(
            site_tree["nb_home"],
            ConferenceIndexPage(title="Konferanser", slug="konferanser", locale=nb),
        )
        nb_conference = make_conference(
            nb_index, title="Lesedagene", locale=nb, start=at(14, 9), end=at(14, 16)
        )
        c["nb_talk"] = make_programme_item(
            nb_conference, title="Om lesing", locale=nb, start=at(14, 10)
        )
        return c


def test_the_item_is_the_one_event_of_its_calendar(client, content):
    response = client.get(programme_item_url(content["talk"]))
    calendar = fetch(client, programme_item_url(content["talk"]))

    (event,) = calendar.events
    assert str(event["SUMMARY"]) == "Om läsning"
    assert event.start == at(12, 10) and event.end == at(12, 11)
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert [zone.tz_name for zone in calendar.timezones] == ["Europe/Stockholm"]
    assert str(event["LOCATION"]).startswith("Sal A, ")
    assert str(calendar["X-WR-CALNAME"]).endswith("Om läsning")
    assert response["Content-Disposition"] == f'inline; filename="{content["talk"].slug}.ics"'


def test_the_event_is_the_same_as_in_the_conferences_calendar(client, content):
    """Same UID, same parent: subscribed to both, a calendar program shows the talk once."""
    (own,) = fetch(client, programme_item_url(content["talk"])).events
    in_conference = [
        event
        for event in fetch(client, conference_url(content["conference"])).events
        if str(event["SUMMARY"]) == "Om läsning"
    ][0]

    assert str(own["UID"]) == str(in_conference["UID"])
    assert not own["UID"].params
    assert str(own["RELATED-TO"]) == str(in_conference["RELATED-TO"])
    assert own["RELATED-TO"].params["RELTYPE"] == "PARENT"
    assert own.start == in_conference.start


@pytest.mark.parametrize(
    "hidden", ["untimed", "draft_item", "private_item", "item_of_draft", "item_of_private"]
)
def test_an_item_without_a_start_or_that_the_public_may_not_see_has_no_calendar(
    client, content, hidden
):
    response = client.get(programme_item_url(content[hidden]))

    assert response.status_code == 404
    assert response.json() == {
        "message": f"no public programme item with a time has the id '{content[hidden].pk}'"
    }


@pytest.mark.parametrize("item_id", ["999999", "abc", "99999999999999999999", "-1"])
def test_an_unknown_or_malformed_id_answers_404(client, content, item_id):
    response = client.get(f"/api/v2/calendar/programme-items/{item_id}.ics")

    assert response.status_code == 404
    assert set(response.json()) == {"message"}


def test_a_conference_is_not_a_programme_item(client, content):
    response = client.get(programme_item_url(content["conference"]))

    assert response.status_code == 404


def test_the_message_is_in_the_clients_language(client, content):
    response = client.get(programme_item_url(content["untimed"]), HTTP_ACCEPT_LANGUAGE="nb")

    assert response.json() == {
        "message": f"ingen publisert programpost med tidspunkt har id '{content['untimed'].pk}'"
    }


def test_an_unknown_parameter_answers_400(client, content):
    response = client.get(programme_item_url(content["talk"]) + "?sort=start")

    assert response.status_code == 400
    assert "sort" in response.json()["message"]


def test_the_api_gives_each_timed_item_its_calendar_url(client, content):
    talk = client.get(f"/api/v2/pages/{content['talk'].pk}/").json()
    untimed = client.get(f"/api/v2/pages/{content['untimed'].pk}/").json()

    assert talk["calendar_url"] == (
        f"http://testserver/api/v2/calendar/programme-items/{content['talk'].pk}.ics"
    )
    assert [str(event["SUMMARY"]) for event in fetch(client, talk["calendar_url"]).events] == [
        "Om läsning"
    ]
    assert untimed["calendar_url"] is None


@pytest.mark.parametrize(
    ("item", "language", "text"),
    [("talk", "sv", "Lägg till i kalendern"), ("nb_talk", "nb", "Legg til i kalenderen")],
)
def test_the_items_page_links_to_its_calendar_in_its_language(
    client, content, item, language, text
):
    page = content[item]
    response = client.get(page.url)

    assert response.status_code == 200
    link = f'<a href="{programme_item_url(page)}" type="text/calendar" download>{text}</a>'
    assert link in response.content.decode()
    assert f'<html lang="{language}">' in response.content.decode()


def test_an_item_without_a_start_links_to_no_calendar(client, content):
    response = client.get(content["untimed"].url)

    assert response.status_code == 200
    assert b"text/calendar" not in response.content


def test_the_number_of_queries_does_not_grow_with_the_programme(client, content, site_tree):
    small = make_conference(
        site_tree["conference_index"], title="Liten", start=at(22, 9), end=at(22, 16)
    )
    large = make_conference(
        site_tree["conference_index"], title="Stor", start=at(23, 9), end=at(23, 16)
    )
    first_of_small = make_programme_item(small, title="Punkt", start=at(22, 9))
    first_of_large = make_programme_item(large, title="Punkt", start=at(23, 9))
    for number in range(8):
        make_programme_item(large, title=f"Punkt {number}", start=at(23, 10, number))
    for item in (first_of_small, first_of_large):
        fetch(client, programme_item_url(item))  # the store now holds both events

    assert queries_for(client, programme_item_url(first_of_small)) == queries_for(
        client, programme_item_url(first_of_large)
    )
