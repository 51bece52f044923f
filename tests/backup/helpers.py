"""What the tests of backups share: media to back up, storage to empty, the API to compare."""

from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from content_types.models import ConferencePage

from ..utils import pages_url

PAGE_TYPES = (
    "content_types.HomePage",
    "content_types.ProjectPage",
    "content_types.NetworkPage",
    "content_types.ConferencePage",
    "content_types.ProgrammeItemPage",
)
LANGUAGES = ("sv", "nb")
LEAFLET = b"%PDF-1.4\n% Programblad\n" + bytes(range(256)) * 8


def make_image(title="Konserthuset", name="konserthuset.png", **kwargs):
    buffer = BytesIO()
    PILImage.new("RGB", (1200, 800), "darkred").save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, description="Västerås Konserthus", file=ImageFile(buffer, name=name), **kwargs
    )


def make_document(title="Programblad", name="programblad.pdf", **kwargs):
    return get_document_model().objects.create(
        title=title, file=ContentFile(LEAFLET, name=name), **kwargs
    )


def stored_names(storage=default_storage, directory=""):
    """Every file name in ``storage``, walking its directories."""
    directories, files = storage.listdir(directory)
    names = [f"{directory}{name}" for name in files]
    for name in directories:
        names += stored_names(storage, f"{directory}{name}/")
    return names


def empty_storage(storage=default_storage):
    for name in stored_names(storage):
        storage.delete(name)


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    if response["Content-Type"].startswith("application/json"):
        return response.json()
    return response.content.decode()


def api_answers(client):
    """What the public API answers, URL by URL, in every language and for every page.

    The listings (all pages and each type with every field), what a search
    finds, every page's detail, the images and documents, and the calendar feeds.
    """
    answers = {}

    def get(url):
        answers[url] = fetch(client, url)
        return answers[url]

    def search(url):
        # Ranks depend on the index's history (term statistics kept as pages
        # were indexed, edited and deleted); a rebuilt index ranks by the
        # content alone. What a search finds must be the same.
        found = fetch(client, url)
        answers[url] = {
            "total_count": found["meta"]["total_count"],
            "ids": sorted(item["id"] for item in found["items"]),
        }

    for language in LANGUAGES:
        pages = get(pages_url(locale=language, limit=100))
        for page_type in PAGE_TYPES:
            get(pages_url(type=page_type, locale=language, fields="*", limit=100))
        search(pages_url(search="bibliotek", locale=language, limit=100))
        get(f"{reverse('samverkan_calendar:upcoming_conferences')}?locale={language}")
        for item in pages["items"]:
            get(reverse("wagtailapi:pages:detail", args=(item["id"],)))
    for endpoint in ("images", "documents"):
        listing = get(reverse(f"wagtailapi:{endpoint}:listing"))
        for item in listing["items"]:
            get(reverse(f"wagtailapi:{endpoint}:detail", args=(item["id"],)))
    for conference in ConferencePage.objects.live().order_by("pk"):
        get(reverse("samverkan_calendar:conference", args=(conference.pk,)))
    return answers
