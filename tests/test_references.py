"""Every reference from the code and the docs to a document resolves inside the repository: a
newcomer can follow each one (no paths to the authors' machines, no files that do not ship)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    *sorted((ROOT / "src" / "nightcramps").rglob("*.py")),
    *sorted((ROOT / "src" / "nightcramps").rglob("*.html")),
    *sorted((ROOT / "src" / "nightcramps").rglob("*.md")),
    *sorted((ROOT / "src" / "nightcramps").rglob("*.toml")),
    *sorted((ROOT / "docs").glob("*.md")),
    ROOT / "README.md",
]
DOC_REFERENCE = re.compile(r"(?<![\w/.])docs/([\w-]+\.md)")
OUTSIDE = re.compile(r"(?<![\w])(?:\.\./)?shared/[\w/-]+\.(?:md|txt)|/home/\w+|/Users/\w+")


def _lines() -> list[tuple[str, str]]:
    found = []
    for path in SOURCES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found.append((f"{path.relative_to(ROOT)}:{number}", line))
    return found


def test_every_named_document_exists() -> None:
    """``docs/<name>.md`` named anywhere is a file of docs/."""
    missing = [
        f"{where} names docs/{name}"
        for where, line in _lines()
        for name in DOC_REFERENCE.findall(line)
        if not (ROOT / "docs" / name).exists()
    ]
    assert missing == []


def test_nothing_points_outside_the_repository() -> None:
    """No reference to the authors' research folder or home directories: cite the publication,
    or a document of docs/."""
    outside = [f"{where}: {m}" for where, line in _lines() for m in OUTSIDE.findall(line)]
    assert outside == []


@pytest.mark.parametrize(
    ("line", "pattern"),
    [("see ``shared/evidence.md``", OUTSIDE), ("see docs/nowhere.md", DOC_REFERENCE)],
)
def test_the_scans_see_what_they_look_for(line: str, pattern: re.Pattern[str]) -> None:
    """Both patterns find the forms they are meant to, so the tests above cannot pass vacuously."""
    assert pattern.findall(line)
