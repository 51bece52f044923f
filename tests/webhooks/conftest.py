"""A real HTTP receiver on 127.0.0.1 that records what it is sent, and a subscriber for it.

Webhooks are not sent to loopback addresses: the fixtures that deliver to one
allow it, as a site allows an internal receiver (``loopback_allowed``).
"""

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from content_types.models import WebhookSubscriber

SECRET = "receiver-secret"


@dataclass
class ReceivedRequest:
    path: str
    headers: dict
    body: bytes
    received_at: float

    @property
    def payload(self):
        return json.loads(self.body)


@dataclass
class Receiver:
    """What the test server was sent. It answers the statuses in ``answers`` in
    turn, then ``status``."""

    url: str
    status: int = 200
    answers: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def payloads(self):
        return [request.payload for request in self.requests]

    def events(self):
        return [request.payload["event"] for request in self.requests]


class RecordingHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        receiver = self.server.receiver
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with receiver.lock:
            receiver.requests.append(
                ReceivedRequest(self.path, dict(self.headers), body, time.monotonic())
            )
            status = receiver.answers.pop(0) if receiver.answers else receiver.status
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):  # quiet
        pass


@pytest.fixture
def loopback_allowed(settings):
    """127.0.0.1 is in ``ALLOWED_NETWORKS``, as a site's internal receiver would be."""
    settings.SAMVERKAN_WEBHOOKS = {
        **settings.SAMVERKAN_WEBHOOKS,
        "ALLOWED_NETWORKS": ["127.0.0.1/32"],
    }


@pytest.fixture
def receiver(loopback_allowed):
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordingHandler)
    host, port = server.server_address
    server.receiver = Receiver(url=f"http://{host}:{port}/hooks/samverkan")
    # shutdown() returns at the loop's next look at the socket: every 0.5 s by default.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    yield server.receiver
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def closed_port_url(loopback_allowed):
    """A URL nobody listens on: a port the system handed out and that was closed again."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/hooks"


@pytest.fixture
def fast_retries(settings):
    settings.SAMVERKAN_WEBHOOKS = {
        **settings.SAMVERKAN_WEBHOOKS,
        "MAX_ATTEMPTS": 3,
        "BACKOFF_SECONDS": 0.01,
        "TIMEOUT_SECONDS": 5,
    }
    return settings.SAMVERKAN_WEBHOOKS


@pytest.fixture
def subscriber(db, receiver):
    return WebhookSubscriber.objects.create(
        name="Biblioteksportalen", url=receiver.url, secret=SECRET
    )
