"""Which version of a snippet the others were translated from: its source.

Translations are copies: the translation editor (wagtail-localize) records the
language it translated from in a ``TranslationSource``, and any other copy
(``copy_for_translation``, an import) is made after its original. So the
source of a snippet's versions (those sharing its ``translation_key``) is the
version in a language the translation editor translated from, and where there
is none, the version made first. A snippet created in Norwegian and
translated into Swedish has its Norwegian version as its source; a snippet
nobody has translated is its own source.
"""

from django.db.models import Exists, OuterRef
from wagtail_localize.models import TranslationSource


def source_version(instance):
    """The version of ``instance`` (a translatable snippet) that its translations follow.

    ``instance`` itself when it is the source or has no other versions; never
    ``instance`` while it is unsaved and other versions exist (a translation
    being made).
    """
    translated_from = TranslationSource.objects.filter(
        object_id=instance.translation_key, locale=OuterRef("locale")
    )
    versions = type(instance)._default_manager.filter(translation_key=instance.translation_key)
    source = (
        versions.annotate(translated_from=Exists(translated_from))
        .order_by("-translated_from", "pk")
        .first()
    )
    return source or instance


def is_source(instance):
    """Whether ``instance`` is the version its translations follow."""
    source = source_version(instance)
    return source is instance or (instance.pk is not None and source.pk == instance.pk)
