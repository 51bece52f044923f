"""The benchmark's own databases: one on the PostgreSQL at 127.0.0.1:5432, one SQLite file.

Each is made anew for every run, migrated and given its home page, then kept
empty as a template: each data size starts from a copy of it. Copying a
database takes a second; ``seed_benchmark --clear`` takes minutes to remove a
data set, and dropping one takes no time at all.

The PostgreSQL database's name may be chosen (``--database-name``), so that
two checkouts on one machine can run the benchmark at once: a run drops its
database first.
"""

import shutil
import sqlite3
import subprocess
from dataclasses import dataclass

import psycopg

from .paths import MANAGE, PROJECT_DIR, PYTHON, SCRATCH_DIR

POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE_NAME = "samverkan_bench"
POSTGRESQL = "postgresql"
SQLITE = "sqlite"
ENGINES = {POSTGRESQL: "PostgreSQL", SQLITE: "SQLite"}
# As docs/operations.md (PostgreSQL) recommends for SSD storage. PostgreSQL's
# default (4.0) prices an index lookup for a spinning disk, and plans a search
# that matches a few hundred rows as a scan of every page.
PLANNER_SETTINGS = {"random_page_cost": "1.1"}


@dataclass(frozen=True)
class Database:
    key: str  # POSTGRESQL or SQLITE
    name: str = DATABASE_NAME

    @property
    def engine(self):
        return ENGINES[self.key]

    @property
    def is_postgres(self):
        return self.key == POSTGRESQL

    @property
    def empty_name(self):
        return f"{self.name}_empty"

    @property
    def sqlite_file(self):
        return SCRATCH_DIR / f"{self.name}.sqlite3"

    @property
    def sqlite_empty_file(self):
        return SCRATCH_DIR / f"{self.empty_name}.sqlite3"

    @property
    def url(self):
        if self.is_postgres:
            return f"{POSTGRES_SERVER}/{self.name}"
        return f"sqlite:///{self.sqlite_file}"

    def recreate(self):
        """An empty database, no tables."""
        self.drop()
        if self.is_postgres:
            with admin_connection() as connection:
                connection.execute(f"CREATE DATABASE {self.name}")
                self.tune(connection)
        else:
            self.sqlite_file.parent.mkdir(parents=True, exist_ok=True)

    def keep_as_empty(self):
        """Keep the database as it is now as the template ``start_from_empty`` copies."""
        if self.is_postgres:
            with admin_connection() as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {self.empty_name}")
                connection.execute(f"CREATE DATABASE {self.empty_name} TEMPLATE {self.name}")
        else:
            shutil.copyfile(self.sqlite_file, self.sqlite_empty_file)

    def start_from_empty(self):
        """Replace the database with a copy of the one ``keep_as_empty`` kept."""
        if self.is_postgres:
            with admin_connection() as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
                connection.execute(f"CREATE DATABASE {self.name} TEMPLATE {self.empty_name}")
                self.tune(connection)  # a copy does not inherit its template's settings
        else:
            shutil.copyfile(self.sqlite_empty_file, self.sqlite_file)

    def drop(self, keep_data=False):
        """Remove the template, and the database itself unless ``keep_data``."""
        if self.is_postgres:
            with admin_connection() as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {self.empty_name} WITH (FORCE)")
                if not keep_data:
                    connection.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
        else:
            self.sqlite_empty_file.unlink(missing_ok=True)
            if not keep_data:
                self.sqlite_file.unlink(missing_ok=True)

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
            with sqlite3.connect(self.sqlite_file) as connection:
                connection.execute("ANALYZE")

    def version(self):
        if self.is_postgres:
            with admin_connection() as connection:
                return "PostgreSQL " + connection.execute("SHOW server_version").fetchone()[0]
        return f"SQLite {sqlite3.sqlite_version}"

    def tune(self, connection):
        for setting, value in PLANNER_SETTINGS.items():
            connection.execute(f"ALTER DATABASE {self.name} SET {setting} = {value}")


def admin_connection():
    return psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=3)


def postgres_answers():
    try:
        with admin_connection():
            return True
    except psycopg.OperationalError:
        return False


def choose_databases(keys, name=DATABASE_NAME):
    """The databases of ``keys`` that can run here, and a note on each that cannot.

    SQLite always can; PostgreSQL when it answers at 127.0.0.1:5432.
    """
    chosen, missing = [], {}
    for key in keys:
        if key == POSTGRESQL and not postgres_answers():
            missing[ENGINES[key]] = f"no PostgreSQL answers at {POSTGRES_SERVER}"
            continue
        chosen.append(Database(key, name))
    return chosen, missing


def database_keys(names):
    """The database keys in ``names`` (comma-separated); ValueError for an unknown one."""
    wanted = [name.strip().lower() for name in names.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in ENGINES]
    if unknown or not wanted:
        raise ValueError(f"choose databases from {', '.join(ENGINES)}, not {names!r}")
    return list(dict.fromkeys(wanted))


def manage(environment, *arguments):
    """Run a management command against the benchmark's settings; raises when it fails."""
    subprocess.run([PYTHON, MANAGE, *arguments], cwd=PROJECT_DIR, env=environment, check=True)
