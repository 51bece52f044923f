"""JSON Schema (2020-12, as OpenAPI 3.1 uses it) for the fields the API serializes.

Three sources, in this order:

1. a field (or serializer) that declares its own schema with a method
   ``openapi_schema(self, builder)``: the custom fields in
   ``content_types/api/serializers``;
2. a ``SerializerMethodField``, whose serializer lists its schema in a class
   attribute ``openapi_method_schemas = {"field name": {...}}``;
3. the field's class: DRF's standard fields and Wagtail's API fields, by
   their nearest known base class.

A field none of these knows is an error (``UndocumentedFieldError``), never an
empty schema: whoever adds an API field says what it returns.

Whether a value can be null follows what the serializers do: DRF and Wagtail
both output ``null`` without asking the field when the attribute is ``None``,
so a field is nullable when its source is a nullable model field, or cannot be
traced to a model field at all.
"""

import copy
import sys
from dataclasses import dataclass

from django.db import models
from rest_framework import relations, serializers
from rest_framework.settings import api_settings

from ..api.loading import model_field

JSON_TYPES = ("object", "array", "string", "number", "integer", "boolean", "null")
DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"


class UndocumentedFieldError(Exception):
    """An API field whose output has no schema: give its class an ``openapi_schema`` method."""


@dataclass(frozen=True)
class Attribute:
    """What a serializer field reads from the object it serializes, as far as the models say."""

    model_field: object = None
    related_model: type | None = None
    many: bool = False
    nullable: bool = True

    @property
    def known(self):
        return self.model_field is not None


UNKNOWN = Attribute()


def nullable(schema):
    """``schema`` that also allows ``null``."""
    schema = dict(schema)
    kind = schema.get("type")
    if kind is not None and "$ref" not in schema and "const" not in schema:
        kinds = [kind] if isinstance(kind, str) else list(kind)
        if "null" not in kinds:
            schema["type"] = [*kinds, "null"]
        if "enum" in schema and None not in schema["enum"]:
            schema["enum"] = [*schema["enum"], None]
        return schema
    if {"type": "null"} in schema.get("anyOf", ()):
        return schema
    outer = {key: schema.pop(key) for key in ("description", "title") if key in schema}
    return {**outer, "anyOf": [schema, {"type": "null"}]}


def loosened(first, second):
    """One object schema for both, when they differ only in which properties may be null.

    The same serializer under a relation whose model is known and under a
    property whose model is not gives two such schemas; the looser one is
    true of both.
    """
    if (
        first.keys() != second.keys()
        or first.get("properties", {}).keys() != second.get("properties", {}).keys()
    ):
        return None
    if {key: value for key, value in first.items() if key != "properties"} != {
        key: value for key, value in second.items() if key != "properties"
    }:
        return None
    properties = {}
    for name, one in first["properties"].items():
        other = second["properties"][name]
        if one == other:
            properties[name] = one
        elif nullable(one) == other or nullable(other) == one or nullable(one) == nullable(other):
            properties[name] = nullable(one)
        else:
            return None
    return {**first, "properties": properties}


def describe(schema, description):
    """``schema`` with ``description`` in front of the one it has."""
    if not description:
        return schema
    own = schema.get("description")
    text = description if not own else f"{description.rstrip('.')}. {own}"
    return {**schema, "description": text}


def model_field_description(model_field):
    """A model field's verbose name and help text, as a sentence or two."""
    if model_field.auto_created and not model_field.concrete:
        # A reverse relation (a page's inline rows): named after what it relates to.
        name = str(model_field.related_model._meta.verbose_name_plural)
    else:
        name = str(getattr(model_field, "verbose_name", "") or "").strip()
    help_text = str(getattr(model_field, "help_text", "") or "").strip()
    parts = [name[:1].upper() + name[1:]] if name else []
    if help_text:
        parts.append(help_text)
    return ". ".join(part.rstrip(".") for part in parts) + "." if parts else ""


def is_defined_in_module(cls):
    """True for a class written in a module, False for one built at run time (Wagtail's)."""
    module = sys.modules.get(cls.__module__)
    return module is not None and getattr(module, cls.__name__, None) is cls


