"""Conferences and programme items as schema.org Events (JSON-LD) in the API's ``json_ld`` field.

External sites paste the field into ``<script type="application/ld+json">``,
and the site's own HTML pages carry the same markup in their head. The module
runs on the demo content (loaded once, rolled back at the end), with a few
conferences of its own built beside it under the demo's indexes. Every JSON-LD
object the tests read is also checked against a small schema: required keys
present, no empty values, dates with the offset of the event's time zone. The
HTML pages are read as a search engine reads them: the markup extracted with
extruct and expanded with pyld, JSON-LD processors of other authors.
"""

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

import extruct
import lxml.html
import pytest
from django.core.cache import caches
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as PILImage
from pyld import jsonld
from wagtail.images.models import Image
from wagtail.models import Locale

from content_types.models import (
    ConferenceIndexPage,
    ConferenceOrganiser,
    ConferencePage,
    ProgrammeItemPage,
    ProgrammeItemSpeaker,
)

from ..utils import (
    HELSINKI,
    local,
    make_conference,
    make_organisation,
    make_person,
    make_programme_item,
    make_region,
    make_venue,
    page_detail_url,
    pages_url,
)

pytestmark = pytest.mark.django_db

# A conference still to come whenever the tests run, in June (summer time, +02:00).
YEAR = timezone.localdate().year + 1
EVENT_TYPES = {
    "Event": {"@type", "name", "startDate"},
    "Place": {"@type", "name"},
    # A town or a county, and the country (an event placed by its region has no street).
    "PostalAddress": {"@type", "addressCountry"},
    "GeoCoordinates": {"@type", "latitude", "longitude"},
    "Offer": {"@type", "price", "availability", "url"},
    "Organization": {"@type", "name"},
    "Person": {"@type", "name"},
}
# An event named by reference: the full description is under its @id.
REFERENCES = {"superEvent": {"@type", "@id", "name", "url"}}
DATE_KEYS = ("startDate", "endDate", "doorTime", "validThrough")


@pytest.fixture(scope="module")
def content(module_transaction, demo_content, django_db_blocker):
    with django_db_blocker.unblock():
        demo_content.lay_down()
        return build_content()


