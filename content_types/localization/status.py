"""Whether each page's translations exist, are complete and are up to date.

A translation is up to date when wagtail-localize's copy of the source was
taken after the source was last published, every string of it is translated,
and the translated page was published after that copy. Translations made
outside wagtail-localize (copied by hand) are reported with ``None`` for what
cannot be known.
"""

from dataclasses import dataclass

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource


@dataclass(frozen=True)
class TranslationState:
    locale: str
    page: Page | None
    is_source: bool
    complete: bool | None
    up_to_date: bool | None

    @property
    def exists(self):
        return self.page is not None

    @property
    def live(self):
        return self.page is not None and self.page.live

    @property
    def needs_work(self):
        return not self.is_source and not (self.live and self.up_to_date)


def translation_states(page, locales=None):
    """The state of ``page`` in every locale (or those given), source first."""
    locales = list(locales) if locales is not None else list(Locale.objects.order_by("pk"))
    pages = {
        translation.locale_id: translation
        for translation in Page.objects.filter(translation_key=page.translation_key)
    }
    record = (
        TranslationSource.objects.filter(object_id=page.translation_key, locale_id__in=pages)
        .order_by("created_at")
        .first()
    )
    source_locale_id = record.locale_id if record else page.locale_id
    source_page = pages.get(source_locale_id)
    progress = (
        {translation.target_locale_id: translation for translation in record.translations.all()}
        if record
        else {}
    )
    states = [
        state_in(locale, pages.get(locale.pk), source_page, record, progress.get(locale.pk))
        for locale in locales
    ]
    return sorted(states, key=lambda state: not state.is_source)


def state_in(locale, target, source_page, record, translation: Translation | None):
    if source_page is not None and target is not None and target.pk == source_page.pk:
        return TranslationState(locale.language_code, target, True, True, True)
    if target is None or record is None or translation is None:
        return TranslationState(locale.language_code, target, False, None, None)
    total, translated = translation.get_progress()
    complete = translated == total
    source_published = source_page.last_published_at if source_page else None
    copy_is_current = source_published is None or record.last_updated_at >= source_published
    published_after_copy = (
        target.live
        and target.last_published_at is not None
        and target.last_published_at >= record.last_updated_at
    )
    return TranslationState(
        locale.language_code,
        target,
        False,
        complete,
        copy_is_current and complete and published_after_copy,
    )
