"""One measurement: warm up, read the query count, put load on one URL, let the server settle."""

import math
import time
from dataclasses import dataclass

from .load import run_wrk
from .probe import fetch

# A slow URL is loaded for longer, up to this, so that a few of its requests complete.
LONGEST_RUN_SECONDS = 8
# How long a request may still run on the server once wrk has stopped waiting for it.
LONGEST_SETTLE_SECONDS = 8


@dataclass(frozen=True)
class Measurement:
    size: str
    endpoint: str
    mode: str  # "uncached", "cached", "conditional" or "reference"
    queries: int | None
    status: int
    body_bytes: int
    load: object  # load.LoadResult

    def as_dict(self):
        return {
            "size": self.size,
            "endpoint": self.endpoint,
            "mode": self.mode,
            "queries": self.queries,
            "status": self.status,
            "body_bytes": self.body_bytes,
            **self.load.as_dict(),
        }


def measure(server, size, endpoint, mode, settings, headers=None, expected_status=200, warm=False):
    """Load on ``endpoint``; returns the Measurement and the reply whose query count it shows.

    ``warm``: the URL has just been measured in another way (the conditional
    run after the cached one), so the server needs no warming up.
    """
    url = server.url(endpoint.path)
    if warm:
        reply = fetch(url, headers)
    else:
        reply = steady_reply(url, settings, headers)
    if reply.status != expected_status:
        raise RuntimeError(
            f"{url} answered {reply.status}, not {expected_status}: {reply.body[:300]!r}"
        )
    load = run_wrk(url, run_seconds(settings, reply.seconds), settings, headers)
    settle(load)
    measurement = Measurement(
        size=size.name,
        endpoint=endpoint.key,
        mode=mode,
        queries=reply.queries,
        status=reply.status,
        body_bytes=len(reply.body),
        load=load,
    )
    return measurement, reply


def steady_reply(url, settings, headers):
    """A reply from a warm server: what every request of the measurement will cost.

    A worker's first requests fill its process-wide caches (the site, the
    locales, content types), which the measurements before this one have
    done; with the response cache on, the first request to a URL stores its
    response, and with it off renders what the delivery store lacks. A URL that answers within the warm-up time is then warmed up
    with wrk, on every worker; for a slower one that would only add time.
    """
    reply = fetch(url, headers)
    # Cached, the first request stores the response; uncached, it renders into the
    # delivery store what the store does not hold yet. Neither is what the rest cost.
    reply = fetch(url, headers)
    if reply.seconds < settings.warmup_seconds:
        settle(run_wrk(url, settings.warmup_seconds, settings, headers))
        reply = fetch(url, headers)
    return reply


def run_seconds(settings, request_seconds):
    """The configured duration, or longer for a URL whose single request takes seconds."""
    wanted = math.ceil(2 * request_seconds)
    return max(settings.seconds, min(wanted, LONGEST_RUN_SECONDS))


def settle(load):
    """Wait for the requests wrk left running, so they do not slow the next measurement.

    When wrk stops, each of its connections may still have a request in a
    worker or in the listen queue: together about as long as the slowest
    request wrk saw.
    """
    if load.max_ms is not None and load.max_ms > 100:
        time.sleep(min(load.max_ms / 1000, LONGEST_SETTLE_SECONDS))
