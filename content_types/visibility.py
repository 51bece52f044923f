"""Who may see what: the one place that decides which pages, images and documents are public.

Every public surface (the API, related-page links, feeds) starts from
``public_pages``; nothing else filters on ``live`` or view restrictions.
A page is public only when it and every ancestor below the tree's root are:
live, inside their go-live and expiry times, and not behind a view
restriction the reader fails. An image or document a page shows is asked
about with ``is_public_media``; the media endpoints list ``public_media``.
"""

import hashlib

from django.db.models import BigIntegerField, CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from .content_state import Until, current_generation, remembered, remembered_many

OUT_OF_SCHEDULE_LISTED = 1000


def public_pages(request, model=Page, searchable=False):
    """Live pages an anonymous reader of ``request``'s site may see.

    Wagtail's own rule (live, no view restriction the request fails, inside the
    site or one of its translations), plus: a page past its ``expire_at``, or
    before its ``go_live_at``, is hidden at once, even when the
    scheduled-publishing job has not run yet; and so is every page below a page
    that is not live or is out of schedule (``hidden_branches``), whatever its
    own state: a programme published item by item under a draft conference
    stays unannounced until the conference is published.

    The rule is worked out once per request and kept on it, so a response that
    asks many times (links, translations, the programme) pays for it once. What
    it is made of (the site's language roots, the restricted paths, the hidden
    branches) is kept in the API cache until content changes
    (``content_state.remembered``).

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


def below(paths):
    """Pages at or under any of ``paths``, as one condition."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


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
    """The site trees, view restrictions and hidden branches of ``request`` as one condition.

    What it is made of is remembered for the content generation and read from
    the cache at once (``content_state.remembered_many``).
    """
    now = timezone.now()
    anonymous = is_anonymous(request, PageViewRestriction.passed_view_restrictions_session_key)
    roots_name = site_roots_name(request)
    wanted = {
        roots_name: lambda: site_root_paths(request),
        "hidden-branches": lambda: hidden_branches(now),
    }
    if anonymous:
        # A reader without a login or a passed password (every external site)
        # passes no restriction, so they need not be asked one by one.
        wanted["restricted-paths"] = restricted_paths
    kept = remembered_many(wanted)
    roots = kept[roots_name]
    if not roots:
        return Q(pk__in=[])
    in_site = Q()
    for path in roots:
        in_site |= Q(path__startswith=path)
    restricted = kept["restricted-paths"] if anonymous else paths_restricted_for(request)
    return in_site & ~below(restricted) & ~below(kept["hidden-branches"])


def unpublished_branches():
    """The paths of the pages that are not live and have a live page below them.

    Wagtail lets an editor publish a page under a draft or unpublished parent,
    and serves it; here everything below such a page stays hidden with it.
    Only the branches that hold a live page matter, which keeps the list short.
    """
    live_below = Page.objects.filter(
        live=True, path__startswith=OuterRef("path"), depth__gt=OuterRef("depth")
    )
    hidden = Page.objects.filter(live=False, depth__gt=1, numchild__gt=0)
    return list(hidden.filter(Exists(live_below)).values_list("path", flat=True))


def hidden_branches(now):
    """The paths below which every page is hidden: ``unpublished_branches`` and the
    branches out of schedule ``now`` (``schedule_branches``), to remember until the next
    ``go_live_at`` or ``expire_at`` of a live page with children, which is when the clock
    can next change them."""
    schedule = schedule_branches(now)
    until = schedule["until"] and schedule["until"].timestamp()
    return Until(unpublished_branches() + schedule["paths"], until)


def schedule_branches(now):
    """The live pages with children out of schedule at ``now``, and when that can next change."""
    scheduled = (
        Page.objects.live()
        .filter(numchild__gt=0, depth__gt=1)
        .filter(Q(go_live_at__isnull=False) | Q(expire_at__isnull=False))
        .values_list("path", "go_live_at", "expire_at")
    )
    paths, moments = [], []
    for path, go_live_at, expire_at in scheduled:
        if (go_live_at and go_live_at > now) or (expire_at and expire_at <= now):
            paths.append(path)
        moments += [moment for moment in (go_live_at, expire_at) if moment and moment > now]
    return {"paths": paths, "until": min(moments, default=None)}


