"""One conference's feed: the conference and its public programme, as events."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from content_types.models import (
    ConferenceIndexPage,
    ConferencePage,
    Organisation,
    ProgrammeItemPage,
    Venue,
)

from ..utils import (
    add_page,
    make_conference,
    make_organisation,
    make_person,
    make_programme_item,
    make_venue,
)
from .helpers import (
    conference_url,
    event_of,
    fetch,
    parent_uid,
    queries_for,
    served_url,
    summaries,
)

pytestmark = pytest.mark.django_db


def soon(days, hour, minute=0):
    """A time ``days`` from today, in Stockholm."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, hour, minute))


@pytest.fixture(scope="module")
def content(site_tree, django_db_blocker):
    with django_db_blocker.unblock():
        return build_content(site_tree)


def build_content(tree):
    index = tree["conference_index"]
    c = {}
    c["conference"] = conference = make_conference(
        index,
        title="Biblioteksdagarna",
        tagline="Två dagar om läsning",
        description="<p>Föredrag och <b>samtal</b>.</p><ul><li>Läsning</li><li>Bibliotek</li></ul>",
        start=soon(30, 9),
        end=soon(31, 16),
    )
    regional = make_organisation("Regionbibliotek Västmanland")
    city_library = make_organisation("Västerås stadsbibliotek", kind="public_library")
    anna = make_person("Anna Andersson", organisation=regional)
    c["opening"] = make_programme_item(
        conference,
        title="Inledning",
        start=soon(30, 9),
        end=soon(30, 9, 30),
        location="Stora salen",
        speakers=[(anna, "host", city_library), make_person("Bo Berg")],
    )
    c["keynote"] = make_programme_item(
        conference, title="Huvudtalare", start=soon(30, 10), speakers=[anna]
    )
    c["untimed"] = make_programme_item(conference, title="Mingel")
    c["draft_item"] = make_programme_item(
        conference, title="Hemlig programpunkt", start=soon(30, 11), publish=False
    )
    c["private_item"] = make_programme_item(conference, title="Styrelsemöte", start=soon(30, 12))
    PageViewRestriction.objects.create(
        page=c["private_item"], restriction_type="password", password="hemligt"
    )
    c["expired_item"] = make_programme_item(conference, title="Struken", start=soon(30, 13))
    c["scheduled_item"] = make_programme_item(conference, title="Överraskning", start=soon(30, 14))
    now = timezone.now()
    ProgrammeItemPage.objects.filter(pk=c["expired_item"].pk).update(expire_at=now)
    ProgrammeItemPage.objects.filter(pk=c["scheduled_item"].pk).update(
        go_live_at=now + timedelta(days=1)
    )

    c["draft"] = make_conference(
        index, title="Utkast", start=soon(40, 9), end=soon(40, 16), publish=False
    )
    c["private"] = make_conference(index, title="Internt", start=soon(40, 9), end=soon(40, 16))
    PageViewRestriction.objects.create(page=c["private"], restriction_type="login")
    c["expired"] = make_conference(index, title="Inställd", start=soon(40, 9), end=soon(40, 16))
    c["scheduled"] = make_conference(index, title="Kommande", start=soon(40, 9), end=soon(40, 16))
    ConferencePage.objects.filter(pk=c["expired"].pk).update(expire_at=now)
    ConferencePage.objects.filter(pk=c["scheduled"].pk).update(go_live_at=now + timedelta(days=1))
    return c


def conference_event(calendar):
    (event,) = [event for event in calendar.events if parent_uid(event) is None]
    return event


def fresh(page):
    return type(page).objects.get(pk=page.pk)


def test_the_conference_and_each_public_item_with_a_start_are_events(client, content):
    calendar = fetch(client, conference_url(content["conference"]))

    assert summaries(calendar) == ["Biblioteksdagarna", "Inledning", "Huvudtalare"]
    conference_uid = str(conference_event(calendar)["UID"])
    for item in (content["opening"], content["keynote"]):
        event = event_of(calendar, item)
        assert parent_uid(event) == conference_uid
        assert event["RELATED-TO"].params["RELTYPE"] == "PARENT"


