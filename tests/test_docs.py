"""The documentation holds together: a short README, and every link in it and in docs/ resolves.

Links are read as GitHub renders them: a relative link names a file or folder of
the repository, and a ``#fragment`` names a heading of the page it points to,
by GitHub's rule for heading anchors. Links to other sites are not fetched.
"""

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
README_MAX_LINES = 200

PAGES = sorted(
    [
        README,
        ROOT / "CHANGELOG.md",
        *(ROOT / "docs").glob("*.md"),
        *(ROOT / "bench" / "results").glob("*.md"),
    ]
)

FENCE = re.compile(r"^(```|~~~)")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
# [text](target) and ![alt](target); the target ends at the first space or ")".
LINK = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*(\S+)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def prose_lines(path):
    """The lines of ``path`` outside fenced code blocks, with their numbers."""
    inside = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if FENCE.match(line.lstrip()):
            inside = not inside
            continue
        if not inside:
            yield number, line


def anchor(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = text.lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path):
    """Every heading anchor of a Markdown page, repeated headings numbered as GitHub does."""
    seen = {}
    found = set()
    for _, line in prose_lines(path):
        match = HEADING.match(line)
        if not match:
            continue
        base = anchor(match.group(2))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(path):
    """(line number, target) of every link and image in ``path``'s prose."""
    for number, line in prose_lines(path):
        text = INLINE_CODE.sub("", line)
        for match in LINK.finditer(text):
            yield number, match.group(1)
        reference = REFERENCE.match(text)
        if reference:
            yield number, reference.group(1)


def broken(path, target):
    """Why ``target``, linked from ``path``, does not resolve; None when it does."""
    if EXTERNAL.match(target):
        return None
    address, _, fragment = target.partition("#")
    linked = (path.parent / unquote(address)).resolve() if address else path
    if not linked.exists():
        return f"no file {linked}"
    if address and not linked.is_relative_to(ROOT):
        return "outside the repository"
    if fragment:
        if linked.suffix != ".md":
            return f"a heading asked of {linked.name}, which is not Markdown"
        if unquote(fragment) not in anchors(linked):
            return f"no heading #{fragment} in {linked.name}"
    return None


def test_the_readme_is_short():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES


def test_the_documentation_is_there_by_reader():
    names = {page.name for page in (ROOT / "docs").glob("*.md")}
    expected = {"api.md", "editors.md", "operations.md", "security.md", "architecture.md"}
    assert expected | {"testing.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_link_resolves(page):
    problems = [
        f"{page.relative_to(ROOT)}:{number}: {target}: {reason}"
        for number, target in links(page)
        if (reason := broken(page, target))
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_page_is_linked_from_the_readme_or_docs(page):
    if page == README:
        return
    linking = [other for other in PAGES if other != page]
    targets = {
        (other.parent / unquote(target.partition("#")[0])).resolve()
        for other in linking
        for _, target in links(other)
        if not EXTERNAL.match(target) and target.partition("#")[0]
    }
    assert page.resolve() in targets


class TestAnchorRule:
    """The rule itself, on headings whose GitHub anchors are known."""

    @pytest.mark.parametrize(
        ("heading", "expected"),
        [
            ("Search-engine markup (JSON-LD)", "search-engine-markup-json-ld"),
            ("The client's address", "the-clients-address"),
            ("`make bench`", "make-bench"),
            ("Backup and restore", "backup-and-restore"),
            ("Översättning & granskning", "översättning--granskning"),
            ("[Unreleased]", "unreleased"),
        ],
    )
    def test_github_anchor(self, heading, expected):
        assert anchor(heading) == expected

    def test_a_missing_heading_is_reported(self, tmp_path):
        page = tmp_path / "page.md"
        page.write_text("# Title\n\n## Part\n\n[there](#part) [nowhere](#gone)\n")
        reasons = [broken(page, target) for _, target in links(page)]
        assert reasons[0] is None
        assert "no heading #gone" in reasons[1]

    def test_a_missing_file_is_reported_and_code_is_not_read(self, tmp_path):
        page = tmp_path / "page.md"
        page.write_text("[gone](missing.md) `[code](nowhere.md)`\n\n```\n[x](nowhere.md)\n```\n")
        targets = [target for _, target in links(page)]
        assert targets == ["missing.md"]
        assert broken(page, "missing.md").startswith("no file")
