"""Invalid settings are reported by variable and fix, and never with the values read.

pydantic's own message ends with ``input_value={...}``: every setting read, the secret key and
the database URL with its password among them (audit L3). The CLI (every command, ``serve``
included, reads the settings in its root callback) and ``create_app()`` say each problem as
``NIGHTCRAMPS_<FIELD>: what to do`` instead.
"""

from __future__ import annotations

import traceback

import pytest
from typer.testing import CliRunner

from nightcramps.cli.main import app as cli_app
from nightcramps.config import InvalidSettings
from nightcramps.web.app import create_app

SECRET = "hunter2hunter2"
PASSWORD = "Pw0rd-s3cret"
DATABASE_URL = f"postgresql://nc:{PASSWORD}@db.example/nightcramps"


def _run(env: dict[str, str], *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli_app, list(args), env=env)
    return result.exit_code, result.output


@pytest.mark.parametrize("command", [["night", "list"], ["serve", "--port", "1"]])
def test_a_short_secret_key_is_named_not_shown(command: list[str]) -> None:
    """Accounts with a 14-character key: the message names NIGHTCRAMPS_SECRET_KEY and how to
    make one; neither the key nor the database password is printed."""
    env = {
        "NIGHTCRAMPS_ACCOUNTS": "1",
        "NIGHTCRAMPS_SECRET_KEY": SECRET,
        "NIGHTCRAMPS_DATABASE_URL": DATABASE_URL,
    }
    code, output = _run(env, *command)
    assert code == 1
    assert "the settings are not valid" in output
    assert "NIGHTCRAMPS_SECRET_KEY must be at least 32 characters" in output
    assert "secrets.token_urlsafe(32)" in output
    assert SECRET not in output and PASSWORD not in output
    assert "input_value" not in output


def test_each_bad_variable_gets_its_own_line() -> None:
    """A field's problem is said after its variable's name, one line each, without values."""
    env = {
        "NIGHTCRAMPS_NIGHT_CUTOVER_HOUR": "99",
        "NIGHTCRAMPS_UNDO_SECONDS": "-1",
        "NIGHTCRAMPS_DATABASE_URL": DATABASE_URL,
        "NIGHTCRAMPS_SECRET_KEY": SECRET,
    }
    code, output = _run(env, "night", "list")
    assert code == 1
    lines = output.splitlines()
    assert "  NIGHTCRAMPS_NIGHT_CUTOVER_HOUR: Input should be less than or equal to 23" in lines
    assert "  NIGHTCRAMPS_UNDO_SECONDS: Input should be greater than or equal to 0" in lines
    assert "99" not in output and SECRET not in output and PASSWORD not in output


def test_a_list_that_is_not_json_is_named() -> None:
    """NIGHTCRAMPS_ALLOWED_HOSTS must be a JSON list: said with an example."""
    code, output = _run({"NIGHTCRAMPS_ALLOWED_HOSTS": "example.org"}, "night", "list")
    assert code == 1
    assert 'NIGHTCRAMPS_ALLOWED_HOSTS: is not valid JSON; write a list as JSON, e.g. ["' in output


def test_create_app_from_the_environment_shows_no_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    """``create_app()`` (as ``uvicorn --factory`` calls it) raises InvalidSettings naming the
    variable; neither its message nor its whole traceback holds the key or the password."""
    monkeypatch.setenv("NIGHTCRAMPS_ACCOUNTS", "1")
    monkeypatch.setenv("NIGHTCRAMPS_SECRET_KEY", SECRET)
    monkeypatch.setenv("NIGHTCRAMPS_DATABASE_URL", DATABASE_URL)
    with pytest.raises(InvalidSettings) as caught:
        create_app()
    assert str(caught.value).startswith("NIGHTCRAMPS_SECRET_KEY must be at least 32 characters")
    printed = "".join(traceback.format_exception(caught.value))
    assert SECRET not in printed and PASSWORD not in printed and "input_value" not in printed
