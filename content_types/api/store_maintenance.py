"""Operating the delivery store: rebuilding it after a deploy that changes the output, and
checking that it holds what the serializers make today."""

import random
from dataclasses import dataclass

from wagtail.models import Page, Site

from ..delivery import store
from ..delivery.models import Representation
from ..visibility import public_pages
from .rendering import render, rendering_request


def public_page_ids():
    """Every page an anonymous reader of one of the sites may see, by id, in the tree's order."""
    visible = set()
    for site in Site.objects.all() or [None]:
        visible.update(public_pages(rendering_request("/", site)).values_list("pk", flat=True))
    return list(Page.objects.filter(pk__in=visible).order_by("path").values_list("pk", flat=True))


def rebuild(progress=None):
    """Render every public page again and keep it; drop what is no longer public.

    Idempotent: a second run writes the same representations. ``progress(done,
    total)`` is called after each page. Returns ``(rendered, dropped)``.
    """
    page_ids = public_page_ids()
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
