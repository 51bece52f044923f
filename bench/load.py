"""Load from a second process: wrk, with its latency distribution read from its report.

One URL, or many in turn with ``rotate.lua`` (``run_wrk(..., rotating=paths_file)``).
"""

import re
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

WRK = "wrk"
ROTATE_SCRIPT = Path(__file__).resolve().with_name("rotate.lua")
# A slow listing on the large data set must count as slow, not as a timeout.
TIMEOUT = "60s"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
DURATION = re.compile(r"([0-9.]+)(us|ms|s|m|h)")


@dataclass(frozen=True)
class LoadSettings:
    seconds: int
    connections: int
    threads: int
    warmup_seconds: int


@dataclass(frozen=True)
class LoadResult:
    requests: int
    requests_per_second: float
    p50_ms: float | None
    p99_ms: float | None
    max_ms: float | None
    errors: int  # socket errors, timeouts and answers other than 2xx or 3xx
    # With rotate.lua: the answers the views made, not the response cache.
    computed: int | None = None

    def as_dict(self):
        return asdict(self)


def wrk_version():
    found = shutil.which(WRK)
    if found is None:
        return None
    report = subprocess.run([found, "-v"], capture_output=True, text=True)
    return (report.stdout or report.stderr).split(" [")[0].strip()


def run_wrk(url, seconds, settings, headers=None, rotating=None):
    """Load on ``url``; with ``rotating``, a file of paths, on each of them in turn."""
    options = [
        f"--threads={settings.threads}",
        f"--connections={settings.connections}",
        f"--duration={seconds}s",
        f"--timeout={TIMEOUT}",
        "--latency",
    ]
    for name, value in (headers or {}).items():
        options += ["--header", f"{name}: {value}"]
    script = [] if rotating is None else [f"--script={ROTATE_SCRIPT}"]
    script_arguments = [] if rotating is None else ["--", str(rotating)]
    report = subprocess.run(
        [WRK, *options, *script, url, *script_arguments], capture_output=True, text=True, check=True
    )
    return parse_report(report.stdout)


def milliseconds(text):
    match = DURATION.fullmatch(text)
    return float(match[1]) * UNITS[match[2]] if match else None


def parse_report(report):
    requests = int(re.search(r"^\s*(\d+) requests in", report, re.MULTILINE)[1])
    rate = float(re.search(r"^Requests/sec:\s*([0-9.]+)", report, re.MULTILINE)[1])
    percentiles = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)", report, re.MULTILINE))
    latency = re.search(r"^\s+Latency\s+\S+\s+\S+\s+(\S+)", report, re.MULTILINE)
    errors = 0
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report
    )
    if socket_errors:
        errors += sum(int(number) for number in socket_errors.groups())
    non_success = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    if non_success:
        errors += int(non_success[1])
    computed = re.search(r"^Computed answers: (\d+) of", report, re.MULTILINE)
    completed = requests > 0
    return LoadResult(
        requests=requests,
        requests_per_second=rate,
        p50_ms=milliseconds(percentiles["50"]) if completed else None,
        p99_ms=milliseconds(percentiles["99"]) if completed else None,
        max_ms=milliseconds(latency[1]) if completed and latency else None,
        errors=errors,
        computed=int(computed[1]) if computed else None,
    )