def build_content():
    sv_index = ConferenceIndexPage.objects.get(locale__language_code="sv")
    nb_index = ConferenceIndexPage.objects.get(locale__language_code="nb")
    nb_locale = Locale.objects.get(language_code="nb")
    c = {"sv_index": sv_index, "nb_index": nb_index}

    c["region_library"] = region_library = make_organisation(
        "Regionbibliotek Västmanland", website="https://regionbibliotek.example.se"
    )
    c["county_library"] = county_library = make_organisation("Länsbibliotek Uppsala")
    c["university"] = university = make_organisation("Mälardalens universitet", kind="education")
    c["anna"] = anna = make_person(
        "Anna Andersson", organisation=region_library, title="Bibliotekskonsulent"
    )
    c["bo"] = bo = make_person("Bo Berg", organisation=county_library, title="Bibliotekarie")
    # Norwegian versions of the snippets, for readers of Norwegian pages.
    anna_nb = anna.copy_for_translation(nb_locale)
    anna_nb.title = "Bibliotekkonsulent"
    anna_nb.save()
    region_library_nb = region_library.copy_for_translation(nb_locale)
    region_library_nb.name = "Regionbiblioteket i Västmanland"
    region_library_nb.save()

    c["venue"] = venue = make_venue()
    c["conference"] = conference = make_conference(
        sv_index,
        title="Läsfrämjandets dag",
        tagline="En dag om läsning",
        description="<p>Om <b>läsning</b> &amp; bibliotek.</p><p>Två dagar i Västerås.</p>",
        start=local(YEAR, 6, 10, 9, 0),
        end=local(YEAR, 6, 11, 16, 0),
        doors_open=local(YEAR, 6, 10, 8, 30),
        venue=venue,
        image=make_image(),
        price=Decimal("450.00"),
        currency="SEK",
        registration_deadline=date(YEAR, 5, 31),
        registration_url="https://anmalan.example.se/lasframjande",
        organisers=[
            ConferenceOrganiser(organisation=region_library),
            ConferenceOrganiser(organisation=county_library),
        ],
    )
    # Added out of order: the markup follows the programme's order.
    c["lunch"] = make_programme_item(
        conference,
        "Lunch",
        kind="meal",
        start=local(YEAR, 6, 10, 12, 0),
        end=local(YEAR, 6, 10, 13, 0),
    )
    c["opening"] = opening = make_programme_item(
        conference,
        "Öppning",
        start=local(YEAR, 6, 10, 9, 0),
        end=local(YEAR, 6, 10, 9, 30),
        location="Stora salen",
        description="<p>Välkommen till <i>dagen</i>!</p>",
        speakers=[anna, (bo, "moderator", university)],
    )
    # Bo's title that day, as the editor typed it on the item.
    ProgrammeItemSpeaker.objects.filter(page=opening, person=bo).update(title="Dagens moderator")
    c["untimed"] = make_programme_item(conference, "Samtal om läsning", speakers=[anna])
    c["draft"] = make_programme_item(
        conference, "Hemlig punkt", start=local(YEAR, 6, 10, 14, 0), publish=False
    )

    c["free"] = make_conference(
        sv_index,
        title="Öppet hus",
        tagline="Kom och se biblioteket",
        start=local(YEAR, 9, 1, 10, 0),
        end=local(YEAR, 9, 1, 15, 0),
        venue=None,
        is_free=True,
    )
    c["unpriced"] = make_conference(sv_index, title="Nätverksträff", venue=None)
    c["helsinki"] = helsinki = make_conference(
        sv_index,
        title="Nordiskt bibliotekmöte",
        start=local(2024, 1, 15, 10, 0, tz=HELSINKI),
        end=local(2024, 1, 15, 17, 0, tz=HELSINKI),
        timezone="Europe/Helsinki",
        venue=make_venue(
            name="Oodi", city="Helsingfors", country="FI", latitude=None, longitude=None
        ),
        price=Decimal("99.50"),
        currency="EUR",
        registration_deadline=date(2024, 1, 5),
    )
    c["helsinki_talk"] = make_programme_item(
        helsinki, "Inledning", start=local(2024, 1, 15, 10, 0, tz=HELSINKI), speakers=[bo]
    )

    c["nb_conference"] = nb_conference = make_conference(
        nb_index,
        title="Bibliotekdagene",
        start=local(YEAR, 6, 17, 9, 0),
        end=local(YEAR, 6, 17, 16, 0),
        timezone="Europe/Oslo",
    )
    c["nb_talk"] = make_programme_item(
        nb_conference, "Velkommen", start=local(YEAR, 6, 17, 9, 0), speakers=[anna]
    )

    # A department and the university it is part of; the university has a Norwegian name.
    c["university_of_boras"] = boras = make_organisation("Högskolan i Borås", kind="education")
    boras_nb = boras.copy_for_translation(nb_locale)
    boras_nb.name = "Høgskolen i Borås"
    boras_nb.save()
    c["department"] = department = make_organisation(
        "Institutionen Bibliotekshögskolan", kind="education", parent=boras
    )
    department.copy_for_translation(nb_locale).save()  # the same name, part of the same
    c["cecilia"] = cecilia = make_person("Cecilia Gärdén", organisation=department)
    c["nb_research"] = make_programme_item(
        nb_conference,
        "Forskning og refleksjon",
        start=local(YEAR, 6, 17, 10, 0),
        speakers=[cecilia],
    )
    # Held in a municipality, at no venue given.
    c["regional"] = regional = make_conference(
        sv_index,
        title="Läsdag i Eskilstuna",
        start=local(YEAR, 3, 13, 9, 0),
        end=local(YEAR, 3, 13, 16, 0),
        venue=None,
        region=make_region("Eskilstuna", kind="municipality"),
    )
    c["regional_talk"] = make_programme_item(
        regional,
        "Forskning och reflektion",
        start=local(YEAR, 3, 13, 9, 0),
        location="Stadsbiblioteket",
        speakers=[cecilia],
    )
    return c


def make_image():
    buffer = BytesIO()
    PILImage.new("RGB", (1200, 800), "steelblue").save(buffer, "PNG")
    return Image.objects.create(
        title="Konferenssalen",
        description="Publik i en ljus konferenssal",
        file=ImageFile(buffer, name="sal.png"),
    )


# Reading and checking the markup


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def json_ld(client, page):
    """The page's ``json_ld`` through the real API, checked against the schema."""
    markup = get_json(client, page_detail_url(page, fields="_,json_ld"))["json_ld"]
    if markup is not None:
        assert_valid_event(markup, zone_of(page))
    return markup


