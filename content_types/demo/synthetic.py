"""Synthetic benchmark content: conferences, programmes, projects and networks at scale.

``python manage.py seed_benchmark`` calls ``seed_benchmark`` and
``clear_benchmark``. ``Generator`` describes the content, deterministically for
a seed, as specifications (``bulk.Snippet``, ``bulk.PageSpec``, ``bulk.Row``)
whose text is given in Swedish, the source language, and in Norwegian Bokmål
(``Text``); ``bulk.BulkWriter`` writes them in every locale asked for, the
Norwegian pages and snippets as translations of the Swedish ones.

Names of people, places and organisations are realistic and re-used across
conferences, as a real speaker appears at several events. Dates are placed
around the day the content is generated, so that some conferences lie in the
past and most are upcoming whenever it runs; everything else, titles included,
depends on the seed alone.

Everything generated is marked as benchmark content: page slugs start with
``bench-`` and every translation key (pages, snippets and inline rows) starts
with ``BENCHMARK_KEY_PREFIX``. ``clear_benchmark`` deletes what carries both
marks and nothing else; real content never mixes with it.
"""

import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from time import perf_counter
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from ..conferences.models import (
    ConferenceIndexPage,
    ConferenceOrganiser,
    ConferencePage,
    ProgrammeItemPage,
    ProgrammeItemSpeaker,
)
from ..home.models import HomePage
from ..networks.models import (
    NetworkContact,
    NetworkIndexPage,
    NetworkMeeting,
    NetworkMember,
    NetworkPage,
)
from ..projects.models import (
    ProjectContact,
    ProjectFunder,
    ProjectGoal,
    ProjectIndexPage,
    ProjectLink,
    ProjectMilestone,
    ProjectPage,
    ProjectParticipantGroup,
    ProjectPartner,
)
from ..snippets.models import SNIPPET_MODELS, FocusArea, Organisation, Person, Region, Venue
from .bulk import (
    BulkWriter,
    PageSpec,
    Row,
    Snippet,
    delete_snippets,
    delete_subtrees,
    in_language,
)
from .tree import NORWEGIAN, SWEDISH_INDEXES

SOURCE_LANGUAGE = "sv"
LANGUAGES = ("sv", "nb")
SLUG_PREFIX = "bench-"
# 48 bits in front of every translation key: a real (random) key starts with them
# once in 2**48.
BENCHMARK_KEY_PREFIX = "be4c5eed0000"

ITEMS_PER_DAY = 10
DAY_STARTS = time(8, 30)
DAY_MINUTES = 8 * 60 + 30  # 08:30 to 17:00


class Text(NamedTuple):
    """A text in Swedish and in Norwegian Bokmål."""

    sv: str
    nb: str

    def format(self, **parts):
        return Text(
            *(
                template.format(**{k: in_language(v, code) for k, v in parts.items()})
                for template, code in zip(self, LANGUAGES, strict=True)
            )
        )

    def map(self, function):
        return Text(*(function(text) for text in self))

    def in_language(self, language_code):
        return getattr(self, language_code)


def t(sv, nb=None):
    """A text; a proper name is the same in both languages."""
    return Text(sv, sv if nb is None else nb)


def lower_first(text):
    return text[:1].lower() + text[1:]


def slug(text):
    """A slug in plain ASCII, as editors write them: "Tromsø" becomes "tromso"."""
    for letter, plain in (("ø", "o"), ("Ø", "O"), ("æ", "ae"), ("Æ", "Ae")):
        text = text.replace(letter, plain)
    return slugify(text)


def paragraphs(*texts):
    """Rich text of one paragraph per text, in both languages."""
    return Text(
        *("".join(f"<p>{text}</p>" for text in version) for version in zip(*texts, strict=True))
    )


# Vocabulary

SWEDISH_COUNTIES = [
    ("Stockholms län", "Stockholm"),
    ("Uppsala län", "Uppsala"),
    ("Södermanlands län", "Sörmland"),
    ("Östergötlands län", "Östergötland"),
    ("Jönköpings län", "Jönköping"),
    ("Kronobergs län", "Kronoberg"),
    ("Kalmar län", "Kalmar"),
    ("Gotlands län", "Gotland"),
    ("Blekinge län", "Blekinge"),
    ("Skåne län", "Skåne"),
    ("Hallands län", "Halland"),
    ("Västra Götalands län", "Västra Götaland"),
    ("Värmlands län", "Värmland"),
    ("Örebro län", "Örebro"),
    ("Västmanlands län", "Västmanland"),
    ("Dalarnas län", "Dalarna"),
    ("Gävleborgs län", "Gävleborg"),
    ("Västernorrlands län", "Västernorrland"),
    ("Jämtlands län", "Jämtland Härjedalen"),
    ("Västerbottens län", "Västerbotten"),
    ("Norrbottens län", "Norrbotten"),
]
NORWEGIAN_COUNTIES = [
    "Oslo",
    "Akershus",
    "Østfold",
    "Buskerud",
    "Innlandet",
    "Vestfold",
    "Telemark",
    "Agder",
    "Rogaland",
    "Vestland",
    "Møre og Romsdal",
    "Trøndelag",
    "Nordland",
    "Troms",
    "Finnmark",
]

