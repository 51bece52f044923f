"""API endpoints: Wagtail's v2 endpoints with validated filters and public-only pages."""

from django.db.models import QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page, Site

from ..base_url import absolute_url
from ..content_state import EVERY_LISTING, EVERY_PAGE, listing_tag, page_tag
from ..delivery.rendering_request import is_rendering
from ..visibility import is_public_id, public_media, public_pages
from . import delivery
from .caching import CachedResponseMixin, contains
from .filters import (
    LocaleFilter,
    ValidatedFieldsFilter,
    ValidatedOrderingFilter,
    ValidatedSearchFilter,
    validate_filter_value,
)
from .languages import AnswerLanguageMixin
from .loading import loader_for, select_chains
from .messages import message_language, message_response, unknown_parameters
from .methods import method_not_allowed, read_only
from .page_filters import PAGE_FILTER_PARAMETERS, ConferenceTimeFilter, LinkedSnippetFilter
from .pagination import ContentPagination
from .read_replica import may_read_from_replica, reading_from
from .renderers import PreEncodedJSONRenderer
from .serializers import IsFallbackField, TranslationsField
from .serializers.meta import (
    PublicParentField,
    ServerDetailUrlField,
    ServerDocumentDownloadUrlField,
    ServerPageHtmlUrlField,
)


@read_only
def no_such_endpoint(request, path=""):
    """A JSON 404 for any other path under the API, rather than the site's language redirect.

    A write answers 405, as everywhere under the API: nothing there accepts one.
    """
    message = gettext_lazy("no API endpoint at %(path)s")
    return message_response(request, 404, message, path=request.path)


class ValidatedQueryMixin(AnswerLanguageMixin):
    """Checks the query string of every request, listing, detail and find alike.

    Every parameter must be one the endpoint knows (an operation or a field of
    the listed type), ``limit`` and ``offset`` must be in range even where they
    do nothing, and any method but GET, HEAD and OPTIONS answers a JSON 405.
    """

    pagination_class = ContentPagination

    def initial(self, request, *args, **kwargs):
        translation.activate(message_language(request))
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                # Some databases reject a null character in any string they are given.
                raise BadRequestError(_("null characters are not allowed in query parameters"))
        self.paginator.window(request)

    def detail_view(self, request, pk=None):
        self.check_query_parameters(self.get_queryset())
        return super().detail_view(request, pk)

    def find_view(self, request):
        """Redirects to the detail on the server that answered (see ``content_types/base_url.py``)."""
        self.check_query_parameters(self.get_queryset(), also=self.find_query_parameters)
        response = super().find_view(request)
        response["Location"] = absolute_url(request, response["Location"])
        return response

    def check_query_parameters(self, queryset, also=()):
        """Every parameter is an operation or a database field of the type (Eg: ?status=ongoing)."""
        allowed = set(self.field_filters(queryset.model))
        allowed |= set(self.known_query_parameters) | set(also)
        unknown = set(self.request.GET) - allowed
        if unknown:
            raise BadRequestError(unknown_parameters(unknown))

    def field_filters(self, model):
        """The names of the fields ``model``'s objects may be filtered by (Eg: ?status=ongoing)."""
        return self.get_available_fields(model, db_fields_only=True)

    def find_object(self, queryset, request):
        if "id" in request.GET:
            validate_filter_value(queryset.model._meta.pk, "id", request.GET["id"])
        return super().find_object(queryset, request)

    def dispatch(self, request, *args, **kwargs):
        # Before DRF authenticates: a write from a browser signed in to the admin
        # would otherwise fail the session's CSRF check, a 403 that hides the answer.
        # Every method without a handler is refused here, so DRF never refuses one itself.
        if request.method not in self.allowed_methods:
            return method_not_allowed(request)
        return super().dispatch(request, *args, **kwargs)

    def get_renderer_context(self):
        """Compact JSON, or indented where the client asks: ``Accept: application/json; indent=4``.

        Wagtail indents every response by four spaces. A conference's detail is
        then half whitespace, and Python's json module indents only in pure
        Python, several times slower than its compact encoder.
        """
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context


class ReplicaReadsMixin:
    """Reads an anonymous GET's answer from the read replica, where one is configured
    (``read_replica.py``); any other request's from the primary.

    After ``CachedResponseMixin`` in the bases: what the response cache reads
    (the page schedule) comes from the primary.
    """

    #: False where an answer must show what was just saved (the preview's drafts).
    reads_from_replica = True

    def dispatch(self, request, *args, **kwargs):
        with reading_from(self.reads_from_replica and may_read_from_replica(request)):
            return super().dispatch(request, *args, **kwargs)


