"""One POST, to an address that was checked, within one deadline for the whole attempt.

Timeouts of ``requests`` and ``http.client`` hold for each socket operation: a
receiver that sends a byte every few seconds keeps a request open as long as
it likes. Here ``timeout`` is the whole attempt. The host is resolved and its
addresses checked (``addresses.py``); the connection goes to a checked address
while the Host header, TLS's server name and the certificate check keep the
name from the URL; every later step gets what remains of the deadline:
connecting and the TLS handshake each take it as their total, the request is
sent in chunks and the answer read in chunks, each given what remains. Only
the status line is read, and redirects are not followed.

``http.client`` writes the request; the status line is read here, because its
``HTTPResponse`` reads with a timeout per operation.
"""

import http.client
import re
import socket
import ssl
import time

from . import addresses

CHUNK_SIZE = 16 * 1024
# An answer whose status line has not come within this many bytes is not HTTP.
MAX_STATUS_BYTES = 64 * 1024
STATUS_LINE = re.compile(rb"HTTP/1\.[01] ([1-9][0-9]{2})(?: [^\r\n]*)?\r?")


class InvalidResponse(Exception):
    """The receiver answered something that is not an HTTP/1 status line."""


class Deadline:
    """A point in time, ``seconds`` from now; ``remaining`` raises ``TimeoutError`` past it."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def remaining(self):
        left = self.ends - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no complete answer within {self.seconds:g} s")
        return left


class PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to ``address`` on behalf of ``host``, within ``deadline``."""

    def __init__(self, host, port, *, address, deadline):
        super().__init__(host, port, timeout=deadline.remaining())
        self.address = address
        self.deadline = deadline

    def connect(self):
        self.sock = socket.create_connection(
            (str(self.address), self.port), timeout=self.deadline.remaining()
        )

    def send(self, data):
        # A socket's sendall may take its timeout per chunk (it does on TLS sockets).
        if self.sock is None:
            self.connect()
        view = memoryview(data)
        while view:
            self.sock.settimeout(self.deadline.remaining())
            view = view[self.sock.send(view[:CHUNK_SIZE]) :]


class PinnedHTTPSConnection(PinnedHTTPConnection):
    """HTTPS to ``address``; the certificate must be valid for ``host``."""

    default_port = 443

    def connect(self):
        super().connect()
        context = ssl.create_default_context()
        self.sock.settimeout(self.deadline.remaining())
        self.sock = context.wrap_socket(self.sock, server_hostname=self.host)


def read_status(sock, deadline):
    """The status code of the answer on ``sock``, skipping interim (1xx) answers."""
    buffer = b""
    while True:
        line_end = buffer.find(b"\n")
        if line_end != -1:
            match = STATUS_LINE.fullmatch(buffer[:line_end])
            if match is None:
                raise InvalidResponse("the answer does not start with an HTTP/1 status line")
            status = int(match.group(1))
            if status >= 200:
                return status
            block_end = buffer.find(b"\r\n\r\n")
            if block_end != -1:
                buffer = buffer[block_end + 4 :]
                continue
        if len(buffer) > MAX_STATUS_BYTES:
            raise InvalidResponse("no status line in the first 64 KiB of the answer")
        sock.settimeout(deadline.remaining())
        chunk = sock.recv(CHUNK_SIZE)
        if not chunk:
            raise InvalidResponse("the connection was closed before a status line")
        buffer += chunk


def post(url, body, headers, *, timeout):
    """POST ``body`` to ``url`` and return the answer's status code, all within ``timeout`` s.

    Raises ``addresses.UnsupportedURL``, ``addresses.HostNotFound``,
    ``addresses.AddressRefused`` (nothing was sent), ``TimeoutError``,
    ``ssl.SSLError``, ``InvalidResponse`` or another ``OSError``.
    """
    deadline = Deadline(timeout)
    target = addresses.Target.from_url(url)
    checked = addresses.checked_addresses(target.host, target.port, timeout=deadline.remaining())
    connection_class = PinnedHTTPSConnection if target.scheme == "https" else PinnedHTTPConnection
    unreachable = None
    for address in checked:  # in the resolver's order, as socket.create_connection tries them
        connection = connection_class(target.host, target.port, address=address, deadline=deadline)
        try:
            try:
                connection.connect()
            except (TimeoutError, ssl.SSLError):
                raise
            except OSError as exc:
                unreachable = exc
                continue
            connection.request("POST", target.path, body=body, headers=headers)
            return read_status(connection.sock, deadline)
        finally:
            connection.close()
    raise unreachable
