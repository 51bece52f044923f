"""npm packages the tests run (ical.js, axe-core), installed from their committed lock files."""

import fcntl
import shutil
import subprocess

import pytest

NPM_TIMEOUT = 300


def ensure_installed(directory, installed, name):
    """``npm ci`` in ``directory`` unless ``installed`` (a file of the package) is there yet.

    Under a lock on a file beside it: the workers of a parallel run (``pytest -n``)
    may all get here first, and one ``npm ci`` must not empty node_modules under
    another. The others wait for it and find the package installed. Without npm
    the test asking is skipped, naming ``name``.
    """
    with open(directory / "node_modules.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if installed.exists():
            return installed
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip(f"npm is not installed: {name} cannot be installed")
        result = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--prefix", str(directory)],
            capture_output=True,
            timeout=NPM_TIMEOUT,
        )
    assert result.returncode == 0, f"npm ci failed:\n{result.stderr.decode()}"
    return installed
