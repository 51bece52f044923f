"""Offline translation through PO files.

Translators who work outside the admin get one PO file per page or snippet
still waiting for translation, fill in the ``msgstr`` lines with whatever tool
they like, and hand the files back. A file holds only the work: the strings
not translated yet. A string the source changed since it was translated comes
with its earlier translation as a ``fuzzy`` suggestion (and the earlier
source text as ``#| msgid``), so the translator edits rather than starts over.
Before exporting, the copies of sources republished since they were taken are
refreshed (``sync.py``), so an outdated translation is exported with what
changed. wagtail-localize does the heavy lifting
(``Translation.export_po``, ``import_po``, ``save_target``); this module adds
what it leaves to the caller:

- ``import_po`` quietly skips strings it does not know and returns warnings, so
  a file exported before the source changed would be half imported; and it
  stores a translation with broken markup (an invented ``<a id>``, a block tag)
  flagged as an error, which ``save_target`` then leaves out, so the page keeps
  the source text without a word. Here every file is checked before anything
  is written (known strings, wagtail-localize's own markup checks, field
  lengths), and one bad file stops the whole import: a batch from a translator
  goes in completely or not at all.
- Translated pages are saved as drafts, never published: an editor reviews them
  in the admin first.
- A file that changes no string changes nothing: no new revision, so handing
  back an untouched export leaves no trace in the page history.

Gettext conventions are kept: entries marked ``fuzzy`` are suggestions, not
translations, and are not imported; ``#~`` obsolete entries (wagtail-localize
adds them for reference) are ignored.
"""

import uuid
from dataclasses import dataclass
from pathlib import Path

import polib
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.strings import StringValue, validate_translation_links

from .drafts import save_translation_draft
from .status import count_of, translated
from .sync import sync_stale_sources

TRANSLATION_ID_HEADER = "X-WagtailLocalize-TranslationID"
TOOL_NAME = "PO file"

# Long titles make unwieldy file names; the UUID keeps names unique anyway.
MAX_NAME_LENGTH = 60
# Enough problems to show what went wrong without flooding the terminal.
MAX_PROBLEMS_PER_FILE = 5


class POImportError(Exception):
    """A PO file (or the directory) cannot be imported; nothing was changed.

    ``problems`` lists ``(path, message)`` pairs so callers can show each one;
    the exception's text names every file and its problem.
    """

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(
            "Nothing was imported:\n"
            + "\n".join(f"  {path}: {message}" for path, message in self.problems)
        )


@dataclass(frozen=True)
class ImportedFile:
    """What importing one file did: ``imported`` strings were new or changed.

    ``draft`` is true for pages (saved as a draft revision); snippets have no
    drafts and are saved as they are.
    """

    path: Path
    translation: Translation
    imported: int
    draft: bool

    @property
    def saved(self):
        """Whether the translated page or snippet was saved (only when a string changed)."""
        return self.imported > 0


# Export ----------------------------------------------------------------


def pending_translations(locale):
    """Enabled translations into ``locale`` with at least one string untranslated."""
    segments = StringSegment.objects.filter(source_id=OuterRef("source_id"))
    return (
        Translation.objects.filter(target_locale=locale, enabled=True)
        .annotate(
            strings=count_of(segments),
            done=count_of(translated(segments, OuterRef(OuterRef("target_locale_id")))),
        )
        .filter(done__lt=F("strings"))
        .select_related("source", "target_locale")
        .order_by("source__object_repr", "pk")
    )


def file_name(translation):
    """``<slug of what is translated>-<translation uuid>.po``: readable and unique."""
    name = slugify(translation.source.object_repr)[:MAX_NAME_LENGTH].strip("-")
    return f"{name or 'translation'}-{translation.uuid}.po"


def export_translation(translation, directory, work_only=False):
    """Write ``translation``'s PO file into ``directory``.

    With ``work_only`` the file holds the strings still to translate (``work_po``),
    else every string, with the translations made so far. The header carries the
    translation's UUID, which is all the import needs to find it again, whatever
    the file is renamed to.
    """
    path = Path(directory) / file_name(translation)
    po = work_po(translation) if work_only else translation.export_po()
    po.save(str(path))
    return path


