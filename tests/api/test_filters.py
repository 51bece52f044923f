"""The filters external sites list pages by: conference times, linked snippets, ordering.

The content is built once for the module (see ``content``): conferences that
ended, run now or lie ahead; projects linked to regions, focus areas and
organisations, one of them translated into Norwegian; networks with focus
areas. Expected results name the pages they should contain.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from content_types.api.store_maintenance import rebuild
from content_types.models import ProjectPage, ProjectPartner

from ..utils import (
    make_conference,
    make_focus_area,
    make_network,
    make_organisation,
    make_project,
    make_region,
    pages_url,
)

pytestmark = pytest.mark.django_db

CONFERENCE = "content_types.ConferencePage"
PROJECT = "content_types.ProjectPage"
NETWORK = "content_types.NetworkPage"
HUGE = "99999999999999999999"
REGION_TYPES = (
    "region needs one of: type=content_types.ProjectPage, type=content_types.ConferencePage"
)
FOCUS_AREA_TYPES = (
    "focus_area needs one of: type=content_types.ProjectPage, type=content_types.NetworkPage, "
    "type=content_types.ConferencePage"
)  # more than any database integer holds


@pytest.fixture(scope="module")
def content(site_tree, django_db_blocker):
    with django_db_blocker.unblock():
        content = build_content(site_tree)
        # Kept in the delivery store once, as the pages' commits would: no test changes them,
        # and each would otherwise render the same pages again.
        rebuild()
        return content


def build_content(tree):
    c = dict(tree)
    now = timezone.now()
    zone = ZoneInfo(settings.TIME_ZONE)
    c["boundary_day"] = day = timezone.localdate() + timedelta(days=100)

    # Conferences that ended, run now and lie ahead; two on either side of a midnight.
    index = tree["conference_index"]

    def conference(name, title, start, hours, **kwargs):
        c[name] = make_conference(
            index, title=title, start=start, end=start + timedelta(hours=hours), **kwargs
        )

    conference("past", "Forum Västerås", now - timedelta(days=10), 8, kind="conference")
    conference("ongoing", "Pågående seminarium", now - timedelta(hours=2), 24, kind="seminar")
    conference("future", "Forum Uppsala", now + timedelta(days=30), 8, kind="seminar")
    late = datetime.combine(day - timedelta(days=1), time(23, 30), tzinfo=zone)
    conference("late", "Nattverkstad", late, 1, kind="workshop")
    midnight = datetime.combine(day, time(0, 0), tzinfo=zone)
    conference("midnight", "Midnattsverkstad", midnight, 2, kind="workshop")
    twins = datetime.combine(day + timedelta(days=10), time(10, 0), tzinfo=zone)
    conference("twin_a", "Kurs A", twins, 6, kind="course")
    conference("twin_b", "Kurs B", twins, 6, kind="course")
    c["draft_conference"] = make_conference(
        index,
        title="Hemlig konferens",
        start=now + timedelta(days=5),
        end=now + timedelta(days=5, hours=8),
        publish=False,
    )

    # Snippets, some with Norwegian translations.
    sv, nb = tree["sv_locale"], tree["nb_locale"]
    c["vastmanland"] = vastmanland = make_region("Västmanlands län", locale=sv)
    c["uppsala"] = uppsala = make_region("Uppsala län", locale=sv)
    c["nb_vastmanland"] = nb_vastmanland = translate_snippet(vastmanland, nb, name="Västmanland")
    c["reading"] = reading = make_focus_area("Läsfrämjande", locale=sv)
    c["digital"] = digital = make_focus_area("Digital delaktighet", locale=sv)
    c["nb_reading"] = nb_reading = translate_snippet(reading, nb, name="Leselyst")
    c["owner"] = owner = make_organisation("Region Västmanland", kind="region", locale=sv)
    c["nb_owner"] = translate_snippet(owner, nb, name="Region Västmanland (nb)")
    c["agency"] = agency = make_organisation("Statens kulturråd", kind="funder", locale=sv)
    c["library"] = library = make_organisation("Uppsala stadsbibliotek", locale=sv)
    c["unused_region"] = make_region("Gotlands län", locale=sv)

    # Projects. "Digitalt först" names the owner of "Läslyftet" as funder and as partner.
    projects = tree["project_index"]
    c["reading_project"] = make_project(
        projects,
        title="Läslyftet",
        status="ongoing",
        regions=[vastmanland],
        focus_areas=[reading],
        project_owner=owner,
    )
    c["digital_project"] = make_project(
        projects,
        title="Digitalt först",
        status="completed",
        regions=[uppsala, vastmanland],
        focus_areas=[digital, reading],
        funders=[owner, agency],
        partners=[ProjectPartner(organisation=owner)],
    )
    c["partner_project"] = make_project(
        projects,
        title="Bokbussen",
        status="planned",
        regions=[uppsala],
        funders=[agency],
        partners=[ProjectPartner(organisation=library)],
    )
    c["draft_project"] = make_project(
        projects, title="Hemligt projekt", regions=[vastmanland], publish=False
    )

    # Norwegian: a translation of "Läslyftet" (its links follow the Swedish source)
    # and a project of its own that links the Norwegian translations of the snippets.
    c["nb_project_index"] = nb_projects = projects.copy_for_translation(nb)
    nb_projects.save_revision().publish()
    c["nb_reading_project"] = nb_reading_project = c["reading_project"].copy_for_translation(nb)
    nb_reading_project.title = "Leseløftet"
    nb_reading_project.save_revision().publish()
    c["nb_only_project"] = make_project(
        nb_projects,
        title="Lesing i fylket",
        status="ongoing",
        regions=[nb_vastmanland],
        focus_areas=[nb_reading],
    )

    # Networks
    networks = tree["network_index"]
    c["reading_network"] = make_network(networks, title="Läsnätverket", focus_areas=[reading])
    c["digital_network"] = make_network(
        networks, title="Digitala nätverket", focus_areas=[digital, reading]
    )
    c["plain_network"] = make_network(networks, title="Chefsnätverket")

    # Published again last: the most recently published page, though not the newest.
    c["reading_project"].save_revision().publish()
    return c


def translate_snippet(snippet, locale, **values):
    translation = snippet.copy_for_translation(locale)
    for name, value in values.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def get_items(client, **params):
    params.setdefault("limit", 100)
    response = client.get(pages_url(**params))
    assert response.status_code == 200, response.content[:500]
    data = response.json()
    ids = [item["id"] for item in data["items"]]
    assert len(ids) == len(set(ids)), "a page is listed twice"
    if "offset" not in params and len(ids) < params["limit"]:
        assert data["meta"]["total_count"] == len(ids)
    return ids


def found(client, **params):
    return set(get_items(client, **params))


def pages(content, *names):
    return {content[name].pk for name in names}


def bad_request_message(client, **params):
    response = client.get(pages_url(**params))
    assert response.status_code == 400, (response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return response.json()["message"]


ALL_CONFERENCES = ("past", "ongoing", "future", "late", "midnight", "twin_a", "twin_b")
UPCOMING = ("ongoing", "future", "late", "midnight", "twin_a", "twin_b")


# Conferences by time


@pytest.mark.parametrize("value", ["true", "1", "True"])
def test_upcoming_lists_conferences_that_have_not_ended_including_ongoing(client, content, value):
    assert found(client, type=CONFERENCE, upcoming=value) == pages(content, *UPCOMING)


@pytest.mark.parametrize("value", ["true", "1"])
def test_past_lists_conferences_that_have_ended(client, content, value):
    assert found(client, type=CONFERENCE, past=value) == pages(content, "past")


@pytest.mark.parametrize(
    "params",
    [{"upcoming": "false"}, {"past": "0"}, {"upcoming": "0", "past": "false"}],
    ids=["upcoming-false", "past-zero", "both-false"],
)
def test_a_false_flag_does_not_filter(client, content, params):
    assert found(client, type=CONFERENCE, **params) == pages(content, *ALL_CONFERENCES)


def test_a_false_flag_beside_a_true_one_leaves_the_true_one(client, content):
    assert found(client, type=CONFERENCE, upcoming="false", past="true") == pages(content, "past")


def test_a_draft_conference_is_not_upcoming(client, content):
    assert content["draft_conference"].pk not in found(client, type=CONFERENCE, upcoming="true")


def test_starts_after_a_date_includes_that_day_from_midnight_in_the_site_time_zone(client, content):
    """The day starts at midnight in TIME_ZONE: 23:30 the evening before is not on it."""
    day = content["boundary_day"].isoformat()
    assert found(client, type=CONFERENCE, starts_after=day) == pages(
        content, "midnight", "twin_a", "twin_b"
    )


def test_starts_before_a_date_excludes_that_day(client, content):
    day = content["boundary_day"].isoformat()
    assert found(client, type=CONFERENCE, starts_before=day) == pages(
        content, "past", "ongoing", "future", "late"
    )


def test_starts_after_and_before_make_a_range(client, content):
    day = content["boundary_day"]
    params = {
        "starts_after": (day - timedelta(days=1)).isoformat(),
        "starts_before": (day + timedelta(days=1)).isoformat(),
    }
    assert found(client, type=CONFERENCE, **params) == pages(content, "late", "midnight")


def test_the_same_date_after_and_before_matches_nothing(client, content):
    day = content["boundary_day"].isoformat()
    assert found(client, type=CONFERENCE, starts_after=day, starts_before=day) == set()


@pytest.mark.parametrize(
    "as_text",
    [
        lambda moment: moment.isoformat(),
        lambda moment: moment.astimezone(ZoneInfo("UTC")).isoformat().replace("+00:00", "Z"),
        lambda moment: moment.astimezone(ZoneInfo("America/New_York")).isoformat(),
    ],
    ids=["site-offset", "utc-z", "other-offset"],
)
def test_a_datetime_with_an_offset_is_that_moment(client, content, as_text):
    moment = content["late"].start
    assert found(client, type=CONFERENCE, starts_after=as_text(moment)) == pages(
        content, "late", "midnight", "twin_a", "twin_b"
    )
    assert found(client, type=CONFERENCE, starts_before=as_text(moment)) == pages(
        content, "past", "ongoing", "future"
    )


def test_time_filters_combine_with_each_other(client, content):
    day = content["boundary_day"].isoformat()
    assert found(client, type=CONFERENCE, upcoming="true", starts_before=day) == pages(
        content, "ongoing", "future", "late"
    )


def test_kind_is_an_exact_filter(client, content):
    assert found(client, type=CONFERENCE, kind="workshop") == pages(content, "late", "midnight")
    assert found(client, type=CONFERENCE, kind="seminar", upcoming="true") == pages(
        content, "ongoing", "future"
    )


def test_a_bad_kind_names_the_allowed_kinds(client, content):
    message = bad_request_message(client, type=CONFERENCE, kind="keynote")
    assert "'keynote' is not a valid value for kind" in message
    assert "conference, seminar, workshop, network_meeting, course, other" in message


@pytest.mark.parametrize("parameter", ["upcoming", "past"])
@pytest.mark.parametrize("value", ["yes", "", "2", "sant"])
def test_a_flag_must_be_true_false_1_or_0(client, content, parameter, value):
    assert bad_request_message(client, type=CONFERENCE, **{parameter: value}) == (
        f"{parameter} must be true, false, 1 or 0 (got '{value}')"
    )


def test_upcoming_and_past_cannot_both_be_true(client, content):
    assert (
        bad_request_message(client, type=CONFERENCE, upcoming="true", past="1")
        == "upcoming and past cannot both be true"
    )


@pytest.mark.parametrize("parameter", ["starts_after", "starts_before"])
@pytest.mark.parametrize(
    "value",
    [
        "2025-02-30",
        "2025-13-01",
        "not-a-date",
        "10/06/2025",
        "",
        "2025-06-10T09:00",
        "2025-06-10T25:00+02:00",
    ],
    ids=["feb-30", "month-13", "word", "slashes", "empty", "no-offset", "hour-25"],
)
def test_an_invalid_date_answers_400_saying_what_is_expected(client, content, parameter, value):
    message = bad_request_message(client, type=CONFERENCE, **{parameter: value})
    assert message.startswith(f"{parameter}: '{value}' is not a date (YYYY-MM-DD)")
    assert "2025-06-10T09:00:00+02:00" in message


@pytest.mark.parametrize("value", ["0001-01-01", "0001-01-01T00:00:00+05:00"])
def test_a_date_that_leaves_the_calendar_in_utc_answers_400(client, content, value):
    assert (
        bad_request_message(client, type=CONFERENCE, starts_after=value)
        == f"starts_after: '{value}' is out of range"
    )


def test_starts_after_later_than_starts_before_answers_400(client, content):
    message = bad_request_message(
        client, type=CONFERENCE, starts_after="2025-07-01", starts_before="2025-06-01"
    )
    assert message == "starts_after (2025-07-01) is later than starts_before (2025-06-01)"


# Projects and networks by linked snippet


def test_status_is_an_exact_filter(client, content):
    assert found(client, type=PROJECT, status="planned") == pages(content, "partner_project")
    assert found(client, type=PROJECT, status="completed") == pages(content, "digital_project")


def test_a_bad_status_names_the_allowed_ones(client, content):
    message = bad_request_message(client, type=PROJECT, status="nonsense")
    assert "planned, ongoing, completed" in message


def test_the_norwegian_translation_links_the_swedish_snippets(content):
    """The premise of the translation tests below: links follow the source language."""
    nb_project = content["nb_reading_project"]
    nb_project.refresh_from_db()
    assert list(nb_project.regions.all()) == [content["vastmanland"]]
    assert nb_project.project_owner == content["owner"]


def test_region_matches_projects_linked_to_the_snippet_or_a_translation_of_it(client, content):
    expected = pages(
        content, "reading_project", "digital_project", "nb_reading_project", "nb_only_project"
    )
    assert found(client, type=PROJECT, region=content["vastmanland"].pk) == expected
    assert found(client, type=PROJECT, region=content["nb_vastmanland"].pk) == expected


def test_region_takes_a_list_meaning_any_of_them(client, content):
    ids = f"{content['uppsala'].pk},{content['vastmanland'].pk}"
    assert found(client, type=PROJECT, region=ids) == pages(
        content,
        "reading_project",
        "digital_project",
        "partner_project",
        "nb_reading_project",
        "nb_only_project",
    )


def test_a_project_in_several_of_the_regions_is_listed_once(client, content):
    ids = f"{content['uppsala'].pk},{content['vastmanland'].pk},{content['nb_vastmanland'].pk}"
    items = get_items(client, type=PROJECT, region=ids, locale="sv")
    assert sorted(items) == sorted(
        pages(content, "reading_project", "digital_project", "partner_project")
    )


def test_a_draft_project_is_not_listed_by_region(client, content):
    assert content["draft_project"].pk not in found(
        client, type=PROJECT, region=content["vastmanland"].pk
    )


def test_a_well_formed_id_without_a_snippet_matches_nothing(client, content):
    missing = content["unused_region"].pk + 100000
    assert found(client, type=PROJECT, region=missing) == set()
    assert found(client, type=PROJECT, region=content["unused_region"].pk) == set()
    assert found(client, type=PROJECT, region=f"{missing},{content['uppsala'].pk}") == pages(
        content, "digital_project", "partner_project"
    )


def test_focus_area_filters_projects(client, content):
    assert found(client, type=PROJECT, focus_area=content["reading"].pk) == pages(
        content, "reading_project", "digital_project", "nb_reading_project", "nb_only_project"
    )
    assert found(client, type=PROJECT, focus_area=content["digital"].pk) == pages(
        content, "digital_project"
    )


def test_focus_area_filters_networks_each_once(client, content):
    expected = pages(content, "reading_network", "digital_network")
    assert found(client, type=NETWORK, focus_area=content["reading"].pk) == expected
    assert found(client, type=NETWORK, focus_area=content["nb_reading"].pk) == expected
    both = f"{content['reading'].pk},{content['digital'].pk}"
    assert sorted(get_items(client, type=NETWORK, focus_area=both)) == sorted(expected)


def conference_in(content, title, **links):
    start = timezone.now() + timedelta(days=60)
    return make_conference(
        content["conference_index"],
        title=title,
        start=start,
        end=start + timedelta(hours=6),
        **links,
    )


def test_region_filters_conferences_by_where_they_are_held(client, content):
    held = conference_in(content, "Läsdag i Västerås", region=content["vastmanland"])
    conference_in(content, "Läsdag i Uppsala", region=content["uppsala"])

    for region in (content["vastmanland"], content["nb_vastmanland"]):
        assert found(client, type=CONFERENCE, region=region.pk) == {held.pk}
    both = f"{content['vastmanland'].pk},{content['uppsala'].pk}"
    assert len(found(client, type=CONFERENCE, region=both, upcoming="true")) == 2


def test_focus_area_filters_conferences_by_their_public_project(client, content):
    of_reading = conference_in(
        content, "Läslyftets dag", related_project=content["reading_project"]
    )
    of_digital = conference_in(
        content, "Digitalt förstdagen", related_project=content["digital_project"]
    )
    conference_in(content, "Bokbussens dag", related_project=content["partner_project"])
    draft = content["draft_project"]
    draft.focus_areas.set([content["digital"]])
    draft.save()
    assert list(ProjectPage.objects.get(pk=draft.pk).focus_areas.all()) == [content["digital"]]
    conference_in(content, "Det hemliga projektets dag", related_project=draft)

    for focus_area in (content["reading"], content["nb_reading"]):
        assert found(client, type=CONFERENCE, focus_area=focus_area.pk) == {
            of_reading.pk,
            of_digital.pk,
        }
    assert found(client, type=CONFERENCE, focus_area=content["digital"].pk) == {of_digital.pk}


def test_organisation_matches_owner_funder_or_partner_each_project_once(client, content):
    expected = pages(content, "reading_project", "digital_project", "nb_reading_project")
    assert found(client, type=PROJECT, organisation=content["owner"].pk) == expected
    assert found(client, type=PROJECT, organisation=content["nb_owner"].pk) == expected
    assert found(client, type=PROJECT, organisation=content["agency"].pk) == pages(
        content, "digital_project", "partner_project"
    )
    assert found(client, type=PROJECT, organisation=content["library"].pk) == pages(
        content, "partner_project"
    )


def test_snippet_filters_combine(client, content):
    params = {"region": content["uppsala"].pk, "focus_area": content["reading"].pk}
    assert found(client, type=PROJECT, **params) == pages(content, "digital_project")
    params["organisation"] = content["library"].pk
    assert found(client, type=PROJECT, **params) == set()


@pytest.mark.parametrize("parameter", ["region", "focus_area", "organisation"])
@pytest.mark.parametrize(
    "value",
    ["abc", "0", "-1", "1.5", " 1", "+1", "1,", ",1", "1,,2", "", "١", HUGE, "9" * 5000],
    ids=[
        "word",
        "zero",
        "negative",
        "fraction",
        "space",
        "plus",
        "trailing-comma",
        "leading-comma",
        "empty-item",
        "empty",
        "arabic-digit",
        "huge",
        "thousands-of-digits",
    ],
)
def test_a_malformed_id_answers_400(client, content, parameter, value):
    message = bad_request_message(client, type=PROJECT, **{parameter: value})
    assert message.startswith(f"{parameter} takes ids (positive whole numbers) separated by commas")


def test_too_many_ids_answer_400(client, content):
    ids = ",".join(str(number) for number in range(1, 102))
    assert bad_request_message(client, type=PROJECT, region=ids) == "region takes at most 100 ids"


# Parameters of another page type


@pytest.mark.parametrize(
    "params, message",
    [
        ({"upcoming": "true"}, "upcoming needs type=content_types.ConferencePage"),
        ({"type": PROJECT, "past": "false"}, "past needs type=content_types.ConferencePage"),
        (
            {"type": NETWORK, "starts_after": "2025-01-01"},
            "starts_after needs type=content_types.ConferencePage",
        ),
        ({"starts_before": "2025-01-01"}, "starts_before needs type=content_types.ConferencePage"),
        ({"region": "1"}, REGION_TYPES),
        ({"type": NETWORK, "region": "1"}, REGION_TYPES),
        (
            {"type": CONFERENCE, "organisation": "1"},
            "organisation needs type=content_types.ProjectPage",
        ),
        ({"focus_area": "1"}, FOCUS_AREA_TYPES),
        ({"type": f"{PROJECT},{NETWORK}", "focus_area": "1"}, FOCUS_AREA_TYPES),
    ],
    ids=[
        "upcoming-no-type",
        "past-project",
        "starts-after-network",
        "starts-before-no-type",
        "region-no-type",
        "region-network",
        "organisation-conference",
        "focus-area-no-type",
        "focus-area-two-types",
    ],
)
def test_a_parameter_of_another_type_names_the_type_it_needs(client, content, params, message):
    assert bad_request_message(client, **params) == message


# Ordering


def ordered(client, **params):
    return get_items(client, **params)


def test_conferences_order_by_start_either_way(client, content):
    by_start = sorted((content[name] for name in ALL_CONFERENCES), key=lambda c: (c.start, c.pk))
    assert ordered(client, type=CONFERENCE, order="start") == [c.pk for c in by_start]
    assert ordered(client, type=CONFERENCE, order="-start") == [
        c.pk for c in sorted(by_start, key=lambda c: (c.start, -c.pk), reverse=True)
    ]


def test_equal_starts_are_paged_through_without_repeats_or_gaps(client, content):
    """Ties are broken by id, so limit and offset read every conference exactly once."""
    seen = [
        get_items(client, type=CONFERENCE, order="start", limit=1, offset=offset)[0]
        for offset in range(len(ALL_CONFERENCES))
    ]
    assert seen == ordered(client, type=CONFERENCE, order="start")
    assert set(seen) == pages(content, *ALL_CONFERENCES)


def test_projects_order_by_title(client, content):
    names = ("reading_project", "digital_project", "partner_project")
    by_title = sorted((content[name] for name in names), key=lambda page: page.title)
    assert ordered(client, type=PROJECT, locale="sv", order="title") == [p.pk for p in by_title]
    assert ordered(client, type=PROJECT, locale="sv", order="-title") == [
        p.pk for p in reversed(by_title)
    ]


def by_publication(ids, newest_first=False):
    """``ids`` in the order of their last publication; ties by id."""
    published = dict(Page.objects.filter(pk__in=ids).values_list("pk", "last_published_at"))
    return sorted(sorted(ids), key=lambda pk: published[pk], reverse=newest_first)


@pytest.mark.parametrize("page_type", [None, CONFERENCE, PROJECT, NETWORK])
def test_every_type_orders_by_last_published_at(client, content, page_type):
    params = {"type": page_type} if page_type else {}
    ids = ordered(client, order="-last_published_at", **params)
    assert ids == by_publication(ids, newest_first=True)
    assert ordered(client, order="last_published_at", **params) == by_publication(ids)
    if page_type == PROJECT:
        # Published again last, though not the newest project.
        assert ids[0] == content["reading_project"].pk


def test_last_published_at_ordering_works_while_searching(client, content):
    ids = ordered(client, type=CONFERENCE, search="Forum", order="-last_published_at")
    assert sorted(ids) == sorted(pages(content, "past", "future"))
    assert ids == by_publication(ids, newest_first=True)


@pytest.mark.parametrize(
    "params, name",
    [
        ({"order": "nope"}, "nope"),
        ({"order": "start"}, "start"),
        ({"type": PROJECT, "order": "start"}, "start"),
        ({"type": CONFERENCE, "order": "--start"}, "--start"),
        ({"type": CONFERENCE, "order": "start,"}, ""),
        ({"type": PROJECT, "order": "regions"}, "regions"),
    ],
    ids=["unknown", "start-no-type", "start-project", "double-minus", "empty-part", "many-valued"],
)
def test_an_unknown_order_answers_400_listing_the_allowed_fields(client, content, params, name):
    message = bad_request_message(client, **params)
    assert message.startswith(f"cannot order by '{name}'")
    assert "title" in message and "last_published_at" in message and "random" in message


# Composition with locale, search, child_of, limit and offset


def test_region_combines_with_locale(client, content):
    region = content["vastmanland"].pk
    assert found(client, type=PROJECT, region=region, locale="nb") == pages(
        content, "nb_reading_project", "nb_only_project"
    )
    assert found(client, type=PROJECT, region=region, locale="sv") == pages(
        content, "reading_project", "digital_project"
    )


def test_region_combines_with_locale_and_fallback(client, content):
    """Swedish projects fill in for missing Norwegian ones; a translated one shows in Norwegian."""
    assert found(
        client, type=PROJECT, region=content["vastmanland"].pk, locale="nb", fallback="sv"
    ) == pages(content, "nb_reading_project", "nb_only_project", "digital_project")


def test_conference_time_combines_with_search(client, content):
    assert found(client, type=CONFERENCE, search="Forum", upcoming="true") == pages(
        content, "future"
    )
    assert found(client, type=CONFERENCE, search="Forum", past="true") == pages(content, "past")


def test_snippet_filters_combine_with_search(client, content):
    assert found(
        client, type=PROJECT, search="Bokbussen", organisation=content["library"].pk
    ) == pages(content, "partner_project")
    assert (
        found(client, type=PROJECT, search="Bokbussen", region=content["vastmanland"].pk) == set()
    )


def test_snippet_filters_combine_with_child_of(client, content):
    assert found(
        client,
        type=PROJECT,
        child_of=content["nb_project_index"].pk,
        focus_area=content["reading"].pk,
    ) == pages(content, "nb_reading_project", "nb_only_project")


def test_filters_count_and_page_each_page_once(client, content):
    ids = f"{content['uppsala'].pk},{content['vastmanland'].pk}"
    everything = get_items(client, type=PROJECT, region=ids, order="title")
    assert set(everything) == pages(
        content,
        "reading_project",
        "digital_project",
        "partner_project",
        "nb_reading_project",
        "nb_only_project",
    )
    response = client.get(
        pages_url(type=PROJECT, region=ids, order="title", limit=2, offset=1)
    ).json()
    assert response["meta"]["total_count"] == len(everything)
    assert [item["id"] for item in response["items"]] == everything[1:3]


def count_queries(client, **params):
    with CaptureQueriesContext(connection) as queries:
        get_items(client, fields="_,id", **params)
    return len(queries)


def test_filters_make_no_query_per_page(client, content):
    """A listing of one page and a listing of five cost the same number of queries."""
    one = {"organisation": content["library"].pk}
    five = {"region": f"{content['uppsala'].pk},{content['vastmanland'].pk}"}
    assert len(get_items(client, type=PROJECT, **one)) == 1
    assert len(get_items(client, type=PROJECT, **five)) == 5
    assert count_queries(client, type=PROJECT, **one) == count_queries(client, type=PROJECT, **five)
    # Asked once first: the first read renders the pages' representations into the store.
    assert get_items(client, type=CONFERENCE, past="true")
    assert get_items(client, type=CONFERENCE, upcoming="true")
    assert count_queries(client, type=CONFERENCE, past="true") == count_queries(
        client, type=CONFERENCE, upcoming="true"
    )
