"""Where the benchmark reads and writes."""

import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
# Logs, the SQLite database and the trivial view's body: never committed.
SCRATCH_DIR = BENCH_DIR / "tmp"

PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
MANAGE = str(PROJECT_DIR / "manage.py")
