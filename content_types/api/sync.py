"""The sync API: every public page once, then what changed since, deletions included.

For mirrors: a static build, a search index, a partner app. Like Contentful's
sync API:

- ``GET /api/v2/sync/?locale=sv`` pages through every public page's detail
  (``items``, as ``/api/v2/pages/<id>/`` shows it), ``next_page_token`` to pass
  back as ``?page_token=`` while more follow, and ends with ``next_sync_token``;
- ``GET /api/v2/sync/?sync_token=T`` answers what changed since ``T``: ``items``
  (pages new or changed) and ``deleted`` (``{"id", "type"}`` of pages that are
  not public now, for whatever reason), paged the same way, ending with the
  next ``next_sync_token``.

Applying a delta to the earlier snapshot gives what a full sync would now. A
delta may name a page that did not change, or one the client never had;
applying it again changes nothing. Tokens are signed (``sync/tokens.py``); a
forged one answers 400, one older than the change log 410, both with a
message telling the client to start a full sync again.

Answered as an anonymous reader sees the site, never cached (``no-store``).
"""

import copy
import json

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from ..base_url import with_base_url
from ..sync import log, tokens
from ..sync.changes import deleted, next_pages
from ..sync.models import SyncChange
from ..visibility import public_pages
from . import delivery
from .messages import message_language, unknown_parameters
from .methods import read_only

#: Pages in one answer.
PAGE_SIZE = 100
PARAMETERS = ("locale", "page_token", "sync_token")


class SyncError(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message, self.status = message, status


@read_only
def sync_view(request):
    """Every public page, or what changed since ``sync_token``; see the module's docstring."""
    try:
        with translation.override(message_language(request)):
            query = parse(request)
        body = answer(anonymous(request), query)
    except SyncError as error:
        return JsonResponse({"message": error.message}, status=error.status)
    response = HttpResponse(body, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


#: What the OpenAPI document describes it by (``openapi/generator.py``); kept by the router's wrapper.
sync_view.is_sync_api = True
sync_view.openapi_parameters = [
    {
        "name": "locale",
        "description": "Only the pages in this language (e.g. sv, nb); every language without it. "
        "A token keeps the locale it was made for.",
    },
    {
        "name": "page_token",
        "description": "The next_page_token of the previous answer: the next pages of this sync.",
    },
    {
        "name": "sync_token",
        "description": "The next_sync_token of the last sync: what changed since, deletions "
        "included.",
    },
]


def start_over(reason):
    return _("%(reason)s; start a full sync again (without sync_token)") % {"reason": reason}


def parse(request):
    """The request's query as ``{"locale", "window", "after"}``; raises ``SyncError``."""
    unknown = sorted(set(request.GET) - set(PARAMETERS))
    if unknown:
        raise SyncError(unknown_parameters(unknown))
    if "page_token" in request.GET and "sync_token" in request.GET:
        raise SyncError(_("give either page_token or sync_token, not both"))
    locale = request.GET.get("locale") or None
    if locale is not None and not Locale.objects.filter(language_code=locale).exists():
        raise SyncError(_("no such locale: %(locale)s") % {"locale": locale})
    if "page_token" in request.GET:
        values = read_token("page", request.GET["page_token"])
    elif "sync_token" in request.GET:
        values = read_token("sync", request.GET["sync_token"])
        values = {**values, "since": values.pop("until"), "until": None, "after": 0}
    else:
        values = {"locale": locale, "since": None, "until": None, "after": 0}
    if "locale" in request.GET and values["locale"] != locale:
        raise SyncError(_("the token was made for another locale"))
    if values["until"] is None:
        values["until"] = (log.last_sequence(), timezone.now().timestamp())
    if values["since"] is not None and values["since"][0] > values["until"][0]:
        raise SyncError(start_over(_("this sync token is unknown here")))
    return values


def read_token(kind, token):
    try:
        return tokens.read(kind, token)
    except tokens.ExpiredToken as error:
        raise SyncError(start_over(_("this token is too old")), status=410) from error
    except tokens.UnknownToken as error:
        raise SyncError(start_over(_("this token is not valid"))) from error


def anonymous(request):
    """``request`` as a reader without a login or a session sees the site: what mirrors copy."""
    reader = copy.copy(request)
    reader.user = AnonymousUser()
    reader.session = {}
    return reader


def answer(request, query):
    """The JSON of one answer: a page of items and deletions, and the token that follows."""
    locale, since, until, after = query["locale"], query["since"], query["until"], query["after"]
    public = public_pages(request)
    if locale:
        public = public.filter(locale__language_code=locale)
    chosen, more, types = next_pages(public, locale, since, until, after, PAGE_SIZE)
    visible = set(public.filter(pk__in=chosen).values_list("pk", flat=True))
    found = delivery.representations([pk for pk in chosen if pk in visible])
    items = [item(found[pk], request) for pk in chosen if pk in found]
    deletions = deleted([pk for pk in chosen if pk not in found], types)
    if more:
        token = tokens.make("page", locale=locale, since=since, until=until, after=chosen[-1])
        ending = f'"next_page_token":{json.dumps(token)}'
    else:
        token = tokens.make("sync", locale=locale, until=until)
        ending = f'"next_sync_token":{json.dumps(token)}'
    text = f'{{"items":[{",".join(items)}],"deleted":{json.dumps(deletions)},{ending}}}'
    return with_base_url(text, request)


def item(representation, request):
    """A page as its detail shows it, every field (``/api/v2/pages/<id>/``)."""
    from .views import ContentPagesAPIViewSet

    model = delivery.model_of(representation)
    plan = delivery.field_plan(ContentPagesAPIViewSet, model, "", show_details=True)
    return delivery.composed(representation, plan, request).decode()


class SyncEndpoint:
    """The sync API as an endpoint of the site's API router:
    ``api_router.register_endpoint("sync", SyncEndpoint)``.

    The router asks each endpoint which model it shows, to link objects to it;
    this one links nothing, so it names the change log, which nothing links to.
    """

    model = SyncChange

    @classmethod
    def get_urlpatterns(cls):
        return [path("", sync_view, name="listing")]
