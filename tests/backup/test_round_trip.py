"""A backup of the demo site, restored into a database as ``migrate`` left it, is the same site.

The demo content (both languages, translations made through wagtail-localize),
with an editor's account, an image and its renditions and a document added,
is read through the public API, exported, and rolled back: the database is
again the one ``migrate`` made for the test run, and the media files (in a
temporary ``MEDIA_ROOT``, as the site keeps them) are deleted. The backup is imported into it, and the API is read again. Both
module fixtures run inside transactions that are rolled back afterwards.
"""

import re
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import Client, override_settings
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import String, StringTranslation, Translation

from content_types.backup import export_content, import_content
from content_types.backup.restore import content_present
from content_types.models import ConferenceDocument, ConferencePage, Venue

from ..utils import make_conference, pages_url
from .helpers import LEAFLET, api_answers, empty_storage, make_document, make_image, stored_names

pytestmark = pytest.mark.django_db

TVINNING = "tvinning-slutkonferens-2009"
FILE_SYSTEM_STORAGE = "django.core.files.storage.FileSystemStorage"
PASSWORD = "Tvinning-2009-slutkonferens"


def add_editor_and_media():
    """An editor who uploaded a photo and a programme leaflet for the Tvinning conference."""
    editor = User.objects.create_user("redaktor", "redaktor@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name="Moderators"))
    conference = ConferencePage.objects.get(slug=TVINNING, locale__language_code="sv")
    conference.image = make_image(uploaded_by_user=editor)
    conference.documents = [
        ConferenceDocument(title="Programblad", document=make_document(uploaded_by_user=editor))
    ]
    conference.save_revision(user=editor).publish()


def site_state():
    """What the API does not show: accounts, revisions, wagtail-localize's records."""
    tvinning_nb = ConferencePage.objects.get(slug=TVINNING).get_translation(
        Locale.objects.get(language_code="nb")
    )
    translation = Translation.objects.get(
        source__object_id=tvinning_nb.translation_key, target_locale__language_code="nb"
    )
    return {
        "revisions": {
            revision.pk: (revision.object_id, revision.created_at, revision.content)
            for revision in Revision.objects.all()
        },
        "tree": list(Page.objects.order_by("path").values_list("pk", "path", "depth", "numchild")),
        "strings": String.objects.count(),
        "string translations": StringTranslation.objects.count(),
        "tvinning po": [(e.msgctxt, e.msgid, e.msgstr) for e in translation.export_po()],
        "accounts": {
            user.username: (user.password, sorted(user.groups.values_list("name", flat=True)))
            for user in User.objects.all()
        },
    }


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    """Media in files, as the site keeps them: Wagtail serves documents from their path."""
    root = tmp_path_factory.mktemp("media")
    storages = {**settings.STORAGES, "default": {"BACKEND": FILE_SYSTEM_STORAGE}}
    with override_settings(MEDIA_ROOT=str(root), STORAGES=storages):
        yield root


@pytest.fixture(scope="module")
def exported(media_root, demo_content, django_db_blocker, tmp_path_factory):
    directory = tmp_path_factory.mktemp("backup") / "samverkan"
    with django_db_blocker.unblock():
        with transaction.atomic():
            demo_content.lay_down()
            add_editor_and_media()
            cache.clear()
            before = SimpleNamespace(api=api_answers(Client()), state=site_state())
            files = {name: default_storage.open(name).read() for name in stored_names()}
            manifest = export_content(directory)
            transaction.set_rollback(True)
    empty_storage()  # files are not rolled back with the rows
    cache.clear()
    return SimpleNamespace(directory=directory, manifest=manifest, before=before, files=files)


@pytest.fixture(scope="module")
def restored(exported, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        migrated = SimpleNamespace(content=content_present(), pages=Page.objects.count())
        report = import_content(exported.directory)
        cache.clear()
        after = SimpleNamespace(api=api_answers(Client()), state=site_state())
        yield SimpleNamespace(report=report, migrated=migrated, after=after)
        transaction.set_rollback(True)
    empty_storage()
    cache.clear()


class TestTheBackup:
    def test_holds_both_languages_and_every_kind_of_record(self, exported):
        manifest = exported.manifest
        assert manifest.languages == ["nb", "sv"]
        for model in (
            "wagtailcore.page",
            "wagtailcore.revision",
            "wagtailcore.locale",
            "wagtailcore.site",
            "wagtail_localize.translationsource",
            "wagtail_localize.string",
            "wagtail_localize.stringsegment",
            "content_types.conferencepage",
            "content_types.person",
            "content_types.projectpage_regions",
            "wagtailimages.image",
            "wagtailimages.rendition",
            "wagtaildocs.document",
            "auth.user",
        ):
            assert manifest.objects[model] > 0, model
        assert "contenttypes.contenttype" not in manifest.objects
        assert "wagtailsearch.indexentry" not in manifest.objects

    def test_holds_every_media_file_with_its_checksum(self, exported):
        names = {file.name for file in exported.manifest.media}
        assert names == set(exported.files)
        assert any(name.startswith("original_images/") for name in names)
        assert any(name.startswith("images/") for name in names)  # renditions
        leaflet = next(
            file for file in exported.manifest.media if file.model == "wagtaildocs.document"
        )
        assert (exported.directory / "media" / leaflet.name).read_bytes() == LEAFLET
        assert exported.manifest.missing_media == []


class TestTheRestoredSite:
    def test_was_restored_into_a_database_as_migrate_left_it(self, restored):
        # Wagtail's root and welcome page only; no content, media or accounts.
        assert restored.migrated.content == {}
        assert restored.migrated.pages == 2
        assert restored.report.replaced == {}

    def test_answers_every_api_request_exactly_as_before(self, exported, restored):
        before, after = exported.before.api, restored.after.api
        listed = sum(
            before[pages_url(locale=language, limit=100)]["meta"]["total_count"]
            for language in ("sv", "nb")
        )
        details = [url for url in before if re.fullmatch(r"/api/v2/pages/\d+/", url)]
        assert len(details) == listed > 50
        assert list(after) == list(before)
        assert [url for url in before if after[url] != before[url]] == []

    def test_shows_the_document_and_the_image_in_both_answers(self, exported, restored):
        conference = ConferencePage.objects.get(slug=TVINNING, locale__language_code="sv")
        detail = restored.after.api[f"/api/v2/pages/{conference.pk}/"]
        assert detail["documents"][0]["title"] == "Programblad"
        assert detail["image"]["renditions"]["thumbnail"]["url"]
        assert detail == exported.before.api[f"/api/v2/pages/{conference.pk}/"]

    def test_serves_the_document_file(self, client, restored):
        conference = ConferencePage.objects.get(slug=TVINNING, locale__language_code="sv")
        document = conference.documents.get().document
        response = client.get(document.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == LEAFLET

    def test_has_every_media_file_back_in_storage(self, exported, restored, media_root):
        for name, content in exported.files.items():
            assert (media_root / name).read_bytes() == content, name

    def test_keeps_revisions_tree_translations_and_accounts(self, exported, restored):
        before, after = exported.before.state, restored.after.state
        for key in before:
            assert after[key] == before[key], key

    def test_lets_the_editor_log_in_with_the_same_password(self, restored):
        assert Client().login(username="redaktor", password=PASSWORD)

    def test_finds_content_through_the_rebuilt_search_index(self, client, restored):
        url = "/api/v2/pages/?search=Tvinning&locale=sv"
        assert client.get(url).json()["meta"]["total_count"] > 0

    def test_gives_new_pages_and_snippets_ids_of_their_own(self, restored):
        # On PostgreSQL the sequences must have been moved past the loaded ids.
        highest_page = Page.objects.order_by("-pk").first().pk
        highest_venue = Venue.objects.order_by("-pk").first().pk
        index = ConferencePage.objects.get(slug=TVINNING).get_parent()
        conference = make_conference(index, title="Tvinning igen")
        assert conference.pk > highest_page
        assert conference.venue.pk > highest_venue
