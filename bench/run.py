"""``make bench``: seed each data size, serve it with gunicorn, load it with wrk, report.

    python -m bench.run [--sizes small,large] [--seconds 3] [--connections 4]

For each size the server runs twice: with the API's response cache off
(the four API endpoints, the stock Wagtail reference, and the translation
status report, logged in as an editor) and on (the trivial reference, then
each endpoint cached and conditional). A run of every size
writes ``bench/results/``; a partial one writes ``bench/tmp/results/`` and
leaves the committed results alone. Exits 1 when a budget check fails.
"""

import argparse
import os
import sys
import time
from datetime import UTC, datetime

from .budget import check_budget
from .cache import choose_cache, forget_responses
from .chart import draw_latency_chart
from .database import choose_database, manage
from .editor import editor_headers
from .endpoints import Targets, find_targets
from .load import LoadSettings, wrk_version
from .machine import describe_machine, one_line, source_revision
from .measure import measure
from .paths import RESULTS_DIR, SCRATCH_DIR
from .report import Run, json_document, markdown
from .server import Server
from .sizes import SIZES, sizes_named

CREATE_HOME_PAGE = "from bench.site_root import create_home_page; create_home_page()"
COMMANDS_CACHE_PREFIX = "bench-commands"
# Long enough that no stored response expires during a server run.
CACHE_MAX_AGE = 3600


class Clock:
    """Prints each step with the time since the run began."""

    def __init__(self):
        self.started = time.monotonic()

    def step(self, message):
        print(f"[{time.monotonic() - self.started:6.0f} s] {message}", flush=True)


def code_of(source):
    """The hash of the measured code in a ``source_revision``, without the commit."""
    return source and source.rsplit("code ", 1)[-1]


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated: small,large")
    parser.add_argument("--seconds", type=int, default=3, help="load per URL, in seconds")
    parser.add_argument("--warmup", type=int, default=1, help="warm-up per URL, in seconds")
    parser.add_argument("--connections", type=int, default=4, help="wrk's open connections")
    parser.add_argument("--sqlite", action="store_true", help="SQLite even when PostgreSQL answers")
    parser.add_argument(
        "--local-memory-cache", action="store_true", help="local memory even when Redis answers"
    )
    parser.add_argument(
        "--keep-database", action="store_true", help="keep the database with the last size's data"
    )
    arguments = parser.parse_args(argv)
    try:
        arguments.sizes = sizes_named(arguments.sizes)
    except ValueError as error:
        parser.error(str(error))
    return arguments


