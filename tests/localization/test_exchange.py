"""Offline PO exchange: export what needs translating, import what translators send back.

Everything runs through wagtail-localize on the real database: a published
Swedish conference, its Norwegian translation started the way the admin starts
one (a TranslationSource, a Translation, and an untranslated draft of the
target page). The import is all or nothing, so the failure tests compare the
whole translation state (translated strings and revisions) before and after.
"""

import re
import uuid
from io import StringIO

import polib
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Revision
from wagtail_localize.models import StringTranslation, Translation

from content_types.localization import exchange
from content_types.localization.exchange import (
    TRANSLATION_ID_HEADER,
    POImportError,
    export_pending,
    export_translation,
    import_directory,
)

from ..utils import make_conference, make_venue
from .helpers import NORWEGIAN, begin_translation, swedish_conference

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference(conference_index):
    return swedish_conference(conference_index)


@pytest.fixture
def translation(conference, nb_locale):
    return begin_translation(conference, nb_locale)


@pytest.fixture
def outbox(tmp_path):
    """Where exported files go (what the translator receives)."""
    directory = tmp_path / "outbox"
    directory.mkdir()
    return directory


@pytest.fixture
def inbox(tmp_path):
    """Where translated files are put for import (what the translator sends back)."""
    directory = tmp_path / "inbox"
    directory.mkdir()
    return directory


def fill(path, texts, destination=None):
    """Do the translator's work: set msgstr by msgctxt, save (to ``destination`` if given)."""
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgctxt in texts:
            entry.msgstr = texts[entry.msgctxt]
    target = destination or path
    po.save(str(target))
    return target


def translated_strings(translation):
    """The target locale's translated strings of ``translation``'s source, by msgctxt."""
    rows = StringTranslation.objects.filter(
        context__object_id=translation.source.object_id, locale=translation.target_locale
    ).values_list("context__path", "data")
    return dict(rows)


def msgstrs(path):
    return {entry.msgctxt: entry.msgstr for entry in polib.pofile(str(path))}


def translation_state():
    """Everything an import may change: every translated string and the number of revisions."""
    return (
        sorted(StringTranslation.objects.values_list("pk", "data", "updated_at")),
        Revision.objects.count(),
    )


def nb_draft(conference, nb_locale):
    target = conference.get_translation(nb_locale)
    return target, target.get_latest_revision().as_object()


# Export


def test_export_writes_one_file_per_pending_translation_named_after_the_source(
    translation, conference, conference_index, nb_locale, outbox
):
    other = begin_translation(make_conference(conference_index, title="Läsdagen"), nb_locale)

    paths = export_pending(nb_locale, outbox)

    assert sorted(path.name for path in paths) == sorted(
        [f"biblioteksdagarna-{translation.uuid}.po", f"lasdagen-{other.uuid}.po"]
    )
    assert sorted(outbox.iterdir()) == sorted(paths)
    po = polib.pofile(str(outbox / f"biblioteksdagarna-{translation.uuid}.po"))
    assert po.metadata[TRANSLATION_ID_HEADER] == str(translation.uuid)
    assert {entry.msgctxt: entry.msgid for entry in po} == {
        "title": "Biblioteksdagarna",
        "slug": conference.slug,
        "tagline": "Ett möte om läsning",
        "description": "Välkommen till <b>två dagar</b> om läsfrämjande.",
    }
    assert all(entry.msgstr == "" for entry in po)


def test_fully_translated_translations_are_not_exported_and_partly_translated_ones_hold_the_rest(
    translation, conference_index, nb_locale, outbox, inbox
):
    other = begin_translation(make_conference(conference_index, title="Läsdagen"), nb_locale)
    fill(export_translation(translation, outbox), NORWEGIAN, outbox / "done.po")
    fill(export_translation(other, outbox), {"title": "Lesedagen"}, outbox / "half.po")
    for name in ("done.po", "half.po"):
        po = polib.pofile(str(outbox / name))
        Translation.objects.get(uuid=po.metadata[TRANSLATION_ID_HEADER]).import_po(po)
    assert translation.get_progress() == (4, 4)

    paths = export_pending(nb_locale, inbox)

    assert [path.name for path in paths] == [f"lasdagen-{other.uuid}.po"]
    # Only the work: the translated title is not sent again.
    assert "title" not in msgstrs(paths[0])
    assert set(msgstrs(paths[0])) == {"slug"}


