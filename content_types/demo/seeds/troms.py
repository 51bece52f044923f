"""The bibliotekrom seminar in Troms, 20–21 November 2013, written in Norwegian Bokmål."""

from ...conferences.models import (
    ConferenceKind,
    ConferencePage,
    ProgrammeItemKind,
    ProgrammeItemPage,
    ProgrammeItemSpeaker,
    SpeakerRole,
)
from ...snippets.models import Country, Organisation, OrganisationKind, Person, Region
from ..builder import local_datetime, rows

ZONE = "Europe/Oslo"


def at(value):
    return local_datetime(ZONE, value)


def load(b, tree):
    locale = tree.home.locale
    troms = b.snippet(Region, locale, "Troms", country=Country.NORWAY)

    def library(name, municipality):
        return b.snippet(
            Organisation,
            locale,
            name,
            kind=OrganisationKind.PUBLIC_LIBRARY,
            municipality=municipality,
            county=troms,
            country=Country.NORWAY,
        )

    library("Gratangen bibliotek", "Gratangen")
    library("Lenvik bibliotek", "Lenvik")
    lavangen = library("Lavangen bibliotek", "Lavangen")
    marit = b.snippet(Person, locale, "Marit")
    trine = b.snippet(Person, locale, "Trine")
    anne = b.snippet(
        Person, locale, "Anne Strømmesen", title="Biblioteksjef", organisation=lavangen
    )

    seminar = b.page(
        tree.conferences,
        ConferencePage,
        "bibliotekromseminar-2013",
        title="Bibliotekromseminar 2013",
        tagline="Bruke det vi allerede har lært og tenke utvikling",
        kind=ConferenceKind.SEMINAR,
        description=(
            "<p>I november 2013 arrangerte vi bibliotekromseminar med fokus på å bruke det vi "
            "allerede har lært og tenke utvikling. I tillegg fikk utviklingsprosjektene presentert "
            "sine løsninger og dele erfaringer.</p>"
            "<p>Et konkret mål for seminaret var at alle deltakerne skulle reise hjem med minst én "
            "endringsoppgave som kan settes ut i livet i eget bibliotek. Her utfordret vi også "
            "deltakerne på temaet endringskompetanse og hvorfor det kan være så vanskelig å få "
            "gjennomført ting.</p>"
            "<p>Biblioteksjefene som deltok, uttrykte og viste at de har lært mye de siste årene, og "
            "signaliserte at de var veldig fornøyd med at vi ikke står og forteller hva de skal "
            "gjøre, men lar dem tenke selv.</p>"
        ),
        audience="Biblioteksjefer og prosjektbibliotekene i bibliotekromprosjektene.",
        start=at("2013-11-20 11:00"),
        end=at("2013-11-21 14:00"),
        timezone=ZONE,
        # The seed names no venue: a shared bus from Tromsø to the seminar and back.
        region=troms,
        includes_lunch=True,
        includes_coffee=True,
        includes_accommodation=True,
        included_note=(
            "Felles buss fra Prostneset i Tromsø og tilbake. Et kompendium med interessante og "
            "inspirerende artikler deles ut."
        ),
    )

    def item(slug, title, kind, start, end=None, speakers=(), **fields):
        return b.page(
            seminar,
            ProgrammeItemPage,
            slug,
            title=title,
            kind=kind,
            start=at(start),
            end=at(end) if end else None,
            relations={"speakers": rows(ProgrammeItemSpeaker, *speakers)},
            **fields,
        )

    host = {"role": SpeakerRole.HOST}
    # Wednesday 20 November
    item(
        "avgang-fra-prostneset",
        "Avgang fra Prostneset med felles buss",
        ProgrammeItemKind.TRAVEL,
        "2013-11-20 11:00",
        location="Prostneset, Tromsø",
    )
    item(
        "lunsj-og-innlosjering", "Lunsj og innlosjering", ProgrammeItemKind.MEAL, "2013-11-20 12:00"
    )
    item(
        "velkommen-og-innledning",
        "Velkommen og innledning",
        ProgrammeItemKind.TALK,
        "2013-11-20 13:00",
        speakers=[{"person": marit, **host}],
    )
    item(
        "se-hva-vi-har-fatt-til",
        "Se hva vi har fått til!",
        ProgrammeItemKind.TALK,
        "2013-11-20 13:30",
        "2013-11-20 15:15",
        description=(
            "<p>Bibliotekromprosjektene presenterer seg – med fokus på det lokale samarbeidet og "
            "arbeidsprosessen. Vi drar på Skype-tur til Gratangen bibliotek og Lenvik bibliotek.</p>"
            "<p>Ved Trine, Marit og prosjektbibliotekene.</p>"
        ),
        speakers=[
            {"person": trine, **host},
            {"person": marit, **host},
            {"person": anne},
        ],
    )
    item(
        "hvor-kan-vi-hente-inspirasjon",
        "Hvor kan vi hente inspirasjon?",
        ProgrammeItemKind.TALK,
        "2013-11-20 15:15",
        description="<p>Et lite utvalg nettløsninger, artikler med mer.</p>",
        speakers=[{"person": marit}],
    )
    item(
        "pause",
        "Pause med litt å bite i",
        ProgrammeItemKind.BREAK,
        "2013-11-20 15:45",
        description="<p>Suppe med brød, kaffe og te.</p>",
    )
    item(
        "idetorg",
        "Idétorg",
        ProgrammeItemKind.WORKSHOP,
        "2013-11-20 16:15",
        "2013-11-20 18:00",
        description=(
            "<p>Problemstillinger og utfordringer i ditt bibliotek – vi danner grupper og "
            "begynner diskusjonen.</p>"
        ),
    )
    # Thursday 21 November
    item(
        "god-morgen",
        "God morgen – oppstart",
        ProgrammeItemKind.OTHER,
        "2013-11-21 09:00",
        "2013-11-21 09:30",
        description="<p>Vi samler trådene fra i går.</p>",
    )
    item(
        "gruppearbeid",
        "Gruppene jobber sammen med sine problemstillinger",
        ProgrammeItemKind.WORKSHOP,
        "2013-11-21 09:30",
        "2013-11-21 11:30",
    )
    item(
        "oppsummering",
        "Oppsummering, samtale og diskusjon i plenum",
        ProgrammeItemKind.PANEL,
        "2013-11-21 11:30",
        "2013-11-21 13:00",
        description="<p>Oppsummering, samtale og diskusjon rundt problemstillingene i plenum.</p>",
    )
    item("lunsj", "Lunsj", ProgrammeItemKind.MEAL, "2013-11-21 13:00", "2013-11-21 14:00")
    item("buss-tilbake", "Buss tilbake til Tromsø", ProgrammeItemKind.TRAVEL, "2013-11-21 14:00")
    return seminar
