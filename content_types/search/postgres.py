"""Wagtail's PostgreSQL search backend, with a text-search configuration per language.

Wagtail's backend reads every text with one configuration (``SEARCH_CONFIG``).
Here the index rows of an object are written with the configuration of its
locale's language, and a query is read with the configurations of the
languages it asks for (``QUERY_LANGUAGES``, as ``get_search_backend`` passes
it on), or with every configuration when it names none: a Swedish page stemmed
by Swedish rules is only matched by a query stemmed the same way.

The rows keep Wagtail's table and columns, so no migration is involved; rows
written before a change of ``SEARCH_CONFIGS`` are rewritten by ``update_index``.
"""

import copy
import operator
from functools import reduce

from wagtail.search.backends.database.postgres.postgres import (
    ObjectIndexer,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.search.models import IndexEntry
from wagtail.search.utils import get_content_type_pk

from . import title_norms
from .languages import TextSearchConfigs


class LocalizedPostgresIndex(PostgresIndex):
    """Wagtail's index rows, each object's written with the configuration of its language.

    Wagtail's own ``add_items`` ends by bringing the new rows' title norms (the
    table's average title length over the row's own, which weighs a match in a
    short title up) up to date: it reads the average over the whole table, then
    scans the table for new rows, on every save of every page. On a site of
    200,000 pages that is about a quarter of a second of the database's time
    per publication. Here the rows are written, and their norms set, by their
    keys; the average is kept in the cache for ``TITLE_LENGTH_AVERAGE_SECONDS``
    (``title_norms.py``). ``update_index`` still sets every norm exactly once
    it has written every row, as Wagtail's rebuild does.
    """

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        content_type_id = get_content_type_pk(model)
        rows = [
            index_row(content_type_id, ObjectIndexer(obj, self.backend.indexing_with(config)))
            for config, group in self.backend.configs.group_by_config(objs).items()
            for obj in group
        ]
        if not rows:
            return
        written = self.entries.using(self.write_connection.alias)
        written.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=("content_type", "object_id"),
            update_fields=REWRITTEN_FIELDS,
        )
        title_norms.set_norms(
            written.filter(
                content_type_id=content_type_id,
                object_id__in=[row.object_id for row in rows],
            ),
            self.backend.title_length_average_seconds,
        )


#: What a row written again replaces: everything but its key.
REWRITTEN_FIELDS = ("title", "autocomplete", "body", "title_norm", "title_text", "body_text")


def index_row(content_type_id, indexer):
    """The index row of ``indexer``'s object, as Wagtail's backend writes it."""
    return IndexEntry(
        content_type_id=content_type_id,
        object_id=indexer.id,
        title=indexer.title,
        autocomplete=indexer.autocomplete,
        body=indexer.body,
        title_norm=1.0,
        title_text=indexer.title_text,
        body_text=indexer.body_text,
    )


class LocalizedSearchQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return backend.query_configs

    def build_tsquery(self, query, config=None):
        """The query read with each configuration in ``config``, any of them matching."""
        if not isinstance(config, tuple):
            return super().build_tsquery(query, config=config)
        read = super().build_tsquery
        readings = [read(query, config=each) for each in config]
        readings = [reading for reading in readings if reading is not None]
        return reduce(operator.or_, readings) if readings else None


class LocalizedPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LocalizedSearchQueryCompiler
    index_class = LocalizedPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        self.configs = TextSearchConfigs(params.get("SEARCH_CONFIGS", {}), default=self.config)
        self.query_configs = self.configs.for_languages(params.get("QUERY_LANGUAGES"))
        self.title_length_average_seconds = params.get(
            "TITLE_LENGTH_AVERAGE_SECONDS", title_norms.AVERAGE_SECONDS
        )

    def indexing_with(self, config):
        """This backend, writing index rows with ``config``."""
        backend = copy.copy(self)
        backend.config = config
        return backend
