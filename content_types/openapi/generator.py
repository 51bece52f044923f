"""The OpenAPI 3.1 document of the public API, built from the code that serves it.

Nothing here lists endpoints, parameters or fields by hand: the endpoints are
the Wagtail API viewsets found in the URLconf under the API's prefix (the
router's registrations, in order), their parameters come from their filter
backends, pagination and ``known_query_parameters`` (``parameters.py``), and
each page type's schema from its ``api_fields`` and their serializers
(``schemas.py``). Anything that cannot be described is an error, so a new
endpoint, parameter or field cannot go out undocumented.
"""

from importlib.metadata import PackageNotFoundError, version

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import get_serializer_class
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Page, get_page_models

from ..api.delivery import field_plan
from ..api.methods import SAFE_METHODS
from ..base_url import base_url, configured_base_url
from . import parameters as query_parameters
from . import routes
from .parameters import id_schema
from .schemas import SchemaBuilder

OPENAPI_VERSION = "3.1.0"
# Drafts by preview token: for the editor's preview on the external site, not for readers.
PRIVATE_ENDPOINTS = frozenset(["preview"])
CALENDAR_PREFIX = "calendar/"
DOCUMENT_URL_NAME = "samverkan_openapi:document"
MESSAGE = {"$ref": "#/components/schemas/Message"}
#: What every path answers 405 to, with Allow naming what it does answer.
WRITE_METHODS = ("post", "put", "patch", "delete")
#: What the plain Django views (feeds, this document) allow; the endpoints also allow OPTIONS.
READ_METHODS = ("GET", "HEAD")
MESSAGE_LANGUAGE = {
    "description": "The language of the message: en, or sv or nb as Accept-Language asks.",
    "schema": {"type": "string"},
}
CONTENT_LANGUAGE = {
    "description": "The language of the content: a page's own on a detail; on a listing the "
    "locale asked for, else every language of the site (e.g. sv, nb).",
    "schema": {"type": "string"},
}


class UndocumentedViewError(Exception):
    """A view under the API's prefix that the document does not know how to describe."""


def build_document(request=None, api_prefix=None):
    """The OpenAPI document (a dict) of the API as the URLconf serves it now.

    Built in English, whatever language the request is in: the document is
    for developers, like the API's field names.
    """
    with translation.override("en"):
        return DocumentBuilder(request, api_prefix or default_api_prefix()).build()


def default_api_prefix():
    """Where the API is mounted: where this document is, or Wagtail's usual ``/api/v2/``."""
    try:
        return reverse(DOCUMENT_URL_NAME).rsplit("/", 1)[0] + "/"
    except NoReverseMatch:
        return "/api/v2/"


def package_version():
    try:
        return version("samverkan")
    except PackageNotFoundError:
        return "0"


def json_content(schema):
    return {"application/json": {"schema": schema}}


def error_response(description):
    return {
        "description": description,
        "headers": {"Content-Language": MESSAGE_LANGUAGE},
        "content": json_content(MESSAGE),
    }


def bad_input_response():
    return error_response(
        "Bad input: an unknown parameter, field, type or locale, or a malformed value. "
        "The message says which."
    )


def error_responses(not_found):
    return {"400": bad_input_response(), "404": error_response(not_found)}


def method_not_allowed_response(allowed):
    return {
        **error_response("The API is read-only: nothing here accepts this method."),
        "headers": {
            "Allow": {
                "description": f"The methods allowed: {', '.join(allowed)}.",
                "schema": {"type": "string"},
                "required": True,
            },
            "Content-Language": MESSAGE_LANGUAGE,
        },
    }


def api_endpoint(entry):
    """The Wagtail API viewset a URL pattern serves, or None for a plain view."""
    endpoint = getattr(entry.callback, "cls", None)
    return endpoint if endpoint is not None and issubclass(endpoint, BaseAPIViewSet) else None


