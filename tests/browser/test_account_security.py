"""The account security page in a real browser: a wrong current password is said beside its
field, and "Sign out everywhere else" signs the other browser out while this one stays."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from nightcramps import timing
from nightcramps.config import Settings
from tests.browser.conftest import LiveServer, axe_violations

PASSWORD = "violet tractor seldom ponders"


@pytest.fixture
def server(settings: Settings, clock_start: datetime) -> Iterator[LiveServer]:
    accounts = Settings.model_validate(
        {**settings.model_dump(), "accounts": True, "secret_key": "k" * 40, "secure_cookies": False}
    )
    with LiveServer(accounts, clock=timing.ticking_clock(clock_start)) as live:
        yield live


def _context(browser: Browser) -> BrowserContext:
    return browser.new_context(
        viewport={"width": 390, "height": 844}, color_scheme="dark", timezone_id="Europe/London"
    )


def _page(context: BrowserContext, clock_start: datetime) -> Page:
    page = context.new_page()
    page.clock.install(time=clock_start)
    page.set_default_timeout(10_000)
    return page


def _sign_up(page: Page, url: str) -> None:
    page.goto(url + "/signup")
    page.get_by_label("Email").fill("ann@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Welcome! Your diary is ready.")).to_be_visible()


def _sign_in(page: Page, url: str) -> None:
    page.goto(url + "/signin")
    page.get_by_label("Email").fill("ann@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(url + "/signin")


def test_a_wrong_current_password_is_said_beside_its_field(
    browser: Browser, server: LiveServer, clock_start: datetime
) -> None:
    context = _context(browser)
    try:
        page = _page(context, clock_start)
        _sign_up(page, server.url)
        page.goto(server.url + "/profile")
        page.get_by_role("link", name="Account security").click()
        expect(page.get_by_role("heading", name="Account security", level=1)).to_be_visible()
        assert axe_violations(page) == []
        page.get_by_label("Current password").fill("not my password at all")
        page.get_by_label("New password").fill("amber lantern quietly hums")
        page.get_by_role("button", name="Change password").click()
        error = page.locator("#current_password-error")
        expect(error).to_have_text(
            "Current password: that is not your current password; type the one you sign in "
            "with now."
        )
        expect(page.get_by_label("Current password")).to_have_attribute("aria-invalid", "true")
        assert axe_violations(page) == []
        # The right one changes it, and this browser stays signed in.
        page.get_by_label("Current password").fill(PASSWORD)
        page.get_by_label("New password").fill("amber lantern quietly hums")
        page.get_by_role("button", name="Change password").click()
        expect(page.get_by_text("Password changed. Your API tokens still work.")).to_be_visible()
    finally:
        context.close()


def test_sign_out_everywhere_else(
    browser: Browser, server: LiveServer, clock_start: datetime
) -> None:
    """Two browsers signed in as Ann; the laptop signs out everywhere else: the phone's next
    page is the sign-in form, the laptop's list shows only itself."""
    laptop_context = _context(browser)
    phone_context = _context(browser)
    try:
        laptop = _page(laptop_context, clock_start)
        phone = _page(phone_context, clock_start)
        _sign_up(laptop, server.url)
        _sign_in(phone, server.url)
        laptop.goto(server.url + "/account/security")
        sessions = laptop.locator("#sessions li.session")
        expect(sessions).to_have_count(2)
        expect(sessions.filter(has_text="this browser")).to_have_count(1)
        laptop.get_by_role("button", name="Sign out everywhere else").click()
        expect(
            laptop.get_by_text("Signed out everywhere else: 1 other session was signed out.")
        ).to_be_visible()
        expect(laptop.locator("#sessions li.session")).to_have_count(1)
        phone.goto(server.url + "/diary")
        expect(phone).to_have_url(server.url + "/signin?next=/diary")
        laptop.goto(server.url + "/diary")
        expect(laptop).to_have_url(server.url + "/diary")
    finally:
        laptop_context.close()
        phone_context.close()
