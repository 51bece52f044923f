"""What an event says: built from identifiers only, completed just before sending.

A signal handler records what identifies the page or snippet (``page_event``,
``snippet_event``): the page may be gone by the time the event is sent, and
nothing a reader may not see must travel. ``complete`` then adds, when the
task runs, what a reader of the public API would see: the title and API URL of
a page that is public at that moment, or the public pages that show a changed
snippet. An unpublished, deleted or restricted page is announced by its
identifiers alone.

    {"event": "page_published", "id": 42, "type": "content_types.ConferencePage",
     "locale": "sv", "translation_key": "…", "title": "Biblioteksdagarna",
     "url": "https://example.se/api/v2/pages/42/", "timestamp": "2025-06-01T08:00:00+00:00"}
"""

from urllib.parse import urlsplit

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex, TranslatableMixin

from ..base_url import base_url
from ..visibility import public_pages
from .models import WebhookEvent

# The events that may carry a page's title and URL, when the page is public.
DESCRIBED_EVENTS = {WebhookEvent.PAGE_PUBLISHED, WebhookEvent.PAGE_MOVED}


def page_event(event, page):
    """The identifiers of ``page`` for ``event``; never its title."""
    specific_class = page.specific_class or type(page)
    return {
        "event": str(event),
        "id": page.pk,
        "type": specific_class._meta.label,
        "locale": page.locale.language_code,
        "translation_key": str(page.translation_key),
        "timestamp": timezone.now().isoformat(),
    }


def snippet_event(instance):
    """The identifiers of a changed snippet; its pages are found when the event is sent."""
    payload = {
        "event": str(WebhookEvent.SNIPPET_CHANGED),
        "id": instance.pk,
        "type": instance._meta.label,
        "timestamp": timezone.now().isoformat(),
    }
    if isinstance(instance, TranslatableMixin):
        payload["locale"] = instance.locale.language_code
        payload["translation_key"] = str(instance.translation_key)
    return payload


def complete(payload):
    """``payload`` with what the public may see added; ``None`` when there is nothing to say."""
    event = payload["event"]
    if event in DESCRIBED_EVENTS:
        page = public_pages(anonymous_api_request()).filter(pk=payload["id"]).first()
        if page is not None:
            return {**payload, "title": page.title, "url": api_detail_url(page.pk)}
        return payload
    if event == WebhookEvent.SNIPPET_CHANGED:
        pages = pages_showing(payload["type"], payload.get("translation_key"), payload["id"])
        return {**payload, "pages": pages} if pages else None
    return payload


def api_detail_url(page_id):
    """The page's detail in the public API, absolute with ``base_url()`` (API_BASE_URL, else
    ADMIN_BASE_URL: no request says which server answered)."""
    try:
        path = reverse("wagtailapi:pages:detail", args=(page_id,))
    except NoReverseMatch:  # a site that mounts the API under another name
        path = f"/api/v2/pages/{page_id}/"
    return base_url() + path


def anonymous_api_request():
    """A request as an anonymous API client at ``base_url()`` makes it.

    ``public_pages`` decides by request (its site, view restrictions); this
    one sees what an external site reading the API sees.
    """
    address = urlsplit(base_url())
    request = RequestFactory().get(
        "/", HTTP_HOST=address.netloc or "localhost", secure=address.scheme == "https"
    )
    request.user = AnonymousUser()
    request.session = {}
    return request


def pages_showing(label, translation_key, pk):
    """Ids of the public pages that show a snippet, in any of its languages.

    Follows Wagtail's reference index from the snippet (and its translations:
    a page links to the source-language snippet and the API shows it in the
    page's language) to the pages that link to it, also through other snippets
    of this app (a person's organisation, an organisation's parent).
    """
    page_type_id = ContentType.objects.get_for_model(Page).pk
    pending = [translations_of(apps.get_model(label), translation_key, pk)]
    seen = set(pending)
    page_ids = set()
    while pending:
        model, object_ids = pending.pop()
        references = ReferenceIndex.objects.filter(
            to_content_type=ReferenceIndex._get_base_content_type(model),
            to_object_id__in=object_ids,
        ).values_list("base_content_type_id", "content_type_id", "object_id")
        for base_type_id, content_type_id, object_id in references.distinct():
            if base_type_id == page_type_id:
                page_ids.add(int(object_id))
                continue
            referrer_model = ContentType.objects.get_for_id(content_type_id).model_class()
            if referrer_model is None or referrer_model._meta.app_label != "content_types":
                continue
            referrer = referrer_model._default_manager.filter(pk=object_id).first()
            if referrer is not None:
                target = translations_of(
                    referrer_model, getattr(referrer, "translation_key", None), referrer.pk
                )
                if target not in seen:
                    seen.add(target)
                    pending.append(target)
    if not page_ids:
        return []
    public = public_pages(anonymous_api_request()).filter(pk__in=page_ids)
    return sorted(public.values_list("pk", flat=True))


def translations_of(model, translation_key, pk):
    """``(model, object ids)``: an object and its translations, as the reference index keys them."""
    if translation_key and issubclass(model, TranslatableMixin):
        pks = model._default_manager.filter(translation_key=translation_key).values_list(
            "pk", flat=True
        )
        return model, tuple(sorted(str(value) for value in pks)) or (str(pk),)
    return model, (str(pk),)
