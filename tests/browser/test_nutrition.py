"""A real day of eating and drinking logged on the day page in Chromium, totals checked."""

from __future__ import annotations

import time
from datetime import timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from nightcramps.foods import service as foods_service
from tests.browser.conftest import BROWSER_NOW, axe_violations

LONDON = ZoneInfo("Europe/London")  # the test settings' default time zone

TYPED = [
    ("1 medium banana", False),
    ("1 cup of coffee", True),
    ("8 oz plain low fat yogurt", False),
    ("3 ounces halibut, cooked", False),
    ("1 cup brown rice, cooked", False),
    ("1 cup spinach, boiled", False),
    ("1/2 cup black beans", False),
    ("250 ml orange juice", True),
    ("500 ml water", True),
]
BREAKFAST = ["1 cup milk", "2 slices whole wheat bread"]


def _expected_magnesium() -> float:
    """Independently of the nutrition code: the USDA magnesium of everything the test logs."""
    phrases = BREAKFAST + [p for p, _ in TYPED] + ["500 ml water"]
    total = sum(foods_service.lookup(p).nutrients.magnesium_mg or 0 for p in phrases)
    avocado = foods_service.get_food("usda:09037")
    cubes = next(m for m in avocado.measures if m.name == "cup, cubes")
    return total + (avocado.per_100g.magnesium_mg or 0) * cubes.grams / 100


def test_log_a_real_day_quickly_and_see_the_totals(page: Page, live_url: str) -> None:
    """Repeat yesterday's breakfast, type nine items, pick one from type-ahead, re-add a recent
    drink; the page's totals match the USDA values and the targets of the profile."""
    now = BROWSER_NOW.astimezone(LONDON)
    today, yesterday = now.date(), now.date() - timedelta(days=1)
    page.request.patch(live_url + "/api/v1/profile", data={"birth_year": 1960, "sex": "female"})
    for phrase in BREAKFAST:
        page.request.post(
            live_url + "/api/v1/intake",
            data={"phrase": phrase, "kind": "food", "at": f"{yesterday.isoformat()}T07:30:00"},
        )

    page.goto(live_url + "/day")
    started = time.monotonic()
    page.get_by_role("button", name="Repeat yesterday's breakfast (2)").click()
    expect(page.get_by_text("Logged yesterday's breakfast again (2 item(s)).")).to_be_visible()
    for phrase, is_drink in TYPED:
        page.get_by_label("What and how much").fill(phrase)
        if is_drink:
            page.locator("form.entry label", has_text="a drink").click()
        page.get_by_role("button", name="Add", exact=True).click()
        expect(page.get_by_text(f"Logged {phrase}.")).to_be_visible()
    page.get_by_label("What and how much").fill("avoc")
    page.get_by_role("button", name="Avocados, raw, all commercial varieties").click()
    page.get_by_label("Measure").select_option(label="cup, cubes")
    page.get_by_role("button", name="Add Avocados, raw, all commercial varieties").click()
    expect(page.get_by_text("Logged 1 cup, cubes Avocados")).to_be_visible()
    page.get_by_role("button", name="Add 500 ml water again").click()
    expect(page.get_by_text("Logged 500 ml water again.")).to_be_visible()
    elapsed = time.monotonic() - started
    print(f"logged a day of {len(BREAKFAST) + len(TYPED) + 2} items in {elapsed:.1f} s")  # noqa: T201

    magnesium = _expected_magnesium()
    expect(page.get_by_test_id("total-magnesium_mg")).to_have_text(f"{magnesium:,.0f} / 320 mg")
    expect(page.get_by_test_id("fluids")).to_have_text("1,487 ml (4 drinks)")
    expect(page.locator("#bar-water_ml progress")).to_have_count(1)
    day = page.request.get(f"{live_url}/api/v1/days/{today.isoformat()}").json()
    assert len(day["entries"]) == 13
    assert day["water"]["target_ml"] == 2700
    assert axe_violations(page) == []


