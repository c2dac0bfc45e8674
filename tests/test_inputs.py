"""Text a person sends is refused when it holds NUL, on every database, with a clear message."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from nightcramps.inputs import Input


class _Example(Input):
    name: str
    tags: list[str] = []


def test_input_refuses_nul_and_unknown_fields() -> None:
    """NUL in a text or in a list of texts, and a field the schema lacks, are validation errors."""
    assert _Example(name="ok", tags=["a"]).name == "ok"
    for bad in ({"name": "a\x00b"}, {"name": "ok", "tags": ["\x00"]}, {"name": "ok", "nme": 1}):
        with pytest.raises(ValueError, match="NUL|Extra inputs"):
            _Example.model_validate(bad)


WRITES: list[tuple[str, str, dict[str, Any]]] = [
    (
        "post",
        "/api/v1/cramps",
        {
            "night_of": "2026-11-20",
            "muscle": "calf",
            "side": "left",
            "severity_0_10": 5,
            "notes": "a\x00b",
        },
    ),
    ("post", "/api/v1/nights", {"night_of": "2026-11-20", "no_cramps": True, "notes": "\x00"}),
    ("post", "/api/v1/intake", {"phrase": "1 medium banana\x00"}),
    ("post", "/api/v1/custom-foods", {"name": "oat bar\x00"}),
    ("patch", "/api/v1/profile", {"display_name": "Ann\x00"}),
    ("post", "/api/v1/tokens", {"name": "phone\x00"}),
]


@pytest.mark.parametrize(("method", "path", "body"), WRITES, ids=[w[1] for w in WRITES])
def test_api_refuses_nul(client: TestClient, method: str, path: str, body: dict[str, Any]) -> None:
    """A NUL in any text field is a 422 that names it (PostgreSQL would otherwise answer 500)."""
    answer = client.request(method, path, json=body)
    assert answer.status_code == 422, answer.text
    assert "NUL" in answer.text
    assert client.get("/api/v1/nights").json()["count"] == 0


class _Numbers(Input):
    severity: int
    weight: float | None = None
    flag: bool | None = None


def test_true_is_not_a_number() -> None:
    """`true` for an int or float field is refused; a bool field still takes it."""
    assert _Numbers(severity=3, flag=True).flag is True
    for bad in ({"severity": True}, {"severity": 2, "weight": False}):
        with pytest.raises(ValueError, match="not true or false"):
            _Numbers.model_validate(bad)


def test_malformed_json_body_says_what_is_wrong(client: TestClient) -> None:
    """A body that is not JSON is a 422 naming the body and the parser's reason."""
    answer = client.post(
        "/api/v1/nights", content="{bad", headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 422
    assert answer.json()["fields"]["body"].startswith("is not valid JSON (Expecting property name")
    severity = client.post(
        "/api/v1/cramps",
        json={"night_of": "2026-11-20", "muscle": "calf", "side": "left", "severity_0_10": True},
    )
    assert severity.status_code == 422 and "severity_0_10" in severity.json()["fields"]
