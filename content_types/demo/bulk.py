"""Writing many published pages and snippets at once, and removing them again.

Adding a page through treebeard's ``add_child`` and publishing a revision costs
some ten milliseconds; a benchmark of two hundred thousand pages cannot afford
it. ``BulkWriter`` computes the tree columns itself (materialised ``path`` from
``Page._get_path``, ``depth``, the parents' ``numchild``, ``url_path``) and
inserts, a few thousand pages at a time, the ``wagtailcore_page`` rows, the
rows of each page type's own table (what ``Model.save`` inserts after the
parent's for a multi-table model), the inline rows and the many-to-many links,
each table through one prepared statement (``cursor.executemany``) rather than
``bulk_create``, which compiles a statement for every few dozen rows on
SQLite. The pages are then added to the search backend with ``add_bulk``.

No revisions are written: the public API, the site and the search index read
the live page rows, and the admin opens a page without a revision from its
row. Nor are the usual signals sent (``page_published``, ``post_save``), so
webhook subscribers hear nothing of benchmark content and Wagtail's reference
index does not list it; the API's stored responses are made stale once, when
the transaction commits.

``delete_subtrees`` and ``delete_snippets`` remove such content the same way,
in bulk, and fall back to Django's and Wagtail's ordinary deletion when
anything else (a revision, a view restriction, a link from real content)
refers to it.
"""

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import connections, transaction
from django.db.models import CASCADE, DO_NOTHING, SET_NULL, ForeignObjectRel, Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.models import Page, ReferenceIndex, TranslatableMixin
from wagtail.search.backends import get_search_backend
from wagtail.search.index import class_is_indexed
from wagtail.search.models import IndexEntry
from wagtail_localize.models import TranslatableObject

from ..delivery.refresh import refresh_everything

PAGES_PER_BATCH = 5000
# Each add_bulk call also recomputes the backend's title norms over the whole index.
INDEX_BATCH = PAGES_PER_BATCH


# What to write. Text values may be given in several languages: any object with
# an ``in_language(code)`` method.


@dataclass(eq=False)
class Snippet:
    """A snippet, written in the source language and translated into the others."""

    model: type
    key: uuid.UUID
    fields: dict
    instances: dict = field(default_factory=dict)  # language code -> saved instance


@dataclass(eq=False)
class Row:
    """An inline row of a page (a speaker, a funder, a goal); ``fields`` may link to snippets."""

    model: type
    key: uuid.UUID
    fields: dict


@dataclass(eq=False)
class PageSpec:
    """A published page with its translations, inline rows, many-to-many links and children."""

    model: type
    key: uuid.UUID
    title: object
    slug: object
    fields: dict
    rows: list = field(default_factory=list)
    links: dict = field(default_factory=dict)  # many-to-many field name -> snippets or pages
    children: list = field(default_factory=list)
    instances: dict = field(default_factory=dict)


def in_language(value, code):
    return value.in_language(code) if hasattr(value, "in_language") else value


