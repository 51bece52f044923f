"""The language the API's error messages are written in."""

from django.utils.translation.trans_real import parse_accept_lang_header

MESSAGE_LANGUAGES = ("en", "sv", "nb")


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
