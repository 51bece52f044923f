"""``manifest.json``: what a backup holds, so that an import can check it before loading."""

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

FORMAT = "samverkan-backup"
VERSION = 1
MANIFEST_FILE = "manifest.json"
DATA_FILE = "content.json"
MEDIA_DIRECTORY = "media"


class BackupError(Exception):
    """A backup cannot be written or read, or does not fit the database; nothing was changed."""


@dataclass
class MediaFile:
    """A file a row names: ``model``'s ``field`` holds ``name`` in its storage."""

    model: str
    field: str
    name: str
    size: int
    sha256: str


@dataclass
class Manifest:
    created_at: str
    database: str
    languages: list[str]
    # Rows per model label, e.g. {"wagtailcore.page": 195}.
    objects: dict[str, int]
    # Content type id (as a string) in the exported database -> [app_label, model].
    content_types: dict[str, list[str]]
    # App label -> the migrations applied in the exported database.
    migrations: dict[str, list[str]]
    media: list[MediaFile] = field(default_factory=list)
    # Files named by a row but absent from storage when the backup was made.
    missing_media: list[MediaFile] = field(default_factory=list)
    format: str = FORMAT
    version: int = VERSION
    data: str = DATA_FILE

    def write(self, directory):
        path = Path(directory) / MANIFEST_FILE
        path.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n")
        return path

    @classmethod
    def read(cls, directory):
        path = Path(directory) / MANIFEST_FILE
        try:
            values = json.loads(path.read_text())
        except FileNotFoundError:
            raise BackupError(f"{path}: no such file; is {directory} a backup?") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BackupError(f"{path}: cannot be read ({error})") from None
        if not isinstance(values, dict) or values.get("format") != FORMAT:
            raise BackupError(f"{path}: not the manifest of a Samverkan backup")
        if values.get("version") != VERSION:
            raise BackupError(
                f"{path}: backup format version {values.get('version')!r}; "
                f"this version of the site reads version {VERSION}"
            )
        try:
            media = [MediaFile(**item) for item in values.pop("media")]
            missing = [MediaFile(**item) for item in values.pop("missing_media")]
            return cls(**values, media=media, missing_media=missing)
        except (KeyError, TypeError) as error:
            raise BackupError(f"{path}: incomplete or damaged ({error})") from None
