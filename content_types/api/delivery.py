"""Reading the delivery store: the pages endpoint's answers put together from stored fields.

The filters and the visibility rules choose the pages as before (a query for
their ids); their representations come from the store
(``delivery.models.Representation``), each field already encoded as the API
sends it, and the answer is put together for the ``?fields=`` asked without
serialising again. A representation that is missing, marked stale or past
its ``valid_until`` is rendered again first (``rendering.py``) and kept.

What depends on the request is put in as it is read: the server links name
(``base_url.with_base_url``) and ``is_fallback``, which depends on the
``?locale=`` asked for.
"""

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter

from ..base_url import bytes_with_base_url, with_base_url
from ..delivery import store
from ..delivery.encoded import body_bytes, encoded_bodies
from ..delivery.models import Representation
from .rendering import render
from .serializers.pages import is_fallback


class PreEncoded:
    """JSON, encoded in UTF-8, that the renderer sends as it is (``renderers.PreEncodedJSONRenderer``).

    Holds the bytes rather than being them, so that they reach the response
    without a copy: Django keeps a ``bytes`` it is given as it is.
    """

    __slots__ = ("content",)

    def __init__(self, content):
        self.content = content


# Which fields an answer shows


@dataclass(frozen=True)
class FieldPlan:
    """The fields of an answer in order, and which of them go under ``meta``."""

    names: tuple
    meta: frozenset
    nested: bool  # sub-fields were asked for, which the endpoint's own classes validate

    @cached_property
    def labels(self):
        """Each field's name as it opens its member of the JSON object, in UTF-8."""
        return {name: b'"%s":' % name.encode() for name in self.names}

    @cached_property
    def shows_id(self):
        """Whether ``id`` opens the object, before ``meta``."""
        return "id" in self.names and "id" not in self.meta

    @cached_property
    def meta_names(self):
        """The fields under ``meta``, in order."""
        return [name for name in self.names if name in self.meta]

    @cached_property
    def body_names(self):
        """The fields after ``meta``, in order."""
        return [name for name in self.names if name not in self.meta and name != "id"]


@lru_cache(maxsize=512)
def field_plan(endpoint, model, fields_text, show_details):
    """The fields ``?fields=fields_text`` shows of ``model``'s pages, as Wagtail's API chooses
    them, with its error for an unknown field.

    Worked out once per process for each question: it depends only on the code
    (the page models, the endpoint), never on the content. Bounded all the same,
    as ``?fields=`` lets a client ask for any number of different field lists.
    """
    try:
        fields_config = parse_fields_parameter(fields_text)
    except ValueError as error:
        raise BadRequestError(_("fields error: %(error)s") % {"error": error}) from error
    meta_fields = endpoint.get_meta_fields_names(model)
    all_fields = list(dict.fromkeys(endpoint.get_body_fields_names(model) + meta_fields))
    if show_details:
        fields = set(endpoint.get_detail_default_fields(model))
    else:
        all_fields = [name for name in all_fields if name not in endpoint.detail_only_fields]
        fields = set(endpoint.get_listing_default_fields(model))
    if fields_config and fields_config[0][0] == "*":
        fields, fields_config = set(all_fields), fields_config[1:]
    elif fields_config and fields_config[0][0] == "_":
        fields, fields_config = set(), fields_config[1:]
    mentioned, nested = set(), False
    for name, negated, sub_fields in fields_config:
        if negated:
            fields.discard(name)
        else:
            fields.add(name)
            nested = nested or bool(sub_fields)
        mentioned.add(name)
    unknown = mentioned - set(all_fields)
    if unknown:
        raise BadRequestError(f"unknown fields: {', '.join(sorted(unknown))}")
    return FieldPlan(
        names=tuple(name for name in all_fields if name in fields),
        meta=frozenset(meta_fields),
        nested=nested,
    )


def model_of(representation):
    label = json.loads(bytes(representation_fields(representation)["meta.type"]))
    return apps.get_model(label)


# The stored representations


