"""When a typed entry is not sure of its food it asks, through every front door: the API's 422
with alternatives, `eat --pick N`, and the day page's buttons (here without script; the browser
test taps them with htmx)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from nightcramps.errors import Invalid, NotFound
from nightcramps.foods import service as foods_service
from nightcramps.nutrition import constants as c

Cli = Callable[..., Any]

UNSURE_PHRASE = "1 cup soda pop"
"""Sodas tie on "soda pop": the reading is a guess among several carbonated drinks."""

NO_MATCH_PHRASE = "1 cup xqzt milk"
"""No food has all its words; the nearest foods are milks."""

UNKNOWN_MEASURE_PHRASE = "2 pieces milk"
"""Milk is found, but it has no measure called "pieces"."""

DAY_TEMPLATE = Path(__file__).parents[2] / "src/nightcramps/nutrition/templates/nutrition/day.html"


@pytest.fixture(autouse=True)
def _phrases_still_mean_what_they_meant() -> None:
    """The food database changes; these tests need their phrases to stay unsure / unmatched."""
    read = foods_service.lookup(UNSURE_PHRASE)
    assert read.confidence < c.ASK_BELOW_CONFIDENCE, f"choose another unsure phrase: {read}"
    with pytest.raises(NotFound) as found:
        foods_service.lookup(NO_MATCH_PHRASE)
    assert found.value.extra["suggestions"], "choose another phrase with suggestions"
    with pytest.raises(Invalid) as unknown:
        foods_service.lookup(UNKNOWN_MEASURE_PHRASE)
    assert unknown.value.extra.get("measure") == "pieces", "choose another unknown measure"


def _post(client: TestClient, **body: object) -> Any:
    return client.post("/api/v1/intake", json={"at": "2026-11-23T08:00:00", **body})


def _count(client: TestClient) -> int:
    listed = client.get("/api/v1/intake", params={"from": "2026-11-23", "to": "2026-11-23"})
    count: int = listed.json()["count"]
    return count


# ---------------------------------------------------------------------------- API


def test_api_unsure_description_is_not_logged_and_offers_alternatives(client: TestClient) -> None:
    """An unsure description answers 422 with the foods it may be and their measures in grams,
    and stores nothing."""
    answer = _post(client, description=UNSURE_PHRASE)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["fields"] == {"phrase": "not sure which food: choose one of the alternatives"}
    assert body["phrase"] == UNSURE_PHRASE and body["confidence"] < c.ASK_BELOW_CONFIDENCE
    assert "Which did you mean?" in body["detail"]
    assert len(body["alternatives"]) >= 2
    ids = [a["id"] for a in body["alternatives"]]
    assert len(set(ids)) == len(ids)
    for alternative in body["alternatives"]:
        assert set(alternative) == {"id", "name", "score", "measures"}
        assert 0 < len(alternative["measures"]) <= c.CANDIDATE_MEASURES
        assert all(m["grams"] > 0 and m["name"] for m in alternative["measures"])
    assert _count(client) == 0


def test_api_resent_with_the_food_meant_logs_the_amount_typed(client: TestClient) -> None:
    """Sending the description again with an alternative's id logs 1 cup of that food."""
    alternatives = _post(client, description=UNSURE_PHRASE).json()["alternatives"]
    chosen = alternatives[1]
    answer = _post(client, description=UNSURE_PHRASE, food={"id": chosen["id"]})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["food"] == {"id": chosen["id"], "name": chosen["name"]}
    assert body["description"] == UNSURE_PHRASE and body["quantity"] == 1
    assert "cup" in body["unit"] and 200 < body["grams"] < 300  # a cup of a drink
    assert body["kind"] == "drink" and body["volume_ml"] is not None
    assert _count(client) == 1


def test_api_food_meant_without_the_measure_typed_lists_its_measures(client: TestClient) -> None:
    """A food chosen that lacks the measure typed ("slices" of milk) is refused with its own
    measures, to send again with one of them as unit."""
    milk = foods_service.search("milk", limit=1)[0]
    answer = _post(client, description="2 slices of bread", food={"id": milk.id})
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert "has no measure called 'slices'" in body["detail"]
    assert [a["id"] for a in body["alternatives"]] == [milk.id]
    unit = body["alternatives"][0]["measures"][0]["name"]
    resent = _post(client, food={"id": milk.id}, quantity=2, unit=unit)
    assert resent.status_code == 201, resent.text
    assert _count(client) == 1


