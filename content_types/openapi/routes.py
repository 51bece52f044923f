"""URL patterns as OpenAPI paths: ``feeds/<str:name>.ics`` becomes ``feeds/{name}.ics``."""

import re

from django.urls import URLPattern, URLResolver, converters, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<pattern>[^)]*)\)")

CONVERTER_SCHEMAS = {
    converters.IntConverter: {"type": "integer", "minimum": 0},
    converters.SlugConverter: {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
    converters.UUIDConverter: {"type": "string", "format": "uuid"},
    converters.PathConverter: {"type": "string"},
    converters.StringConverter: {"type": "string", "pattern": "^[^/]+$"},
}


class UnsupportedPatternError(Exception):
    """A URL pattern that cannot be written as an OpenAPI path."""


def public_name(name):
    """Django's ``pk`` is the object's ``id`` to the readers of the document."""
    return "id" if name == "pk" else name


def converter_schema(converter):
    for cls in type(converter).__mro__:
        if cls in CONVERTER_SCHEMAS:
            return dict(CONVERTER_SCHEMAS[cls])
    return {"type": "string", "pattern": f"^{converter.regex}$"}


def pattern_path(pattern):
    """``(path template, {parameter name: schema})`` of one level of a URL pattern."""
    if isinstance(pattern, RoutePattern):
        route = str(pattern._route)
        parameters = {}

        def replace(match):
            name = match.group("name")
            parameters[public_name(name)] = converter_schema(pattern.converters[name])
            return "{" + public_name(name) + "}"

        return ROUTE_PARAMETER.sub(replace, route), parameters
    if isinstance(pattern, RegexPattern):
        regex = str(pattern._regex).removeprefix("^").removesuffix("$").removesuffix(r"\Z")
        parameters = {}

        def replace_group(match):
            name = public_name(match.group("name"))
            parameters[name] = {"type": "string", "pattern": f"^{match.group('pattern')}$"}
            return "{" + name + "}"

        template = REGEX_GROUP.sub(replace_group, regex)
        if re.search(r"[\\()\[\]*+?|^$]", template):
            raise UnsupportedPatternError(f"cannot write the URL pattern {regex!r} as a path")
        return template, parameters
    raise UnsupportedPatternError(f"unknown kind of URL pattern: {pattern!r}")


def walk(patterns=None, prefix="/", parameters=None, namespace=""):
    """Every view of the URLconf as ``(path template, path parameters, URLPattern, namespace)``.

    Parts that cannot be written as an OpenAPI path (a language prefix, a regex
    with alternatives) are left out: nothing under the API's prefix is built
    that way.
    """
    if patterns is None:
        patterns = get_resolver().url_patterns
    parameters = parameters or {}
    for entry in patterns:
        try:
            template, own = pattern_path(entry.pattern)
        except UnsupportedPatternError:
            continue
        path, found = prefix + template, {**parameters, **own}
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from walk(entry.url_patterns, path, found, inner)
        elif isinstance(entry, URLPattern):
            yield path, found, entry, namespace