def representations(page_ids, now=None, render_at_most=None, encoded=False):
    """The current representation of each page of ``page_ids`` (public pages), by page id.

    One query; a page whose representation is missing or out of date is
    rendered and kept first. A page that turns out not to be public is left out.

    ``render_at_most`` bounds the renderings one read may make, for a reader of
    an unbounded list (a calendar of every upcoming conference) while the
    store is still being filled; the pages past it are left out too.

    ``encoded``: for an answer of the API, read without the calendar's fields
    and with bodies as bytes where the database gives them (``delivery.encoded``).
    """
    now = now or timezone.now()
    chosen = Representation.objects.filter(page_id__in=list(page_ids))
    found = {
        representation.page_id: representation
        for representation in (encoded_bodies(chosen) if encoded else chosen)
    }
    current = {}
    renderings_left = len(page_ids) if render_at_most is None else render_at_most
    for page_id in page_ids:
        representation = found.get(page_id)
        if representation is None or not is_current(representation, now):
            if renderings_left <= 0:
                continue
            renderings_left -= 1
            representation = refresh(page_id, representation)
        if representation is not None:
            current[page_id] = representation
    return current


def representation_of(page_ids, now=None):
    """The current representation of the one page ``page_ids`` chooses (a query of the
    public pages, or a list), or None when it chooses none.

    One query when the store holds it, current: the page ids are a subquery of
    the representation's. Otherwise, as ``representations``.
    """
    now = now or timezone.now()
    found = encoded_bodies(Representation.objects.filter(page_id__in=page_ids)[:1])
    if found and is_current(found[0], now):
        return found[0]
    return next(iter(representations(list(page_ids), now, encoded=True).values()), None)


@task()
def refresh_representations(page_ids):
    """Render again the representations of ``page_ids`` that are stale or missing."""
    representations(page_ids)


def render_marked(sender, page_ids, **kwargs):
    """What a change marked stale renders again in a task (``delivery.refresh.marked_stale``)."""
    refresh_representations.enqueue(page_ids)


def is_current(representation, now):
    return not representation.stale and (
        representation.valid_until is None or representation.valid_until > now
    )


def refresh(page_id, representation=None):
    """Render the page again and keep it; None when it is not public."""
    version = representation.version if representation is not None else None
    rendering = render(page_id)
    if rendering is None:
        store.forget([page_id])
        return None
    return store.save(rendering, version)


# Putting an answer together


def representation_fields(representation):
    """The representation's fields by name, each the JSON the API sends as UTF-8: views of its
    body, not copies."""
    body = memoryview(body_bytes(representation))
    return {name: body[start:end] for name, start, end in representation.layout}


def compose(representation, plan, request, parts):
    """One page of the answer as the serializer would give it, for ``plan``'s fields, added to
    ``parts``: the pieces of UTF-8 JSON the answer is joined from once, in one copy."""
    fields = representation_fields(representation)
    fields["meta.is_fallback"] = (
        b"true" if is_fallback(representation.language_code, request) else b"false"
    )
    labels = plan.labels
    separator = b"{"
    if plan.shows_id:
        parts += (separator, labels["id"], fields["id"])
        separator = b","
    for number, name in enumerate(plan.meta_names):
        parts += (
            separator,
            b'"meta":{' if number == 0 else b"",
            labels[name],
            fields["meta." + name],
        )
        separator = b","
    if plan.meta_names:
        parts.append(b"}")
    for name in plan.body_names:
        parts += (separator, labels[name], fields[name])
        separator = b","
    parts.append(b"{}" if separator == b"{" else b"}")


def composed(representation, plan, request):
    """One page of the answer, for ``plan``'s fields, as UTF-8 JSON with stored links."""
    parts = []
    compose(representation, plan, request, parts)
    return b"".join(parts)


def detail(representation, plan, request):
    return PreEncoded(bytes_with_base_url(composed(representation, plan, request), request))


def listing(items, plan, request, total_count):
    parts = [b'{"meta":{"total_count":%d},"items":[' % int(total_count)]
    for number, representation in enumerate(items):
        if number:
            parts.append(b",")
        compose(representation, plan, request, parts)
    parts.append(b"]}")
    return PreEncoded(bytes_with_base_url(b"".join(parts), request))


# One field of one page, for the site's own HTML pages


def stored_field(page_id, name, request):
    """The field ``name`` of the page's current representation, decoded, with the server of
    ``request`` put into it as the API puts it into its answers.

    Rendered first where missing or out of date, as every read of the store is.
    Raises LookupError when the store holds no such page (one that is not public
    to an anonymous reader of the site the store renders for) or field.
    """
    representation = representations([page_id]).get(page_id)
    if representation is None:
        raise LookupError(f"page {page_id} is not in the delivery store")
    text = bytes(representation_fields(representation)[name]).decode()
    return json.loads(with_base_url(text, request))