# City, county (short name), postal code prefix, latitude, longitude.
SWEDISH_CITIES = [
    ("Stockholm", "Stockholm", "111", 59.3293, 18.0686),
    ("Uppsala", "Uppsala", "753", 59.8586, 17.6389),
    ("Eskilstuna", "Sörmland", "632", 59.3710, 16.5098),
    ("Linköping", "Östergötland", "582", 58.4108, 15.6214),
    ("Norrköping", "Östergötland", "602", 58.5877, 16.1924),
    ("Jönköping", "Jönköping", "553", 57.7826, 14.1618),
    ("Växjö", "Kronoberg", "352", 56.8777, 14.8091),
    ("Kalmar", "Kalmar", "392", 56.6634, 16.3568),
    ("Visby", "Gotland", "621", 57.6348, 18.2948),
    ("Karlskrona", "Blekinge", "371", 56.1612, 15.5869),
    ("Malmö", "Skåne", "211", 55.6050, 13.0038),
    ("Lund", "Skåne", "222", 55.7047, 13.1910),
    ("Halmstad", "Halland", "302", 56.6745, 12.8578),
    ("Göteborg", "Västra Götaland", "411", 57.7089, 11.9746),
    ("Borås", "Västra Götaland", "503", 57.7210, 12.9401),
    ("Karlstad", "Värmland", "652", 59.3793, 13.5036),
    ("Örebro", "Örebro", "702", 59.2753, 15.2134),
    ("Västerås", "Västmanland", "722", 59.6099, 16.5448),
    ("Falun", "Dalarna", "791", 60.6065, 15.6355),
    ("Gävle", "Gävleborg", "803", 60.6749, 17.1413),
    ("Sundsvall", "Västernorrland", "852", 62.3908, 17.3069),
    ("Östersund", "Jämtland Härjedalen", "831", 63.1792, 14.6357),
    ("Umeå", "Västerbotten", "903", 63.8258, 20.2630),
    ("Luleå", "Norrbotten", "972", 65.5848, 22.1547),
]
NORWEGIAN_CITIES = [
    ("Oslo", "Oslo", "01", 59.9139, 10.7522),
    ("Lillestrøm", "Akershus", "20", 59.9560, 11.0500),
    ("Fredrikstad", "Østfold", "16", 59.2181, 10.9298),
    ("Drammen", "Buskerud", "30", 59.7439, 10.2045),
    ("Hamar", "Innlandet", "23", 60.7945, 11.0680),
    ("Lillehammer", "Innlandet", "26", 61.1153, 10.4662),
    ("Tønsberg", "Vestfold", "31", 59.2675, 10.4076),
    ("Skien", "Telemark", "37", 59.2096, 9.6090),
    ("Kristiansand", "Agder", "46", 58.1599, 8.0182),
    ("Stavanger", "Rogaland", "40", 58.9700, 5.7331),
    ("Bergen", "Vestland", "50", 60.3913, 5.3221),
    ("Ålesund", "Møre og Romsdal", "60", 62.4722, 6.1495),
    ("Trondheim", "Trøndelag", "70", 63.4305, 10.3951),
    ("Bodø", "Nordland", "80", 67.2804, 14.4049),
    ("Tromsø", "Troms", "90", 69.6492, 18.9553),
    ("Alta", "Finnmark", "95", 69.9689, 23.2716),
]

SWEDISH_STREETS = [
    "Kungsgatan",
    "Storgatan",
    "Drottninggatan",
    "Biblioteksgatan",
    "Stora torget",
    "Järnvägsgatan",
    "Kyrkogatan",
    "Hamngatan",
    "Nygatan",
    "Skolgatan",
]
NORWEGIAN_STREETS = [
    "Storgata",
    "Kongens gate",
    "Kirkegata",
    "Torggata",
    "Strandgata",
    "Jernbanegata",
    "Dronningens gate",
    "Skolegata",
]
SWEDISH_VENUES = [
    "{city} konserthus",
    "Stadsbiblioteket i {city}",
    "Kulturhuset {city}",
    "Folkets hus {city}",
    "Scandic {city} City",
]
NORWEGIAN_VENUES = [
    "{city} bibliotek",
    "Kulturhuset i {city}",
    "Litteraturhuset i {city}",
    "Thon Hotel {city}",
    "{city} konserthus",
]
VENUE_DIRECTIONS = [
    t(
        "Fem minuters promenad från järnvägsstationen.",
        "Fem minutters gange fra jernbanestasjonen.",
    ),
    t(
        "Buss till hållplatsen Centrum, därefter två minuters promenad.",
        "Buss til holdeplassen Sentrum, deretter to minutters gange.",
    ),
    t(
        "Parkering finns i garaget under huset; ingången ligger mot torget.",
        "Parkering i garasjen under bygget; inngangen ligger mot torget.",
    ),
    t(
        "Hissen till konferensvåningen finns till vänster om receptionen.",
        "Heisen til konferanseetasjen ligger til venstre for resepsjonen.",
    ),
]

FIRST_NAMES = [
    "Anna", "Maria", "Karin", "Eva", "Lena", "Kerstin", "Ingrid", "Sara", "Emma", "Johanna",
    "Elin", "Malin", "Sofia", "Helena", "Annika", "Åsa", "Linnea", "Ebba", "Lars", "Anders",
    "Johan", "Per", "Erik", "Karl", "Mikael", "Peter", "Jonas", "Magnus", "Fredrik", "Niklas",
    "Henrik", "Mats", "Ola", "Kari", "Ingeborg", "Solveig", "Marit", "Sigrid", "Astrid", "Siv",
    "Tone", "Liv", "Hanne", "Bjørn", "Knut", "Håkon", "Arne", "Trond", "Gunnar", "Nils", "Ove",
]  # fmt: skip
LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindqvist",
    "Berg", "Holm", "Sandberg", "Lundgren", "Ek", "Wikström", "Hansen", "Johansen", "Olsen",
    "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen", "Haugen",
    "Bakken", "Solberg", "Strand", "Dahl", "Lie", "Moen",
]  # fmt: skip
JOB_TITLES = [
    t("Bibliotekschef", "Biblioteksjef"),
    t("Bibliotekarie", "Bibliotekar"),
    t("Barnbibliotekarie", "Barnebibliotekar"),
    t("Skolbibliotekarie", "Skolebibliotekar"),
    t("Utvecklingsledare", "Utviklingsleder"),
    t("Bibliotekskonsulent", "Bibliotekrådgiver"),
    t("Regional biblioteksutvecklare", "Regional bibliotekutvikler"),
    t("Projektledare", "Prosjektleder"),
    t("Kulturchef", "Kultursjef"),
    t("Forskare", "Forsker"),
    t("Universitetslektor", "Universitetslektor"),
    t("Kommunikatör", "Kommunikasjonsrådgiver"),
    t("Författare", "Forfatter"),
]

