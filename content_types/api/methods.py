"""The API is read-only: any other HTTP method answers 405 with a JSON message.

Wagtail's endpoints are DRF views, whose own 405 body is ``{"detail": ...}``;
the calendar feeds and the OpenAPI views are plain Django views, whose
``require_safe`` answers 405 with an empty HTML body, and before either
Django's CSRF check answers a write with an HTML 403 page. All answer here as
every other API error does: ``{"message": ...}`` in the client's language, with
the ``Allow`` header listing what is allowed.
"""

from functools import wraps

from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt

from .messages import message_response

#: What a read-only view answers (OPTIONS is answered by DRF and the CORS middleware).
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def method_not_allowed(request, allowed=SAFE_METHODS):
    """A JSON 405 for ``request``, naming the methods that are allowed."""
    message = gettext_lazy(
        "method %(method)s is not allowed here; the API is read-only (%(allowed)s)"
    )
    response = message_response(
        request, 405, message, method=request.method, allowed=", ".join(allowed)
    )
    response["Allow"] = ", ".join(allowed)
    return response


def read_only(view):
    """Lets GET and HEAD through to ``view``; any other method answers a JSON 405.

    Eg: ``@read_only`` on a feed view instead of Django's ``@require_safe``.
    Exempt from the CSRF check: the view changes nothing, so there is nothing to
    protect, and a write is answered by this 405, not by an HTML 403.
    """
    allowed = ("GET", "HEAD")

    @wraps(view)
    def read_only_view(request, *args, **kwargs):
        if request.method not in allowed:
            return method_not_allowed(request, allowed)
        return view(request, *args, **kwargs)

    return csrf_exempt(read_only_view)