class BulkWriter:
    """Writes ``Snippet`` and ``PageSpec`` specifications in several locales.

    ``locales`` maps language codes to ``Locale`` objects, the source language
    first. Snippets and pages are written in the source language and
    translated into the others: same ``translation_key``, the text in the
    target language, links to snippets following the source (as the project's
    translations do, see ``localization/fields.py``), links to pages pointing
    at the page in the same language.
    """

    def __init__(self, locales, index=True, using="default"):
        self.locales = locales
        self.source = next(iter(locales))
        self.using = using
        self.now = timezone.now()
        self.search = get_search_backend() if index else None
        self.counts = Counter()  # (model, language code) -> rows written
        self.pages = []  # specific page instances waiting to be inserted
        self.rows = []  # (inline row, its page)
        self.links = []  # (through row, its column naming the page, the page)
        self.next_step = {}  # parent path -> the step of its next child
        self.grown = {}  # pk -> existing parent page whose numchild grew

    # Snippets ----------------------------------------------------------------

    def add_snippets(self, snippets):
        """Insert ``snippets`` (of one model) in every locale.

        A snippet may link to snippets of an earlier call only.
        """
        if not snippets:
            return
        model = snippets[0].model
        for code, locale in self.locales.items():
            instances = [self.snippet_instance(snippet, code, locale) for snippet in snippets]
            model.objects.bulk_create(instances, batch_size=self.batch_size(instances))
            for snippet, instance in zip(snippets, instances, strict=True):
                snippet.instances[code] = instance
            self.counts[model, code] += len(instances)
            self.index(model, instances)

    def snippet_instance(self, snippet, code, locale):
        values = self.values(snippet.fields, code)
        return snippet.model(locale=locale, translation_key=snippet.key, **values)

    # Pages ---------------------------------------------------------------------

    def add_page(self, spec, parents):
        """Queue ``spec`` and its descendants under ``parents`` (language code -> page).

        Pages are inserted in batches of about ``PAGES_PER_BATCH``, always whole
        subtrees, so that a parent's ``numchild`` is known before it is inserted.
        """
        self.queue(spec, parents)
        if len(self.pages) >= PAGES_PER_BATCH:
            self.flush()

    def queue(self, spec, parents):
        """Build ``spec``'s page, rows and links in every language and place them in the tree."""
        for code, locale in self.locales.items():
            page = self.page_instance(spec, code, locale)
            self.place(page, parents[code])
            spec.instances[code] = page
            self.pages.append(page)
            for order, row in enumerate(spec.rows):
                values = self.values(row.fields, code)
                instance = row.model(
                    locale=locale, translation_key=row.key, sort_order=order, **values
                )
                self.rows.append((instance, page))
            for name, targets in spec.links.items():
                relation = spec.model._meta.get_field(name)
                through = relation.remote_field.through
                target_column = through._meta.get_field(relation.m2m_reverse_field_name()).attname
                page_column = through._meta.get_field(relation.m2m_field_name()).attname
                for target in targets:
                    row = through(**{target_column: self.target(target, code)})
                    self.links.append((row, page_column, page))
        for child in spec.children:
            self.queue(child, spec.instances)

    def page_instance(self, spec, code, locale):
        title = in_language(spec.title, code)
        return spec.model(
            title=title,
            draft_title=title,
            slug=in_language(spec.slug, code),
            locale=locale,
            translation_key=spec.key,
            live=True,
            has_unpublished_changes=False,
            first_published_at=self.now,
            last_published_at=self.now,
            **self.values(spec.fields, code),
        )

    def place(self, page, parent):
        """Give ``page`` the next free place under ``parent``, as treebeard's ``add_child`` would."""
        step = self.next_step.get(parent.path)
        if step is None:
            step = self.first_free_step(parent)
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, step)
        if len(page.path) != page.depth * Page.steplen:
            raise OverflowError(f"No free place left under the page at {parent.url_path}.")
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.numchild = 0
        self.next_step[parent.path] = step + 1
        parent.numchild += 1
        if parent.pk is not None:
            self.grown[parent.pk] = parent

    def first_free_step(self, parent):
        if parent.pk is None or not parent.numchild:
            return 1
        last = (
            Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        return Page._str2int(last[-Page.steplen :]) + 1 if last else 1

    def flush(self):
        """Insert the queued pages, their own tables' rows, inline rows and links."""
        pages, rows, links = self.pages, self.rows, self.links
        self.pages, self.rows, self.links = [], [], []
        if not pages:
            return
        self.insert(Page, pages)
        self.read_back_ids(pages)
        by_model = defaultdict(list)
        for page in pages:
            by_model[type(page)].append(page)
            self.counts[type(page), page.locale.language_code] += 1
        for model, instances in by_model.items():
            # The rows of the page type's own table, as ``Model.save`` inserts after the parent's.
            self.insert(model, instances)

        rows_by_model = defaultdict(list)
        for row, page in rows:
            row.page_id = page.pk
            rows_by_model[type(row)].append(row)
        for model, instances in rows_by_model.items():
            self.insert(model, instances)

        links_by_model = defaultdict(list)
        for row, page_column, page in links:
            setattr(row, page_column, page.pk)
            links_by_model[type(row)].append(row)
        for model, instances in links_by_model.items():
            self.insert(model, instances)

        for model, instances in by_model.items():
            self.index(model, instances)

    def insert(self, model, objs, chunk=5000):
        """Insert ``objs`` into ``model``'s own table, one prepared statement for all rows.

        What ``bulk_create`` and ``Manager._insert`` do, without compiling a
        statement per few dozen rows. An automatic primary key is left to the
        database; ``read_back_ids`` fetches the pages' ones.
        """
        connection = connections[self.using]
        fields = [
            field
            for field in model._meta.local_concrete_fields
            if not (field.primary_key and field.get_internal_type().endswith("AutoField"))
        ]
        quote = connection.ops.quote_name
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            quote(model._meta.db_table),
            ", ".join(quote(field.column) for field in fields),
            ", ".join(["%s"] * len(fields)),
        )
        with connection.cursor() as cursor:
            for start in range(0, len(objs), chunk):
                cursor.executemany(
                    sql,
                    [
                        [
                            field.get_db_prep_save(field.pre_save(obj, True), connection)
                            for field in fields
                        ]
                        for obj in objs[start : start + chunk]
                    ],
                )

    def read_back_ids(self, pages, chunk=900):
        """Give the inserted ``pages`` their ids, found by their paths (unique in the tree)."""
        by_path = {page.path: page for page in pages}
        paths = list(by_path)
        for start in range(0, len(paths), chunk):
            found = Page.objects.filter(path__in=paths[start : start + chunk]).values_list(
                "path", "pk"
            )
            for path, pk in found:
                page = by_path[path]
                page.id = pk
                setattr(page, page._meta.pk.attname, pk)
                page._state.adding = False

    def finish(self):
        """Insert what is still queued and count the new children of pages that already existed."""
        self.flush()
        for pk, parent in self.grown.items():
            Page.objects.filter(pk=pk).update(numchild=parent.numchild)
        transaction.on_commit(refresh_everything, using=self.using, robust=True)

    # Shared ----------------------------------------------------------------------

    def values(self, fields, code):
        """Model field values in the language ``code``; links become ``<name>_id`` values."""
        values = {}
        for name, value in fields.items():
            if isinstance(value, Snippet | PageSpec):
                values[f"{name}_id"] = self.target(value, code)
            else:
                values[name] = in_language(value, code)
        return values

    def target(self, spec, code):
        """The primary key a link to ``spec`` holds in the language ``code``."""
        if isinstance(spec, Snippet):
            return spec.instances[self.source].pk
        return (spec.instances.get(code) or spec.instances[self.source]).pk

    def batch_size(self, objs):
        fields = objs[0]._meta.concrete_fields
        return max(1, connections[self.using].ops.bulk_batch_size(fields, objs))

    def index(self, model, instances):
        if self.search is None or not class_is_indexed(model):
            return
        for start in range(0, len(instances), INDEX_BATCH):
            self.search.add_bulk(model, instances[start : start + INDEX_BATCH])


