"""The site structure: a home page per language and the three index pages."""

from dataclasses import dataclass

from wagtail.models import Page

from ..conferences.models import ConferenceIndexPage
from ..home.models import HomePage
from ..networks.models import NetworkIndexPage
from ..projects.models import ProjectIndexPage


@dataclass
class LanguageTree:
    home: HomePage
    projects: ProjectIndexPage
    networks: NetworkIndexPage
    conferences: ConferenceIndexPage


def p(text):
    return f"<p>{text}</p>"


SWEDISH_HOME = {
    "title": "Samverkan",
    "slug": "home",
    "introduction": p("Projekt, nätverk och konferenser inom biblioteksutveckling."),
}
SWEDISH_INDEXES = [
    (
        ProjectIndexPage,
        "projekt",
        "Projekt",
        "Utvecklingsprojekt som regional biblioteksverksamhet driver och deltar i.",
    ),
    (NetworkIndexPage, "natverk", "Nätverk", "Professionella nätverk för bibliotekspersonal."),
    (
        ConferenceIndexPage,
        "konferenser",
        "Konferenser",
        "Konferenser, seminarier och nätverksträffar.",
    ),
]

# What a translator gives for each Swedish text of the structure, in Norwegian Bokmål.
NORWEGIAN = {
    "Samverkan": "Samverkan",
    "home": "hjem",
    "Projekt, nätverk och konferenser inom biblioteksutveckling.": "Prosjekter, nettverk og konferanser innen bibliotekutvikling.",
    "Projekt": "Prosjekter",
    "projekt": "prosjekter",
    "Utvecklingsprojekt som regional biblioteksverksamhet driver och deltar i.": "Utviklingsprosjekter som regional bibliotekvirksomhet driver og deltar i.",
    "Nätverk": "Nettverk",
    "natverk": "nettverk",
    "Professionella nätverk för bibliotekspersonal.": "Profesjonelle nettverk for bibliotekansatte.",
    "Konferenser": "Konferanser",
    "konferenser": "konferanser",
    "Konferenser, seminarier och nätverksträffar.": "Konferanser, seminarer og nettverkssamlinger.",
}


def build_trees(builder, swedish, norwegian):
    """The Swedish tree as the source, the Norwegian one translated from it."""
    home = builder.home_page(HomePage, swedish, **SWEDISH_HOME)
    indexes = [
        builder.page(home, model, slug, title=title, introduction=p(intro))
        for model, slug, title, intro in SWEDISH_INDEXES
    ]
    sv_tree = LanguageTree(home, *indexes)

    nb_home = builder.translation(home, norwegian, NORWEGIAN)
    nb_indexes = [builder.translation(index, norwegian, NORWEGIAN) for index in indexes]
    nb_tree = LanguageTree(
        nb_home.specific, *(Page.objects.get(pk=index.pk).specific for index in nb_indexes)
    )
    return sv_tree, nb_tree
