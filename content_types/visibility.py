"""Who may see what: the one place that decides which pages are public.

Every public surface (the API, related-page links, feeds) starts from
``public_pages``; nothing else filters on ``live`` or view restrictions.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page


def public_pages(request, model=Page):
    """Live pages an anonymous reader of ``request``'s site may see.

    Wagtail's own rule (live, no view restriction the request fails, inside the
    site or one of its translations), plus: a page past its ``expire_at``, or
    before its ``go_live_at``, is hidden at once, even when the
    scheduled-publishing job has not run yet.
    """
    # Imported here: the module loads the page model, and page models import this one.
    from wagtail.api.querysets import get_public_pages_queryset

    now = timezone.now()
    expired = Page.objects.filter(Q(expire_at__lte=now) | Q(go_live_at__gt=now)).values("pk")
    # Excluded by primary key, which every search backend indexes: the result can
    # still be searched, which a filter on the unindexed expire_at prevents.
    return get_public_pages_queryset(request, model).exclude(pk__in=expired)


def is_public(request, page):
    """Whether ``page`` is among ``public_pages(request)``."""
    return public_pages(request).filter(pk=page.pk).exists()


def is_out_of_schedule(page, now=None):
    """Whether ``page`` is live only because the scheduled-publishing job is late."""
    now = now or timezone.now()
    return bool(
        (page.expire_at and page.expire_at <= now) or (page.go_live_at and page.go_live_at > now)
    )