class DocumentBuilder:
    def __init__(self, request, api_prefix):
        self.request = request
        self.api_prefix = api_prefix
        self.builder = SchemaBuilder()
        self.paths = {}
        self.tags = []
        views = [view for view in routes.walk() if view[0].startswith(api_prefix)]
        self.views = views
        self.router = self.equivalent_router(views)
        self.item_schemas = {}

    # The endpoints

    @staticmethod
    def equivalent_router(views):
        """A router with the URLconf's API endpoints registered in the same order.

        Wagtail's serializers ask the router which endpoint shows a related
        model; this one answers as the site's does.
        """
        router = WagtailAPIRouter("openapi")
        for _path, _parameters, entry, namespace in views:
            endpoint = api_endpoint(entry)
            if endpoint is not None:
                name = namespace.rsplit(":", 1)[-1]
                if name not in router._endpoints:
                    router.register_endpoint(name, endpoint)
        return router

    def build(self):
        self.builder.components["Message"] = {
            "type": "object",
            "description": "Why the request could not be answered.",
            "properties": {"message": {"type": "string"}},
            "required": ["message"],
        }
        # The API's endpoints first, in the router's order, then the feeds, then this document.
        for path, path_parameters, entry, namespace in sorted(self.views, key=self.view_rank):
            self.describe_view(path, path_parameters, entry, namespace)
        return {
            "openapi": OPENAPI_VERSION,
            "info": self.info(),
            "servers": [{"url": self.server_url()}],
            "tags": self.tags,
            "paths": self.paths,
            "components": {"schemas": dict(sorted(self.builder.components.items()))},
        }

    def info(self):
        return {
            "title": f"{settings.WAGTAIL_SITE_NAME} content API",
            "version": package_version(),
            "description": (
                "Public, published content: pages of every type with their fields, images "
                "and documents, and calendar feeds. Wagtail API v2 conventions: limit and "
                'offset, fields, type, order, search. Errors answer {"message": ...}, in '
                "English or, when Accept-Language asks for it, in Swedish or Norwegian. "
                "Read-only: POST, PUT, PATCH and DELETE answer 405 everywhere, with Allow."
            ),
        }

    def server_url(self):
        """The server that answered, as every URL in the API names it (``base_url.py``)."""
        if self.request is not None:
            return base_url(self.request)
        return configured_base_url() or "/"

    def view_rank(self, view):
        path, _parameters, entry, _namespace = view
        if api_endpoint(entry) is not None:
            return 0
        return 1 if path[len(self.api_prefix) :].startswith(CALENDAR_PREFIX) else 2

    def describe_view(self, path, path_parameters, entry, namespace):
        endpoint = api_endpoint(entry)
        relative = path[len(self.api_prefix) :]
        if endpoint is not None:
            name = namespace.rsplit(":", 1)[-1]
            if name not in PRIVATE_ENDPOINTS:
                if "id" in path_parameters:
                    path_parameters = {**path_parameters, "id": id_schema(endpoint.model)}
                self.describe_endpoint_view(path, path_parameters, entry, name, endpoint)
        elif getattr(entry.callback, "is_sync_api", False):
            self.describe_sync_view(path, entry)
        elif relative.startswith(CALENDAR_PREFIX):
            self.describe_calendar_view(path, path_parameters, entry)
        elif namespace.endswith("samverkan_openapi"):
            self.describe_own_view(path, entry)
        else:
            raise UndocumentedViewError(
                f"{path} ({entry.lookup_str}): no description for this view under the API's prefix"
            )

    def add_operation(self, path, path_parameters, operation, tag, allowed=READ_METHODS):
        """``operation`` as the path's GET, and a 405 naming ``allowed`` for every write."""
        if tag not in [existing["name"] for existing in self.tags]:
            self.tags.append({"name": tag})
        parameters = [
            {
                "name": name,
                "in": "path",
                "required": True,
                "description": "The object's id." if name == "id" else "",
                "schema": schema,
            }
            for name, schema in path_parameters.items()
        ]
        operation["parameters"] = parameters + operation.get("parameters", [])
        operation["tags"] = [tag]
        methods = self.paths.setdefault(path, {})
        methods["get"] = operation
        for method in WRITE_METHODS:
            methods[method] = {
                "operationId": f"{operation['operationId']}_{method}",
                "summary": f"{method.upper()} is not allowed",
                "parameters": parameters,
                "tags": [tag],
                "responses": {"405": method_not_allowed_response(allowed)},
            }

    # Wagtail API endpoints

    def describe_endpoint_view(self, path, path_parameters, entry, name, endpoint):
        actions = getattr(entry.callback, "actions", {})
        action = actions.get("get")
        item = self.item_schema(endpoint)
        noun = name.removesuffix("s")
        if action == "listing_view":
            defaults = ", ".join(endpoint.get_listing_default_fields(endpoint.model))
            operation = {
                "operationId": f"{name}_listing",
                "summary": f"List {name}",
                "description": (
                    f"Items show {defaults} unless fields asks for others. "
                    + (
                        "Without type, only the fields every page has; with one type, that "
                        "type's fields (fields=*) and its field filters."
                        if issubclass(endpoint.model, Page)
                        else ""
                    )
                ).strip(),
                "parameters": query_parameters.listing_parameters(
                    endpoint, self.filterable_models(endpoint), self.builder
                ),
                "responses": {
                    "200": {
                        "description": f"A page of {name}, with the number of all that match.",
                        "content": json_content(self.listing_schema(endpoint, item)),
                    },
                    **error_responses("No site is at the hostname ?site= names."),
                },
            }
        elif action == "detail_view":
            operation = {
                "operationId": f"{name}_detail",
                "summary": f"One {noun}, with all its fields",
                "parameters": query_parameters.detail_parameters(endpoint),
                "responses": {
                    "200": {"description": f"The {noun}.", "content": json_content(item)},
                    **error_responses(f"No public {noun} has this id."),
                },
            }
        elif action == "find_view":
            operation = {
                "operationId": f"{name}_find",
                "summary": f"Find a {noun}",
                "description": f"Redirects to the {noun}'s detail URL, keeping the other "
                "query parameters.",
                "parameters": query_parameters.find_parameters(endpoint),
                "responses": {
                    "302": {
                        "description": f"Found: Location is the {noun}'s detail URL.",
                        "headers": {"Location": {"schema": {"type": "string"}, "required": True}},
                    },
                    **error_responses(f"No public {noun} matches."),
                },
            }
        else:
            raise UndocumentedViewError(
                f"{path}: {endpoint.__qualname__} answers GET with {action!r}, which the "
                "document does not know"
            )
        if "200" in operation["responses"]:
            operation["responses"]["200"]["headers"] = {"Content-Language": CONTENT_LANGUAGE}
        self.add_operation(path, path_parameters, operation, name, allowed=SAFE_METHODS)

    def filterable_models(self, endpoint):
        """The endpoint's own model first, then the page types a ``type`` can ask for."""
        models = [endpoint.model]
        if issubclass(endpoint.model, Page):
            models += [model for model in self.page_models(endpoint) if model is not endpoint.model]
        return models

    def page_models(self, endpoint):
        return [model for model in get_page_models() if issubclass(model, endpoint.model)]

    def item_schema(self, endpoint):
        """What one object of the endpoint looks like: for pages, any of the page types."""
        if endpoint not in self.item_schemas:
            if issubclass(endpoint.model, Page):
                schema = {
                    "anyOf": [self.model_component(endpoint, m) for m in self.page_models(endpoint)]
                }
            else:
                schema = self.model_component(endpoint, endpoint.model)
            self.item_schemas[endpoint] = schema
        return self.item_schemas[endpoint]

    def model_component(self, endpoint, model):
        """The component of ``model``: every field the endpoint can show of it.

        No property is required: ``fields`` can leave any of them out.
        """
        # Worked out anew (``__wrapped__``): the document describes the models as they are now.
        plan = field_plan.__wrapped__(endpoint, model, "*", show_details=True)
        overrides = endpoint.get_field_serializer_overrides(model)
        serializer_class = get_serializer_class(
            model,
            plan.names,
            meta_fields=sorted(plan.meta),
            field_serializer_overrides={
                name: field for name, field in overrides.items() if name in plan.names
            },
            base=endpoint.base_serializer_class,
        )
        schema = self.builder.wagtail_serializer_schema(serializer_class(context={}), model)
        meta = schema["properties"].get("meta")
        if meta is not None and "type" in meta["properties"]:
            meta["properties"]["type"] = {
                "const": model._meta.label,
                "description": meta["properties"]["type"].get("description", ""),
            }
        description = " ".join((model.__doc__ or "").split())
        if description.startswith(f"{model.__name__}("):
            description = ""  # Django's generated docstring, the field list
        schema = {
            "title": str(model._meta.verbose_name).capitalize(),
            **({"description": description} if description else {}),
            "x-model": model._meta.label,
            **({"x-page-type": True} if issubclass(model, Page) else {}),
            **schema,
        }
        return self.builder.component(model.__name__, schema)

    def listing_schema(self, endpoint, item):
        name = f"{endpoint.model.__name__}Listing"
        return self.builder.component(
            name,
            {
                "type": "object",
                "properties": {
                    "meta": {
                        "type": "object",
                        "properties": {
                            "total_count": {
                                "type": "integer",
                                "minimum": 0,
                                "description": "How many match, on every page of results.",
                            }
                        },
                        "required": ["total_count"],
                        "additionalProperties": False,
                    },
                    "items": {"type": "array", "items": item},
                },
                "required": ["meta", "items"],
                "additionalProperties": False,
            },
        )

    # The sync API

    def describe_sync_view(self, path, entry):
        view = entry.callback
        _name, pages = self.router.get_model_endpoint(Page)
        token = {"type": "string", "description": "Opaque; pass it back as it is."}
        answer = self.builder.component(
            "SyncAnswer",
            {
                "type": "object",
                "description": "One answer of a sync: pages new or changed, pages no longer "
                "public, and next_page_token while more follow, else next_sync_token.",
                "properties": {
                    "items": {"type": "array", "items": self.item_schema(pages)},
                    "deleted": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "id": {"type": "integer"},
                                "type": {"type": "string"},
                            },
                            "required": ["id", "type"],
                            "additionalProperties": False,
                        },
                    },
                    "next_page_token": token,
                    "next_sync_token": token,
                },
                "required": ["items", "deleted"],
                "additionalProperties": False,
            },
        )
        operation = {
            "operationId": "sync",
            "summary": "Every public page, then what changed since",
            "description": (
                "Without sync_token: every public page's detail (as pages/{id}/ shows it), "
                "page by page (page_token), ending with next_sync_token. With sync_token: the "
                "pages new or changed since, and in deleted the pages that are no longer "
                "public. Applying a delta to the earlier copy gives what a full sync would now."
            ),
            "parameters": [query_parameters.query(p) for p in view.openapi_parameters],
            "responses": {
                "200": {"description": "A page of the sync.", "content": json_content(answer)},
                "400": error_response(
                    "Bad input, or a token that is not valid here: start a full sync again."
                ),
                "410": error_response(
                    "A token older than the change log: start a full sync again."
                ),
            },
        }
        self.add_operation(path, {}, operation, "sync")

    # Calendar feeds and this document

    def describe_calendar_view(self, path, path_parameters, entry):
        view = entry.callback
        doc = " ".join((view.__doc__ or "").split())
        declared = getattr(view, "openapi_parameters", [])
        operation = {
            "operationId": f"calendar_{entry.name or view.__name__}",
            "summary": doc.split(". ")[0].rstrip(".") if doc else "A calendar feed",
            "description": doc,
            "parameters": [query_parameters.query(parameter) for parameter in declared],
            "responses": {
                "200": {
                    "description": "An iCalendar (RFC 5545) feed.",
                    "content": {"text/calendar": {"schema": {"type": "string"}}},
                },
                **error_responses(
                    getattr(view, "openapi_not_found", "No public conference has this id.")
                ),
            },
        }
        self.add_operation(path, path_parameters, operation, "calendar")

    def describe_own_view(self, path, entry):
        if entry.name == "document":
            summary, description = "This OpenAPI document", "The OpenAPI 3.1 document of the API."
            content = json_content({"type": "object"})
        else:
            summary = "This document as a web page"
            description = "The endpoints, parameters and page types, in HTML."
            content = {"text/html": {"schema": {"type": "string"}}}
        operation = {
            "operationId": f"openapi_{entry.name}",
            "summary": summary,
            "responses": {
                "200": {"description": description, "content": content},
                "400": bad_input_response(),
            },
        }
        self.add_operation(path, {}, operation, "documentation")
