"""Restoring a backup: checked first, then loaded in one transaction, all or nothing.

An import replaces every row of the backed-up models, those ``migrate`` made
included (Wagtail's root and welcome page, the default site, locale, collection,
groups and workflow), so that the restored site is the exported one, with the
same ids: revisions and translation sources hold ids inside their JSON.
Content type ids are the exception; they are made by ``migrate`` in each
database, and where they differ from the exported ones the JSON is rewritten.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import TranslationSource

from ..delivery.refresh import refresh_everything
from .manifest import MEDIA_DIRECTORY, BackupError, Manifest
from .media import check_media, import_media, path_in
from .selection import emptied_models


@dataclass
class ImportReport:
    manifest: Manifest
    # What the database held before, when it was replaced: {"pages": 12, ...}.
    replaced: dict


def import_content(directory, *, replace=False):
    """Load the backup in ``directory``; with ``replace``, whatever the database holds goes.

    Without ``replace`` the database must be as ``migrate`` left it. Everything
    is checked before anything changes: the manifest, the migrations, the
    models, every media file's size and checksum. Then, in one transaction, the
    tables are emptied and loaded, the content type ids in revisions and
    translation sources are brought in line with this database, the search and
    reference indexes rebuilt and the media copied to storage.
    """
    directory = Path(directory)
    manifest = Manifest.read(directory)
    data = path_in(directory, manifest.data)
    if not data.is_file():
        raise BackupError(f"{data}: no such file; the backup is incomplete")
    check_models(manifest)
    check_migrations(manifest)
    check_media(manifest.media, directory / MEDIA_DIRECTORY)

    with transaction.atomic():
        present = content_present()
        if present and not replace:
            raise BackupError(
                f"The database already holds {describe(present)}. Import into a database that "
                "only `manage.py migrate` has prepared, or pass --replace to delete everything "
                "in it first."
            )
        empty(emptied_models())
        load(data)
        check_counts(manifest)
        renumber_content_types(content_type_ids(manifest))
        call_command("rebuild_references_index", verbosity=0)
        call_command("update_index", verbosity=0)
        import_media(manifest.media, directory / MEDIA_DIRECTORY)
        transaction.on_commit(forget_cached_state, robust=True)
    return ImportReport(manifest=manifest, replaced=present)


# Checks before anything changes


def check_models(manifest):
    unknown = [name for name in manifest.objects if not model_exists(name)]
    if unknown:
        raise BackupError(
            "The backup holds rows of models this site does not have: " + ", ".join(unknown)
        )


def model_exists(name):
    try:
        apps.get_model(name)
    except (LookupError, ValueError):
        return False
    return True


def check_migrations(manifest):
    """The database's schema must be the one the backup was made from, app by app."""
    applied = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app_label, set()).add(name)
    differences = []
    for app_label, names in manifest.migrations.items():
        here = applied.get(app_label, set())
        if set(names) != here:
            differences.append(
                f"  {app_label}: backup at {max(names)}, database at {max(here, default='none')}"
            )
    if differences:
        raise BackupError(
            "The database is not migrated to the state the backup was made in:\n"
            + "\n".join(differences)
            + "\nRestore with the version of the site the backup was made with (migrate, "
            "import), then upgrade it."
        )


def content_present():
    """What the database holds beyond what ``migrate`` makes, e.g. {"pages": 3}."""
    placeholders = Q(depth=1) | Q(
        depth=2, numchild=0, content_type=ContentType.objects.get_for_model(Page)
    )
    counts = {
        "pages": Page.objects.exclude(placeholders).count(),
        "snippets": sum(model._base_manager.count() for model in get_snippet_models()),
        "images": get_image_model()._base_manager.count(),
        "documents": get_document_model()._base_manager.count(),
        "user accounts": get_user_model()._base_manager.count(),
    }
    return {what: count for what, count in counts.items() if count}


def describe(counts):
    parts = [f"{count} {what}" for what, count in counts.items()]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


# Loading


def empty(models):
    """Delete every row of ``models`` without signals; foreign keys are checked at commit."""
    if connection.vendor == "postgresql":
        # PostgreSQL refuses to truncate a table whose foreign key checks are
        # still pending in this transaction (rows written earlier in it): run them now.
        connection.check_constraints()
    existing = set(connection.introspection.table_names())
    tables = [model._meta.db_table for model in models if model._meta.db_table in existing]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=False)
    connection.ops.execute_sql_flush(statements)


def load(data):
    try:
        call_command("loaddata", str(data), verbosity=0)
    except (DeserializationError, IntegrityError, DatabaseError) as error:
        raise BackupError(f"{data} cannot be loaded; nothing was imported: {error}") from error


def check_counts(manifest):
    wrong = []
    for name, expected in manifest.objects.items():
        found = apps.get_model(name)._base_manager.count()
        if found != expected:
            wrong.append(f"  {name}: {found} rows, the backup has {expected}")
    if wrong:
        raise BackupError("The loaded rows do not match the manifest:\n" + "\n".join(wrong))


def content_type_ids(manifest):
    """Exported content type id -> this database's, for the ids that differ."""
    here = {
        content_type.natural_key(): content_type.pk for content_type in ContentType.objects.all()
    }
    moved = {}
    for exported, natural_key in manifest.content_types.items():
        pk = here.get(tuple(natural_key))
        if pk is not None and pk != int(exported):
            moved[int(exported)] = pk
    return moved


def renumber_content_types(moved):
    """Rewrite the content type ids inside revisions and translation sources.

    A page's revision and wagtail-localize's copy of its source hold the page
    as JSON, content type id included: publishing that revision, or syncing
    a translation, makes a page of that type.
    """
    if not moved:
        return
    revisions = []
    for revision in Revision.objects.only("pk", "content").iterator(chunk_size=1000):
        if renumbered(revision.content, moved):
            revisions.append(revision)
    Revision.objects.bulk_update(revisions, ["content"], batch_size=500)

    sources = []
    for source in TranslationSource.objects.only("pk", "content_json").iterator(chunk_size=1000):
        content = json.loads(source.content_json)
        if renumbered(content, moved):
            source.content_json = json.dumps(content, cls=DjangoJSONEncoder)
            sources.append(source)
    TranslationSource.objects.bulk_update(sources, ["content_json"], batch_size=500)


def renumbered(content, moved):
    """Change ``content["content_type"]`` by ``moved``; return whether it changed."""
    content_type = content.get("content_type") if isinstance(content, dict) else None
    if content_type in moved:
        content["content_type"] = moved[content_type]
        return True
    return False


def forget_cached_state():
    """What processes cached about the replaced content: site roots, API answers."""
    Site.clear_site_root_paths_cache()
    refresh_everything()
