"""The run's results, one table per database, in Markdown for people and JSON for tools."""

import json
from dataclasses import asdict, dataclass, field

from .budget import API_MODES, Check
from .measure import LONGEST_RUN_SECONDS
from .publishing import CONNECTIONS, WARMUP_SECONDS

MODE_NAMES = {
    "uncached": "uncached",
    "cached": "cached",
    "conditional": "conditional (304)",
    "reference": "reference",
    "admin": "editor, logged in",
}
# Fewer completed requests than this and p99 is simply the slowest of them.
FEW_REQUESTS = 20


@dataclass
class Run:
    """What one database measured."""

    engine: str  # "PostgreSQL" or "SQLite"
    database: str  # with its version
    sizes: list
    endpoints: list  # the API's, in table order
    references: list
    paths: dict  # size name -> endpoint key -> the path measured
    measurements: list
    budget: list
    admin_pages: list = field(default_factory=list)
    publishing: dict | None = None  # size name -> PublishingMeasurement; None: not run

    def table(self):
        return markdown_table(
            self.measurements, self.sizes, self.endpoints, self.references, self.admin_pages
        )

    def publishing_table(self):
        return publishing_table(self.publishing, self.sizes)


@dataclass
class Report:
    date: str
    machine: dict
    load: object  # load.LoadSettings of the endpoints
    publishing_seconds: int
    runs: list
    missing: dict = field(default_factory=dict)  # engine -> why it was not measured

    @property
    def sizes(self):
        """Every size any database was measured at, smallest first."""
        seen = {size.name: size for run in self.runs for size in run.sizes}
        return sorted(seen.values(), key=lambda size: size.pages)

    def checks(self):
        """(database, check) for every check of every run, and a skip for each missing one."""
        found = [(run.engine, check) for run in self.runs for check in run.budget]
        return found + [(engine, missing_check(reason)) for engine, reason in self.missing.items()]


def missing_check(reason):
    return Check("not measured", None, reason)


def table_rows(endpoints, references, admin_pages=()):
    """(endpoint, mode) in the table's order: each API endpoint in every mode, the references,
    then the admin pages."""
    rows = [(endpoint, mode) for endpoint in endpoints for mode in API_MODES]
    rows += [(reference, "reference") for reference in references]
    return rows + [(page, "admin") for page in admin_pages]


