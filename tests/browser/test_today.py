"""The Today and Medicines pages in a real Chromium: a full day logged by tapping and typing."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations


def test_log_a_full_day_on_the_today_page(page: Page, live_url: str) -> None:
    """Stretch, coffee, drink, steps, workout, sleep and a medicine, all from /today, with no
    serious accessibility violations on the way."""
    page.goto(live_url + "/")
    page.get_by_role("navigation").get_by_role("link", name="Today").click()
    expect(page.get_by_role("heading", name="One tap")).to_be_visible()
    assert axe_violations(page) == []
    # Log yesterday (its wake time has certainly passed, whatever the hour of the test).
    page.get_by_role("link", name="Previous day").click()
    expect(page.get_by_role("link", name="Next day")).to_be_visible()

    page.get_by_role("button", name="Stretched before bed").click()
    expect(page.get_by_text("Logged: stretched before bed.")).to_be_visible()
    expect(page.get_by_role("button", name="✓ Stretched before bed")).to_be_visible()
    page.get_by_role("button", name="+1 coffee (95 mg)").click()
    expect(page.get_by_text("Logged: a coffee (95 mg).")).to_be_visible()
    page.get_by_role("button", name="+1 drink").click()
    expect(page.get_by_text("Logged: one drink.")).to_be_visible()

    page.get_by_label("Steps", exact=True).fill("8500")
    page.get_by_label("Hours sitting").fill("7")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved steps, standing and sitting.")).to_be_visible()

    page.locator("label", has_text="cycling").click()
    page.get_by_label("Minutes", exact=True).fill("40")
    page.locator("label", has_text="vigorous").click()
    page.get_by_role("button", name="Add workout").click()
    expect(page.get_by_text("Logged: cycling, 40 min (vigorous).")).to_be_visible()

    page.get_by_label("Went to sleep").fill("23:00")
    page.get_by_label("Woke up").fill("06:30")
    page.get_by_role("button", name="Save sleep").click()
    expect(page.get_by_text("Logged: 7.5 hours of sleep.")).to_be_visible()

    page.get_by_label("Medicine", exact=True).fill("Lasix 40mg")
    page.get_by_label("Dose").fill("40 mg each morning")
    page.get_by_role("button", name="Add medicine").click()
    expect(page.get_by_text("Added Lasix 40mg (Loop diuretic).")).to_be_visible()

    summary = page.locator("#day-summary")
    expect(summary).to_contain_text("8,500")
    expect(summary).to_contain_text("40 min")
    expect(summary).to_contain_text("95 mg")
    expect(summary).to_contain_text("1 drink(s)")
    expect(summary).to_contain_text("7.5 h")
    expect(page.locator("#current-medicines")).to_contain_text("Loop diuretic")
    assert axe_violations(page) == []

    # Undo the last one-tap entry from the list, then bring it back.
    page.get_by_role("button", name="Delete 1 drink(s)").click()
    expect(page.get_by_text("Alcohol entry deleted.")).to_be_visible()
    expect(summary).to_contain_text("Alcohol")
    expect(summary).not_to_contain_text("1 drink(s)")
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_text("Alcohol entry restored.")).to_be_visible()
    expect(summary).to_contain_text("1 drink(s)")


def test_medicines_page_explains_and_is_accessible(page: Page, live_url: str) -> None:
    """A checked name shows the class, the size of the association and 'talk to your
    prescriber'; the page has no serious accessibility violations."""
    page.goto(live_url + "/medicines")
    page.get_by_label("Medicine name").fill("Symbicourt")
    page.get_by_role("button", name="Check").click()
    result = page.locator("#check-result")
    expect(result).to_contain_text("Long-acting beta-agonist with an inhaled corticosteroid")
    expect(result).to_contain_text("2.55")
    expect(result).to_contain_text("Talk to your prescriber")
    page.get_by_label("Name as on the box").fill("spironolactone 25 mg")
    page.get_by_role("button", name="Add medicine").click()
    expect(page.locator("#medicine-list")).to_contain_text("Potassium-sparing diuretic")
    assert axe_violations(page) == []
