"""`nightcramps experiment` on the tests' clock."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

Cli = Callable[..., Any]


@pytest.mark.usefixtures("with_run_in")
def test_new_show_done_stop(
    cli: Cli,
) -> None:
    planned = cli("experiment", "new", "--remedy", "stretching", "--plan")
    assert planned.exit_code == 0, planned.output
    assert "If stretching cut your cramps by a third" in planned.output
    started = cli("experiment", "new", "--remedy", "stretching", "--json")
    assert started.exit_code == 0, started.output
    experiment = json.loads(started.output)["experiment"]
    assert experiment["status"] == "running"
    number = str(experiment["id"])
    tonight = cli("experiment", "tonight")
    assert tonight.output.startswith("Tonight: ")
    assert cli("experiment", "done", number, "--yes").exit_code == 0
    shown = cli("experiment", "show", number, "--json")
    data = json.loads(shown.output)
    assert data["result"] is None and data["experiment"]["tonight"]["adhered"] is True
    second = cli("experiment", "new", "--remedy", "food")
    assert second.exit_code == 1 and "one at a time" in second.output
    assert cli("experiment", "stop", number, "--reason", "holiday").exit_code == 0
    listed = cli("experiment", "list")
    assert "stopped" in listed.output


@pytest.mark.usefixtures("with_run_in")
def test_magnesium_refused_without_the_tick(
    cli: Cli,
) -> None:
    refused = cli("experiment", "new", "--remedy", "magnesium")
    assert refused.exit_code == 1
    assert "agreed with my doctor" in refused.output
    assert cli("experiment", "new", "--remedy", "magnesium", "--doctor-agreed").exit_code == 0
