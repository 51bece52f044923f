"""``make bench``: seed each data size, serve it with gunicorn, load it with wrk, report.

    python -m bench.run [--databases postgresql,sqlite] [--sizes small,large]
                        [--sqlite-sizes small] [--scenarios endpoints,publishing]

On each database (PostgreSQL at the ``--sizes``, SQLite at the
``--sqlite-sizes``) ``database_run.py`` measures the scenarios: the API's
endpoints with the response cache off and on beside the references, and the
hot URLs read while an editor publishes. A run of everything (both databases,
every size on PostgreSQL, both scenarios) writes ``bench/results/``; a partial
one writes ``bench/tmp/results/`` and leaves the committed results alone.
Exits 1 when a budget check fails.
"""

import argparse
import sys
import time
from datetime import UTC, datetime

from .budget import check_budget
from .cache import choose_cache
from .chart import draw_latency_chart
from .database import DATABASE_NAME, ENGINES, POSTGRESQL, choose_databases, database_keys
from .database_run import SCENARIOS, RunSettings, measure_database
from .endpoints import Targets
from .load import LoadSettings, wrk_version
from .machine import describe_machine, one_line, source_revision
from .paths import RESULTS_DIR, SCRATCH_DIR
from .publishing import SECONDS as PUBLISHING_SECONDS
from .report import Report, Run, json_document, markdown
from .sizes import SIZES, sizes_named

SQLITE_SIZES = "small"


class Clock:
    """Prints each step with the time since the run began."""

    def __init__(self):
        self.started = time.monotonic()

    def step(self, message):
        print(f"[{time.monotonic() - self.started:6.0f} s] {message}", flush=True)


def code_of(source):
    """The hash of the measured code in a ``source_revision``, without the commit."""
    return source and source.rsplit("code ", 1)[-1]


def scenarios_named(names):
    wanted = [name.strip() for name in names.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in SCENARIOS]
    if unknown or not wanted:
        raise ValueError(f"choose scenarios from {', '.join(SCENARIOS)}, not {names!r}")
    return tuple(name for name in SCENARIOS if name in wanted)


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--databases", default=",".join(ENGINES), help="comma-separated: postgresql,sqlite"
    )
    parser.add_argument(
        "--sizes", default=",".join(SIZES), help="PostgreSQL's, comma-separated: small,large"
    )
    parser.add_argument("--sqlite-sizes", default=SQLITE_SIZES, help="SQLite's, as --sizes")
    parser.add_argument(
        "--scenarios", default=",".join(SCENARIOS), help="comma-separated: endpoints,publishing"
    )
    parser.add_argument("--seconds", type=int, default=3, help="load per URL, in seconds")
    parser.add_argument("--warmup", type=int, default=1, help="warm-up per URL, in seconds")
    parser.add_argument("--connections", type=int, default=4, help="wrk's open connections")
    parser.add_argument(
        "--publishing-seconds",
        type=int,
        default=PUBLISHING_SECONDS,
        help="the hot URLs' load, quiet and while publishing, in seconds each",
    )
    parser.add_argument(
        "--database-name",
        default=DATABASE_NAME,
        help="PostgreSQL's database (dropped and made anew) and the SQLite file's name",
    )
    parser.add_argument(
        "--local-memory-cache", action="store_true", help="local memory even when Redis answers"
    )
    parser.add_argument(
        "--keep-database", action="store_true", help="keep the database with the last size's data"
    )
    arguments = parser.parse_args(argv)
    try:
        arguments.databases = database_keys(arguments.databases)
        arguments.sizes = sizes_named(arguments.sizes)
        arguments.sqlite_sizes = sizes_named(arguments.sqlite_sizes)
        arguments.scenarios = scenarios_named(arguments.scenarios)
    except ValueError as error:
        parser.error(str(error))
    return arguments


def is_complete(arguments, missing):
    """Whether the run measured everything: then its results are the committed ones."""
    return (
        not missing
        and len(arguments.databases) == len(ENGINES)
        and len(arguments.sizes) == len(SIZES)
        and arguments.scenarios == SCENARIOS
    )


def main(argv=None):
    arguments = parse_arguments(argv)
    clock = Clock()
    started = datetime.now(UTC)
    wrk = wrk_version()
    if wrk is None:
        print("wrk is not installed: apt-get install wrk (make bench tries to).", file=sys.stderr)
        return 2
    settings = RunSettings(
        load=LoadSettings(
            seconds=arguments.seconds,
            connections=arguments.connections,
            threads=1,
            warmup_seconds=arguments.warmup,
        ),
        scenarios=arguments.scenarios,
        publishing_seconds=arguments.publishing_seconds,
    )
    SCRATCH_DIR.mkdir(parents=True, exist_ok=True)
    databases, missing = choose_databases(arguments.databases, arguments.database_name)
    for engine, reason in missing.items():
        print(f"{engine} is left out: {reason}", file=sys.stderr)
    cache = choose_cache(local_memory=arguments.local_memory_cache)
    clock.step(f"Databases {', '.join(db.engine for db in databases)}, cache {cache.description}")
    machine = describe_machine(databases, cache, wrk)

    runs = []
    for database in databases:
        sizes = arguments.sizes if database.key == POSTGRESQL else arguments.sqlite_sizes
        found = measure_database(
            database, sizes, cache, settings, clock, keep_data=arguments.keep_database
        )
        run = Run(
            engine=database.engine,
            database=database.version(),
            sizes=sizes,
            endpoints=found.targets.api(),
            references=[found.targets.stock_programme(), Targets.trivial()],
            admin_pages=Targets.admin_pages(),
            paths=found.paths,
            measurements=found.measurements,
            budget=[],
            publishing=found.publishing,
        )
        run.budget = check_budget(
            run.measurements, sizes, run.endpoints, run.admin_pages, run.publishing
        )
        runs.append(run)

    source_at_end = source_revision()
    if code_of(source_at_end) != code_of(machine["source"]):
        machine["source"] = f"{machine['source']}, changed during the run to {source_at_end}"
        print(f"The measured code changed during the run: {machine['source']}", file=sys.stderr)

    report = Report(
        date=started.strftime("%Y-%m-%d %H:%M UTC"),
        machine=machine,
        load=settings.load,
        publishing_seconds=settings.publishing_seconds,
        runs=runs,
        missing=missing,
    )
    output = RESULTS_DIR if is_complete(arguments, missing) else SCRATCH_DIR / "results"
    write_results(report, output)

    print()
    print(one_line(machine))
    for run in runs:
        print(f"\n{run.database}\n")
        if run.measurements:
            print(run.table())
        if run.publishing_table():
            print(f"\n{run.publishing_table()}")
    print()
    for engine, check in report.checks():
        print(f"{check.verdict}  {engine}, {check.name}: {check.detail}")
    clock.step(f"Results in {output.relative_to(RESULTS_DIR.parent.parent)}/")
    return 1 if any(check.passed is False for _engine, check in report.checks()) else 0


def write_results(report, output):
    output.mkdir(parents=True, exist_ok=True)
    (output / "results.md").write_text(markdown(report))
    (output / "results.json").write_text(json_document(report) + "\n")
    # Latency against data size, on the database measured at the most sizes.
    charted = max(report.runs, key=lambda run: len(run.sizes), default=None)
    if charted is not None and charted.measurements:
        draw_latency_chart(
            output / "latency.png",
            charted.measurements,
            charted.sizes,
            charted.endpoints,
            charted.references,
            database=charted.database,
        )


if __name__ == "__main__":
    sys.exit(main())
