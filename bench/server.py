"""The site under gunicorn, as production runs it, on a free port of 127.0.0.1."""

import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

from .paths import GUNICORN, PROJECT_DIR

WORKERS = 2
START_TIMEOUT = 60
# Longer than the slowest request the large data set may take under load.
REQUEST_TIMEOUT = 120
# Answers once a worker has loaded the site.
READY_PATH = "/bench/stock/v2/pages/?limit=1"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A running gunicorn, stopped on leaving the ``with`` block."""

    def __init__(self, environment, log_path):
        self.environment = environment
        self.log_path = log_path
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        command = [
            GUNICORN,
            "--config", str(PROJECT_DIR / "site/gunicorn.conf.py"),
            "--chdir", str(PROJECT_DIR),
            "--pythonpath", "site",
            "--workers", str(WORKERS),
            "--bind", f"127.0.0.1:{self.port}",
            "--timeout", str(REQUEST_TIMEOUT),
            "--log-level", "warning",
            "--error-logfile", "-",
            "samverkan.wsgi:application",
        ]  # fmt: skip
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                command, cwd=PROJECT_DIR, env=self.environment, stdout=log, stderr=log
            )
        self.wait_until_ready()
        return self

    def __exit__(self, *exc_info):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def url(self, path):
        return self.base_url + path

    def wait_until_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited at start-up; see {self.log_path}")
            try:
                urllib.request.urlopen(self.url(READY_PATH), timeout=5).close()
                return
            except urllib.error.HTTPError:
                return  # it answers
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT} s; see {self.log_path}")
