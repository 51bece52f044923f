"""TIMEOUT_SECONDS is the whole attempt, however slowly the receiver answers.

The receiver here is a real TCP server on 127.0.0.1 that reads the request and
then answers one byte every half second: each read gets a byte well within the
timeout, so only a deadline for the whole attempt ends it.
"""

import socket
import threading
import time

import pytest

from content_types.models import WebhookDelivery, WebhookSubscriber
from content_types.webhooks import delivery
from content_types.webhooks.models import DeliveryError

from .. import utils

pytestmark = pytest.mark.django_db

ANSWER = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
BYTE_INTERVAL = 0.5
DEADLINE = 1.5


class TricklingReceiver:
    """Answers ``ANSWER`` one byte every ``BYTE_INTERVAL`` s; notes whether the client left first."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}/hooks"
        self.requests = 0
        self.sent = 0
        self.cut_off = False
        self.finished = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        try:
            connection, _ = self.server.accept()
        except OSError:  # closed before anyone came
            return
        with connection:
            self.read_request(connection)
            self.requests += 1
            try:
                for index in range(len(ANSWER)):
                    connection.sendall(ANSWER[index : index + 1])
                    self.sent += 1
                    # A real receiver's pace: the deadline under test is kept by the
                    # monotonic clock over a real socket, which no test clock moves.
                    time.sleep(BYTE_INTERVAL)
            except OSError:  # the client closed the connection: a broken pipe or a reset
                self.cut_off = True
        self.finished.set()

    @staticmethod
    def read_request(connection):
        data = b""
        while b"\r\n\r\n" not in data:
            data += connection.recv(4096)
        head, body = data.split(b"\r\n\r\n", 1)
        length = next(
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        while len(body) < length:
            body += connection.recv(4096)

    def close(self):
        self.server.close()


@pytest.fixture
def trickling_receiver(loopback_allowed, settings):
    settings.SAMVERKAN_WEBHOOKS = {
        **settings.SAMVERKAN_WEBHOOKS,
        "MAX_ATTEMPTS": 1,
        "TIMEOUT_SECONDS": DEADLINE,
    }
    receiver = TricklingReceiver()
    yield receiver
    receiver.close()


def test_a_receiver_that_trickles_its_answer_is_cut_at_the_deadline(
    trickling_receiver, django_capture_on_commit_callbacks, conference_index
):
    WebhookSubscriber.objects.create(name="Långsam", url=trickling_receiver.url, secret="s")
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        page = utils.make_conference(conference_index)
    elapsed = time.monotonic() - started

    logged = WebhookDelivery.objects.get()
    assert logged.status_code is None
    assert logged.error_kind() == DeliveryError.TIMEOUT
    assert delivery.is_retryable(logged)  # a timeout may pass: it is retried
    assert trickling_receiver.requests == 1
    # The receiver notices the closed connection at its next byte or two.
    assert trickling_receiver.finished.wait(timeout=10)
    assert trickling_receiver.cut_off
    assert trickling_receiver.sent < len(ANSWER) // 2
    # The whole answer would take 30 s; a safety bound, not a benchmark.
    assert elapsed < DEADLINE + 10
    assert page.live
