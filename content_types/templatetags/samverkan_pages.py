"""Lists of pages on the site's HTML pages, public pages only, as the API decides."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from ..api.delivery import stored_field
from ..conferences.programme import public_programme
from ..structured_data import EVENT_BUILDERS, embeddable, page_event
from ..visibility import is_anonymous, public_pages

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
    text = page_markup(page, request)
    if text is None:
        return ""
    nonce = getattr(request, "csp_nonce", None)
    return format_html(
        '<script type="application/ld+json"{}>{}</script>',
        format_html(' nonce="{}"', nonce) if nonce else "",
        mark_safe(text),  # escaped JSON: no <, > or & left (see structured_data.embeddable)
    )


def page_markup(page, request):
    """``page``'s JSON-LD as escaped text, None for a page that is no event.

    What an anonymous reader sees is the page's stored representation's
    ``json_ld_script`` (``api.delivery.stored_field``): one lookup, rendered
    first where missing or out of date. A preview shows the draft, and a reader
    who is logged in or has passed a password may see restricted items of a
    programme: for them, and for a page the store does not hold (one of another
    site), the markup is built from the page as it is.
    """
    if page._meta.label not in EVENT_BUILDERS:
        return None
    if reads_as_the_store(page, request):
        try:
            return stored_field(page.pk, "json_ld_script", request)
        except LookupError:
            pass
    return embeddable(page_event(page, request))


def reads_as_the_store(page, request):
    """Whether ``request`` reads the live ``page`` as the delivery store renders it: no preview,
    as an anonymous reader with no password passed."""
    return (
        page.pk is not None
        and page.live
        and not getattr(request, "is_preview", False)
        and is_anonymous(request, PageViewRestriction.passed_view_restrictions_session_key)
        and is_anonymous(request, CollectionViewRestriction.passed_view_restrictions_session_key)
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