def test_draft_private_expired_and_not_yet_live_items_never_appear(client, content):
    titles = summaries(fetch(client, conference_url(content["conference"])))

    for hidden in ("draft_item", "private_item", "expired_item", "scheduled_item"):
        assert content[hidden].title not in titles, hidden


@pytest.mark.parametrize("hidden", ["draft", "private", "expired", "scheduled"])
def test_a_conference_the_public_may_not_see_has_no_feed(client, content, hidden):
    response = client.get(conference_url(content[hidden]))

    assert response.status_code == 404
    assert response.json() == {"message": f"no public conference has the id '{content[hidden].pk}'"}


@pytest.mark.parametrize("conference_id", ["999999", "abc", "12abc", "99999999999999999999", "-1"])
def test_an_unknown_or_malformed_id_answers_404(client, content, conference_id):
    response = client.get(f"/api/v2/calendar/conferences/{conference_id}.ics")

    assert response.status_code == 404
    assert set(response.json()) == {"message"}


def test_a_programme_item_is_not_a_conference(client, content):
    response = client.get(conference_url(content["opening"]))

    assert response.status_code == 404


def test_times_are_in_the_conferences_zone_and_an_item_without_an_end_has_only_a_start(
    client, content
):
    calendar = fetch(client, conference_url(content["conference"]))
    opening = event_of(calendar, content["opening"])
    keynote = event_of(calendar, content["keynote"])

    assert opening.start == soon(30, 9)
    assert opening["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert opening["DTEND"].dt == soon(30, 9, 30)
    assert keynote.start == soon(30, 10)
    assert "DTEND" not in keynote and "DURATION" not in keynote


def test_speakers_are_listed_with_their_organisation_at_the_time(client, content):
    calendar = fetch(client, conference_url(content["conference"]))

    assert str(event_of(calendar, content["opening"])["DESCRIPTION"]) == (
        "Anna Andersson (Västerås stadsbibliotek)\nBo Berg"
    )
    assert str(event_of(calendar, content["keynote"])["DESCRIPTION"]) == (
        "Anna Andersson (Regionbibliotek Västmanland)"
    )


def test_the_conference_is_described_in_plain_text_at_its_venue(client, content):
    event = conference_event(fetch(client, conference_url(content["conference"])))

    assert str(event["DESCRIPTION"]) == (
        "Två dagar om läsning\n\nFöredrag och samtal.\n\n- Läsning\n- Bibliotek"
    )
    assert str(event["LOCATION"]) == "Västerås Konserthus, Kungsgatan 6, 722 11 Västerås"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (59.61, 16.545)
    assert str(event["URL"]) == served_url(content["conference"])


def test_an_item_is_in_its_own_room_first_then_at_the_venue(client, content):
    calendar = fetch(client, conference_url(content["conference"]))

    assert str(event_of(calendar, content["opening"])["LOCATION"]) == (
        "Stora salen, Västerås Konserthus, Kungsgatan 6, 722 11 Västerås"
    )
    assert str(event_of(calendar, content["keynote"])["LOCATION"]) == (
        "Västerås Konserthus, Kungsgatan 6, 722 11 Västerås"
    )


@pytest.mark.parametrize(
    "status, expected",
    [("scheduled", "CONFIRMED"), ("cancelled", "CANCELLED"), ("postponed", "TENTATIVE")],
)
def test_the_conferences_status_is_the_status_of_all_its_events(client, content, status, expected):
    conference = fresh(content["conference"])
    conference.status = status
    conference.save_revision().publish()

    calendar = fetch(client, conference_url(conference))

    assert [str(event["STATUS"]) for event in calendar.events] == [expected] * 3


def test_the_uid_survives_renaming_and_moving_and_the_sequence_counts_publications(
    client, content, site_tree
):
    conference = fresh(content["conference"])
    before = fetch(client, conference_url(conference))
    other_index = add_page(site_tree["home"], ConferenceIndexPage(title="Arkiv", slug="arkiv"))

    conference.title = "Biblioteksdagarna 2027"
    conference.slug = "biblioteksdagarna-2027"
    conference.save_revision().publish()
    conference.move(other_index, pos="last-child")
    item = fresh(content["opening"])
    item.save_revision().publish()
    after = fetch(client, conference_url(conference))

    assert [str(event["UID"]) for event in after.events] == [
        str(event["UID"]) for event in before.events
    ]
    assert str(conference_event(after)["UID"]) == f"{conference.translation_key}.sv@testserver"
    assert [event["SEQUENCE"] for event in before.events] == [0, 0, 0]
    assert [event["SEQUENCE"] for event in after.events] == [1, 1, 0]
    assert str(conference_event(after)["URL"]) == served_url(fresh(conference))


def test_a_publication_by_the_scheduled_publishing_job_counts_too(client, content):
    conference = fresh(content["conference"])
    conference.save_revision().publish(log_action="wagtail.publish.scheduled")

    event = conference_event(fetch(client, conference_url(conference)))

    assert event["SEQUENCE"] == 1


def test_the_uid_domain_comes_from_the_settings(client, content, settings):
    settings.SAMVERKAN_CALENDAR = {"UID_DOMAIN": "kalender.example.se"}

    event = conference_event(fetch(client, conference_url(content["conference"])))

    assert str(event["UID"]) == f"{content['conference'].translation_key}.sv@kalender.example.se"


def test_the_api_gives_each_conference_its_feed_and_the_feed_answers(client, content):
    conference = content["conference"]
    data = client.get(f"/api/v2/pages/{conference.pk}/").json()

    assert (
        data["calendar_url"] == f"http://testserver/api/v2/calendar/conferences/{conference.pk}.ics"
    )
    assert summaries(fetch(client, data["calendar_url"]))[0] == "Biblioteksdagarna"


# Query count


@pytest.fixture
def norwegian_programmes(site_tree):
    """Two Norwegian conferences, of 2 and of 10 items, whose speakers' libraries and venue
    are Swedish snippets with Norwegian translations: every one must be looked up."""
    nb = Locale.objects.get(language_code="nb")
    index = add_page(
        site_tree["nb_home"],
        ConferenceIndexPage(title="Konferanser", slug="konferanser", locale=nb),
    )

    def translated(snippet, **changes):
        translation = snippet.copy_for_translation(nb)
        for name, value in changes.items():
            setattr(translation, name, value)
        translation.save()
        return snippet

    def conference(title, items):
        venue = translated(make_venue(name=f"{title} – lokal"), name=f"{title} – lokale")
        page = make_conference(
            index, title=title, locale=nb, venue=venue, start=soon(50, 9), end=soon(50, 17)
        )
        for number in range(items):
            library = translated(
                make_organisation(f"Bibliotek {title} {number}"),
                name=f"Bibliotek {title} {number} (nb)",
            )
            make_programme_item(
                page,
                title=f"Punkt {number}",
                locale=nb,
                start=soon(50, 9, number),
                speakers=[make_person(f"Talare {number}", organisation=library)],
            )
        return page

    return conference("Liten", 2), conference("Stor", 10)


def test_the_number_of_queries_does_not_grow_with_the_programme(client, norwegian_programmes):
    small, large = norwegian_programmes
    calendar = fetch(client, conference_url(large))
    assert str(
        event_of(calendar, ProgrammeItemPage.objects.child_of(large).first())["DESCRIPTION"]
    ) == ("Talare 0 (Bibliotek Stor 0 (nb))")
    assert str(conference_event(calendar)["LOCATION"]).startswith("Stor – lokale")
    assert Venue.objects.filter(name="Stor – lokale").exists()
    assert Organisation.objects.filter(name__endswith="(nb)").count() == 12

    fetch(client, conference_url(small))  # the store now holds both programmes' events

    assert queries_for(client, conference_url(small)) == queries_for(client, conference_url(large))


@pytest.mark.django_db
def test_a_feed_answers_a_conditional_request_with_304(client, settings):
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "CACHE_ENABLED": True}
    first = client.get(reverse("samverkan_calendar:upcoming_conferences"))
    assert first.status_code == 200 and first["ETag"]
    again = client.get(
        reverse("samverkan_calendar:upcoming_conferences"), HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304 and again.content == b""
