"""The strings that give a language away on a screen meant for the other one.

Swedish and Norwegian share many words, so a word list would prove little. The
tell-tales are derived from the catalogs Django loads, for every string the
admin shows: Wagtail's apps and wagtail-localize in both domains
(``content_types.localization.catalogs``) and the project's own catalog. A
language's translation of a string is a tell-tale of that language when

- each language's own catalogs translate it differently (the other language's
  may lack it: then Django would show this one's), and it is not the English;
- it is distinctive: at least two words, or one word of at least eight letters;
- the other language never says it: it appears in none of the other
  language's translations, nor in any English message.

Translations are cut at their placeholders, HTML tags and line breaks, so a
tell-tale is a run of text a screen shows in one piece. Text is compared as
words, case left aside: the admin's CSS writes some labels in capitals.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

from content_types.localization import catalogs
from content_types.localization.catalogs import Message

PROJECT_APP = "samverkan"
BREAK = re.compile(r"%\([^)]*\)[sdif]|%[sdif]|\{\w*\}|<[^>]*>|&\w+;|\n")
WORD = re.compile(r"\w+")
MIN_WORDS = 2
MIN_LETTERS = 8


@dataclass(frozen=True)
class TellTale:
    """A run of one language's translation of ``message`` that the other language never says."""

    language: str
    text: str
    message: Message

    @property
    def words(self):
        return words(self.text)

    def __str__(self):
        return f"{self.text!r} ({self.language}, msgid {self.message.msgid!r})"


def words(text):
    """``text`` as lower-case words between single spaces, padded: " sök bland alla sidor "."""
    return " " + " ".join(WORD.findall(text.casefold())) + " "


def runs(text):
    """The pieces of a translation a screen shows in one piece."""
    return [piece.strip() for piece in BREAK.split(text) if piece.strip()]


def is_distinctive(run):
    found = WORD.findall(run)
    return len(found) >= MIN_WORDS or (len(found) == 1 and len(found[0]) >= MIN_LETTERS)


def project_messages():
    """The messages of the project's own catalog (the Swedish one lists them all)."""
    path = Path(settings.BASE_DIR) / "locales" / "sv" / "LC_MESSAGES" / "django.po"
    return [
        Message(PROJECT_APP, entry.msgid, entry.msgid_plural, entry.msgctxt)
        for entry in polib.pofile(str(path))
        if entry.msgid and not entry.obsolete
    ]


def own_translations(language):
    """Each message the admin shows and the forms ``language``'s own catalogs give it."""
    translated = []
    django_catalogs = catalogs.own_catalogs(language, "django")
    for message in catalogs.admin_messages("django") + project_messages():
        translated.append((message, catalogs.own_translation(message, django_catalogs) or []))
    for app_config in catalogs.admin_apps():
        javascript_catalogs = catalogs.own_catalogs(language, "djangojs", app_config)
        for message in catalogs.admin_messages("djangojs"):
            if message.app == app_config.name:
                translated.append(
                    (message, catalogs.own_translation(message, javascript_catalogs) or [])
                )
    return translated


def tell_tales(language, other):
    """The tell-tales of ``language`` on a screen in ``other``, longest first."""
    never_said = "".join(
        words(run)
        for message, forms in own_translations(other)
        for text in [*forms, message.msgid, message.msgid_plural]
        for run in runs(text)
    )
    found = {}
    for message, forms in own_translations(language):
        for run in runs("\n".join(forms)):
            if is_distinctive(run) and words(run) not in never_said:
                found.setdefault(words(run), TellTale(language, run, message))
    return sorted(found.values(), key=lambda tell_tale: -len(tell_tale.words))


def found_in(text, tell_tales, *, content=()):
    """The tell-tales ``text`` contains, once the ``content`` strings are taken out of it."""
    shown = words(text)
    for piece in sorted({words(piece) for piece in content}, key=len, reverse=True):
        while piece.strip() and piece in shown:  # again for a piece right after itself
            shown = shown.replace(piece, " | ")
    return [tell_tale for tell_tale in tell_tales if tell_tale.words in shown]
