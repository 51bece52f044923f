"""Lists of pages on the site's HTML pages, public pages only, as the API decides."""

from django import template

from ..conferences.programme import public_programme
from ..visibility import public_pages

register = template.Library()


@register.simple_tag(takes_context=True)
def public_children(context, page):
    """The children of ``page`` a reader of this request may see (``visibility.public_pages``).

    Eg: ``{% public_children page as children %}``. Wagtail's ``live().public()``
    would still list a page past its expiry, or before its go-live time, while
    the scheduled-publishing job is late.
    """
    try:
        pages = public_pages(context["request"])
    except ValueError:  # a ?site= that names no site: nothing to list
        return []
    return pages.child_of(page).specific()


@register.simple_tag(takes_context=True)
def public_programme_of(context, conference):
    """``conference``'s public programme items, in order, with their speakers."""
    try:
        return public_programme(conference, context["request"])
    except ValueError:
        return []