FOCUS_AREAS = [
    t("Läsfrämjande", "Lesestimulering"),
    t("Digital delaktighet", "Digital inkludering"),
    t("Medie- och informationskunnighet", "Medie- og informasjonskompetanse"),
    t("Skolbibliotek", "Skolebibliotek"),
    t("Kompetensutveckling", "Kompetanseutvikling"),
    t("Biblioteket som mötesplats", "Biblioteket som møteplass"),
    t("Nationella minoriteter", "Nasjonale minoriteter"),
    t("Tillgänglighet", "Tilgjengelighet"),
    t("Meröppna bibliotek", "Meråpne bibliotek"),
    t("Folkbildning", "Folkeopplysning"),
    t("Hållbar utveckling", "Bærekraftig utvikling"),
    t("Barn och unga", "Barn og unge"),
    t("Flerspråkighet", "Flerspråklighet"),
    t("Lokal och regional utveckling", "Lokal og regional utvikling"),
    t("Demokrati och yttrandefrihet", "Demokrati og ytringsfrihet"),
]

UNIVERSITIES = [
    ("Uppsala universitet", "SE"),
    ("Linnéuniversitetet", "SE"),
    ("Högskolan i Borås", "SE"),
    ("Umeå universitet", "SE"),
    ("Göteborgs universitet", "SE"),
    ("OsloMet – storbyuniversitetet", "NO"),
    ("UiT Norges arktiske universitet", "NO"),
    ("NTNU", "NO"),
]
FUNDERS = [
    (t("Statens kulturråd", "Kulturrådet (Sverige)"), "government_agency", "SE"),
    (t("Kungliga biblioteket", "Kungliga biblioteket (Sveriges nasjonalbibliotek)"), "government_agency", "SE"),
    (t("Europeiska socialfonden", "Det europeiske sosialfondet"), "funder", "SE"),
    (t("Allmänna arvsfonden", "Allmänna arvsfonden"), "funder", "SE"),
    (t("Nasjonalbiblioteket", "Nasjonalbiblioteket"), "government_agency", "NO"),
    (t("Norska kulturrådet", "Norsk kulturråd"), "government_agency", "NO"),
    (t("Sparbanksstiftelsen Norrland", "Sparebankstiftelsen Norrland"), "funder", "SE"),
    (t("Nordiska ministerrådet", "Nordisk ministerråd"), "funder", "DK"),
]  # fmt: skip

# Kind, its name, its indefinite article, and how often it occurs.
CONFERENCE_KINDS = [
    ("conference", t("konferens", "konferanse"), t("en"), 4),
    ("seminar", t("seminarium", "seminar"), t("ett", "et"), 3),
    ("workshop", t("workshop", "workshop"), t("en"), 1),
    ("network_meeting", t("nätverksträff", "nettverkssamling"), t("en"), 2),
    ("course", t("kurs", "kurs"), t("en", "et"), 1),
]
CONFERENCE_TITLES = [
    t("{Theme} – {kind} i {city}", "{Theme} – {kind} i {city}"),
    t("Biblioteksdagar i {city}: {theme}", "Bibliotekdager i {city}: {theme}"),
    t("{Season}{kind} om {theme}", "{Season}{kind} om {theme}"),
    t("Framtidens bibliotek: {theme}", "Fremtidens bibliotek: {theme}"),
    t("{Theme} i praktiken", "{Theme} i praksis"),
    t("Regional{t} {kind} om {theme} i {county}", "Regional{t} {kind} om {theme} i {county}"),
    t("Nordisk{t} {kind} om {theme}", "Nordisk {kind} om {theme}"),
]
# By month: December to February, March to May, June to August, September to November.
SEASONS = [t("Vinter", "Vinter"), t("Vår", "Vår"), t("Sommar", "Sommer"), t("Höst", "Høst")]
TAGLINES = [
    t("Inspiration, kunskap och erfarenhetsutbyte", "Inspirasjon, kunnskap og erfaringsutveksling"),
    t("För alla som arbetar med {theme}", "For alle som jobber med {theme}"),
    t("Två dagar om bibliotekens roll i samhället", "To dager om bibliotekenes rolle i samfunnet"),
    t("Möt kollegor från hela regionen", "Møt kolleger fra hele regionen"),
]
AUDIENCES = [
    t("Bibliotekspersonal, bibliotekschefer och kulturpolitiker.", "Bibliotekansatte, biblioteksjefer og kulturpolitikere."),
    t("Alla som arbetar med {theme} på folk- och skolbibliotek.", "Alle som jobber med {theme} i folke- og skolebibliotek."),
    t("Medarbetare i regionens bibliotek och deras samarbetspartner.", "Medarbeidere i regionens bibliotek og deres samarbeidspartnere."),
]  # fmt: skip

# Programme items: kind and title.
OPENING = ("registration", t("Registrering och morgonkaffe", "Registrering og morgenkaffe"))
MORNING_COFFEE = ("break", t("Morgonkaffe", "Morgenkaffe"))
WELCOME = ("talk", t("Välkommen och inledning", "Velkommen og innledning"))
LUNCH = ("meal", t("Lunch", "Lunsj"))
MORNING_BREAKS = [t("Förmiddagskaffe", "Formiddagskaffe"), t("Kaffe", "Kaffe")]
AFTERNOON_BREAKS = [
    t("Eftermiddagskaffe", "Ettermiddagskaffe"),
    t("Paus med bensträckare", "Pause med strekk på beina"),
]
CLOSING = ("talk", t("Sammanfattning och avslutning", "Oppsummering og avslutning"))
DEPARTURES = [
    t("Bussavgång till järnvägsstationen", "Bussavgang til jernbanestasjonen"),
    t("Buss till flygplatsen", "Buss til flyplassen"),
    t("Gemensam promenad till stationen", "Felles spasertur til stasjonen"),
]
TALKS = [
    t("{Theme} i vardagen", "{Theme} i hverdagen"),
    t("Erfarenheter från {city}", "Erfaringer fra {city}"),
    t("Att mäta effekterna av {theme}", "Å måle effektene av {theme}"),
    t("{Theme} för nyanlända", "{Theme} for nyankomne"),
    t("Så når vi fler läsare", "Slik når vi flere lesere"),
    t("Biblioteket och artificiell intelligens", "Biblioteket og kunstig intelligens"),
    t("Samarbete över kommungränserna", "Samarbeid over kommunegrensene"),
    t("Från projekt till ordinarie verksamhet", "Fra prosjekt til ordinær drift"),
    t("Nordiskt perspektiv på {theme}", "Nordisk perspektiv på {theme}"),
    t("Forskning om {theme}: vad vet vi?", "Forskning om {theme}: hva vet vi?"),
    t("Ny lag, nya uppdrag", "Ny lov, nye oppdrag"),
    t("Att leda förändring på biblioteket", "Å lede endring i biblioteket"),
]
PANELS = [
    t("Paneldebatt: {theme}", "Paneldebatt: {theme}"),
    t("Samtal om {theme} i {county}", "Samtale om {theme} i {county}"),
]
WORKSHOPS = [
    t("Workshop: {theme} i praktiken", "Workshop: {theme} i praksis"),
    t("Gruppdiskussion om {theme}", "Gruppediskusjon om {theme}"),
]
ROOMS = [
    t("Stora salen", "Store sal"),
    t("Sal B", "Sal B"),
    t("Grupprum 3", "Grupperom 3"),
    t("Hörsalen", "Auditoriet"),
]
FOYER = t("Foajén", "Foajeen")
RESTAURANT = t("Restaurangen", "Restauranten")
BUS_STOP = t("Busshållplatsen utanför entrén", "Bussholdeplassen utenfor inngangen")

