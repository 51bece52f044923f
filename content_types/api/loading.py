"""Everything a rendering of the API shows, loaded before it is serialised.

Serialising page by page asks the database for each page's relations, each
snippet's translation and each linked page's public version in turn: a
programme of 200 items costs hundreds of queries. Before serialising, the pages
endpoint walks the fields the response will show, level by level, and loads
each relation of a level (a project's funders, partners, goals, regions ...)
for every object of the level at once with Django's ``prefetch_related_objects``,
the foreign keys the fields follow from its rows with ``select_related``. The
translations of the snippets shown come together once a level is walked, one
query per snippet model, and every page the response mentions (related pages,
translations, parents) comes in one query. The number of queries then depends
on the fields shown, never on how many pages, items or speakers there are.

A field takes part by defining ``preload(holders, loader)``; a serializer
without one is walked field by field. Fields read what they need through
``loader_for(context)``, which answers from what was loaded and falls back to
asking the database for anything that was not.
"""

from collections import defaultdict

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, Prefetch, prefetch_related_objects
from rest_framework import serializers
from wagtail.models import Page

from ..visibility import public_pages


def loader_for(context):
    """The loader of the request being answered (one per request), or a fresh one.

    It is kept on the request, as Wagtail keeps ``request.is_preview``, so that
    the fields of a response and the schema.org markup they build share what
    was loaded.
    """
    request = context.get("request") if context else None
    if request is None:
        return ResponseLoader(None)
    loader = getattr(request, "samverkan_loader", None)
    if loader is None:
        loader = request.samverkan_loader = ResponseLoader(request)
    return loader


def model_field(model, attribute):
    try:
        return model._meta.get_field(attribute)
    except FieldDoesNotExist:
        return None


def forward_target(model, attribute):
    """The model ``attribute`` points at, if it is a foreign key (or one-to-one) of ``model``."""
    field = model_field(model, attribute)
    if field is not None and field.is_relation and field.concrete and not field.many_to_many:
        return field.related_model
    return None


def select_chains(serializer, model):
    """The foreign-key paths from ``model`` that ``serializer``'s fields follow, for select_related.

    Following them in the query that loads ``model`` saves a query per level.
    A serializer names the foreign keys its method fields read in ``follows``.
    """
    chains = [chain for chain in getattr(serializer, "follows", ()) if forward_target(model, chain)]
    for field in serializer.fields.values():
        chains.extend(field_chains(field, model))
    return chains


def field_chains(field, model):
    declared = getattr(field, "select_chains", None)
    if declared is not None:
        return declared(model)
    if isinstance(field, serializers.ListSerializer) or not isinstance(
        field, serializers.BaseSerializer
    ):
        return []
    if field.source == "*":
        return select_chains(field, model)
    return follow(model, field.source, field)


def follow(model, attribute, serializer=None):
    """``attribute`` and the chains ``serializer`` follows from its target, if it is a foreign key."""
    target = forward_target(model, attribute)
    if target is None:
        return []
    nested = select_chains(serializer, target) if serializer is not None else []
    return [attribute, *(f"{attribute}__{chain}" for chain in nested)]


def in_model_order(model):
    """``model``'s rows in the order its Meta gives, then by primary key, on every database.

    Rows an editor did not reorder share a sort order, and databases break
    such ties differently; an empty sort order (a row made outside the
    editor) comes first, as SQLite puts it, on PostgreSQL too.
    """
    ordering = []
    for name in model._meta.ordering:
        if isinstance(name, str):
            column = F(name.lstrip("-"))
            name = (
                column.desc(nulls_last=True)
                if name.startswith("-")
                else column.asc(nulls_first=True)
            )
        ordering.append(name)
    return model._default_manager.order_by(*ordering, "pk")