def test_export_leaves_out_translations_into_other_locales_and_disabled_ones(
    translation, sv_locale, nb_locale, outbox
):
    assert export_pending(sv_locale, outbox) == []
    translation.enabled = False
    translation.save()
    assert export_pending(nb_locale, outbox) == []
    assert list(outbox.iterdir()) == []


def test_export_includes_snippet_translations(translation, nb_locale, outbox):
    venue = begin_translation(make_venue(name="Konserthuset"), nb_locale)
    venue.save_target()

    names = {path.name for path in export_pending(nb_locale, outbox)}

    assert f"konserthuset-vasteras-{venue.uuid}.po" in names


# Import: the round trip


def test_filled_strings_round_trip_into_translation_memory_and_a_draft_of_the_target(
    translation, conference, nb_locale, outbox, inbox
):
    fill(export_translation(translation, outbox), NORWEGIAN, inbox / "from-translator.po")
    revisions = Revision.objects.count()

    results = import_directory(inbox)

    assert [(r.path.name, r.translation, r.imported, r.draft) for r in results] == [
        ("from-translator.po", translation, 4, True)
    ]
    assert translated_strings(translation) == NORWEGIAN
    assert set(
        StringTranslation.objects.filter(locale=nb_locale).values_list("tool_name", flat=True)
    ) == {"PO file"}
    target, draft = nb_draft(conference, nb_locale)
    assert Revision.objects.count() == revisions + 1
    assert not target.live, "imported translations wait for an editor to publish them"
    assert (draft.title, draft.slug, draft.tagline) == (
        "Bibliotekdagene",
        "bibliotekdagene",
        "Et møte om lesing",
    )
    assert draft.description == "<p>Velkommen til <b>to dager</b> om leselyst.</p>"
    assert msgstrs(export_translation(translation, outbox)) == NORWEGIAN


def test_the_importing_user_is_recorded_on_strings_and_revision(
    translation, conference, nb_locale, outbox, inbox
):
    user = get_user_model().objects.create_user("oversetter")
    fill(export_translation(translation, outbox), NORWEGIAN, inbox / "nb.po")

    import_directory(inbox, user=user)

    strings = StringTranslation.objects.filter(locale=nb_locale)
    assert {string.last_translated_by for string in strings} == {user}
    assert conference.get_translation(nb_locale).get_latest_revision().user == user


def test_blank_and_fuzzy_entries_are_left_untranslated(
    translation, conference, nb_locale, outbox, inbox
):
    """A fuzzy entry is a suggestion the translator has not confirmed (gettext's convention)."""
    path = fill(export_translation(translation, outbox), {"title": "Bibliotekdagene"})
    po = polib.pofile(str(path))
    tagline = next(entry for entry in po if entry.msgctxt == "tagline")
    tagline.msgstr = "Et møte om lesing?"
    tagline.flags.append("fuzzy")
    po.save(str(inbox / "nb.po"))

    [result] = import_directory(inbox)

    assert result.imported == 1
    assert translated_strings(translation) == {"title": "Bibliotekdagene"}
    assert translation.get_progress() == (4, 1)
    _target, draft = nb_draft(conference, nb_locale)
    assert (draft.title, draft.tagline) == ("Bibliotekdagene", "Ett möte om läsning")


def test_importing_a_file_again_changes_nothing(translation, outbox, inbox):
    fill(export_translation(translation, outbox), NORWEGIAN, inbox / "nb.po")
    import_directory(inbox)
    before = translation_state()

    [result] = import_directory(inbox)

    assert (result.imported, result.saved) == (0, False)
    assert translation_state() == before


def test_importing_an_untouched_export_changes_nothing(translation, nb_locale, inbox):
    export_pending(nb_locale, inbox)
    before = translation_state()

    [result] = import_directory(inbox)

    assert result.imported == 0
    assert translation_state() == before


def test_a_changed_string_replaces_the_earlier_translation(
    translation, conference, nb_locale, outbox, inbox
):
    fill(export_translation(translation, outbox), NORWEGIAN, inbox / "nb.po")
    import_directory(inbox)
    fill(inbox / "nb.po", {"tagline": "Et møte om lesing og skriving"})

    [result] = import_directory(inbox)

    assert result.imported == 1
    assert translated_strings(translation) == NORWEGIAN | {
        "tagline": "Et møte om lesing og skriving"
    }
    assert nb_draft(conference, nb_locale)[1].tagline == "Et møte om lesing og skriving"


