"""Meta fields of the API's endpoints that Wagtail's own would look up, or address, otherwise.

Imported by the views only: Wagtail's API serializers load the page model on
import, which the page models (importing this package) cannot wait for.
"""

from django.urls.exceptions import NoReverseMatch
from wagtail.api.v2.serializers import (
    DetailUrlField,
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.documents.api.v2.serializers import DocumentDownloadUrlField

from ...base_url import absolute_url, page_url
from ..loading import loader_for


class ServerDetailUrlField(DetailUrlField):
    """``meta.detail_url`` on the server that answered (see ``content_types/base_url.py``).

    Wagtail's gives the path alone unless ``WAGTAILAPI_BASE_URL`` is set.
    """

    def to_representation(self, url):
        return absolute_url(self.context.get("request"), url)


class ServerPageHtmlUrlField(PageHtmlUrlField):
    """``meta.html_url`` on the server that answered, not at the address of the page's ``Site``."""

    def to_representation(self, page):
        try:
            return page_url(page, self.context.get("request"))
        except NoReverseMatch:
            return None


class ServerDocumentDownloadUrlField(DocumentDownloadUrlField):
    """``meta.download_url`` of a document, on the server that answered."""

    def to_representation(self, document):
        return absolute_url(self.context.get("request"), super().to_representation(document))


class PageLinkSerializer(PageSerializer):
    """What Wagtail shows of a page it links to (the parent), with links on this server."""

    detail_url = ServerDetailUrlField(read_only=True)
    html_url = ServerPageHtmlUrlField(read_only=True)


class PublicParentField(PageParentField):
    """The parent page as Wagtail shows it, null unless public; looked up with the response's pages."""

    def get_attribute(self, page):
        return loader_for(self.context).public_parent(page)

    def preload(self, holders, loader):
        loader.want_parents(holders)

    def to_representation(self, value):
        # Wagtail's, with this module's link fields instead of those of PageSerializer.
        serializer_class = get_serializer_class(
            type(value),
            ["id", "type", "detail_url", "html_url", "title"],
            meta_fields=["type", "detail_url", "html_url"],
            base=PageLinkSerializer,
        )
        return serializer_class(context=self.context).to_representation(value)
