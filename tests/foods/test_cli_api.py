"""The public contract: `nightcramps foods ...` and /api/v1/foods/* answer the documented JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from nightcramps.foods.amounts import NUTRIENTS

Cli = Callable[..., Any]


def test_cli_search_json(cli: Cli) -> None:
    """`foods search QUERY --limit N --json` prints a list of {id, name, score}."""
    result = cli("foods", "search", "banana", "--limit", "3", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert len(body) == 3
    assert all(set(item) == {"id", "name", "score"} for item in body)
    assert body[0] == {"id": "fndds:63107010", "name": "Banana, raw", "score": body[0]["score"]}


def test_cli_search_text_and_no_match(cli: Cli) -> None:
    """Without --json a table is printed; no match says so."""
    result = cli("foods", "search", "oj")
    assert result.exit_code == 0
    assert "Orange juice, raw" in result.output
    assert "No food matches" in cli("foods", "search", "zqxjzqxj").output


def test_cli_lookup_json_is_the_contract(cli: Cli) -> None:
    """`foods lookup PHRASE --json` prints exactly the documented object."""
    result = cli("foods", "lookup", "1/2 cup spinach, boiled", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert set(body) == {
        "phrase",
        "food",
        "quantity",
        "unit",
        "grams",
        "nutrients",
        "assumed",
        "confidence",
        "alternatives",
    }
    assert body["food"] == {
        "id": "usda:11458",
        "name": "Spinach, cooked, boiled, drained, without salt",
        "source": "USDA SR28",
    }
    assert body["quantity"] == 0.5
    assert body["unit"] == "cup"
    assert body["grams"] == 90.0
    assert set(body["nutrients"]) == set(NUTRIENTS)
    assert body["nutrients"]["magnesium_mg"] == 78.3


def test_cli_lookup_text(cli: Cli) -> None:
    """Without --json the lookup reads as text, unknowns as 'unknown'."""
    result = cli("foods", "lookup", "5 fl oz gamay wine")
    assert result.exit_code == 0, result.output
    assert "Gamay" in result.output
    assert "magnesium     unknown" in result.output


def test_cli_lookup_no_match_exits_non_zero_with_suggestions(cli: Cli) -> None:
    """An unknown food exits 1 with the nearest foods in the message."""
    result = cli("foods", "lookup", "1 cup yak yogurt", "--json")
    assert result.exit_code == 1
    assert "Did you mean" in result.output
    assert "Yogurt" in result.output


def test_cli_lookup_impossible_amount(cli: Cli) -> None:
    """An impossible amount exits non-zero with the reason."""
    result = cli("foods", "lookup", "9000 bananas")
    assert result.exit_code == 1
    assert "at most 5 kg" in result.output


def test_cli_show_and_rich_in(cli: Cli) -> None:
    """`foods show ID --json` and `foods rich-in NUTRIENT --json` print their data."""
    shown = json.loads(cli("foods", "show", "usda:09040", "--json").output)
    assert shown["per_100g"]["potassium_mg"] == 358.0
    assert {"name": 'medium (7" to 7-7/8" long)', "grams": 118.0} in shown["measures"]
    rich = json.loads(cli("foods", "rich-in", "magnesium_mg", "--limit", "5", "--json").output)
    assert len(rich) == 5
    assert {"food", "portion", "portion_grams", "amount", "per_100kcal"} <= set(rich[0])
    assert "Spinach" in cli("foods", "rich-in", "magnesium_mg").output


def test_api_search(client: TestClient) -> None:
    """GET /api/v1/foods/search?q=&limit= answers a ranked list."""
    answer = client.get("/api/v1/foods/search", params={"q": "yoghurt", "limit": 2})
    assert answer.status_code == 200
    body = answer.json()
    assert len(body) == 2
    assert body[0]["name"] == "Yogurt, NFS"


def test_api_lookup(client: TestClient) -> None:
    """GET /api/v1/foods/lookup?phrase= answers the lookup object."""
    answer = client.get("/api/v1/foods/lookup", params={"phrase": "250 ml orange juice"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["food"]["id"] == "fndds:61210000"
    assert body["unit"] == "ml"
    assert set(body["nutrients"]) == set(NUTRIENTS)


def test_api_bad_input(client: TestClient) -> None:
    """Unknown food → 404 with suggestions; impossible amount → 422; missing q → 422."""
    missing = client.get("/api/v1/foods/lookup", params={"phrase": "2 cups yak yogurt"})
    assert missing.status_code == 404
    assert "Yogurt" in missing.json()["fields"]["suggestions"]
    negative = client.get("/api/v1/foods/lookup", params={"phrase": "-2 cups milk"})
    assert negative.status_code == 422
    assert "positive" in negative.json()["detail"]
    assert client.get("/api/v1/foods/search").status_code == 422
    assert client.get("/api/v1/foods/usda:00000").status_code == 404
    assert client.get("/api/v1/foods/rich-in/iron_mg").status_code == 422


def test_api_food_and_rich_in(client: TestClient) -> None:
    """GET /api/v1/foods/{id} and /api/v1/foods/rich-in/{nutrient} answer JSON."""
    food = client.get("/api/v1/foods/usda:09040").json()
    assert food["name"] == "Bananas, raw"
    rich = client.get("/api/v1/foods/rich-in/potassium_mg", params={"limit": 3}).json()
    assert len(rich) == 3


def test_suggest_fragment(client: TestClient) -> None:
    """GET /foods/suggest?q= answers <option> elements for a datalist."""
    answer = client.get("/foods/suggest", params={"q": "bana"})
    assert answer.status_code == 200
    assert 'value="Bananas, raw"' in answer.text
    assert 'data-food-id="usda:09040"' in answer.text
    assert "<option" not in client.get("/foods/suggest", params={"q": "b"}).text


def test_api_listed_in_openapi(client: TestClient) -> None:
    """The food endpoints are documented in the OpenAPI schema."""
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/v1/foods/search" in paths
    assert "/api/v1/foods/lookup" in paths


def test_cli_negative_amount_reaches_the_lookup(cli: Cli) -> None:
    """`foods lookup "-2 cups milk"` says the amount must be positive (not "No such option")."""
    result = cli("foods", "lookup", "-2 cups milk", "--json")
    assert result.exit_code == 1, result.output
    assert "No such option" not in result.output
    assert "positive" in result.output


def test_cli_search_accepts_a_query_starting_with_a_dash(cli: Cli) -> None:
    """`foods search "-2 milk"` searches instead of failing on an unknown option."""
    result = cli("foods", "search", "-2 milk", "--limit", "3", "--json")
    assert result.exit_code == 0, result.output
    assert "No such option" not in result.output
    found = json.loads(result.output)
    assert found and "milk" in found[0]["name"].lower()
