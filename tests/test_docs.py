"""The documentation keeps up with the code: every setting and every command is documented."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import Route

from nightcramps.config import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"
README = DOCS.parent / "README.md"


def test_every_setting_is_documented() -> None:
    """Each Settings field appears in docs/settings.md as its environment variable."""
    text = (DOCS / "settings.md").read_text()
    missing = [name for name in Settings.model_fields if f"NIGHTCRAMPS_{name.upper()}" not in text]
    assert missing == []


def test_every_setting_has_help_text() -> None:
    """Each Settings field carries a description."""
    assert [n for n, f in Settings.model_fields.items() if not f.description] == []


def test_every_command_is_in_the_cli_reference() -> None:
    """Each CLI command has help text and a section in docs/cli.md."""
    sys.path.insert(0, str(DOCS))
    try:
        _cli_reference = importlib.import_module("_cli_reference")
    finally:
        sys.path.remove(str(DOCS))
    text = (DOCS / "cli.md").read_text()
    for path in _cli_reference.commands():
        title = " ".join(["nightcramps", *path])
        assert f"## `{title}`" in text, f"{title} is missing from docs/cli.md"


def _docs_module(name: str) -> Any:
    sys.path.insert(0, str(DOCS))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(DOCS))


def test_guidance_claims_tables_are_current() -> None:
    """docs/guidance.md holds the generated knowledge index, claims table and sources as the code
    has them now."""
    claims = _docs_module("_claims")
    text = (DOCS / "guidance.md").read_text(encoding="utf-8")
    for name in ("knowledge_index", "claims", "sources"):
        block = getattr(claims, name)()
        assert f"cog.out(_claims.{name}())" in text, f"docs/guidance.md has no {name} block"
        assert block in text, (
            f"docs/guidance.md's {name} table is out of date: regenerate it with "
            "`.venv/bin/cog -r docs/guidance.md` (`make docs` checks it)"
        )


def test_readme_quick_start_is_the_two_commands() -> None:
    """The README's quick start is `make run` and `make test`."""
    text = README.read_text()
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "make run" in quick and "make test" in quick


def test_every_page_is_documented(app: FastAPI) -> None:
    """Each HTML page route (GET, outside /api) has a row in docs/pages.md."""
    text = (DOCS / "pages.md").read_text()
    paths = {
        route.path
        for route in app.routes
        if isinstance(route, APIRoute | Route)
        and "GET" in (route.methods or ())
        and not route.path.startswith(("/api/", "/openapi"))
    }
    missing = sorted(path for path in paths if f"`{path}`" not in text)
    assert missing == []