class ResponseLoader:
    def __init__(self, request):
        self.request = request
        self._translations = {}  # (model, translation_key, locale_id) -> translated instance
        self._asked = set()  # (model, translation_key, locale_id) already looked up
        self._wanted_translations = {}  # model -> (translation keys, locale ids, chains)
        self._walks = []  # [(pairs, serializer)] to walk once their translations are in
        self._wanted_pages = set()  # translation keys of pages the response links to
        self._wanted_parents = set()  # paths of parents the response names
        self._parents = {}  # path -> public page or None
        self._languages = defaultdict(list)  # translation_key -> specific pages, every locale
        self._every_version = {}  # translation_key -> [page, ...], annotated for translation states

    # Walking the fields

    def preload(self, holders, serializer):
        """Load what ``serializer`` (its own ``preload``, then its fields) will read from ``holders``."""
        self.walk(holders, serializer)
        self.settle()

    def walk(self, holders, serializer):
        holders = [holder for holder in holders if holder is not None]
        if not holders:
            return
        hook = getattr(serializer, "preload", None)
        if hook is not None:
            hook(holders, self)
        for field in serializer.fields.values():
            self.walk_field(holders, field)

    def walk_field(self, holders, field):
        if isinstance(field, serializers.ListSerializer):
            self.walk(self.related(holders, field.source, field.child), field.child)
        elif isinstance(field, serializers.BaseSerializer):
            children = holders if field.source == "*" else self.related(holders, field.source)
            self.walk(children, field)
        elif hasattr(field, "preload"):
            field.preload(holders, self)

    def related(self, holders, attribute, serializer=None, prefetch=()):
        """What ``attribute`` of each of ``holders`` leads to, loaded for all of them at once.

        ``attribute`` is a relation (forward, reverse or many-to-many) or any
        attribute; ``prefetch`` names the relations such an attribute reads.
        Rows of a reverse or many-to-many relation come in the model's order
        (``in_model_order``) with the foreign keys ``serializer`` follows from
        them. Holders whose rows were loaded before are not asked for again.
        """
        holders = [holder for holder in holders if holder is not None]
        if not holders:
            return []
        by_model = defaultdict(list)
        for holder in holders:
            by_model[type(holder)].append(holder)
        for model, of_model in by_model.items():
            lookups = [*prefetch, *self.lookups(model, attribute, serializer)]
            if lookups:
                prefetch_related_objects(of_model, *lookups)
        return [value for holder in holders for value in self.values_of(holder, attribute)]

    @staticmethod
    def lookups(model, attribute, serializer):
        """What ``prefetch_related_objects`` is given to load ``attribute`` of ``model``'s rows."""
        field = model_field(model, attribute)
        if field is None or not field.is_relation:
            return []
        if field.concrete and not field.many_to_many:
            return [attribute]
        target = field.related_model
        rows = in_model_order(target)
        if serializer is not None:
            rows = rows.select_related(*select_chains(serializer, target))
        return [Prefetch(attribute, queryset=rows)]

    @staticmethod
    def values_of(holder, attribute):
        """What ``attribute`` of ``holder`` holds, as a list (empty for None)."""
        value = getattr(holder, attribute, None)
        if value is None:
            return []
        return list(value.all()) if hasattr(value, "all") else [value]

    # Snippets in the holder's language

    def translate(self, pairs, serializer=None):
        """``[(instance, locale_id), ...]`` in those locales, looked up now.

        The translations come with the foreign keys ``serializer`` follows from
        them, together with every other translation asked for so far.
        """
        self.want_translations(pairs, serializer)
        self.fetch_translations()
        return [self.in_language(instance, locale_id) for instance, locale_id in pairs]

    def want_translations(self, pairs, serializer=None):
        """Ask for ``pairs``' translations, to be looked up together with the rest."""
        for instance, locale_id in pairs:
            if instance is None or instance.locale_id == locale_id:
                continue
            model = type(instance)
            if (model, instance.translation_key, locale_id) in self._asked:
                continue
            keys, locales, chains = self._wanted_translations.setdefault(
                model, (set(), set(), set())
            )
            keys.add(instance.translation_key)
            locales.add(locale_id)
            if serializer is not None:
                chains.update(select_chains(serializer, model))

    def fetch_translations(self):
        """Look up every translation asked for, one query per model."""
        wanted, self._wanted_translations = self._wanted_translations, {}
        for model, (keys, locales, chains) in wanted.items():
            translations = (
                model._default_manager.filter(translation_key__in=keys, locale_id__in=locales)
                .select_related(*sorted(chains))
                .order_by()
            )
            for translation in translations:
                key = (model, translation.translation_key, translation.locale_id)
                self._translations[key] = translation
            self._asked.update((model, key, locale) for key in keys for locale in locales)

    def in_language(self, instance, locale_id):
        """``instance`` in the locale ``locale_id`` if it has been translated, else itself."""
        if instance is None or instance.locale_id == locale_id:
            return instance
        key = (type(instance), instance.translation_key, locale_id)
        if key not in self._asked:
            self.translate([(instance, locale_id)])
        return self._translations.get(key) or instance

    def preload_in_language(self, pairs, serializer):
        """Load what ``serializer`` shows of ``pairs``' translations, once they are looked up.

        Translations wanted while a level is walked are looked up together when
        it is done, and the snippets of every field shown by the same kind of
        serializer are walked as one.
        """
        self.want_translations(pairs, serializer)
        self._walks.append((pairs, serializer))

    def settle(self):
        """Look up the translations asked for and walk what they show, until nothing is left."""
        while self._wanted_translations or self._walks:
            self.fetch_translations()
            walks, self._walks = self._walks, []
            groups = {}
            for pairs, serializer in walks:
                _serializer, instances = groups.setdefault(type(serializer), (serializer, {}))
                for instance, locale_id in pairs:
                    shown = self.in_language(instance, locale_id)
                    if shown is not None:
                        instances[id(shown)] = shown
            for serializer, instances in groups.values():
                self.walk(list(instances.values()), serializer)

    # Pages the response mentions

    def every_language(self, pages):
        """Every version of each of ``pages``, themselves included, in one query per page type."""
        missing = defaultdict(set)
        for page in pages:
            if page.translation_key not in self._languages:
                missing[type(page)].add(page.translation_key)
        for model, keys in missing.items():
            for version in model._default_manager.filter(translation_key__in=keys):
                self._languages[version.translation_key].append(version)
            for key in keys:
                self._languages.setdefault(key, [])
        # Each page stands in for its own version, so what is loaded onto the
        # versions is loaded onto the pages being shown.
        return [
            page if version.pk == page.pk else version
            for page in pages
            for version in self._languages[page.translation_key]
        ]

    def want_pages(self, pages):
        """Ask for the public versions of ``pages``, to be looked up together with the rest."""
        self._wanted_pages.update(page.translation_key for page in pages if page is not None)

    def want_parents(self, pages):
        self._wanted_parents.update(page.path[: -Page.steplen] for page in pages if page.depth > 1)

    def public_versions(self, page):
        """Every public version of ``page`` (itself and its translations)."""
        if page.translation_key not in self._every_version:
            self._load_pages(keys={page.translation_key})
        return [
            version for version in self._every_version[page.translation_key] if version.is_public
        ]

    def public_version(self, page, locale_id):
        """``page`` in the locale ``locale_id`` if that version is public, else ``page`` if public."""
        by_locale = {version.locale_id: version for version in self.public_versions(page)}
        return by_locale.get(locale_id) or by_locale.get(page.locale_id)

    def public_parent(self, page):
        path = page.path[: -Page.steplen]
        if path not in self._parents:
            self._load_pages(paths={path})
        return self._parents[path]

    def translation_states(self, page):
        """The states of ``page`` in each language it has a public version in."""
        from ..localization.status import states_of_versions

        self.public_versions(page)
        every_version = self._every_version[page.translation_key]
        return [state for state in states_of_versions(every_version, page) if state.page.is_public]

    def _load_pages(self, keys=(), paths=()):
        from ..localization.status import annotate_translation_progress

        keys = (set(keys) | self._wanted_pages) - set(self._every_version)
        paths = (set(paths) | self._wanted_parents) - set(self._parents)
        self._wanted_pages, self._wanted_parents = set(), set()
        if not (keys or paths):
            return
        visible = public_pages(self.request) if self.request is not None else Page.objects.live()
        pages = Page.objects.filter(translation_key__in=keys)
        if paths:
            pages = pages | Page.objects.filter(path__in=paths)
        pages = annotate_translation_progress(pages.select_related("locale"), visible)
        versions = defaultdict(list)
        for page in pages:
            if page.path in paths:
                self._parents[page.path] = page if page.is_public else None
            versions[page.translation_key].append(page)
        for path in paths:
            self._parents.setdefault(path, None)
        for key in keys:
            self._every_version[key] = sorted(
                versions.get(key, []), key=lambda page: page.locale_id
            )