class ContentPageSerializer(PageSerializer):
    detail_url = ServerDetailUrlField(read_only=True)
    html_url = ServerPageHtmlUrlField(read_only=True)
    translations = TranslationsField()
    is_fallback = IsFallbackField()
    parent = PublicParentField(read_only=True)


class ContentPagesAPIViewSet(
    CachedResponseMixin, ReplicaReadsMixin, ValidatedQueryMixin, PagesAPIViewSet
):
    """The pages endpoint: public pages only, every filter value validated.

    Every page's meta lists its translations with their status; ``?locale=``
    takes a ``fallback`` locale that fills in missing translations.
    """

    base_serializer_class = ContentPageSerializer
    renderer_classes = [PreEncodedJSONRenderer, BrowsableAPIRenderer]
    not_found_messages = {
        "detail_view": gettext_lazy("no public page has the id %(id)s"),
        "find_view": gettext_lazy("no public page matches the query"),
    }
    meta_fields = PagesAPIViewSet.meta_fields + ["translations", "is_fallback"]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + ["is_fallback"]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["fallback", *PAGE_FILTER_PARAMETERS]
    )

    filter_backends = [
        ValidatedFieldsFilter,
        ConferenceTimeFilter,
        LinkedSnippetFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        ValidatedOrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        ValidatedSearchFilter,  # needs to be last, as SearchResults querysets cannot be filtered further
    ]

    def get_base_queryset(self, model=Page):
        try:
            return public_pages(self.request, model, searchable="search" in self.request.GET)
        except ValueError as error:
            raise BadRequestError(str(error)) from error

    def get_queryset(self):
        """The public pages of the types ``?type=`` asks for, as Wagtail's endpoint chooses them.

        Where one type is asked for, from the type's own public rows: Wagtail
        narrows to it by the primary keys of every public page, a query the
        database would start from all of them, built beside the one used.
        """
        asked = self.request.GET.get("type")
        try:
            models = page_models_from_string(asked) if asked else []
        except (LookupError, ValueError) as error:
            raise BadRequestError("type doesn't exist") from error
        if len(models) == 1:
            return self.get_base_queryset(models[0])
        queryset = self.get_base_queryset()
        return queryset.type(*models) if models else queryset

    #: The language of the page a detail answered with (``content_language``).
    answered_language = None

    def content_language(self):
        """A page's detail is in the page's language; a listing in the one it was asked for."""
        if self.answered_language is not None:
            return self.answered_language
        return self.request.GET.get("locale") or super().content_language()

    def detail_view(self, request, pk):
        """The page's stored representation with the fields asked for (``delivery.py``)."""
        if is_rendering(request) or not self.answers_from_store(request):
            return self.rendered_detail(request, pk)
        if set(request.GET) <= self.bare_detail_parameters:
            # No filter to apply: whether the page is public is all there is to ask.
            page_ids = [pk] if is_public_id(request, pk) else []
        else:
            queryset = self.get_queryset()
            self.check_query_parameters(queryset)
            page_ids = self.detail_page_ids(queryset, pk)
        representation = delivery.representation_of(page_ids)
        if representation is None:
            raise Http404
        plan = self.field_plan(delivery.model_of(representation), show_details=True)
        self.answered_language = representation.language_code
        response = Response(delivery.detail(representation, plan, request))
        tags = [EVERY_PAGE, page_tag(representation.page_id)]
        return contains(response, tags, valid_until=[representation.valid_until])

    #: The parameters of a detail that choose no page, only what is shown of it.
    bare_detail_parameters = frozenset({"fields"})

    def detail_page_ids(self, queryset, pk):
        """A query of ``pk`` if the filters asked for (``?locale=``...) leave that page of
        ``queryset``, as Wagtail's detail filters, and of no page else."""
        queryset = self.filter_queryset(queryset)
        if isinstance(queryset, QuerySet):
            return queryset.filter(pk=pk).values_list("pk", flat=True)
        return [self.get_object().pk]  # search results, which Wagtail's detail searches itself

    def rendered_detail(self, request, pk):
        """The detail as the serializers make it, for the delivery store (``rendering.py``)."""
        response = super().detail_view(request, pk)
        self.answered_language = self.get_object().locale.language_code
        return response

    def field_plan(self, model, show_details):
        """The fields ``?fields=`` shows of ``model`` (``delivery.field_plan``)."""
        fields = self.request.GET.get("fields", "")
        plan = delivery.field_plan(type(self), model, fields, show_details)
        if plan.nested:
            self.get_serializer_class()  # Wagtail's own checks of the sub-fields asked for
        return plan

    def answers_from_store(self, request):
        """Whether the store holds the answer: it keeps rich text in the default format only.

        ``?rich_text_format=`` asks for another (Markdown, expanded HTML), which
        the serializers make for each request.
        """
        return "rich_text_format" not in request.GET

    def listing_view(self, request):
        """The pages the filters choose, from their stored representations (``delivery.py``)."""
        if not self.answers_from_store(request):
            return super().listing_view(request)
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        listed_model = queryset.model  # a search's results name none
        queryset = self.filter_queryset(queryset)
        plan = self.field_plan(queryset.model, show_details=False)
        page_ids = self.paginator.page_ids(queryset, request)
        found = delivery.representations(page_ids, encoded=True)
        items = [found[page_id] for page_id in page_ids if page_id in found]
        response = Response(delivery.listing(items, plan, request, self.paginator.total_count))
        tags = [EVERY_PAGE, EVERY_LISTING, listing_tag(listed_model)]
        tags += [page_tag(item.page_id) for item in items]
        return contains(response, tags, valid_until=[item.valid_until for item in items])

    def find_object(self, queryset, request):
        found = super().find_object(queryset, request)
        if found is None and "html_path" in request.GET:
            found = find_by_language_prefix(queryset, request)
        return found

    #: Load what the response shows before serialising it (see loading.py).
    preload = True

    def select_chains(self, serializer, model):
        return ["locale", *select_chains(serializer, model)]

    def get_serializer(self, instance, *args, **kwargs):
        """The serializer, with everything it will show loaded for every page at once."""
        serializer = super().get_serializer(instance, *args, **kwargs)
        if not self.preload:
            return serializer
        many = kwargs.get("many")
        fields = serializer.child if many else serializer
        if isinstance(instance, QuerySet):
            pages = list(instance.select_related(*self.select_chains(fields, instance.model)))
        elif many:
            # Search results come from the search backend, already a query of their own.
            pages = list(instance)
            if pages:
                prefetch_related_objects(pages, *self.select_chains(fields, type(pages[0])))
        else:
            # The detail's page again, with the foreign keys its fields follow: one
            # query instead of one for each of them.
            chains = self.select_chains(fields, type(instance))
            pages = [type(instance)._default_manager.select_related(*chains).get(pk=instance.pk)]
        loader_for(serializer.context).preload(pages, fields)
        serializer.instance = pages if many else pages[0]
        return serializer


