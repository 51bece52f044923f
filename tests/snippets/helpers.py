"""A person with public contact details, translated as the translation editor translates."""

from ..localization.helpers import begin_translation, translate_all

EMAIL = "anna.andersson@vasteras.se"
PHONE = "021-39 46 00"


def translate_snippet(snippet, locale):
    """The snippet's translation, made in the translation editor, every string translated."""
    translation = begin_translation(snippet, locale)
    translate_all(translation)
    translation.save_target()
    return translation, translation.get_target_instance()
