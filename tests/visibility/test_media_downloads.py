"""A document's download address works for readers only where a public page shows it.

The API lists only the files public pages use (``visibility.public_media``);
the download view keeps to the same rule, so a file attached to a draft is not
published by its address being guessed or passed on. Editors, who are logged
in, still download every file they may see in the admin.
"""

import pytest

from content_types.models import ConferenceDocument

from ..utils import make_conference
from .states import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_on_disk(settings, tmp_path):
    """Wagtail streams a document from a path on disk, which the test settings' memory has not."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def files(world, media_on_disk):
    """A document a public conference shows, one only a draft shows, and one nothing uses."""
    shown, of_draft, unused = (make_document(word) for word in ("visad", "utkast", "oanvand"))
    for document, publish in ((shown, True), (of_draft, False)):
        make_conference(
            world.conference_index,
            title=f"Konferens med {document.title}",
            publish=publish,
            documents=[ConferenceDocument(title="Program", document=document)],
        )
    return {"shown": shown, "of draft": of_draft, "unused": unused}


def download(client, document):
    response = client.get(document.url)
    if response.status_code == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    return response.status_code


def test_a_document_a_public_page_shows_is_served(client, files):
    assert download(client, files["shown"]) == 200


@pytest.mark.parametrize("name", ["of draft", "unused"])
def test_a_document_no_public_page_shows_is_not_served(client, files, name):
    assert download(client, files[name]) == 404


def test_a_logged_in_editor_still_downloads_every_document(client, world, files):
    client.force_login(world.editor)
    assert [download(client, document) for document in files.values()] == [200, 200, 200]
