"""Small factories for pages and snippets.

Pages are added with ``parent.add_child(instance=page)`` and then published
through a revision, as the admin does. Inline rows (speakers, funders, ...) and
many-to-many values are set on the page before it is added, so they are part
of the published revision.
"""

import json
import os
import socket
import subprocess
import sys
from datetime import datetime
from itertools import count
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.urls import reverse
from wagtail.models import Locale, Page, Site

from content_types.models import (
    ConferenceIndexPage,
    ConferencePage,
    FocusArea,
    HomePage,
    NetworkContact,
    NetworkIndexPage,
    NetworkMeeting,
    NetworkPage,
    Organisation,
    Person,
    ProgrammeItemPage,
    ProgrammeItemSpeaker,
    ProjectContact,
    ProjectFunder,
    ProjectIndexPage,
    ProjectPage,
    Region,
    Venue,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
STOCKHOLM = ZoneInfo("Europe/Stockholm")
HELSINKI = ZoneInfo("Europe/Helsinki")

_sequence = count(1)


def unique_slug(prefix):
    return f"{prefix}-{next(_sequence)}"


def local(*args, tz=STOCKHOLM):
    """An aware datetime, Stockholm time unless told otherwise."""
    return datetime(*args, tzinfo=tz)


def add_page(parent, page, publish=True):
    """Add ``page`` under ``parent``; publish it unless told not to. Returns the saved page."""
    if not page.slug:
        page.slug = unique_slug("page")
    if not publish:
        # As in the admin: a page that has never been published is not live.
        page.live = False
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.save_revision()
    page.refresh_from_db()
    return page


def build_site_tree():
    """The tree described in conftest.py; returns its pages and locales by name."""
    root = Page.get_first_root_node()
    sv_locale = Locale.objects.get(language_code="sv")
    nb_locale, _created = Locale.objects.get_or_create(language_code="nb")

    home = add_page(root, HomePage(title="Hem", slug="hem", locale=sv_locale))
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.save()
    if old_root.pk != home.pk and old_root.depth == 2:
        old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" page

    nb_home = home.copy_for_translation(nb_locale)
    nb_home.save_revision().publish()
    nb_home.refresh_from_db()

    return {
        "root": root,
        "sv_locale": sv_locale,
        "nb_locale": nb_locale,
        "home": home,
        "nb_home": nb_home,
        "project_index": add_page(home, ProjectIndexPage(title="Projekt", slug="projekt")),
        "network_index": add_page(home, NetworkIndexPage(title="Nätverk", slug="natverk")),
        "conference_index": add_page(
            home, ConferenceIndexPage(title="Konferenser", slug="konferenser")
        ),
    }


# Snippets


def make_region(name="Västmanlands län", **kwargs):
    return Region.objects.create(name=name, **kwargs)


def make_focus_area(name="Läsfrämjande", **kwargs):
    return FocusArea.objects.create(name=name, **kwargs)


def make_organisation(name="Regionbibliotek Västmanland", **kwargs):
    kwargs.setdefault("kind", "regional_library")
    return Organisation.objects.create(name=name, **kwargs)


def make_person(name="Anna Andersson", organisation=None, **kwargs):
    return Person.objects.create(name=name, organisation=organisation, **kwargs)


def make_venue(**kwargs):
    values = {
        "name": "Västerås Konserthus",
        "street_address": "Kungsgatan 6",
        "postal_code": "722 11",
        "city": "Västerås",
        "country": "SE",
        "latitude": "59.610000",
        "longitude": "16.545000",
    }
    values.update(kwargs)
    return Venue.objects.create(**values)


# Pages


def make_conference(index, title="Biblioteksdagarna", publish=True, **kwargs):
    kwargs.setdefault("slug", unique_slug("konferens"))
    kwargs.setdefault("start", local(2025, 6, 10, 9, 0))
    kwargs.setdefault("end", local(2025, 6, 11, 16, 0))
    kwargs.setdefault("timezone", "Europe/Stockholm")
    if "venue" not in kwargs:
        kwargs["venue"] = make_venue()
    return add_page(index, ConferencePage(title=title, **kwargs), publish=publish)


def make_programme_item(conference, title="Inledning", speakers=(), publish=True, **kwargs):
    """A programme item; ``speakers`` are Person objects or (person, role, organisation) tuples."""
    kwargs.setdefault("slug", unique_slug("punkt"))
    page = ProgrammeItemPage(title=title, **kwargs)
    rows = []
    for speaker in speakers:
        if isinstance(speaker, Person):
            speaker = (speaker, "speaker", None)
        person, role, organisation = speaker
        rows.append(ProgrammeItemSpeaker(person=person, role=role, organisation=organisation))
    page.speakers = rows
    return add_page(conference, page, publish=publish)


def make_project(
    index,
    title="KompoBib2020",
    funders=(),
    contacts=(),
    regions=(),
    focus_areas=(),
    publish=True,
    **kwargs,
):
    kwargs.setdefault("slug", unique_slug("projekt"))
    kwargs.setdefault("summary", "Ett kompetensutvecklingsprojekt för bibliotekspersonal.")
    page = ProjectPage(title=title, **kwargs)
    page.funders = [ProjectFunder(organisation=org) for org in funders]
    page.contacts = [ProjectContact(person=person, role="Projektledare") for person in contacts]
    page.regions = list(regions)
    page.focus_areas = list(focus_areas)
    return add_page(index, page, publish=publish)


def make_network(
    index, title="Biblioteksnätverket", contacts=(), meetings=(), publish=True, **kwargs
):
    """A network; ``meetings`` are (date, title) pairs."""
    kwargs.setdefault("slug", unique_slug("natverk"))
    kwargs.setdefault("purpose", "Att utbyta erfarenheter mellan bibliotekschefer.")
    page = NetworkPage(title=title, **kwargs)
    page.contacts = [NetworkContact(person=person, role="Kontakt") for person in contacts]
    page.meetings = [NetworkMeeting(date=date, title=name) for date, name in meetings]
    return add_page(index, page, publish=publish)


# API


def pages_url(**params):
    """The pages listing URL with query parameters."""
    url = reverse("wagtailapi:pages:listing")
    return f"{url}?{urlencode(params)}" if params else url


def page_detail_url(page, **params):
    url = reverse("wagtailapi:pages:detail", args=(page.pk,))
    return f"{url}?{urlencode(params)}" if params else url


def redis_answers():
    """Whether a Redis server answers at 127.0.0.1:6379 (tests that need one skip without it)."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def settings_in_new_process(expressions, environment, without=()):
    """``expressions`` (``{name: "settings.X"}``) as the reference site's settings read them
    under ``environment``, in a new process, so that the settings module is read afresh.

    The development settings, with this process's environment minus the
    variables whose names start with one of ``without``.
    """
    values = ", ".join(f"{name!r}: {expression}" for name, expression in expressions.items())
    script = f"import json; from django.conf import settings; print(json.dumps({{{values}}}))"
    inherited = {name: value for name, value in os.environ.items() if not name.startswith(without)}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=PROJECT_DIR,
        env={**inherited, "DJANGO_SETTINGS_MODULE": "samverkan.settings.dev", **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])
