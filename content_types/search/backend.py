"""The search backend ``WAGTAILSEARCH_BACKENDS`` names: ``content_types.search.backend``.

Chosen by the database, as Wagtail's ``wagtail.search.backends.database`` is:
on PostgreSQL the backend that reads each language with its own text-search
configuration; elsewhere (SQLite in development) Wagtail's database backend
for that database, which knows no languages.
"""

from django.db import connection
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend


def SearchBackend(params):
    if connection.vendor == "postgresql":
        # Imported here: it needs psycopg, which a SQLite installation may lack.
        from .postgres import LocalizedPostgresSearchBackend

        return LocalizedPostgresSearchBackend(params)
    return DatabaseSearchBackend(params)
