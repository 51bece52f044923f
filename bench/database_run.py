"""One database's part of a run: migrate it, seed each size, serve it, measure the scenarios.

For each size the server runs twice. With the API's response cache off: the
four API endpoints, the stock Wagtail reference, and the translation status
report, logged in as an editor. With it on: the trivial reference, each
endpoint cached and conditional, then 50 hot URLs read while an editor
publishes (``publishing.py``).

Scenarios: ``endpoints`` (the table, the first part of the budget) and
``publishing`` (reads while publishing).
"""

import os
import time
from dataclasses import dataclass

from .cache import LOCAL_MEMORY_URL, forget_responses
from .database import manage
from .editor import editor_headers
from .endpoints import CONFERENCE, Targets, find_targets
from .measure import measure
from .paths import SCRATCH_DIR
from .publishing import measure_reads_while_publishing
from .server import Server

ENDPOINTS = "endpoints"
PUBLISHING = "publishing"
SCENARIOS = (ENDPOINTS, PUBLISHING)
CREATE_HOME_PAGE = "from bench.site_root import create_home_page; create_home_page()"
# Long enough that no stored response expires during a server run.
CACHE_MAX_AGE = 3600


@dataclass(frozen=True)
class RunSettings:
    load: object  # load.LoadSettings, of the endpoints' measurements
    scenarios: tuple
    publishing_seconds: int


@dataclass
class DatabaseMeasurements:
    measurements: list
    paths: dict  # size name -> endpoint key -> the path measured
    publishing: dict | None  # size name -> PublishingMeasurement (None: not measured)
    targets: Targets


def base_environment(database, cache, commands_prefix):
    """The environment of every command and server: the benchmark's settings and stores."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database.url,
        "CACHE_URL": cache.url,
        "API_CACHE_ALIAS": "default",
        "API_CACHE_MAX_AGE": str(CACHE_MAX_AGE),
        # What the management commands put in the cache (the content generation).
        "BENCH_CACHE_PREFIX": commands_prefix,
    }


def server_environment(environment, size, cache_enabled, cache_prefix):
    return {
        **environment,
        "API_CACHE_ENABLED": "true" if cache_enabled else "false",
        "BENCH_TRIVIAL_BODY": str(SCRATCH_DIR / f"trivial-{size.name}.json"),
        "BENCH_CACHE_PREFIX": cache_prefix,
    }


def measure_database(database, sizes, cache, settings, clock, keep_data=False):
    """Every measurement on ``database`` at each of ``sizes``, smallest first (RunSettings)."""
    # What the commands and servers of this run store in the cache, removed afterwards.
    commands_prefix = f"bench-commands-{time.time_ns()}"
    environment = base_environment(database, cache, commands_prefix)
    clock.step(f"{database.engine}: {database.url}")
    database.recreate()
    found = DatabaseMeasurements([], {}, {} if PUBLISHING in settings.scenarios else None, None)
    try:
        clock.step(f"{database.engine}: migrating, creating the home page")
        manage(environment, "migrate", "--no-input", "--verbosity=0")
        manage(environment, "shell", "--command", CREATE_HOME_PAGE)
        database.keep_as_empty()
        for number, size in enumerate(sizes):
            if number:
                database.start_from_empty()
            clock.step(f"{database.engine}: seeding {size.name}: {size.describe()}")
            manage(environment, "seed_benchmark", *size.seed_arguments())
            database.analyze()
            clock.step(f"{database.engine}: starting the server on the {size.name} data set")
            measure_size(size, environment, cache, settings, found, database.engine, clock)
    finally:
        database.drop(keep_data=keep_data)
        forget_responses(cache, commands_prefix)
    return found


def measure_size(size, environment, cache, settings, found, engine, clock):
    """Every scenario of one data size, added to ``found``."""
    load, scenarios = settings.load, settings.scenarios
    # The servers of one size share a prefix no other run uses, removed afterwards.
    cache_prefix = f"bench-{size.name}-{time.time_ns()}"
    step = f"{engine}, {size.name}"
    targets = None
    if ENDPOINTS in scenarios:
        uncached_environment = server_environment(environment, size, False, cache_prefix)
        log = SCRATCH_DIR / f"gunicorn-{engine.lower()}-{size.name}-uncached.log"
        with Server(uncached_environment, log) as server:
            targets = measure_uncached(server, size, uncached_environment, load, found, step, clock)
    cached_environment = server_environment(environment, size, True, cache_prefix)
    log = SCRATCH_DIR / f"gunicorn-{engine.lower()}-{size.name}-cached.log"
    with Server(cached_environment, log) as server:
        targets = targets or find_targets(server, size)
        if ENDPOINTS in scenarios:
            measure_cached(server, size, targets, load, found, step, clock)
        if PUBLISHING in scenarios and cache.url != LOCAL_MEMORY_URL:
            # The hot calendar of upcoming conferences lists them all: from the store once
            # it holds them, as after a deploy's rebuild (docs/operations.md).
            clock.step(f"{step}: rendering the conferences into the delivery store")
            manage(cached_environment, "rebuild_delivery_store", f"--type={CONFERENCE}")
            clock.step(f"{step}: 50 hot URLs, quiet, then while an editor publishes")
            found.publishing[size.name] = measure_reads_while_publishing(
                server,
                size,
                targets,
                cached_environment,
                f"{engine.lower()}-{size.name}",
                settings.publishing_seconds,
            )
    forget_responses(cache, cache_prefix)
    found.targets = targets
    found.paths[size.name] = {
        endpoint.key: endpoint.path
        for endpoint in [
            *targets.api(),
            targets.stock_programme(),
            targets.trivial(),
            *targets.admin_pages(),
        ]
    }


def measure_uncached(server, size, environment, load, found, step, clock):
    """The API uncached, the stock reference and the admin page; returns the targets."""
    targets = find_targets(server, size)
    for endpoint in targets.api():
        clock.step(f"{step}, uncached: {endpoint.label}")
        measurement, reply = measure(server, size, endpoint, "uncached", load)
        found.measurements.append(measurement)
        if endpoint.key == "conference_detail":
            # What the trivial view answers with in the next server run.
            (SCRATCH_DIR / f"trivial-{size.name}.json").write_bytes(reply.body)
    clock.step(f"{step}: {targets.stock_programme().label}")
    found.measurements.append(
        measure(server, size, targets.stock_programme(), "reference", load)[0]
    )
    editor = editor_headers(environment)
    for page in targets.admin_pages():
        clock.step(f"{step}, as an editor: {page.label}")
        found.measurements.append(measure(server, size, page, "admin", load, editor)[0])
    return targets


def measure_cached(server, size, targets, load, found, step, clock):
    """The trivial reference, then each endpoint cached and conditional."""
    clock.step(f"{step}: {targets.trivial().label}")
    found.measurements.append(measure(server, size, targets.trivial(), "reference", load)[0])
    for endpoint in targets.api():
        clock.step(f"{step}, cached and conditional: {endpoint.label}")
        measurement, reply = measure(server, size, endpoint, "cached", load)
        found.measurements.append(measurement)
        conditional = {"If-None-Match": reply.headers["etag"]}
        found.measurements.append(
            measure(server, size, endpoint, "conditional", load, conditional, 304, warm=True)[0]
        )
