"""The benchmark's own database: PostgreSQL when one answers locally, else a SQLite file.

Made anew for every run, migrated and given its home page, then kept empty as
a template: each data size starts from a copy of it. Copying a database takes
a second; ``seed_benchmark --clear`` takes minutes to remove a data set, and
dropping one takes no time at all.
"""

import shutil
import sqlite3
import subprocess
from dataclasses import dataclass

import psycopg

from .paths import MANAGE, PROJECT_DIR, PYTHON, SCRATCH_DIR

POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE_NAME = "samverkan_bench"
EMPTY_NAME = f"{DATABASE_NAME}_empty"
SQLITE_FILE = SCRATCH_DIR / f"{DATABASE_NAME}.sqlite3"
SQLITE_EMPTY_FILE = SCRATCH_DIR / f"{EMPTY_NAME}.sqlite3"
# As docs/operations.md (PostgreSQL) recommends for SSD storage. PostgreSQL's
# default (4.0) prices an index lookup for a spinning disk, and plans a search
# that matches a few hundred rows as a scan of every page.
PLANNER_SETTINGS = {"random_page_cost": "1.1"}


@dataclass(frozen=True)
class Database:
    url: str
    engine: str  # "PostgreSQL" or "SQLite"

    @property
    def is_postgres(self):
        return self.engine == "PostgreSQL"

    def recreate(self):
        """An empty database, no tables."""
        self.drop()
        if self.is_postgres:
            with admin_connection() as connection:
                connection.execute(f"CREATE DATABASE {DATABASE_NAME}")
                tune(connection)
        else:
            SQLITE_FILE.parent.mkdir(parents=True, exist_ok=True)

    def keep_as_empty(self):
        """Keep the database as it is now as the template ``start_from_empty`` copies."""
        if self.is_postgres:
            with admin_connection() as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {EMPTY_NAME}")
                connection.execute(f"CREATE DATABASE {EMPTY_NAME} TEMPLATE {DATABASE_NAME}")
        else:
            shutil.copyfile(SQLITE_FILE, SQLITE_EMPTY_FILE)

    def start_from_empty(self):
        """Replace the database with a copy of the one ``keep_as_empty`` kept."""
        if self.is_postgres:
            with admin_connection() as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {DATABASE_NAME} WITH (FORCE)")
                connection.execute(f"CREATE DATABASE {DATABASE_NAME} TEMPLATE {EMPTY_NAME}")
                tune(connection)  # a copy does not inherit its template's settings
        else:
            shutil.copyfile(SQLITE_EMPTY_FILE, SQLITE_FILE)

    def drop(self, keep_data=False):
        """Remove the template, and the database itself unless ``keep_data``."""
        if self.is_postgres:
            with admin_connection() as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {EMPTY_NAME} WITH (FORCE)")
                if not keep_data:
                    connection.execute(f"DROP DATABASE IF EXISTS {DATABASE_NAME} WITH (FORCE)")
        else:
            SQLITE_EMPTY_FILE.unlink(missing_ok=True)
            if not keep_data:
                SQLITE_FILE.unlink(missing_ok=True)

    def analyze(self):
        """Fresh planner statistics and visibility maps, as autovacuum keeps them in use.

        Right after a bulk insert PostgreSQL still plans for the empty tables of
        the migration, which would make every query look slower than it is; and
        autovacuum would visit the new rows in the middle of the measurements.
        """
        if self.is_postgres:
            with psycopg.connect(self.url, autocommit=True) as connection:
                connection.execute("VACUUM (ANALYZE)")
        else:
            with sqlite3.connect(SQLITE_FILE) as connection:
                connection.execute("ANALYZE")

    def version(self):
        if self.is_postgres:
            with admin_connection() as connection:
                return "PostgreSQL " + connection.execute("SHOW server_version").fetchone()[0]
        return f"SQLite {sqlite3.sqlite_version}"


def tune(connection):
    for name, value in PLANNER_SETTINGS.items():
        connection.execute(f"ALTER DATABASE {DATABASE_NAME} SET {name} = {value}")


def admin_connection():
    return psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=3)


def postgres_answers():
    try:
        with admin_connection():
            return True
    except psycopg.OperationalError:
        return False


def choose_database(sqlite=False):
    """PostgreSQL when it answers at 127.0.0.1:5432, unless ``sqlite`` asks for SQLite."""
    if not sqlite and postgres_answers():
        return Database(f"{POSTGRES_SERVER}/{DATABASE_NAME}", "PostgreSQL")
    return Database(f"sqlite:///{SQLITE_FILE}", "SQLite")


def manage(environment, *arguments):
    """Run a management command against the benchmark's settings; raises when it fails."""
    subprocess.run([PYTHON, MANAGE, *arguments], cwd=PROJECT_DIR, env=environment, check=True)
