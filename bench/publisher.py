"""An editor who republishes one page twice a second, in a process of their own.

The reads-while-publishing scenario (``publishing.py``) runs it beside the
server, on the server's database and cache. Each publication takes Wagtail's
own path, as *Publish* in the admin does: the page is edited (its "how the
network meets" text gets the publication's number, so that every revision
differs from the last), a revision is saved and published, and everything the
site does on ``page_published`` runs and commits (the API's content
generation moves, the translations' source is brought up to date).

    manage.py shell --no-imports --command \\
        "from bench.publisher import republish; republish(411, 0.5)"

The process prints ``READY`` once its first publication has committed, so the
measurement starts on a process that has loaded Django and published once.
Stopped with SIGTERM, it finishes the publication under way and prints a
summary of those after the first: how many, how long each took, how many
failed (on SQLite a publication waits for the single writer's lock and may
give up after the driver's timeout).
"""

import json
import queue
import signal
import statistics
import subprocess
import threading
import time
from dataclasses import asdict, dataclass

from .paths import MANAGE, PROJECT_DIR, PYTHON

INTERVAL = 0.5  # seconds between the starts of two publications: twice a second
EDITED_FIELD = "meeting_structure"
READY = "bench-publisher: publishing"
SUMMARY = "bench-publisher: summary "
# The first publication loads Django, Wagtail and the page's relations.
START_TIMEOUT = 120
# A publication under way when the process is told to stop; SQLite may make it wait.
STOP_TIMEOUT = 60


@dataclass(frozen=True)
class Publications:
    """What the editor did while the load ran."""

    count: int
    seconds: float
    median_ms: float | None
    max_ms: float | None
    failures: int
    first_error: str = ""
    last_text: str = ""  # what the last publication made the edited field say

    @property
    def per_second(self):
        return self.count / self.seconds if self.seconds else 0.0

    def describe(self):
        timing = (
            f", {self.median_ms:.0f} ms each (median), {self.max_ms:.0f} ms at most"
            if self.median_ms is not None
            else ""
        )
        failed = f", {self.failures} failed ({self.first_error})" if self.failures else ""
        return f"{self.count} publications, {self.per_second:.1f}/s{timing}{failed}"

    def as_dict(self):
        return {**asdict(self), "per_second": round(self.per_second, 2)}


def republish(page_id, interval=INTERVAL):
    """Publish an edit of page ``page_id`` every ``interval`` seconds until SIGTERM."""
    from django.db import DatabaseError
    from wagtail.models import Page

    from .editor import ensure_editor

    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_arguments: stopping.set())
    editor = ensure_editor()
    original = getattr(Page.objects.get(id=page_id).specific, EDITED_FIELD)
    publish_edit(page_id, original, 0, editor)
    print(READY, flush=True)
    started = due = time.monotonic()
    durations, failures, first_error, last_text = [], 0, "", original
    while not stopping.is_set():
        began = time.perf_counter()
        try:
            text = publish_edit(page_id, original, len(durations) + failures + 1, editor)
        except DatabaseError as error:
            failures += 1
            first_error = first_error or str(error)
        else:
            durations.append(time.perf_counter() - began)
            last_text = text
        # The next one is due an interval after this one was; if this one took
        # longer than the interval, the next starts at once, without catching up.
        due = max(due + interval, time.monotonic())
        stopping.wait(due - time.monotonic())
    summary = Publications(
        count=len(durations),
        seconds=time.monotonic() - started,
        median_ms=statistics.median(durations) * 1000 if durations else None,
        max_ms=max(durations) * 1000 if durations else None,
        failures=failures,
        first_error=first_error,
        last_text=last_text,
    )
    print(SUMMARY + json.dumps(asdict(summary)), flush=True)


def publish_edit(page_id, original, number, editor):
    """One edit of the page, saved as a revision and published as the admin does.

    Returns the edited field's new text.
    """
    from wagtail.models import Page

    page = Page.objects.get(id=page_id).specific
    text = f"{original} ({number})" if number else original
    setattr(page, EDITED_FIELD, text)
    revision = page.save_revision(user=editor, log_action=True)
    revision.publish(user=editor)
    return text


class Publisher:
    """The editor's process: publishing from ``__enter__`` on, until ``stop()``.

    ``environment`` is the server's, so that the editor writes to its database
    and moves the content generation in the cache the server reads.
    """

    def __init__(self, environment, page_id, log_path, interval=INTERVAL):
        self.command = [
            PYTHON,
            MANAGE,
            "shell",
            "--no-imports",
            "--command",
            f"from bench.publisher import republish; republish({int(page_id)}, {interval!r})",
        ]
        self.environment = environment
        self.log_path = log_path
        self.lines = queue.Queue()
        self.process = None
        self.reader = None

    def __enter__(self):
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=PROJECT_DIR,
                env=self.environment,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
        self.reader = threading.Thread(target=self.read_lines, daemon=True)
        self.reader.start()
        if self.wait_for(READY, START_TIMEOUT) is None:
            self.kill()
            raise RuntimeError(f"The editor did not publish; see {self.log_path}")
        return self

    def __exit__(self, *exc_info):
        self.kill()

    def read_lines(self):
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)  # the process has closed its output: it has ended

    def wait_for(self, prefix, timeout):
        """The first line from now on that starts with ``prefix``; None if none comes in time."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                return None
            if line is None:
                return None
            if line.startswith(prefix):
                return line
        return None

    def stop(self):
        """Stop publishing; returns the Publications made since ``__enter__``."""
        self.process.send_signal(signal.SIGTERM)
        line = self.wait_for(SUMMARY, STOP_TIMEOUT)
        self.process.wait(timeout=STOP_TIMEOUT)
        if line is None:
            raise RuntimeError(f"The editor stopped without a summary; see {self.log_path}")
        return Publications(**json.loads(line.removeprefix(SUMMARY)))

    def kill(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
