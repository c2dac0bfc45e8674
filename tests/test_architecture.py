"""Rules of the code base that a reader relies on, checked on the source: one calendar, one
clock (see docs/architecture.md and docs/calendar.md)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import nightcramps

PACKAGE = Path(nightcramps.__file__).parent
CALENDAR = PACKAGE / "timing.py"
MIGRATIONS = PACKAGE / "storage" / "migrations"
"""Migrations are frozen history: they may not import the app's code, so they do their own
arithmetic (0006 re-dates food by the day-start rule it had when it was written)."""

CLOCK_CALLS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "localtime"),
}
"""Ways of reading the machine's clock; only the calendar module's system clock may."""

CALENDAR_NAMES = {"night_of", "day_of", "today", "current_night", "last_night", "tonight_of"}


def _modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == CALENDAR or MIGRATIONS in path.parents:
            continue
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', '?')}"


def _calls(tree: ast.AST) -> Iterator[ast.Call]:
    return (node for node in ast.walk(tree) if isinstance(node, ast.Call))


def _clock_reads(tree: ast.AST) -> Iterator[ast.Call]:
    for call in _calls(tree):
        func = call.func
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and (func.value.id, func.attr) in CLOCK_CALLS
        ):
            yield call


def _local_conversions(tree: ast.AST) -> Iterator[ast.Call]:
    for call in _calls(tree):
        func = call.func
        if not isinstance(func, ast.Attribute):
            continue
        to_utc = (
            len(call.args) == 1 and isinstance(call.args[0], ast.Name) and call.args[0].id == "UTC"
        )
        if func.attr == "astimezone" and not to_utc:
            yield call
        elif func.attr == "date" and _is_local_call(func.value):
            yield call


def _is_local_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "local"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "timing"
    )


def test_only_the_calendar_module_reads_the_machines_clock() -> None:
    """No datetime.now(), date.today() or time.time() outside nightcramps.timing: everything
    asks timing.utcnow(), which reads the clock the app, the CLI or a test put in place."""
    assert [_where(path, call) for path, tree in _modules() for call in _clock_reads(tree)] == []


def test_only_the_calendar_module_turns_moments_into_local_dates() -> None:
    """Outside nightcramps.timing a moment is only ever converted to UTC; its local wall clock
    comes from timing.local() (for showing it), and which day or night it is from timing."""
    found = [_where(path, call) for path, tree in _modules() for call in _local_conversions(tree)]
    assert found == []


def test_other_calendar_functions_only_hand_over_to_the_calendar() -> None:
    """A feature's own today(), last_night() and the like are one line: return timing.…(…)."""
    found = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef) or node.name not in CALENDAR_NAMES:
                continue
            if node.decorator_list or path.name == "cli.py":  # a command called "today" is a shell
                continue
            body = [s for s in node.body if not _is_docstring(s)]
            delegates = (
                len(body) == 1
                and isinstance(body[0], ast.Return)
                and isinstance(body[0].value, ast.Call)
                and isinstance(body[0].value.func, ast.Attribute)
                and isinstance(body[0].value.func.value, ast.Name)
                and body[0].value.func.value.id == "timing"
            )
            if not delegates:
                found.append(_where(path, node))
    assert found == []


def _is_docstring(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)


@pytest.mark.parametrize(
    ("source", "finder"),
    [
        ("x = datetime.now(UTC)\n", _clock_reads),
        ("x = date.today()\n", _clock_reads),
        ("x = moment.astimezone(tz).date()\n", _local_conversions),
        ("x = timing.local(moment, tz).date()\n", _local_conversions),
    ],
)
def test_the_rules_catch_what_they_are_meant_to(
    source: str, finder: Callable[[ast.AST], Iterator[ast.Call]]
) -> None:
    """Each forbidden form is found by the scan, so the rules above cannot pass vacuously."""
    assert list(finder(ast.parse(source)))


def test_the_rules_let_utc_and_the_calendar_through() -> None:
    """Converting to UTC and asking the calendar module are what the rules allow."""
    tree = ast.parse("x = moment.astimezone(UTC)\ny = timing.night_of(moment, owner)\n")
    assert not list(_local_conversions(tree)) and not list(_clock_reads(tree))
