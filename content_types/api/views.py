"""API endpoints: Wagtail's v2 endpoints with validated filters and public-only pages."""

from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    LocaleFilter,
    SearchFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from ..visibility import public_pages
from .filters import ValidatedFieldsFilter, ValidatedOrderingFilter


class ContentPagesAPIViewSet(PagesAPIViewSet):
    """The pages endpoint: public pages only, every filter value validated."""

    filter_backends = [
        ValidatedFieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        ValidatedOrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        SearchFilter,  # needs to be last, as SearchResults querysets cannot be filtered further
    ]

    def get_base_queryset(self):
        try:
            return public_pages(self.request)
        except ValueError as error:
            raise BadRequestError(str(error)) from error


class ContentImagesAPIViewSet(ImagesAPIViewSet):
    filter_backends = [ValidatedFieldsFilter, ValidatedOrderingFilter, SearchFilter]


class ContentDocumentsAPIViewSet(DocumentsAPIViewSet):
    filter_backends = [ValidatedFieldsFilter, ValidatedOrderingFilter, SearchFilter]
