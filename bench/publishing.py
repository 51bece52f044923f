"""Reads while an editor publishes: does publishing one page slow down the reading of others?

The 50 hot URLs (``hot_urls.py``) are read by 8 connections, each request
the next URL in turn (wrk with ``rotate.lua``), from a server with the
response cache on, as production runs: first quiet, then while an editor in a
process of their own (``publisher.py``) republishes, twice a second through
Wagtail's publish path, a network page that none of the hot URLs shows. The
budget asks for the throughput while publishing to be at least 70% of the
quiet one's.

Afterwards the server must answer the network page as the editor's last
publication left it (waiting for it a few seconds at most, for a server that
brings its answers up to date after the commit): otherwise the publications
never reached the server, and the comparison would mean nothing.

On SQLite the editor's commits take the database's single writer's lock,
which the server's readers wait for while it is held.
"""

import time
from dataclasses import dataclass

from .hot_urls import find_hot_set
from .load import LoadSettings, run_wrk
from .measure import settle
from .paths import SCRATCH_DIR
from .probe import fetch_json
from .publisher import EDITED_FIELD, Publisher

CONNECTIONS = 8
# Each phase's length: ten seconds measured the same code between 0.70x and 0.90x from one
# run to the next; thirty hold it steadier.
SECONDS = 30
WARMUP_SECONDS = 2
# How long the server may take to answer the page as last published.
CAUGHT_UP_SECONDS = 10


@dataclass(frozen=True)
class PublishingMeasurement:
    size: str
    paths: tuple  # the hot URLs' paths
    network_id: int
    quiet: object  # load.LoadResult
    publishing: object  # load.LoadResult
    publications: object  # publisher.Publications
    served_last_publication: bool

    @property
    def urls(self):
        return len(self.paths)

    @property
    def ratio(self):
        quiet = self.quiet.requests_per_second
        return self.publishing.requests_per_second / quiet if quiet else None

    def as_dict(self):
        return {
            "size": self.size,
            "paths": list(self.paths),
            "network_id": self.network_id,
            "quiet": self.quiet.as_dict(),
            "publishing": self.publishing.as_dict(),
            "publications": self.publications.as_dict(),
            "served_last_publication": self.served_last_publication,
            "ratio": None if self.ratio is None else round(self.ratio, 4),
        }


def load_settings(seconds):
    return LoadSettings(
        seconds=seconds, connections=CONNECTIONS, threads=1, warmup_seconds=WARMUP_SECONDS
    )


def measure_reads_while_publishing(server, size, targets, environment, label, seconds=SECONDS):
    """Quiet, then publishing: the hot URLs' load on ``server``, whose ``environment`` the
    editor shares (database and cache). ``label`` names the files left in bench/tmp/."""
    hot = find_hot_set(server, targets)  # every hot URL answered once: stored
    paths_file = SCRATCH_DIR / f"hot-urls-{label}.txt"
    paths_file.write_text("\n".join(hot.paths) + "\n")
    settings = load_settings(seconds)
    base_url = server.url("/")
    # Every worker's own copies of the stored answers (api/local_copies.py).
    settle(run_wrk(base_url, WARMUP_SECONDS, settings, rotating=paths_file))
    quiet = run_wrk(base_url, seconds, settings, rotating=paths_file)
    settle(quiet)
    log = SCRATCH_DIR / f"publisher-{label}.log"
    with Publisher(environment, hot.network_id, log) as editor:
        publishing = run_wrk(base_url, seconds, settings, rotating=paths_file)
        publications = editor.stop()
    settle(publishing)
    return PublishingMeasurement(
        size=size.name,
        paths=hot.paths,
        network_id=hot.network_id,
        quiet=quiet,
        publishing=publishing,
        publications=publications,
        served_last_publication=serves(server, hot.network_id, publications.last_text),
    )


def serves(server, page_id, text):
    """Whether the server answers page ``page_id`` with ``text`` in the edited field, in time."""
    deadline = time.monotonic() + CAUGHT_UP_SECONDS
    while True:
        shown = fetch_json(server.url(f"/api/v2/pages/{page_id}/")).get(EDITED_FIELD)
        if shown == text:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)  # a bounded wait for a server that updates after the commit