def test_snippet_translations_are_saved_directly(nb_locale, outbox, inbox):
    """Snippets here have no drafts: wagtail-localize saves the translated snippet itself."""
    venue = make_venue(name="Konserthuset", directions="Ingång från Kungsgatan.")
    translation = begin_translation(venue, nb_locale)
    translation.save_target()
    fill(
        export_translation(translation, outbox),
        {"name": "Konserthuset (nb)", "directions": "Inngang fra Kungsgatan."},
        inbox / "venue.po",
    )

    [result] = import_directory(inbox)

    assert (result.imported, result.draft) == (2, False)
    target = venue.get_translation(nb_locale)
    assert (target.name, target.directions) == ("Konserthuset (nb)", "Inngang fra Kungsgatan.")


# Import: all or nothing


def garbage(path, translation):
    path.write_text("Hei! Her er oversettelsene dine:\nTittel = Bibliotekdagene\n")


def no_header(path, translation):
    po = translation.export_po()
    del po.metadata[TRANSLATION_ID_HEADER]
    po.save(str(path))


def unknown_translation(path, translation):
    po = translation.export_po()
    po.metadata[TRANSLATION_ID_HEADER] = str(uuid.uuid4())
    po.save(str(path))


def unknown_msgid(path, translation):
    po = translation.export_po()
    po.append(polib.POEntry(msgctxt="title", msgid="Läsfrämjardagarna", msgstr="Lesedagene"))
    po.save(str(path))


def unknown_msgctxt(path, translation):
    po = translation.export_po()
    po.append(
        polib.POEntry(msgctxt="subtitle", msgid="Biblioteksdagarna", msgstr="Bibliotekdagene")
    )
    po.save(str(path))


def too_long_title(path, translation):
    po = translation.export_po()
    po.find("title", by="msgctxt").msgstr = "L" * 256
    po.save(str(path))


def unknown_link(path, translation):
    """Translators may move <a id="a1"> around in rich text but not invent links."""
    translation.export_po().save(str(path))
    fill(path, {"description": 'Velkommen <a id="a9">hit</a>'})


def disabled_translation(path, translation):
    translation.export_po().save(str(path))
    Translation.objects.filter(pk=translation.pk).update(enabled=False)


BAD_FILES = {
    garbage: "not a readable PO file",
    no_header: f"no {TRANSLATION_ID_HEADER} header",
    unknown_translation: "does not exist",
    unknown_msgid: "msgid 'Läsfrämjardagarna' (msgctxt 'title') is not in the current source",
    unknown_msgctxt: "msgid 'Biblioteksdagarna' (msgctxt 'subtitle') is not in the current source",
    disabled_translation: "is disabled",
    too_long_title: "(msgctxt 'title') is 256 characters long; the field holds at most 255",
    unknown_link: "(msgctxt 'description') is not valid: ",
}


@pytest.fixture(params=list(BAD_FILES), ids=lambda make: make.__name__)
def bad_file(request, conference_index, nb_locale, inbox):
    """A file in the inbox that must stop the import, and the problem it must be reported with."""
    other_conference = make_conference(
        conference_index, title="Läsdagen", description="<p>Välkommen till Läsdagen.</p>"
    )
    other = begin_translation(other_conference, nb_locale)
    path = inbox / "z-bad.po"
    request.param(path, other)
    return path, BAD_FILES[request.param]


def test_one_bad_file_stops_the_whole_import_and_is_named_with_its_problem(
    translation, bad_file, outbox, inbox
):
    fill(export_translation(translation, outbox), NORWEGIAN, inbox / "a-good.po")
    path, problem = bad_file
    before = translation_state()

    with pytest.raises(POImportError) as failure:
        import_directory(inbox)

    message = str(failure.value)
    assert f"{path}: " in message
    assert problem in message
    assert "a-good.po" not in message
    assert translation_state() == before
    assert translated_strings(translation) == {}


def test_a_failure_while_saving_a_page_undoes_the_files_imported_before_it(
    translation, conference_index, nb_locale, outbox, inbox, monkeypatch
):
    """The checks catch what they can before anything is written; whatever still fails
    while a page is saved (here a title too long, with its check switched off) must
    undo the files imported before it, and be reported by file, not as a crash."""
    monkeypatch.setattr(exchange, "max_length", lambda model, path: None)
    fill(export_translation(translation, outbox), NORWEGIAN, inbox / "a-good.po")
    other = begin_translation(make_conference(conference_index, title="Läsdagen"), nb_locale)
    fill(export_translation(other, outbox), {"title": "L" * 300}, inbox / "b-too-long.po")
    before = translation_state()

    with pytest.raises(POImportError) as failure:
        import_directory(inbox)

    assert f"{inbox / 'b-too-long.po'}: the translation is not valid: " in str(failure.value)
    assert translation_state() == before
    assert translated_strings(translation) == {}


