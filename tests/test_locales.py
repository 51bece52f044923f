"""The admin speaks Swedish and Norwegian Bokmål: the catalogs are complete and compiled."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from content_types.models import (
    ConferencePage,
    NetworkPage,
    Organisation,
    ProgrammeItemPage,
    ProjectPage,
    Venue,
)

LANGUAGES = ["sv", "nb"]


def catalog(language):
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(language):
    po = polib.pofile(str(catalog(language)))
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_matches_its_source(language):
    po = polib.pofile(str(catalog(language)))
    mo = polib.mofile(str(catalog(language).with_suffix(".mo")))
    translated = {entry.msgid: entry.msgstr for entry in po.translated_entries()}
    assert {entry.msgid: entry.msgstr for entry in mo if entry.msgid} == translated


@pytest.mark.parametrize(
    "model, swedish, norwegian",
    [
        (ProjectPage, "projekt", "prosjekt"),
        (NetworkPage, "nätverk", "nettverk"),
        (ConferencePage, "konferens eller seminarium", "konferanse eller seminar"),
        (ProgrammeItemPage, "programpunkt", "programpost"),
        (Organisation, "organisation", "organisasjon"),
        (Venue, "lokal", "lokale"),
    ],
)
def test_content_type_names_are_shown_in_the_editors_language(model, swedish, norwegian):
    with translation.override("sv"):
        assert str(model._meta.verbose_name) == swedish
    with translation.override("nb"):
        assert str(model._meta.verbose_name) == norwegian


def test_help_texts_are_translated():
    field = ConferencePage._meta.get_field("no_show_fee")
    with translation.override("sv"):
        swedish = str(field.help_text)
    with translation.override("nb"):
        norwegian = str(field.help_text)
    assert (
        len(
            {swedish, norwegian, "Charged when a registered participant stays away without notice."}
        )
        == 3
    )
