"""The site in processes of its own: a database file they share, servers, commands and HTTP.

For tests of what one process sees of a change another made: each process
reads its settings afresh from the environment it is given, as ``make run``'s
and production's processes do.
"""

import http.client
import json
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from dataclasses import dataclass

from django.db import connection

from .run_files import made_once
from .utils import PROJECT_DIR

STARTUP_SECONDS = 60

# Content for a fresh database: the tree conftest.py describes and one published conference.
BUILD_CONTENT = (
    "import json; from tests.utils import build_site_tree, make_conference; "
    "tree = build_site_tree(); "
    "page = make_conference(tree['conference_index'], title='Biblioteksdagarna'); "
    "print(json.dumps({'conference': page.pk}))"
)


def copy_test_database(path, environment, tmp_path_factory):
    """A migrated database at ``path`` (SQLite): a copy of the test database, else of a file
    migrated once for the whole run (``run_files.py``).

    The caller has database access (``django_db_blocker.unblock()``). The
    test database on SQLite lives in this process's memory; on another
    database ``manage.py migrate`` makes the file, under ``environment``.
    """
    if connection.vendor == "sqlite":
        copy_database(connection.settings_dict["NAME"], path)
        return

    def migrate(made):
        manage({**environment, "DATABASE_URL": f"sqlite:///{made}"}, "migrate", "--no-input")

    copy_database(made_once(tmp_path_factory, "migrated.sqlite3", migrate), path)


def copy_database(source, path):
    """The SQLite database ``source`` (a file, or the URI of one in memory) copied to ``path``.

    Through SQLite's backup, which reads what a write-ahead log still holds;
    the copy is in WAL mode, so that processes read it while another writes.
    """
    with closing(sqlite3.connect(str(source), uri=True)) as original:
        with closing(sqlite3.connect(path)) as copy:
            original.backup(copy)
            copy.execute("PRAGMA journal_mode=WAL")


def manage(environment, *arguments, check=True):
    """``manage.py`` with ``arguments`` in a process of its own under ``environment``."""
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def shell(environment, script):
    """What ``script``, run by ``manage.py shell``, prints as JSON on its last line (or None)."""
    lines = manage(environment, "shell", "-c", script).stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn(port):
    """Production's command line (docs/operations.md, "Processes"), one worker on ``port``."""
    return [
        *(sys.executable, "-m", "gunicorn", "-c", "site/gunicorn.conf.py"),
        *("--pythonpath", "site", "samverkan.wsgi"),
        *("--bind", f"127.0.0.1:{port}", "--workers", "1"),
    ]


def runserver(port):
    """``make run``'s server, without the reloader's second process."""
    return [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]


@contextmanager
def server(command, port, environment, log):
    """A server started with ``command``, answering on ``port`` until the block ends.

    Its output goes to the file ``log``; a server that stops before it answers
    fails the test with that output.
    """
    with open(log, "wb") as output:
        process = subprocess.Popen(
            command, cwd=PROJECT_DIR, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not answers(port):
            assert process.poll() is None, f"the server stopped:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"the server did not answer:\n{log.read_text()}"
            time.sleep(0.1)  # a real server starting: asked again until STARTUP_SECONDS pass
        yield Client(port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def refusal(command, environment):
    """The exit status and output of a server expected to refuse to start."""
    result = subprocess.run(
        command,
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=STARTUP_SECONDS,
    )
    return result.returncode, result.stdout + result.stderr


def answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


@dataclass(frozen=True)
class Answer:
    status: int
    headers: http.client.HTTPMessage  # names in any case; get_all() for repeated ones
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass(frozen=True)
class Client:
    """Plain HTTP/1.1 to one server: every status is an answer, redirects are not followed."""

    port: int
    headers: tuple = ()

    def request(self, method, path, headers=None, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(
                method, path, body=body, headers={**dict(self.headers), **(headers or {})}
            )
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            connection.close()

    def get(self, path, **headers):
        return self.request(
            "GET", path, {name.replace("_", "-"): value for name, value in headers.items()}
        )