def format_rate(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def format_ms(value):
    if value is None:
        return "–"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def load_cells(load):
    """req/s, p50 and p99 of one load."""
    few = "†" if load.requests < FEW_REQUESTS else ""
    errors = f" ({load.errors} errors)" if load.errors else ""
    return [
        format_rate(load.requests_per_second) + errors,
        format_ms(load.p50_ms) + few,
        format_ms(load.p99_ms) + few,
    ]


def cells(measurement):
    if measurement is None:
        return ["", "", "", ""]
    queries = "" if measurement.queries is None else str(measurement.queries)
    return [queries, *load_cells(measurement.load)]


def markdown_table(measurements, sizes, endpoints, references, admin_pages=()):
    if not measurements:
        return ""
    found = {(m.size, m.endpoint, m.mode): m for m in measurements}
    header = ["Endpoint", "Mode"]
    for size in sizes:
        header += [f"{size.name}: queries", "req/s", "p50 ms", "p99 ms"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * 2 + "---:|" * 4 * len(sizes)]
    for endpoint, mode in table_rows(endpoints, references, admin_pages):
        row = [endpoint.label, MODE_NAMES[mode]]
        for size in sizes:
            row += cells(found.get((size.name, endpoint.key, mode)))
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def publishing_table(publishing, sizes):
    """Reads of the hot URLs, quiet and while publishing, at each size measured."""
    measured = [publishing[size.name] for size in sizes if (publishing or {}).get(size.name)]
    if not measured:
        return ""
    lines = [
        "| Size | Reads | req/s | p50 ms | p99 ms | answers computed | editor |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for measurement in measured:
        for phase, load, editor in (
            ("quiet", measurement.quiet, ""),
            ("while publishing", measurement.publishing, measurement.publications.describe()),
        ):
            computed = "" if load.computed is None else f"{load.computed:,} of {load.requests:,}"
            row = [measurement.size, phase, *load_cells(load), computed, editor]
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def database_section(run):
    parts = [f"## {run.database}"]
    if run.measurements:
        parts.append(run.table())
    if run.publishing_table():
        parts.append(
            f"Reads of {next(iter(run.publishing.values())).urls} hot URLs, "
            "quiet and while an editor publishes:\n\n" + run.publishing_table()
        )
    return "\n\n".join(parts)


def budget_section(report):
    lines = ["## Budget"]
    for run in report.runs:
        lines.append(f"\n### {run.database}\n")
        lines += [f"- **{check.verdict}** {check.name}: {check.detail}" for check in run.budget]
    for engine, reason in report.missing.items():
        lines.append(f"\n### {engine}\n\n- **SKIP** not measured: {reason}")
    return "\n".join(lines)


def markdown(report):
    machine = report.machine
    load = report.load
    sizes_text = "\n".join(f"- **{size.name}**: {size.describe()}" for size in report.sizes)
    databases = "; ".join(
        f"{run.database} at {', '.join(size.name for size in run.sizes)}" for run in report.runs
    )
    sections = "\n\n".join(database_section(run) for run in report.runs)
    return f"""# API benchmark

Run {report.date}; source {machine["source"]}.

- Machine: {machine["cpu"]}, {machine["cores"]} cores, {machine["memory_gib"]} GiB; {machine["os"]};
  load average {machine["load_average"]} when the run began (other processes share the cores)
- Python {machine["python"]}, Django {machine["django"]}, Wagtail {machine["wagtail"]}
- Databases: {databases}; cache: {machine["cache"]}
- Server: gunicorn {machine["gunicorn"]}, 2 sync workers, on 127.0.0.1
- Load: {machine["load_generator"]}, {load.threads} thread, {load.connections} connections, {load.seconds} s
  per URL (up to {LONGEST_RUN_SECONDS} s for a URL whose single request takes seconds) after {load.warmup_seconds} s of warm-up;
  the hot URLs {CONNECTIONS} connections, {report.publishing_seconds} s quiet and {report.publishing_seconds} s while publishing, after {WARMUP_SECONDS} s of warm-up

Data sets (`manage.py seed_benchmark` under a bare home page, `bench/site_root.py`):

{sizes_text}

{sections}

*Queries* are counted in the server, per request, by a middleware of the
benchmark's settings (`bench/query_count.py`, the `X-Query-Count` header),
after warm-up. *Uncached* runs the server with `API_CACHE_ENABLED=false`;
*cached* with the response cache on, every request a hit; *conditional*
sends the stored response's `ETag` in `If-None-Match` and gets 304. The
references: Wagtail's own `PagesAPIViewSet` listing the same conference's
programme items as children with `fields=*`, and a plain Django view returning
the bytes of the conference detail. The admin's translation status report
(its first page, every language and state) is requested with the session of
a content moderator (`bench/editor.py`). † fewer than {FEW_REQUESTS} requests completed.

*Reads while publishing* (`bench/publishing.py`): 50 URLs external sites
read most (conference details and calendars in both languages, programmes as
listings, items and calendars, project details, listings of upcoming
conferences and of projects; `bench/hot_urls.py`), each request the next in
turn, with the response cache on; first quiet, then while an editor in a
process of their own republishes, twice a second through Wagtail's publish
path, a network page none of them shows (`bench/publisher.py`). *Answers
computed*: those the views made (queries above zero) rather than the
response cache.

{budget_section(report)}
"""


def json_document(report):
    return json.dumps(
        {
            "date": report.date,
            "machine": report.machine,
            "load": asdict(report.load),
            "publishing_load": {
                "connections": CONNECTIONS,
                "seconds": report.publishing_seconds,
                "warmup_seconds": WARMUP_SECONDS,
            },
            "sizes": [
                {
                    "name": size.name,
                    "conferences": size.conferences,
                    "items": size.items,
                    "projects": size.projects,
                    "networks": size.networks,
                    "pages": size.pages,
                }
                for size in report.sizes
            ],
            "runs": [run_document(run) for run in report.runs],
            "missing": report.missing,
        },
        indent=2,
        ensure_ascii=False,
    )


def run_document(run):
    return {
        "engine": run.engine,
        "database": run.database,
        "sizes": [size.name for size in run.sizes],
        "endpoints": {
            endpoint.key: endpoint.label
            for endpoint in [*run.endpoints, *run.references, *run.admin_pages]
        },
        "paths": run.paths,
        "results": [measurement.as_dict() for measurement in run.measurements],
        "publishing": [measurement.as_dict() for measurement in (run.publishing or {}).values()],
        "budget": [check.as_dict() for check in run.budget],
    }
