"""axe-core, the accessibility engine, run in the page on what a reader gets.

axe-core is installed from ``tests/browser/axe/package-lock.json`` the first
time it is needed (``npm ci``); without npm the tests that need it are skipped.
axe looks into open shadow roots by default, so the elements' content is
checked with the host page's.
"""

from pathlib import Path

from ..npm_packages import ensure_installed

AXE = Path(__file__).resolve().parent / "axe"
AXE_SCRIPT = AXE / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.1 A and AA, and axe's best practices (headings, landmarks).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def ensure_axe():
    """axe-core's script, installed in tests/browser/axe the first time."""
    return ensure_installed(AXE, AXE_SCRIPT, "axe-core")


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
