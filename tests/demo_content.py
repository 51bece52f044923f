"""The demo content for the test modules that read it, loaded once per test process.

``load_demo_content()`` takes seconds: it builds some sixty pages through
revisions and translates them with wagtail-localize. The modules that start
from the demo (the feeds', the OpenAPI document's, the links', JSON-LD's and
the backup's round trip) each load it inside a transaction rolled back when
the module ends. On SQLite the first load in a process is kept as the rows it left, every
table's; a later module lays them down again in its own transaction instead,
which leaves the database as the load left it (the same rows, the same
AUTOINCREMENT counters, the same full-text index). The demo stores no files.
On PostgreSQL each module loads it anew.

The tests of the loader itself (``tests/demo/``) call ``load_demo_content()``
directly.
"""

import copy

from django.db import connection

from content_types.demo.loader import load_demo_content as load

_kept = {}


def load_demo_content():
    """What ``load_demo_content()`` returns, with its rows in the database; inside a transaction."""
    assert connection.in_atomic_block, "the demo content is loaded inside a transaction"
    if connection.vendor != "sqlite":
        return load()
    if "rows" not in _kept:
        report = load()
        _kept.update(rows=read_tables(), report=report)
    else:
        write_tables(_kept["rows"])
    return copy.deepcopy(_kept["report"])


def tables():
    """Every table whose rows a statement may write, and whether it is a full-text index
    (whose rows are told apart by their rowid). Not the shadow tables of a full-text index,
    which SQLite keeps from the rows written to the index itself."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        found = cursor.fetchall()
    virtual = {name for name, sql in found if sql and sql.upper().startswith("CREATE VIRTUAL")}
    shadows = {
        f"{name}_{suffix}"
        for name in virtual
        for suffix in ("data", "idx", "content", "docsize", "config")
    }
    return [(name, name in virtual) for name, _sql in found if name not in shadows]


def read_tables():
    rows = {}
    with connection.cursor() as cursor:
        for table, virtual in tables():
            cursor.execute(f'SELECT {"rowid, " if virtual else ""}* FROM "{table}"')
            columns = [column[0] for column in cursor.description]
            rows[table] = (columns, cursor.fetchall())
    return rows


def write_tables(rows):
    # Django's SQLite foreign keys are DEFERRABLE INITIALLY DEFERRED: checked at
    # commit, so the order of the tables does not matter.
    with connection.cursor() as cursor:
        for table, (columns, values) in rows.items():
            cursor.execute(f'DELETE FROM "{table}"')
            if values:
                names = ", ".join(f'"{column}"' for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', values)
