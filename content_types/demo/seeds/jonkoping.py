"""The six networks for library staff in Jönköpings län (2023)."""

from ...networks.models import NetworkContact, NetworkPage
from ...projects.models import ProjectPage, ProjectStatus
from ...snippets.models import FocusArea, Organisation, OrganisationKind, Person, Region
from ..builder import rows

MEETING_STRUCTURE = (
    "Nätverken träffas kontinuerligt under en längre tid, och varje nätverk bestämmer sin "
    "mötesstruktur och agenda. Deltagarna ser nätverket som en kompetensutvecklingsinsats och "
    "avsätter tid före, under och efter nätverksträffarna. Datum för kommande träffar finns i "
    "Biblioteksutvecklings kalendarium."
)
SHARED_PURPOSE = (
    "<p>Det övergripande syftet med Biblioteksutvecklings nätverk är att dela kunskap och "
    "erfarenheter, där gemensam reflektion, samtal och lärande bidrar till att stärka och utveckla "
    "profession och verksamhet.</p>"
)

SOCIETY = "Biblioteken i samhället"
DIGITAL = "Digital delaktighet och kompetens"
READING = "Läsfrämjande, berättelser och bildning"


def load(b, tree):
    locale = tree.home.locale
    jonkoping = b.snippet(Region, locale, "Jönköpings län")
    region = b.snippet(
        Organisation,
        locale,
        "Region Jönköpings län",
        kind=OrganisationKind.REGION,
        county=jonkoping,
    )
    unit = b.snippet(
        Organisation,
        locale,
        "Biblioteksutveckling, Region Jönköpings län",
        kind=OrganisationKind.REGIONAL_LIBRARY,
        county=jonkoping,
        parent=region,
    )
    focus = {name: b.snippet(FocusArea, locale, name) for name in (SOCIETY, DIGITAL, READING)}

    def contact(name):
        return rows(NetworkContact, {"person": b.snippet(Person, locale, name, organisation=unit)})

    letterbox = b.page(
        tree.projects,
        ProjectPage,
        "letterbox-club-sverige",
        title="Letterbox Club Sverige",
        summary="Ett nationellt projekt som nätverket för samverkan mellan folkbibliotek och socialtjänst kopplar till.",
        status=ProjectStatus.ONGOING,
    )

    networks = [
        (
            "bibliotekschefer",
            "Bibliotekschefer",
            {
                "purpose": (
                    "Vi vill dela kunskap, hitta samverkansmöjligheter och tillsammans driva "
                    "biblioteksutveckling på folkbiblioteken i Jönköpings län med biblioteksplanerna "
                    "som grund."
                ),
                "description": (
                    "<p>Ett bibliotekschefsnätverk är en förutsättning för samverkan i länet och "
                    "angeläget också eftersom folkbiblioteken ingår i ett nationellt bibliotekslandskap. "
                    "Syftet har bibliotekscheferna formulerat tillsammans.</p>"
                ),
                "target_group": (
                    "Kommunernas bibliotekschefer, det vill säga den person som företräder kommunens "
                    "folkbibliotek och har mandat att fatta beslut, samt Biblioteksutvecklings enhetschef. "
                    "Biblioteksutvecklings utvecklare ingår utifrån relevanta frågor."
                ),
            },
            "Johanna Billvén",
            [],
        ),
        (
            "barns-delaktighet-och-inflytande",
            "Barns delaktighet och inflytande",
            {
                "purpose": (
                    "Att hitta metoder, skapa rutiner och strukturer för barns delaktighet och "
                    "inflytande i verksamheten."
                ),
                "description": (
                    "<p>Vi lyfter olika dilemman och utmaningar man kan ställas inför i ett "
                    "barnrättsarbete på folkbibliotek.</p>"
                ),
                "target_group": (
                    "Personal som har ett pågående arbete med barns delaktighet och inflytande i "
                    "verksamheten."
                ),
            },
            "Lena Jonsson",
            [SOCIETY],
        ),
        (
            "digital-transformation",
            "Digital transformation",
            {
                "purpose": "Att utforska vad den digitala omställningen betyder för folkbiblioteken.",
                "description": (
                    "<p>I nätverket behandlar vi frågor som rör bland annat digital delaktighet, "
                    "medie- och informationskunnighet (MIK) och digitalt berättande.</p>"
                ),
                "target_group": (
                    "Personal i länet som har genomfört kursen Att leda bibliotekens digitala "
                    "transformation."
                ),
            },
            "Linn Holmstedt",
            [DIGITAL],
        ),
        (
            "samverkan-folkbibliotek-och-socialtjanst",
            "Samverkan folkbibliotek och socialtjänst",
            {
                "purpose": (
                    "Att utforska hur samverkan mellan folkbibliotek och socialtjänst kan utvecklas lokalt."
                ),
                "description": (
                    "<p>Samverkan kopplar till det nationella projektet Letterbox Club Sverige.</p>"
                ),
                "target_group": "Personal på folkbibliotek.",
                "related": [letterbox],
            },
            "Lena Jonsson",
            [SOCIETY],
        ),
        (
            "sprakslust",
            "Språklust",
            {
                "purpose": "Att utveckla arbetet med små barns språk- och läsutveckling.",
                "description": (
                    "<p>De medverkande fungerar även som referensgrupp i framtagandet av olika material "
                    "som används i länets Språklust-arbete.</p>"
                ),
                "target_group": "Personal som arbetar med små barns språk- och läsutveckling.",
            },
            "Lena Jonsson",
            [READING],
        ),
        (
            "tillganglighet",
            "Tillgänglighet",
            {
                "purpose": (
                    "Att skapa förutsättningar för tillgänglig läsning genom att integrera tillgängliga "
                    "medier i verksamheten för att nå fler."
                ),
                "description": (
                    "<p>Tillsammans utforskar och utformar nätverket insatser som stöd för lokal "
                    "verksamhetsutveckling.</p>"
                ),
                "target_group": "Personal som arbetar med tillgänglig biblioteksverksamhet.",
            },
            "Annhild Ottosson",
            [READING],
        ),
    ]
    pages = []
    for slug, title, fields, contact_name, areas in networks:
        related = fields.pop("related", [])
        fields["description"] += SHARED_PURPOSE
        pages.append(
            b.page(
                tree.networks,
                NetworkPage,
                slug,
                title=title,
                meeting_structure=MEETING_STRUCTURE,
                organiser=unit,
                relations={
                    "contacts": contact(contact_name),
                    "focus_areas": [focus[name] for name in areas],
                    "related_projects": related,
                },
                **fields,
            )
        )
    return pages
