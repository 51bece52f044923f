"""Rich text as readers get it: no image or document from a collection they may not see.

Wagtail expands an image embedded in rich text to a rendition's address, and
a link to a document to the document's address, whatever collection they are
in. These handlers take the place of Wagtail's own (``wagtail_hooks.py``) and
show an image or document behind a collection's view restriction as if it no
longer existed: an ``<img alt="">``, a link without an address. Rich text is
the same for every reader, so the rule is an anonymous reader's.
"""

from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.images.rich_text import ImageEmbedHandler

from .visibility import is_public_media


def public_only(instances):
    return [
        each if each is not None and is_public_media(None, each) else None for each in instances
    ]


class PublicImageEmbedHandler(ImageEmbedHandler):
    @classmethod
    def get_many(cls, attrs_list):
        return public_only(super().get_many(attrs_list))


class PublicDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        return public_only(super().get_many(attrs_list))