def work_po(translation):
    """The strings of ``translation`` not translated yet, in the source's order.

    Where the place of a string was translated before (its source text
    changed), the latest earlier translation is the ``msgstr``, marked
    ``fuzzy``, with the earlier source text as ``previous_msgid``: a
    suggestion, which the import leaves alone until the translator confirms it.
    """
    locale_id = translation.target_locale_id
    segments = StringSegment.objects.filter(source_id=translation.source_id)
    earlier = (
        StringTranslation.objects.filter(
            context_id=OuterRef("context_id"), locale_id=locale_id, has_error=False
        )
        .exclude(translation_of_id=OuterRef("string_id"))
        .order_by("-updated_at", "-pk")
    )
    todo = (
        segments.exclude(pk__in=translated(segments, locale_id).values("pk"))
        .annotate(
            earlier_msgstr=Subquery(earlier.values("data")[:1]),
            earlier_msgid=Subquery(earlier.values("translation_of__data")[:1]),
        )
        .select_related("string", "context")
        .order_by("order")
    )
    po = polib.POFile(wrapwidth=200)
    po.metadata = {
        "POT-Creation-Date": str(timezone.now()),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=utf-8",
        TRANSLATION_ID_HEADER: str(translation.uuid),
    }
    for segment in todo:
        entry = polib.POEntry(msgid=segment.string.data, msgctxt=segment.context.path, msgstr="")
        if segment.earlier_msgstr is not None:
            entry.msgstr = segment.earlier_msgstr
            entry.flags.append("fuzzy")
            entry.previous_msgid = segment.earlier_msgid
        po.append(entry)
    return po


def export_pending(locale, directory):
    """Export the work of every translation into ``locale`` that needs some; returns the paths.

    Sources published since their copy was taken are synced first.
    """
    sync_stale_sources(locale)
    return [
        export_translation(translation, directory, work_only=True)
        for translation in pending_translations(locale)
    ]


# Import ----------------------------------------------------------------


@dataclass
class _Checked:
    path: Path
    po: polib.POFile
    translation: Translation


def import_directory(directory, user=None):
    """Import every ``*.po`` file in ``directory``, all or nothing.

    Raises ``POImportError`` naming each bad file when any file cannot be
    parsed, names no enabled translation, holds a string that is not in the
    current source of its translation (the source changed since the export), or
    a translation with markup or a length the target cannot take.
    Returns one ``ImportedFile`` per file, in file-name order.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise POImportError([(directory, "no such directory")])
    with transaction.atomic():
        # Any exception below leaves the atomic block and undoes every file.
        checked = check_files(sorted(directory.glob("*.po")))
        return [import_checked(item, user) for item in checked]


def check_files(paths):
    """Parse and validate every file; raise ``POImportError`` listing all problems."""
    problems = []
    checked = []
    for path in paths:
        try:
            item = check_file(path)
        except _FileProblem as problem:
            problems.extend((path, message) for message in problem.messages)
        else:
            checked.append(item)
    seen = {}
    for item in checked:
        first = seen.setdefault(item.translation.pk, item.path)
        if first != item.path:
            problems.append(
                (item.path, f"translates the same as {first.name}; keep only one of them")
            )
    if problems:
        raise POImportError(problems)
    return checked


class _FileProblem(Exception):
    def __init__(self, *messages):
        self.messages = messages


def check_file(path):
    try:
        po = polib.pofile(str(path), check_for_duplicates=True)
    except (OSError, ValueError) as error:
        # polib reports syntax errors as OSError, bad bytes and duplicates as ValueError.
        raise _FileProblem(f"not a readable PO file ({error})") from error
    translation = translation_named_by(po)
    problems = list(entry_problems(po, translation))
    if problems:
        shown = problems[:MAX_PROBLEMS_PER_FILE]
        if len(problems) > len(shown):
            shown.append(f"and {len(problems) - len(shown)} more problems")
        raise _FileProblem(*shown)
    return _Checked(path=Path(path), po=po, translation=translation)


def translation_named_by(po):
    value = po.metadata.get(TRANSLATION_ID_HEADER, "").strip()
    if not value:
        raise _FileProblem(
            f"no {TRANSLATION_ID_HEADER} header; only files exported from this site can be imported"
        )
    try:
        key = uuid.UUID(value)
    except ValueError:
        raise _FileProblem(f"{TRANSLATION_ID_HEADER} '{value}' is not a translation id") from None
    translation = (
        Translation.objects.filter(uuid=key).select_related("source", "target_locale").first()
    )
    if translation is None:
        raise _FileProblem(f"translation {value} does not exist (deleted, or from another site)")
    if not translation.enabled:
        raise _FileProblem(f"translation {value} of '{translation.source.object_repr}' is disabled")
    return translation


def entries_to_check(po):
    """Every entry but the ``#~`` obsolete ones wagtail-localize adds for reference."""
    return [entry for entry in po if not entry.obsolete]


