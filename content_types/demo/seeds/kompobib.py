"""KompoBib2020 in Sörmland, Västmanland and Örebro län, and its successor Dela & Lär."""

from datetime import date

from ...projects.models import (
    ProjectContact,
    ProjectFunder,
    ProjectGoal,
    ProjectMilestone,
    ProjectPage,
    ProjectPartner,
    ProjectStatus,
    ProjectUpdate,
)
from ...snippets.models import FocusArea, Organisation, OrganisationKind, Person, Region
from ..builder import rows

EXTENSION_NEWS = """
<p>Hej!</p>
<p>Som ni tidigare har fått information om skrev KompoBib2020 till ESF för att begära en förlängning
av projekttiden med två månader, till och med mars 2013. Under förlängningen är planerna följande:</p>
<ul>
<li>Projektarbetet fokuseras på de enskilda arbetsplatsernas lärande. Arbetsplatsbaserat lärande är en
förutsättning för slutanvändarnas anställningsbarhet.</li>
<li>För att säkerställa projektets mål krävs att kompetens och kunskaper från externa aktörer blandas
med regional kompetens i utvecklingsarbetet. På så sätt uppnås en optimal blandning av nytänkande och
långsiktighet.</li>
<li>Den förlängda projekttiden ska genomföras i form av workshops på arbetsplatserna och byggas upp som
verksamhetsutveckling genom eget arbete, med syfte att skapa lärande organisationer på lokal nivå.</li>
</ul>
<p>I onsdags fick vi ja från ESF, mot att vi så snart som möjligt kommer in med en mer preciserad budget
för förlängningen. Förlängningen kan finansieras inom budgeten, då alla medel inte gått åt vid slutet
av 2012.</p>
<p>Trevlig helg önskar David, Peter och Anneli</p>
""".strip()


def load(b, tree):
    locale = tree.home.locale

    def county(name):
        return b.snippet(Region, locale, name)

    sormland, vastmanland, orebro = (
        county("Södermanlands län"),
        county("Västmanlands län"),
        county("Örebro län"),
    )
    landstinget_sormland = b.snippet(
        Organisation, locale, "Landstinget Sörmland", kind=OrganisationKind.REGION, county=sormland
    )
    owner = b.snippet(
        Organisation,
        locale,
        "Kultur och utbildningsförvaltningen, Landstinget Sörmland",
        kind=OrganisationKind.REGION,
        county=sormland,
        parent=landstinget_sormland,
    )
    lansbibliotek_sormland = b.snippet(
        Organisation,
        locale,
        "Länsbibliotek Sörmland",
        kind=OrganisationKind.REGIONAL_LIBRARY,
        county=sormland,
    )
    regionforbundet_orebro = b.snippet(
        Organisation, locale, "Regionförbundet Örebro", kind=OrganisationKind.REGION, county=orebro
    )
    landstinget_vastmanland = b.snippet(
        Organisation,
        locale,
        "Landstinget Västmanland",
        kind=OrganisationKind.REGION,
        county=vastmanland,
    )
    orebro_lans_landsting = b.snippet(
        Organisation, locale, "Örebro läns landsting", kind=OrganisationKind.REGION, county=orebro
    )
    esf = b.snippet(
        Organisation,
        locale,
        "Europeiska socialfonden",
        kind=OrganisationKind.FUNDER,
        website="https://www.esf.se",
    )
    competence = b.snippet(FocusArea, locale, "Kompetensutveckling")
    media = b.snippet(FocusArea, locale, "Nya medietyper och medieinfrastrukturer")
    library_space = b.snippet(FocusArea, locale, "Framtidens biblioteksrum")

    successor = b.page(
        tree.projects,
        ProjectPage,
        "dela-och-lar",
        title="Dela & Lär",
        summary="Samarbetet och erfarenheterna från KompoBib2020 fortsätter i Dela & Lär.",
        status=ProjectStatus.ONGOING,
        relations={"regions": [sormland, vastmanland, orebro], "focus_areas": [competence]},
    )

    management = [
        {"person": b.snippet(Person, locale, name), "role": "Projektledning"}
        for name in ("David", "Peter", "Anneli")
    ]
    return b.page(
        tree.projects,
        ProjectPage,
        "kompobib2020",
        title="KompoBib2020 – Kompetensutveckling för framtidens bibliotek",
        summary=(
            "Kompetensutveckling för all personal vid biblioteken i Sörmlands, Västmanlands och "
            "Örebro län, delfinansierad av Europeiska socialfonden."
        ),
        body=(
            "<p>Projektet KompoBib2020 är nu avslutat, men samarbetet och erfarenheterna från "
            "projekttiden fortsätter i Dela &amp; Lär.</p>"
            "<p>Den sista delen av projektet genomfördes som en workshop lokalt på arbetsplatsen hos "
            "alla deltagande bibliotek, där man reflekterade över vad man lärt sig och vilket fokus "
            "man har i sitt arbete. Det arbetet, och slutrapporten, tog den tid som fanns kvar i "
            "projektet.</p>"
        ),
        status=ProjectStatus.COMPLETED,
        end_date=date(2013, 1, 31),
        extended_until=date(2013, 3, 31),
        extension_note=(
            "ESF beviljade i oktober 2012 en förlängning med två månader, till och med mars 2013, "
            "finansierad inom den befintliga budgeten."
        ),
        project_owner=owner,
        participants_note="All personal vid biblioteken i de deltagande länen",
        successor=successor,
        relations={
            "regions": [sormland, vastmanland, orebro],
            "focus_areas": [competence, media, library_space],
            "funders": rows(ProjectFunder, {"organisation": esf, "note": "Delfinansierat av ESF"}),
            "partners": rows(
                ProjectPartner,
                {"organisation": lansbibliotek_sormland, "note": "Projektägare"},
                {"organisation": regionforbundet_orebro, "note": "Projektägare"},
                {"organisation": landstinget_vastmanland, "note": "Projektägare"},
                {"organisation": orebro_lans_landsting, "note": "I samarbete med"},
            ),
            "goals": rows(
                ProjectGoal,
                {
                    "text": (
                        "Kompetensutveckling i förhållande till medborgarnas behov av tjänster och service "
                        "som tillhandahålls och kan komma att tillhandahållas inom ramen för "
                        "biblioteksverksamhet."
                    )
                },
                {"text": "Ökad kunskap om nya medietyper och medieinfrastrukturer."},
                {
                    "text": (
                        "Kunskap och kompetens om utveckling av det framtida biblioteksrummet och "
                        "biblioteket i stads- och samhällsplanering."
                    )
                },
            ),
            "contacts": rows(ProjectContact, *management),
            "milestones": rows(
                ProjectMilestone,
                {"date": date(2012, 10, 23), "title": "Möte i Gruppen för projektets fortlevande"},
                {
                    "date": date(2012, 12, 12),
                    "title": "Den 12 i 12",
                    "description": "En blandning av vad som skett inom projektet och ett avstamp mot de "
                    "följande tre månaderna.",
                },
                {"date": date(2013, 3, 13), "title": "Avslutningsseminarium"},
            ),
            "updates": rows(
                ProjectUpdate,
                {
                    "date": date(2012, 10, 12),
                    "title": "ESF beviljar förlängning till mars 2013",
                    "body": EXTENSION_NEWS,
                },
            ),
        },
    )
