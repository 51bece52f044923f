"""A conference's public programme, loaded once for everything that shows it.

The API's programme, the conference's calendar feed and its schema.org data all
list the same items with the same speakers; they read them from here so that a
request loads them once, in a fixed number of queries, for one conference or
for a whole listing of them.
"""

from django.db.models import F, Prefetch, Q

from ..visibility import public_pages


def public_programme(conference, request):
    """The public items of ``conference``'s programme, in order, with their speakers.

    Timed items come by start, then the editor's order. Each item knows its
    conference (and so its time zone) without asking the database again. The
    list is kept on the conference for the rest of the request.
    """
    if "_public_programme" not in conference.__dict__:
        load_public_programmes([conference], request)
    return conference.__dict__["_public_programme"]


def load_public_programmes(conferences, request, select_related=(), with_speakers=True):
    """Load the public programmes of ``conferences`` in one query (speakers in one more).

    ``select_related`` names foreign keys of the items to load with them. The
    API leaves the speakers out (``with_speakers=False``): it loads them
    together with the items' other lists.
    """
    from .models import ProgrammeItemPage

    conferences = [c for c in conferences if "_public_programme" not in c.__dict__]
    saved = [c for c in conferences if c.pk is not None]
    for conference in conferences:
        conference.__dict__["_public_programme"] = []
    if not saved:
        return
    items = public_programme_items(saved, request).select_related(*select_related)
    if with_speakers:
        items = items.prefetch_related(Prefetch("speakers", queryset=speaker_rows()))
    by_path = {conference.path: conference for conference in saved}
    for item in items:
        conference = by_path[item.path[: -ProgrammeItemPage.steplen]]
        item.__dict__["conference"] = conference
        conference.__dict__["_public_programme"].append(item)


def public_programme_items(conferences, request):
    """The public items of the programmes of ``conferences`` (saved pages), as a query in the
    programme's order: timed items by start, then the editor's order.

    A calendar feed asks it for the ids of the items alone (``feeds/stored.py``).
    """
    from .models import ProgrammeItemPage

    children = Q()
    for conference in conferences:
        children |= Q(path__startswith=conference.path, depth=conference.depth + 1)
    items = ProgrammeItemPage.objects.filter(children)
    if request is not None:
        items = items.filter(pk__in=public_pages(request).values("pk"))
    else:
        # Outside a request no site or view restriction applies; drafts never show.
        items = items.filter(live=True)
    return items.order_by(F("start").asc(nulls_last=True), "path")


def speaker_rows():
    """An item's speakers in order, with their people and organisations."""
    from .models import ProgrammeItemSpeaker

    return ProgrammeItemSpeaker.objects.select_related(
        "person", "person__organisation", "organisation"
    ).order_by("sort_order", "pk")
