"""A byte-for-byte record of what every public API endpoint answers over fixed content.

``answer_every_request()`` builds the content in a fresh SQLite database in a
process of its own (``answers.py``: migrated, the demo, a small synthetic set,
a few files and pages the public must not see, ``content.py``, under a stopped
clock, ``moments.py``) and asks every request of ``surfaces.py`` there. The
record (``tests/api/records/endpoints.json.gz``) holds what today's code
answered: ``tests/api/test_output_unchanged.py`` compares the current code's
answers with it (``comparison.py``).

    python -m tests.api.endpoint_record            # compare with the record
    python -m tests.api.endpoint_record --update   # record the current answers

Nothing here imports Django: the answers are made in the other process,
whose settings are read afresh from the environment it is given.
"""

import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[3]
RECORD = Path(__file__).resolve().parent.parent / "records" / "endpoints.json.gz"
#: Settings a developer's environment may set that would change the answers or their database.
OVERRIDDEN_VARIABLES = ("DATABASE_URL", "CACHE_URL", "API_", "TASKS_", "SEARCH_", "DJANGO_")
#: A run takes under a minute; this bounds a process that hangs.
TIMEOUT_SECONDS = 600


class AnswersFailed(Exception):
    """The process that answers the requests failed; its output went to this process's."""


def answer_every_request(environment=None):
    """The answers of the current code, as the record holds them: ``{"answers": [...]}``.

    ``environment`` adds variables to the process's environment (e.g.
    ``PYTHONHASHSEED``).
    """
    with tempfile.TemporaryDirectory(prefix="endpoint-record-") as folder:
        output = Path(folder) / "answers.json"
        result = subprocess.run(
            [sys.executable, "-m", "tests.api.endpoint_record.answers", str(output)],
            cwd=PROJECT_DIR,
            env=answering_environment(Path(folder), environment or {}),
            timeout=TIMEOUT_SECONDS,
        )
        if result.returncode != 0:
            raise AnswersFailed(
                f"the process answering the requests exited with {result.returncode} "
                "(its output is above)"
            )
        return json.loads(output.read_text(encoding="utf-8"))


def answering_environment(folder, more):
    """The test settings, a database file nothing has touched, and a cache of the process's own."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(OVERRIDDEN_VARIABLES)
    }
    paths = [str(PROJECT_DIR / "site"), str(PROJECT_DIR), os.environ.get("PYTHONPATH", "")]
    return {
        **inherited,
        "PYTHONPATH": os.pathsep.join(path for path in paths if path),
        "DJANGO_SETTINGS_MODULE": "samverkan.settings.test",
        "DATABASE_URL": f"sqlite:///{folder / 'content.sqlite3'}",
        # The test settings keep the cache in the process's memory whatever this says.
        "CACHE_URL": "locmemcache://",
        **more,
    }


def read_record(path=RECORD):
    with gzip.open(path, "rt", encoding="utf-8") as file:
        return json.load(file)


def write_record(answers, path=RECORD):
    """Write ``answers`` as indented JSON, gzipped; the same answers give the same bytes."""
    text = json.dumps(answers, ensure_ascii=False, indent=1) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        open(path, "wb") as file,
        gzip.GzipFile(filename="", mode="wb", fileobj=file, mtime=0) as compressed,
    ):
        compressed.write(text.encode())
