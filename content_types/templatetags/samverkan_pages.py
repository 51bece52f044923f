"""Lists of pages on the site's HTML pages, public pages only, as the API decides."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page

from ..conferences.programme import public_programme
from ..structured_data import embeddable, page_event
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


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """``page``'s schema.org Event as a ``<script type="application/ld+json">``, for search engines.

    Eg: ``{% structured_data page %}`` in the head. The same markup as the API's
    ``json_ld`` for this request, escaped so that no title can end the element
    (``structured_data.embeddable``); nothing for a page that is no event. The
    element is a data block, which browsers never run, so the Content-Security-
    Policy does not apply to it; it carries the request's nonce all the same.
    """
    request = context.get("request")
    if not isinstance(page, Page) or request is None:
        return ""
    text = embeddable(page_event(page, request))
    if text is None:
        return ""
    nonce = getattr(request, "csp_nonce", None)
    return format_html(
        '<script type="application/ld+json"{}>{}</script>',
        format_html(' nonce="{}"', nonce) if nonce else "",
        mark_safe(text),  # escaped JSON: no <, > or & left (see structured_data.embeddable)
    )


@register.filter
def with_parent(organisation):
    """The organisation's name with the one it is part of: "Institutionen Bibliotekshögskolan,
    Högskolan i Borås", as the API's organisation summaries name both.

    Eg: ``{{ speaker.organisation_at_the_time|with_parent }}``.
    """
    if not organisation:
        return ""
    parent = organisation.parent if organisation.parent_id else None
    return f"{organisation.name}, {parent.name}" if parent else organisation.name
