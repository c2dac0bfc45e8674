"""Signing out on a shared device clears what the browser kept for offline use."""

from __future__ import annotations

from datetime import datetime

from playwright.sync_api import Page

from nightcramps import timing
from nightcramps.config import Settings
from tests.browser.conftest import LiveServer


def test_sign_out_clears_offline_copies(
    page: Page, settings: Settings, clock_start: datetime
) -> None:
    """After sign-out, NightCramps' local storage and offline caches are gone; others stay."""
    accounts = Settings.model_validate(
        {**settings.model_dump(), "accounts": True, "secret_key": "k" * 40, "secure_cookies": False}
    )
    with LiveServer(accounts, clock=timing.ticking_clock(clock_start)) as server:
        page.goto(server.url + "/signin")
        page.evaluate(
            """async () => {
                localStorage.setItem("nightcramps.reminder", "21:30");
                localStorage.setItem("other-app", "keep");
                await (await caches.open("nightcramps-guidance-v1")).put("/x", new Response("x"));
            }"""
        )
        page.goto(server.url + "/signin?signed_out=1")
        page.wait_for_function("async () => !(await caches.has('nightcramps-guidance-v1'))")
        assert page.evaluate("localStorage.getItem('nightcramps.reminder')") is None
        assert page.evaluate("localStorage.getItem('other-app')") == "keep"
