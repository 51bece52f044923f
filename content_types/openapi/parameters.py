"""The query parameters of an API endpoint, read from the code that handles them.

Each filter backend describes the parameters it reads in a class attribute::

    class LocaleFilter(BaseFilterBackend):
        openapi_parameters = [
            {"name": "locale", "description": "...", "schema": {"type": "string"}},
        ]

Wagtail's own tree and translation filters and the parameters its views read
themselves (``fields``, ``type``, ...) are described here. Field filters
(``?status=ongoing``) are one parameter per database field among the API
fields of each type the endpoint lists.

The description must match what the endpoint accepts, in both directions: a
name in the viewset's ``known_query_parameters`` that nothing describes, or a
described name the endpoint would reject, is an ``UndocumentedParameterError``.
"""

from django.db import connection
from wagtail.api.v2 import filters as wagtail_filters

from ..api.filters import is_reverse_relation
from ..api.loading import model_field
from .schemas import model_field_description

# jQuery's cache-buster and DRF's browsable API switch: accepted, but no part of the API.
UNDOCUMENTED = frozenset(["_", "format"])


class UndocumentedParameterError(Exception):
    """A query parameter that the endpoint reads and the document would not show, or the reverse."""


def id_schema(model):
    """An id of ``model``: a whole number in the range its database column holds."""
    _lowest, highest = connection.ops.integer_field_range(model._meta.pk.get_internal_type())
    schema = {"type": "integer", "minimum": 0}
    if highest is not None:
        schema["maximum"] = highest
    return schema


def wagtail_backend_parameters():
    """Wagtail's own backends the endpoints use, which describe nothing themselves."""
    from wagtail.models import Page

    page_id = id_schema(Page)
    page_id_or_root = {"anyOf": [page_id, {"const": "root"}]}

    def one(name, description, schema=page_id_or_root):
        return [{"name": name, "description": description, "schema": schema}]

    return {
        wagtail_filters.ChildOfFilter: one(
            "child_of", "Only the children of this page: its id, or root for the site's home page."
        ),
        wagtail_filters.AncestorOfFilter: one(
            "ancestor_of", "Only the ancestors of this page (its id).", page_id
        ),
        wagtail_filters.DescendantOfFilter: one(
            "descendant_of",
            "Only the descendants of this page: its id, or root for the site's home page. "
            "Cannot be combined with child_of.",
        ),
        wagtail_filters.TranslationOfFilter: one(
            "translation_of", "Only the translations of this page: its id, or root."
        ),
    }


def rich_text_formats():
    from wagtail.api.rich_text import APIRichText

    return sorted(APIRichText._serializers())


def view_parameters(endpoint):
    """The parameters Wagtail's views read themselves, where the endpoint accepts them."""
    from wagtail.models import get_page_models

    described = [
        {
            "name": "fields",
            "description": (
                "The fields to show, comma-separated, added to the defaults: * for every "
                "field, _ to start from none, -name to leave one out, name(a,b) for the "
                "fields of a related object. Listings of several page types show only the "
                "fields every page has; ask for one type to get its fields."
            ),
            "schema": {"type": "string"},
            "examples": ["*", "_,title,start"],
        },
        {
            "name": "rich_text_format",
            "description": "The format of rich text fields.",
            "schema": {"enum": rich_text_formats()},
        },
        {
            "name": "type",
            "description": (
                "Only pages of this type (app_label.ModelName), or of these, comma-separated. "
                "One type makes its fields available to fields, to field filters and to order."
            ),
            "schema": {"type": "string"},
            "examples": sorted(model._meta.label for model in get_page_models()),
        },
        {
            "name": "site",
            "description": "The site (hostname, or hostname:port) whose pages to list; "
            "by default the site the request is for.",
            "schema": {"type": "string"},
        },
    ]
    return [
        parameter for parameter in described if parameter["name"] in endpoint.known_query_parameters
    ]


def pagination_parameters(pagination_class):
    if pagination_class is None:
        return []
    declared = getattr(pagination_class, "openapi_parameters", None)
    if declared is None:
        raise UndocumentedParameterError(
            f"{pagination_class.__qualname__}: declare the parameters it reads in openapi_parameters"
        )
    return list(declared)


def backend_parameters(backend):
    """The parameters a filter backend reads: its ``openapi_parameters``, or Wagtail's as known."""
    declared = getattr(backend, "openapi_parameters", None)
    if declared is not None:
        return list(declared)
    described = wagtail_backend_parameters()
    for cls in backend.__mro__:
        if cls in described:
            return list(described[cls])
    raise UndocumentedParameterError(
        f"{backend.__module__}.{backend.__qualname__}: declare the query parameters it reads "
        "in a class attribute openapi_parameters"
    )


