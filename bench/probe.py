"""Single requests to the server: a reply's status, headers, body, query count and time."""

import http.client
import json
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from .query_count import QUERY_COUNT_HEADER

TIMEOUT = 120


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict
    body: bytes
    seconds: float

    @property
    def queries(self):
        value = self.headers.get(QUERY_COUNT_HEADER.lower())
        return int(value) if value is not None else None

    def json(self):
        return json.loads(self.body)


def fetch(url, headers=None):
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
    started = time.perf_counter()
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", target, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return Reply(response.status, headers, body, time.perf_counter() - started)
    finally:
        connection.close()


def fetch_json(url):
    reply = fetch(url)
    if reply.status != 200:
        raise RuntimeError(f"{url} answered {reply.status}: {reply.body[:300]!r}")
    return reply.json()
