"""Operating the delivery store: rebuilding it after a deploy that changes the output, and
checking that it holds what the serializers make today."""

import random
from dataclasses import dataclass

from wagtail.models import Page, Site

from ..delivery import store
from ..delivery.models import Representation
from ..visibility import public_pages
from .rendering import render, rendering_request


def public_page_ids(models=(Page,)):
    """Every page of ``models`` an anonymous reader of one of the sites may see, by id, in the
    tree's order."""
    visible = set()
    for site in Site.objects.all() or [None]:
        request = rendering_request("/", site)
        for model in models:
            visible.update(public_pages(request, model).values_list("pk", flat=True))
    return list(Page.objects.filter(pk__in=visible).order_by("path").values_list("pk", flat=True))


def rebuild(progress=None, models=None):
    """Render every public page again and keep it; drop what is no longer public.

    Idempotent: a second run writes the same representations. ``progress(done,
    total)`` is called after each page. ``models`` (page models) narrows both to
    the pages of those types: a large site can render first what its readers
    ask for most, and the rest after. Returns ``(rendered, dropped)``.
    """
    page_ids = public_page_ids(models or (Page,))
    versions = dict(Representation.objects.values_list("page_id", "version"))
    rendered = 0
    for done, page_id in enumerate(page_ids, start=1):
        rendering = render(page_id)
        if rendering is not None:
            store.save(rendering, versions.get(page_id))
            rendered += 1
        if progress is not None:
            progress(done, len(page_ids))
    gone = Representation.objects.exclude(page_id__in=page_ids)
    if models:
        gone = gone.filter(page__in=Page.objects.type(*models))
    dropped = gone.count()
    gone.delete()
    return rendered, dropped


@dataclass(frozen=True)
class Difference:
    page_id: int
    reason: str


def check(sample=50, seed=None):
    """Render up to ``sample`` stored, current representations again and compare them.

    Returns the differences: a representation whose fields differ from a new
    rendering (the code changed without a rebuild, or a change was missed).
    """
    current = list(
        Representation.objects.filter(stale=False).values_list("page_id", "layout", "body")
    )
    chosen = random.Random(seed).sample(current, min(sample, len(current)))
    differences = []
    for page_id, layout, body in chosen:
        rendering = render(page_id)
        if rendering is None:
            differences.append(Difference(page_id, "stored, but no longer public"))
        elif (rendering.layout, rendering.body) != (layout, body):
            differences.append(Difference(page_id, "stored fields differ from a new rendering"))
    return differences
