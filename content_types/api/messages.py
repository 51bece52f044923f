"""The language the API's error messages are written in, and the answers that carry them."""

from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext_lazy
from django.utils.translation.trans_real import parse_accept_lang_header

MESSAGE_LANGUAGES = ("en", "sv", "nb")
UNKNOWN_PARAMETERS = gettext_lazy(
    "query parameter is not an operation or a recognised field: %(names)s"
)


def message_language(request):
    """The language of error messages: the client's Accept-Language if we speak it, else English.

    Developers of external sites read these; without a preference they get
    English, as Wagtail's own API errors are.
    """
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        language = code.split("-")[0].lower()
        language = "nb" if language == "no" else language
        if language in MESSAGE_LANGUAGES:
            return language
    return "en"


def message_response(request, status, message, **values):
    """``{"message": ...}`` with ``status``: ``message`` (lazy), with ``values`` put in, in the
    client's language. Eg: ``message_response(request, 400, UNKNOWN_PARAMETERS, names="x")``."""
    with translation.override(message_language(request)):
        text = str(message) % values if values else str(message)
    return JsonResponse({"message": text}, status=status)


def unknown_parameters(names):
    """Why a request naming query parameters its endpoint does not know is refused (a 400)."""
    return UNKNOWN_PARAMETERS % {"names": ", ".join(sorted(names))}
