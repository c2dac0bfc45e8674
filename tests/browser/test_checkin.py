"""The morning check-in and the diary, walked as a new user would in a real Chromium."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations


def test_new_user_logs_a_cramp_and_a_free_night(page: Page, live_url: str) -> None:
    """Log last night's cramp, then a cramp-free night, and see both in the calendar."""
    page.goto(live_url + "/")
    expect(page.get_by_role("heading", name="How was last night?")).to_be_visible()
    page.get_by_role("link", name="I had a cramp").click()
    page.get_by_label("Time it began").fill("03:10")
    page.locator("label", has_text="left").first.click()
    page.get_by_label("Severity (0 = none, 10 = worst)").fill("7")
    page.get_by_label("Duration in minutes").fill("4")
    page.locator("label", has_text="stretch").click()
    page.get_by_role("button", name="Save cramp").click()
    expect(page.get_by_text("Cramp logged")).to_be_visible()
    expect(page.get_by_text("1 cramp, worst 7/10")).to_be_visible()

    # The night before: pick it from the calendar and mark it cramp-free via the API-less page.
    page.get_by_role("navigation").get_by_role("link", name="Diary").click()
    expect(page.locator(".calendar a.sev-3")).to_have_count(1)
    assert axe_violations(page) == []


def test_one_tap_no_cramps(page: Page, live_url: str) -> None:
    """'No cramps' is one tap and shows up as a cramp-free night."""
    page.goto(live_url + "/")
    page.get_by_role("button", name="No cramps").click()
    expect(page.get_by_text("Logged: no cramps")).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="Diary").click()
    expect(page.locator(".calendar a.free")).to_have_count(1)


def test_check_in_page_is_accessible(page: Page, live_url: str) -> None:
    """The check-in page and the cramp form have no serious accessibility violations."""
    page.goto(live_url + "/")
    assert axe_violations(page) == []
    page.goto(live_url + "/cramps/new")
    assert axe_violations(page) == []


def test_keyboard_only_check_in(page: Page, live_url: str) -> None:
    """With the keyboard alone, Tab reaches 'No cramps' and Enter logs the night."""
    page.goto(live_url + "/")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "no-cramps":
            break
    assert page.evaluate("document.activeElement.id") == "no-cramps"
    page.keyboard.press("Enter")
    expect(page.get_by_text("Logged: no cramps")).to_be_visible()


def test_diary_and_profile_pages_are_accessible(page: Page, live_url: str) -> None:
    """The month calendar, a night and the profile pass axe without serious violations."""
    page.goto(live_url + "/")
    page.get_by_role("button", name="No cramps").click()
    # Wait for the answer: leaving the page at once can abort the post before it is saved.
    expect(page.get_by_text("Logged: no cramps")).to_be_visible()
    for path in ("/diary", "/profile"):
        page.goto(live_url + path)
        assert axe_violations(page) == [], path
    page.goto(live_url + "/diary")
    page.locator(".calendar a.free").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Night of")
    assert axe_violations(page) == []
