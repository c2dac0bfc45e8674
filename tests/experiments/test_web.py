"""The experiments' pages and API through the app (TestClient) on the tests' clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nightcramps.owner import Owner
from tests.experiments.conftest import TONIGHT, finished, morning_after

ENDED = morning_after(TONIGHT + timedelta(days=111))
"""The morning after the last of the 112 nights of a stretching experiment begun tonight."""

API = "/api/v1/experiments"


@pytest.mark.usefixtures("with_run_in")
def test_design_screen_shows_gate_schedule_and_calendar(
    client: TestClient,
) -> None:
    page = client.get("/experiments/new?remedy=stretching")
    assert page.status_code == 200
    assert "The run-in is met" in page.text
    assert "8 blocks" in page.text and "washout" in page.text
    power = client.get("/experiments/new/power?remedy=stretching")
    assert (
        "If stretching cut your cramps by a third, this experiment would show it about"
        in power.text
    )
    assert "quinine" not in page.text.lower() and "tonic" not in page.text.lower()


@pytest.mark.usefixtures("with_run_in")
def test_magnesium_without_the_tick_is_refused_on_the_page(
    client: TestClient,
) -> None:
    token = client.get("/experiments/new?remedy=magnesium")
    assert "agreed with my doctor" in token.text.lower()
    answer = client.post(f"{API}/start", json={"remedy": "magnesium"})
    assert answer.status_code == 422
    assert "agreed with my doctor" in answer.json()["detail"]


@pytest.mark.usefixtures("with_run_in")
def test_start_tonight_card_tap_and_second_refused(client: TestClient) -> None:
    made = client.post(f"{API}/start", json={"remedy": "stretching"})
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["status"] == "running" and len(body["calendar"]) == 112
    experiment_id = body["id"]
    first = body["calendar"][0]
    card = client.get("/experiments/tonight")
    line = "Tonight: stretch" if first["arm"] == "A" else "Tonight: as usual"
    assert line in card.text
    tap = client.post(
        f"{API}/{experiment_id}/nights/{TONIGHT.isoformat()}/adherence", json={"adhered": True}
    )
    assert tap.status_code == 200 and tap.json()["adhered"] is True
    again = client.post(f"{API}/start", json={"remedy": "fluids"})
    assert again.status_code == 409
    assert "one at a time" in again.json()["detail"]
    results = client.get(f"{API}/{experiment_id}/results")
    assert results.status_code == 409
    page = client.get(f"/experiments/{experiment_id}")
    assert page.status_code == 200 and "not shown until the end" in page.text
    ics = client.get(f"/experiments/{experiment_id}/calendar.ics")
    assert ics.status_code == 200 and b"SUMMARY:Tonight:" in ics.content
    listed = client.get(API).json()
    assert listed["count"] == 1
    stopped = client.post(f"{API}/{experiment_id}/stop", json={"reason": "holiday"})
    assert stopped.status_code == 200 and stopped.json()["status"] == "stopped"


@pytest.mark.usefixtures("with_run_in")
def test_someone_elses_or_missing_experiment_is_404(
    client: TestClient,
) -> None:
    assert client.get(f"{API}/2147483647").status_code == 404
    assert client.get("/experiments/new?remedy=quinine").status_code == 422


@pytest.mark.parametrize("clock_start", [ENDED])
def test_results_page_draws_the_timeline_and_the_effect(
    client: TestClient, session: Session, with_run_in: Owner, now: datetime
) -> None:
    experiment_id, after = finished(session, with_run_in, now)
    assert after == ENDED
    page = client.get(f"/experiments/{experiment_id}")
    assert page.status_code == 200, page.text
    assert "likely helps you" in page.text
    timeline = page.text[page.text.index('class="chart chart-timeline"') :]
    timeline = timeline[: timeline.index("</figure>")]
    assert timeline.count('class="night"') + timeline.count('class="night washout"') == 112
    assert timeline.count('class="night washout"') == 32
    assert 'class="missing"' not in timeline
    assert timeline.count('class="period arm-A"') == 8
    assert 'class="trend"' in timeline
    effect = page.text[page.text.index('class="chart chart-effect"') :]
    assert "Rate ratio" in effect and "95% interval" in effect
