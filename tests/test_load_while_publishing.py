"""Readers keep reading the API while editors publish, unpublish and translate.

A real HTTP server (pytest-django's live server: a thread per request) answers
reader threads that poll, with urllib and as fast as they can, the conference
and programme listings in both languages, the upcoming-conferences calendar
feed, and each page's detail and calendar feed in turn, drafts' included. The
test's main thread meanwhile works as the editors do, through Wagtail's own
API: it creates conferences and programme items as drafts, publishes them,
edits and republishes titles, leaves a draft over a published page,
unpublishes a conference and translates one into Norwegian through
wagtail-localize. Every change is committed (``transactional_db``) and the
API's response cache is on, in Redis database 9 when a server answers there,
else in local memory, so what readers get depends on invalidation working.

Every title carries its page and version (``Konferens 1-v3``), a draft's
``UTKAST``; each reader answer is reduced to the versions it shows. Over all of
them: no 5xx and no failed request; no draft; no version before its
publication committed; nothing older than a version committed more than a
second before the request began, no published page missing from its listings
after that second, and nothing of an unpublished page; every publication and
unpublication shown to a request asked within a second of its commit (the
editor polls the page's detail after each change, as a client told of it
would); and as many revisions per page as saves.

On SQLite the module runs on a file: see ``django_db_setup`` below.
"""

import re
import sqlite3
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pprint import pformat
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.db import connection, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.urls import reverse
from django.utils import timezone
from pytest_django.live_server_helper import LiveServer
from wagtail.models import Locale, Page

from content_types import content_state
from content_types.models import ConferencePage, ProgrammeItemPage

from .localization.helpers import begin_translation, publish_translation, translate_all
from .utils import build_site_tree, make_venue, pages_url, redis_answers

pytestmark = pytest.mark.load

READERS = 4
WITHIN = 1.0  # seconds from a commit until every reader must see it
REDIS_URL = "redis://127.0.0.1:6379/9"
# "Konferens 2-v3", "NB: Konferens 1-v6", "Punkt 1-v2": (language, kind, number), version.
VERSION = re.compile(r"(NB: )?(Konferens|Punkt) (\d+)-v(\d+)")
DRAFT = "UTKAST"


@pytest.fixture(scope="module")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """On SQLite, this module's database is a file: a copy of the migrated test database.

    The test database lives in memory, which the live server's request threads
    cannot safely share. Either they are handed the test's own connection
    (pytest-django does so when the server starts after the database is set
    up) and query on the writer's connection, inside its open transactions,
    statements of several threads interleaved on it; or they open connections
    of their own to the shared in-memory database, whose locks are per table
    and not waited for: in a trial with pytest-django's ``live_server``, four
    readers got 218 of 228 answers as 500 ("database table is locked") and the
    editor's save failed the same way. With a file in WAL mode every request
    thread has its own connection, reads only what is committed and never waits
    for the writer, as in production. PostgreSQL needs none of this.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with django_db_blocker.unblock():
        in_memory = connection.settings_dict["NAME"]
        # An in-memory database lives as long as a connection to it is open.
        keeper = sqlite3.connect(in_memory, uri=True)
        path = tmp_path_factory.mktemp("load") / "test.sqlite3"
        copy = sqlite3.connect(path)
        keeper.backup(copy)
        copy.execute("PRAGMA journal_mode=WAL")
        copy.close()
        use_database(str(path))
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            use_database(in_memory)
            connection.ensure_connection()
        keeper.close()


def use_database(name):
    """Point the default connection, and those request threads open, at SQLite file ``name``."""
    # Django's SQLite backend ignores close() on an in-memory database, which
    # would vanish; the keeper above holds it open.
    BaseDatabaseWrapper.close(connection)
    for database in (
        connection.settings_dict,
        connections.settings["default"],
        django_settings.DATABASES["default"],
    ):
        database["NAME"] = name


@pytest.fixture(scope="module")
def server(django_db_setup):
    """A live server of this module's own, started once the database above is in place."""
    server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def response_cache(settings):
    """The API's response cache, switched on; returns where it keeps the answers."""
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "CACHE_ENABLED": True}
    if not redis_answers():
        yield "local memory"
        return
    settings.CACHES = {
        **settings.CACHES,
        "api": {"BACKEND": "samverkan.cache.RedisCache", "LOCATION": REDIS_URL},
    }
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "CACHE_ALIAS": "api"}
    caches["api"].clear()  # database 9 is this test's own: emptied before and after
    yield f"Redis ({REDIS_URL})"
    caches["api"].clear()