def schema_name(cls):
    name = cls.__name__
    return (
        name[: -len("Serializer")] if name.endswith("Serializer") and name != "Serializer" else name
    )


class SchemaBuilder:
    """Builds schemas for serializers and fields, collecting named ones as components.

    Custom fields get the builder in ``openapi_schema(self, builder)``; they may
    ask it for the schema of a nested serializer
    (``builder.serializer_schema(serializer, model)``), what their attribute is
    on the model being serialized (``builder.attribute(name)``), make a schema
    nullable (``builder.nullable(schema)``) or register a named schema
    (``builder.component(name, schema)``).
    """

    def __init__(self):
        self.components = {}
        self._holders = [None]
        self._known_models = {}  # serializer class: the model it was first seen serializing
        self._loose_built = set()  # components built while their model was not known

    # What the field reads

    @property
    def holder(self):
        """The model whose instances the serializer being walked serializes, if known."""
        return self._holders[-1]

    def attribute(self, source, model=None):
        """What ``source`` (``"venue"``, ``"person.name"`` or a list of names) is on the model."""
        model = model or self.holder
        names = source.split(".") if isinstance(source, str) else list(source)
        if model is None or not names:
            return UNKNOWN
        through_null = False
        *path, last = names
        for name in path:
            step = model_field(model, name)
            if step is None or not step.is_relation or step.many_to_many or step.one_to_many:
                return UNKNOWN
            through_null = through_null or may_be_missing(step)
            model = step.related_model
        found = model_field(model, last)
        if found is None:
            return UNKNOWN
        if not found.is_relation:
            return Attribute(found, nullable=through_null or found.null)
        many = bool(found.many_to_many or found.one_to_many)
        return Attribute(
            found,
            found.related_model,
            many=many,
            nullable=not many and (through_null or may_be_missing(found)),
        )

    def field_attribute(self, field):
        """The attribute ``field`` reads; for a ``source="*"`` field, the one it is named after."""
        if field.source == "*":
            name = getattr(field, "attribute", None) or field.field_name
            return self.attribute(name) if name else UNKNOWN
        return self.attribute(field.source_attrs)

    # Named schemas

    def component(self, name, schema):
        """Register ``schema`` as ``#/components/schemas/<name>`` and return a reference to it.

        The same name with another schema (one serializer used where the models
        differ) gets a numbered name rather than overwriting the first.
        """
        candidate, number = name, 1
        while candidate in self.components and self.components[candidate] != schema:
            merged = loosened(self.components[candidate], schema)
            if merged is not None:
                self.components[candidate] = schema = merged
                break
            number += 1
            candidate = f"{name}{number}"
        self.components[candidate] = schema
        return {"$ref": f"#/components/schemas/{candidate}"}

    def nullable(self, schema):
        """``schema`` that also allows ``null``."""
        return nullable(schema)

    # Serializers

    def serializer_schema(self, serializer, model=None):
        """An object with one property per readable field of ``serializer``.

        ``model`` is the model of the objects it serializes, where the caller
        knows it (a ModelSerializer knows its own): its fields tell which
        values can be null and which strings are choices.
        """
        declared = getattr(serializer, "openapi_schema", None)
        if callable(declared):
            return declared(self)
        meta = getattr(serializer, "Meta", None)
        model = getattr(meta, "model", None) or model
        cls = type(serializer)
        defined = is_defined_in_module(cls)
        if model is None:
            # Reached through a property: taken to serialize what it does where its model is known.
            model = self._known_models.get(cls)
        elif defined:
            self._known_models.setdefault(cls, model)
        self._holders.append(model)
        try:
            properties = {
                name: self.field_schema(field)
                for name, field in serializer.fields.items()
                if not field.write_only
            }
        finally:
            self._holders.pop()
        schema = {
            "type": "object",
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
        }
        if not defined:
            return schema
        if cls.__doc__:
            schema = {"description": " ".join(cls.__doc__.split()), **schema}
        name = schema_name(cls)
        if model is None:
            if name not in self.components:
                self._loose_built.add(name)
        elif name in self._loose_built:
            # First built without its model: the version that knows the model is truer.
            self._loose_built.discard(name)
            self.components[name] = schema
        return self.component(name, schema)

    def wagtail_serializer_schema(self, serializer, model):
        """A Wagtail API object: body fields, with the meta fields gathered under ``meta``.

        Wagtail leaves a field out when it cannot give it (a ``detail_url`` for
        a model without an endpoint), so no property is required.
        """
        self._holders.append(model)
        try:
            fields = {
                name: field for name, field in serializer.fields.items() if not field.write_only
            }
            meta_names = set(serializer.meta_fields)
            meta = {name: self.field_schema(f) for name, f in fields.items() if name in meta_names}
            body = {
                name: self.field_schema(f) for name, f in fields.items() if name not in meta_names
            }
        finally:
            self._holders.pop()
        properties = {}
        if "id" in body:
            properties["id"] = body.pop("id")
        if meta:
            properties["meta"] = {
                "type": "object",
                "properties": meta,
                "additionalProperties": False,
            }
        properties.update(body)
        return {"type": "object", "properties": properties, "additionalProperties": False}

    # Fields

    def field_schema(self, field):
        schema = self._type_schema(field)
        if not field.field_name:
            return schema  # the items of a list: the list's field describes them
        attribute = self.field_attribute(field)
        if attribute.known:
            schema = describe(schema, model_field_description(attribute.model_field))
        elif field.help_text:
            schema = describe(schema, str(field.help_text))
        if getattr(field, "allow_null", False) or (reads_source(field) and attribute.nullable):
            schema = nullable(schema)
        return schema

    def _type_schema(self, field):
        declared = getattr(field, "openapi_schema", None)
        if callable(declared):
            return copy.deepcopy(declared(self))
        if isinstance(field, serializers.ListSerializer):
            return {
                "type": "array",
                "items": self.serializer_schema(field.child, self._related(field)),
            }
        if isinstance(field, serializers.BaseSerializer):
            return self.serializer_schema(field, self._related(field))
        if isinstance(field, serializers.SerializerMethodField):
            return self._method_schema(field)
        for cls in type(field).__mro__:
            mapper = field_types().get(cls)
            if mapper is not None:
                return mapper(field, self)
        raise UndocumentedFieldError(
            f"{field_label(field)}: {type(field).__module__}.{type(field).__qualname__} has no "
            "schema; give the class an openapi_schema(self, builder) method"
        )

    def _related(self, field):
        if field.source == "*":
            return self.holder
        return self.attribute(field.source_attrs).related_model

    def _method_schema(self, field):
        schemas = getattr(type(field.parent), "openapi_method_schemas", {})
        if field.field_name not in schemas:
            raise UndocumentedFieldError(
                f"{field_label(field)}: a SerializerMethodField has no schema; list it in "
                f"{type(field.parent).__qualname__}.openapi_method_schemas"
            )
        return copy.deepcopy(schemas[field.field_name])

    def model_field_schema(self, model_field):
        """The schema of a query parameter that filters by ``model_field``'s value."""
        if model_field.choices:
            return {"enum": [str(value) for value, _label in model_field.flatchoices]}
        target = model_field.target_field if model_field.is_relation else model_field
        for cls, schema in MODEL_FIELD_TYPES:
            if isinstance(target, cls):
                return dict(schema)
        return {"type": "string"}


