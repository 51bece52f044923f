"""HTTPS to the checked address keeps the URL's name: for TLS's server name and the certificate.

The receiver is a real HTTPS server on 127.0.0.1 with a certificate made by
``openssl`` for one name; OpenSSL trusts it through ``SSL_CERT_FILE``, as a
system's trust store would. The subscriber's URL names ``localhost``: the
attempt resolves it, checks 127.0.0.1 against the allowed networks, connects
there, and must still present and verify ``localhost``.
"""

import shutil
import ssl
import subprocess
import threading
from http.server import ThreadingHTTPServer

import pytest

from content_types.models import WebhookDelivery, WebhookSubscriber
from content_types.webhooks.models import DeliveryError

from .. import utils
from .conftest import Receiver, RecordingHandler

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command"),
]


def make_certificate(directory, name):
    """A self-signed certificate for ``name`` and its key: ``(certificate, key)`` paths."""
    certificate, key = directory / f"{name}.pem", directory / f"{name}.key"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}",
            "-keyout", str(key), "-out", str(certificate),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return certificate, key


@pytest.fixture
def https_receiver(request, tmp_path, monkeypatch, settings):
    """An HTTPS receiver on 127.0.0.1 whose certificate names ``request.param``."""
    settings.SAMVERKAN_WEBHOOKS = {
        **settings.SAMVERKAN_WEBHOOKS,
        "ALLOWED_NETWORKS": ["127.0.0.0/8", "::1"],
        "MAX_ATTEMPTS": 1,
    }
    certificate, key = make_certificate(tmp_path, request.param)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
    server_names = []
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate, key)
    context.sni_callback = lambda sock, server_name, ctx: server_names.append(server_name)
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordingHandler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    port = server.server_address[1]
    server.receiver = Receiver(url=f"https://localhost:{port}/hooks/samverkan")
    server.receiver.server_names = server_names
    # shutdown() returns at the loop's next look at the socket: every 0.5 s by default.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    yield server.receiver
    server.shutdown()
    server.server_close()
    thread.join()


def publish(conference_index, capture):
    with capture(execute=True):
        utils.make_conference(conference_index)


@pytest.mark.parametrize("https_receiver", ["localhost"], indirect=True)
def test_the_name_is_sent_and_verified_while_the_checked_address_is_reached(
    https_receiver, conference_index, django_capture_on_commit_callbacks
):
    WebhookSubscriber.objects.create(name="Säker", url=https_receiver.url, secret="s")
    publish(conference_index, django_capture_on_commit_callbacks)

    assert WebhookDelivery.objects.get().status_code == 200
    assert https_receiver.server_names == ["localhost"]
    port = https_receiver.url.split(":")[2].split("/")[0]
    assert https_receiver.requests[0].headers["Host"] == f"localhost:{port}"


@pytest.mark.parametrize("https_receiver", ["hooks.example.org"], indirect=True)
def test_a_certificate_for_another_name_is_not_accepted(
    https_receiver, conference_index, django_capture_on_commit_callbacks
):
    WebhookSubscriber.objects.create(name="Fel namn", url=https_receiver.url, secret="s")
    publish(conference_index, django_capture_on_commit_callbacks)

    logged = WebhookDelivery.objects.get()
    assert logged.status_code is None
    assert logged.error_kind() == DeliveryError.TLS
    assert https_receiver.requests == []