def site_root_paths(request):
    """The paths of the root of ``request``'s site and of the root's translations.

    The site is the one ``?site=`` names, else the one the request's host and
    port find.
    """
    from wagtail.api.validators import SiteFilterValidator

    site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
    if site is None:
        return []
    root = site.root_page
    return [root.path, *root.get_translations().values_list("path", flat=True)]


def site_roots_name(request):
    """What ``site_root_paths`` is remembered under: the host as Wagtail finds the site by
    it, never used in a link."""
    asked = "\n".join(
        (request.headers.get("Host", ""), request.get_port(), request.GET.get("site", ""))
    )
    return f"site-roots:{hashlib.sha256(asked.encode()).hexdigest()}"


def paths_restricted_for(request):
    """The paths of the pages behind a view restriction that a signed-in ``request``, or one
    that passed a password, does not pass."""
    return [
        restriction.page.path
        for restriction in PageViewRestriction.objects.select_related("page")
        if not restriction.accept_request(request)
    ]


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


def public_media(request, model):
    """The images or documents (``model``) that public pages show, outside private collections.

    What the media endpoints list. Wagtail lists every file; here a file is
    public only where a page in ``public_pages(request)`` uses it, directly (a
    field, a document row, rich text) or through a snippet the page shows (an
    organisation's logo). A file used only by a draft, or by nothing, stays
    out. Wagtail's reference index knows the uses: it reads a page's stored
    row, which for a published page is its live version, not a newer draft.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    keys = public_pages(request).annotate(key=Cast("pk", CharField())).values("key")
    from_public_pages = ReferenceIndex.objects.filter(
        base_content_type=page_type, object_id__in=keys
    )
    shown_by_public_page = from_public_pages.filter(
        to_content_type=OuterRef("base_content_type"), to_object_id=OuterRef("object_id")
    )
    uses = ReferenceIndex.objects.filter(to_content_type=ContentType.objects.get_for_model(model))
    by_pages = uses.filter(base_content_type=page_type, object_id__in=keys)
    by_shown_snippets = uses.filter(Exists(shown_by_public_page))
    used_by_pages, used_by_snippets = (
        used.annotate(media_id=Cast("to_object_id", BigIntegerField())).values("media_id")
        for used in (by_pages, by_shown_snippets)
    )
    return (
        model.objects.filter(Q(pk__in=used_by_pages) | Q(pk__in=used_by_snippets))
        .exclude(collection__in=private_collections(request))
        .order_by("id")
    )


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


def is_public_id(request, page_id):
    """Whether the page ``page_id`` is among ``public_pages(request)``, for a reader without a
    login or a passed password: what a page's detail asks before anything else.

    The answer is remembered for the content generation, and until the page
    schedule's next moment, when the clock alone may change it; so a detail
    read again costs one round trip to the cache instead of building and
    running the public-pages query. Anyone else is asked by the query.
    """
    if not is_anonymous(request, PageViewRestriction.passed_view_restrictions_session_key):
        return public_pages(request).filter(pk=page_id).exists()

    def compute():
        public = public_pages(request).filter(pk=page_id).exists()
        return Until(public, current_generation().next_change)

    name = f"public-page:{site_roots_name(request)}:{page_id}"
    return remembered_many({name: compute})[name]


def hidden_ancestor(page, now=None):
    """The first page of ``page``'s line (itself included, the tree's root not) that is not live
    or is out of schedule, or None when the whole line is published.

    Wagtail serves a live page whatever its parents' state; the public site asks
    this to hide what the API hides, and the admin to warn an editor who
    publishes into a hidden branch.
    """
    published = Q(live=True) & in_schedule(now or timezone.now())
    line = page.get_ancestors(inclusive=True).filter(depth__gt=1)
    return line.exclude(published).order_by("depth").first()
