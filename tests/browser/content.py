"""The people and the content the browser scenarios start from.

One conference runs through the scenarios: written in the admin by
communication staff (scenario 1), approved by a moderator (2), translated into
Norwegian (3). The later scenarios build what the earlier ones leave behind in
code, through the same Wagtail and wagtail-localize operations, so that each
can fail on its own.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.users.models import UserProfile

from content_types.demo.builder import DemoBuilder
from content_types.demo.loader import demo_translations
from content_types.demo.seeds import tvinning
from content_types.demo.tree import build_trees
from content_types.roles import ensure_roles

from .. import utils
from ..localization.helpers import begin_translation
from .admin import PASSWORD

YEAR = date.today().year + 1  # always upcoming


@dataclass(frozen=True)
class Item:
    title: str
    kind: str
    start: datetime
    end: datetime
    speakers: tuple[str, ...]
    translation: str = ""


CONFERENCE = {
    "title": "Biblioteksdagarna i Mälardalen",
    "tagline": "Läsning och samverkan i hela regionen",
    "start": utils.local(YEAR, 5, 12, 9, 30),
    "end": utils.local(YEAR, 5, 13, 15, 0),
    "registration_deadline": date(YEAR, 4, 30),
    "registration_email": "anmalan@example.org",
}
CONFERENCE_IN_NORWEGIAN = {
    "title": "Bibliotekdagene i Mälardalen",
    "tagline": "Lesing og samarbeid i hele regionen",
}
PROGRAMME = (
    Item(
        "Välkommen till Västerås",
        "talk",
        utils.local(YEAR, 5, 12, 9, 30),
        utils.local(YEAR, 5, 12, 10, 0),
        ("Karin Lind",),
        translation="Velkommen til Västerås",
    ),
    Item(
        "Läsfrämjande i hela länet",
        "talk",
        utils.local(YEAR, 5, 12, 10, 15),
        utils.local(YEAR, 5, 12, 11, 30),
        ("Johan Ek",),
        translation="Leselyst i hele fylket",
    ),
    Item(
        "Samtal om forskning och bibliotek",
        "panel",
        utils.local(YEAR, 5, 13, 13, 0),
        utils.local(YEAR, 5, 13, 14, 30),
        ("Sara Holm", "Johan Ek"),
        translation="Samtale om forskning og bibliotek",
    ),
)


def form_value(value):
    """A date or datetime as the admin's date fields take it."""
    return value.strftime("%Y-%m-%d %H:%M" if isinstance(value, datetime) else "%Y-%m-%d")


@dataclass
class Team:
    staff: object
    moderator: object
    translator: object


def member(username, group, language):
    """A user in ``group`` whose admin is in ``language`` (their profile's preferred language)."""
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password=PASSWORD
    )
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def editorial_team():
    """Communication staff and a moderator working in Swedish, a translator into Norwegian."""
    roles = ensure_roles()
    [nb_translators] = [
        group for locale, group in roles.translators if locale.language_code == "nb"
    ]
    return Team(
        staff=member("kommunikator", roles.communication_staff, "sv"),
        moderator=member("moderator", roles.moderators, "sv"),
        translator=member("oversattare", nb_translators, "nb"),
    )


@dataclass
class Directory:
    venue: object
    people: dict = field(default_factory=dict)


def directory():
    """The venue, people and organisations the conference links to, already in the directory."""
    region_library = utils.make_organisation("Regionbibliotek Västmanland")
    city_library = utils.make_organisation("Västerås stadsbibliotek", kind="public_library")
    university = utils.make_organisation("Högskolan i Borås", kind="education")
    return Directory(
        venue=utils.make_venue(),
        people={
            "Karin Lind": utils.make_person("Karin Lind", region_library),
            "Johan Ek": utils.make_person("Johan Ek", city_library),
            "Sara Holm": utils.make_person("Sara Holm", university),
        },
    )


def conference_with_programme(index, people_and_places, *, publish):
    """The conference and its three programme items, published or as drafts."""
    conference = utils.make_conference(
        index,
        **CONFERENCE,
        venue=people_and_places.venue,
        is_free=True,
        includes_coffee=True,
        includes_lunch=True,
        registration_is_binding=True,
        publish=publish,
    )
    items = [
        utils.make_programme_item(
            conference,
            title=item.title,
            kind=item.kind,
            start=item.start,
            end=item.end,
            speakers=[people_and_places.people[name] for name in item.speakers],
            publish=publish,
        )
        for item in PROGRAMME
    ]
    return conference, items


def submit_for_review(pages, user):
    """What "Submit to Granskning" does: start each page's review workflow."""
    for page in pages:
        page.get_workflow().start(page, user)


def begin_translations(pages, locale):
    """What "Translate" does for a page and its subpages; returns the translated drafts."""
    for page in pages:
        begin_translation(page, locale)
    return [page.get_translation(locale).specific for page in pages]


def approve(pages, moderator):
    """What "Approve" in the admin does: the review task approves, which publishes the page."""
    for page in pages:
        task_state = type(page).objects.get(pk=page.pk).current_workflow_task_state
        task_state.task.specific.on_action(task_state, moderator, "approve")


@transaction.atomic
def tvinning_demo_content():
    """The Tvinning conference of the demo content, translated into Norwegian.

    What ``load_demo_content()`` does for this one seed (the whole demo takes
    too long for one browser scenario): the site's trees, the seed, and its
    translation from the demo's PO file through wagtail-localize.
    """
    builder = DemoBuilder()
    swedish, norwegian = builder.locale("sv"), builder.locale("nb")
    swedish_tree, _norwegian_tree = build_trees(builder, swedish, norwegian)
    conference = tvinning.load(builder, swedish_tree)
    builder.translated_subtree(conference, norwegian, demo_translations("nb"))
    return conference


# The Tvinning programme's one day, as the reader sees it in Swedish.
TVINNING_DAY = {
    "day": "2009-10-20",
    "heading": "tisdag 20 oktober 2009",
    "items": [
        {"time": "09:00–10:00", "title": "Registrering och kaffe", "speakers": []},
        {
            "time": "",
            "title": "Forskning och reflektion – att utvecklas som bibliotekarie",
            "speakers": ["Cecilia Gärdén, Institutionen Bibliotekshögskolan"],
        },
        {
            "time": "",
            "title": "Att få syn på utvecklingsbehov",
            "speakers": ["Malin Ögland, Regionbibliotek Stockholm"],
        },
        {
            "time": "",
            "title": "Att bygga nätverk – erfarenheter från projektet Bilda nätverk",
            "speakers": [
                "Åke Nygren, Stockholms stadsbibliotek",
                "Anne Hederén, Länsbibliotek Östergötland",
            ],
        },
        {
            "time": "",
            "title": "eTwinning – digitalt samarbete i skolan – teori och praktik",
            "speakers": [
                "Angela Andersson, Nationell eTwinningkoordinator, Internationella programkontoret",
                "Ann-Christine Björk, eTwinningambassadör, Persboskolan Västerås",
            ],
        },
        {"time": "", "title": "Tvinning i praktiken – deltagare berättar", "speakers": []},
        {"time": "", "title": "Bokrelease!", "speakers": []},
    ],
}
