"""Drinks and alcohol: wine, beer or spirits logged as food or drink count toward the day's
alcohol in standard drinks (14 g each), added to drinks entered in the day log as caffeine is;
and the food/drink choice is inferred from the food and never stuck after a failed entry."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nightcramps import constants
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.foods.amounts import NutrientAmounts
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition import totals
from nightcramps.nutrition.schemas import IntakeCreate
from nightcramps.owner import Owner
from tests.nutrition.factories import log

Cli = Callable[..., Any]
DAY = date(2026, 11, 23)
AT = "2026-11-23T19:00:00"
WINE = "usda:14096"  # Alcoholic beverage, wine, table, red: 10.6 g alcohol per 100 g
BEER = "usda:14003"  # Alcoholic beverage, beer, regular, all: 3.9 g per 100 g
BANANA = "usda:09040"


def _ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return result


def _log_id(
    session: Session,
    owner: Owner,
    now: datetime,
    food_id: str,
    quantity: float,
    unit: str,
    kind: str | None = None,
) -> Any:
    intake_in = IntakeCreate.model_validate(
        {"food": {"id": food_id}, "quantity": quantity, "unit": unit, "kind": kind, "at": AT}
    )
    return nutrition_service.log_intake(session=session, owner=owner, intake_in=intake_in, now=now)


def _post(client: TestClient, **body: Any) -> dict[str, Any]:
    answer = client.post("/api/v1/intake", json={"at": AT, **body})
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


def _csrf(client: TestClient, url: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).text)
    assert match
    return match.group(1)


def _drinks(session: Session, owner: Owner) -> float | None:
    factors = nutrition_service.daily_factors(session=session, owner=owner, start=DAY, end=DAY)
    return factors[DAY]["alcohol_drinks"]


# ---------------------------------------------------------------------------- standard drinks


def test_one_constant_for_a_standard_drink() -> None:
    """The Cronometer import and the food log divide by the same 14 g (NIAAA)."""
    assert constants.ALCOHOL_G_PER_DRINK == 14.0


def _entry(alcohol_g: float | None, kind: str = "drink") -> totals.EntryAmounts:
    return totals.EntryAmounts(kind, 150, NutrientAmounts.of(alcohol_g=alcohol_g))


def test_standard_drinks_are_grams_over_14_and_unknown_without_alcohol() -> None:
    """28 g is 2 drinks; 7 g plus an unknown is 0.5; only 0 g or unknown entries is unknown."""
    assert totals.alcohol_drinks([_entry(14), _entry(14, "food")]) == 2.0
    assert totals.alcohol_drinks([_entry(7), _entry(None)]) == 0.5
    assert totals.alcohol_drinks([_entry(0), _entry(None)]) is None
    assert totals.alcohol_drinks([]) is None


def test_a_glass_of_wine_is_its_alcohol_over_14_g(
    session: Session, owner: Owner, now: datetime
) -> None:
    """150 ml of red wine (15.8 g of alcohol) is 1.1 standard drinks; a can of beer added
    (13.9 g) makes 2.1."""
    wine = _log_id(session, owner, now, WINE, 150, "ml", kind="drink")
    assert round(float(wine.alcohol_g), 1) == 15.8
    assert _drinks(session, owner) == 1.1
    _log_id(session, owner, now, BEER, 355, "ml", kind="drink")
    assert _drinks(session, owner) == 2.1


def test_alcohol_logged_as_food_counts_too(session: Session, owner: Owner, now: datetime) -> None:
    """The alcohol of wine logged as food (e.g. poured into a sauce, eaten) still counts."""
    _log_id(session, owner, now, WINE, 150, "g", kind="food")
    assert _drinks(session, owner) == 1.1


def test_a_day_without_alcohol_in_its_entries_stays_unknown(
    session: Session, owner: Owner, now: datetime
) -> None:
    """A banana knows 0 g of alcohol, but that does not say whether the person drank: the
    day's alcohol stays unknown (never 0), for the day log or an import to tell."""
    _log_id(session, owner, now, BANANA, 1, "g")
    assert _drinks(session, owner) is None


def test_a_logged_wine_and_a_day_log_entry_add_up_with_their_parts(client: TestClient) -> None:
    """Wine logged on the Food page plus 1 drink entered on Today: the day counts 2.1 drinks,
    with both parts named; the Today page shows the total and the parts."""
    _post(client, food={"id": WINE}, quantity=150, unit="ml", kind="drink")
    assert client.post("/api/v1/alcohol", json={"day": str(DAY), "drinks": 1}).status_code == 201
    alcohol = client.get(f"/api/v1/days/{DAY}/log").json()["values"]["alcohol_drinks"]
    assert (alcohol["value"], alcohol["source"]) == (2.1, "nutrition+daylog")
    assert [(p["source"], p["value"]) for p in alcohol["parts"]] == [
        ("nutrition", 1.1),
        ("daylog", 1.0),
    ]
    assert alcohol["note"] == (
        "1.1 standard drinks in food and drinks logged, 1 standard drinks entered here"
    )
    page = client.get(f"/today/{DAY}").text
    assert "2.1 drink(s)" in page and 'id="alcohol-parts"' in page
    assert "wine, beer or spirits logged on the Food page already count" in page


def test_a_logged_wine_alone_is_no_longer_unknown_on_today(cli: Cli) -> None:
    """`drink "150 ml red wine"` then `today --json`: about one standard drink, from the food
    log (it used to stay unknown)."""
    _ok(cli("drink", "150 ml red wine", "--at", f"{DAY} 19:00"))
    values = json.loads(_ok(cli("today", str(DAY), "--json")).stdout)["values"]
    alcohol = values["alcohol_drinks"]
    assert 1.0 <= alcohol["value"] <= 1.3 and alcohol["source"] == "nutrition"


