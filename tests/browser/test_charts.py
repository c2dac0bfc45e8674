"""The charts in a real Chromium at 390 px: each page's chart drawn with data and its empty state
with none, inside the phone's width, with no serious axe finding.

With ``NIGHTCRAMPS_SCREENSHOTS`` set to a folder, the tests with data also save each chart there
(docs/images/charts-*.png were taken so).

The clocks are at 19:00 on Tue 24 Nov 2026 in London (see conftest.py).
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import httpx2
import numpy as np
from playwright.sync_api import Locator, Page, expect

from nightcramps.insights.simulate import PersonSpec, simulate_person, to_daily_csv
from tests.browser.conftest import axe_violations

PHONE_WIDTH = 390

PAGES = {
    "diary": ("/diary", 1),
    "food": ("/day", 5),
    "insights": ("/insights", 1),
    "today": ("/today", 3),
}
"""Each page with a chart, and how many charts it draws (with data or without)."""


def _a_year_imported(live_url: str) -> None:
    """A simulated year of days, the last of them the night of 20 Nov, and a banana today."""
    person = simulate_person(np.random.default_rng(3), PersonSpec(), last=date(2026, 11, 23))
    answer = httpx2.post(
        f"{live_url}/api/v1/import/daily-csv",
        content=to_daily_csv(person).encode(),
        headers={"content-type": "text/csv"},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text
    eaten = httpx2.post(f"{live_url}/api/v1/intake", json={"phrase": "1 banana"})
    assert eaten.status_code == 201, eaten.text


def _charts(page: Page) -> Locator:
    return page.locator("figure.chart")


def _fits_the_phone(chart: Locator) -> None:
    box = chart.locator("svg[role=img]").bounding_box()
    assert box is not None
    assert box["width"] > 0 and box["height"] > 0
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH


def _shoot(chart: Locator, name: str) -> None:
    folder = os.environ.get("NIGHTCRAMPS_SCREENSHOTS")
    if folder:
        chart.screenshot(path=str(Path(folder) / f"charts-{name}.png"))


def test_each_chart_shows_its_empty_state(page: Page, live_url: str) -> None:
    """With nothing logged every chart says so, in words a screen reader gets too."""
    for path, count in PAGES.values():
        page.goto(live_url + path)
        empty = page.locator("figure.chart-empty")
        expect(empty).to_have_count(count)
        for chart in empty.all():
            expect(chart.locator("svg[role=img] text")).to_have_text(re.compile(r"^No .+ yet$"))
            _fits_the_phone(chart)
        assert axe_violations(page) == [], path


def test_each_chart_draws_the_diary(page: Page, live_url: str) -> None:
    """With a year imported and a banana eaten, each page draws its chart with bars or points,
    the hidden table holds the numbers, and unknown days stay visibly unknown."""
    _a_year_imported(live_url)

    page.goto(live_url + "/diary")
    weekly = page.locator("figure.chart-weekly")
    expect(weekly).to_have_count(1)
    expect(weekly.get_by_role("img")).to_have_accessible_name(
        re.compile(r"^Cramp nights per week 12 weeks from 1 Sep: \d+ cramp nights of \d+ nights")
    )
    expect(weekly.locator("table tbody tr")).to_have_count(12)
    _fits_the_phone(weekly)
    _shoot(weekly, "diary")
    assert axe_violations(page) == []
    page.get_by_role("link", name="52 weeks").click()
    year = page.locator("figure.chart-weekly")
    expect(year.locator("table tbody tr")).to_have_count(52)
    expect(year.locator("figcaption")).to_contain_text("too narrow")
    _fits_the_phone(year)
    assert axe_violations(page) == []

    page.goto(live_url + "/day")
    daily = page.locator("figure.chart-daily")
    expect(daily.first).to_be_visible()
    magnesium = daily.filter(has_text="Magnesium per day")
    expect(magnesium).to_have_count(1)
    expect(magnesium.locator(".bar-known")).not_to_have_count(0)
    expect(magnesium.locator("table")).to_contain_text("unknown")
    _fits_the_phone(magnesium)
    _shoot(magnesium, "food")
    assert axe_violations(page) == []

    page.get_by_role("link", name="12 weeks").click()
    expect(page.get_by_role("heading", name="The last 12 weeks")).to_be_visible()
    weekly_magnesium = page.locator("figure.chart-daily").filter(
        has_text="Magnesium per week, mean a day"
    )
    expect(weekly_magnesium.locator("table tbody tr")).to_have_count(12)
    expect(weekly_magnesium.locator("table")).to_contain_text("Days known")
    _fits_the_phone(weekly_magnesium)
    assert axe_violations(page) == []

    page.goto(live_url + "/insights")
    forest = page.locator("figure.chart-forest")
    expect(forest).to_have_count(1)
    expect(forest.locator("table tbody tr")).not_to_have_count(0)
    expect(page.locator("details.factor-details")).not_to_have_attribute("open", "")
    _fits_the_phone(forest)
    _shoot(forest, "insights")
    assert axe_violations(page) == []

    page.goto(live_url + "/today")
    expect(_charts(page)).to_have_count(PAGES["today"][1])
    drawn = page.locator("figure.chart-daily")
    expect(drawn).not_to_have_count(0)
    expect(drawn.first.locator(".night-cramps, .night-no-cramps").first).to_be_attached()
    _fits_the_phone(drawn.first)
    _shoot(drawn.first, "today")
    assert axe_violations(page) == []