PROJECT_NAMES = [
    "KompoBib", "LäsLyftet", "DigiDel", "BiblioLab", "Meröppet", "Språkstart", "Bokstart",
    "MIK-lyftet", "Samverkan Nord", "Bibliotek 2030", "Tvinning", "Läsrum", "Digitalt först",
    "Boksnack", "Mötesplats bibliotek", "Skolbiblioteksboost",
]  # fmt: skip
PROJECT_TITLES = [
    t("{name} – {theme} i {county}", "{name} – {theme} i {county}"),
    t("{name}: {Theme} på biblioteken", "{name}: {Theme} i bibliotekene"),
    t("{name} i {county}", "{name} i {county}"),
]
PROJECT_SUMMARIES = [
    t(
        "Ett utvecklingsprojekt som stärker {theme} på biblioteken i {county}.",
        "Et utviklingsprosjekt som styrker {theme} i bibliotekene i {county}.",
    ),
    t(
        "Bibliotekspersonal i {county} utvecklar nya arbetssätt inom {theme}.",
        "Bibliotekansatte i {county} utvikler nye arbeidsmåter innen {theme}.",
    ),
]
PROJECT_GOALS = [
    t("Alla deltagande bibliotek har en plan för {theme}.", "Alle deltakende bibliotek har en plan for {theme}."),
    t("Personalen har fått fördjupad kunskap om {theme}.", "De ansatte har fått fordypet kunnskap om {theme}."),
    t("Fler invånare i {county} använder biblioteket.", "Flere innbyggere i {county} bruker biblioteket."),
    t("Arbetssätten lever vidare efter projekttiden.", "Arbeidsmåtene lever videre etter prosjektperioden."),
    t("Samarbetet mellan kommunerna är varaktigt.", "Samarbeidet mellom kommunene er varig."),
]  # fmt: skip
MILESTONES = [
    t("Uppstartsträff", "Oppstartsmøte"),
    t("Halvtidsseminarium", "Halvveisseminar"),
    t("Slutrapport lämnas", "Sluttrapport leveres"),
]
NETWORK_TITLES = [
    t("Nätverket för {theme} i {county}", "Nettverket for {theme} i {county}"),
    t("{Role}nätverket i {county}", "{Role}nettverket i {county}"),
    t("Nordiskt nätverk för {theme}", "Nordisk nettverk for {theme}"),
]
NETWORK_ROLES = [
    t("Bibliotekschefs", "Biblioteksjef"),
    t("Skolbibliotekarie", "Skolebibliotekar"),
    t("Barnbibliotekarie", "Barnebibliotekar"),
    t("Läsfrämjar", "Leseombud"),
]
MEETING_TITLES = [
    t("Vårträff", "Vårsamling"),
    t("Höstträff", "Høstsamling"),
    t("Digitalt nätverksmöte", "Digitalt nettverksmøte"),
    t("Studiebesök", "Studiebesøk"),
]
MEETING_STRUCTURES = [
    t("Fyra träffar per år, varav två digitala.", "Fire samlinger i året, hvorav to digitale."),
    t("Två heldagar per termin på olika bibliotek.", "To heldager per semester i ulike bibliotek."),
    t("Månatliga digitala möten och en årlig fysisk träff.", "Månedlige digitale møter og en årlig fysisk samling."),
]  # fmt: skip


# The generator


