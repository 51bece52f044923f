"""Translations made the way the translation editor makes them."""

from wagtail_localize.models import Translation, TranslationSource

from ..utils import make_conference

# The Norwegian text for each field of ``swedish_conference``, by msgctxt.
NORWEGIAN = {
    "title": "Bibliotekdagene",
    "slug": "bibliotekdagene",
    "tagline": "Et møte om lesing",
    "description": "Velkommen til <b>to dager</b> om leselyst.",
}


def swedish_conference(index):
    """A published Swedish conference with a title, a tagline and rich text to translate."""
    return make_conference(
        index,
        title="Biblioteksdagarna",
        tagline="Ett möte om läsning",
        description="<p>Välkommen till <b>två dagar</b> om läsfrämjande.</p>",
    )


def begin_translation(instance, locale):
    """What the admin's "Translate" action does; a page gets an untranslated draft."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    if hasattr(instance, "get_latest_revision"):
        translation.save_target(publish=False)
    return translation


def start_translation(page, locale):
    """A page's translation started as above, with its draft page."""
    return begin_translation(page, locale), page.get_translation(locale).specific


def translate_all(translation, prefix="NB: "):
    """Translate every string of ``translation`` (as a translator would, through a PO file)."""
    po = translation.export_po()
    for entry in po:
        entry.msgstr = f"{prefix}{entry.msgid}" if entry.msgctxt != "slug" else f"nb-{entry.msgid}"
    translation.import_po(po)
    return po


def publish_translation(translation):
    translation = Translation.objects.get(pk=translation.pk)  # the source may have been synced
    translation.save_target(publish=False)
    page = translation.get_target_instance().specific
    page.get_latest_revision().publish()
    page.refresh_from_db()
    return page


def sync_from_source(page):
    """What "Sync translated pages" does after the source changed."""
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    source.update_from_db()
    return source