def test_every_bad_file_is_reported_at_once(translation, inbox):
    garbage(inbox / "one.po", translation)
    unknown_translation(inbox / "two.po", translation)

    with pytest.raises(POImportError) as failure:
        import_directory(inbox)

    assert [(path.name, message.split(" (")[0]) for path, message in failure.value.problems] == [
        ("one.po", "not a readable PO file"),
        ("two.po", f"translation {translation_id(inbox / 'two.po')} does not exist"),
    ]


def translation_id(path):
    return polib.pofile(str(path)).metadata[TRANSLATION_ID_HEADER]


def test_two_files_for_the_same_translation_are_refused(translation, outbox, inbox):
    """Which of two translations of the same string should win is the translator's call."""
    exported = export_translation(translation, outbox)
    fill(exported, NORWEGIAN, inbox / "a.po")
    fill(exported, NORWEGIAN | {"title": "Bibliotekdagane"}, inbox / "b.po")
    before = translation_state()

    with pytest.raises(POImportError, match="b.po: translates the same as a.po"):
        import_directory(inbox)
    assert translation_state() == before


def test_a_missing_directory_is_an_error(tmp_path):
    with pytest.raises(POImportError, match="no such directory"):
        import_directory(tmp_path / "nowhere")


# Commands


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_export_command_lists_the_files_it_wrote(translation, outbox):
    output = run("export_translations", "--locale", "nb", str(outbox))

    path = outbox / f"biblioteksdagarna-{translation.uuid}.po"
    assert f"Wrote {path}" in output
    assert "1 PO file(s) written" in output
    assert path.exists()


def test_export_command_exports_one_translation_by_id_even_when_complete(
    translation, conference_index, nb_locale, outbox, inbox
):
    begin_translation(make_conference(conference_index, title="Läsdagen"), nb_locale)
    fill(export_translation(translation, outbox), NORWEGIAN, inbox / "nb.po")
    import_directory(inbox)

    output = run("export_translations", "--translation", str(translation.uuid), str(inbox))

    assert f"biblioteksdagarna-{translation.uuid}.po" in output
    assert "1 PO file(s) written" in output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--locale", "fi"], "Unknown locale 'fi' (known: nb, sv)"),
        (["--translation", "not-a-uuid"], "No enabled translation with id 'not-a-uuid'"),
        ([], "Give --locale"),
    ],
)
def test_export_command_refuses_bad_input(nb_locale, outbox, args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run("export_translations", *args, str(outbox))
    assert list(outbox.iterdir()) == []


def test_export_command_refuses_a_missing_directory(nb_locale, tmp_path):
    with pytest.raises(CommandError, match="no such directory"):
        run("export_translations", "--locale", "nb", str(tmp_path / "nowhere"))


def test_import_command_reports_what_it_imported(translation, outbox, inbox):
    fill(export_translation(translation, outbox), NORWEGIAN, inbox / "nb.po")

    output = run("import_translations", str(inbox))

    assert (
        "Imported 4 string(s) from nb.po into 'Biblioteksdagarna' (nb); saved as a draft" in output
    )
    assert "1 PO file(s) read, 4 string(s) imported." in output
    assert "nb.po: no changes for 'Biblioteksdagarna' (nb)" in run(
        "import_translations", str(inbox)
    )


def test_import_command_fails_naming_the_bad_file_and_imports_nothing(translation, outbox, inbox):
    fill(export_translation(translation, outbox), NORWEGIAN, inbox / "a-good.po")
    unknown_msgid(inbox / "z-bad.po", translation)
    before = translation_state()

    with pytest.raises(CommandError) as failure:
        run("import_translations", str(inbox))

    assert "Nothing was imported" in str(failure.value)
    assert f"{inbox / 'z-bad.po'}: line " in str(failure.value)
    assert translation_state() == before


def test_import_command_refuses_a_missing_directory(tmp_path):
    with pytest.raises(CommandError, match="nowhere: no such directory"):
        run("import_translations", str(tmp_path / "nowhere"))
