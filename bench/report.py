"""The run's results as one table, in Markdown for people and JSON for tools."""

import json
from dataclasses import asdict, dataclass, field

from .budget import API_MODES
from .measure import LONGEST_RUN_SECONDS

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
    date: str
    machine: dict
    load: object  # load.LoadSettings
    sizes: list
    endpoints: list  # the API's, in table order
    references: list
    paths: dict  # size name -> endpoint key -> the path measured
    measurements: list
    budget: list
    admin_pages: list = field(default_factory=list)

    def table(self):
        return markdown_table(
            self.measurements, self.sizes, self.endpoints, self.references, self.admin_pages
        )


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


def cells(measurement):
    if measurement is None:
        return ["", "", "", ""]
    load = measurement.load
    few = "†" if load.requests < FEW_REQUESTS else ""
    errors = f" ({load.errors} errors)" if load.errors else ""
    queries = "" if measurement.queries is None else str(measurement.queries)
    return [
        queries,
        format_rate(load.requests_per_second) + errors,
        format_ms(load.p50_ms) + few,
        format_ms(load.p99_ms) + few,
    ]


def markdown_table(measurements, sizes, endpoints, references, admin_pages=()):
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


def markdown(run):
    machine = run.machine
    load = run.load
    sizes_text = "\n".join(f"- **{size.name}**: {size.describe()}" for size in run.sizes)
    budget_text = "\n".join(
        f"- **{check.verdict}** {check.name}: {check.detail}" for check in run.budget
    )
    return f"""# API benchmark

Run {run.date}; source {machine["source"]}.

- Machine: {machine["cpu"]}, {machine["cores"]} cores, {machine["memory_gib"]} GiB; {machine["os"]};
  load average {machine["load_average"]} when the run began (other processes share the cores)
- Python {machine["python"]}, Django {machine["django"]}, Wagtail {machine["wagtail"]}
- Database: {machine["database"]}; cache: {machine["cache"]}
- Server: gunicorn {machine["gunicorn"]}, 2 sync workers, on 127.0.0.1
- Load: {machine["load_generator"]}, {load.threads} thread, {load.connections} connections, {load.seconds} s
  per URL (up to {LONGEST_RUN_SECONDS} s for a URL whose single request takes seconds) after {load.warmup_seconds} s of warm-up

Data sets (`manage.py seed_benchmark` under a bare home page, `bench/site_root.py`):

{sizes_text}

{run.table()}

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

## Budget

{budget_text}
"""


def json_document(run):
    return json.dumps(
        {
            "date": run.date,
            "machine": run.machine,
            "load": asdict(run.load),
            "sizes": [
                {
                    "name": size.name,
                    "conferences": size.conferences,
                    "items": size.items,
                    "projects": size.projects,
                    "networks": size.networks,
                    "pages": size.pages,
                }
                for size in run.sizes
            ],
            "endpoints": {
                endpoint.key: endpoint.label
                for endpoint in [*run.endpoints, *run.references, *run.admin_pages]
            },
            "paths": run.paths,
            "results": [measurement.as_dict() for measurement in run.measurements],
            "budget": [check.as_dict() for check in run.budget],
        },
        indent=2,
        ensure_ascii=False,
    )
