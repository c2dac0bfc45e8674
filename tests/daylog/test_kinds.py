"""Every declared kind of day-log entry is whole: its API routes, its CLI group, its place in the
day's log and what it counts toward. A kind declared in ``daylog/service/kinds.py`` but missing
a schema field, a factor or a test sample (``tests/daylog/samples.py``) fails here."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from nightcramps.cli.main import COMMANDS, walk
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.models import DayRecord
from nightcramps.daylog.schemas import DayFactorsPublic, DayLogPublic, DayUpdate
from tests.daylog.samples import SAMPLES
from tests.daylog.test_api import YESTERDAY, Y

KINDS = daylog_service.KINDS
Cli = Callable[..., Any]


def by_key(kind: daylog_service.AnyKind) -> str:
    return kind.key


def test_every_kind_has_a_sample_and_its_own_names() -> None:
    """Each kind has a sample here, and its key, path and CLI group are its alone."""
    assert set(SAMPLES) == {kind.key for kind in KINDS}
    for name in ("key", "path", "cli_group"):
        assert len({getattr(kind, name) for kind in KINDS}) == len(KINDS), name


@pytest.fixture
def openapi(client: TestClient) -> dict[str, Any]:
    """The served OpenAPI document (the routes as clients see them)."""
    document: dict[str, Any] = client.get("/openapi.json").json()
    return document


def _answer(operation: dict[str, Any], status: str) -> str | None:
    """The schema an operation answers ``status`` with, by name (None: no body)."""
    content = operation["responses"][status].get("content")
    return None if content is None else content["application/json"]["schema"]["$ref"].split("/")[-1]


def test_every_kind_has_its_six_api_operations(openapi: dict[str, Any]) -> None:
    """list, log, get, change, delete and restore, each answering with the kind's schemas."""
    paths = openapi["paths"]
    for kind in KINDS:
        base, item = f"/api/v1/{kind.path}", f"/api/v1/{kind.path}/{{entry_id}}"
        public, listed = kind.public.__name__, kind.list_public.__name__
        assert _answer(paths[base]["get"], "200") == listed
        assert _answer(paths[base]["post"], "201") == public
        assert _answer(paths[item]["get"], "200") == public
        assert _answer(paths[item]["patch"], "200") == public
        assert _answer(paths[item]["delete"], "204") is None
        assert _answer(paths[f"{item}/restore"]["post"], "200") == public
        body = paths[base]["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert body["$ref"].endswith(f"/{kind.create.__name__}")


@pytest.mark.parametrize("kind", KINDS, ids=by_key)
def test_kind_has_its_cli_group(kind: daylog_service.AnyKind) -> None:
    """`nightcramps GROUP` has a command that logs one, `delete` and `restore`, and `list`."""
    assert COMMANDS.get(kind.cli_group) == "daylog", (
        f"add {kind.cli_group!r}: 'daylog' to COMMANDS in nightcramps/cli/main.py"
    )
    commands = {path[1] for path, _ in walk() if path[:1] == (kind.cli_group,) and len(path) == 2}
    assert {"list", "delete", "restore"} <= commands
    assert commands & {"add", "log"}


@pytest.mark.parametrize("kind", KINDS, ids=by_key)
def test_kind_has_its_place_in_the_day(kind: daylog_service.AnyKind) -> None:
    """A dated kind counts toward a factor of the day; its entries and its "none today" answer
    are in the day's log, and a GET body of the day can be sent back with them."""
    assert kind.path in DayLogPublic.model_fields
    assert kind.path in DayUpdate.model_fields
    if kind.dated:
        assert kind.contribution is not None
        assert kind.contribution.factor in daylog_service.FACTOR_KEYS
    assert list(DayFactorsPublic.model_fields) == list(daylog_service.FACTOR_KEYS)
    if kind.none_flag is not None:
        assert kind.none_flag in DayRecord.__table__.columns
        assert kind.none_flag in DayUpdate.model_fields
        assert kind.none_flag in DayLogPublic.model_fields


@pytest.mark.parametrize("kind", KINDS, ids=by_key)
def test_an_entry_of_each_kind_goes_through_every_front_door(
    client: TestClient, cli: Cli, kind: daylog_service.AnyKind
) -> None:
    """Logged through the API, an entry is in the day's log and its factor, the CLI lists it,
    and deleting it from the CLI takes it out of both."""
    created = client.post(f"/api/v1/{kind.path}", json=SAMPLES[kind.key].body(YESTERDAY, "sample"))
    assert created.status_code == 201, created.text
    entry_id = created.json()["id"]
    day = client.get(f"/api/v1/days/{Y}/log").json()
    assert [e["id"] for e in day[kind.path]] == [entry_id]
    factor = kind.contribution.factor if kind.contribution else None
    if factor is not None:
        assert day["factors"][factor] is not None
    listed = cli(kind.cli_group, "list", "--json")
    assert listed.exit_code == 0, listed.output
    assert [e["id"] for e in json.loads(listed.stdout)] == [entry_id]
    deleted = cli(kind.cli_group, "delete", str(entry_id), "--yes")
    assert deleted.exit_code == 0, deleted.output
    assert f"Deleted {kind.noun} {entry_id}." in deleted.stdout
    day = client.get(f"/api/v1/days/{Y}/log").json()
    assert day[kind.path] == []
    if factor is not None:
        assert day["factors"][factor] is None
    assert client.get(f"/api/v1/{kind.path}/{entry_id}").status_code == 404
