"""Relations shown in the language of the page that holds them.

Links to snippets follow the source language (see localization/fields.py), so
a Norwegian page points at the Swedish venue it shares with its source. Readers
get the venue's Norwegian version where one exists, the source's otherwise.
"""

from .fields import ReadOnlyField


def in_language(instance, locale_id):
    """``instance`` in the locale ``locale_id`` if it has been translated, else itself."""
    if instance is None or instance.locale_id == locale_id:
        return instance
    return instance.get_translation_or_none(locale_id) or instance


class InLanguageOf(ReadOnlyField):
    """A related snippet (or several) in the language of the object holding the relation.

    Eg: ``venue = InLanguageOf(VenueSerializer())`` on a conference.
    """

    def __init__(self, serializer, attribute=None, **kwargs):
        self.serializer = serializer
        self.attribute = attribute
        super().__init__(source="*", **kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.attribute = self.attribute or field_name
        self.serializer.bind(field_name, self)

    def to_representation(self, holder):
        value = getattr(holder, self.attribute)
        if value is None:
            return None
        if hasattr(value, "all"):
            return [
                self.serializer.to_representation(in_language(item, holder.locale_id))
                for item in value.all()
            ]
        return self.serializer.to_representation(in_language(value, holder.locale_id))
