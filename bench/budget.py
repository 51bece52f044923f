"""The performance budget of the content API, checked on one run's measurements.

- The conference detail with its programme, uncached, serves at least 20 times
  the requests per second of stock Wagtail v2's ``fields=*`` child listing of
  the same programme: what the API's loading buys over Wagtail's per-row queries.
- Cached (a stored response) and conditional (a 304 to If-None-Match), the
  detail serves at least half the requests per second of a view that returns
  the same bytes and does nothing else.
- Uncached, the detail and the ``fields=*`` conference listing each serve at
  least a third of the requests per second they serve as response-cache hits:
  an answer the API has to make costs at most three stored ones.
- Read by 8 connections in turn, 50 hot URLs serve at least 70% of their
  quiet requests per second while an editor republishes an unrelated page
  twice a second (``publishing.py``), the response cache on; every answer a
  success, and the publications seen by the server.
- At the large size every endpoint's p99 latency is within 1.5 times the small size's.
- Every endpoint costs the same number of SQL queries at both sizes.
- The admin's translation status report answers an editor within a second
  (median) at the largest size, and costs the same number of queries at both.
"""

from dataclasses import dataclass

STOCK_FACTOR = 20
TRIVIAL_SHARE = 0.5
# Uncached at least 1/CACHE_HIT_DIVISOR of a cache hit's requests per second.
CACHE_HIT_DIVISOR = 3
UNCACHED_AGAINST_HIT = (("conference_detail", "detail"), ("conference_listing", "listing fields=*"))
PUBLISHING_SHARE = 0.7
P99_GROWTH = 1.5
API_MODES = ("uncached", "cached", "conditional")
ADMIN_PAGE_MS = 1000


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool | None  # None: not measured in this run
    detail: str

    @property
    def verdict(self):
        return {True: "PASS", False: "FAIL", None: "SKIP"}[self.passed]

    def as_dict(self):
        return {"name": self.name, "verdict": self.verdict, "detail": self.detail}


def check_budget(measurements, sizes, api_endpoints, admin_pages=(), publishing=None):
    """The checks of one database's run. ``publishing``: the reads-while-publishing
    measurement of each size (None where it was not measured), or None when the
    scenario was not run at all."""
    found = {(m.size, m.endpoint, m.mode): m for m in measurements}
    checks = []
    for size in sizes:
        checks += size_checks(found, size.name)
        if publishing is not None:
            checks.append(publishing_check(size.name, publishing.get(size.name)))
    if not measurements:
        return checks  # the endpoints were not measured
    checks += [
        admin_check(found.get((sizes[-1].name, page.key, "admin")), page, sizes[-1].name)
        for page in admin_pages
    ]
    if len(sizes) < 2:
        skipped = "needs two sizes; this database was measured at one"
        checks.append(Check(f"p99 large ≤ {P99_GROWTH}× small", None, skipped))
        checks.append(Check("queries per request constant across sizes", None, skipped))
        return checks
    small, large = sizes[0].name, sizes[-1].name
    for endpoint in api_endpoints:
        for mode in API_MODES:
            before, after = (
                found.get((small, endpoint.key, mode)),
                found.get((large, endpoint.key, mode)),
            )
            if before and after:
                checks.append(growth_check(endpoint, mode, before, after, small, large))
                checks.append(query_check(endpoint, mode, before, after, small, large))
    for page in admin_pages:
        before, after = found.get((small, page.key, "admin")), found.get((large, page.key, "admin"))
        if before and after:
            checks.append(query_check(page, "admin", before, after, small, large))
    return checks


def admin_check(measurement, page, size):
    median = measurement.load.p50_ms if measurement else None
    return Check(
        f"{page.key}: median at {size} < {ADMIN_PAGE_MS / 1000:g} s",
        None if measurement is None else median is not None and median < ADMIN_PAGE_MS,
        "not measured" if measurement is None else format_ms(median),
    )


def rate(measurement):
    return measurement.load.requests_per_second if measurement else None


