"""End-to-end tests in Debian's Chromium against a live server (``pytest -m browser``).

Every test gets:

- the site on a live Django server at 127.0.0.1 (``servers.api``), on the test
  database; the tests are transactional, so the server sees what they create,
  and each starts again from the migrated database (``serialized_rollback``);
- the example site (``examples/external-site/``) served by a thread on another
  port, an origin the API allows through ``CORS_ALLOWED_ORIGINS``;
- ``new_page()``: a page in a fresh browser context (its own cookies) in
  Chromium, with a reader's time zone far from the events';
- ``screenshots``: ``screenshots.take(page, "step")`` writes
  ``tests/browser/output/<test>/NN-step.png``; a failing test also gets a
  screenshot of each of its pages as they were when it failed.

Without ``/usr/bin/chromium`` the tests are skipped and the run says why. No
browser is ever downloaded: Playwright drives the system's Chromium.
"""

import functools
import os
import re
import shutil
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import WSGIServer
from django.db import connections, transaction
from django.test.testcases import LiveServerThread
from wagtail.models import Locale

from content_types.conferences.models import ConferencePage
from content_types.demo import examples

from .. import utils
from ..demo_content import DemoContent
from . import content

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SKIP_REASON = f"browser tests skipped: {CHROMIUM} not found (apt-get install chromium)"
OUTPUT = Path(__file__).resolve().parent / "output"
EXAMPLE_SITE = Path(__file__).resolve().parents[2] / "examples" / "external-site"
# Readers far from the events: a time shown in the browser's zone instead of
# the event's would be hours off.
READER_TIME_ZONE = "America/Sao_Paulo"
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 15_000
ALLOW_ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


def pytest_terminal_summary(terminalreporter):
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if SKIP_REASON in str(report.longrepr)
    ]
    if skipped:
        terminalreporter.write_line(f"{len(skipped)} {SKIP_REASON}", yellow=True, bold=True)


def require_chromium():
    if not CHROMIUM.exists():
        pytest.skip(SKIP_REASON)


@pytest.fixture
def chromium():
    """Chromium, started for one test.

    Playwright's synchronous API keeps an event loop running in this thread
    while it is started, and Django's ORM refuses to run beside one unless it
    is told that this is safe. It is: the test's code and the browser take
    turns, never run at once. So it is allowed for the length of the test only.
    While that loop runs, Django would also give the test other database
    connections than the thread's own (asgiref's ``Local`` follows the loop),
    so the thread's are handed over: the test keeps working on the database
    the fixtures used, and nothing is left open for PostgreSQL's teardown.
    """
    require_chromium()
    from playwright.sync_api import sync_playwright

    previous = os.environ.get(ALLOW_ASYNC_UNSAFE)
    os.environ[ALLOW_ASYNC_UNSAFE] = "true"
    thread_connections = {alias: connections[alias] for alias in connections}
    try:
        with sync_playwright() as playwright:
            for alias, connection in thread_connections.items():
                connections[alias] = connection
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ[ALLOW_ASYNC_UNSAFE]
        else:
            os.environ[ALLOW_ASYNC_UNSAFE] = previous


class OneRequestAtATimeServer(WSGIServer):
    """Django's WSGI server, answering in the server's thread: one request at a time.

    An in-memory SQLite test database is a single connection, shared with the
    server's thread; the admin's background requests (autosave, editing-session
    pings) must not use it at the same time as the request being answered.
    The server's thread already uses the connections it is given.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


class OneRequestAtATime(LiveServerThread):
    server_class = OneRequestAtATimeServer


@pytest.fixture(scope="session")
def api_server(django_db_setup):
    """The Django site on a live server at 127.0.0.1, serving its static files too."""
    require_chromium()
    shared = {
        connection.alias: connection
        for connection in connections.all()
        if connection.vendor == "sqlite" and connection.is_in_memory_db()
    }
    thread_class = OneRequestAtATime if shared else LiveServerThread
    thread = thread_class("127.0.0.1", StaticFilesHandler, connections_override=shared)
    thread.daemon = True
    for connection in shared.values():
        connection.inc_thread_sharing()
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        thread.terminate()
        for connection in shared.values():
            connection.dec_thread_sharing()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def example_site_server():
    """``examples/external-site/`` as ``make example`` serves it, on a free port."""
    handler = functools.partial(QuietHandler, directory=str(EXAMPLE_SITE))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@dataclass(frozen=True)
class Servers:
    api: str
    example_site: str

    def example(self, api=None, **query):
        """The example site's address reading the API at ``api`` (the live server by default)."""
        return f"{self.example_site}/?{urlencode({'api': api or self.api, **query})}"