def field_filter_parameters(endpoint, models, builder):
    """One parameter per database field among the API fields of ``models`` (Eg: ?status=ongoing).

    Only the first model's fields (the endpoint's own model) work without
    ``type``; the others are marked with the types that have them.
    """
    from taggit.managers import TaggableManager

    by_name = {}
    for model in models:
        for name in endpoint.get_available_fields(model, db_fields_only=True):
            if name == "locale" or name in by_name and model in by_name[name]["models"]:
                continue
            field = model_field(model, name)
            if field is None or is_reverse_relation(field):
                continue  # a reverse relation is not a value to filter by
            if isinstance(field, TaggableManager):
                schema = {"type": "string"}
                description = "Only items with all these tags, comma-separated."
            else:
                schema = builder.model_field_schema(field)
                description = f"Only items whose {name} is this value"
                if field.is_relation:
                    description += " (the id of the related object)"
                description += ". " + model_field_description(field)
            entry = by_name.setdefault(
                name, {"models": [], "schemas": [], "description": description.strip()}
            )
            entry["models"].append(model)
            if schema not in entry["schemas"]:
                entry["schemas"].append(schema)
    parameters = []
    base = models[0] if models else None
    for name, entry in by_name.items():
        schemas = entry["schemas"]
        parameter = {
            "name": name,
            "description": entry["description"],
            "schema": schemas[0] if len(schemas) == 1 else {"anyOf": schemas},
        }
        if base not in entry["models"]:
            parameter["x-types"] = sorted(model._meta.label for model in entry["models"])
        parameters.append(parameter)
    return parameters


def query(parameter):
    """A parameter description as an OpenAPI parameter object."""
    description = parameter.get("description", "")
    if parameter.get("x-types"):
        description += " Needs type=" + " or type=".join(parameter["x-types"]) + "."
    described = {
        "name": parameter["name"],
        "in": "query",
        "required": bool(parameter.get("required", False)),
        "description": description.strip(),
        "schema": parameter.get("schema", {"type": "string"}),
    }
    for key, value in parameter.items():
        if key == "examples":
            described["examples"] = {str(example): {"value": example} for example in value}
        elif key.startswith("x-"):
            described[key] = value
    return described


def listing_parameters(endpoint, models, builder):
    """Every query parameter of a listing: pagination, Wagtail's, the filters', field filters."""
    parameters = pagination_parameters(endpoint.pagination_class) + view_parameters(endpoint)
    declared = set()
    for backend in endpoint.filter_backends:
        for parameter in backend_parameters(backend):
            declared.add(parameter["name"])
            parameters.append(parameter)
    field_filters = []
    if any(
        issubclass(backend, wagtail_filters.FieldsFilter) for backend in endpoint.filter_backends
    ):
        field_filters = field_filter_parameters(endpoint, models, builder)

    known = set(endpoint.known_query_parameters) - UNDOCUMENTED
    rejected = declared - known - {parameter["name"] for parameter in field_filters}
    if rejected:
        raise UndocumentedParameterError(
            f"{endpoint.__qualname__}: its filters read {', '.join(sorted(rejected))} but the "
            "endpoint answers 400 for them; add them to known_query_parameters"
        )
    names = {parameter["name"] for parameter in parameters}
    missing = known - names
    if missing:
        raise UndocumentedParameterError(
            f"{endpoint.__qualname__}: nothing describes the query parameters "
            f"{', '.join(sorted(missing))}; declare them in openapi_parameters of the filter "
            "backend that reads them"
        )
    parameters += [parameter for parameter in field_filters if parameter["name"] not in names]
    return unique([query(parameter) for parameter in parameters])


def detail_parameters(endpoint):
    return unique(
        [
            query(parameter)
            for parameter in view_parameters(endpoint)
            if parameter["name"] in ("fields", "rich_text_format", "site")
        ]
    )


def find_parameters(endpoint):
    described = {
        "id": {
            "name": "id",
            "description": "The object's id.",
            "schema": id_schema(endpoint.model),
        },
        "html_path": {
            "name": "html_path",
            "description": "The page's path on the site, e.g. /projekt/tvinning/.",
            "schema": {"type": "string"},
        },
    }
    missing = set(endpoint.find_query_parameters) - set(described)
    if missing:
        raise UndocumentedParameterError(
            f"{endpoint.__qualname__}: find reads {', '.join(sorted(missing))}, which nothing "
            "describes"
        )
    return [query(described[name]) for name in sorted(endpoint.find_query_parameters)]


def unique(parameters):
    seen = set()
    result = []
    for parameter in parameters:
        if parameter["name"] not in seen:
            seen.add(parameter["name"])
            result.append(parameter)
    return result