# Readers


@dataclass(frozen=True)
class Reading:
    url: str
    started: float
    ended: float
    status: int | None  # None: the request failed
    versions: frozenset  # ((language, kind, number), version) pairs the answer shows
    draft: bool
    error: str = ""

    def version_of(self, key):
        return max((version for shown, version in self.versions if shown == key), default=None)


def versions_in(text):
    return frozenset(
        (("nb" if nb else "sv", kind, int(number)), int(version))
        for nb, kind, number, version in VERSION.findall(text)
    )


class Readers:
    """Reader threads polling the API; ``readings`` is everything they got, in order."""

    def __init__(self, base_url, count=READERS):
        self.base_url = base_url
        self.readings = []
        self.stop = threading.Event()
        self.pages = []  # ids read in detail, drafts included; the editor adds to it
        self.listings = {
            pages_url(type="content_types.ConferencePage", locale="sv", limit=100): (
                "sv",
                "Konferens",
            ),
            pages_url(type="content_types.ConferencePage", locale="nb", limit=100): (
                "nb",
                "Konferens",
            ),
            pages_url(type="content_types.ProgrammeItemPage", locale="sv", limit=100): (
                "sv",
                "Punkt",
            ),
            reverse("samverkan_calendar:upcoming_conferences"): (None, "Konferens"),
        }
        self.threads = [
            threading.Thread(target=self.run, args=(offset,), daemon=True)
            for offset in range(count)
        ]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def run(self, turn):
        while not self.stop.is_set():
            for url in self.round(turn):
                self.read(url)
            turn += len(self.threads)

    def round(self, turn):
        urls = list(self.listings)
        pages = list(self.pages)
        if pages:
            page = pages[turn % len(pages)]
            urls += [
                reverse("wagtailapi:pages:detail", args=(page,)),
                reverse("samverkan_calendar:conference", args=(page,)),
            ]
        return urls

    def read(self, url):
        started = time.monotonic()
        status, text, error = None, "", ""
        try:
            with urlopen(self.base_url + url, timeout=20) as response:
                status, text = response.status, response.read().decode()
        except HTTPError as answer:
            status, text = answer.code, answer.read().decode(errors="replace")
        except OSError as failure:
            error = repr(failure)
        reading = Reading(
            url, started, time.monotonic(), status, versions_in(text), DRAFT in text, error
        )
        self.readings.append(reading)
        return reading

    def poll(self, page_id, since, until, timeout=2 * WITHIN):
        """Ask for the page's detail until ``until(reading)``, for at most ``timeout`` seconds.

        The editor does so after each change, as a client told of it would; the
        other readers go on as they were.
        """
        url = reverse("wagtailapi:pages:detail", args=(page_id,))
        while time.monotonic() < since + timeout and not until(self.read(url)):
            pass


# Editors


class Editors:
    """Changes made through Wagtail's API, with the saves per page and when each change committed.

    Each change starts from the page as stored, as an editor's request in the
    admin would.
    """

    def __init__(self, readers):
        self.readers = readers
        self.saves = Counter()  # page id -> revisions saved
        self.published = {}  # (key, version) -> commit time
        self.unpublished = {}  # key -> (page id, commit time)
        self.keys = {}  # page id -> key

    def committed(self, change):
        """Run ``change`` in a transaction; return the moment it committed."""
        moments = []
        with transaction.atomic():
            # The first callback of the commit: before the API's invalidation.
            transaction.on_commit(lambda: moments.append(time.monotonic()))
            change()
        return moments[0]

    def add_draft(self, parent, page, key):
        page.title = f"{DRAFT} {key[1]} {key[2]}"
        page.live = False
        parent.add_child(instance=page)
        page.save_revision()
        self.saves[page.pk] += 1
        self.keys[page.pk] = key
        self.readers.pages.append(page.pk)
        return page.pk

    def save_draft(self, page_id):
        page = Page.objects.get(pk=page_id).get_latest_revision_as_object()
        page.title = f"{DRAFT} {page.title}"
        page.save_revision()
        self.saves[page_id] += 1

    def publish(self, page_id, version):
        key = self.keys[page_id]
        page = Page.objects.get(pk=page_id).get_latest_revision_as_object()
        page.title = f"{key[1]} {key[2]}-v{version}"
        moment = self.committed(lambda: page.save_revision().publish())
        self.saves[page_id] += 1
        self.published[(key, version)] = moment
        self.readers.poll(page_id, moment, until=lambda r: (key, version) in r.versions)

    def unpublish(self, page_id):
        page = Page.objects.get(pk=page_id).specific
        moment = self.committed(page.unpublish)
        self.unpublished[self.keys[page_id]] = (page_id, moment)
        self.readers.poll(page_id, moment, until=lambda r: r.status == 404)

    def translate(self, page_id, locale, version):
        """Translate the page as translators do, through wagtail-localize, and publish it."""
        page = Page.objects.get(pk=page_id).specific
        # Wagtail's copy for translation saves the first revision, wagtail-localize
        # the untranslated draft, and the translated one before publishing it.
        translation = begin_translation(page, locale)
        target = page.get_translation(locale)
        key = ("nb", *self.keys[page_id][1:])
        self.keys[target.pk] = key
        self.readers.pages.append(target.pk)
        translate_all(translation)  # "NB: Konferens 1-v6"
        moment = self.committed(lambda: publish_translation(translation))
        self.saves[target.pk] += 3
        self.published[(key, version)] = moment
        self.readers.poll(target.pk, moment, until=lambda r: (key, version) in r.versions)


