"""The daily CSV page and the insights page in a real Chromium."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
from playwright.sync_api import Page, expect

from nightcramps.insights.simulate import PersonSpec, simulate_person, to_daily_csv
from tests.browser.conftest import axe_violations


def test_import_a_year_then_read_the_insights(page: Page, live_url: str, tmp_path: Path) -> None:
    """Upload a year of days, see each problem of a bad file, then the verdicts in words, with no
    serious accessibility violations."""
    person = simulate_person(np.random.default_rng(3), PersonSpec(), last=date(2026, 11, 20))
    good = tmp_path / "year.csv"
    good.write_text(to_daily_csv(person))
    bad = tmp_path / "bad.csv"
    bad.write_text("date,cramps,fluid_ml\n2026-11-01,two,1500\n2026-11-02,1,1,5\n")

    page.goto(live_url + "/data/daily")
    expect(page.get_by_role("heading", name="Your days as a spreadsheet")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("line 2, column 2 (cramps)")
    expect(alert).to_contain_text("line 3")
    page.get_by_label("CSV file").set_input_files(str(good))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("Imported 3")).to_be_visible()

    page.get_by_role("navigation").get_by_role("link", name="Insights").click()
    expect(page.get_by_role("heading", name="What precedes your cramps")).to_be_visible()
    fluid = page.locator(".insights-factors li", has_text="On nights after days with under 1.5 L")
    expect(fluid).to_contain_text("likely protective")
    expect(page.get_by_role("heading", name="How good is the forecast?")).to_be_visible()
    expect(page.get_by_role("link", name="Start the routine")).to_have_attribute("href", "/routine")
    assert axe_violations(page) == []
