"""Validation rules: the models' clean() and the programme item's admin form."""

import signal
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from content_types.models import (
    ConferencePage,
    Organisation,
    ProgrammeItemPage,
    ProjectPage,
    Venue,
)

from .utils import (
    HELSINKI,
    local,
    make_conference,
    make_organisation,
    make_person,
    make_programme_item,
    make_project,
)


def errors_of(instance):
    """The message dict of the ValidationError that ``instance.clean()`` raises."""
    with pytest.raises(ValidationError) as info:
        instance.clean()
    return info.value.update_error_dict({})  # non-field errors under "__all__"


# ConferencePage


def conference(**kwargs):
    values = {
        "title": "Biblioteksdagarna",
        "slug": "biblioteksdagarna",
        "start": local(2025, 6, 10, 9, 0),
        "end": local(2025, 6, 11, 16, 0),
        "timezone": "Europe/Stockholm",
    }
    values.update(kwargs)
    return ConferencePage(**values)


def test_a_valid_conference_passes():
    conference(
        doors_open=local(2025, 6, 10, 8, 30),
        registration_deadline=date(2025, 5, 20),
        price=Decimal("450"),
        no_show_fee=Decimal("200"),
        currency="SEK",
    ).clean()


@pytest.mark.parametrize(
    "end", [local(2025, 6, 10, 9, 0), local(2025, 6, 9, 16, 0)], ids=["at-start", "before-start"]
)
def test_conference_must_end_after_it_starts(end):
    assert list(errors_of(conference(end=end))) == ["end"]


def test_conference_doors_must_open_before_the_start():
    assert list(errors_of(conference(doors_open=local(2025, 6, 10, 9, 15)))) == ["doors_open"]
    conference(doors_open=local(2025, 6, 10, 9, 0)).clean()


def test_registration_deadline_cannot_be_after_the_start():
    assert list(errors_of(conference(registration_deadline=date(2025, 6, 11)))) == [
        "registration_deadline"
    ]
    conference(registration_deadline=date(2025, 6, 10)).clean()


def test_registration_deadline_uses_the_conference_time_zone():
    # 00:30 in Helsinki on the 10th is still the 9th in UTC and in Stockholm:
    # a deadline on the 10th is on the first day, so allowed.
    start = local(2025, 6, 10, 0, 30, tz=HELSINKI)
    conference(
        start=start,
        end=local(2025, 6, 10, 16, 0, tz=HELSINKI),
        timezone="Europe/Helsinki",
        registration_deadline=date(2025, 6, 10),
    ).clean()
    # The same moment, for a conference in Stockholm, is on the 9th.
    assert list(
        errors_of(
            conference(
                start=start,
                end=local(2025, 6, 10, 16, 0, tz=HELSINKI),
                registration_deadline=date(2025, 6, 10),
            )
        )
    ) == ["registration_deadline"]


def test_a_free_event_has_no_price():
    assert list(errors_of(conference(is_free=True, price=Decimal("100"), currency="SEK"))) == [
        "price"
    ]
    conference(is_free=True).clean()


@pytest.mark.parametrize("field", ["price", "no_show_fee"])
def test_a_price_or_fee_needs_a_currency(field):
    assert list(errors_of(conference(**{field: Decimal("100")}))) == ["currency"]
    conference(**{field: Decimal("100"), "currency": "NOK"}).clean()


@pytest.mark.parametrize("field", ["price", "no_show_fee"])
def test_prices_cannot_be_negative(field):
    assert list(errors_of(conference(**{field: Decimal("-1"), "currency": "SEK"}))) == [field]


def test_every_conference_error_is_reported_at_once():
    errors = errors_of(
        conference(
            end=local(2025, 6, 9, 9, 0),
            doors_open=local(2025, 6, 10, 10, 0),
            price=Decimal("-5"),
        )
    )
    assert set(errors) == {"end", "doors_open", "price", "currency"}


@pytest.mark.django_db
def test_an_invalid_conference_cannot_be_saved(conference_index):
    with pytest.raises(ValidationError) as info:
        conference_index.add_child(instance=conference(end=local(2025, 6, 9, 9, 0)))
    assert "end" in info.value.message_dict
    assert not ConferencePage.objects.exists()


@pytest.mark.django_db
def test_an_invalid_change_cannot_be_saved_as_a_revision(conference_index):
    page = make_conference(conference_index)
    page.price = Decimal("100")
    with pytest.raises(ValidationError) as info:
        page.save_revision()
    assert "currency" in info.value.message_dict


# ProjectPage


def project(**kwargs):
    return ProjectPage(title="Tvinning", slug="tvinning", summary="Ett projekt.", **kwargs)