def zone_of(page):
    page = page.specific
    conference = page if isinstance(page, ConferencePage) else page.get_parent().specific
    return ZoneInfo(conference.timezone)


def assert_valid_event(event, zone):
    """What a validator checks: required keys, no empty value, dates in the event's own zone."""
    assert event["@context"] == "https://schema.org"
    assert event["@type"] == "Event"
    assert_valid_node(event, zone)


def assert_valid_node(node, zone, path="$", required=None):
    if isinstance(node, list):
        assert node, f"{path} is an empty list"
        for index, value in enumerate(node):
            assert_valid_node(value, zone, f"{path}[{index}]")
        return
    if not isinstance(node, dict):
        assert node not in (None, ""), f"{path} is empty"
        return
    assert node, f"{path} is an empty object"
    if required is None:
        required = EVENT_TYPES.get(node.get("@type"), set())
    assert required <= set(node), f"{path} lacks {sorted(required - set(node))}"
    if node.get("@type") == "PostalAddress":
        assert {"addressLocality", "addressRegion"} & set(node), f"{path} names no place"
    for key, value in node.items():
        assert_valid_node(value, zone, f"{path}.{key}", REFERENCES.get(key))
        if key in DATE_KEYS:
            moment = datetime.fromisoformat(value)
            assert moment.utcoffset() == moment.astimezone(zone).utcoffset(), (
                f"{path}.{key} {value} is not in {zone}"
            )


def html_url(client, page):
    return get_json(client, page_detail_url(page, fields="_,html_url"))["meta"]["html_url"]


# The conference


