"""Related pages and translations: links that never show what a reader may not see."""

from wagtail.models import Page

from ...visibility import is_public, public_pages
from .fields import ReadOnlyField


def public_version(page, locale_id, request):
    """``page`` in the holder's language if that version is public, else ``page`` if public."""
    versions = Page.objects.filter(translation_key=page.translation_key)
    if request is not None:
        versions = versions.filter(pk__in=public_pages(request).values("pk"))
    by_locale = {version.locale_id: version for version in versions}
    return by_locale.get(locale_id) or by_locale.get(page.locale_id)


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
            get_object_detail_url(router, request, Page, page.pk) if router is not None else None
        ),
        "html_url": page.get_full_url(request),
    }


class PageLinkField(ReadOnlyField):
    """A related page as ``{id, title, type, slug, detail_url, html_url}``.

    Shown in the holder's language where that version is public; null while
    no version of it is public.
    """

    def __init__(self, attribute=None, **kwargs):
        self.attribute = attribute
        super().__init__(source="*", **kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.attribute = self.attribute or field_name

    def to_representation(self, holder):
        page = getattr(holder, self.attribute)
        if page is None:
            return None
        version = public_version(page, holder.locale_id, self.context.get("request"))
        return page_link(version, self.context) if version else None


class PageLinkListField(PageLinkField):
    """Related pages, forward or reverse, gathered over every language version of the holder.

    A Norwegian project is the successor named by the Swedish source of its
    predecessor; listing predecessors per language would lose it.
    """

    def to_representation(self, holder):
        request = self.context.get("request")
        versions = [
            # A draft being previewed stands in for its saved row, as it does for its other fields.
            holder if version.pk == holder.pk else version
            for version in Page.objects.filter(translation_key=holder.translation_key).specific()
        ]
        if holder.pk is None:
            versions.insert(0, holder)  # the preview of a page not created yet
        related = {}
        for version in versions:
            for page in self.related_pages(version):
                related.setdefault(page.translation_key, page)
        links = []
        for page in sorted(related.values(), key=lambda page: page.path):
            shown = public_version(page, holder.locale_id, request)
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

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def to_representation(self, page):
        from ...localization.status import translation_states

        request = self.context.get("request")
        entries = []
        for state in translation_states(page):
            if not state.exists:
                continue
            if not (is_public(request, state.page) if request is not None else state.live):
                continue
            entries.append(
                {
                    **page_link(state.page, self.context),
                    "locale": state.locale,
                    "is_current": state.page.pk == page.pk,
                    "is_source": state.is_source,
                    "complete": state.complete,
                    "up_to_date": state.up_to_date,
                }
            )
        return entries


class IsFallbackField(ReadOnlyField):
    """True when the page stands in, in its source language, for a missing translation."""

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def to_representation(self, page):
        request = self.context.get("request")
        requested = request.GET.get("locale") if request is not None else None
        return bool(requested) and page.locale.language_code != requested