# Removing


class NeedsOrdinaryDeletion(Exception):
    """Something besides what ``BulkWriter`` writes refers to the rows: a revision, a view
    restriction, a protected link. Only Django's and Wagtail's own deletion handles that."""


def delete_subtrees(pages, using="default", chunk=400):
    """Delete ``pages`` and every page below them; returns how many pages were deleted.

    A few hundred subtrees at a time: in bulk, without loading the pages or
    sending signals, when they hold only what ``BulkWriter`` writes (and search
    entries); otherwise through Wagtail's ordinary deletion, which is thorough
    but costs tens of milliseconds a page. Either way the parents'
    ``numchild`` is right afterwards.
    """
    roots = minimal_roots(pages.values_list("path", flat=True))
    deleted = 0
    for start in range(0, len(roots), chunk):
        batch = roots[start : start + chunk]
        below = Q()
        for path in batch:
            below |= Q(path__startswith=path)
        by_model = defaultdict(list)
        for pk, content_type_id in Page.objects.filter(below).values_list("pk", "content_type_id"):
            by_model[ContentType.objects.get_for_id(content_type_id).model_class()].append(pk)
            deleted += 1
        try:
            with transaction.atomic(using=using):
                for model, pks in by_model.items():
                    bulk_delete(model, pks, using)
        except NeedsOrdinaryDeletion:
            Page.objects.filter(path__in=batch).delete()
    for parent_path in {path[: -Page.steplen] for path in roots}:
        children = Page.objects.filter(
            path__startswith=parent_path, depth=len(parent_path) // 4 + 1
        )
        Page.objects.filter(path=parent_path).update(numchild=children.count())
    transaction.on_commit(refresh_everything, using=using, robust=True)
    return deleted