def future(days, hour=9):
    return (timezone.now() + timedelta(days=days)).replace(hour=hour, minute=0, second=0)


def edit_publish_and_translate(editors):
    """The editors' afternoon."""
    tree = build_site_tree()
    venue = make_venue()
    index = tree["conference_index"]
    pages = {}
    for number in (1, 2, 3):
        conference = ConferencePage(
            slug=f"konferens-{number}",
            start=future(30 + number),
            end=future(30 + number, hour=16),
            timezone="Europe/Stockholm",
            venue=venue,
        )
        pages[f"conference {number}"] = editors.add_draft(
            index, conference, ("sv", "Konferens", number)
        )
    for number in (1, 2, 3):
        editors.publish(pages[f"conference {number}"], 1)

    first = pages["conference 1"]
    for number in (1, 2):
        item = ProgrammeItemPage(slug=f"punkt-{number}", start=future(31, hour=9 + number))
        pages[f"item {number}"] = editors.add_draft(
            ConferencePage.objects.get(pk=first), item, ("sv", "Punkt", number)
        )
        editors.publish(pages[f"item {number}"], 1)
    editors.publish(pages["item 1"], 2)

    for version in range(2, 7):
        editors.publish(first, version)
    editors.save_draft(pages["conference 3"])  # a draft over the published page
    editors.unpublish(pages["conference 2"])
    editors.translate(first, Locale.objects.get(language_code="nb"), 6)
    # The readers are real threads asking a real server: they go on for WITHIN after the
    # last change, so that what is due within it is read (one second, bounded).
    time.sleep(WITHIN)


# What readers saw


def failures(readings):
    return [r for r in readings if r.status is None or r.status >= 500]


def drafts_seen(readings):
    return [r for r in readings if r.draft]


def versions_before_their_commit(readings, editors):
    return [
        (r.url, shown)
        for r in readings
        for shown in r.versions
        if shown not in editors.published or r.ended < editors.published[shown]
    ]


def latest_committed(editors, key, before):
    return max(
        (
            version
            for (shown, version), moment in editors.published.items()
            if shown == key and moment < before
        ),
        default=None,
    )


def stale_versions(readings, editors):
    """A version older than one committed more than WITHIN before the request began."""
    stale = []
    for r in readings:
        for key in {shown for shown, _version in r.versions}:
            latest = latest_committed(editors, key, r.started - WITHIN)
            if latest is not None and r.version_of(key) < latest:
                stale.append((r.url, key, r.version_of(key), latest))
    return stale


def missing_from_listings(readings, editors, listings):
    """Published pages absent from their listing more than WITHIN after their first publication."""
    missing = []
    keys = {key for key, _version in editors.published}
    for r in readings:
        if r.url not in listings or r.status != 200:
            continue
        for key in keys:
            if not listed_in(key, listings[r.url]):
                continue
            due = latest_committed(editors, key, r.started - WITHIN) is not None
            # An answer may leave out a page unpublished before it ended.
            unpublished = key in editors.unpublished and editors.unpublished[key][1] <= r.ended
            if due and not unpublished and r.version_of(key) is None:
                missing.append((r.url, key))
    return missing


