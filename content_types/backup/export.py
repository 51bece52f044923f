"""Writing a backup: the rows, the media files and the manifest, from one snapshot."""

import shutil
from contextlib import contextmanager
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from wagtail.models import Locale

from .manifest import DATA_FILE, MEDIA_DIRECTORY, BackupError, Manifest
from .media import export_media
from .selection import backed_up_models, emptied_models
from .serializer import write_rows


def export_content(directory):
    """Write a backup of the whole site into ``directory`` (new or empty); return its Manifest.

    The manifest is written last: a directory with a manifest holds a complete
    backup. If anything fails, the directory is left empty.
    """
    directory = Path(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise BackupError(f"{directory} is not an empty directory; a backup needs one of its own")
    directory.mkdir(parents=True, exist_ok=True)
    try:
        with snapshot():
            models = backed_up_models()
            with open(directory / DATA_FILE, "w", encoding="utf-8") as stream:
                objects = write_rows(models, stream)
            media, missing = export_media(models, directory / MEDIA_DIRECTORY)
            manifest = Manifest(
                created_at=timezone.now().isoformat(),
                database=connection.vendor,
                languages=sorted(Locale.objects.values_list("language_code", flat=True)),
                objects=objects,
                content_types={
                    str(content_type.pk): list(content_type.natural_key())
                    for content_type in ContentType.objects.order_by("pk")
                },
                migrations=applied_migrations(),
                media=media,
                missing_media=missing,
            )
        manifest.write(directory)
    except BaseException:
        for path in directory.iterdir():
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        raise
    return manifest


@contextmanager
def snapshot():
    """One transaction for the whole export, so that rows and files agree with each other.

    PostgreSQL's default isolation shows each query the rows committed before
    it; repeatable read shows every query the rows committed before the first.
    A SQLite read transaction sees one state of the database throughout.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def applied_migrations():
    """The migrations applied to the apps whose tables a backup fills or an import empties."""
    apps = {model._meta.app_label for model in emptied_models()}
    applied = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        if app_label in apps:
            applied.setdefault(app_label, []).append(name)
    return {app_label: sorted(names) for app_label, names in sorted(applied.items())}
