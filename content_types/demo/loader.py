"""Loads the demo content: the five seed documents as real pages and snippets."""

from pathlib import Path

import polib
from django.conf import settings
from django.db import transaction

from .builder import DemoBuilder
from .seeds import jonkoping, kompobib, sydost, troms, tvinning
from .tree import build_trees

TRANSLATIONS = Path(__file__).resolve().parent / "translations"


@transaction.atomic
def load_demo_content():
    """Create whatever of the demo content is missing; return a DemoReport.

    Swedish is the source language of the site structure; the Troms seminar is
    written in Norwegian Bokmål and lives in the Norwegian tree. The Tvinning
    conference and KompoBib2020 are translated into Norwegian and the Troms
    seminar into Swedish through wagtail-localize, as a translator would.
    """
    builder = DemoBuilder()
    swedish = builder.locale("sv")
    norwegian = builder.locale("nb")
    for language_code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", ()):
        builder.locale(language_code)
    sv_tree, nb_tree = build_trees(builder, swedish, norwegian)
    tvinning_conference = tvinning.load(builder, sv_tree)
    kompobib_project = kompobib.load(builder, sv_tree)
    sydost.load(builder, sv_tree)
    jonkoping.load(builder, sv_tree)
    troms_seminar = troms.load(builder, nb_tree)

    to_norwegian = demo_translations("nb")
    builder.translated_subtree(tvinning_conference, norwegian, to_norwegian)
    builder.translation(kompobib_project, norwegian, to_norwegian)
    builder.translated_subtree(troms_seminar, swedish, demo_translations("sv"))
    return builder.report


def demo_translations(language_code):
    """What a translator wrote for the demo content, as a PO file: source text to translation."""
    catalog = polib.pofile(str(TRANSLATIONS / f"{language_code}.po"))
    return {entry.msgid: entry.msgstr for entry in catalog.translated_entries()}
