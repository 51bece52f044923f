"""Related pages and translations: links that never show what a reader may not see."""

from wagtail.models import Page

from ...base_url import absolute_url, page_url
from ..loading import follow, loader_for
from .fields import ReadOnlyField


def page_link(page, context):
    # Wagtail's API utilities load the page model on import, and the page models
    # import this module, so they are imported when first used.
    from wagtail.api.v2.utils import get_object_detail_url

    request = context.get("request")
    router = context.get("router")
    specific_class = page.specific_class
    return {
        "id": page.pk,
        "title": page.title,
        "type": specific_class._meta.label if specific_class else None,
        "slug": page.slug,
        "detail_url": (
            absolute_url(request, get_object_detail_url(router, request, Page, page.pk))
            if router is not None
            else None
        ),
        "html_url": page_url(page, request),
    }


class PageLinkField(ReadOnlyField):
    """A related page as ``{id, title, type, slug, detail_url, html_url}``.

    Shown in the holder's language where that version is public; null while
    no version of it is public.
    """

    openapi_properties = {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "type": {
            "type": ["string", "null"],
            "description": "The page type as app_label.ModelName.",
        },
        "slug": {"type": "string"},
        "detail_url": {"type": ["string", "null"], "description": "The page in the API."},
        "html_url": {"type": ["string", "null"], "description": "The page on the web site."},
    }

    def openapi_link(self, builder):
        return builder.component(
            "PageLink",
            {
                "type": "object",
                "description": "A related page, in the holder's language where that version is public.",
                "properties": self.openapi_properties,
                "required": list(self.openapi_properties),
                "additionalProperties": False,
            },
        )

    def openapi_schema(self, builder):
        return {
            **builder.nullable(self.openapi_link(builder)),
            "description": "Null while no version of the page is public.",
        }

    def __init__(self, attribute=None, **kwargs):
        self.attribute = attribute
        super().__init__(source="*", **kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.attribute = self.attribute or field_name

    def select_chains(self, model):
        return follow(model, self.attribute)

    def preload(self, holders, loader):
        loader.want_pages(loader.related(holders, self.attribute))

    def to_representation(self, holder):
        page = getattr(holder, self.attribute)
        if page is None:
            return None
        version = loader_for(self.context).public_version(page, holder.locale_id)
        return page_link(version, self.context) if version else None


class PageLinkListField(PageLinkField):
    """Related pages, forward or reverse, gathered over every language version of the holder.

    A Norwegian project is the successor named by the Swedish source of its
    predecessor; listing predecessors per language would lose it.
    """

    def openapi_schema(self, builder):
        return {"type": "array", "items": self.openapi_link(builder)}

    def select_chains(self, model):
        return []

    def preload(self, holders, loader):
        every_version = loader.every_language(holders)
        loader.want_pages(loader.related(every_version, self.attribute))

    def to_representation(self, holder):
        loader = loader_for(self.context)
        versions = [
            # A draft being previewed stands in for its saved row, as it does for its other fields.
            holder if version.pk == holder.pk else version
            for version in loader.every_language([holder])
        ]
        if holder.pk is None:
            versions.insert(0, holder)  # the preview of a page not created yet
        related = {}
        for version in versions:
            for page in self.related_pages(version):
                related.setdefault(page.translation_key, page)
        links = []
        for page in sorted(related.values(), key=lambda page: page.path):
            shown = loader.public_version(page, holder.locale_id)
            if shown is not None:
                links.append(page_link(shown, self.context))
        return links

    def related_pages(self, version):
        if version.pk is None and version._meta.get_field(self.attribute).auto_created:
            return []  # nothing can point at a page that is not created yet
        return getattr(version, self.attribute).all()


class TranslationsField(ReadOnlyField):
    """The page in every language a reader may see it in, for language switchers.

    Each entry says whether it is the source language, and whether the
    translation is complete and up to date with the latest published source
    (``null`` where the translation was not made through wagtail-localize).
    """

    def openapi_schema(self, builder):
        properties = {
            **PageLinkField.openapi_properties,
            "locale": {"type": "string", "description": "The language code, e.g. nb."},
            "is_current": {"type": "boolean", "description": "This is the page being shown."},
            "is_source": {"type": "boolean", "description": "The language it was written in."},
            "complete": {
                "type": ["boolean", "null"],
                "description": "Every string is translated; null when not translated here.",
            },
            "up_to_date": {
                "type": ["boolean", "null"],
                "description": "Translated from the latest published source; null when not "
                "translated here.",
            },
            "progress": {
                "type": ["object", "null"],
                "description": "Strings of the source: how many, how many are translated, and "
                "how many of those left changed in the source since they were translated; null "
                "for the source and when not translated here.",
                "properties": {
                    "total": {"type": "integer"},
                    "translated": {"type": "integer"},
                    "changed": {"type": "integer"},
                },
                "required": ["total", "translated", "changed"],
                "additionalProperties": False,
            },
        }
        translation = builder.component(
            "Translation",
            {
                "type": "object",
                "properties": properties,
                "required": list(properties),
                "additionalProperties": False,
            },
        )
        return {"type": "array", "items": translation}

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def preload(self, holders, loader):
        loader.want_pages(holders)

    def to_representation(self, page):
        entries = []
        for state in loader_for(self.context).translation_states(page):
            entries.append(
                {
                    **page_link(state.page, self.context),
                    "locale": state.locale,
                    "is_current": state.page.pk == page.pk,
                    "is_source": state.is_source,
                    "complete": state.complete,
                    "up_to_date": state.up_to_date,
                    "progress": progress_of(state),
                }
            )
        return entries


def progress_of(state):
    if state.total is None:
        return None
    return {"total": state.total, "translated": state.translated, "changed": state.changed}


class IsFallbackField(ReadOnlyField):
    """True when the page stands in, in its source language, for a missing translation."""

    def openapi_schema(self, builder):
        return {
            "type": "boolean",
            "description": "The page stands in, in its source language, for a missing translation.",
        }

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def to_representation(self, page):
        return is_fallback(page.locale.language_code, self.context.get("request"))


def is_fallback(language_code, request):
    """Whether a page in ``language_code`` stands in for the ``?locale=`` ``request`` asks for."""
    requested = request.GET.get("locale") if request is not None else None
    return bool(requested) and language_code != requested
