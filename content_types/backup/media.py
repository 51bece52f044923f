"""The files rows name (images, renditions, documents, avatars), between storage and ``media/``.

Files are read and written through each file field's own storage, so a site
keeping its media in S3 is backed up the same way as one keeping them on disk.
In the backup a file keeps its storage name (``original_images/sal.png``),
which is what the rows hold.
"""

import hashlib
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.db.models import FileField

from .manifest import BackupError, MediaFile

CHUNK_SIZE = 1024 * 1024
# Enough to show what is wrong without flooding the terminal.
MAX_PROBLEMS_SHOWN = 10


def named_files(models):
    """``(model, field, name)`` for every file a row of ``models`` names, each name once."""
    seen = set()
    for model in models:
        for field in model._meta.local_fields:
            if not isinstance(field, FileField):
                continue
            names = (
                model._base_manager.exclude(**{f"{field.attname}__isnull": True})
                .exclude(**{field.attname: ""})
                .order_by("pk")
                .values_list(field.attname, flat=True)
            )
            for name in names.iterator():
                if name not in seen:
                    seen.add(name)
                    yield model, field, name


def path_in(directory, name):
    """Where the file stored as ``name`` goes in ``directory``; never outside it."""
    directory = Path(directory).resolve()
    path = (directory / name).resolve()
    if not path.is_relative_to(directory) or path == directory:
        raise BackupError(f"Media file name {name!r} points outside {directory}")
    return path


def copy_with_digest(source, target):
    """Copy the open binary file ``source`` to ``target``; return (size, SHA-256 hex)."""
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK_SIZE):
        digest.update(chunk)
        size += len(chunk)
        target.write(chunk)
    return size, digest.hexdigest()


def digest_of(path):
    with open(path, "rb") as source:
        return hashlib.file_digest(source, "sha256").hexdigest()


def export_media(models, directory):
    """Copy every file the rows of ``models`` name into ``directory``; return (copied, missing)."""
    copied, missing = [], []
    for model, field, name in named_files(models):
        label = model._meta.label_lower
        if not field.storage.exists(name):
            missing.append(MediaFile(label, field.name, name, size=0, sha256=""))
            continue
        target = path_in(directory, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        with field.storage.open(name, "rb") as source, open(target, "wb") as out:
            size, sha256 = copy_with_digest(source, out)
        copied.append(MediaFile(label, field.name, name, size, sha256))
    return copied, missing


def check_media(files, directory):
    """Raise BackupError unless every file of ``files`` is in ``directory`` as it was exported."""
    problems = []
    for file in files:
        path = path_in(directory, file.name)
        if not path.is_file():
            problems.append(f"{file.name}: missing")
        elif path.stat().st_size != file.size or digest_of(path) != file.sha256:
            problems.append(
                f"{file.name}: not the file that was backed up (size or SHA-256 differ)"
            )
    if problems:
        shown = "\n".join(f"  {problem}" for problem in problems[:MAX_PROBLEMS_SHOWN])
        more = len(problems) - MAX_PROBLEMS_SHOWN
        raise BackupError(
            f"The media files in {directory} do not match the manifest; nothing was imported:\n"
            + shown
            + (f"\n  ... and {more} more" if more > 0 else "")
        )


def storage_of(file):
    try:
        return apps.get_model(file.model)._meta.get_field(file.field).storage
    except LookupError as error:
        raise BackupError(f"Media file {file.name}: {error}") from None


def import_media(files, directory):
    """Write every file of ``files`` from ``directory`` back to its storage, under its own name."""
    for file in files:
        storage = storage_of(file)
        if storage.exists(file.name):
            storage.delete(file.name)
        with open(path_in(directory, file.name), "rb") as source:
            saved = storage.save(file.name, File(source, name=Path(file.name).name))
        if saved != file.name:
            raise BackupError(f"Media file {file.name} was stored as {saved}; nothing was imported")
