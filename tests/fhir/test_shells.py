"""The FHIR export through its front doors: ``GET /api/v1/export/fhir`` and
``nightcramps export fhir``."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from fhir.resources.R4B.bundle import Bundle
from sqlalchemy.orm import Session

from nightcramps.fhir import service
from nightcramps.owner import Owner
from tests.fhir.conftest import END, EXPECTED, START

RANGE = {"from": START.isoformat(), "to": END.isoformat()}


def _without_timestamp(bundle: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in bundle.items() if k != "timestamp"}


def test_the_api_answers_the_services_bundle(
    client: TestClient, session: Session, diary: Owner, now: datetime
) -> None:
    """200 with application/fhir+json, as a download, and the bundle the service builds."""
    answer = client.get("/api/v1/export/fhir", params=RANGE)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/fhir+json"
    assert answer.headers["content-disposition"] == (
        'attachment; filename="nightcramps-fhir-2026-11-24.json"'
    )
    sent = answer.json()
    Bundle.model_validate(sent)
    built = service.export_bundle(session, diary, now=now, start=START, end=END)
    assert _without_timestamp(sent) == _without_timestamp(built)
    assert service.resource_counts(sent) == EXPECTED


def test_the_api_refuses_a_bad_range_with_a_message(client: TestClient) -> None:
    """A malformed or implausible ``from``, or one after ``to``, is 422 saying what to fix."""
    malformed = client.get("/api/v1/export/fhir", params={"from": "2026-13-01"})
    assert malformed.status_code == 422
    assert malformed.json()["detail"]
    implausible = client.get("/api/v1/export/fhir", params={"from": "0010-01-01"})
    assert implausible.status_code == 422
    assert "plausible" in implausible.json()["detail"]
    reversed_range = client.get(
        "/api/v1/export/fhir", params={"from": "2026-11-20", "to": "2026-11-01"}
    )
    assert reversed_range.status_code == 422
    assert "swap from and to" in reversed_range.json()["detail"]


@pytest.mark.usefixtures("diary")
def test_the_api_gives_the_name_only_when_asked(client: TestClient) -> None:
    """``include_name=true`` adds the display name; without it the Patient has none."""
    assert client.patch("/api/v1/profile", json={"display_name": "Ann Example"}).status_code == 200
    plain = client.get("/api/v1/export/fhir", params=RANGE).json()
    named = client.get("/api/v1/export/fhir", params={**RANGE, "include_name": "true"}).json()
    assert "name" not in plain["entry"][0]["resource"]
    assert named["entry"][0]["resource"]["name"] == [{"text": "Ann Example"}]


@pytest.mark.usefixtures("diary")
def test_the_cli_writes_a_bundle_that_validates(cli: Callable[..., Any], tmp_path: Path) -> None:
    """`export fhir -o bundle.json` writes the bundle and says how many resources."""
    target = tmp_path / "bundle.json"
    result = cli("export", "fhir", "--from", "2026-11-01", "--to", "2026-11-23", "-o", str(target))
    assert result.exit_code == 0, result.output
    total = sum(EXPECTED.values())
    assert result.stderr == f"Wrote {total} resources to {target}.\n"
    bundle = json.loads(target.read_text(encoding="utf-8"))
    Bundle.model_validate(bundle)
    assert service.resource_counts(bundle) == EXPECTED


def test_the_cli_refuses_a_reversed_range(cli: Callable[..., Any], tmp_path: Path) -> None:
    """`--from` after `--to` exits non-zero with the fix, and writes nothing."""
    target = tmp_path / "bundle.json"
    result = cli("export", "fhir", "--from", "2026-11-20", "--to", "2026-11-01", "-o", str(target))
    assert result.exit_code != 0
    assert "swap from and to" in result.stderr
    assert not target.exists()
    malformed = cli("export", "fhir", "--from", "20.11.2026", "-o", str(target))
    assert malformed.exit_code != 0
    assert "YYYY-MM-DD" in malformed.stderr
