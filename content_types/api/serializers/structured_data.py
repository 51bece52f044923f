"""The ``json_ld`` field: a page as schema.org markup for external sites' page heads."""

from ...structured_data import page_event, preload
from ..loading import follow
from .fields import ReadOnlyField


class JsonLdField(ReadOnlyField):
    """The page as a schema.org ``Event`` in JSON-LD, ready for ``<script type="application/ld+json">``.

    Built by ``content_types.structured_data``; null for a page that is no
    Event (a programme item without a start time, a page not created yet).
    """

    def openapi_schema(self, builder):
        return {
            "type": ["object", "null"],
            "description": "A schema.org Event (JSON-LD); null for a page that is no event.",
            "properties": {
                "@context": {"type": "string"},
                "@type": {"type": "string"},
            },
            "required": ["@context", "@type"],
        }

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def select_chains(self, model):
        return follow(model, "venue") + follow(model, "image")

    def preload(self, holders, loader):
        preload(holders, loader)

    def to_representation(self, page):
        return page_event(page, self.context.get("request"))
