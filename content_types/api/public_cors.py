"""Any web page may read the public API: ``Access-Control-Allow-Origin: *``.

The public endpoints (pages, images, documents, the calendar feeds and the
OpenAPI document) serve only what anyone may read, to anyone, so a page on
any origin may read them too: a library's site that embeds a programme needs
no one to add its origin first. Such a read is anonymous by construction: the
wildcard is never sent with ``Access-Control-Allow-Credentials``, so a browser
does not show a script the answer to a request that carried cookies.

Everything else keeps to the origins the operators configured
(``CORS_ALLOWED_ORIGINS``, answered by django-cors-headers below this
middleware): the preview endpoint (drafts, by token), sync (for mirrors), any
request that carries a cookie or an ``Authorization`` header, and any method
but ``GET``, ``HEAD`` and ``OPTIONS``.
"""

from django.http import HttpResponse
from django.urls import Resolver404, resolve

#: The URL namespaces of the endpoints any origin may read.
PUBLIC_NAMESPACES = frozenset(
    ["pages", "images", "documents", "samverkan_calendar", "samverkan_openapi"]
)
READ_METHODS = frozenset(["GET", "HEAD", "OPTIONS"])
#: What a script may send: content negotiation and the validators of a conditional GET.
ALLOWED_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
EXPOSED_HEADERS = ["ETag", "Last-Modified", "Content-Language"]
PREFLIGHT_MAX_AGE = 24 * 60 * 60


def is_public_endpoint(path):
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return bool(PUBLIC_NAMESPACES.intersection(match.namespaces))


def is_anonymous_public_read(request):
    """A read of a public endpoint that carries no credentials."""
    return (
        request.method in READ_METHODS
        and not request.headers.get("cookie")
        and not request.headers.get("authorization")
        and request.path_info.startswith("/api/")
        and is_public_endpoint(request.path_info)
    )


def is_preflight(request):
    return request.method == "OPTIONS" and "access-control-request-method" in request.headers


class PublicReadCorsMiddleware:
    """Answers anonymous reads of the public API for every origin; the rest passes on.

    Placed before ``corsheaders.middleware.CorsMiddleware``, so it has the last
    word on the headers of the answers it takes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_public_read(request):
            return self.get_response(request)
        if is_preflight(request):
            response = HttpResponse(headers={"Content-Length": "0"})
            response["Access-Control-Allow-Methods"] = ", ".join(sorted(READ_METHODS))
            response["Access-Control-Allow-Headers"] = ", ".join(ALLOWED_HEADERS)
            response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
        else:
            response = self.get_response(request)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = ", ".join(EXPOSED_HEADERS)
        if "Access-Control-Allow-Credentials" in response:
            del response["Access-Control-Allow-Credentials"]
        return response
