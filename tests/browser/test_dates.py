"""The check-in → diary walk in a real Chromium with the clocks set to the dates that used to
break it: the afternoon of the 1st of a month, a 1st that is a Monday, New Year's Eve and the
days the clocks change in London. The suite passes whatever day it runs on because of these."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

WALKS = [
    # (the clocks, in UTC; last night in London)
    pytest.param(datetime(2026, 12, 1, 13, 0, tzinfo=UTC), date(2026, 11, 30), id="1-Dec-13h"),
    pytest.param(datetime(2027, 3, 1, 8, 0, tzinfo=UTC), date(2027, 2, 28), id="1-Mar-Monday"),
    pytest.param(datetime(2026, 12, 31, 23, 30, tzinfo=UTC), date(2026, 12, 30), id="31-Dec-23h30"),
    pytest.param(datetime(2027, 3, 28, 10, 0, tzinfo=UTC), date(2027, 3, 27), id="DST-spring"),
    pytest.param(datetime(2026, 10, 25, 12, 30, tzinfo=UTC), date(2026, 10, 24), id="DST-autumn"),
]


@pytest.mark.parametrize(("clock_start", "last_night"), WALKS)
def test_a_logged_night_is_in_the_diary_that_opens(
    page: Page, live_url: str, last_night: date
) -> None:
    """Log last night's cramp at the check-in, open the diary: the night is there, coloured;
    then back-fill the night before as cramp-free from the calendar."""
    page.goto(live_url + "/")
    page.get_by_role("link", name="I had a cramp").click()
    expect(page.get_by_text(f"Night of {last_night:%a} {last_night.day}")).to_be_visible()
    page.get_by_label("Time it began").fill("03:10")
    page.locator("label", has_text="left").first.click()
    page.get_by_label("Severity (0 = none, 10 = worst)").fill("7")
    page.get_by_role("button", name="Save cramp").click()
    expect(page.get_by_text("Cramp logged")).to_be_visible()

    page.get_by_role("navigation").get_by_role("link", name="Diary").click()
    expect(page.get_by_role("heading", name=f"{last_night:%B %Y}")).to_be_visible()
    logged = page.locator(f'.calendar a[href="/diary/{last_night.isoformat()}"]')
    expect(logged).to_have_class("sev-3")
    expect(logged).to_have_attribute(
        "aria-label", f"{last_night:%A} {last_night.day} {last_night:%B}: 1 cramp, worst 7 of 10"
    )

    before = last_night - timedelta(days=1)
    page.locator(f'.calendar a[href="/diary/{before.isoformat()}"]').click()
    page.get_by_role("button", name="No cramps that night").click()
    expect(page.get_by_text("Logged: no cramps on the night of")).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="Diary").click()
    expect(page.locator(f'.calendar a[href="/diary/{before.isoformat()}"]')).to_have_class("free")
