"""An import checks the backup and the database before it changes anything.

A small site (the shared tree, a conference with a programme item and a
leaflet, translated into Norwegian) is exported once for the module; the
tests import it back over the module's database, each in its own savepoint.
"""

import json
import shutil
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from wagtail.models import Page, Revision
from wagtail_localize.models import TranslationSource

from content_types.backup import BackupError, export_content, import_content
from content_types.models import ConferenceDocument, ConferencePage

from ..localization.helpers import publish_translation, start_translation, translate_all
from ..utils import make_conference, make_programme_item, pages_url
from .helpers import make_document, stored_names

pytestmark = pytest.mark.django_db

CONFERENCES = pages_url(type="content_types.ConferencePage", fields="*", locale="sv")


@pytest.fixture(scope="module")
def backup(site_tree, django_db_blocker, tmp_path_factory):
    """The small site, exported; what the API answered then."""
    files_before = set(stored_names())
    with django_db_blocker.unblock():
        conference = make_conference(site_tree["conference_index"], title="Biblioteksdagarna")
        conference.documents = [ConferenceDocument(title="Program", document=make_document())]
        conference.save_revision().publish()
        make_programme_item(conference, title="Inledning")
        translation, _draft = start_translation(conference, site_tree["nb_locale"])
        translate_all(translation)
        publish_translation(translation)
        directory = tmp_path_factory.mktemp("backup") / "site"
        export_content(directory)
        conferences = Client().get(CONFERENCES).json()
    yield SimpleNamespace(directory=directory, conference=conference, conferences=conferences)
    for name in set(stored_names()) - files_before:
        default_storage.delete(name)


@pytest.fixture
def copy_of(backup, tmp_path):
    """A copy of the backup to damage; ``change(manifest, data)`` edits its two JSON files."""

    def copy(change=None):
        directory = tmp_path / "copy"
        shutil.copytree(backup.directory, directory)
        manifest = json.loads((directory / "manifest.json").read_text())
        data = json.loads((directory / "content.json").read_text())
        if change is not None:
            change(manifest, data)
        (directory / "manifest.json").write_text(json.dumps(manifest))
        (directory / "content.json").write_text(json.dumps(data))
        return directory

    return copy


def add_a_page(backup):
    conference = ConferencePage.objects.get(pk=backup.conference.pk)
    return make_programme_item(conference, title="Efter säkerhetskopian")


class TestRefusals:
    def test_a_database_with_content_is_left_alone_without_replace(self, backup):
        added = add_a_page(backup)
        with pytest.raises(BackupError, match="already holds .* pages.*pass --replace"):
            import_content(backup.directory)
        assert Page.objects.filter(pk=added.pk).exists()

    def test_damaged_media_stop_the_import_before_anything_changes(self, backup, copy_of):
        added = add_a_page(backup)
        directory = copy_of()
        (leaflet,) = (directory / "media" / "documents").iterdir()
        leaflet.write_bytes(b"not the leaflet")
        with pytest.raises(BackupError, match="documents/.*not the file that was backed up"):
            import_content(directory, replace=True)
        assert Page.objects.filter(pk=added.pk).exists()

    def test_a_missing_media_file_stops_the_import(self, backup, copy_of):
        directory = copy_of()
        shutil.rmtree(directory / "media")
        with pytest.raises(BackupError, match="documents/.*: missing"):
            import_content(directory, replace=True)

    def test_another_format_version_is_refused(self, copy_of):
        directory = copy_of(lambda manifest, data: manifest.update(version=2))
        with pytest.raises(
            BackupError, match="version 2; this version of the site reads version 1"
        ):
            import_content(directory, replace=True)

    def test_a_directory_without_manifest_is_no_backup(self, tmp_path):
        with pytest.raises(BackupError, match="no such file; is .* a backup"):
            import_content(tmp_path, replace=True)

    def test_a_database_at_other_migrations_is_refused(self, copy_of):
        def newer(manifest, data):
            manifest["migrations"]["wagtailcore"].append("9999_from_the_future")

        with pytest.raises(BackupError, match="wagtailcore: backup at 9999_from_the_future"):
            import_content(copy_of(newer), replace=True)

    def test_rows_of_models_the_site_lacks_are_refused(self, copy_of):
        directory = copy_of(lambda manifest, data: manifest["objects"].update({"shop.order": 3}))
        with pytest.raises(BackupError, match="models this site does not have: shop.order"):
            import_content(directory, replace=True)

    def test_an_export_needs_an_empty_directory(self, backup):
        with pytest.raises(BackupError, match="not an empty directory"):
            export_content(backup.directory)