def test_a_valid_project_passes():
    project(
        start_date=date(2020, 1, 1), end_date=date(2021, 12, 31), extended_until=date(2022, 6, 30)
    ).clean()


def test_a_project_cannot_end_before_it_starts():
    assert list(errors_of(project(start_date=date(2021, 1, 1), end_date=date(2020, 12, 31)))) == [
        "end_date"
    ]
    project(start_date=date(2021, 1, 1), end_date=date(2021, 1, 1)).clean()


@pytest.mark.parametrize("extended_until", [date(2021, 12, 31), date(2021, 6, 1)])
def test_an_extension_must_end_after_the_planned_end(extended_until):
    page = project(
        start_date=date(2020, 1, 1), end_date=date(2021, 12, 31), extended_until=extended_until
    )
    assert list(errors_of(page)) == ["extended_until"]


def test_without_a_planned_end_an_extension_must_end_after_the_start():
    page = project(start_date=date(2020, 1, 1), extended_until=date(2019, 12, 31))
    assert list(errors_of(page)) == ["extended_until"]


@pytest.mark.django_db
def test_a_project_cannot_continue_itself(project_index):
    page = make_project(project_index)
    page.successor = page
    assert list(errors_of(page)) == ["successor"]

    page.successor = make_project(project_index, title="Tvinning 2")
    page.clean()


# ProgrammeItemPage


def programme_item(**kwargs):
    return ProgrammeItemPage(title="Inledning", slug="inledning", **kwargs)


def test_a_programme_item_cannot_end_before_it_starts():
    page = programme_item(start=local(2025, 6, 10, 10, 0), end=local(2025, 6, 10, 9, 59))
    assert list(errors_of(page)) == ["end"]
    programme_item(start=local(2025, 6, 10, 10, 0), end=local(2025, 6, 10, 10, 0)).clean()
    programme_item().clean()  # an item without a time is fine


def test_a_programme_item_with_an_end_needs_a_start():
    assert list(errors_of(programme_item(end=local(2025, 6, 10, 10, 0)))) == ["start"]


# Venue


def venue(**kwargs):
    return Venue(name="Stadsbiblioteket", city="Västerås", **kwargs)


@pytest.mark.parametrize(
    "coordinates",
    [{"latitude": Decimal("59.61")}, {"longitude": Decimal("16.54")}],
    ids=["latitude-only", "longitude-only"],
)
def test_venue_coordinates_come_in_pairs(coordinates):
    assert list(errors_of(venue(**coordinates))) == ["__all__"]


@pytest.mark.parametrize(
    "latitude, longitude, field",
    [
        ("90.000001", "16", "latitude"),
        ("-91", "16", "latitude"),
        ("59", "180.5", "longitude"),
        ("59", "-181", "longitude"),
    ],
)
def test_venue_coordinates_must_be_on_earth(latitude, longitude, field):
    page = venue(latitude=Decimal(latitude), longitude=Decimal(longitude))
    assert list(errors_of(page)) == [field]


@pytest.mark.parametrize("latitude, longitude", [("90", "180"), ("-90", "-180"), ("0", "0")])
def test_venue_coordinates_on_the_limits_pass(latitude, longitude):
    venue(latitude=Decimal(latitude), longitude=Decimal(longitude)).clean()
    venue().clean()


# Organisation


