"""The API behind a real Varnish with ``deploy/varnish/default.vcl``: kept, and purged by key.

A server of ``make run`` (``runserver``) answers behind Varnish (Debian's
``varnish`` and ``varnish-modules``, installed by ``.ci/ensure_varnish.sh``;
the test is skipped without them). An editor publishes through ``manage.py
shell``, another process, which purges Varnish by surrogate key
(``FRONTEND_CACHE_URL``) as the site's processes do. A conference's detail is
kept after its first answer; a programme item of it published drops it, so
the next answer shows the new title; a page it does not contain published
leaves it kept.
"""

import glob
import os
import shutil
import subprocess
import time
from contextlib import contextmanager

import pytest

from ..processes import (
    STARTUP_SECONDS,
    Client,
    answers,
    copy_test_database,
    free_port,
    manage,
    runserver,
    server,
)
from ..processes import shell as run_shell
from ..utils import PROJECT_DIR

# The test database must exist to be copied, though the test itself does not use it.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]

VARNISHD = "/usr/sbin/varnishd"
VCL_DIR = PROJECT_DIR / "deploy" / "varnish"

BUILD = (
    "import json; from tests.utils import build_site_tree, make_conference, "
    "make_network, make_programme_item; "
    "tree = build_site_tree(); "
    "conference = make_conference(tree['conference_index'], title='Biblioteksdagarna'); "
    "item = make_programme_item(conference, title='Inledning'); "
    "network = make_network(tree['network_index'], title='Läsombud'); "
    "print(json.dumps({'conference': conference.pk, 'item': item.pk, 'network': network.pk}))"
)
RENAME = (
    "from wagtail.models import Page; "
    "page = Page.objects.get(pk={pk}).specific; page.title = {title!r}; "
    "page.save_revision().publish()"
)


def has_varnish_with_xkey():
    return os.access(VARNISHD, os.X_OK) and bool(
        glob.glob("/usr/lib/*/varnish/vmods/libvmod_xkey.so")
    )


@contextmanager
def varnish(port, backend_port, workdir):
    """``varnishd`` with the shipped VCL on ``port``, in front of the site on ``backend_port``.

    The VCL is used as it ships; only its ``backend.vcl`` is this test's, found
    first on ``vcl_path``.
    """
    (workdir / "backend.vcl").write_text(
        f'backend default {{\n    .host = "127.0.0.1";\n    .port = "{backend_port}";\n}}\n'
    )
    command = [
        VARNISHD,
        *("-F", "-j", "none", "-n", str(workdir / "instance")),
        *("-a", f"127.0.0.1:{port}", "-f", str(VCL_DIR / "default.vcl")),
        *("-p", f"vcl_path={workdir}:{VCL_DIR}", "-s", "malloc,32m"),
        *("-T", "none"),
    ]
    log = workdir / "varnish.log"
    with open(log, "wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not answers(port):
            assert process.poll() is None, f"varnishd stopped:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"varnishd did not answer:\n{log.read_text()}"
            time.sleep(0.1)  # a real server starting: asked again until STARTUP_SECONDS pass
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def site_behind_varnish(django_db_setup, django_db_blocker, tmp_path_factory):
    """Varnish in front of ``make run``'s server, which purges it; the content's ids.

    Made before the test's transaction begins, as the other server tests make
    their sites: that transaction holds SQLite's write lock, which the copy of
    the test database would wait for.
    """
    if not has_varnish_with_xkey():
        pytest.skip("Varnish with the xkey vmod is not installed (.ci/ensure_varnish.sh)")
    tmp_path = tmp_path_factory.mktemp("varnish")
    site_port, varnish_port = free_port(), free_port()
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(
            ("DATABASE_URL", "CACHE_URL", "API_", "TASKS_", "FRONTEND_CACHE_URL", "CLOUDFLARE_")
        )
    }
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "samverkan.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_URL": f"filecache://{tmp_path / 'cache'}",
        "FRONTEND_CACHE_URL": f"http://127.0.0.1:{varnish_port}",
    }
    with django_db_blocker.unblock():
        copy_test_database(tmp_path / "db.sqlite3", environment, tmp_path_factory)
    content = run_shell(environment, BUILD)
    workdir = tmp_path / "varnish"
    workdir.mkdir()
    try:
        with (
            server(runserver(site_port), site_port, environment, tmp_path / "server.log"),
            varnish(varnish_port, site_port, workdir),
        ):
            yield Client(varnish_port), environment, content
    finally:
        shutil.rmtree(workdir / "instance", ignore_errors=True)


def test_varnish_keeps_a_detail_until_something_it_contains_changes(site_behind_varnish):
    through_varnish, environment, content = site_behind_varnish
    url = f"/api/v2/pages/{content['conference']}/"

    first = through_varnish.get(url)
    second = through_varnish.get(url)
    assert (first.status, first.headers["X-Cache"]) == (200, "MISS")
    assert (second.status, second.headers["X-Cache"]) == (200, "HIT")
    assert second.body == first.body
    assert "Surrogate-Key" not in second.headers  # for the cache, not for readers

    manage(environment, "shell", "-c", RENAME.format(pk=content["item"], title="Välkommen"))

    after_item = through_varnish.get(url)
    assert after_item.headers["X-Cache"] == "MISS"
    assert [item["title"] for item in after_item.json()["programme"]] == ["Välkommen"]

    manage(
        environment, "shell", "-c", RENAME.format(pk=content["network"], title="Läsombud i länet")
    )

    after_network = through_varnish.get(url)
    assert after_network.headers["X-Cache"] == "HIT"
    assert after_network.body == after_item.body
