"""The OpenAPI document is a public contract: it changes only on purpose.

The committed copy, ``tests/snapshots/openapi.json``, is what other tools were built against. A
refactoring that moves routes around must leave it byte for byte the same; a change that means to
alter the API regenerates it with ``NIGHTCRAMPS_UPDATE_SNAPSHOTS=1 pytest
tests/test_openapi_snapshot.py`` and shows the difference in review.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

from fastapi.testclient import TestClient

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi.json"


def _document(client: TestClient) -> str:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return json.dumps(response.json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_openapi_document_matches_the_committed_copy(client: TestClient) -> None:
    """Every path, operation, parameter and schema is as committed; a diff shows what moved."""
    served = _document(client)
    if os.environ.get("NIGHTCRAMPS_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(served, encoding="utf-8")
    committed = SNAPSHOT.read_text(encoding="utf-8")
    if served != committed:
        diff = difflib.unified_diff(
            committed.splitlines(), served.splitlines(), "committed", "served", lineterm="", n=2
        )
        raise AssertionError(
            "The OpenAPI document changed. If that was meant, regenerate the copy with "
            "NIGHTCRAMPS_UPDATE_SNAPSHOTS=1 and review it:\n" + "\n".join(list(diff)[:200])
        )
