"""Every CLI command that lists things works on an empty diary, as a newcomer's first command."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from nightcramps.cli.main import walk

SHIPPED_CONTENT = {("guidance", "list")}
"""Lists of what the app ships (the knowledge base), never empty."""
LIST_COMMANDS = sorted({path for path, _ in walk() if path[-1:] == ("list",)} - SHIPPED_CONTENT)


def test_the_walk_finds_the_list_commands() -> None:
    """The walk over the CLI finds the list commands of several features (so the next test runs)."""
    assert {("night", "list"), ("intake", "list"), ("token", "list")} <= set(LIST_COMMANDS)


@pytest.mark.parametrize("command", LIST_COMMANDS, ids=" ".join)
def test_list_on_an_empty_diary(cli: Callable[..., Any], command: tuple[str, ...]) -> None:
    """With nothing stored, a list says so in a sentence and `--json` prints an empty list."""
    shown = cli(*command)
    assert shown.exit_code == 0, shown.output
    assert shown.output.strip() and "Traceback" not in shown.output
    as_json = cli(*command, "--json")
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.output) in ([], {"data": [], "count": 0})