def entries_to_import(po):
    return [entry for entry in entries_to_check(po) if entry.msgstr and "fuzzy" not in entry.flags]


def entry_problems(po, translation):
    """What stops the entries of ``po`` from being imported into ``translation``.

    wagtail-localize would skip an unknown string with a warning, and keep a
    translation with broken markup but quietly leave it out of the page (the
    page keeps the source text); both are reported here instead.
    """
    known = set(
        StringSegment.objects.filter(source=translation.source).values_list(
            "string__data", "context__path"
        )
    )
    model = translation.source.specific_content_type.model_class()
    imported = {id(entry) for entry in entries_to_import(po)}
    for entry in entries_to_check(po):
        if (entry.msgid, entry.msgctxt) not in known:
            yield (
                f"line {entry.linenum}: {describe(entry)} is not in the current source of "
                f"'{translation.source.object_repr}' (changed since the export? export again)"
            )
        elif id(entry) in imported:
            problem = translation_problem(entry, model)
            if problem:
                yield f"line {entry.linenum}: the msgstr of {describe(entry)} {problem}"


def translation_problem(entry, model):
    try:
        # The checks wagtail-localize runs when it stores a translated string.
        StringValue.from_translated_html(entry.msgstr)
        validate_translation_links(entry.msgid, entry.msgstr)
    except ValueError as error:
        return f"is not valid: {error}"
    limit = max_length(model, entry.msgctxt)
    if limit is not None and len(entry.msgstr) > limit:
        return f"is {len(entry.msgstr)} characters long; the field holds at most {limit}"
    return None


def max_length(model, path):
    """The length limit of a plain model field; paths into inline rows or blocks have none here."""
    if not path or "." in path:
        return None
    try:
        return getattr(model._meta.get_field(path), "max_length", None)
    except FieldDoesNotExist:
        return None


def describe(entry):
    text = entry.msgid if len(entry.msgid) <= 60 else entry.msgid[:57] + "..."
    return f"msgid {text!r} (msgctxt {entry.msgctxt!r})"


def import_checked(item, user):
    translation = item.translation
    entries = entries_to_import(item.po)
    is_page = issubclass(translation.source.specific_content_type.model_class(), Page)
    imported = count_changes(translation, entries)
    if not imported:
        return ImportedFile(item.path, translation, imported=0, draft=is_page)
    po = polib.POFile(wrapwidth=item.po.wrapwidth)
    po.metadata = dict(item.po.metadata)
    po.extend(entries)
    try:
        # A savepoint: a database error leaves the outer transaction usable, so
        # the whole import can be rolled back and reported.
        with transaction.atomic():
            warnings = translation.import_po(po, user=user, tool_name=TOOL_NAME)
            if warnings:
                # The checks above should make this unreachable; never save half a file.
                raise POImportError([(item.path, f"wagtail-localize skipped entries: {warnings}")])
            if is_page:
                save_translation_draft(translation, user=user)
            else:
                translation.save_target(user=user)
    except DatabaseError as error:
        # What the checks could not foresee and the database refuses (PostgreSQL
        # enforces lengths that SQLite does not).
        raise POImportError(
            [(item.path, f"the translation is not valid: {str(error).strip()}")]
        ) from error
    except (ValidationError, AttributeError) as error:
        # wagtail-localize 1.14 turns a ValidationError without field names (what
        # Page.minimal_clean raises) into an AttributeError while handling it.
        invalid = error if isinstance(error, ValidationError) else error.__context__
        if not isinstance(invalid, ValidationError):
            raise
        raise POImportError(
            [(item.path, f"the translation is not valid: {'; '.join(invalid.messages)}")]
        ) from error
    return ImportedFile(item.path, translation, imported=imported, draft=is_page)


def count_changes(translation, entries):
    """How many ``entries`` would create or change a translated string."""
    rows = StringTranslation.objects.filter(
        translation_of__locale=translation.source.locale_id,
        context__object_id=translation.source.object_id,
        locale=translation.target_locale,
    ).values_list("translation_of__data", "context__path", "data")
    current = {(string, context): data for string, context, data in rows}
    return sum(1 for entry in entries if current.get((entry.msgid, entry.msgctxt)) != entry.msgstr)
