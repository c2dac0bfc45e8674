"""The Share page and a shared link in a real Chromium: make a link, open it as the viewer,
see the report, revoke it, and the link answers 404; the pages pass axe.

The clocks are at 19:00 on Tue 24 Nov 2026 in London (see conftest.py).
"""

from __future__ import annotations

import httpx2
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations

CRAMP = {
    "started_at": "2026-11-23T03:10:00Z",
    "muscle": "calf",
    "side": "left",
    "severity_0_10": 6,
}


def test_share_open_revoke(page: Page, live_url: str) -> None:
    answer = httpx2.post(f"{live_url}/api/v1/cramps", json=CRAMP)
    assert answer.status_code == 201, answer.text
    page.goto(live_url + "/report")
    page.get_by_role("link", name="share a link").click()
    expect(page).to_have_url(live_url + "/share")
    expect(page.get_by_role("heading", name="Share with your doctor or carer")).to_be_visible()
    expect(page.locator("#local-note")).to_contain_text("works only while")
    assert axe_violations(page) == []
    page.get_by_text("the report and the diary").click()
    page.get_by_label("Who it is for").fill("Dr Patel")
    page.get_by_role("button", name="Make link").click()
    url = page.get_by_label("Link", exact=True).input_value()
    assert url.startswith(live_url + "/s/")
    assert axe_violations(page) == []

    page.goto(url)
    expect(page.get_by_role("heading", name="Report for the doctor")).to_be_visible()
    expect(page.locator("main")).to_contain_text("not a diagnosis")
    assert page.locator("form").count() == 0
    assert axe_violations(page) == []
    page.get_by_role("link", name="Diary").click()
    expect(page.locator("main")).to_contain_text("calf (left), severity 6/10")
    assert axe_violations(page) == []

    page.goto(live_url + "/share")
    expect(page.locator(".share-link")).to_contain_text("2 views")
    page.get_by_role("button", name="Revoke Dr Patel").click()
    expect(page.locator("#messages")).to_contain_text("revoked: it no longer opens")
    gone = page.goto(url)
    assert gone is not None and gone.status == 404
    expect(page.get_by_role("heading", name="This link does not open")).to_be_visible()
    assert axe_violations(page) == []


def test_a_refusal_is_said_beside_the_field(page: Page, live_url: str) -> None:
    page.goto(live_url + "/share")
    page.get_by_label("Who it is for").fill("x" * 80)
    page.get_by_label("Who it is for").evaluate("el => el.removeAttribute('maxlength')")
    page.get_by_label("Who it is for").fill("y" * 81)
    page.get_by_role("button", name="Make link").click()
    expect(page.locator("#label-error")).to_contain_text("at most 80")
    expect(page.get_by_role("alert")).to_contain_text("Nothing was made")
    assert axe_violations(page) == []