def reads_source(field):
    """True when ``field`` takes its value from its ``source``, where a null shows as null.

    Fields with ``source="*"`` or their own ``get_attribute`` get the object
    itself or decide the value; their schema says whether it can be null.
    """
    return field.source != "*" and type(field).get_attribute is serializers.Field.get_attribute


def may_be_missing(relation):
    """A foreign key that may be null, or the reverse side of a one-to-one."""
    return bool(getattr(relation, "null", False)) or (relation.one_to_one and relation.auto_created)


def field_label(field):
    parent = getattr(field, "parent", None)
    owner = type(parent).__name__ if parent is not None else "?"
    holder = getattr(getattr(parent, "Meta", None), "model", None)
    if holder is not None:
        owner = f"{holder.__name__} ({owner})"
    return f"{owner}.{field.field_name}"


MODEL_FIELD_TYPES = [
    (models.BooleanField, {"type": "boolean"}),
    (models.IntegerField, {"type": "integer"}),
    (models.AutoField, {"type": "integer"}),
    (models.BigAutoField, {"type": "integer"}),
    (models.FloatField, {"type": "number"}),
    (models.DecimalField, {"type": "string", "pattern": DECIMAL_PATTERN}),
    (models.DateTimeField, {"type": "string", "format": "date-time"}),
    (models.DateField, {"type": "string", "format": "date"}),
    (models.TimeField, {"type": "string", "format": "time"}),
]


