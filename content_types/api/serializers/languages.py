"""Relations shown in the language of the page that holds them.

Links to snippets follow the source language (see localization/fields.py), so
a Norwegian page points at the Swedish venue it shares with its source. Readers
get the venue's Norwegian version where one exists, the source's otherwise.
"""

from ..loading import follow, loader_for
from .fields import ReadOnlyField


def in_language(instance, locale_id, context=None):
    """``instance`` in the locale ``locale_id`` if it has been translated, else itself.

    Within an API response (``context``) the translation comes from what the
    response loaded beforehand.
    """
    return loader_for(context).in_language(instance, locale_id)


class InLanguageOf(ReadOnlyField):
    """A related snippet (or several) in the language of the object holding the relation.

    Eg: ``venue = InLanguageOf(VenueSerializer())`` on a conference. ``attribute``
    may be a property; ``prefetch`` then names the relations it reads.
    """

    def openapi_schema(self, builder):
        attribute = builder.attribute(self.attribute)
        item = builder.serializer_schema(self.serializer, attribute.related_model)
        if attribute.many:
            return {"type": "array", "items": item}
        return builder.nullable(item) if attribute.nullable else item

    def __init__(self, serializer, attribute=None, prefetch=(), **kwargs):
        self.serializer = serializer
        self.attribute = attribute
        self.prefetch = prefetch
        super().__init__(source="*", **kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.attribute = self.attribute or field_name
        self.serializer.bind(field_name, self)

    def select_chains(self, model):
        chains = follow(model, self.attribute, self.serializer)
        return chains + list(self.prefetch)

    def preload(self, holders, loader):
        loader.related(holders, self.attribute, self.serializer, self.prefetch)
        pairs = [
            (value, holder.locale_id)
            for holder in holders
            for value in loader.values_of(holder, self.attribute)
        ]
        loader.preload_in_language(pairs, self.serializer)

    def to_representation(self, holder):
        value = getattr(holder, self.attribute)
        if value is None:
            return None
        loader = loader_for(self.context)
        if hasattr(value, "all"):
            return [
                self.serializer.to_representation(loader.in_language(item, holder.locale_id))
                for item in value.all()
            ]
        return self.serializer.to_representation(loader.in_language(value, holder.locale_id))
