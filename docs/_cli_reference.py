"""Generates docs/cli.md's reference from the live CLI (run by `cog -r docs/cli.md`)."""

from __future__ import annotations

import os

# Plain click help (no Rich boxes) reads better in Markdown; Typer reads this at import time.
os.environ["TYPER_USE_RICH"] = "0"


from typer.testing import CliRunner

from nightcramps.cli.main import app, walk


def commands() -> list[list[str]]:
    """Every command path, depth first: [], ["cramp"], ["cramp", "add"], ..."""
    return [list(path) for path, _ in walk()]


def reference() -> str:
    """Markdown with the help text of every command."""
    runner = CliRunner()
    parts = []
    for path in commands():
        result = runner.invoke(
            app, [*path, "--help"], env={"COLUMNS": "100"}, prog_name="nightcramps"
        )
        title = " ".join(["nightcramps", *path])
        parts.append(f"## `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)