def unpublished_seen(readings, editors):
    return [
        (r.url, key)
        for key, (_page, moment) in editors.unpublished.items()
        for r in readings
        if r.started > moment + WITHIN and r.version_of(key) is not None
    ]


def asked_within(r, moment):
    """Whether ``r`` was asked within WITHIN after ``moment``.

    A request is answered with what was public when it was asked; how long the
    answer then takes depends on the machine (readers, server and editor share
    this process, and the cores with whatever else runs).
    """
    return moment <= r.started <= moment + WITHIN


def publications_not_seen_in_time(readings, editors):
    """Publications no request asked within WITHIN of the commit was shown; with those answers."""
    unseen = []
    for shown, moment in editors.published.items():
        asked = [r for r in readings if asked_within(r, moment)]
        if not any(shown in r.versions for r in asked):
            key = shown[0]
            answers = [
                (r.url, round(r.started - moment, 2), round(r.ended - moment, 2), r.version_of(key))
                for r in asked
            ]
            unseen.append((shown, answers))
    return unseen


def first_sightings(readings, editors):
    """Seconds from each publication's commit to the end of the first answer showing it."""
    return [
        min(r.ended for r in readings if shown in r.versions and r.ended >= moment) - moment
        for shown, moment in editors.published.items()
        if any(shown in r.versions and r.ended >= moment for r in readings)
    ]


def unpublications_not_seen_in_time(readings, editors, listings):
    """Unpublished pages still in every answer asked within WITHIN after the commit."""
    late = []
    for key, (page, moment) in editors.unpublished.items():
        detail = reverse("wagtailapi:pages:detail", args=(page,))
        gone = [
            r
            for r in readings
            if asked_within(r, moment)
            if (r.url == detail and r.status == 404)
            or (r.url in listings and r.status == 200 and listed_in(key, listings[r.url]))
        ]
        if not any(r.version_of(key) is None for r in gone):
            late.append(key)
    return late


def listed_in(key, listing):
    language, kind = listing
    return key[1] == kind and language in (None, key[0])


def revisions_lost(editors):
    lost = []
    for page_id, saves in editors.saves.items():
        revisions = Page.objects.get(pk=page_id).revisions.count()
        if revisions != saves:
            lost.append((editors.keys[page_id], saves, revisions))
    return lost


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_readers_never_see_drafts_stale_answers_or_errors_while_editors_publish(
    server, response_cache, capsys
):
    began = time.monotonic()
    readers = Readers(server.url)
    editors = Editors(readers)
    with readers:
        edit_publish_and_translate(editors)
    readings = readers.readings
    problems = {
        "server errors or failed requests": failures(readings),
        "drafts seen": drafts_seen(readings),
        "versions seen before their publication committed": versions_before_their_commit(
            readings, editors
        ),
        f"versions stale more than {WITHIN} s after a newer one committed": stale_versions(
            readings, editors
        ),
        f"published pages missing from a listing after {WITHIN} s": missing_from_listings(
            readings, editors, readers.listings
        ),
        f"unpublished pages seen after {WITHIN} s": unpublished_seen(readings, editors),
        f"publications no reader saw within {WITHIN} s": publications_not_seen_in_time(
            readings, editors
        ),
        f"unpublications no reader saw within {WITHIN} s": unpublications_not_seen_in_time(
            readings, editors, readers.listings
        ),
        "saves without a revision": revisions_lost(editors),
    }
    with capsys.disabled():
        statuses = Counter(reading.status for reading in readings)
        durations = sorted(reading.ended - reading.started for reading in readings)
        print(
            f"\n{len(readings)} reader requests in {time.monotonic() - began:.1f} s "
            f"({READERS} readers, cache in {response_cache}): {dict(statuses)}; "
            f"answered in {durations[len(durations) // 2] * 1000:.0f} ms (median), "
            f"{durations[-1] * 1000:.0f} ms (slowest); {len(editors.published)} publications, "
            f"first seen {max(first_sightings(readings, editors), default=0):.2f} s "
            "after the commit at the latest"
        )
    assert len(readings) > 200
    assert len(editors.published) == 12
    assert (
        content_state.response_cache().get(content_state.GENERATION_KEY) is not None
    )  # the cache was used
    found = {name: examples[:5] for name, examples in problems.items() if examples}
    assert not found, pformat(found)
