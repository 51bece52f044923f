"""Meta fields of the pages endpoint that Wagtail's own would look up page by page.

Imported by the views only: Wagtail's API serializers load the page model on
import, which the page models (importing this package) cannot wait for.
"""

from wagtail.api.v2.serializers import PageParentField

from ..loading import loader_for


class PublicParentField(PageParentField):
    """The parent page as Wagtail shows it, null unless public; looked up with the response's pages."""

    def get_attribute(self, page):
        return loader_for(self.context).public_parent(page)

    def preload(self, holders, loader):
        loader.want_parents(holders)