def size_checks(found, size):
    detail_uncached = found.get((size, "conference_detail", "uncached"))
    stock = found.get((size, "stock_programme", "reference"))
    trivial = found.get((size, "trivial", "reference"))
    checks = []
    if detail_uncached and stock:
        ratio = ratio_of(rate(detail_uncached), rate(stock))
        checks.append(
            Check(
                f"{size}: detail uncached ≥ {STOCK_FACTOR}× stock v2 child listing (req/s)",
                ratio is not None and ratio >= STOCK_FACTOR,
                f"{rate(detail_uncached):.1f} vs {rate(stock):.1f} req/s: {describe_ratio(ratio)}",
            )
        )
    for mode in ("cached", "conditional"):
        detail = found.get((size, "conference_detail", mode))
        if detail and trivial:
            ratio = ratio_of(rate(detail), rate(trivial))
            checks.append(
                Check(
                    f"{size}: detail {mode} ≥ {TRIVIAL_SHARE:g}× trivial view (req/s)",
                    ratio is not None and ratio >= TRIVIAL_SHARE,
                    f"{rate(detail):.1f} vs {rate(trivial):.1f} req/s: {describe_ratio(ratio)}",
                )
            )
    for key, name in UNCACHED_AGAINST_HIT:
        uncached, hit = found.get((size, key, "uncached")), found.get((size, key, "cached"))
        if uncached and hit:
            checks.append(
                Check(
                    f"{size}: {name} uncached ≥ cache hit / {CACHE_HIT_DIVISOR} (req/s)",
                    rate(uncached) * CACHE_HIT_DIVISOR >= rate(hit),
                    f"{rate(uncached):.1f} vs {rate(hit):.1f} req/s: "
                    f"{describe_ratio(ratio_of(rate(uncached), rate(hit)))}",
                )
            )
    return checks


def publishing_check(size, measurement):
    """Reads while publishing against quiet reads. Fails, whatever the ratio, when an
    answer failed (a fast error is no read) or the server never answered the last
    publication (then publishing cost the readers nothing)."""
    name = f"{size}: reads while publishing ≥ {PUBLISHING_SHARE:.0%} of quiet (req/s)"
    if measurement is None:
        return Check(name, None, "needs the cache every process shares (Redis), not local memory")
    quiet, publishing = measurement.quiet, measurement.publishing
    ratio = measurement.ratio
    detail = (
        f"{publishing.requests_per_second:.1f} while publishing vs "
        f"{quiet.requests_per_second:.1f} quiet req/s: {describe_ratio(ratio)}; "
        f"{measurement.publications.describe()}"
    )
    errors = quiet.errors + publishing.errors
    if errors:
        detail += f"; {errors} answers failed"
    reached = measurement.served_last_publication and measurement.publications.count > 0
    if not reached:
        detail += "; the server never answered the last publication"
    passed = ratio is not None and ratio >= PUBLISHING_SHARE and reached and not errors
    return Check(name, passed, detail)


def growth_check(endpoint, mode, before, after, small, large):
    p99_before, p99_after = before.load.p99_ms, after.load.p99_ms
    ratio = ratio_of(p99_after, p99_before)
    return Check(
        f"{endpoint.key} {mode}: p99 {large} ≤ {P99_GROWTH}× {small}",
        ratio is not None and ratio <= P99_GROWTH,
        f"{format_ms(p99_after)} vs {format_ms(p99_before)}: {describe_ratio(ratio)}",
    )


def query_check(endpoint, mode, before, after, small, large):
    return Check(
        f"{endpoint.key} {mode}: queries {large} = {small}",
        before.queries is not None and before.queries == after.queries,
        f"{after.queries} vs {before.queries}",
    )


def ratio_of(numerator, denominator):
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def describe_ratio(ratio):
    return "not measured" if ratio is None else f"{ratio:.2f}×"


def format_ms(value):
    return "–" if value is None else f"{value:.1f} ms"