def test_delete_with_undo_and_bad_input(page: Page, live_url: str) -> None:
    """Delete shows Undo, which brings the entry back; an impossible amount logs nothing."""
    page.goto(live_url + "/day")
    page.get_by_label("What and how much").fill("1 medium banana")
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_role("button", name="Delete 1 medium banana").click()
    expect(page.get_by_text("Deleted 1 medium banana.")).to_be_visible()
    expect(page.locator("ul.entries li")).to_have_count(0)
    page.get_by_role("button", name="Undo").click()
    expect(page.locator("ul.entries li")).to_have_count(1)
    page.get_by_label("What and how much").fill("9000 bananas")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("at most 5 kg")
    expect(page.get_by_label("What and how much")).to_have_value("9000 bananas")
    expect(page.locator("ul.entries li")).to_have_count(1)
    assert axe_violations(page) == []


def test_my_foods_page_is_accessible(page: Page, live_url: str) -> None:
    """The page of own foods, supplements and targets has no serious accessibility problems."""
    page.goto(live_url + "/my-foods")
    page.get_by_text("Add a supplement from its label").click()
    page.get_by_label("Name", exact=True).first.fill("Magnesium citrate")
    page.get_by_label("Magnesium, mg").first.fill("200")
    page.get_by_role("button", name="Add supplement").click()
    expect(page.get_by_text("Added Magnesium citrate.")).to_be_visible()
    assert axe_violations(page) == []


def test_an_unsure_entry_asks_with_buttons_and_a_tap_logs_it(page: Page, live_url: str) -> None:
    """An unsure phrase is not logged: the page offers the foods as buttons, keeps the text,
    and a tap logs the amount typed of the food tapped."""
    phrase = "1 cup soda pop"  # several sodas tie on "soda pop" (tests/nutrition/test_asking.py)
    page.goto(live_url + "/day")
    page.get_by_label("What and how much").fill(phrase)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Which did you mean?")
    expect(page.get_by_label("What and how much")).to_have_value(phrase)
    choices = page.get_by_test_id("food-choices").get_by_role("button")
    expect(choices.nth(1)).to_be_visible()
    assert choices.count() >= 2
    chosen = choices.nth(1).inner_text()
    choices.nth(1).click()
    expect(page.get_by_text(f"Logged {phrase} ({chosen}")).to_be_visible()
    day = page.request.get(live_url + "/api/v1/days/" + _today()).json()
    assert [(e["description"], e["food"]["name"]) for e in day["entries"]] == [(phrase, chosen)]
    assert axe_violations(page) == []


def test_an_unsure_change_on_the_edit_page_asks_with_buttons(page: Page, live_url: str) -> None:
    """Changing an entry to an unsure description leaves it unchanged and offers the foods as
    buttons; a tap changes it to the food tapped."""
    at = f"{_today()}T08:00:00"
    logged = page.request.post(live_url + "/api/v1/intake", data={"phrase": "1 apple", "at": at})
    entry_id = logged.json()["id"]
    page.goto(f"{live_url}/intake/{entry_id}/edit")
    page.get_by_label("Or another food and amount").fill("1 cup soda pop")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("the entry is unchanged. Which did you mean?")
    choices = page.get_by_test_id("food-choices").get_by_role("button")
    expect(choices.nth(1)).to_be_visible()
    assert axe_violations(page) == []  # the page with its buttons
    chosen = choices.nth(1).inner_text()
    choices.nth(1).click()
    expect(page.get_by_text("Changed to 1 cup soda pop.")).to_be_visible()
    entry = page.request.get(f"{live_url}/api/v1/intake/{entry_id}").json()
    assert entry["food"]["name"] == chosen


def test_an_unknown_measure_offers_the_foods_measures_as_buttons(page: Page, live_url: str) -> None:
    """A measure the food lacks: its measures as buttons (× the quantity typed); a tap logs."""
    page.goto(live_url + "/day")
    page.get_by_label("What and how much").fill("2 pieces milk")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Tap one of its measures")
    measures = page.get_by_test_id("measure-choices").get_by_role("button")
    expect(measures.first).to_contain_text("2 × cup")
    measures.first.click()
    expect(page.get_by_text("Logged 2 cup")).to_be_visible()
    day = page.request.get(live_url + "/api/v1/days/" + _today()).json()
    (entry,) = day["entries"]
    assert entry["quantity"] == 2 and entry["unit"] == "cup" and entry["grams"] > 400
    assert entry["kind"] == "drink"


def _today() -> str:
    return BROWSER_NOW.astimezone(LONDON).date().isoformat()
