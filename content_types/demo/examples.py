"""Two example conferences in the coming months, so that a fresh demo has something upcoming.

The seeds are historical (2009–2013): without these, the upcoming listing,
``conferences.ics`` and the example site's start page are empty. The examples
are fictional and say so in their titles (*Exempel:* / *Eksempel:*) and text.
Their dates are counted from the day they are loaded: a conference day in
Stockholm on the first Tuesday at least a month ahead, and a two-day meeting
in Oslo from the first Thursday at least three months ahead.

Swedish is their source language; the Norwegian translation is made through
wagtail-localize from ``translations/examples.nb.po``, as the seeds' are. Their
venues, organisations and people are example snippets of their own, so that
removing the examples leaves the seed content exactly as the seeds give it.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import polib
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from wagtail.models import Locale, Site
from wagtail_localize.models import TranslatableObject

from ..conferences.models import (
    ConferenceIndexPage,
    ConferenceKind,
    ConferenceOrganiser,
    ConferencePage,
    Currency,
    ProgrammeItemKind,
    ProgrammeItemPage,
    ProgrammeItemSpeaker,
    SpeakerRole,
)
from ..snippets.models import Country, Organisation, OrganisationKind, Person, Venue
from .builder import DemoBuilder, rows

TRANSLATION = Path(__file__).resolve().parent / "translations" / "examples.nb.po"

STOCKHOLM = "Europe/Stockholm"
OSLO = "Europe/Oslo"
TUESDAY, THURSDAY = 1, 3
TALK, PANEL, WORKSHOP = ProgrammeItemKind.TALK, ProgrammeItemKind.PANEL, ProgrammeItemKind.WORKSHOP
MEAL, REGISTRATION = ProgrammeItemKind.MEAL, ProgrammeItemKind.REGISTRATION

#: The Swedish slugs of the example conferences under the Swedish conference index.
SLUGS = ("exempel-biblioteksdagen", "exempel-nordiskt-natverksmote")

#: The example snippets by model, by their Swedish names, in the order they are removed.
SNIPPETS = (
    (Person, ("Eva Exempelsson", "Nils Provsson", "Kari Eksempelsen", "Lars Testberg")),
    (Organisation, ("Exempelbiblioteket", "Exempelnätverket för läsfrämjande")),
    (Venue, ("Exempelhuset", "Eksempelsalen")),
)

NOTICE = (
    "<p><strong>Det här är exempelinnehåll.</strong> Konferensen är påhittad och finns "
    "för att visa hur en kommande konferens ser ut på webbplatsen, i API:t och i "
    "kalenderflödet. Datumen räknas från dagen då exemplen lästes in.</p>"
)


@dataclass
class ExampleReport:
    created: list = field(default_factory=list)
    existing: int = 0
    removed: list = field(default_factory=list)
    kept: list = field(default_factory=list)


def first_weekday(on_or_after, weekday):
    """The first ``weekday`` (Monday is 0) on or after the date ``on_or_after``."""
    return on_or_after + timedelta(days=(weekday - on_or_after.weekday()) % 7)


def at(day, hour, minute, zone_name):
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(zone_name))


def today():
    return timezone.localdate(timezone.now(), ZoneInfo(STOCKHOLM))


# Loading -----------------------------------------------------------------


@transaction.atomic
def load_example_conferences(on=None):
    """Create the examples that are missing, dated from ``on`` (today); return an ExampleReport.

    Running it again creates nothing while the examples are still to come or
    under way. Once one of them has ended, both are removed and made anew,
    dated from ``on``: the demo stays alive however long it has been kept.
    Needs the demo content's conference indexes (``load_demo_content``).
    """
    on = on or today()
    report = ExampleReport()
    sv_index = swedish_conference_index()
    ended = ConferencePage.objects.child_of(sv_index).filter(
        slug__in=SLUGS, end__lte=timezone.now()
    )
    if ended.exists():
        report.removed = remove_example_conferences().removed
    builder = DemoBuilder()
    norwegian = builder.locale("nb")
    strings = example_translations()
    for make in (conference_day, network_meeting):
        conference = make(builder, sv_index, on)
        builder.translated_subtree(conference, norwegian, strings)
    report.created = builder.report.created
    report.existing = builder.report.existing
    return report


def swedish_conference_index():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    index = None
    if site is not None:
        index = (
            ConferenceIndexPage.objects.child_of(site.root_page)
            .filter(locale__language_code="sv")
            .first()
        )
    if index is None:
        raise LookupError(
            "No Swedish conference index on the default site: load the demo content first."
        )
    return index


def example_translations():
    """The Norwegian a translator wrote for the examples: source text to translation."""
    catalog = polib.pofile(str(TRANSLATION))
    return {entry.msgid: entry.msgstr for entry in catalog.translated_entries()}


def example_organisation(b, locale):
    library = b.snippet(
        Organisation,
        locale,
        "Exempelbiblioteket",
        kind=OrganisationKind.PUBLIC_LIBRARY,
        municipality="Exempelstad",
        website="https://example.org/",
    )
    network = b.snippet(
        Organisation,
        locale,
        "Exempelnätverket för läsfrämjande",
        kind=OrganisationKind.OTHER,
        country=Country.NORWAY,
    )
    return library, network


def example_people(b, locale, library, network):
    def person(name, organisation, title):
        return b.snippet(Person, locale, name, organisation=organisation, title=title)

    return {
        "eva": person("Eva Exempelsson", library, "Bibliotekschef"),
        "nils": person("Nils Provsson", library, "Utvecklingsledare"),
        "kari": person("Kari Eksempelsen", network, "Samordnare"),
        "lars": person("Lars Testberg", network, "Bibliotekarie"),
    }


def item(slug, title, kind, day, start, end, *speakers):
    """A timed programme item: ``start`` and ``end`` as (hour, minute) on ``day``;
    ``speakers`` as (person, role)."""
    return {
        "slug": slug,
        "title": title,
        "kind": kind,
        "day": day,
        "start": start,
        "end": end,
        "speakers": [{"person": person, "role": role} for person, role in speakers],
    }


def programme(b, conference, zone_name, items):
    for entry in items:
        b.page(
            conference,
            ProgrammeItemPage,
            entry["slug"],
            title=entry["title"],
            kind=entry["kind"],
            start=at(entry["day"], *entry["start"], zone_name),
            end=at(entry["day"], *entry["end"], zone_name),
            relations={"speakers": rows(ProgrammeItemSpeaker, *entry["speakers"])},
        )


def conference_day(b, index, on):
    """A conference day in Stockholm, the first Tuesday at least a month after ``on``."""
    locale = index.locale
    library, network = example_organisation(b, locale)
    people = example_people(b, locale, library, network)
    day = first_weekday(on + timedelta(days=30), TUESDAY)
    venue = b.snippet(
        Venue,
        locale,
        "Exempelhuset",
        street_address="Exempelgatan 1",
        postal_code="111 11",
        city="Stockholm",
        directions="Exempelhuset ligger fem minuters promenad från centralstationen.",
    )
    conference = b.page(
        index,
        ConferencePage,
        SLUGS[0],
        title="Exempel: Biblioteksdagen om digital delaktighet",
        tagline="Ett exempel på en kommande konferens",
        kind=ConferenceKind.CONFERENCE,
        description=NOTICE
        + "<p>En dag om hur bibliotek hjälper fler att delta i det digitala samhället.</p>",
        audience="Alla som arbetar på folkbibliotek och är nyfikna på exempel.",
        start=at(day, 9, 30, STOCKHOLM),
        end=at(day, 16, 0, STOCKHOLM),
        doors_open=at(day, 9, 0, STOCKHOLM),
        timezone=STOCKHOLM,
        venue=venue,
        contact=people["eva"],
        more_info_url="https://example.org/biblioteksdagen",
        is_free=True,
        currency=Currency.SEK,
        includes_coffee=True,
        includes_lunch=True,
        registration_deadline=day - timedelta(days=14),
        registration_url="https://example.org/biblioteksdagen/anmalan",
        registration_email="anmalan@example.org",
        registration_asks_dietary=True,
        registration_instructions="Anmäl dig med namn och arbetsplats.",
        relations={"organisers": rows(ConferenceOrganiser, {"organisation": library})},
    )
    eva, nils, kari = people["eva"], people["nils"], people["kari"]
    programme(
        b,
        conference,
        STOCKHOLM,
        [
            item("registrering", "Registrering och kaffe", REGISTRATION, day, (9, 0), (9, 30)),
            item(
                "valkommen", "Välkommen till Biblioteksdagen", TALK, day, (9, 30), (9, 45),
                (eva, SpeakerRole.HOST),
            ),
            item(
                "digital-delaktighet", "Digital delaktighet på biblioteket", TALK, day,
                (9, 45), (10, 45), (nils, SpeakerRole.SPEAKER),
            ),
            item("lunch", "Lunch", MEAL, day, (12, 0), (13, 0)),
            item(
                "samtal", "Samtal: vad lär vi av varandra?", PANEL, day, (13, 0), (14, 30),
                (eva, SpeakerRole.MODERATOR), (kari, SpeakerRole.PANELLIST),
            ),
        ],
    )  # fmt: skip
    return conference


def network_meeting(b, index, on):
    """A two-day network meeting in Oslo, from the first Thursday at least three months after ``on``."""
    locale = index.locale
    library, network = example_organisation(b, locale)
    people = example_people(b, locale, library, network)
    first = first_weekday(on + timedelta(days=90), THURSDAY)
    second = first + timedelta(days=1)
    venue = b.snippet(
        Venue,
        locale,
        "Eksempelsalen",
        street_address="Eksempelveien 2",
        postal_code="0150",
        city="Oslo",
        country=Country.NORWAY,
        directions="Eksempelsalen ligger nära Oslo S.",
    )
    conference = b.page(
        index,
        ConferencePage,
        SLUGS[1],
        title="Exempel: Nordiskt nätverksmöte om läsfrämjande",
        tagline="Ett exempel på ett nätverksmöte över gränsen",
        kind=ConferenceKind.NETWORK_MEETING,
        description=NOTICE
        + "<p>Två dagar för alla som arbetar med läsfrämjande i de nordiska länderna.</p>",
        audience="Läsfrämjare på bibliotek i Norden.",
        start=at(first, 10, 0, OSLO),
        end=at(second, 15, 0, OSLO),
        timezone=OSLO,
        venue=venue,
        contact=people["kari"],
        price=1200,
        currency=Currency.NOK,
        includes_lunch=True,
        includes_dinner=True,
        registration_deadline=first - timedelta(days=21),
        registration_url="https://example.org/natverksmote/anmalan",
        registration_is_binding=True,
        registration_instructions="Anmälan är bindande. Ange om du vill vara med på middagen.",
        relations={
            "organisers": rows(
                ConferenceOrganiser, {"organisation": network}, {"organisation": library}
            )
        },
    )
    eva, nils, kari, lars = people["eva"], people["nils"], people["kari"], people["lars"]
    programme(
        b,
        conference,
        OSLO,
        [
            item(
                "oppning", "Öppning av nätverksmötet", TALK, first, (10, 0), (10, 30),
                (kari, SpeakerRole.HOST),
            ),
            item(
                "lasframjande-i-norden", "Läsfrämjande i Norden", TALK, first, (10, 30), (12, 0),
                (lars, SpeakerRole.SPEAKER),
            ),
            item(
                "workshop", "Workshop: läsfrämjande för unga", WORKSHOP, first, (13, 0), (16, 0),
                (nils, SpeakerRole.SPEAKER), (lars, SpeakerRole.SPEAKER),
            ),
            item("middag", "Gemensam middag", MEAL, first, (18, 0), (21, 0)),
            item(
                "erfarenhetsutbyte", "Erfarenhetsutbyte och avslutning", PANEL, second,
                (9, 0), (15, 0), (kari, SpeakerRole.MODERATOR), (eva, SpeakerRole.PANELLIST),
            ),
        ],
    )  # fmt: skip
    return conference


# Removing ----------------------------------------------------------------


@transaction.atomic
def remove_example_conferences():
    """Delete the example conferences in every language, their programmes, their example
    snippets and wagtail-localize's records of them; return an ExampleReport.

    A snippet that other content has come to use since (an editor chose the
    example venue for a real conference) is kept and listed in ``kept``.
    """
    report = ExampleReport()
    keys = set()
    swedish = Locale.objects.filter(language_code="sv").first()
    try:
        sources = ConferencePage.objects.child_of(swedish_conference_index()).filter(slug__in=SLUGS)
    except LookupError:
        sources = ConferencePage.objects.none()
    for source in sources:
        keys.add(source.translation_key)
        for page in [*source.get_translations(), source]:
            keys.update(page.get_descendants().values_list("translation_key", flat=True))
            report.removed.append(f"{page.locale.language_code}: {page.title}")
            page.delete()
    for model, names in SNIPPETS:
        for snippet in model.objects.filter(locale=swedish, name__in=names):
            keys.add(snippet.translation_key)
            group = model.objects.filter(translation_key=snippet.translation_key)
            try:
                with transaction.atomic():
                    labels = [f"{s.locale.language_code}: {s}" for s in group]
                    group.delete()
            except ProtectedError:
                report.kept.append(str(snippet))
                keys.discard(snippet.translation_key)
                continue
            report.removed.extend(labels)
    TranslatableObject.objects.filter(translation_key__in=keys).delete()
    return report
