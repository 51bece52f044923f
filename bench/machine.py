"""What the numbers were measured on: they mean little without it."""

import hashlib
import os
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .paths import PROJECT_DIR


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_gib():
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return None


def load_average():
    """The one-minute load average: how busy the machine was with other work."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def package_version(name):
    try:
        return version(name)
    except PackageNotFoundError:
        return None


MEASURED_CODE = ("content_types", "site")


def git(*arguments):
    return subprocess.run(
        ["git", *arguments], cwd=PROJECT_DIR, capture_output=True, text=True
    ).stdout.strip()


def source_revision():
    """The commit and a hash of the measured code as it is on disk, committed or not.

    Read at the start and the end of a run: code that changed in between
    (another change landing, an edit saved) makes the sizes incomparable.
    """
    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return None
    files = git("ls-files", "--cached", "--others", "--exclude-standard", "--", *MEASURED_CODE)
    code = hashlib.sha256()
    for path in sorted(set(files.splitlines())):
        if (PROJECT_DIR / path).is_file():
            code.update(path.encode() + b"\0" + (PROJECT_DIR / path).read_bytes())
    edited = (
        " (with uncommitted changes)" if git("status", "--porcelain", "--", *MEASURED_CODE) else ""
    )
    return f"{commit}{edited}, code {code.hexdigest()[:10]}"


def describe_machine(databases, cache, wrk):
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": memory_gib(),
        "load_average": load_average(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "databases": [database.version() for database in databases],
        "cache": cache.description,
        "django": package_version("Django"),
        "wagtail": package_version("wagtail"),
        "gunicorn": package_version("gunicorn"),
        "load_generator": wrk,
        "source": source_revision(),
    }


def one_line(machine):
    memory = f", {machine['memory_gib']} GiB" if machine["memory_gib"] else ""
    return (
        f"{machine['cpu']}, {machine['cores']} cores{memory}; Python {machine['python']}; "
        f"{' and '.join(machine['databases'])}; cache: {machine['cache']}"
    )
