"""The languages of the API's answers: content in its own, error messages in the client's.

``Content-Language`` names the language of what the answer holds: a page's
detail the page's locale, a listing the ``?locale=`` it was asked for (every
language of the site without one), an error the language of its message.
Django's ``LocaleMiddleware`` would name the language active when the response
left the view, which in the API is that of the error messages
(``messages.message_language``), English unless the client asks for Swedish or
Norwegian.
"""

import re

from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.coreutils import get_content_languages

from .messages import message_language

#: What Django, DRF and Wagtail say when no object matches: English only, and
#: not saying what was looked for.
STOCK_NOT_FOUND = re.compile(r"|not found|No (?P<model>\w+) matches the given query\.")


def site_languages():
    """Every language the site's content is written in, as in ``Content-Language``: ``sv, nb``."""
    return ", ".join(get_content_languages())


class AnswerLanguageMixin:
    """``Content-Language`` of the content, and 404 messages in the client's language.

    Eg: ``/api/v2/pages/7/`` of a Norwegian page answers ``Content-Language: nb``;
    ``/api/v2/pages/?locale=sv`` answers ``sv``; a 404 under ``Accept-Language: sv``
    says ``ingen publik sida har id 7``.
    """

    #: The 404 messages of the views, by action; ``%(id)s`` is the id asked for.
    #: Eg: ``{"detail_view": _("no public page has the id %(id)s")}``.
    not_found_messages = {}

    def content_language(self):
        """The languages the content of a successful answer is in; the site's by default."""
        return site_languages()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code >= 400:
            response["Content-Language"] = message_language(request)
        else:
            language = self.content_language()
            if language:
                response["Content-Language"] = language
        return response

    def handle_exception(self, exc):
        stock = isinstance(exc, Http404) and STOCK_NOT_FOUND.fullmatch(str(exc))
        if stock:
            with translation.override(message_language(self.request)):
                message = self.not_found_message(stock["model"])
            if message is not None:
                exc = Http404(message)
        return super().handle_exception(exc)

    def not_found_message(self, model_name):
        """What is not there, for a 404 whose message Django or Wagtail wrote; None to keep it."""
        if model_name == "Site":
            # Wagtail's validation of ?site= looks the site up with get_object_or_404.
            return _("no site is at %(site)s") % {"site": self.request.GET.get("site", "")}
        message = self.not_found_messages.get(getattr(self, "action", None))
        return None if message is None else str(message) % {"id": self.kwargs.get("pk", "")}