@pytest.fixture
def servers(chromium, api_server, example_site_server, settings):
    settings.CORS_ALLOWED_ORIGINS = [example_site_server]
    settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = api_server
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None  # nothing is fetched from the internet
    # People pause before they press "Submit"; the tests do not. Wagtail's
    # autosave would race the press and create a new page a second time.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    return Servers(api=api_server, example_site=example_site_server)


class Screenshots:
    """Numbered screenshots of one test's steps, in its own folder."""

    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    def take(self, page, step):
        self.count += 1
        path = self.folder / f"{self.count:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


def output_folder(item):
    name = item.nodeid.split("::", 1)[-1]
    return OUTPUT / re.sub(r"[^\w.-]+", "_", name).strip("_")


@pytest.fixture
def screenshots(request):
    return Screenshots(output_folder(request.node))


@pytest.fixture
def new_page(chromium, screenshots, request):
    """Opens a page in a fresh browser context: one per person, so each has their own login."""
    contexts = []

    def new_page():
        context = chromium.new_context(
            viewport=VIEWPORT, timezone_id=READER_TIME_ZONE, locale="en-US"
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield new_page
    try:
        if getattr(request.node, "browser_test_failed", False):
            for context in contexts:
                for page in context.pages:
                    screenshots.take(page, "failure")
    finally:
        for context in contexts:
            context.close()


# What the scenarios start from (content.py)


@pytest.fixture
def tree():
    """The site's page tree in Swedish and Norwegian (tests/utils.py)."""
    return utils.build_site_tree()


def tvinning_and_examples():
    """The demo's Tvinning conference (2009) translated into Norwegian, and the two
    example conferences of the coming months that ``make run`` loads; returns the
    Tvinning conference's key."""
    tvinning = content.tvinning_demo_content()
    examples.load_example_conferences()
    return tvinning.pk


@pytest.fixture(scope="session")
def tvinning_rows(django_db_setup, django_db_blocker, tmp_path_factory):
    """``tvinning_and_examples()``, built once for the run and kept as rows
    (``tests/demo_content.py``): building it through wagtail-localize takes seconds."""
    with django_db_blocker.unblock():
        return DemoContent.for_this_run(tmp_path_factory, "tvinning", tvinning_and_examples)


@pytest.fixture
def tvinning(servers, tvinning_rows):
    """The Tvinning conference in Swedish and Norwegian, committed for the live server,
    beside the example conferences (``example_conferences``).

    Laid down first, into the database as ``migrate`` left it: the rows replace
    every table's.
    """
    with transaction.atomic():
        pk = tvinning_rows.lay_down()
    swedish = ConferencePage.objects.get(pk=pk)
    return swedish, swedish.get_translation(Locale.objects.get(language_code="nb"))


@pytest.fixture
def example_conferences(tvinning):
    """The two example conferences (content_types/demo/examples.py) in Swedish, soonest
    first: the conference day in Stockholm and the network meeting in Oslo."""
    index = tvinning[0].get_parent()
    found = ConferencePage.objects.child_of(index).filter(slug__in=examples.SLUGS)
    return tuple(found.order_by("start"))


@pytest.fixture
def team(tree):
    return content.editorial_team()


@pytest.fixture
def people_and_places(tree):
    return content.directory()
