"""The API answers what any process of the site changed, at once: one content state.

``make run`` runs the server, the task worker and the scheduled-publishing job
as processes of their own; editors and imports change content through
``manage.py``. Here a server of ``make run`` (``runserver``, the API cache on)
answers while other processes publish: ``manage.py shell`` as an import does,
and the scheduled-publishing command as the job does. They share a database
file and the cache every process of one machine shares without a Redis (files
in a folder, as ``make run`` keeps them in ``var/cache/``). The next answer
after each change shows it, and a client's copy from before gets 200, not 304,
when it asks with its ``Last-Modified`` or its ``ETag``.
"""

import os
import time
from types import SimpleNamespace

import pytest

from ..processes import (
    BUILD_CONTENT,
    copy_database,
    copy_test_database,
    free_port,
    manage,
    runserver,
    server,
)
from ..processes import shell as run_shell

pytestmark = pytest.mark.slow

RENAME = (
    "from content_types.models import ConferencePage; "
    "page = ConferencePage.objects.get(pk={pk}); page.title = {title!r}; "
    "page.save_revision().publish()"
)
# Prints the moment the revision goes live, as a timestamp.
SCHEDULE = (
    "import json; from datetime import timedelta; from django.utils import timezone; "
    "from content_types.models import ConferencePage; "
    "page = ConferencePage.objects.get(pk={pk}); page.title = {title!r}; "
    "moment = timezone.now() + timedelta(seconds={seconds}); "
    "page.save_revision(approved_go_live_at=moment); "
    "print(json.dumps(moment.timestamp()))"
)


def make_run_environment(folder):
    """``make run``'s settings, with a database file and a cache folder in ``folder``."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DATABASE_URL", "CACHE_URL", "API_CACHE_", "TASKS_"))
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "samverkan.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "CACHE_URL": f"filecache://{folder / 'cache'}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",  # as make run: a worker's queue
    }


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    """A database file with the tree and a published conference, made once for this module
    by ``manage.py shell``; each test works on a copy of its own."""
    folder = tmp_path_factory.mktemp("site")
    environment = make_run_environment(folder)
    with django_db_blocker.unblock():
        copy_test_database(folder / "db.sqlite3", environment, tmp_path_factory)
    conference = run_shell(environment, BUILD_CONTENT)["conference"]
    return SimpleNamespace(database=folder / "db.sqlite3", conference=conference)


@pytest.fixture
def environment(db, site, tmp_path):
    """``make run``'s settings, on a copy of the site's database and a cache of this test's own."""
    copy_database(site.database, tmp_path / "db.sqlite3")
    return make_run_environment(tmp_path)


def test_a_change_published_by_another_process_is_in_the_next_answer(site, environment, tmp_path):
    conference = site.conference
    url = f"/api/v2/pages/{conference}/"
    port = free_port()
    with server(runserver(port), port, environment, tmp_path / "server.log") as api:
        first = api.get(url)
        assert first.status == 200
        assert first.json()["title"] == "Biblioteksdagarna"
        assert api.get(url, If_None_Match=first.headers["ETag"]).status == 304  # kept

        manage(
            environment, "shell", "-c", RENAME.format(pk=conference, title="Biblioteksdagarna 2026")
        )

        renamed = api.get(url)
        assert renamed.json()["title"] == "Biblioteksdagarna 2026"
        since = api.get(url, If_Modified_Since=first.headers["Last-Modified"])
        assert since.status == 200
        assert since.json()["title"] == "Biblioteksdagarna 2026"
        assert since.headers["ETag"] == renamed.headers["ETag"] != first.headers["ETag"]
        assert api.get(url, If_None_Match=first.headers["ETag"]).status == 200


def test_a_page_the_scheduled_publishing_job_publishes_is_in_the_next_answer(
    site, environment, tmp_path
):
    conference = site.conference
    url = f"/api/v2/pages/{conference}/"
    port = free_port()
    with server(runserver(port), port, environment, tmp_path / "server.log") as api:
        go_live = run_shell(
            environment, SCHEDULE.format(pk=conference, title="Vårmötet", seconds=1)
        )
        before = api.get(url)
        assert before.json()["title"] == "Biblioteksdagarna"
        # The job, a process of its own, publishes by the real clock: wait until the moment
        # has passed there (a second at most; starting the shell above usually took longer).
        time.sleep(max(0.0, go_live - time.time()))

        manage(environment, "run_scheduled_publishing", "--times", "1")

        published = api.get(url)
        assert published.json()["title"] == "Vårmötet"
        since = api.get(url, If_Modified_Since=before.headers["Last-Modified"])
        assert (since.status, since.json()["title"]) == (200, "Vårmötet")