def base_environment(database, cache):
    """The environment of every command and server: the benchmark's settings and stores."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database.url,
        "CACHE_URL": cache.url,
        "API_CACHE_ALIAS": "default",
        "API_CACHE_MAX_AGE": str(CACHE_MAX_AGE),
        # What the management commands put in the cache (the content generation).
        "BENCH_CACHE_PREFIX": COMMANDS_CACHE_PREFIX,
    }


def server_environment(environment, size, cache_enabled, cache_prefix):
    return {
        **environment,
        "API_CACHE_ENABLED": "true" if cache_enabled else "false",
        "BENCH_TRIVIAL_BODY": str(SCRATCH_DIR / f"trivial-{size.name}.json"),
        "BENCH_CACHE_PREFIX": cache_prefix,
    }


def measure_size(size, environment, cache, load, clock):
    """Every measurement of one data size, and the paths they were taken at."""
    measurements = []
    # The servers of one size share a prefix no other run uses, removed afterwards.
    cache_prefix = f"bench-{size.name}-{time.time_ns()}"
    mode_environment = server_environment(environment, size, False, cache_prefix)
    with Server(mode_environment, SCRATCH_DIR / f"gunicorn-{size.name}-uncached.log") as server:
        targets = find_targets(server, size)
        for endpoint in targets.api():
            clock.step(f"{size.name}, uncached: {endpoint.label}")
            measurement, reply = measure(server, size, endpoint, "uncached", load)
            measurements.append(measurement)
            if endpoint.key == "conference_detail":
                # What the trivial view answers with in the next server run.
                (SCRATCH_DIR / f"trivial-{size.name}.json").write_bytes(reply.body)
        clock.step(f"{size.name}: {targets.stock_programme().label}")
        measurements.append(measure(server, size, targets.stock_programme(), "reference", load)[0])
        editor = editor_headers(mode_environment)
        for page in targets.admin_pages():
            clock.step(f"{size.name}, as an editor: {page.label}")
            measurements.append(measure(server, size, page, "admin", load, editor)[0])

    mode_environment = server_environment(environment, size, True, cache_prefix)
    with Server(mode_environment, SCRATCH_DIR / f"gunicorn-{size.name}-cached.log") as server:
        clock.step(f"{size.name}: {targets.trivial().label}")
        measurements.append(measure(server, size, targets.trivial(), "reference", load)[0])
        for endpoint in targets.api():
            clock.step(f"{size.name}, cached and conditional: {endpoint.label}")
            measurement, reply = measure(server, size, endpoint, "cached", load)
            measurements.append(measurement)
            conditional = {"If-None-Match": reply.headers["etag"]}
            measurements.append(
                measure(server, size, endpoint, "conditional", load, conditional, 304, warm=True)[0]
            )
    forget_responses(cache, cache_prefix)
    paths = {
        endpoint.key: endpoint.path
        for endpoint in [
            *targets.api(),
            targets.stock_programme(),
            targets.trivial(),
            *targets.admin_pages(),
        ]
    }
    return measurements, paths, targets


def main(argv=None):
    arguments = parse_arguments(argv)
    clock = Clock()
    started = datetime.now(UTC)
    wrk = wrk_version()
    if wrk is None:
        print("wrk is not installed: apt-get install wrk (make bench tries to).", file=sys.stderr)
        return 2
    load = LoadSettings(
        seconds=arguments.seconds,
        connections=arguments.connections,
        threads=1,
        warmup_seconds=arguments.warmup,
    )
    SCRATCH_DIR.mkdir(parents=True, exist_ok=True)
    database = choose_database(sqlite=arguments.sqlite)
    cache = choose_cache(local_memory=arguments.local_memory_cache)
    environment = base_environment(database, cache)
    clock.step(f"Database {database.engine} ({database.url}), cache {cache.description}")
    machine = describe_machine(database, cache, wrk)
    database.recreate()
    measurements, paths, targets = [], {}, None
    try:
        clock.step("Migrating, creating the home page")
        manage(environment, "migrate", "--no-input", "--verbosity=0")
        manage(environment, "shell", "--command", CREATE_HOME_PAGE)
        database.keep_as_empty()
        for number, size in enumerate(arguments.sizes):
            if number:
                database.start_from_empty()
            clock.step(f"Seeding {size.name}: {size.describe()}")
            manage(environment, "seed_benchmark", *size.seed_arguments())
            database.analyze()
            clock.step(f"Starting the server on the {size.name} data set")
            size_measurements, paths[size.name], targets = measure_size(
                size, environment, cache, load, clock
            )
            measurements += size_measurements
    finally:
        database.drop(keep_data=arguments.keep_database)
        forget_responses(cache, COMMANDS_CACHE_PREFIX)

    source_at_end = source_revision()
    if code_of(source_at_end) != code_of(machine["source"]):
        machine["source"] = f"{machine['source']}, changed during the run to {source_at_end}"
        print(f"The measured code changed during the run: {machine['source']}", file=sys.stderr)

    run = Run(
        date=started.strftime("%Y-%m-%d %H:%M UTC"),
        machine=machine,
        load=load,
        sizes=arguments.sizes,
        endpoints=targets.api(),
        references=[targets.stock_programme(), Targets.trivial()],
        admin_pages=Targets.admin_pages(),
        paths=paths,
        measurements=measurements,
        budget=[],
    )
    run.budget = check_budget(measurements, arguments.sizes, run.endpoints, run.admin_pages)
    complete = len(arguments.sizes) == len(SIZES)
    output = RESULTS_DIR if complete else SCRATCH_DIR / "results"
    output.mkdir(parents=True, exist_ok=True)
    (output / "results.md").write_text(markdown(run))
    (output / "results.json").write_text(json_document(run) + "\n")
    draw_latency_chart(
        output / "latency.png", measurements, arguments.sizes, run.endpoints, run.references
    )

    print()
    print(one_line(machine))
    print(run.table())
    print()
    for check in run.budget:
        print(f"{check.verdict}  {check.name}: {check.detail}")
    clock.step(f"Results in {output.relative_to(RESULTS_DIR.parent.parent)}/")
    return 1 if any(check.passed is False for check in run.budget) else 0


if __name__ == "__main__":
    sys.exit(main())