def find_by_language_prefix(queryset, request):
    """The page at ``?html_path=`` as the site's HTML pages give it: language first (/nb/...).

    Wagtail routes the path from the site's root page, which knows no language
    prefix; here the prefix picks the root's translation to route from.
    """
    site = Site.find_for_request(request)
    language, *path = [part for part in request.GET["html_path"].split("/") if part] or [""]
    locale = Locale.objects.filter(language_code=language).first()
    root = site.root_page.get_translation_or_none(locale) if site and locale else None
    if root is None:
        return None
    try:
        page, _args, _kwargs = root.specific.route(request, path)
    except Http404:
        return None
    return page if queryset.filter(pk=page.pk).exists() else None


class PublicMediaMixin:
    """Lists only the images or documents public pages use (``visibility.public_media``)."""

    filter_backends = [ValidatedFieldsFilter, ValidatedOrderingFilter, ValidatedSearchFilter]

    def get_queryset(self):
        return public_media(self.request, self.model)


class ContentImageSerializer(ImageSerializer):
    detail_url = ServerDetailUrlField(read_only=True)


class ContentDocumentSerializer(DocumentSerializer):
    detail_url = ServerDetailUrlField(read_only=True)
    download_url = ServerDocumentDownloadUrlField(read_only=True)


class ContentImagesAPIViewSet(
    CachedResponseMixin,
    ReplicaReadsMixin,
    ValidatedQueryMixin,
    PublicMediaMixin,
    ImagesAPIViewSet,
):
    base_serializer_class = ContentImageSerializer
    not_found_messages = {
        "detail_view": gettext_lazy("no public image has the id %(id)s"),
        "find_view": gettext_lazy("no public image matches the query"),
    }


class ContentDocumentsAPIViewSet(
    CachedResponseMixin,
    ReplicaReadsMixin,
    ValidatedQueryMixin,
    PublicMediaMixin,
    DocumentsAPIViewSet,
):
    base_serializer_class = ContentDocumentSerializer
    not_found_messages = {
        "detail_view": gettext_lazy("no public document has the id %(id)s"),
        "find_view": gettext_lazy("no public document matches the query"),
    }
