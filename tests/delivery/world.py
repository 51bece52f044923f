"""The content the delivery store's tests read, built once for the package.

    Biblioteksdagarna (conference, sv; Västerås Konserthus, an image, project Läslyftet,
    │                  a price, a registration deadline, rich text with a link)
    │   ├── Inledning (speaker Anna Andersson of Bibliotekshögskolan, part of Högskolan i Borås)
    │   └── Fika (no speakers)
    Bibliotekdagene (its Norwegian translation, with its items' translations)
    Läsdagen (conference, sv only; Uppsala Konserthus)
    │   └── Panelsamtal (speaker Bo Berg)
    Läslyftet (project), Digitalt först (project)
    Bibliotekschefer (network: Läslyftet and Digitalt först related, meetings to come)

Every page is published as an editor publishes it (a revision, Wagtail's
signals); the Norwegian pages through wagtail-localize. Nothing of Anna, her
organisation or its parent, the Västerås venue or the image is shown by
Läsdagen, its item, the projects or the network: what a change to those
re-renders is known in advance.
"""

import io
from datetime import timedelta

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model

from .. import utils
from ..localization.helpers import publish_translation, start_translation, translate_all

NORWEGIAN = "NB: "  # what the Norwegian texts start with


class World:
    """The content by name (``world.anna``, ``world.conference``), each read afresh.

    Every attribute is loaded from the database when asked for, so that what
    one test changed in memory (and its savepoint undid in the database) never
    reaches the next.
    """

    def __init__(self, tree, **objects):
        self.tree = tree
        self._objects = objects

    def __getattr__(self, name):
        objects = self.__dict__.get("_objects", {})
        if name not in objects:
            raise AttributeError(name)
        instance = objects[name]
        return type(instance)._default_manager.get(pk=instance.pk)

    @property
    def nb_locale(self):
        return self.tree["nb_locale"]


def make_image(title="Konferenssalen"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "steelblue").save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, description=f"{title} en morgon", file=ImageFile(buffer, name="sal.png")
    )


def translate_page(page, locale):
    """The page's Norwegian translation, every string translated, published."""
    translation, _draft = start_translation(page, locale)
    translate_all(translation, prefix=NORWEGIAN)
    return publish_translation(translation)


def upcoming(days, hour=9):
    day = timezone.localdate() + timedelta(days=days)
    return utils.local(day.year, day.month, day.day, hour, 0)


def build_world():
    tree = utils.build_site_tree()
    university = utils.make_organisation("Högskolan i Borås", kind="education")
    department = utils.make_organisation("Bibliotekshögskolan", kind="education", parent=university)
    anna = utils.make_person("Anna Andersson", organisation=department, title="Lektor")
    bo = utils.make_person("Bo Berg", title="Bibliotekarie")
    venue = utils.make_venue()
    image = make_image()
    project = utils.make_project(tree["project_index"], title="Läslyftet")
    other_project = utils.make_project(tree["project_index"], title="Digitalt först")

    conference = utils.make_conference(
        tree["conference_index"],
        title="Biblioteksdagarna",
        tagline="Två dagar om läsning",
        description=f'<p>Om <a linktype="page" id="{project.pk}">projektet</a> och mer.</p>',
        start=upcoming(60),
        end=upcoming(61, hour=16),
        venue=venue,
        image=image,
        related_project=project,
        price=1200,
        currency="SEK",
        registration_deadline=timezone.localdate() + timedelta(days=30),
    )
    talk = utils.make_programme_item(
        conference, title="Inledning", start=upcoming(60), speakers=[anna]
    )
    break_item = utils.make_programme_item(
        conference, title="Fika", kind="break", start=upcoming(60, hour=10)
    )
    nb_conference = translate_page(conference, tree["nb_locale"])
    nb_talk = translate_page(talk, tree["nb_locale"])
    nb_break_item = translate_page(break_item, tree["nb_locale"])

    other_conference = utils.make_conference(
        tree["conference_index"],
        title="Läsdagen",
        start=upcoming(90),
        end=upcoming(90, hour=16),
        venue=utils.make_venue(name="Uppsala Konserthus", city="Uppsala"),
    )
    panel = utils.make_programme_item(
        other_conference, title="Panelsamtal", start=upcoming(90), speakers=[bo]
    )
    network = utils.make_network(
        tree["network_index"],
        title="Bibliotekschefer",
        meetings=[(timezone.localdate() + timedelta(days=20), "Höstmöte")],
        related_projects=[project, other_project],
    )
    return World(
        tree=tree,
        anna=anna,
        bo=bo,
        department=department,
        university=university,
        venue=venue,
        image=image,
        project=project,
        other_project=other_project,
        conference=conference,
        talk=talk,
        break_item=break_item,
        nb_conference=nb_conference,
        nb_talk=nb_talk,
        nb_break_item=nb_break_item,
        other_conference=other_conference,
        panel=panel,
        network=network,
    )
