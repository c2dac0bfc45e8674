"""Each page's chart through the app: drawn from the feature's numbers, and an empty state
when nothing is logged."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import DayUpdate
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition.schemas import IntakeCreate
from nightcramps.owner import Owner
from tests.factories import make_cramp, make_free_night


def _diary(session: Session, owner: Owner, now: datetime) -> None:
    make_cramp(session, owner, now=now)  # night of 23 Nov, severity 7
    make_cramp(session, owner, now=now, at=datetime(2026, 11, 17, 2, 0), severity_0_10=4)
    for day in (date(2026, 11, 18), date(2026, 11, 19), date(2026, 11, 22)):
        make_free_night(session, owner, day, now=now)
    session.commit()


def test_diary_chart_with_nights(
    client: TestClient, session: Session, owner: Owner, now: datetime
) -> None:
    _diary(session, owner, now)
    page = client.get("/diary")
    assert page.status_code == 200
    assert 'class="chart chart-weekly"' in page.text
    assert '<svg role="img"' in page.text
    assert "2 cramp nights of 5 nights logged" in page.text
    assert "bar-unknown" in page.text  # the nights not logged are hatched
    assert "<td>7</td>" in page.text  # the week's worst severity in the hidden table


def test_diary_chart_of_an_earlier_month(
    client: TestClient, session: Session, owner: Owner, now: datetime
) -> None:
    _diary(session, owner, now)
    page = client.get("/diary?month=2026-10")
    assert page.status_code == 200
    assert "The 12 weeks up to Sat 31 Oct 2026" in page.text
    assert "No nights logged yet" in page.text


def test_diary_chart_over_a_chosen_span(
    client: TestClient, session: Session, owner: Owner, now: datetime
) -> None:
    _diary(session, owner, now)
    short = client.get("/diary?weeks=4")
    assert short.status_code == 200
    assert "The 4 weeks up to Mon 23 Nov 2026" in short.text
    assert "4 weeks from 27 Oct: 2 cramp nights of 5 nights logged" in short.text
    assert '<a href="/diary?month=2026-11&amp;weeks=52#weekly-chart">52 weeks</a>' in short.text
    year = client.get("/diary?month=2026-11&weeks=52")
    assert year.status_code == 200
    chart = year.text[year.text.index('class="chart chart-weekly"') :]
    assert chart.count('<g class="week">') == 52
    assert "too narrow to write each week" in chart
    assert '<strong aria-current="true">52 weeks</strong>' in year.text
    refused = client.get("/diary?weeks=10")
    assert refused.status_code == 422
    assert "The chart shows 4, 12, 26 or 52 weeks" in refused.text


def test_diary_chart_empty(client: TestClient) -> None:
    page = client.get("/diary")
    assert page.status_code == 200
    assert "No nights logged yet" in page.text


def test_food_charts_with_intake(
    client: TestClient, session: Session, owner: Owner, now: datetime
) -> None:
    nutrition_service.log_intake(
        session=session,
        owner=owner,
        intake_in=IntakeCreate(food_id="usda:09040", quantity=2, unit="medium"),
        now=now,
    )
    session.commit()
    page = client.get("/day/2026-11-24")
    assert page.status_code == 200
    assert page.text.count('class="chart chart-daily"') == 4  # a banana is no drink
    for label in ("Magnesium", "Potassium", "Calcium", "Sodium", "Drinks"):
        assert f"{label} per day" in page.text
    assert page.text.count("chart chart-empty") == 1
    assert "bar-known" in page.text
    assert "bar-unknown" in page.text  # the six days before are unknown, not zero
    assert "<td>unknown</td>" in page.text
    long = client.get("/day/2026-11-24?days=28")
    assert long.status_code == 200
    assert "The last 28 days" in long.text
    assert "28 days, 1 known" in long.text
    weeks = client.get("/day/2026-11-24?days=84")
    assert weeks.status_code == 200
    assert "The last 12 weeks" in weeks.text
    assert "Magnesium per week, mean a day (mg)" in weeks.text
    # Two bananas on the last day: that week's mean is over its one known day, not over 7.
    assert "12 weeks, 1 known (each week&#39;s mean a day over its known days)" in weeks.text
    assert "<td>1 of 7</td>" in weeks.text and "<td>0 of 7</td>" in weeks.text
    assert weeks.text.count("bar-unknown") >= 11 * 4
    daily = nutrition_service.intake_series(
        session=session, owner=owner, end=date(2026, 11, 24), days=7
    )
    weekly = nutrition_service.intake_series(
        session=session, owner=owner, end=date(2026, 11, 24), days=84
    )
    assert [s.per for s in weekly] == ["week"] * 5
    magnesium = weekly[0]
    assert magnesium.days[0] == date(2026, 9, 2) and magnesium.days[-1] == date(2026, 11, 18)
    assert magnesium.known_days == [0] * 11 + [1]
    assert magnesium.amounts[:11] == [None] * 11
    assert magnesium.amounts[-1] == round(daily[0].amounts[-1] or 0, 1)


def test_food_charts_empty(client: TestClient) -> None:
    page = client.get("/day")
    assert page.status_code == 200
    assert page.text.count("chart chart-empty") == 5


def test_food_charts_refuse_another_span(client: TestClient) -> None:
    page = client.get("/day/2026-11-24?days=10")
    assert page.status_code == 422
    assert "The charts show 7, 28 or 84 days" in page.text


def test_insights_forest_plot_empty(client: TestClient) -> None:
    page = client.get("/insights")
    assert page.status_code == 200
    assert "No factors to show yet" in page.text
    assert "<details" in page.text and "What each factor says" in page.text


def test_today_charts_with_steps_and_nights(
    client: TestClient, session: Session, owner: Owner, now: datetime
) -> None:
    _diary(session, owner, now)
    for offset, steps in ((1, 9000), (2, 3000)):
        daylog_service.update_day(
            session=session,
            owner=owner,
            day=date(2026, 11, 24) - timedelta(days=offset),
            day_in=DayUpdate(steps=steps),
            now=now,
        )
    session.commit()
    page = client.get("/today")
    assert page.status_code == 200
    assert "Steps per day" in page.text
    assert "<td>9000</td>" in page.text
    assert "night-cramps" in page.text and "night-no-cramps" in page.text
    assert "night-not-logged" in page.text
    assert "<td>cramps</td>" in page.text
    assert page.text.count("chart chart-empty") == 2  # no exertion, no sleep logged


def test_today_charts_empty(client: TestClient) -> None:
    page = client.get("/today")
    assert page.status_code == 200
    assert page.text.count("chart chart-empty") == 3