class TestReplace:
    def test_brings_back_the_exported_site(self, backup, client):
        added = add_a_page(backup)
        conference = ConferencePage.objects.get(pk=backup.conference.pk)
        conference.title = "Omdöpt"
        conference.save_revision().publish()

        report = import_content(backup.directory, replace=True)

        assert report.replaced["pages"] > 0
        assert not Page.objects.filter(pk=added.pk).exists()
        assert client.get(CONFERENCES).json() == backup.conferences

    def test_makes_the_cached_api_answers_stale(
        self, backup, settings, django_capture_on_commit_callbacks
    ):
        settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "CACHE_ENABLED": True}
        conference = ConferencePage.objects.get(pk=backup.conference.pk)
        conference.title = "Omdöpt"
        with django_capture_on_commit_callbacks(execute=True):
            conference.save_revision().publish()
        client = Client()
        assert client.get(CONFERENCES).json()["items"][0]["title"] == "Omdöpt"  # now stored

        with django_capture_on_commit_callbacks(execute=True):
            import_content(backup.directory, replace=True)

        assert client.get(CONFERENCES).json()["items"][0]["title"] == "Biblioteksdagarna"

    def test_rewrites_content_type_ids_that_differ_in_this_database(self, copy_of):
        """As if the backup came from a database whose content types were made in another order."""

        def other_ids(manifest, data):
            moved = {int(pk): int(pk) + 1000 for pk in manifest["content_types"]}
            manifest["content_types"] = {
                str(moved[int(pk)]): key for pk, key in manifest["content_types"].items()
            }
            for row in data:
                if row["model"] == "wagtailcore.revision":
                    content = row["fields"]["content"]
                    content["content_type"] = moved[content["content_type"]]
                elif row["model"] == "wagtail_localize.translationsource":
                    content = json.loads(row["fields"]["content_json"])
                    content["content_type"] = moved[content["content_type"]]
                    row["fields"]["content_json"] = json.dumps(content)

        import_content(copy_of(other_ids), replace=True)

        revisions = Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page)
        )
        assert revisions.count() > 5
        for revision in revisions:
            page = Page.objects.get(pk=revision.object_id)
            assert revision.content["content_type"] == page.content_type_id
            assert type(revision.as_object()) is page.specific_class
        for source in TranslationSource.objects.all():
            content_type = json.loads(source.content_json)["content_type"]
            assert content_type == source.specific_content_type_id


class TestCommands:
    def test_export_content_reports_what_it_wrote(self, site_tree, tmp_path, capsys):
        call_command("export_content", str(tmp_path / "backup"))
        output = capsys.readouterr().out
        assert "Backed up" in output and "languages nb, sv" in output
        assert (tmp_path / "backup" / "manifest.json").is_file()

    def test_import_content_refuses_with_the_reason(self, backup):
        with pytest.raises(CommandError, match="already holds"):
            call_command("import_content", str(backup.directory))

    def test_import_content_replace_says_what_it_replaced(self, backup, capsys):
        with transaction.atomic():
            call_command("import_content", str(backup.directory), "--replace")
        output = capsys.readouterr().out
        assert "Replaced what the database held:" in output
        assert "Restored" in output