@contextmanager
def time_limit(seconds):
    """Fail instead of hanging when the code under test loops for ever."""

    def give_up(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.django_db
def test_an_organisation_cannot_be_part_of_itself():
    library = make_organisation("Stadsbiblioteket")
    library.parent = library
    assert list(errors_of(library)) == ["parent"]


@pytest.mark.django_db
def test_an_organisation_cannot_be_part_of_its_own_unit():
    university = make_organisation("Umeå universitet", kind="education")
    library = make_organisation(
        "Umeå universitetsbibliotek", kind="academic_library", parent=university
    )
    department = make_organisation("Avdelningen för media", parent=library)
    university.parent = department
    assert list(errors_of(university)) == ["parent"]


@pytest.mark.django_db
def test_a_valid_organisation_hierarchy_passes():
    university = make_organisation("Umeå universitet", kind="education")
    library = make_organisation("Umeå universitetsbibliotek", parent=university)
    library.clean()
    make_organisation("Ny enhet", parent=library).clean()


@pytest.mark.django_db
def test_an_existing_cycle_above_an_organisation_does_not_hang_its_validation():
    # A cycle the rule could not stop, e.g. two editors saving at the same time.
    first = make_organisation("Första")
    second = make_organisation("Andra", parent=first)
    Organisation.objects.filter(pk=first.pk).update(parent=second)
    unit = Organisation(name="Enhet", parent=Organisation.objects.get(pk=second.pk))
    with time_limit(5):
        unit.clean()


# ProgrammeItemForm: times within the conference, through the real admin


@pytest.fixture
def admin_conference(conference_index):
    # 10–11 June 2025, Stockholm time.
    return make_conference(conference_index)


def add_item_url(conference):
    return reverse(
        "wagtailadmin_pages:add", args=("content_types", "programmeitempage", conference.pk)
    )


def programme_item_post_data(person=None, **fields):
    data = {
        "title": "Öppningsanförande",
        "slug": "oppningsanforande",
        "kind": "talk",
        "start": "2025-06-10 10:00",
        "end": "2025-06-10 11:00",
        "location": "Sal A",
        "related_project": "",
        "speakers-TOTAL_FORMS": "0",
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "1000",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }
    if person is not None:
        data.update(
            {
                "speakers-TOTAL_FORMS": "1",
                "speakers-0-id": "",
                "speakers-0-ORDER": "1",
                "speakers-0-person": str(person.pk),
                "speakers-0-role": "moderator",
                "speakers-0-title": "Moderator för dagen",
                "speakers-0-organisation": "",
            }
        )
    data.update(fields)
    return data


@pytest.mark.django_db
def test_the_admin_creates_a_programme_item_within_the_conference(admin_client, admin_conference):
    person = make_person("Eva Ek", organisation=make_organisation())
    response = admin_client.post(add_item_url(admin_conference), programme_item_post_data(person))

    assert response.status_code == 302
    item = ProgrammeItemPage.objects.child_of(admin_conference).get()
    assert item.title == "Öppningsanförande"
    assert item.live
    assert item.start == local(2025, 6, 10, 10, 0)
    speaker = item.speakers.get()
    assert (speaker.person, speaker.role, speaker.title) == (
        person,
        "moderator",
        "Moderator för dagen",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "times, fields",
    [
        ({"start": "2025-06-12 10:00", "end": "2025-06-12 11:00"}, {"start", "end"}),
        ({"start": "2025-06-09 10:00", "end": ""}, {"start"}),
        ({"start": "2025-06-11 15:00", "end": "2025-06-12 09:00"}, {"end"}),
    ],
    ids=["day-after", "day-before", "ends-day-after"],
)
def test_the_admin_refuses_a_programme_item_outside_the_conference(
    admin_client, admin_conference, times, fields
):
    response = admin_client.post(add_item_url(admin_conference), programme_item_post_data(**times))

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == fields
    for field in fields:
        assert "2025-06-10" in form.errors[field][0] and "2025-06-11" in form.errors[field][0]
    assert not ProgrammeItemPage.objects.exists()


@pytest.mark.django_db
def test_the_admin_checks_the_days_in_the_conference_time_zone(admin_client, conference_index):
    helsinki = make_conference(
        conference_index,
        start=local(2025, 6, 10, 9, 0, tz=HELSINKI),
        end=local(2025, 6, 11, 16, 0, tz=HELSINKI),
        timezone="Europe/Helsinki",
    )
    # The admin works in Stockholm time: 23:30 on the 11th is 00:30 on the 12th in Helsinki.
    late = {"start": "2025-06-11 22:00", "end": "2025-06-11 23:30"}
    response = admin_client.post(add_item_url(helsinki), programme_item_post_data(**late))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["end"]

    stockholm = make_conference(conference_index)
    response = admin_client.post(add_item_url(stockholm), programme_item_post_data(**late))
    assert response.status_code == 302
    assert ProgrammeItemPage.objects.child_of(stockholm).count() == 1
    assert not ProgrammeItemPage.objects.child_of(helsinki).exists()


@pytest.mark.django_db
def test_the_admin_edit_form_keeps_the_rule(admin_client, admin_conference):
    item = make_programme_item(
        admin_conference, start=local(2025, 6, 10, 10, 0), end=local(2025, 6, 10, 11, 0)
    )
    url = reverse("wagtailadmin_pages:edit", args=(item.pk,))
    response = admin_client.post(
        url,
        programme_item_post_data(
            title=item.title, slug=item.slug, start="2025-06-13 10:00", end="2025-06-13 11:00"
        ),
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"start", "end"}
    item.refresh_from_db()
    assert item.start == local(2025, 6, 10, 10, 0)


@pytest.mark.django_db
def test_the_admin_accepts_an_untimed_programme_item(admin_client, admin_conference):
    response = admin_client.post(
        add_item_url(admin_conference), programme_item_post_data(start="", end="")
    )
    assert response.status_code == 302
    assert ProgrammeItemPage.objects.child_of(admin_conference).get().start is None
