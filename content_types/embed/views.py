"""Serving the embed script to any site.

Its URL names its version (``/embed/v1/``): a change that would break a host
page gets a new one. Within a version the script may be fixed, so it is kept
for a day and used for a week more while it is checked again
(``stale-while-revalidate``); the check is one request answered 304 while the
``ETag`` (a hash of the bytes) is the same.
"""

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from .script import embed_script

MAX_AGE = 24 * 60 * 60
STALE_WHILE_REVALIDATE = 7 * 24 * 60 * 60


def cross_origin(response):
    """Any page may load it, also one that asks with ``crossorigin`` or isolates itself."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    patch_cache_control(
        response, public=True, max_age=MAX_AGE, stale_while_revalidate=STALE_WHILE_REVALIDATE
    )
    return response


def script_etag(request):
    return embed_script().etag


@require_safe
def script(request):
    response = conditional_script(request)
    return cross_origin(response)


@condition(etag_func=script_etag)
def conditional_script(request):
    return HttpResponse(embed_script().body, content_type="text/javascript; charset=utf-8")
