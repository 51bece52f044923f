"""Which fields translators translate, and which follow the source language.

wagtail-localize derives a field list from each model; this project sharpens
it: prose is translated; dates, times, prices, choices, relations and
coordinates follow the source and cannot be overridden in a translation; URLs
and e-mail addresses follow the source but a translation may override them
(a Norwegian sign-up form, a Norwegian contact address).

Links to snippets (a venue, a speaker) follow the source too. wagtail-localize
would rather translate them, but then a translation keeps its old venue when
the source moves to a venue nobody has translated yet. Readers still get the
snippet in their language: the API shows each linked snippet's translation in
the page's language where there is one (api/serializers/languages.py).
"""

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, get_translatable_fields


def localized_fields(model, *, synchronized=(), overridable=()):
    """The wagtail-localize field list for ``model`` under the rules above.

    ``synchronized`` names text fields that follow the source anyway (a postal
    code); ``overridable`` names fields that follow the source but may be
    overridden (a street address, a phone number).
    """
    fields = []
    for field in get_translatable_fields(model):
        name = field.field_name
        if name in overridable:
            fields.append(SynchronizedField(name, overridable=True))
        elif name in synchronized:
            fields.append(SynchronizedField(name, overridable=False))
        elif isinstance(field, SynchronizedField):
            fields.append(SynchronizedField(name, overridable=is_address(model, name)))
        elif links_to_snippet(model, name):
            fields.append(SynchronizedField(name, overridable=False))
        else:
            fields.append(field)
    # wagtail-localize leaves many-to-many relations out; they follow the source.
    for field in model._meta.get_fields():
        if isinstance(field, ParentalManyToManyField):
            fields.append(SynchronizedField(field.name, overridable=False))
    return fields


def links_to_snippet(model, name):
    field = model._meta.get_field(name)
    return isinstance(field, models.ForeignKey) and issubclass(
        field.related_model, TranslatableMixin
    )


def is_address(model, name):
    field = model._meta.get_field(name)
    return isinstance(field, models.URLField | models.EmailField)


def configure_translatable_fields(models_to_configure):
    """Give every translatable model its field list, unless it declares its own.

    Models may name exceptions in ``localize_synchronized`` and
    ``localize_overridable``.
    """
    for model in models_to_configure:
        if "translatable_fields" in model.__dict__:
            continue
        model.translatable_fields = localized_fields(
            model,
            synchronized=getattr(model, "localize_synchronized", ()),
            overridable=getattr(model, "localize_overridable", ()),
        )