def test_api_no_match_answers_404_with_alternatives(client: TestClient) -> None:
    """A description no food matches in full answers 404 with the nearest foods to choose."""
    answer = _post(client, description=NO_MATCH_PHRASE)
    assert answer.status_code == 404, answer.text
    body = answer.json()
    assert body["fields"]["phrase"] == "no matching food"
    assert body["alternatives"] and all("Milk" in a["name"] for a in body["alternatives"][:2])
    chosen = body["alternatives"][0]["id"]
    logged = _post(client, description=NO_MATCH_PHRASE, food={"id": chosen})
    assert logged.status_code == 201 and logged.json()["food"]["id"] == chosen


def test_api_unknown_measure_offers_the_food_with_its_measures(client: TestClient) -> None:
    """A measure the food lacks answers 422 with that one food and its measures."""
    answer = _post(client, description=UNKNOWN_MEASURE_PHRASE)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert "no measure called 'pieces'" in body["detail"]
    (food,) = body["alternatives"]
    assert "Milk" in food["name"] and food["measures"]


def test_api_confident_entry_says_what_it_assumed(client: TestClient) -> None:
    """A food named alone logs its usual portion, and the answer says so with its confidence."""
    answer = _post(client, description="a coffee")
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["assumed"].startswith("no amount given: the usual portion")
    assert body["confidence"] >= c.ASK_BELOW_CONFIDENCE
    given = _post(client, food={"id": body["food"]["id"]}, quantity=100, unit="g").json()
    assert given["assumed"] is None and given["confidence"] is None


def test_api_other_errors_keep_the_one_error_body(client: TestClient) -> None:
    """An impossible amount is still the plain {detail, fields} body."""
    answer = _post(client, description="9000 bananas")
    assert answer.status_code == 422
    assert set(answer.json()) == {"detail", "fields"}


def test_hint_examples_all_log_on_a_new_install(client: TestClient) -> None:
    """Every example in the day page's hint under the field logs on an empty database."""
    hint = re.search(r'id="phrase-hint">(.*?)</p>', DAY_TEMPLATE.read_text(encoding="utf-8"))
    assert hint
    examples = re.findall(r'"([^"]+)"', hint.group(1))
    assert len(examples) >= 4
    for example in examples:
        answer = _post(client, description=example)
        assert 200 <= answer.status_code < 300, (example, answer.text)
    assert _count(client) == len(examples)


# ---------------------------------------------------------------------------- CLI


def test_cli_unsure_lists_numbered_foods_and_exits_non_zero(cli: Cli) -> None:
    """`eat` of an unsure phrase logs nothing, lists the foods numbered, and hints --pick N."""
    result = cli("eat", UNSURE_PHRASE)
    assert result.exit_code == 1
    assert f"Not sure which food '{UNSURE_PHRASE}' is, so nothing was logged." in result.output
    assert "Which did you mean?\n  1. " in result.output and "\n  2. " in result.output
    assert f"Log one with: nightcramps eat '{UNSURE_PHRASE}' --pick N" in result.output
    assert json.loads(cli("intake", "list", "--json").output) == []


def test_cli_pick_logs_the_amount_typed_of_that_food(cli: Cli) -> None:
    """`eat PHRASE --pick 2` logs the phrase's amount of the food listed as 2."""
    listed = cli("eat", UNSURE_PHRASE).output
    second = re.search(r"\n  2\. (.+)\n", listed)
    assert second
    result = cli("eat", UNSURE_PHRASE, "--pick", "2", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["food"]["name"] == second.group(1)
    assert body["description"] == UNSURE_PHRASE and "cup" in body["unit"]


def test_cli_pick_out_of_range_says_the_range(cli: Cli) -> None:
    """`--pick 99` says which numbers there are, and logs nothing."""
    result = cli("eat", UNSURE_PHRASE, "--pick", "99")
    assert result.exit_code == 1
    assert "There is no food 99" in result.output and "choose 1 to" in result.output
    assert json.loads(cli("intake", "list", "--json").output) == []


def test_cli_pick_of_a_food_without_the_measure_lists_its_measures(cli: Cli) -> None:
    """Picking a food that lacks the measure typed says so and names its measures."""
    result = cli("eat", "2 slices xqzt milk", "--pick", "1")
    assert result.exit_code == 1
    assert "has no measure called 'slices'" in result.output
    assert "one of its measures: 1 " in result.output


def test_cli_unsure_json_prints_the_problem(cli: Cli) -> None:
    """With --json an unsure answer prints the API's problem body, and still exits 1."""
    result = cli("drink", UNSURE_PHRASE, "--json")
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    assert body["confidence"] < c.ASK_BELOW_CONFIDENCE and len(body["alternatives"]) >= 2


def test_cli_no_match_lists_the_nearest_foods(cli: Cli) -> None:
    """A phrase no food matches in full lists the nearest, numbered, to pick from."""
    result = cli("eat", NO_MATCH_PHRASE)
    assert result.exit_code == 1
    assert "No food matches all of" in result.output and "\n  1. Milk" in result.output
    picked = cli("eat", NO_MATCH_PHRASE, "--pick", "1")
    assert picked.exit_code == 0, picked.output
    assert re.match(rf"Logged #\d+ {re.escape(NO_MATCH_PHRASE)} \(Milk", picked.output)


def test_cli_confident_entry_says_what_it_assumed(cli: Cli) -> None:
    """`eat "a coffee"` logs and says the usual portion was taken."""
    result = cli("drink", "a coffee")
    assert result.exit_code == 0, result.output
    assert "\n  No amount given: the usual portion, " in result.output


# ---------------------------------------------------------------------------- page, no script


def _csrf(client: TestClient, url: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).text)
    assert match
    return match.group(1)


