"""The OpenAPI document as JSON, and as a self-contained web page for developers."""

from functools import wraps

from django.http import JsonResponse
from django.shortcuts import render

from ..api.messages import UNKNOWN_PARAMETERS, message_response
from ..api.methods import read_only
from .generator import build_document
from .presentation import documentation_context

#: Accepted and ignored, as by Wagtail's API: a cache-busting parameter some clients add.
IGNORED_PARAMETERS = {"_"}


def without_parameters(view):
    """``view`` takes no query parameters: any other than ``_`` answers 400 with a message."""

    @wraps(view)
    def checked_view(request, *args, **kwargs):
        unknown = set(request.GET) - IGNORED_PARAMETERS
        if unknown:
            names = ", ".join(sorted(unknown))
            return message_response(request, 400, UNKNOWN_PARAMETERS, names=names)
        return view(request, *args, **kwargs)

    return checked_view


@read_only
@without_parameters
def openapi_document(request):
    """``openapi.json``: the document, built from the code as it runs now."""
    return JsonResponse(build_document(request), json_dumps_params={"ensure_ascii": False})


@read_only
@without_parameters
def documentation(request):
    """``docs/``: the same document as HTML; no scripts or styles from elsewhere, works offline."""
    document = build_document(request)
    return render(request, "content_types/api/documentation.html", documentation_context(document))
