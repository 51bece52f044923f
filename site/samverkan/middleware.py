"""Django's LocaleMiddleware, without the language redirect for URLs outside the languages."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Leaves a view's own 404 alone.

    Django redirects every 404 without a language prefix to the same path with
    one, in case the prefix was forgotten. Wagtail's pages match any path under
    a prefix, so a 404 from the API, the admin or the documents became a
    redirect to a page URL that does not exist, e.g. /sv/api/v2/pages/7/.
    When the URL did reach a view, the view's 404 is the answer.
    """

    def process_response(self, request, response):
        if (
            response.status_code == 404
            and getattr(request, "resolver_match", None) is not None
            and not translation.get_language_from_path(request.path_info)
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
