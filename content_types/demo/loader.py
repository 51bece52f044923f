"""Loads the demo content: the five seed documents as real pages and snippets."""

from django.conf import settings
from django.db import transaction

from .builder import DemoBuilder
from .seeds import jonkoping, kompobib, sydost, troms, tvinning
from .tree import build_trees


@transaction.atomic
def load_demo_content():
    """Create whatever of the demo content is missing; return a DemoReport.

    Swedish is the source language of the site structure; the Troms seminar is
    written in Norwegian Bokmål and lives in the Norwegian tree.
    """
    builder = DemoBuilder()
    swedish = builder.locale("sv")
    norwegian = builder.locale("nb")
    for language_code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", ()):
        builder.locale(language_code)
    sv_tree, nb_tree = build_trees(builder, swedish, norwegian)
    tvinning.load(builder, sv_tree)
    kompobib.load(builder, sv_tree)
    sydost.load(builder, sv_tree)
    jonkoping.load(builder, sv_tree)
    troms.load(builder, nb_tree)
    return builder.report