def test_a_conference_is_an_event_with_its_times_in_its_own_zone(client, content):
    markup = json_ld(client, content["conference"])
    url = html_url(client, content["conference"])

    assert markup["@id"] == f"{url}#event"
    assert markup["url"] == url
    assert markup["name"] == "Läsfrämjandets dag"
    assert markup["startDate"] == f"{YEAR}-06-10T09:00:00+02:00"
    assert markup["endDate"] == f"{YEAR}-06-11T16:00:00+02:00"
    assert markup["doorTime"] == f"{YEAR}-06-10T08:30:00+02:00"
    assert markup["eventStatus"] == "https://schema.org/EventScheduled"
    assert markup["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert markup["inLanguage"] == "sv"


def test_the_description_is_plain_text(client, content):
    markup = json_ld(client, content["conference"])
    assert markup["description"] == "Om läsning & bibliotek. Två dagar i Västerås."


def test_a_conference_without_description_is_described_by_its_tagline(client, content):
    assert json_ld(client, content["free"])["description"] == "Kom och se biblioteket"


def test_the_location_is_the_venue_with_its_address_and_coordinates(client, content):
    assert json_ld(client, content["conference"])["location"] == {
        "@type": "Place",
        "name": "Västerås Konserthus",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Kungsgatan 6",
            "postalCode": "722 11",
            "addressLocality": "Västerås",
            "addressCountry": "SE",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": 59.61, "longitude": 16.545},
    }


def test_a_venue_without_coordinates_has_no_geo(client, content):
    location = json_ld(client, content["helsinki"])["location"]
    assert location["name"] == "Oodi" and location["address"]["addressCountry"] == "FI"
    assert "geo" not in location


def test_the_organisers_are_organizations_with_their_website_where_known(client, content):
    assert json_ld(client, content["conference"])["organizer"] == [
        {
            "@type": "Organization",
            "name": "Regionbibliotek Västmanland",
            "url": "https://regionbibliotek.example.se",
        },
        {"@type": "Organization", "name": "Länsbibliotek Uppsala"},
    ]


def test_the_image_is_the_full_url_of_the_apis_large_rendition(client, content):
    data = get_json(client, page_detail_url(content["conference"], fields="_,image,json_ld"))
    large = data["image"]["renditions"]["large"]
    assert data["json_ld"]["image"] == large["full_url"]
    assert large["full_url"].startswith("http://testserver/")


def test_the_offer_names_the_price_and_registration_until_the_deadline(client, content):
    assert json_ld(client, content["conference"])["offers"] == {
        "@type": "Offer",
        "price": "450",
        "priceCurrency": "SEK",
        "url": "https://anmalan.example.se/lasframjande",
        "availability": "https://schema.org/InStock",
        "validThrough": f"{YEAR}-05-31T23:59:59+02:00",
    }


def test_a_free_conference_costs_nothing_and_registers_on_its_page(client, content):
    offers = json_ld(client, content["free"])["offers"]
    assert offers["price"] == "0"
    assert offers["url"] == html_url(client, content["free"])
    assert "priceCurrency" not in offers and "validThrough" not in offers


def test_registration_closes_at_the_end_of_the_deadline_day_in_the_events_zone(client, content):
    offers = json_ld(client, content["helsinki"])["offers"]
    assert offers["price"] == "99.50" and offers["priceCurrency"] == "EUR"
    assert offers["validThrough"] == "2024-01-05T23:59:59+02:00"
    assert offers["availability"] == "https://schema.org/SoldOut"


def test_a_cancelled_conference_says_so_and_takes_no_registrations(client, content):
    ConferencePage.objects.filter(pk=content["conference"].pk).update(status="cancelled")
    markup = json_ld(client, content["conference"])
    assert markup["eventStatus"] == "https://schema.org/EventCancelled"
    assert markup["offers"]["availability"] == "https://schema.org/SoldOut"


def test_unknown_facts_are_left_out_not_null(client, content):
    markup = json_ld(client, content["unpriced"])
    for key in ("location", "offers", "image", "organizer", "description", "doorTime"):
        assert key not in markup, key
    assert "subEvent" not in markup  # no programme


# The programme inside the conference


def test_sub_events_are_the_public_timed_items_in_programme_order(client, content):
    sub_events = json_ld(client, content["conference"])["subEvent"]
    assert [event["name"] for event in sub_events] == ["Öppning", "Lunch"]
    opening = sub_events[0]
    assert opening["@id"] == f"{html_url(client, content['opening'])}#event"
    assert opening["startDate"] == f"{YEAR}-06-10T09:00:00+02:00"
    assert opening["endDate"] == f"{YEAR}-06-10T09:30:00+02:00"
    assert opening["description"] == "Välkommen till dagen!"


def test_an_item_takes_place_in_its_room_at_the_venues_address(client, content):
    opening, lunch = json_ld(client, content["conference"])["subEvent"]
    venue = json_ld(client, content["conference"])["location"]
    assert opening["location"] == {
        "@type": "Place",
        "name": "Stora salen",
        "address": venue["address"],
    }
    assert lunch["location"] == venue  # names no room of its own


def test_speakers_perform_with_their_title_and_organisation_at_the_time(client, content):
    opening = json_ld(client, content["conference"])["subEvent"][0]
    assert opening["performer"] == [
        {
            "@type": "Person",
            "name": "Anna Andersson",
            "jobTitle": "Bibliotekskonsulent",
            "affiliation": {"@type": "Organization", "name": "Regionbibliotek Västmanland"},
        },
        {
            "@type": "Person",
            "name": "Bo Berg",
            "jobTitle": "Dagens moderator",
            "affiliation": {"@type": "Organization", "name": "Mälardalens universitet"},
        },
    ]
    assert "performer" not in json_ld(client, content["conference"])["subEvent"][1]


def test_items_without_a_start_time_are_no_events(client, content):
    assert json_ld(client, content["untimed"]) is None
    names = [event["name"] for event in json_ld(client, content["conference"])["subEvent"]]
    assert "Samtal om läsning" not in names


def test_nothing_unpublished_appears(client, content):
    body = client.get(page_detail_url(content["conference"], fields="_,json_ld")).content
    assert "Hemlig punkt" not in body.decode()
    assert client.get(page_detail_url(content["draft"])).status_code == 404


def test_an_item_unpublished_since_leaves_the_conference(client, content):
    ProgrammeItemPage.objects.get(pk=content["lunch"].pk).unpublish()
    names = [event["name"] for event in json_ld(client, content["conference"])["subEvent"]]
    assert names == ["Öppning"]


# A programme item on its own


def test_an_item_is_an_event_within_its_conference(client, content):
    markup = json_ld(client, content["opening"])
    conference_url = html_url(client, content["conference"])

    assert markup["@id"] == f"{html_url(client, content['opening'])}#event"
    assert markup["name"] == "Öppning"
    assert markup["startDate"] == f"{YEAR}-06-10T09:00:00+02:00"
    assert markup["inLanguage"] == "sv"
    assert markup["eventStatus"] == "https://schema.org/EventScheduled"
    assert markup["superEvent"] == {
        "@type": "Event",
        "@id": f"{conference_url}#event",
        "name": "Läsfrämjandets dag",
        "url": conference_url,
    }


def test_an_item_alone_has_the_same_place_and_performers_as_inside_its_conference(client, content):
    alone = json_ld(client, content["opening"])
    inside = json_ld(client, content["conference"])["subEvent"][0]
    for key in ("@id", "url", "startDate", "endDate", "description", "location", "performer"):
        assert alone[key] == inside[key], key


def test_an_items_status_follows_its_conference(client, content):
    ConferencePage.objects.filter(pk=content["conference"].pk).update(status="postponed")
    assert json_ld(client, content["lunch"])["eventStatus"] == "https://schema.org/EventPostponed"


def test_no_markup_names_a_conference_that_is_no_longer_public(client, content):
    """Its items go with it (a page is public only when the pages above it are): no listed
    item names it as ``superEvent``, and neither the API nor the site shows the items alone."""
    ConferencePage.objects.filter(pk=content["conference"].pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    url = pages_url(type="content_types.ProgrammeItemPage", fields="json_ld", limit=100)
    listed = get_json(client, url)["items"]
    assert listed and "Läsfrämjandets dag" not in json.dumps(listed, ensure_ascii=False)
    assert content["opening"].pk not in {item["id"] for item in listed}
    assert client.get(page_detail_url(content["opening"], fields="_,json_ld")).status_code == 404
    assert client.get(content["opening"].url).status_code == 404


@pytest.mark.parametrize("fields", ["json_ld", "*"])
def test_items_are_listed_with_their_markup(client, content, fields):
    """Listed beside other items (whose speakers a listing may load together), each names its own."""
    url = pages_url(type="content_types.ProgrammeItemPage", fields=fields, limit=100)
    markup = {item["id"]: item["json_ld"] for item in get_json(client, url)["items"]}
    assert markup[content["untimed"].pk] is None
    assert markup[content["opening"].pk] == json_ld(client, content["opening"])
    assert markup[content["helsinki_talk"].pk] == json_ld(client, content["helsinki_talk"])


# Languages


def test_a_norwegian_page_shows_speakers_in_norwegian(client, content):
    markup = json_ld(client, content["nb_conference"])
    assert markup["inLanguage"] == "nb"
    assert markup["startDate"] == f"{YEAR}-06-17T09:00:00+02:00"
    assert markup["subEvent"][0]["performer"] == [
        {
            "@type": "Person",
            "name": "Anna Andersson",
            "jobTitle": "Bibliotekkonsulent",
            "affiliation": {"@type": "Organization", "name": "Regionbiblioteket i Västmanland"},
        }
    ]
    assert json_ld(client, content["nb_talk"])["performer"] == markup["subEvent"][0]["performer"]


# Listings and queries


def test_the_markup_is_in_the_detail_and_in_listings(client, content):
    detail = get_json(client, page_detail_url(content["conference"]))
    assert detail["json_ld"]["name"] == "Läsfrämjandets dag"
    for fields in ("*", "json_ld"):
        url = pages_url(type="content_types.ConferencePage", fields=fields, limit=100)
        conferences = {item["id"]: item for item in get_json(client, url)["items"]}
        assert conferences[content["conference"].pk]["json_ld"] == detail["json_ld"]
    url = pages_url(type="content_types.ConferencePage", fields="json_ld,timezone", limit=100)
    listed = get_json(client, url)["items"]
    assert len(listed) >= 8  # the demo's conferences in both languages, and this module's
    for item in listed:
        assert_valid_event(item["json_ld"], ZoneInfo(item["timezone"]))
    excluded = get_json(client, page_detail_url(content["conference"], fields="-json_ld"))
    assert "json_ld" not in excluded


def count_queries(client, url):
    """The queries answering ``url``, from empty caches: no cached answer hides any."""
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_markup_costs_the_same_queries_however_long_the_programme(client, content):
    """The field's own cost: the same detail with only ``json_ld`` and with no field at all.

    Asking for ``_,json_ld`` against ``_`` leaves every other field out, so what
    other fields cost (and however that changes) does not count. The conferences
    are Norwegian and their speakers Swedish snippets with Norwegian versions:
    each speaker's translation is looked up, the costliest case.
    """
    extra = {}
    for length in (2, 8):
        conference = make_conference(content["nb_index"], title=f"Program med {length} punkter")
        for number in range(length):
            make_programme_item(
                conference,
                f"Punkt {number}",
                start=local(2025, 6, 10, 9 + number, 0),
                speakers=[
                    content["anna"],
                    (content["bo"], "moderator", content["university"]),
                    content["cecilia"],  # a department, whose university has a Norwegian name
                ],
            )
        with_markup = page_detail_url(conference, fields="_,json_ld")
        without_markup = page_detail_url(conference, fields="_")
        extra[length] = count_queries(client, with_markup) - count_queries(client, without_markup)

        sub_events = json_ld(client, conference)["subEvent"]
        assert len(sub_events) == length
        assert {event["performer"][0]["jobTitle"] for event in sub_events} == {"Bibliotekkonsulent"}
        assert {
            event["performer"][2]["affiliation"]["parentOrganization"]["name"]
            for event in sub_events
        } == {"Høgskolen i Borås"}
    assert extra[2] > 0  # the markup was built, not served from a cache
    assert extra[2] == extra[8]


# The demo content


def demo_page(model, slug, language):
    return model.objects.get(slug=slug, locale__language_code=language)


def test_the_troms_seminar_starts_with_the_bus_from_prostneset(client, content):
    seminar = demo_page(ConferencePage, "bibliotekromseminar-2013", "nb")
    markup = json_ld(client, seminar)
    assert markup["inLanguage"] == "nb"
    bus = markup["subEvent"][0]
    assert bus["name"] == "Avgang fra Prostneset med felles buss"
    assert bus["startDate"] == "2013-11-20T11:00:00+01:00"
    assert bus["location"]["name"] == "Prostneset, Tromsø"


def test_the_tvinning_conference_in_swedish_and_norwegian(client, content):
    swedish = demo_page(ConferencePage, "tvinning-slutkonferens-2009", "sv")
    norwegian = swedish.get_translation(Locale.objects.get(language_code="nb"))

    for page, language in ((swedish, "sv"), (norwegian, "nb")):
        markup = json_ld(client, page)
        assert markup["startDate"] == "2009-10-20T10:00:00+02:00"
        assert markup["inLanguage"] == language
        assert markup["name"] == page.title
        # Only the registration has a time; the talks of the day have none.
        assert [event["startDate"] for event in markup["subEvent"]] == ["2009-10-20T09:00:00+02:00"]


def as_performer(speaker):
    """A speaker from the API's ``speakers`` field, as the markup should name them."""
    performer = {"@type": "Person", "name": speaker["name"]}
    if speaker["title"]:
        performer["jobTitle"] = speaker["title"]
    organisation = speaker["organisation"]
    if organisation:
        performer["affiliation"] = {"@type": "Organization", "name": organisation["name"]}
        if organisation["parent"]:
            performer["affiliation"]["parentOrganization"] = {
                "@type": "Organization",
                "name": organisation["parent"]["name"],
            }
    return performer


def test_demo_performers_are_the_speakers_the_api_shows_for_each_item(client, content):
    """The markup names each speaker as the API's ``speakers`` field does, in both languages."""
    seminar = demo_page(ConferencePage, "bibliotekromseminar-2013", "nb")
    swedish = seminar.get_translation(Locale.objects.get(language_code="sv"))
    for conference in (seminar, swedish):
        url = pages_url(
            type="content_types.ProgrammeItemPage",
            child_of=conference.pk,
            fields="start,speakers",
            limit=100,
        )
        speakers = sorted(
            (item["title"], [as_performer(speaker) for speaker in item["speakers"]])
            for item in get_json(client, url)["items"]
            if item["start"]
        )
        performers = sorted(
            (event["name"], event.get("performer", []))
            for event in json_ld(client, conference)["subEvent"]
        )
        assert performers == speakers
        assert any(people for _name, people in performers)


def test_untimed_demo_items_have_no_markup_of_their_own(client, content):
    conference = demo_page(ConferencePage, "tvinning-slutkonferens-2009", "sv")
    items = ProgrammeItemPage.objects.child_of(conference).live()
    untimed = [item for item in items if item.start is None]
    assert untimed
    for item in untimed:
        assert json_ld(client, item) is None


# Where an event without a venue is held


def test_the_troms_seminar_is_placed_in_troms_as_its_seed_says(client, content):
    """The seed names no venue, only a shared bus from Prostneset in Tromsø, in Troms."""
    seminar = demo_page(ConferencePage, "bibliotekromseminar-2013", "nb")
    in_troms = {"@type": "PostalAddress", "addressRegion": "Troms", "addressCountry": "NO"}
    markup = json_ld(client, seminar)
    assert markup["location"] == {"@type": "Place", "name": "Troms", "address": in_troms}
    bus, lunch = markup["subEvent"][:2]
    assert bus["location"] == {"@type": "Place", "name": "Prostneset, Tromsø", "address": in_troms}
    assert lunch["location"] == markup["location"]
    region = get_json(client, page_detail_url(seminar, fields="_,region"))["region"]
    assert (region["name"], region["kind"], region["country"]) == ("Troms", "county", "NO")


def test_a_conference_held_in_a_municipality_is_placed_in_its_town(client, content):
    in_eskilstuna = {
        "@type": "PostalAddress",
        "addressLocality": "Eskilstuna",
        "addressCountry": "SE",
    }
    markup = json_ld(client, content["regional"])
    assert markup["location"] == {"@type": "Place", "name": "Eskilstuna", "address": in_eskilstuna}
    assert markup["subEvent"][0]["location"] == {
        "@type": "Place",
        "name": "Stadsbiblioteket",
        "address": in_eskilstuna,
    }
    assert (
        json_ld(client, content["regional_talk"])["location"] == markup["subEvent"][0]["location"]
    )


def test_a_venue_goes_before_the_region(client, content):
    ConferencePage.objects.filter(pk=content["conference"].pk).update(
        region=make_region("Västmanlands län")
    )
    assert json_ld(client, content["conference"])["location"]["name"] == "Västerås Konserthus"


# Organisations and what they are part of


def test_a_speakers_affiliation_names_the_university_the_department_is_part_of(client, content):
    department = {
        "@type": "Organization",
        "name": "Institutionen Bibliotekshögskolan",
        "parentOrganization": {"@type": "Organization", "name": "Högskolan i Borås"},
    }
    (performer,) = json_ld(client, content["regional_talk"])["performer"]
    assert performer == {"@type": "Person", "name": "Cecilia Gärdén", "affiliation": department}
    # The Norwegian page names the university in Norwegian.
    (performer,) = json_ld(client, content["nb_research"])["performer"]
    assert performer["affiliation"]["parentOrganization"]["name"] == "Høgskolen i Borås"


def test_the_api_shows_a_speakers_organisation_with_its_parent(client, content):
    parent = {"id": content["university_of_boras"].pk, "name": "Högskolan i Borås"}
    (speaker,) = get_json(client, page_detail_url(content["regional_talk"], fields="_,speakers"))[
        "speakers"
    ]
    assert speaker["organisation"]["name"] == "Institutionen Bibliotekshögskolan"
    assert speaker["organisation"]["parent"] == parent
    assert speaker["person"]["organisation"]["parent"] == parent
    (speaker,) = get_json(client, page_detail_url(content["nb_research"], fields="_,speakers"))[
        "speakers"
    ]
    assert speaker["organisation"]["parent"]["name"] == "Høgskolen i Borås"


def test_the_seeds_department_is_shown_with_its_university(client, content):
    """The seed: "Cecilia Gärdén, Institutionen Bibliotekshögskolan, Högskolan i Borås"."""
    item = demo_page(ProgrammeItemPage, "forskning-och-reflektion", "sv")
    (speaker,) = get_json(client, page_detail_url(item, fields="_,speakers"))["speakers"]
    assert speaker["name"] == "Cecilia Gärdén"
    assert speaker["organisation"]["name"] == "Institutionen Bibliotekshögskolan"
    assert speaker["organisation"]["parent"]["name"] == "Högskolan i Borås"
    for page in (item, item.get_parent()):
        html = client.get(page.url).content.decode()
        assert "Cecilia Gärdén, Institutionen Bibliotekshögskolan, Högskolan i Borås" in html


# The site's own HTML pages


def html_json_ld(client, page):
    """The JSON-LD documents in the head of the page's HTML page, as extruct extracts them."""
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    return extruct.extract(html, base_url=page.full_url, syntaxes=["json-ld"])["json-ld"]


def schema_org_context(url, options=None):
    """The schema.org context for pyld, which would otherwise fetch it over the network.

    Only its vocabulary: every term is a schema.org property or type. That is
    all the markup uses (plain terms, no compact IRIs or coercions).
    """
    assert url.rstrip("/") == "https://schema.org", url
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": "https://schema.org/"}},
    }


SCHEMA = "https://schema.org/"


def expanded_events(markup):
    """Every Event in ``markup`` (the event, its sub-events), expanded by pyld to full IRIs."""
    (event,) = jsonld.expand(markup, {"documentLoader": schema_org_context})
    events = [event]
    for sub_event in event.get(f"{SCHEMA}subEvent", []):
        events.append(sub_event)
    return events


def the(node, name):
    """The single value of the schema.org property ``name`` of an expanded node."""
    (value,) = node[f"{SCHEMA}{name}"]
    return value


def assert_placed_as_google_requires(event):
    """name, startDate and a location: a Place with a PostalAddress naming a town or region."""
    assert event["@type"] == [f"{SCHEMA}Event"]
    assert the(event, "name")["@value"]
    assert the(event, "startDate")["@value"]
    location = the(event, "location")
    assert location["@type"] == [f"{SCHEMA}Place"]
    assert the(location, "name")["@value"]
    address = the(location, "address")
    assert address["@type"] == [f"{SCHEMA}PostalAddress"]
    assert the(address, "addressCountry")["@value"]
    assert {f"{SCHEMA}addressLocality", f"{SCHEMA}addressRegion"} & set(address)


def test_each_demo_event_page_carries_the_apis_json_ld_with_its_place(client, content):
    """Every conference and programme item of the demo, in both languages: the JSON-LD in the
    head of its HTML page is the API's ``json_ld``; each Event in it has a place."""
    sources = ConferencePage.objects.filter(
        slug__in=["bibliotekromseminar-2013", "tvinning-slutkonferens-2009"]
    )
    demo = ConferencePage.objects.filter(
        translation_key__in=sources.values("translation_key")
    ).live()
    assert demo.count() == 4
    events = 0
    for conference in demo:
        pages = [conference, *ProgrammeItemPage.objects.child_of(conference).live()]
        for page in pages:
            markup = json_ld(client, page)
            found = html_json_ld(client, page)
            if markup is None:  # an item without a time is no Event, on either surface
                assert found == [], page.title
                continue
            assert found == [markup], page.title
            assert "location" in markup, page.title
            for event in expanded_events(markup):
                assert_placed_as_google_requires(event)
                events += 1
    assert events > 40


def test_every_event_page_of_the_site_carries_the_apis_json_ld(client, content):
    """The conferences and items built here too: the markup on the page is the API's, however
    much or little is known (no venue, no price, another time zone, Norwegian)."""
    pages = [*ConferencePage.objects.live(), *ProgrammeItemPage.objects.live()]
    for page in pages:
        markup = json_ld(client, page)
        assert html_json_ld(client, page) == ([markup] if markup else []), page.title


def test_pages_that_are_no_events_carry_no_json_ld(client, content):
    for page in (content["sv_index"], content["sv_index"].get_parent(), content["untimed"]):
        assert html_json_ld(client, page.specific) == []


# Safe to embed


HOSTILE = '</script><script>alert("x")</script><!-- & </SCRIPT >'


def test_a_title_that_closes_the_script_element_stays_inside_it(client, content):
    """What an editor or translator typed cannot end the element: on the site's pages and in
    the API's ``json_ld_script``, it is escaped, and reads back as exactly what they typed."""
    conference = make_conference(
        content["sv_index"],
        title=HOSTILE,
        start=local(YEAR, 8, 1, 9, 0),
        end=local(YEAR, 8, 1, 16, 0),
    )
    item = make_programme_item(conference, HOSTILE, start=local(YEAR, 8, 1, 9, 0))
    for page in (conference, item):
        data = get_json(client, page_detail_url(page, fields="_,json_ld,json_ld_script"))
        markup, text = data["json_ld"], data["json_ld_script"]
        assert markup["name"] == HOSTILE
        assert not {"<", ">", "&"} & set(text)
        assert json.loads(text) == markup

        html = client.get(page.url).content.decode()
        assert "<script>alert" not in html
        scripts = lxml.html.fromstring(html).xpath("//script")
        assert [script.get("type") for script in scripts] == ["application/ld+json"]
        assert scripts[0].text == text
        assert html_json_ld(client, page) == [markup]


def test_json_ld_script_is_json_ld_as_text(client, content):
    data = get_json(
        client, page_detail_url(content["conference"], fields="_,json_ld,json_ld_script")
    )
    assert json.loads(data["json_ld_script"]) == data["json_ld"]
    untimed = get_json(
        client, page_detail_url(content["untimed"], fields="_,json_ld,json_ld_script")
    )
    assert untimed["json_ld"] is None and untimed["json_ld_script"] is None
