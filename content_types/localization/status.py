"""Whether each page's translations exist, are complete and are up to date.

A translation is up to date when wagtail-localize's copy of the source was
taken after the source was last published, every string of it is translated,
and the translated page was published after that copy. Its progress is counted
in strings: how many of the copy's strings there are, how many are translated,
and how many of those left were translated before the source changed them
(``changed``: the place in the page has a translation, of the earlier text). Translations made
outside wagtail-localize (copied by hand) are reported with ``None`` for what
cannot be known.

Everything needed is read in one query over the versions of a page (or of many
pages at once, as the API does): each version is annotated with its
wagtail-localize source record and how many of the record's strings are
translated into the version's language.
"""

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


@dataclass(frozen=True)
class TranslationState:
    locale: str
    page: Page | None
    is_source: bool
    complete: bool | None
    up_to_date: bool | None
    total: int | None = None
    translated: int | None = None
    changed: int | None = None

    @property
    def exists(self):
        return self.page is not None

    @property
    def live(self):
        return self.page is not None and self.page.live

    @property
    def left(self):
        """Strings still to translate (changed ones included); None when not translated here."""
        return None if self.total is None else self.total - self.translated

    @property
    def needs_work(self):
        return not self.is_source and not (self.live and self.up_to_date)


def translation_states(page, locales=None):
    """The state of ``page`` in every locale (or those given), source first."""
    locales = list(locales) if locales is not None else list(Locale.objects.order_by("pk"))
    versions = annotate_translation_progress(
        Page.objects.filter(translation_key=page.translation_key).select_related("locale")
    )
    by_locale = {state.page.locale_id: state for state in states_of_versions(list(versions), page)}
    states = [
        by_locale.get(locale.pk) or TranslationState(locale.language_code, None, False, None, None)
        for locale in locales
    ]
    return sorted(states, key=lambda state: not state.is_source)


def annotate_translation_progress(pages, visible=None):
    """``pages`` with what ``states_of_versions`` reads, in the same query.

    ``visible`` (a queryset of pages) decides ``is_public``; without it, live pages are.
    """
    versions_of_key = Page.objects.filter(translation_key=OuterRef(OuterRef("translation_key")))
    record = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        locale_id__in=versions_of_key.values("locale_id"),
    ).order_by("created_at")
    segments = StringSegment.objects.filter(source_id=OuterRef("localize_source_id"))
    language = OuterRef(OuterRef("locale_id"))
    is_public = (
        Exists(visible.filter(pk=OuterRef("pk")))
        if visible is not None
        else Value(True, output_field=BooleanField())
    )
    return pages.annotate(
        localize_source_id=Subquery(record.values("pk")[:1]),
        localize_source_locale_id=Subquery(record.values("locale_id")[:1]),
        localize_copied_at=Subquery(record.values("last_updated_at")[:1]),
    ).annotate(
        is_public=is_public,
        localize_translating=Exists(
            Translation.objects.filter(
                source_id=OuterRef("localize_source_id"), target_locale_id=OuterRef("locale_id")
            )
        ),
        localize_total=count_of(segments),
        localize_translated=count_of(translated(segments, language)),
        localize_changed=count_of(changed(segments, language)),
    )


def translated(segments, locale_id):
    """The ``segments`` with a translation into ``locale_id`` (wagtail-localize's own test)."""
    return segments.filter(
        Exists(
            StringTranslation.objects.filter(
                translation_of_id=OuterRef("string_id"),
                context_id=OuterRef("context_id"),
                locale_id=locale_id,
                has_error=False,
            )
        )
    )


def changed(segments, locale_id):
    """The untranslated ``segments`` whose place was translated before: the source changed them.

    wagtail-localize keeps a translation with the string it translates; when the
    source's text at a place changes, the place's earlier translation stays,
    attached to the earlier text.
    """
    in_place = StringTranslation.objects.filter(
        context_id=OuterRef("context_id"), locale_id=locale_id
    )
    return segments.filter(
        ~Exists(in_place.filter(translation_of_id=OuterRef("string_id"), has_error=False)),
        Exists(in_place.exclude(translation_of_id=OuterRef("string_id"))),
    )


def count_of(queryset):
    counted = queryset.order_by().values("source_id").annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(counted[:1]), 0, output_field=IntegerField())


def states_of_versions(versions, page):
    """The states of ``versions`` (every version of ``page``, annotated as above), source first.

    Without a wagtail-localize record the page asked about counts as the source.
    """
    if not versions:
        return []
    record_locale_id = versions[0].localize_source_locale_id
    source_locale_id = record_locale_id if record_locale_id is not None else page.locale_id
    source_page = next((v for v in versions if v.locale_id == source_locale_id), None)
    states = [state_of(version, source_page, record_locale_id) for version in versions]
    return sorted(states, key=lambda state: not state.is_source)


def state_of(version, source_page, record_locale_id):
    language = version.locale.language_code
    if source_page is not None and version.pk == source_page.pk:
        return TranslationState(language, version, True, True, True)
    if record_locale_id is None or not version.localize_translating:
        return TranslationState(language, version, False, None, None)
    complete = version.localize_translated == version.localize_total
    copied_at = version.localize_copied_at
    source_published = source_page.last_published_at if source_page else None
    copy_is_current = source_published is None or copied_at >= source_published
    published_after_copy = (
        version.live
        and version.last_published_at is not None
        and version.last_published_at >= copied_at
    )
    return TranslationState(
        language,
        version,
        False,
        complete,
        copy_is_current and complete and published_after_copy,
        total=version.localize_total,
        translated=version.localize_translated,
        changed=version.localize_changed,
    )


def translation_progress(translation):
    """``(total, translated, changed)`` strings of a wagtail-localize ``Translation``."""
    segments = StringSegment.objects.filter(source_id=translation.source_id)
    locale_id = translation.target_locale_id
    return (
        segments.count(),
        translated(segments, locale_id).count(),
        changed(segments, locale_id).count(),
    )
