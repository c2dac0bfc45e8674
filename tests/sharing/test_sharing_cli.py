"""`nightcramps share create | list | revoke`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

Cli = Callable[..., Any]


def test_create_list_and_revoke(cli: Cli, client: TestClient) -> None:
    made = cli("share", "create", "--days", "30", "--scope", "diary", "--label", "Dr Patel")
    assert made.exit_code == 0, made.output
    url = made.stdout.strip()
    assert url.startswith("http://127.0.0.1:8000/s/")
    assert "It is not shown again" in made.stderr
    path = url.removeprefix("http://127.0.0.1:8000")
    assert client.get(path).status_code == 200
    listed = cli("share", "list", "--json")
    assert listed.exit_code == 0, listed.output
    links = json.loads(listed.output)
    assert len(links) == 1
    link = links[0]
    assert link["scope"] == "diary" and link["days"] == 30 and link["status"] == "active"
    assert link["label"] == "Dr Patel" and link["view_count"] == 1
    assert "url" not in link
    table = cli("share", "list")
    assert "Dr Patel" in table.output and "active" in table.output
    revoked = cli("share", "revoke", str(link["id"]))
    assert revoked.exit_code == 0, revoked.output
    assert "no longer opens" in revoked.output
    assert client.get(path).status_code == 404
    assert json.loads(cli("share", "list", "--json").output)[0]["status"] == "revoked"


def test_json_and_base_url(cli: Cli) -> None:
    made = cli("share", "create", "--base-url", "https://cramps.example.org/", "--json")
    assert made.exit_code == 0, made.output
    body = json.loads(made.stdout)
    assert body["url"] == "https://cramps.example.org" + body["path"]
    assert body["scope"] == "report" and body["days"] == 7


def test_bad_input_is_refused_with_what_to_do(cli: Cli) -> None:
    three = cli("share", "create", "--days", "3")
    assert three.exit_code == 2
    assert "days" in three.output and "7 or 30" in three.output
    scope = cli("share", "create", "--scope", "everything")
    assert scope.exit_code == 2
    assert "report" in scope.output and "diary" in scope.output
    missing = cli("share", "revoke", "999999")
    assert missing.exit_code == 1
    assert "There is no share link number 999999" in missing.output
    assert cli("share", "list").output.strip() == "You have no share links."
