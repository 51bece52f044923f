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
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from .languages import TextSearchConfigs


class LocalizedPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        groups = self.backend.configs.group_by_config(objs)
        if not groups:
            return
        for config, group in groups.items():
            SingleConfigIndex(self.backend.indexing_with(config)).add_items(model, group)
        self._refresh_title_norms()


class SingleConfigIndex(PostgresIndex):
    """Writes the rows of one configuration's objects.

    The title norms are brought up to date once, by the index that wrote every
    group: each refresh reads the whole table.
    """

    def _refresh_title_norms(self, full=False):
        pass


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

    def indexing_with(self, config):
        """This backend, writing index rows with ``config``."""
        backend = copy.copy(self)
        backend.config = config
        return backend
