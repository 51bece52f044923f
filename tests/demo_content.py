"""The demo content for the test modules that start from it: loaded once a run, laid down per module.

``load_demo_content()`` takes seconds: it builds some sixty pages through
revisions and translates them with wagtail-localize. The modules that start
from the demo (the feeds', the OpenAPI document's, the links', JSON-LD's and
the backup's round trip) each need it inside a transaction rolled back when
the module ends. The first test process of a run that needs it loads it, in a
transaction it rolls back, and keeps the rows the load left, every table's,
in a file that the run's other processes read (``run_files.py``). A module
lays them down again in its own transaction (``DemoContent.lay_down()``),
which leaves the database as the load left it:

- on SQLite, the same rows, the full-text index's by their rowid, and the
  same AUTOINCREMENT counters (``sqlite_sequence`` is one of the tables);
- on PostgreSQL, the same rows, copied with ``COPY``, and every sequence
  moved on to the largest key laid down, so that the next row gets a new one.

The rows are laid down only into a database as ``migrate`` made it, which is
what the suite keeps between modules: the content types are compared first,
since every process keeps them in memory by their keys. The demo stores no
files.

The browser tests keep one seed of the demo the same way (``browser/conftest.py``)
and lay it down committed, as their live server reads only what is committed.
The tests of the loader itself (``tests/demo/``) call ``load_demo_content()``
directly.
"""

import copy
import pickle

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from content_types.demo.loader import load_demo_content as load

from .run_files import made_once


class DemoContent:
    """The rows ``load_demo_content()`` leaves, and the report it returns."""

    def __init__(self, report, rows, content_types):
        self.report = report
        self.rows = rows
        self.content_types = content_types

    @classmethod
    def for_this_run(cls, tmp_path_factory, name="demo-content", build=load):
        """Loaded by the first process of the run that asks; read from its file by the others.

        ``build`` makes the content (``load_demo_content`` by default) and
        returns what ``lay_down()`` is to return; ``name`` names its file.
        """

        def load_and_keep(path):
            with transaction.atomic():
                report = build()
                rows = read_tables()
                transaction.set_rollback(True)
            path.write_bytes(pickle.dumps((report, rows, content_types())))

        path = made_once(tmp_path_factory, f"{name}.pickle", load_and_keep)
        return cls(*pickle.loads(path.read_bytes()))

    def lay_down(self):
        """The demo content in the database, inside a transaction; returns the loader's report."""
        assert connection.in_atomic_block, "the demo content is laid down inside a transaction"
        assert content_types() == self.content_types, (
            "the demo content's rows come from a database migrated otherwise than this one"
        )
        write_tables(self.rows)
        return copy.deepcopy(self.report)


def content_types():
    return list(ContentType.objects.order_by("pk").values_list("pk", "app_label", "model"))


def tables():
    """Every table whose rows a statement may write, and whether it is SQLite's full-text index
    (whose rows are told apart by their rowid). Not the shadow tables of a full-text index,
    which SQLite keeps from the rows written to the index itself."""
    if connection.vendor == "postgresql":
        return [(name, False) for name in connection.introspection.table_names()]
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
            if connection.vendor == "postgresql":
                # COPY's text format keeps every type as PostgreSQL writes it (JSON, arrays, tsvector).
                with cursor.copy(f'COPY "{table}" TO STDOUT') as rows_out:
                    rows[table] = b"".join(bytes(block) for block in rows_out)
                continue
            cursor.execute(f'SELECT {"rowid, " if virtual else ""}* FROM "{table}"')
            columns = [column[0] for column in cursor.description]
            rows[table] = (columns, cursor.fetchall())
    return rows


def write_tables(rows):
    # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED on SQLite and PostgreSQL:
    # checked at commit, so the order of the tables does not matter.
    with connection.cursor() as cursor:
        for table, values in rows.items():
            cursor.execute(f'DELETE FROM "{table}"')
            if connection.vendor == "postgresql":
                with cursor.copy(f'COPY "{table}" FROM STDIN') as rows_in:
                    rows_in.write(values)
                continue
            columns, values = values
            if values:
                names = ", ".join(f'"{column}"' for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', values)
        if connection.vendor == "postgresql":
            move_sequences_on(cursor)


def move_sequences_on(cursor):
    """Every sequence moved on past the largest key laid down, and never back.

    A sequence's ``setval`` is not undone when the module's transaction rolls
    back, and rows committed outside it (the migrations', a transactional
    test's) stay: a sequence set back to the demo's largest key would hand out
    their keys again.
    """
    for sequence in connection.introspection.sequence_list():
        table = connection.ops.quote_name(sequence["table"])
        column = sequence["column"] or "id"
        serial = f"pg_get_serial_sequence('{table}', '{column}')"
        cursor.execute(
            f"SELECT setval({serial}, GREATEST("
            f"(SELECT COALESCE(MAX({connection.ops.quote_name(column)}), 1) FROM {table}), "
            f"nextval({serial})))"
        )
