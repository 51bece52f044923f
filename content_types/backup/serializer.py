"""Rows written as Django's JSON serialization, with natural keys where ids are not portable.

Content types and permissions are made by ``migrate`` in each database, in an
order that depends on the installed apps, so a row pointing at one names it by
natural key (``["content_types", "conferencepage"]``). Every other row keeps
its id: revisions, wagtail-localize's translation sources and log entries hold
ids of pages, snippets, locales and users inside their JSON, where no natural
key could follow them.

Times keep their microseconds: Django's encoder cuts them to milliseconds, as
JavaScript dates have them, which would change every publication time (and
the API's answers) by a restore.
"""

import datetime

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from modelcluster.fields import ParentalManyToManyField

NATURAL_KEY_MODELS = (ContentType, Permission)


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime) or (isinstance(o, datetime.time) and o.tzinfo is None):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = issubclass(field.remote_field.model, NATURAL_KEY_MODELS)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        if isinstance(field, ParentalManyToManyField):
            return  # backed up as rows of its own table (selection.is_written_with_its_owner)
        self.use_natural_foreign_keys = issubclass(field.remote_field.model, NATURAL_KEY_MODELS)
        super().handle_m2m_field(obj, field)


def write_rows(models, stream):
    """Write every row of ``models`` to ``stream`` as one JSON list; return the rows per model."""
    counts = {}

    def rows():
        for model in models:
            counts[model._meta.label_lower] = 0
            for row in model._base_manager.order_by("pk").iterator(chunk_size=2000):
                counts[model._meta.label_lower] += 1
                yield row

    Serializer().serialize(rows(), stream=stream, indent=1, cls=ExactJSONEncoder)
    return counts
