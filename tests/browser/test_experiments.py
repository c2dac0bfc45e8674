"""Personal experiments in a real Chromium: the design screen with its power, a refusal said on
it, starting one, tonight's assignment and its one tap on the check-in page, the experiment's
page; every page passes axe.

The clocks are at 19:00 on Tue 24 Nov 2026 in London (see conftest.py).
"""

from __future__ import annotations

from datetime import date, timedelta

import httpx2
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations

TONIGHT = date(2026, 11, 24)


def _run_in(live_url: str) -> None:
    """The 14 nights before tonight logged, a cramp on every other one."""
    for back in range(1, 15):
        night = TONIGHT - timedelta(days=back)
        if back % 2:
            cramp = {"night_of": night.isoformat(), "muscle": "calf", "side": "left"}
            answer = httpx2.post(f"{live_url}/api/v1/cramps", json=cramp | {"severity_0_10": 5})
        else:
            body = {"night_of": night.isoformat(), "status": "no_cramps"}
            answer = httpx2.post(f"{live_url}/api/v1/nights", json=body)
        assert answer.status_code == 201, answer.text


def test_design_refuse_start_and_tonight(page: Page, live_url: str) -> None:
    _run_in(live_url)
    page.goto(live_url + "/experiments/new?remedy=magnesium")
    expect(page.get_by_role("heading", name="Design an experiment")).to_be_visible()
    expect(page.locator("#power")).to_contain_text("times in 10", timeout=30_000)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Start the experiment").click()
    expect(page.locator("#experiment-problem")).to_contain_text("agreed with my doctor")
    assert axe_violations(page) == []

    page.goto(live_url + "/experiments/new?remedy=stretching")
    expect(page.locator("#gate-message")).to_contain_text("run-in is met")
    page.get_by_role("button", name="Start the experiment").click()
    expect(page.get_by_role("heading", name="Bedtime stretching")).to_be_visible()
    expect(page.locator("main")).to_contain_text("not shown until the end")
    assert axe_violations(page) == []

    page.goto(live_url + "/")
    card = page.locator("#experiment-card")
    expect(card).to_contain_text("Tonight:")
    assert axe_violations(page) == []
    card.get_by_role("button", name="Yes").click()
    expect(page.locator("#experiment-card")).to_contain_text("Answered: yes")
