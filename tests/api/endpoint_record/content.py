"""The fixed content the record is made over, built in a fresh database under a stopped clock.

The demo content, a small synthetic set from ``seed_benchmark`` (Swedish and
Norwegian, a fixed seed), a few files (an image and a document that public
pages use, one of each that no page uses) and pages in each state the public
must not see, whole or in part: a draft newer than the published version (with
a preview of it), an unpublished conference with its programme, a page behind
a password, a page past its expiry and a new version waiting for its go-live
time. Each step happens at a moment
of its own (``STEPS``), so that ordering by ``first_published_at`` is not one
long tie; the answers are read later, at ``ANSWERED_AT`` (``moments.py``).
"""

from io import BytesIO, StringIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import PageViewRestriction

from content_types.models import (
    ConferencePage,
    NetworkPage,
    ProgrammeItemDocument,
    ProgrammeItemPage,
    ProjectPage,
)

from .moments import ANSWERED_AT, EXPIRED_AT, GOES_LIVE_AT, STEPS

#: ``seed_benchmark``'s arguments: three conferences of four items, a few projects and networks.
SYNTHETIC = (
    *("--conferences", "3", "--items", "4", "--speakers", "2"),
    *("--projects", "4", "--networks", "2", "--locales", "sv,nb", "--seed", "2026"),
)


def build_content(clock):
    """Migrate the empty database and fill it, each step at its moment on ``clock``.

    ``clock`` is a stopped time-machine traveller; it is left at ``ANSWERED_AT``.
    """
    quiet = StringIO()
    steps = {
        "migrate": lambda: call_command("migrate", interactive=False, verbosity=0, stdout=quiet),
        "demo": lambda: call_command("load_demo_content", stdout=quiet),
        "synthetic": lambda: call_command("seed_benchmark", *SYNTHETIC, stdout=quiet),
        "files": add_files,
        "private states": add_private_states,
    }
    for name, step in steps.items():
        clock.move_to(STEPS[name].timestamp())
        step()
    clock.move_to(ANSWERED_AT.timestamp())


def add_files():
    """An image on the first Swedish conference, a document on its first programme item, and
    an image and a document that no page uses."""
    conference = ConferencePage.objects.filter(locale__language_code="sv").order_by("pk").first()
    conference.image = make_image("Konferenssalen", "konferenssalen.png", "steelblue")
    conference.save_revision().publish()

    item = ProgrammeItemPage.objects.child_of(conference).order_by("pk").first()
    item.documents.add(
        ProgrammeItemDocument(title="Bilder", document=make_document("Bilder", "bilder.txt"))
    )
    item.save_revision().publish()

    make_image("Oanvänd bild", "oanvand.png", "darkred")
    make_document("Oanvänt dokument", "oanvant.txt")


def add_private_states():
    """Synthetic pages in each state that keeps a page, or a version of it, from the public."""
    drafted = synthetic(ProjectPage, "sv", 4)
    drafted.title = "Utkast som aldrig publicerats"
    drafted.save_revision()
    drafted.create_page_preview()

    synthetic(ConferencePage, "nb", 2).unpublish()

    PageViewRestriction.objects.create(
        page=synthetic(NetworkPage, "sv", 2),
        restriction_type=PageViewRestriction.PASSWORD,
        password="hemligt",
    )

    expiring = synthetic(ProjectPage, "sv", 3)
    expiring.expire_at = EXPIRED_AT
    expiring.save_revision().publish()

    scheduled = synthetic(ProjectPage, "nb", 2)
    scheduled.title = "Publiseres ved lunsj"
    scheduled.save_revision(approved_go_live_at=GOES_LIVE_AT)


def synthetic(model, language_code, number):
    """The synthetic page of ``model`` numbered ``number`` by ``seed_benchmark``, in a language."""
    return model.objects.get(
        locale__language_code=language_code, slug__startswith=f"bench-{number:05d}-"
    )


def make_image(title, name, colour):
    buffer = BytesIO()
    PILImage.new("RGB", (640, 400), colour).save(buffer, "PNG")
    return Image.objects.create(
        title=title, description=f"{title}, en bild", file=ImageFile(buffer, name=name)
    )


def make_document(title, name):
    return Document.objects.create(title=title, file=ContentFile(f"{title}\n".encode(), name=name))
