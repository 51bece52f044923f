"""Who may see what: the one place that decides which pages, images and documents are public.

Every public surface (the API, related-page links, feeds) starts from
``public_pages``; nothing else filters on ``live`` or view restrictions.
An image or document a page shows is asked about with ``is_public_media``.
"""

import hashlib

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from .api.caching import remembered

OUT_OF_SCHEDULE_LISTED = 1000


def public_pages(request, model=Page, searchable=False):
    """Live pages an anonymous reader of ``request``'s site may see.

    Wagtail's own rule (live, no view restriction the request fails, inside the
    site or one of its translations), plus: a page past its ``expire_at``, or
    before its ``go_live_at``, is hidden at once, even when the
    scheduled-publishing job has not run yet.

    The rule is worked out once per request and kept on it, so a response that
    asks many times (links, translations, the programme) pays for it once. What
    it is made of (the site's language roots, the restricted paths) is kept in
    the API cache until content changes (``api.caching.remembered``).

    ``searchable``: the pages are handed to a search backend, which filters
    only by the fields it indexes, and ``expire_at`` is not one of them. The
    pages out of schedule are then left out by primary key instead.
    Raises ValueError for a ``?site=`` the request names but that does not exist.
    """
    rule = getattr(request, "_samverkan_public_rule", None)
    if rule is None:
        rule = public_rule(request)
        request._samverkan_public_rule = rule
    pages = model._default_manager.live().filter(rule)
    if searchable:
        return pages.exclude(pk__in=out_of_schedule(request))
    return pages.filter(in_schedule(timezone.now()))


def in_schedule(now):
    """Pages neither past their ``expire_at`` nor before their ``go_live_at`` at ``now``."""
    not_expired = Q(expire_at__isnull=True) | Q(expire_at__gt=now)
    gone_live = Q(go_live_at__isnull=True) | Q(go_live_at__lte=now)
    return not_expired & gone_live


def out_of_schedule(request):
    """The ids of the live pages out of schedule now, looked up once per request.

    Rarely more than the few the scheduled-publishing job has not reached yet,
    so they go into the query as a list. As a subquery, they would make
    PostgreSQL's planner scan every page to find the few a search matches.
    More than ``OUT_OF_SCHEDULE_LISTED`` (the job has stopped) stay a subquery.
    """
    ids = getattr(request, "_samverkan_out_of_schedule", None)
    if ids is None:
        now = timezone.now()
        pages = Page.objects.live().filter(Q(expire_at__lte=now) | Q(go_live_at__gt=now))
        listed = list(pages.values_list("pk", flat=True)[: OUT_OF_SCHEDULE_LISTED + 1])
        ids = pages.values("pk") if len(listed) > OUT_OF_SCHEDULE_LISTED else listed
        request._samverkan_out_of_schedule = ids
    return ids


def public_rule(request):
    """The site trees and view restrictions of ``request`` as one condition on pages."""
    roots = site_root_paths(request)
    if not roots:
        return Q(pk__in=[])
    in_site = Q()
    for path in roots:
        in_site |= Q(path__startswith=path)
    return in_site & ~restricted_for(request)


def site_root_paths(request):
    """The paths of the root of ``request``'s site and of the root's translations.

    The site is the one ``?site=`` names, else the one the request's host and
    port find.
    """
    from wagtail.api.validators import SiteFilterValidator

    def find():
        site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
        if site is None:
            return []
        root = site.root_page
        return [root.path, *root.get_translations().values_list("path", flat=True)]

    asked = "\n".join((request.get_host(), request.get_port(), request.GET.get("site", "")))
    return remembered(f"site-roots:{hashlib.sha256(asked.encode()).hexdigest()}", find)


def restricted_for(request):
    """Pages behind a view restriction that ``request`` does not pass, with their descendants.

    A reader without a login or a passed password (every external site) passes
    none, so the restrictions need not be asked one by one.
    """
    if is_anonymous(request, PageViewRestriction.passed_view_restrictions_session_key):
        paths = remembered("restricted-paths", restricted_paths)
    else:
        paths = [
            restriction.page.path
            for restriction in PageViewRestriction.objects.select_related("page")
            if not restriction.accept_request(request)
        ]
    restricted = Q(pk__in=[])
    for path in paths:
        restricted |= Q(path__startswith=path)
    return restricted


def restricted_paths():
    """The paths of every page with a view restriction."""
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_anonymous(request, passed_key):
    """Whether ``request`` has neither a login nor a passed password (``passed_key`` in its session)."""
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    passed = session.get(passed_key) if session else None
    return not (user is not None and user.is_authenticated) and not passed


def is_public_media(request, media):
    """Whether an image or document is outside every collection ``request`` may not see.

    A page may show an image or a document from a collection behind a view
    restriction; the file's address must not reach readers who may not open it.
    """
    return media.collection_id not in private_collections(request)


def private_collections(request):
    """Ids of the collections behind a view restriction ``request`` does not pass, with the
    collections inside them; worked out once per request."""
    if request is None:
        return remembered("restricted-collections", restricted_collection_ids)
    ids = getattr(request, "_samverkan_private_collections", None)
    if ids is None:
        if is_anonymous(request, CollectionViewRestriction.passed_view_restrictions_session_key):
            ids = remembered("restricted-collections", restricted_collection_ids)
        else:
            from wagtail.api.v2.utils import get_restricted_collection_ids

            ids = get_restricted_collection_ids(request)
        request._samverkan_private_collections = ids
    return ids


def restricted_collection_ids():
    """Ids of every collection with a view restriction, and of the collections inside them."""
    paths = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not paths:
        return set()
    inside = Q(pk__in=[])
    for path in paths:
        inside |= Q(path__startswith=path)
    return set(Collection.objects.filter(inside).values_list("pk", flat=True))


def is_public(request, page):
    """Whether ``page`` is among ``public_pages(request)``."""
    return public_pages(request).filter(pk=page.pk).exists()


def is_out_of_schedule(page, now=None):
    """Whether ``page`` is live only because the scheduled-publishing job is late."""
    now = now or timezone.now()
    return bool(
        (page.expire_at and page.expire_at <= now) or (page.go_live_at and page.go_live_at > now)
    )