# DRF's standard fields


def string_schema(field, builder, string_format=None):
    schema = {"type": "string"}
    attribute = builder.field_attribute(field) if field.field_name else UNKNOWN
    choices = getattr(attribute.model_field, "flatchoices", None) if attribute.known else None
    if choices:
        values = [str(value) for value, _label in choices]
        if getattr(attribute.model_field, "blank", False) and "" not in values:
            values.append("")
        return {"type": "string", "enum": values}
    if string_format and not getattr(field, "allow_blank", False):
        schema["format"] = string_format
    return schema


def choice_schema(field, _builder):
    values = list(field.choices)
    if getattr(field, "allow_blank", False) and "" not in values:
        values.append("")
    kinds = sorted({json_type(value) for value in values})
    return {"type": kinds[0] if len(kinds) == 1 else kinds, "enum": values}


def json_type(value):
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "string"


def integer_schema(field, _builder):
    schema = {"type": "integer"}
    if getattr(field, "min_value", None) is not None:
        schema["minimum"] = field.min_value
    if getattr(field, "max_value", None) is not None:
        schema["maximum"] = field.max_value
    return schema


def decimal_schema(field, _builder):
    if getattr(field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING):
        return {
            "type": "string",
            "pattern": DECIMAL_PATTERN,
            "description": 'A decimal number as a string, e.g. "450.00".',
        }
    return {"type": "number"}


def list_schema(field, builder):
    return {"type": "array", "items": builder.field_schema(field.child)}


def dict_schema(field, builder):
    return {"type": "object", "additionalProperties": builder.field_schema(field.child)}


def many_related_schema(field, builder):
    return {"type": "array", "items": builder.field_schema(field.child_relation)}


DRF_FIELD_TYPES = {
    serializers.BooleanField: lambda field, builder: {"type": "boolean"},
    serializers.CharField: lambda field, builder: string_schema(field, builder),
    serializers.EmailField: lambda field, builder: string_schema(field, builder, "email"),
    serializers.URLField: lambda field, builder: string_schema(field, builder, "uri"),
    serializers.UUIDField: lambda field, builder: {"type": "string", "format": "uuid"},
    serializers.ChoiceField: choice_schema,
    serializers.MultipleChoiceField: lambda field, builder: {
        "type": "array",
        "items": choice_schema(field, builder),
    },
    serializers.IntegerField: integer_schema,
    serializers.FloatField: lambda field, builder: {"type": "number"},
    serializers.DecimalField: decimal_schema,
    serializers.DateTimeField: lambda field, builder: {"type": "string", "format": "date-time"},
    serializers.DateField: lambda field, builder: {"type": "string", "format": "date"},
    serializers.TimeField: lambda field, builder: {"type": "string", "format": "time"},
    serializers.DurationField: lambda field, builder: {"type": "string"},
    serializers.FileField: lambda field, builder: {"type": "string"},
    serializers.ListField: list_schema,
    serializers.DictField: dict_schema,
    relations.PrimaryKeyRelatedField: lambda field, builder: {"type": "integer"},
    relations.SlugRelatedField: lambda field, builder: {"type": "string"},
    relations.HyperlinkedRelatedField: lambda field, builder: {"type": "string", "format": "uri"},
    relations.ManyRelatedField: many_related_schema,
}


# Wagtail's API fields


