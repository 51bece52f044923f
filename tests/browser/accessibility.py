"""axe-core, the accessibility engine, run in the page on what a reader gets.

axe-core is installed from ``tests/browser/axe/package-lock.json`` the first
time it is needed (``npm ci``); without npm the tests that need it are skipped.
axe looks into open shadow roots by default, so the elements' content is
checked with the host page's.
"""

import fcntl
import shutil
import subprocess
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent / "axe"
AXE_SCRIPT = AXE / "node_modules" / "axe-core" / "axe.min.js"
NPM_TIMEOUT = 300
#: WCAG 2.1 A and AA, and axe's best practices (headings, landmarks).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def ensure_axe():
    """``npm ci`` in tests/browser/axe when axe-core is not installed there yet.

    Under a lock on a file beside it: the workers of a parallel run may all get
    here first, and one ``npm ci`` must not empty node_modules under another.
    """
    with open(AXE / "node_modules.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if AXE_SCRIPT.exists():
            return AXE_SCRIPT
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed: axe-core cannot be installed")
        result = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--prefix", str(AXE)],
            capture_output=True,
            timeout=NPM_TIMEOUT,
        )
    assert result.returncode == 0, f"npm ci failed:\n{result.stderr.decode()}"
    return AXE_SCRIPT


def violations(page):
    """axe's violations on ``page``, each as "rule: target, ..." for a readable failure."""
    page.add_script_tag(path=str(ensure_axe()))
    found = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
            return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
        }""",
        TAGS,
    )
    return found