def _form(html: str, testid: str) -> str:
    match = re.search(rf'<form [^>]*data-testid="{testid}".*?</form>', html, re.S)
    assert match, f"no {testid} form"
    return match.group(0)


def _fields(form: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))


def test_page_unsure_offers_food_buttons_that_log(client: TestClient) -> None:
    """The page answers an unsure phrase with a form of food buttons (no plain list), keeps
    the text typed, and a tap logs the amount typed of that food."""
    token = _csrf(client, "/day/2026-11-20")
    answer = client.post(
        "/day/2026-11-20/entries",
        data={"csrf_token": token, "phrase": UNSURE_PHRASE, "kind": "", "time": "08:00"},
    )
    assert answer.status_code == 422
    assert f'value="{UNSURE_PHRASE}"' in answer.text
    assert "Which did you mean?" in answer.text and "1. " not in answer.text
    form = _form(answer.text, "food-choices")
    buttons = re.findall(
        r'<button type="submit" class="secondary" name="pick" value="([^"]+)">', form
    )
    assert len(buttons) >= 2
    hidden = _fields(form)
    assert hidden["phrase"] == UNSURE_PHRASE and hidden["time"] == "08:00"
    tapped = client.post(
        "/day/2026-11-20/entries", data={**hidden, "pick": buttons[1]}, follow_redirects=True
    )
    assert tapped.status_code == 200
    entry = client.get("/api/v1/days/2026-11-20").json()["entries"][0]
    assert entry["food"]["id"] == buttons[1] and entry["description"] == UNSURE_PHRASE
    assert f"Logged {UNSURE_PHRASE}" in tapped.text


def test_page_unknown_measure_offers_measure_buttons_that_log(client: TestClient) -> None:
    """A measure the food lacks: the food's measures as buttons, each × the quantity typed;
    a tap logs it."""
    token = _csrf(client, "/day/2026-11-20")
    answer = client.post(
        "/day/2026-11-20/entries",
        data={"csrf_token": token, "phrase": UNKNOWN_MEASURE_PHRASE, "kind": ""},
    )
    assert answer.status_code == 422
    assert "no measure called &#39;pieces&#39;. Tap one of its measures" in answer.text
    assert "(31 g), 1 " not in answer.text  # the measures are buttons, not a list in the text
    form = _form(answer.text, "measure-choices")
    units = re.findall(r'name="unit" value="([^"]+)">2 × ', form)
    assert units
    hidden = _fields(form)
    assert hidden["quantity"] == "2"
    client.post("/day/2026-11-20/entries", data={**hidden, "unit": units[0]})
    entry = client.get("/api/v1/days/2026-11-20").json()["entries"][0]
    assert entry["food"]["id"] == hidden["food_id"] and entry["quantity"] == 2


def test_page_pick_whose_measure_does_not_fit_opens_the_picker(client: TestClient) -> None:
    """A food tapped that lacks the measure typed opens the amount picker for it."""
    token = _csrf(client, "/day/2026-11-20")
    answer = client.post(
        "/day/2026-11-20/entries",
        data={"csrf_token": token, "phrase": "2 slices xqzt milk", "kind": ""},
    )
    form = _form(answer.text, "food-choices")
    pick = re.findall(r'name="pick" value="([^"]+)"', form)[0]
    tapped = client.post("/day/2026-11-20/entries", data={**_fields(form), "pick": pick})
    assert tapped.status_code == 422
    assert 'class="panel picker"' in tapped.text and f'name="food_id" value="{pick}"' in tapped.text
    assert 'value="2 slices xqzt milk"' in tapped.text  # the text typed stays
    assert client.get("/api/v1/days/2026-11-20").json()["logged"] is False
