"""Backup and restore of the whole site: content, translations, media and accounts.

``export_content(directory)`` writes

- ``content.json``: every row of every model that makes the site (pages and
  their revisions, locales, sites, collections, view restrictions, workflows,
  wagtail-localize's sources, strings and segments, snippets, images,
  renditions, documents, tags, redirects, user accounts and groups), in
  Django's serialization format, loadable with ``loaddata``;
- ``media/``: the files those rows name (original images, renditions,
  documents, avatars), under their storage names;
- ``manifest.json``: the format version, the rows per model, every media file
  with its size and SHA-256, the content types by id and the migrations the
  database was at.

``import_content(directory)`` loads such a directory into a database that
``migrate`` has prepared and nothing else has touched (or, with
``replace=True``, into any database, deleting what it holds), copies the media
back and rebuilds the search and reference indexes: all or nothing.

``selection`` decides which models are backed up, ``serializer`` how rows are
written, ``media`` copies files, ``manifest`` describes a backup,
``export`` and ``restore`` do the two halves.
"""

from .export import export_content
from .manifest import BackupError
from .restore import import_content

__all__ = ["BackupError", "export_content", "import_content"]
