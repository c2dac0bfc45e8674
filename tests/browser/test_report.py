"""The report page in a real Chromium: it renders the preview and passes axe, a bad period is
said beside the form, and the download link answers a PDF.

The clocks are at 19:00 on Tue 24 Nov 2026 in London (see conftest.py).
"""

from __future__ import annotations

import re

import httpx2
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations

CRAMP = {
    "started_at": "2026-11-23T03:10:00Z",
    "muscle": "calf",
    "side": "left",
    "severity_0_10": 6,
    "duration_min": 3,
}


def _cramp_logged(live_url: str) -> None:
    answer = httpx2.post(f"{live_url}/api/v1/cramps", json=CRAMP)
    assert answer.status_code == 201, answer.text


def test_the_page_renders_and_passes_axe(page: Page, live_url: str) -> None:
    """The preview shows the diary's figures, with no serious axe finding."""
    _cramp_logged(live_url)
    page.goto(live_url + "/report")
    expect(page.get_by_role("heading", name="Night leg cramps: diary report")).to_be_visible()
    expect(page.get_by_text("Nights logged 1 of 84")).to_be_visible()
    expect(page.get_by_text("The cramps (1 on 1 nights)")).to_be_visible()
    assert axe_violations(page) == []


def test_a_bad_period_is_said_beside_the_form(page: Page, live_url: str) -> None:
    """A period ending before it starts is said on the page, and the page still passes axe."""
    page.goto(live_url + "/report")
    page.get_by_label("From the night of").fill("2026-11-20")
    page.get_by_label("to the night of").fill("2026-11-01")
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_role("alert")).to_contain_text("swap from and to")
    expect(page.get_by_label("From the night of")).to_have_value("2026-11-20")
    assert axe_violations(page) == []


def test_the_download_is_a_pdf(page: Page, live_url: str) -> None:
    """Download the PDF answers a PDF named after its period."""
    _cramp_logged(live_url)
    page.goto(live_url + "/report?from=2026-11-01&to=2026-11-23")
    with page.expect_download() as started:
        page.get_by_role("link", name="Download the PDF").click()
    download = started.value
    assert download.suggested_filename == "nightcramps-report-2026-11-01-2026-11-23.pdf"
    assert download.path().read_bytes().startswith(b"%PDF-")


def test_the_night_grid_is_added_when_asked(page: Page, live_url: str) -> None:
    """The box adds the night grid to the preview and to the PDF link; the page passes axe."""
    _cramp_logged(live_url)
    page.goto(live_url + "/report")
    expect(page.get_by_role("heading", name="Night grid: the last 14 nights")).to_have_count(0)
    page.get_by_label("Add page 2: the night grid of the last 14 nights").check()
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_role("heading", name="Night grid: the last 14 nights")).to_be_visible()
    expect(page.locator("table.grid-table")).to_contain_text("03:10 calf 6")
    link = page.get_by_role("link", name="Download the PDF")
    expect(link).to_have_attribute("href", re.compile(r"grid=true"))
    assert axe_violations(page) == []