class Generator:
    """Deterministic for its seed: the same seed gives the same content, in the same order."""

    def __init__(self, seed, today):
        self.random = random.Random(seed)
        self.today = today

    def key(self):
        """A translation key that marks its object as benchmark content."""
        return uuid.UUID(BENCHMARK_KEY_PREFIX + f"{self.random.getrandbits(80):020x}")

    def pick(self, options):
        return self.random.choice(options)

    def sample(self, options, low, high):
        return self.random.sample(options, min(len(options), self.random.randint(low, high)))

    # Snippets ---------------------------------------------------------------

    def directory(self, people):
        """The shared snippets: regions, focus areas, organisations, venues and ``people`` people."""
        directory = Directory()
        for name, short in SWEDISH_COUNTIES:
            region = self.snippet(Region, name=t(name), kind="county", country="SE")
            directory.counties[short] = region
        for name in NORWEGIAN_COUNTIES:
            region = self.snippet(
                Region, name=t(f"{name} fylke", name), kind="county", country="NO"
            )
            directory.counties[name] = region
        directory.focus_areas = [
            self.snippet(
                FocusArea,
                name=name,
                description=Text(
                    f"{name.sv} i bibliotekens utvecklingsarbete.",
                    f"{name.nb} i bibliotekenes utviklingsarbeid.",
                ),
            )
            for name in FOCUS_AREAS
        ]
        self.organisations(directory)
        for country, cities, venues, streets in (
            ("SE", SWEDISH_CITIES, SWEDISH_VENUES, SWEDISH_STREETS),
            ("NO", NORWEGIAN_CITIES, NORWEGIAN_VENUES, NORWEGIAN_STREETS),
        ):
            for city in cities:
                directory.cities.append((country, city))
                for template in self.sample(venues, 2, 3):
                    directory.venues.setdefault(city[0], []).append(
                        self.venue(country, city, template, streets)
                    )
        directory.people = self.people(directory, people)
        return directory

    def snippet(self, model, **fields):
        return Snippet(model, self.key(), fields)

    def organisations(self, directory):
        for short, region in directory.counties.items():
            swedish = region.fields["country"] == "SE"
            directory.regional[short] = self.snippet(
                Organisation,
                name=t(f"Regionbibliotek {short}" if swedish else f"{short} fylkesbibliotek"),
                kind="regional_library",
                county=region,
                country=region.fields["country"],
                website=f"https://{slug(short)}.example.org/bibliotek",
            )
            directory.funders.append(
                self.snippet(
                    Organisation,
                    name=t(f"Region {short}" if swedish else f"{short} fylkeskommune"),
                    kind="region",
                    county=region,
                    country=region.fields["country"],
                )
            )
        for country, cities in (("SE", SWEDISH_CITIES), ("NO", NORWEGIAN_CITIES)):
            for city, county, *_rest in cities:
                name = f"{city} stadsbibliotek" if country == "SE" else f"{city} bibliotek"
                directory.libraries.append(
                    self.snippet(
                        Organisation,
                        name=t(name),
                        kind="public_library",
                        municipality=city,
                        county=directory.counties[county],
                        country=country,
                        website=f"https://{slug(city)}.example.org/",
                    )
                )
        for name, country in UNIVERSITIES:
            university = self.snippet(Organisation, name=t(name), kind="education", country=country)
            directory.libraries.append(
                self.snippet(
                    Organisation,
                    name=Text(
                        f"{name}, universitetsbiblioteket", f"{name}, universitetsbiblioteket"
                    ),
                    kind="academic_library",
                    country=country,
                    parent=university,
                )
            )
            directory.universities.append(university)
        for name, kind, country in FUNDERS:
            directory.funders.append(
                self.snippet(Organisation, name=name, kind=kind, country=country)
            )

    def venue(self, country, city, template, streets):
        name, _county, postal, latitude, longitude = city
        jitter = [Decimal(self.random.randint(-900, 900)) / 100000 for _ in range(2)]
        postal_code = (
            f"{postal} {self.random.randint(10, 99)}"
            if country == "SE"
            else f"{postal}{self.random.randint(10, 99)}"
        )
        return self.snippet(
            Venue,
            name=t(template.format(city=name)),
            street_address=f"{self.pick(streets)} {self.random.randint(1, 40)}",
            postal_code=postal_code,
            city=name,
            country=country,
            directions=self.pick(VENUE_DIRECTIONS),
            latitude=(Decimal(str(latitude)) + jitter[0]).quantize(Decimal("0.000001")),
            longitude=(Decimal(str(longitude)) + jitter[1]).quantize(Decimal("0.000001")),
        )

    def people(self, directory, count):
        names = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
        people = []
        organisations = directory.libraries + list(directory.regional.values())
        for first, last in self.random.sample(names, min(count, len(names))):
            address = ".".join(slug(name) for name in (first, last))
            people.append(
                self.snippet(
                    Person,
                    name=t(f"{first} {last}"),
                    title=self.pick(JOB_TITLES),
                    organisation=self.pick(organisations),
                    email=f"{address}@example.org",
                    email_is_public=self.random.random() < 0.5,
                    phone=f"0{self.random.randint(10, 99)}-{self.random.randint(100, 999)} "
                    f"{self.random.randint(10, 99)} {self.random.randint(10, 99)}",
                    phone_is_public=self.random.random() < 0.3,
                )
            )
        return people

    # Pages -----------------------------------------------------------------

    def page(self, model, number, title, **fields):
        slugs = title.map(lambda text: f"{SLUG_PREFIX}{number}-{slug(text)[:60].strip('-')}")
        return PageSpec(model, self.key(), title, slugs, fields)

    def row(self, model, **fields):
        return Row(model, self.key(), fields)

    def theme(self, directory):
        focus_area = self.pick(directory.focus_areas)
        name = focus_area.fields["name"]
        return focus_area, name, name.map(lower_first)

    def project(self, number, directory):
        """A project with owner, funders, partners, regions, focus areas, goals and contacts."""
        focus_area, Theme, theme = self.theme(directory)
        county = self.pick(list(directory.regional))
        region = directory.counties[county]
        parts = {"name": self.pick(PROJECT_NAMES), "Theme": Theme, "theme": theme}
        parts["county"] = region.fields["name"]
        start = self.today + timedelta(days=self.random.randint(-1500, 300))
        end = start + timedelta(days=self.random.randint(365, 3 * 365))
        extended = self.random.random() < 0.1
        status = "planned" if start > self.today else "completed" if end < self.today else "ongoing"
        page = self.page(
            ProjectPage,
            f"{number:05d}",
            self.pick(PROJECT_TITLES).format(**parts),
            summary=self.pick(PROJECT_SUMMARIES).format(**parts),
            body=paragraphs(
                self.pick(PROJECT_SUMMARIES).format(**parts),
                self.pick(PROJECT_GOALS).format(**parts),
            ),
            status=status,
            start_date=start,
            end_date=end,
            dates_precision=self.pick(["day", "day", "day", "month", "year"]),
            extended_until=end + timedelta(days=180) if extended else None,
            extension_note=t(
                "Projektet har förlängts med ett halvår.", "Prosjektet er forlenget med et halvår."
            )
            if extended
            else t(""),
            project_owner=directory.regional[county],
            participating_libraries=self.random.randint(3, 40),
            participants_note=t(
                "All personal på de deltagande biblioteken.",
                "Alle ansatte i de deltakende bibliotekene.",
            ),
        )
        page.links = {
            "regions": [region],
            "focus_areas": [focus_area, *self.sample(directory.focus_areas, 0, 2)],
        }
        page.links["focus_areas"] = list(dict.fromkeys(page.links["focus_areas"]))
        for funder in self.sample(directory.funders, 1, 3):
            page.rows.append(self.row(ProjectFunder, organisation=funder, note=t("")))
        for partner in self.sample(directory.libraries, 2, 5):
            page.rows.append(self.row(ProjectPartner, organisation=partner, note=t("")))
        page.rows.append(
            self.row(
                ProjectParticipantGroup,
                library_type="public_library",
                label=t("Folkbibliotek", "Folkebibliotek"),
                count=self.random.randint(2, 25),
            )
        )
        for goal in self.sample(PROJECT_GOALS, 2, 4):
            page.rows.append(self.row(ProjectGoal, text=goal.format(**parts)))
        for index, person in enumerate(self.sample(directory.people, 1, 2)):
            role = t("Projektledare", "Prosjektleder") if index == 0 else t("Kontaktperson")
            page.rows.append(self.row(ProjectContact, person=person, role=role))
        for index, title in enumerate(MILESTONES):
            page.rows.append(
                self.row(
                    ProjectMilestone,
                    date=start + (end - start) * index / 2,
                    title=title,
                    description=t(""),
                )
            )
        page.rows.append(
            self.row(
                ProjectLink,
                kind="website",
                title=t("Projektets webbplats", "Prosjektets nettsted"),
                url=f"https://example.org/projekt/{number}",
            )
        )
        return page

    def network(self, number, directory, projects):
        """A network with focus areas, contacts, members and past and coming meetings."""
        focus_area, Theme, theme = self.theme(directory)
        county = self.pick(list(directory.regional))
        region = directory.counties[county]
        parts = {"Theme": Theme, "theme": theme, "county": region.fields["name"]}
        parts["Role"] = self.pick(NETWORK_ROLES)
        page = self.page(
            NetworkPage,
            f"{number:05d}",
            self.pick(NETWORK_TITLES).format(**parts),
            purpose=t(
                "Att utbyta erfarenheter och utveckla arbetet med {theme} i {county}.",
                "Å utveksle erfaringer og utvikle arbeidet med {theme} i {county}.",
            ).format(**parts),
            description=paragraphs(
                t(
                    "Nätverket samlar bibliotekspersonal som arbetar med {theme}.",
                    "Nettverket samler bibliotekansatte som jobber med {theme}.",
                ).format(**parts)
            ),
            target_group=t("Bibliotekspersonal i {county}.", "Bibliotekansatte i {county}.").format(
                **parts
            ),
            organiser=directory.regional[county],
            meeting_structure=self.pick(MEETING_STRUCTURES),
            started_year=self.today.year - self.random.randint(0, 15),
        )
        page.links = {"focus_areas": [focus_area]}
        if projects:
            page.links["related_projects"] = self.sample(projects, 0, 2)
        for index, person in enumerate(self.sample(directory.people, 1, 2)):
            role = t("Sammankallande", "Koordinator") if index == 0 else t("Kontaktperson")
            page.rows.append(self.row(NetworkContact, person=person, role=role))
        for member in self.sample(directory.libraries, 2, 6):
            page.rows.append(self.row(NetworkMember, organisation=member, note=t("")))
        city = self.pick(directory.cities)[1][0]
        for _ in range(self.random.randint(3, 6)):
            page.rows.append(
                self.row(
                    NetworkMeeting,
                    date=self.today + timedelta(days=self.random.randint(-400, 400)),
                    date_precision="day",
                    title=self.pick(MEETING_TITLES),
                    location=t(city),
                    description=t(""),
                )
            )
        return page

    def conference(self, number, directory, items, speakers, projects):
        """A conference with a programme of ``items`` items over consecutive days."""
        focus_area, Theme, theme = self.theme(directory)
        country, (city, county, *_rest) = self.pick(directory.cities)
        zone = ZoneInfo("Europe/Stockholm" if country == "SE" else "Europe/Oslo")
        kind, kind_name, article = self.weighted_kind()
        parts = {"Theme": Theme, "theme": theme, "city": city, "kind": kind_name, "a": article}
        # An adjective before a neuter noun ends in -t: "Regionalt seminarium".
        parts["t"] = article.map(lambda word: "t" if word in ("ett", "et") else "")
        parts["county"] = directory.counties[county].fields["name"]
        days = conference_days(items)
        first_day = self.conference_day(days)
        parts["Season"] = SEASONS[first_day.month % 12 // 3]
        title = self.pick(CONFERENCE_TITLES).format(**parts)
        programme = self.programme(first_day, zone, items, speakers, directory, parts)
        start = programme[0].fields["start"] if programme else at(first_day, DAY_STARTS, zone)
        end = (
            programme[-1].fields["end"]
            if programme
            else at(first_day, time(17), zone) + timedelta(days=days - 1)
        )
        is_free = self.random.random() < 0.3
        price = None if is_free else Decimal(self.random.randrange(500, 3500, 100))
        venue = self.pick(directory.venues[city])
        page = self.page(
            ConferencePage,
            f"{number:05d}",
            title,
            kind=kind,
            tagline=self.pick(TAGLINES).format(**parts),
            description=paragraphs(
                t(
                    "Välkommen till {a} {kind} om {theme} i {city}.",
                    "Velkommen til {a} {kind} om {theme} i {city}.",
                ).format(**parts),
                t(
                    "Programmet blandar föreläsningar, samtal och erfarenhetsutbyte.",
                    "Programmet blander foredrag, samtaler og erfaringsutveksling.",
                ),
            ),
            start=start,
            end=end,
            timezone=zone.key,
            doors_open=start - timedelta(minutes=30),
            venue=venue,
            audience=self.pick(AUDIENCES).format(**parts),
            related_project=self.pick(projects)
            if projects and self.random.random() < 0.3
            else None,
            contact=self.pick(directory.people),
            is_free=is_free,
            price=price,
            currency="" if is_free else ("SEK" if country == "SE" else "NOK"),
            no_show_fee=None if is_free else Decimal(500),
            includes_coffee=True,
            includes_lunch=items >= 4,
            registration_deadline=(start - timedelta(days=14)).astimezone(zone).date(),
            registration_email="anmalan@example.org",
            registration_is_binding=not is_free,
            registration_asks_dietary=True,
            registration_instructions=t(
                "Ange namn, arbetsplats och eventuella kostönskemål.",
                "Oppgi navn, arbeidssted og eventuelle allergier.",
            ),
        )
        page.children = programme
        for organiser in [directory.regional[county], *self.sample(directory.libraries, 0, 2)]:
            page.rows.append(self.row(ConferenceOrganiser, organisation=organiser, note=t("")))
        return page

    def weighted_kind(self):
        kinds = [(kind, name, article) for kind, name, article, _weight in CONFERENCE_KINDS]
        weights = [weight for *_kind, weight in CONFERENCE_KINDS]
        return self.random.choices(kinds, weights)[0]

    def conference_day(self, days):
        """The first day: one conference in six lies in the past, the rest are upcoming.

        A weekday, and early enough in the week that a conference of up to
        five days ends by Friday.
        """
        if self.random.random() < 1 / 6:
            offset = self.random.randint(-365, -days - 7)
        else:
            offset = self.random.randint(7, 540)
        day = self.today + timedelta(days=offset)
        latest_weekday = max(0, 5 - days)
        return day - timedelta(days=max(0, day.weekday() - latest_weekday))

    def programme(self, first_day, zone, items, speakers, directory, parts):
        days = conference_days(items)
        per_day = [items // days + (1 if day < items % days else 0) for day in range(days)]
        programme = []
        for day_index, count in enumerate(per_day):
            slot = (DAY_MINUTES // max(count, 1)) // 5 * 5
            day_start = at(first_day + timedelta(days=day_index), DAY_STARTS, zone)
            last_day = day_index == len(per_day) - 1
            for position in range(count):
                kind, title, location = self.programme_slot(
                    position, count, day_index == 0, last_day, parts
                )
                start = day_start + timedelta(minutes=slot * position)
                number = len(programme) + 1
                item = self.page(
                    ProgrammeItemPage,
                    f"{number:03d}",
                    title,
                    kind=kind,
                    start=start,
                    end=start + timedelta(minutes=slot),
                    location=location,
                    description=t(""),
                )
                if kind in ("talk", "panel", "workshop"):
                    item.rows = self.speakers(kind, speakers, directory)
                programme.append(item)
        return programme

    def programme_slot(self, position, count, first_day, last_day, parts):
        """What happens at ``position`` of a day of ``count`` items: kind, title and room."""
        if position == 0:
            kind, title = OPENING if first_day else MORNING_COFFEE
            return kind, title, FOYER
        if last_day and position == count - 1 and count >= 3:
            return "travel", self.pick(DEPARTURES), BUS_STOP
        if count >= 4 and position == count // 2:
            return (*LUNCH, RESTAURANT)
        if first_day and position == 1:
            return (*WELCOME, ROOMS[0])
        if last_day and position == count - 2 and count >= 5:
            return (*CLOSING, ROOMS[0])
        if count >= 8 and position == 2:
            return "break", self.pick(MORNING_BREAKS), FOYER
        if count >= 8 and position == count - 3:
            return "break", self.pick(AFTERNOON_BREAKS), FOYER
        roll = self.random.random()
        if roll < 0.15:
            return "panel", self.pick(PANELS).format(**parts), ROOMS[0]
        if roll < 0.25:
            return "workshop", self.pick(WORKSHOPS).format(**parts), self.pick(ROOMS[1:])
        return "talk", self.pick(TALKS).format(**parts), self.pick(ROOMS)

    def speakers(self, kind, count, directory):
        rows = []
        count = min(count, len(directory.people))
        for index, person in enumerate(self.random.sample(directory.people, count)):
            if kind == "panel":
                role = "moderator" if index == 0 else "panellist"
            else:
                role = "host" if kind == "workshop" else "speaker"
            rows.append(self.row(ProgrammeItemSpeaker, person=person, role=role, title=t("")))
        return rows


@dataclass
class Directory:
    """The shared snippets pages link to."""

    counties: dict = field(default_factory=dict)  # short name -> Region
    focus_areas: list = field(default_factory=list)
    regional: dict = field(default_factory=dict)  # county short name -> regional library
    libraries: list = field(default_factory=list)
    universities: list = field(default_factory=list)
    funders: list = field(default_factory=list)
    venues: dict = field(default_factory=dict)  # city -> venues
    cities: list = field(default_factory=list)  # (country, city row)
    people: list = field(default_factory=list)

    def groups(self):
        """Every snippet in groups of one model, each group after the groups it links to."""
        return [
            list(self.counties.values()),
            self.focus_areas,
            self.universities,  # the parents of the university libraries
            [*self.regional.values(), *self.libraries, *self.funders],
            [venue for city in self.venues.values() for venue in city],
            self.people,
        ]


def conference_days(items):
    """As many days as ``items`` programme items need, at most ``ITEMS_PER_DAY`` a day."""
    return max(1, -(-items // ITEMS_PER_DAY))


def at(day, clock, zone):
    return datetime.combine(day, clock, tzinfo=zone)


def people_needed(conferences, speakers):
    """How many people the pool holds: enough that speakers recur, but not on every programme."""
    return max(24, min(600, 4 * conferences * max(speakers, 1)))


# Seeding and clearing

# In an order they can be deleted in: nothing later links to anything earlier.
INDEX_OF = {
    ProjectPage: ProjectIndexPage,
    NetworkPage: NetworkIndexPage,
    ConferencePage: ConferenceIndexPage,
}


class BenchmarkError(Exception):
    """Benchmark content cannot be created or removed here; the message says why."""


@dataclass
class LanguageTree:
    locale: Locale
    home: Page
    indexes: dict  # page model -> the index page it goes under


@dataclass
class SeedReport:
    counts: Counter  # (model, language code) -> how many were created
    seconds: float

    def lines(self):
        """One line per model: how many in each language."""
        by_model = {}
        for (model, code), number in self.counts.items():
            by_model.setdefault(model._meta.verbose_name_plural, []).append(f"{number} {code}")
        return [f"{name}: {', '.join(numbers)}" for name, numbers in by_model.items()]

    @property
    def pages(self):
        return sum(n for (model, _code), n in self.counts.items() if issubclass(model, Page))


def benchmark_pages():
    """Every page a benchmark run created, in every language tree."""
    return is_benchmark_content(Page.objects.filter(slug__startswith=SLUG_PREFIX))


def is_benchmark_content(queryset):
    # A range, not a text prefix: PostgreSQL keeps UUIDs as UUIDs (their text has
    # hyphens), SQLite as plain hex; both order them the same way.
    return queryset.filter(
        translation_key__gte=uuid.UUID(BENCHMARK_KEY_PREFIX + "0" * 20),
        translation_key__lte=uuid.UUID(BENCHMARK_KEY_PREFIX + "f" * 20),
    )


def check_languages(language_codes):
    """The language codes to write, the source first; BenchmarkError for one that cannot be."""
    codes = list(dict.fromkeys(code.strip() for code in language_codes if code.strip()))
    content_languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    for code in codes:
        if code not in LANGUAGES:
            raise BenchmarkError(
                f"There is no benchmark text in '{code}'; choose from {', '.join(LANGUAGES)}."
            )
        if code not in content_languages:
            raise BenchmarkError(
                f"'{code}' is not a content language of this site ({', '.join(content_languages)})."
            )
    if SOURCE_LANGUAGE not in codes:
        raise BenchmarkError(
            f"The locales must include the source language '{SOURCE_LANGUAGE}': "
            "the other languages are translations of it."
        )
    return [SOURCE_LANGUAGE, *(code for code in codes if code != SOURCE_LANGUAGE)]


def seed_benchmark(
    *, conferences, items, speakers, projects, networks, languages, seed, index=True
):
    """Create the benchmark content in one transaction; returns a SeedReport.

    Raises BenchmarkError when the languages cannot be written or when an
    earlier run's content is still there (its translation keys would clash).
    """
    languages = check_languages(languages)
    started = perf_counter()
    with transaction.atomic():
        if benchmark_pages().exists() or any(
            is_benchmark_content(model.objects.all()).exists() for model in SNIPPET_MODELS
        ):
            raise BenchmarkError(
                "Benchmark content from an earlier run is still there; remove it with --clear."
            )
        trees = language_trees(languages)
        writer = BulkWriter({code: tree.locale for code, tree in trees.items()}, index=index)
        generator = Generator(seed, timezone.localdate())
        directory = generator.directory(people_needed(conferences, speakers))
        for group in directory.groups():
            writer.add_snippets(group)

        def under(model):
            return {code: tree.indexes[model] for code, tree in trees.items()}

        project_pages = []
        for number in range(1, projects + 1):
            project_pages.append(generator.project(number, directory))
            writer.add_page(project_pages[-1], under(ProjectPage))
        writer.flush()  # networks and conferences link to the projects by primary key
        for number in range(1, networks + 1):
            writer.add_page(generator.network(number, directory, project_pages), under(NetworkPage))
        for number in range(1, conferences + 1):
            conference = generator.conference(number, directory, items, speakers, project_pages)
            writer.add_page(conference, under(ConferencePage))
        writer.finish()
    return SeedReport(writer.counts, perf_counter() - started)


def clear_benchmark():
    """Delete every page and snippet a benchmark run created, and nothing else.

    Returns how many pages and snippets were deleted. Raises BenchmarkError,
    deleting nothing, when other content still uses a benchmark snippet.
    """
    with transaction.atomic():
        pages = delete_subtrees(benchmark_pages())
        snippets = 0
        for model in SNIPPET_MODELS:
            try:
                snippets += delete_snippets(is_benchmark_content(model.objects.all()))
            except ProtectedError as error:
                users = ", ".join(sorted({str(obj) for obj in error.protected_objects})[:5])
                raise BenchmarkError(
                    f"Other content still uses benchmark {model._meta.verbose_name_plural} "
                    f"({users}); nothing was removed."
                ) from error
    return pages, snippets


def language_trees(languages):
    """The home page and index pages of each language, found or created.

    The home pages are the default site's root page and its translations; an
    index page or a home page that is missing is created (a translation of the
    source language's one), published as an editor would.
    """
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.specific if site else None
    if not isinstance(root, HomePage):
        raise BenchmarkError(
            "The default site does not start at a home page; run load_demo_content first."
        )
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in languages}
    source_home = root.get_translation_or_none(locales[SOURCE_LANGUAGE])
    if source_home is None:
        raise BenchmarkError(f"The home page has no version in '{SOURCE_LANGUAGE}'.")
    source_indexes = {
        page_model: source_index(source_home, index_model)
        for page_model, index_model in INDEX_OF.items()
    }
    trees = {}
    for code, locale in locales.items():
        home = source_home.get_translation_or_none(locale) or translate(source_home, locale)
        indexes = {}
        for page_model, index in source_indexes.items():
            translated = (
                index.get_translation_or_none(locale)
                or home.get_children().type(INDEX_OF[page_model]).first()
                or translate(index, locale)
            )
            # Fresh from the database: the writer counts the new children on it.
            indexes[page_model] = Page.objects.get(pk=translated.pk)
        trees[code] = LanguageTree(locale, home, indexes)
    return trees


def source_index(home, index_model):
    index = home.get_children().type(index_model).first()
    if index is not None:
        return index
    _model, slug, title, introduction = next(
        entry for entry in SWEDISH_INDEXES if entry[0] is index_model
    )
    index = index_model(title=title, slug=slug, introduction=f"<p>{introduction}</p>")
    index.locale = home.locale
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def translate(page, locale):
    """A published copy of ``page`` in ``locale``, titled in that language where it is known."""
    copy = page.specific.copy_for_translation(locale)
    strings = NORWEGIAN if locale.language_code == "nb" else {}
    copy.title = copy.draft_title = strings.get(copy.title, copy.title)
    slug = strings.get(page.slug)
    if slug and not copy.get_siblings().filter(slug=slug).exists():
        copy.slug = slug
    copy.save_revision().publish()
    return Page.objects.get(pk=copy.pk).specific