def page_summary_schema(field, builder):
    """A page's ``parent`` or ``alias_of``: the few fields Wagtail gives of a linked page."""
    from wagtail.api.v2.serializers import PageSerializer, get_serializer_class
    from wagtail.models import Page

    serializer_class = get_serializer_class(
        Page,
        ["id", "type", "detail_url", "html_url", "title"],
        meta_fields=["type", "detail_url", "html_url"],
        base=PageSerializer,
    )
    return nullable(builder.wagtail_serializer_schema(serializer_class(), Page))


def related_object_schema(field, builder):
    related = builder._related(field)
    return builder.wagtail_serializer_schema(field.serializer_class(), related)


def child_relation_schema(field, builder):
    related = builder._related(field)
    return {
        "type": "array",
        "items": builder.wagtail_serializer_schema(field.serializer_class(), related),
    }


def rich_text_schema(field, builder):
    from wagtail.api.rich_text import APIRichText

    return {
        "type": "string",
        "description": (
            "Rich text in the format ?rich_text_format= asks for "
            f"(default: {APIRichText.get_default_format()})."
        ),
    }


def rendition_schema(field, builder):
    return builder.component(
        "Rendition",
        {
            "description": (
                'An image rendition; only {"error": "SourceImageIOError"} when the '
                "original file cannot be read."
            ),
            "oneOf": [
                {
                    "type": "object",
                    "properties": {
                        "url": {"type": "string"},
                        "full_url": {"type": "string"},
                        "width": {"type": "integer"},
                        "height": {"type": "integer"},
                        "alt": {"type": "string"},
                    },
                    "required": ["url", "full_url", "width", "height", "alt"],
                    "additionalProperties": False,
                },
                {
                    "type": "object",
                    "properties": {"error": {"const": "SourceImageIOError"}},
                    "required": ["error"],
                    "additionalProperties": False,
                },
            ],
        },
    )


def wagtail_field_types():
    from wagtail.api.v2 import serializers as wagtail_serializers
    from wagtail.documents.api.v2.serializers import DocumentDownloadUrlField
    from wagtail.images.api.fields import ImageRenditionField
    from wagtail.images.api.v2.serializers import ImageDownloadUrlField

    return {
        wagtail_serializers.TypeField: lambda field, builder: {
            "type": "string",
            "description": "The type as app_label.ModelName.",
        },
        wagtail_serializers.PageTypeField: lambda field, builder: {
            "type": "string",
            "description": "The page type as app_label.ModelName.",
        },
        wagtail_serializers.DetailUrlField: lambda field, builder: {
            "type": "string",
            "format": "uri",
            "description": "This object in the API.",
        },
        wagtail_serializers.PageHtmlUrlField: lambda field, builder: {
            "type": ["string", "null"],
            "description": "The page on the web site.",
        },
        wagtail_serializers.PageLocaleField: lambda field, builder: {
            "type": "string",
            "description": "The language code of the page's tree, e.g. sv.",
        },
        wagtail_serializers.PageParentField: page_summary_schema,
        wagtail_serializers.PageAliasOfField: page_summary_schema,
        wagtail_serializers.RelatedField: related_object_schema,
        wagtail_serializers.ChildRelationField: child_relation_schema,
        wagtail_serializers.StreamField: lambda field, builder: {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "id": {"type": "string"},
                    "value": {"type": list(JSON_TYPES)},
                },
            },
        },
        wagtail_serializers.RichTextFieldSerializer: rich_text_schema,
        wagtail_serializers.TagsField: lambda field, builder: {
            "type": "array",
            "items": {"type": "string"},
        },
        ImageDownloadUrlField: lambda field, builder: {"type": "string"},
        DocumentDownloadUrlField: lambda field, builder: {"type": "string", "format": "uri"},
        ImageRenditionField: rendition_schema,
    }


_field_types = None


def field_types():
    """Every known field class and how to make its schema; Wagtail's are loaded when first asked."""
    global _field_types
    if _field_types is None:
        _field_types = {**DRF_FIELD_TYPES, **wagtail_field_types()}
    return _field_types
