"""Insights through the front doors: CLI JSON, API, pages, the evening card, isolation."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.insights import service as insights_service
from nightcramps.insights.factors import FACTORS
from nightcramps.insights.simulate import PersonSpec, simulate_person, to_daily_csv
from nightcramps.owner import Owner
from tests.dailyvalues.people import make_owner

FACTOR_KEYS = {"factor", "effect", "ci_low", "ci_high", "q_value", "verdict", "explanation"}


def _year_csv(seed: int = 7, nights: int = 365) -> str:
    person = simulate_person(
        np.random.default_rng(seed), PersonSpec(nights=nights), last=date(2026, 11, 20)
    )
    return to_daily_csv(person)


def test_cli_json_shape_after_import(cli: Callable[..., Any], tmp_path: Any) -> None:
    """`import daily-csv` then `insights --json` gives exactly the documented keys."""
    source = tmp_path / "year.csv"
    source.write_text(_year_csv())
    assert cli("import", "daily-csv", str(source)).exit_code == 0
    result = cli("insights", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert set(body) == {"nights_used", "cramp_nights", "factors", "tonight"}
    assert body["nights_used"] > 300 and 0 < body["cramp_nights"] < body["nights_used"]
    assert [f["factor"] for f in body["factors"]] == [f.key for f in FACTORS]
    for factor in body["factors"]:
        assert set(factor) == FACTOR_KEYS
        assert factor["verdict"] in {
            "likely trigger",
            "likely protective",
            "no clear link",
            "not enough data",
        }
        if factor["effect"] is not None:
            assert factor["ci_low"] <= factor["effect"] <= factor["ci_high"]
            assert 0 <= factor["q_value"] <= 1
    medicine = body["factors"][-1]
    assert medicine["factor"] == "medicine_started" and medicine["verdict"] == "not enough data"
    assert "day log" in medicine["explanation"]
    tonight = body["tonight"]
    assert 0 <= tonight["probability"] <= 1
    assert tonight["advice"][0]["url"] == "/routine"
    assert tonight["calibration"]["nights_evaluated"] > 200
    text = cli("insights")
    assert text.exit_code == 0 and "your usual" in text.stdout  # a year of nights: personal


def test_cli_with_no_diary_does_not_call_the_prior_yours(cli: Callable[..., Any]) -> None:
    """With nothing logged, the 30% is "the expected" rate and the CLI says why."""
    text = cli("insights").stdout
    assert "(about the expected 30%)" in text and "your usual" not in text
    assert "Based on your 0 logged nights and a typical rate" in text


def test_small_q_values_are_not_shown_as_zero() -> None:
    """q = 0.0004 reads "q < 0.01", not "q = 0.00"; larger ones keep two decimals."""
    from nightcramps.insights.explain import _q_text

    assert (_q_text(0.0004), _q_text(0.123), _q_text(None)) == ("q < 0.01", "q = 0.12", "q unknown")


def test_empty_diary_says_not_enough_data(client: TestClient) -> None:
    """With nothing logged the API answers, every factor 'not enough data', tonight the prior."""
    body = client.get("/api/v1/insights").json()
    assert (body["nights_used"], body["cramp_nights"]) == (0, 0)
    assert {f["verdict"] for f in body["factors"]} == {"not enough data"}
    assert body["tonight"]["probability"] == pytest.approx(0.3)
    assert body["tonight"]["calibration"]["brier"] is None


def test_api_and_page_show_the_analysis(client: TestClient) -> None:
    """After importing a year, the API returns verdicts and the page shows them in words."""
    answer = client.post(
        "/api/v1/import/daily-csv", content=_year_csv(), headers={"Content-Type": "text/csv"}
    )
    assert answer.status_code == 200
    body = client.get("/api/v1/insights").json()
    assert any(f["effect"] is not None for f in body["factors"])
    page = client.get("/insights")
    assert page.status_code == 200
    assert "What precedes your cramps" in page.text
    assert "Brier score" in page.text
    assert "/routine" in page.text


def test_people_are_isolated(client: TestClient, session: Session) -> None:
    """Another person's year of nights does not show in this person's insights."""
    other = make_owner(session)
    dailyvalues_service.import_daily_csv(
        session=session,
        owner=other,
        text=_year_csv(),
        now=datetime(2026, 11, 21, 20, tzinfo=UTC),
    )
    session.commit()
    assert client.get("/api/v1/insights").json()["nights_used"] == 0


@pytest.mark.parametrize(
    ("clock_start", "evening"),
    [
        (datetime(2026, 11, 24, 9, tzinfo=UTC), False),
        (datetime(2026, 11, 24, 18, tzinfo=UTC), True),
    ],
)
def test_evening_card(client: TestClient, owner: Owner, evening: bool) -> None:
    """The home page loads tonight's card; the card is empty before 17:00 and full after."""
    assert 'hx-get="/insights/tonight"' in client.get("/").text
    card = client.get("/insights/tonight")
    assert card.status_code == 200
    if evening:
        assert "chance of cramps" in card.text and "/routine" in card.text
    else:
        assert card.text == ""
    assert insights_service.is_evening(owner=owner, now=datetime(2026, 11, 24, 18, tzinfo=UTC))
    assert not insights_service.is_evening(owner=owner, now=datetime(2026, 11, 24, 9, tzinfo=UTC))


def test_tonight_is_the_coming_evening(owner: Owner) -> None:
    """At 09:00 tonight is today's evening; at 02:00 it is the night still in progress."""
    assert insights_service.tonight_of(
        owner=owner, now=datetime(2026, 11, 24, 9, tzinfo=UTC)
    ) == date(2026, 11, 24)
    assert insights_service.tonight_of(
        owner=owner, now=datetime(2026, 11, 25, 2, tzinfo=UTC)
    ) == date(2026, 11, 24)


def test_medicine_starts_come_from_the_day_log(session: Session, owner: Owner) -> None:
    """With a medicine list kept, nights are in or out of a medicine's first 4 weeks."""
    from nightcramps.daylog import service as daylog_service
    from nightcramps.daylog.schemas import MedicineCreate

    now = datetime(2026, 11, 21, 20, tzinfo=UTC)
    dailyvalues_service.import_daily_csv(session=session, owner=owner, text=_year_csv(), now=now)
    daylog_service.add_medicine(
        session=session,
        owner=owner,
        medicine_in=MedicineCreate(name="bendroflumethiazide", started_on=date(2026, 6, 1)),
        now=now,
    )
    result = insights_service.insights(session=session, owner=owner, now=now, evaluate=False)
    medicine = next(f for f in result.analysis.factors if f.factor.key == "medicine_started")
    assert 20 <= medicine.nights_high <= 28
    assert medicine.nights_low > 250
