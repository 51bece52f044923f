"""Tvinning: the project and its final conference in Västerås, 20 October 2009."""

from datetime import date

from ...conferences.models import (
    ConferenceKind,
    ConferenceOrganiser,
    ConferencePage,
    Currency,
    ProgrammeItemKind,
    ProgrammeItemPage,
    ProgrammeItemSpeaker,
)
from ...projects.models import (
    LinkKind,
    ProjectContact,
    ProjectLink,
    ProjectPage,
    ProjectPartner,
    ProjectStatus,
)
from ...snippets.models import Organisation, OrganisationKind, Person, Region, Venue
from ..builder import local_datetime, rows

ZONE = "Europe/Stockholm"


def at(value):
    return local_datetime(ZONE, value)


def load(b, tree):
    locale = tree.home.locale
    stockholm = b.snippet(Region, locale, "Stockholms län")
    regionbibliotek = b.snippet(
        Organisation,
        locale,
        "Regionbibliotek Stockholm",
        kind=OrganisationKind.REGIONAL_LIBRARY,
        municipality="Stockholm",
        county=stockholm,
        website="http://www.regionbiblioteket.se",
    )
    mellansverige = b.snippet(
        Organisation,
        locale,
        "Länsbiblioteken i Mellansverige",
        kind=OrganisationKind.REGIONAL_LIBRARY,
    )
    boras = b.snippet(
        Organisation,
        locale,
        "Högskolan i Borås",
        kind=OrganisationKind.EDUCATION,
        municipality="Borås",
    )
    bibliotekshogskolan = b.snippet(
        Organisation,
        locale,
        "Institutionen Bibliotekshögskolan",
        kind=OrganisationKind.EDUCATION,
        municipality="Borås",
        parent=boras,
    )
    stadsbiblioteket = b.snippet(
        Organisation,
        locale,
        "Stockholms stadsbibliotek",
        kind=OrganisationKind.PUBLIC_LIBRARY,
        municipality="Stockholm",
        county=stockholm,
    )
    ostergotland = b.snippet(
        Organisation,
        locale,
        "Länsbibliotek Östergötland",
        kind=OrganisationKind.REGIONAL_LIBRARY,
        county=b.snippet(Region, locale, "Östergötlands län"),
    )
    programkontoret = b.snippet(
        Organisation,
        locale,
        "Internationella programkontoret",
        kind=OrganisationKind.GOVERNMENT_AGENCY,
    )
    persboskolan = b.snippet(
        Organisation,
        locale,
        "Persboskolan Västerås",
        kind=OrganisationKind.EDUCATION,
        municipality="Västerås",
        county=b.snippet(Region, locale, "Västmanlands län"),
    )

    def person(name, organisation, **fields):
        return b.snippet(Person, locale, name, organisation=organisation, **fields)

    contact = person(
        "Anna-Stina Axelsson",
        regionbibliotek,
        email="anna-stina.axelsson@example.org",
        email_is_public=True,
    )

    project = b.page(
        tree.projects,
        ProjectPage,
        "tvinning",
        title="Tvinning – en metod för utveckling?",
        summary=(
            "Ett tvåårigt projekt där drygt 30 folkbibliotek har utvecklat sin verksamhet "
            "genom samarbete, parvis och i grupp."
        ),
        body=(
            "<p>Projektet har pågått i två år och samlat drygt 30 deltagande folkbibliotek. "
            "Det har resulterat i en metodbok för kunskapsutveckling på bibliotek.</p>"
        ),
        status=ProjectStatus.COMPLETED,
        project_owner=regionbibliotek,
        participating_libraries=30,
        participants_note="Drygt 30 folkbibliotek",
        relations={
            "partners": rows(ProjectPartner, {"organisation": mellansverige}),
            "contacts": rows(ProjectContact, {"person": contact, "role": "Kontaktperson"}),
            "links": rows(
                ProjectLink,
                {
                    "kind": LinkKind.WEBSITE,
                    "title": "Tvinning på Regionbibliotek Stockholms webbplats",
                    "url": "http://www.regionbiblioteket.se/tvinning",
                },
            ),
        },
    )

    venue = b.snippet(
        Venue,
        locale,
        "Aros Congress Center",
        street_address="Munkgatan 7",
        city="Västerås",
        directions=(
            "Aros Congress Center ligger centralt i Västerås, nära järnvägsstationen. "
            "Det är enkelt att nå via tåg, bil eller buss."
        ),
        directions_url="http://www.acc.se/Hitta-till-oss-2719.asp",
    )

    conference = b.page(
        tree.conferences,
        ConferencePage,
        "tvinning-slutkonferens-2009",
        title="Biblioteksutveckling genom samarbete – Tvinningprojektets slutkonferens",
        tagline="Ett steg till!",
        kind=ConferenceKind.CONFERENCE,
        description=(
            "<p>Projektet ”Tvinning – en metod för utveckling?” har pågått i två år och samlat "
            "drygt 30 deltagande folkbibliotek. Nu ska avslutningskonferensen äga rum, där vi "
            "summerar erfarenheter från projektet och reflekterar vidare kring "
            "biblioteksutveckling och samarbete.</p>"
            "<p>Välkommen, hälsar Regionbibliotek Stockholm och Länsbiblioteken i Mellansverige!</p>"
        ),
        audience=(
            "Alla som är intresserade av vad samarbete mellan bibliotek kan ge och av att arbeta "
            "med utveckling i praktisk biblioteksverksamhet."
        ),
        start=at("2009-10-20 10:00"),
        end=at("2009-10-20 16:30"),
        doors_open=at("2009-10-20 09:00"),
        timezone=ZONE,
        venue=venue,
        related_project=project,
        contact=contact,
        more_info_url="http://www.regionbiblioteket.se/tvinning",
        is_free=True,
        currency=Currency.SEK,
        no_show_fee=300,
        includes_lunch=True,
        includes_coffee=True,
        included_note=(
            "Alla deltagare får ett exemplar av boken som projektet har resulterat i – "
            "en metodbok för kunskapsutveckling på bibliotek."
        ),
        registration_deadline=date(2009, 10, 9),
        registration_email="regionbiblioteket@kultur.stockholm.se",
        registration_is_binding=True,
        registration_asks_dietary=True,
        registration_instructions="Anmäl dig med namn och arbetsplats. Ange om du önskar specialkost.",
        relations={
            "organisers": rows(
                ConferenceOrganiser,
                {"organisation": regionbibliotek},
                {"organisation": mellansverige},
            ),
        },
    )

    def item(slug, title, kind=ProgrammeItemKind.TALK, speakers=(), **fields):
        return b.page(
            conference,
            ProgrammeItemPage,
            slug,
            title=title,
            kind=kind,
            relations={"speakers": rows(ProgrammeItemSpeaker, *speakers)},
            **fields,
        )

    item(
        "registrering-och-kaffe",
        "Registrering och kaffe",
        ProgrammeItemKind.REGISTRATION,
        start=at("2009-10-20 09:00"),
        end=at("2009-10-20 10:00"),
    )
    item(
        "forskning-och-reflektion",
        "Forskning och reflektion – att utvecklas som bibliotekarie",
        speakers=[{"person": person("Cecilia Gärdén", bibliotekshogskolan)}],
    )
    item(
        "att-fa-syn-pa-utvecklingsbehov",
        "Att få syn på utvecklingsbehov",
        speakers=[{"person": person("Malin Ögland", regionbibliotek)}],
    )
    item(
        "att-bygga-natverk",
        "Att bygga nätverk – erfarenheter från projektet Bilda nätverk",
        description="<p>Vilken nytta kan bibliotek ha av att delta i nätverk tillsammans med andra?</p>",
        speakers=[
            {"person": person("Åke Nygren", stadsbiblioteket)},
            {"person": person("Anne Hederén", ostergotland)},
        ],
    )
    item(
        "etwinning",
        "eTwinning – digitalt samarbete i skolan – teori och praktik",
        description=(
            "<p>eTwinning är ett EU-finansierat projekt som syftar till digitalt samarbete "
            "mellan lärare och elever i europeiska skolor.</p>"
        ),
        speakers=[
            {
                "person": person(
                    "Angela Andersson", programkontoret, title="Nationell eTwinningkoordinator"
                )
            },
            {"person": person("Ann-Christine Björk", persboskolan, title="eTwinningambassadör")},
        ],
    )
    item(
        "tvinning-i-praktiken",
        "Tvinning i praktiken – deltagare berättar",
        ProgrammeItemKind.PANEL,
        description="<p>Några av deltagarna i Tvinningprojektet berättar om sina erfarenheter av projektet.</p>",
        related_project=project,
    )
    item(
        "bokrelease",
        "Bokrelease!",
        ProgrammeItemKind.OTHER,
        description=(
            "<p>Metodboken som Tvinningprojektet har resulterat i släpps. "
            "Alla deltagare får varsitt exemplar.</p>"
        ),
        related_project=project,
    )
    return conference