def test_no_alcohol_is_refused_beside_a_logged_wine(client: TestClient) -> None:
    """'No alcohol today' for a day with wine logged is a 409 that says why and how to fix it."""
    _post(client, food={"id": WINE}, quantity=150, unit="ml", kind="drink")
    answer = client.patch(f"/api/v1/days/{DAY}/log", json={"no_alcohol": True})
    assert answer.status_code == 409
    detail = answer.json()["detail"]
    assert "1.1 standard drinks of alcohol in the food and drinks logged" in detail
    assert "delete those entries on the Food page" in detail
    assert client.get(f"/api/v1/days/{DAY}/log").json()["no_alcohol"] is False


def test_no_alcohol_is_not_ticked_once_a_wine_is_logged(client: TestClient) -> None:
    """'No alcohol' answered, then wine logged: the drinks count and the tap is not ticked."""
    token = _csrf(client, f"/today/{DAY}")
    client.post(f"/today/{DAY}/none/alcohol", data={"csrf_token": token})
    assert "✓ No alcohol today" in client.get(f"/today/{DAY}").text
    _post(client, food={"id": WINE}, quantity=150, unit="ml", kind="drink")
    page = client.get(f"/today/{DAY}").text
    assert "✓ No alcohol today" not in page and "1.1 drink(s)" in page


def test_a_banana_does_not_hide_an_imported_alcohol_count(
    cli: Cli, tmp_path: Path, session: Session, owner: Owner
) -> None:
    """An imported 2 drinks stays the day's value when only a banana is logged in detail."""
    path = tmp_path / "daily.csv"
    path.write_text(f"date,alcohol_drinks\n{DAY},2\n", encoding="utf-8")
    _ok(cli("import", "daily-csv", str(path)))
    _ok(cli("eat", "1 medium banana", "--at", f"{DAY} 08:00"))
    frame = dailyvalues_service.daily_frame(session=session, owner=owner, start=DAY, end=DAY)
    sourced = frame[DAY].values["alcohol_drinks"]
    assert (sourced.value, sourced.source) == (2.0, "import")


# ---------------------------------------------------------------------------- food or drink


def test_api_infers_drink_for_a_beverage_when_no_kind_is_given(client: TestClient) -> None:
    """Wine by id without a kind is a drink (150 ml of fluid); a banana is food; a kind given
    is kept."""
    wine = _post(client, food={"id": WINE}, quantity=150, unit="ml")
    assert (wine["kind"], wine["volume_ml"]) == ("drink", 150)
    banana = _post(client, food={"id": BANANA}, quantity=1, unit="g")
    assert (banana["kind"], banana["volume_ml"]) == ("food", None)
    as_food = _post(client, food={"id": WINE}, quantity=150, unit="g", kind="food")
    assert (as_food["kind"], as_food["volume_ml"]) == ("food", None)


def test_a_phrase_without_a_kind_is_inferred(session: Session, owner: Owner, now: datetime) -> None:
    """ "1 medium banana" with no kind is food, as it always was."""
    entry = log(session, owner, "1 medium banana", now, at=datetime(2026, 11, 23, 8, 0))
    assert entry.kind == "food" and entry.volume_ml is None


def test_page_form_tells_from_the_food_by_default(client: TestClient) -> None:
    """The Food page's choice starts on "tell from the food"; a wine picked with it is a
    drink."""
    page = client.get(f"/day/{DAY}").text
    assert re.search(r'name="kind" value="" checked><span>tell from the food', page)
    token = _csrf(client, f"/day/{DAY}")
    client.post(
        f"/day/{DAY}/entries",
        data={
            "csrf_token": token,
            "food_id": WINE,
            "quantity": "150",
            "unit": "ml",
            "kind": "",
            "time": "19:00",
        },
    )
    [entry] = client.get(f"/api/v1/days/{DAY}").json()["entries"]
    assert (entry["kind"], entry["volume_ml"]) == ("drink", 150)


def test_page_failed_entry_keeps_the_text_and_unsticks_the_kind(client: TestClient) -> None:
    """A refused entry sent as "a drink" shows the message with the text kept, and the choice
    back on "tell from the food"; the next entry, a banana, is logged as food."""
    token = _csrf(client, f"/day/{DAY}")
    refused = client.post(
        f"/day/{DAY}/entries",
        data={"csrf_token": token, "phrase": "9000 bananas", "kind": "drink", "time": ""},
    )
    assert refused.status_code == 422
    assert 'value="9000 bananas"' in refused.text
    assert re.search(r'name="kind" value="" checked>', refused.text)
    assert not re.search(r'name="kind" value="drink" checked>', refused.text)
    client.post(
        f"/day/{DAY}/entries",
        data={"csrf_token": token, "food_id": BANANA, "quantity": "100", "unit": "g", "kind": ""},
    )
    [entry] = client.get(f"/api/v1/days/{DAY}").json()["entries"]
    assert entry["kind"] == "food"


def test_picker_preselects_drink_for_a_beverage(client: TestClient) -> None:
    """The amount picker of a wine has "a drink" chosen; a banana's has "food"."""
    wine = client.get("/intake/pick", params={"food_id": WINE, "day": str(DAY)}).text
    assert re.search(r'value="drink" checked>', wine)
    banana = client.get("/intake/pick", params={"food_id": BANANA, "day": str(DAY)}).text
    assert re.search(r'value="food" checked>', banana)
