"""API endpoints: Wagtail's v2 endpoints with validated filters and public-only pages."""

from django.db.models import QuerySet, prefetch_related_objects
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page, Site

from ..base_url import absolute_url
from ..visibility import public_media, public_pages
from .caching import CachedResponseMixin
from .filters import (
    LocaleFilter,
    ValidatedFieldsFilter,
    ValidatedOrderingFilter,
    ValidatedSearchFilter,
    validate_filter_value,
)
from .languages import AnswerLanguageMixin
from .loading import loader_for, select_chains
from .memo import Memo
from .messages import message_language
from .methods import method_not_allowed, read_only
from .page_filters import PAGE_FILTER_PARAMETERS, ConferenceTimeFilter, LinkedSnippetFilter
from .pagination import ContentPagination
from .serializers import IsFallbackField, TranslationsField
from .serializers.built_once import FieldsBuiltOnce
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
    with translation.override(message_language(request)):
        message = _("no API endpoint at %(path)s") % {"path": request.path}
    return JsonResponse({"message": message}, status=404)


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
            raise BadRequestError(
                _("query parameter is not an operation or a recognised field: %(names)s")
                % {"names": ", ".join(sorted(unknown))}
            )

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
        if request.method not in self.allowed_methods:
            return method_not_allowed(request)
        return super().dispatch(request, *args, **kwargs)

    def http_method_not_allowed(self, request, *args, **kwargs):
        return method_not_allowed(request)

    def get_renderer_context(self):
        """Compact JSON, or indented where the client asks: ``Accept: application/json; indent=4``.

        Wagtail indents every response by four spaces. A conference's detail is
        then half whitespace, and Python's json module indents only in pure
        Python, several times slower than its compact encoder.
        """
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context


class ContentPageSerializer(FieldsBuiltOnce, PageSerializer):
    detail_url = ServerDetailUrlField(read_only=True)
    html_url = ServerPageHtmlUrlField(read_only=True)
    translations = TranslationsField()
    is_fallback = IsFallbackField()
    parent = PublicParentField(read_only=True)


class ContentPagesAPIViewSet(CachedResponseMixin, ValidatedQueryMixin, PagesAPIViewSet):
    """The pages endpoint: public pages only, every filter value validated.

    Every page's meta lists its translations with their status; ``?locale=``
    takes a ``fallback`` locale that fills in missing translations.
    """

    base_serializer_class = ContentPageSerializer
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
        queryset = super().get_queryset()
        if queryset.model is Page:
            return queryset
        # Wagtail narrows to one page type by the primary keys of every public
        # page; the type's own public rows let the database start from the type.
        return self.get_base_queryset(queryset.model)

    def content_language(self):
        """A page's detail is in the page's language; a listing in the one it was asked for."""
        page = getattr(self, "_cached_object", None)
        if page is not None:
            return page.locale.language_code
        return self.request.GET.get("locale") or super().content_language()

    def find_object(self, queryset, request):
        found = super().find_object(queryset, request)
        if found is None and "html_path" in request.GET:
            found = find_by_language_prefix(queryset, request)
        return found

    #: Load what the response shows before serialising it (see loading.py).
    preload = True

    def get_object(self):
        # Wagtail loads the page, then its specific row; the specific row comes
        # here with the foreign keys the response shows.
        if not hasattr(self, "_cached_object"):
            page = super(PagesAPIViewSet, self).get_object()
            model = page.specific_class or type(page)
            if type(page) is not model:
                serializer_class = self.serializer_class_for(model, show_details=True)
                serializer = serializer_class(context=self.get_serializer_context())
                page = model._default_manager.select_related(
                    *self.select_chains(serializer, model)
                ).get(pk=page.pk)
            self._cached_object = page
        return self._cached_object

    #: Serializer classes made for the ``?fields=`` asked so far, each made once.
    serializer_classes = Memo(size=256)

    @classmethod
    def _get_serializer_class(cls, router, model, fields_config, show_details=False, nested=False):
        """Wagtail's serializer class for these fields, made once and kept.

        Wagtail makes a new class for every request, so what a class works out
        once (its fields, the foreign keys it follows) would be worked out again
        for every response.
        """
        key = (cls, router, model, frozen_fields(fields_config), show_details, nested)
        return cls.serializer_classes.get(
            key,
            lambda: super(ContentPagesAPIViewSet, cls)._get_serializer_class(
                router, model, fields_config, show_details=show_details, nested=nested
            ),
        )

    def serializer_class_for(self, model, show_details):
        try:
            fields = parse_fields_parameter(self.request.GET.get("fields", ""))
        except ValueError as error:
            raise BadRequestError(_("fields error: %(error)s") % {"error": error}) from error
        return self._get_serializer_class(
            self.request.wagtailapi_router, model, fields, show_details=show_details
        )

    def select_chains(self, serializer, model):
        return ["locale", *select_chains(serializer, model)]

    def get_serializer(self, instance, *args, **kwargs):
        """The serializer, with everything it will show loaded for every page at once."""
        serializer = super().get_serializer(instance, *args, **kwargs)
        if not self.preload:
            return serializer
        many = kwargs.get("many")
        if isinstance(instance, QuerySet):
            instance = instance.select_related(
                *self.select_chains(serializer.child, instance.model)
            )
            pages = list(instance)
        elif many:
            # Search results come from the search backend, already a query of their own.
            pages = list(instance)
            if pages:
                chains = self.select_chains(serializer.child, type(pages[0]))
                prefetch_related_objects(pages, *chains)
        else:
            pages = [instance]
        fields = serializer.child if many else serializer
        loader_for(serializer.context).preload(pages, fields)
        if many:
            serializer.instance = pages
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


def frozen_fields(fields_config):
    """``?fields=`` as parsed (lists of ``(name, negated, sub-fields)``), as a hashable key."""
    return tuple(
        (name, negated, frozen_fields(sub_fields) if sub_fields else None)
        for name, negated, sub_fields in fields_config or ()
    )


class PublicMediaMixin:
    """Lists only the images or documents public pages use (``visibility.public_media``)."""

    def get_queryset(self):
        return public_media(self.request, self.model)


class ContentImageSerializer(ImageSerializer):
    detail_url = ServerDetailUrlField(read_only=True)


class ContentDocumentSerializer(DocumentSerializer):
    detail_url = ServerDetailUrlField(read_only=True)
    download_url = ServerDocumentDownloadUrlField(read_only=True)


class ContentImagesAPIViewSet(
    CachedResponseMixin, ValidatedQueryMixin, PublicMediaMixin, ImagesAPIViewSet
):
    base_serializer_class = ContentImageSerializer
    not_found_messages = {
        "detail_view": gettext_lazy("no public image has the id %(id)s"),
        "find_view": gettext_lazy("no public image matches the query"),
    }
    filter_backends = [ValidatedFieldsFilter, ValidatedOrderingFilter, ValidatedSearchFilter]


class ContentDocumentsAPIViewSet(
    CachedResponseMixin, ValidatedQueryMixin, PublicMediaMixin, DocumentsAPIViewSet
):
    base_serializer_class = ContentDocumentSerializer
    not_found_messages = {
        "detail_view": gettext_lazy("no public document has the id %(id)s"),
        "find_view": gettext_lazy("no public document matches the query"),
    }
    filter_backends = [ValidatedFieldsFilter, ValidatedOrderingFilter, ValidatedSearchFilter]