def delete_snippets(queryset, using="default"):
    """Delete the snippets of ``queryset`` as ``delete_subtrees`` deletes pages; returns how many.

    A snippet that other content still links to (and protects) raises ``ProtectedError``.
    """
    pks = list(queryset.values_list("pk", flat=True))
    try:
        with transaction.atomic(using=using):
            bulk_delete(queryset.model, pks, using)
    except NeedsOrdinaryDeletion:
        queryset.model._base_manager.filter(pk__in=pks).delete()
    transaction.on_commit(refresh_everything, using=using, robust=True)
    return len(pks)


def minimal_roots(paths):
    """The paths that have no ancestor among ``paths``, in order."""
    roots = []
    for path in sorted(paths):
        if not roots or not path.startswith(roots[-1]):
            roots.append(path)
    return roots


def bulk_delete(model, pks, using, chunk=500):
    """Delete the rows ``pks`` of ``model`` (and of its parent tables) with what is part of them.

    Part of a row, and deleted with it: inline rows (``ParentalKey``) and
    many-to-many links. Links from elsewhere that are set to null on deletion
    are set to null. Anything else that refers to a row (a protected link, a
    cascade from another model, a revision, a translation record) raises
    NeedsOrdinaryDeletion; the caller's transaction then undoes what was done.
    """
    chain = [model, *model._meta.get_parent_list()]
    for start in range(0, len(pks), chunk):
        batch = pks[start : start + chunk]
        for cls in chain:
            for relation in reverse_relations(cls):
                delete_or_detach(relation, batch, using)
            for generic in cls._meta.private_fields:
                if isinstance(generic, GenericRelation):
                    delete_search_entries_or_refuse(generic, cls, batch, using)
        if issubclass(model, TranslatableMixin):
            keys = model._base_manager.filter(pk__in=batch).values("translation_key")
            if TranslatableObject.objects.filter(translation_key__in=keys).exists():
                raise NeedsOrdinaryDeletion(f"{model._meta.label} rows have translation records")
        for cls in chain:
            content_type = ContentType.objects.get_for_model(cls)
            ReferenceIndex.objects.filter(
                base_content_type=content_type, object_id__in=[str(pk) for pk in batch]
            )._raw_delete(using)
            cls._base_manager.filter(pk__in=batch)._raw_delete(using)


def reverse_relations(model):
    """The relations of other rows to ``model``'s own table, hidden ones (``related_name="+"``) too."""
    return [
        field
        for field in model._meta.get_fields(include_parents=False, include_hidden=True)
        if isinstance(field, ForeignObjectRel)
        and not field.many_to_many  # the links are rows of the through table, also listed
        and not field.field.remote_field.parent_link
    ]


def delete_or_detach(relation, pks, using):
    link = relation.field
    rows = relation.related_model._base_manager.filter(**{f"{link.name}__in": pks})
    on_delete = link.remote_field.on_delete
    if relation.related_model._meta.auto_created:  # a many-to-many link
        rows._raw_delete(using)
    elif on_delete is DO_NOTHING:
        pass
    elif on_delete is SET_NULL:
        rows.update(**{link.name: None})
    elif on_delete is CASCADE and isinstance(link, ParentalKey):
        bulk_delete(relation.related_model, list(rows.values_list("pk", flat=True)), using)
    elif rows.exists():
        raise NeedsOrdinaryDeletion(f"{relation.related_model._meta.label} rows refer to them")


def delete_search_entries_or_refuse(generic, model, pks, using):
    rows = generic.related_model._base_manager.filter(
        **{f"{generic.object_id_field_name}__in": [str(pk) for pk in pks]},
        **{f"{generic.content_type_field_name}__in": descendant_content_types(model)},
    )
    if generic.related_model is IndexEntry:
        rows._raw_delete(using)
    elif rows.exists():
        raise NeedsOrdinaryDeletion(f"{generic.related_model._meta.label} rows refer to them")


def descendant_content_types(model):
    models = [m for m in apps.get_models() if issubclass(m, model)]
    return list(ContentType.objects.get_for_models(*models, for_concrete_models=False).values())
