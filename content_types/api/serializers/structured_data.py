"""The ``json_ld`` and ``json_ld_script`` fields: a page as schema.org markup for page heads."""

from ...structured_data import embeddable, page_event, preload
from ..loading import follow
from .fields import ReadOnlyField


class JsonLdField(ReadOnlyField):
    """The page as a schema.org ``Event`` in JSON-LD, as an object to read.

    Built by ``content_types.structured_data``; null for a page that is no
    Event (a programme item without a start time, a page not created yet).
    Its text is what editors and translators typed: a site that writes it into
    a ``<script>`` element itself must escape ``<``, ``>`` and ``&``, or take
    ``json_ld_script``, which is escaped.
    """

    description = (
        "A schema.org Event (JSON-LD); null for a page that is no event. Text in it is as "
        'editors typed it: to embed it in a <script type="application/ld+json"> element, '
        "escape <, > and & as \\u003C, \\u003E and \\u0026, or use json_ld_script."
    )

    def openapi_schema(self, builder):
        return {
            "type": ["object", "null"],
            "description": self.description,
            "properties": {
                "@context": {"type": "string"},
                "@type": {"type": "string"},
            },
            "required": ["@context", "@type"],
        }

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def select_chains(self, model):
        return follow(model, "venue") + follow(model, "region") + follow(model, "image")

    def preload(self, holders, loader):
        preload(holders, loader)

    def to_representation(self, page):
        return page_event(page, self.context.get("request"))


class JsonLdScriptField(JsonLdField):
    """``json_ld`` as JSON text ready to embed: ``<``, ``>`` and ``&`` escaped as ``\\u003C``,
    ``\\u003E`` and ``\\u0026``.

    Put it between ``<script type="application/ld+json">`` and ``</script>``
    as it is: a title holding ``</script>`` cannot end the element, and the
    text parses back to exactly ``json_ld``. The site's own HTML pages embed
    the same text.
    """

    description = (
        'json_ld as JSON text to put, unchanged, inside <script type="application/ld+json">: '
        "<, > and & are escaped as \\u003C, \\u003E and \\u0026, so that nothing in it can end "
        "the element; it parses back to json_ld. Null for a page that is no event."
    )

    def openapi_schema(self, builder):
        return {"type": ["string", "null"], "description": self.description}

    def to_representation(self, page):
        return embeddable(super().to_representation(page))
