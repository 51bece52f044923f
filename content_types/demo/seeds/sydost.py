"""Library collaboration in the south-east: Lärsamverkan, the pre-study and BISS (2010 presentation)."""

from datetime import date

from ...networks.models import NetworkContact, NetworkMeeting, NetworkMemberGroup, NetworkPage
from ...projects.models import (
    LinkKind,
    ProjectContact,
    ProjectFunder,
    ProjectGoal,
    ProjectLink,
    ProjectPage,
    ProjectParticipantGroup,
    ProjectPartner,
    ProjectStatus,
)
from ...relations import DatePrecision
from ...snippets.models import FocusArea, Organisation, OrganisationKind, Person, Region
from ..builder import rows

Kind = OrganisationKind


def load(b, tree):
    locale = tree.home.locale

    def county(name):
        return b.snippet(Region, locale, name)

    blekinge, kalmar, kronoberg = (
        county("Blekinge län"),
        county("Kalmar län"),
        county("Kronobergs län"),
    )

    def organisation(name, kind, region=None, **fields):
        return b.snippet(Organisation, locale, name, kind=kind, county=region, **fields)

    regionbiblioteket_kalmar = organisation(
        "Regionbiblioteket i Kalmar län", Kind.REGIONAL_LIBRARY, kalmar
    )
    sydost = organisation("Länsbibliotek Sydost", Kind.REGIONAL_LIBRARY)
    landstinget_kronoberg = organisation("Landstinget Kronoberg", Kind.REGION, kronoberg)
    funders = [
        organisation("Kulturrådet", Kind.FUNDER, website="https://www.kulturradet.se"),
        organisation("Högskolan i Kalmar", Kind.EDUCATION, kalmar),
        organisation("Blekinge Tekniska Högskola", Kind.EDUCATION, blekinge),
        organisation("Växjö universitet", Kind.EDUCATION, kronoberg),
        organisation("Region Blekinge", Kind.REGION, blekinge),
        organisation("Regionförbundet i Kalmar län", Kind.REGION, kalmar),
        organisation(
            "Länsutveckling Kronoberg", Kind.REGION, kronoberg, parent=landstinget_kronoberg
        ),
    ]
    esf_council = organisation("Svenska ESF-rådet", Kind.FUNDER)

    def focus(*names):
        return [b.snippet(FocusArea, locale, name) for name in names]

    larsamverkan = b.page(
        tree.projects,
        ProjectPage,
        "larsamverkan",
        title="Lärsamverkan",
        summary=(
            "Samarbete 2005–2009 mellan bibliotek i Blekinge, Kalmar och Kronobergs län, med "
            "representanter för alla slags bibliotek."
        ),
        body=(
            "<p>Lärsamverkan organiserades med en styrgrupp och tre arbetsgrupper: en för enkäten, "
            "en för kompetensutveckling och en mediagrupp.</p>"
        ),
        status=ProjectStatus.COMPLETED,
        start_date=date(2005, 1, 1),
        end_date=date(2009, 12, 31),
        dates_precision=DatePrecision.YEAR,
        relations={
            "regions": [blekinge, kalmar, kronoberg],
            "focus_areas": focus("Media", "Professionella tjänster", "Kompetensutveckling"),
            "funders": rows(ProjectFunder, *({"organisation": funder} for funder in funders)),
            "partners": rows(
                ProjectPartner,
                {"organisation": regionbiblioteket_kalmar},
                {"organisation": sydost},
            ),
            "participant_groups": rows(
                ProjectParticipantGroup,
                {"library_type": Kind.PUBLIC_LIBRARY, "label": "Folkbibliotek"},
                {
                    "library_type": Kind.ACADEMIC_LIBRARY,
                    "label": "Universitets- och högskolebibliotek",
                },
                {"library_type": Kind.REGIONAL_LIBRARY, "label": "Region- och länsbibliotek"},
                {"library_type": Kind.SCHOOL_LIBRARY, "label": "Gymnasiebibliotek"},
                {"library_type": Kind.HOSPITAL_LIBRARY, "label": "Sjukhusbibliotek"},
            ),
            "goals": rows(
                ProjectGoal,
                {
                    "text": (
                        "Med tanke på studerandes, inklusive distansstuderandes, behov av service och "
                        "handledning utveckla samverkansinsatser kring bland annat media, professionella "
                        "tjänster och kompetensutveckling."
                    )
                },
            ),
            "links": rows(
                ProjectLink,
                {"kind": LinkKind.WEBSITE, "title": "Lispro", "url": "http://www.lispro.se"},
            ),
        },
    )

    prestudy = b.page(
        tree.projects,
        ProjectPage,
        "bibliotekets-roll-i-lokal-och-regional-utveckling",
        title="Bibliotekets roll i lokal och regional utveckling",
        summary=(
            "En förstudie om behovet av kompetensutvecklingsinsatser: vilka nyckelkompetenser "
            "behövs på biblioteken de närmaste tre till fem åren?"
        ),
        body=(
            "<p>Omvärldsanalysen och SWOT-analysen pekar på fem kompetensutvecklingsområden för att "
            "möta utvecklingen på fem års sikt: teknik, bemötande och pedagogik, marknadsföring och "
            "omvärldsorientering, chefsutbildning och vissa särskilda behov för "
            "universitetsbiblioteken.</p>"
            "<p>Det finns i sydost ett väl utvecklat samarbete inom biblioteksområdet som är värt "
            "att bygga vidare på, och ett väl förankrat politiskt stöd för en fortsatt satsning.</p>"
        ),
        status=ProjectStatus.COMPLETED,
        start_date=date(2008, 1, 1),
        end_date=date(2009, 12, 31),
        dates_precision=DatePrecision.YEAR,
        relations={
            "regions": [kronoberg, kalmar, blekinge],
            "focus_areas": focus("Kompetensutveckling"),
            "funders": rows(
                ProjectFunder,
                {
                    "organisation": esf_council,
                    "note": "ESF-rådet Småland och Öarna: förstudien 2008 för Kronobergs och Kalmar län",
                },
                {
                    "organisation": esf_council,
                    "note": "ESF-rådet Sydsverige: förstudien 2009 för Blekinge län",
                },
            ),
            "partners": rows(
                ProjectPartner,
                {"organisation": regionbiblioteket_kalmar},
                {"organisation": sydost},
            ),
            "contacts": rows(
                ProjectContact,
                *(
                    {"person": b.snippet(Person, locale, name, title="Konsult"), "role": "Konsult"}
                    for name in ("Pia Holgersson", "Bertil Eifrém")
                ),
            ),
        },
    )

    b.page(
        tree.networks,
        NetworkPage,
        "biss",
        title="BISS – Bibliotek i samverkan i sydost",
        purpose=(
            "Ge biblioteken en aktiv roll i regional och lokal utveckling med fokus på "
            "lärandefrågor."
        ),
        description=(
            "<p>BISS växte fram ur Lärsamverkan och startade i Kalmar län 2009 som en strategisk "
            "biblioteksplattform för lärandefrågor i vid bemärkelse, till exempel "
            "informationskompetens, marknadskommunikation, upphovsrätt, webbutveckling, "
            "regionalutveckling och framtidens medier.</p>"
            "<p>Tre områden utgör ryggraden i samarbetet: ökad digital delaktighet, likvärdig "
            "digital infrastruktur och omvärldsbevakning. På kort sikt vill nätverket enas om en "
            "gemensam satsning på ökad digital delaktighet och söka externa medel för den; på längre "
            "sikt en gemensam biblioteksplan och en gemensam ledningsgrupp för avgränsade frågor.</p>"
        ),
        target_group=(
            "Bibliotek av alla slag i Blekinge, Kalmar och Kronobergs län: läns- och "
            "regionbibliotek, skol-, folk-, universitets- och sjukhusbibliotek."
        ),
        meeting_structure="Trelänsmöten med gruppdiskussioner om prioriterade områden.",
        started_year=2009,
        organiser=regionbiblioteket_kalmar,
        relations={
            "focus_areas": focus(
                "Ökad digital delaktighet", "Likvärdig digital infrastruktur", "Omvärldsbevakning"
            ),
            "related_projects": [larsamverkan, prestudy],
            "contacts": rows(
                NetworkContact,
                {"person": b.snippet(Person, locale, "Christer Bergqvist")},
                {"person": b.snippet(Person, locale, "Ulf Redmo")},
            ),
            "member_groups": rows(
                NetworkMemberGroup,
                {
                    "library_type": Kind.REGIONAL_LIBRARY,
                    "label": "Läns- och regionbibliotek",
                    "count": 2,
                },
                {"library_type": Kind.SCHOOL_LIBRARY, "label": "Grundskolebibliotek", "count": 3},
                {"library_type": Kind.SCHOOL_LIBRARY, "label": "Gymnasiebibliotek", "count": 3},
                {"library_type": Kind.PUBLIC_LIBRARY, "label": "Folkbibliotek", "count": 3},
                {
                    "library_type": Kind.ACADEMIC_LIBRARY,
                    "label": "BTH och Linnéuniversitetet",
                    "count": 2,
                },
                {"library_type": Kind.HOSPITAL_LIBRARY, "label": "Sjukhusbibliotek"},
            ),
            "meetings": rows(
                NetworkMeeting,
                {
                    "date": date(2010, 1, 1),
                    "date_precision": DatePrecision.MONTH,
                    "title": "Trelänsmötet",
                    "description": "Plattformens mandat och syfte. Områden för samverkan: "
                    "omvärldsbevakning, gemensam kompetensutveckling, gemensamma "
                    "projekt och ansökningar, informationskompetens.",
                },
                {
                    "date": date(2010, 6, 1),
                    "title": "Nytt möte: sjukhusbiblioteken kommer med",
                    "description": "Gruppdiskussioner med brainstorming om prioriterade områden.",
                },
                {
                    "date": date(2010, 9, 1),
                    "date_precision": DatePrecision.MONTH,
                    "title": "Växjömötet",
                    "location": "Växjö",
                    "description": "De närmaste åren prioriterar vi tillsammans digital delaktighet.",
                },
                {"date": date(2010, 11, 26), "title": "Adobemöte med KB och IKT-lyftet"},
            ),
        },
    )
    return larsamverkan
