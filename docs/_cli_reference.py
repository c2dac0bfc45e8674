"""Generates docs/cli.md's reference from the live CLI (run by `cog -r docs/cli.md`)."""

from __future__ import annotations

import os

# Plain click help (no Rich boxes) reads better in Markdown; Typer reads this at import time.
os.environ["TYPER_USE_RICH"] = "0"

from typing import Any

import typer.main
from typer.testing import CliRunner

from nightcramps.cli.main import app


def commands() -> list[list[str]]:
    """Every command path, depth first: [], ["cramp"], ["cramp", "add"], ..."""
    root = typer.main.get_command(app)
    paths: list[list[str]] = []

    def walk(command: Any, path: list[str]) -> None:
        paths.append(path)
        # Typer ships its own copy of click, so test for sub-commands rather than click.Group.
        for name in sorted(getattr(command, "commands", {})):
            walk(command.commands[name], [*path, name])

    walk(root, [])
    return paths


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
