"""The OpenAPI document as JSON, and as a self-contained web page for developers."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .generator import build_document
from .presentation import documentation_context


@require_safe
def openapi_document(request):
    """``openapi.json``: the document, built from the code as it runs now."""
    return JsonResponse(build_document(request), json_dumps_params={"ensure_ascii": False})


@require_safe
def documentation(request):
    """``docs/``: the same document as HTML; no scripts or styles from elsewhere, works offline."""
    document = build_document(request)
    return render(request, "content_types/api/documentation.html", documentation_context(document))
