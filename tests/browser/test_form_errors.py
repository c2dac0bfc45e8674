"""Every form's error path in a real Chromium: a refused save shows its message in the page's
words, moves the focus to it, marks the field (aria-invalid, with its text beside it) and leaves
what is stored as it was. Stale deletes say what happened; Back never shows deleted data.

The clocks are at 19:00 on Tue 24 Nov 2026 in London (see conftest.py): today is 24 Nov, last
night the 23rd. Data is set up through the JSON API, as another tab or device would change it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from nightcramps import timing
from nightcramps.config import Settings
from tests.browser.conftest import LiveServer, axe_violations

TODAY = "2026-11-24"
LAST_NIGHT = "2026-11-23"
YESTERDAY = "2026-11-23"
STALE = "This was already deleted (or undone in another tab); the page now shows what is stored."
EXPIRED = "This form has expired or came from another site. Reload the page and try again."
CHECK = "Please check the fields marked below."


class Api:
    """The JSON API, as another tab or device changes the same diary."""

    def __init__(self, page: Page, url: str) -> None:
        self.request = page.request
        self.url = url + "/api/v1"

    def get(self, path: str) -> Any:
        answer = self.request.get(self.url + path)
        assert answer.ok, answer.text()
        return answer.json()

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        answer = self.request.post(self.url + path, data=body or {})
        assert answer.ok, answer.text()
        return answer.json()

    def patch(self, path: str, body: dict[str, Any]) -> Any:
        answer = self.request.patch(self.url + path, data=body)
        assert answer.ok, answer.text()
        return answer.json()

    def delete(self, path: str) -> None:
        answer = self.request.delete(self.url + path)
        assert answer.ok, answer.text()


@pytest.fixture
def api(page: Page, live_url: str) -> Api:
    return Api(page, live_url)


def refused(page: Page, text: str) -> None:
    """The refusal says ``text``, in view, and has the focus (a screen reader reads it out)."""
    message = page.locator(":focus")
    expect(message).to_contain_text(text)
    expect(message).to_be_visible()


def marked(page: Page, field: Locator, text: str) -> None:
    """``field`` is aria-invalid and described by its error text, shown beside it."""
    expect(field).to_have_attribute("aria-invalid", "true")
    described = (field.get_attribute("aria-describedby") or "").split()
    beside = [page.locator(f"[id='{i}']") for i in described]
    shown = [b.inner_text() for b in beside if b.count() and b.is_visible()]
    assert any(text in s for s in shown), (text, shown)


def log_cramp(api: Api, night: str = LAST_NIGHT, severity: int = 7, **more: Any) -> Any:
    body = {"night_of": night, "muscle": "calf", "side": "left", "severity_0_10": severity}
    return api.post("/cramps", {**body, **more})


def night_of(api: Api, night: str = LAST_NIGHT) -> Any:
    answer = api.request.get(f"{api.url}/nights/{night}")
    return answer.json() if answer.ok else None


def day_log(api: Api, day: str = TODAY) -> Any:
    return api.get(f"/days/{day}/log")


# ---------------------------------------------------------------------------- diary


def test_check_in_no_cramps_after_a_cramp_logged_elsewhere(
    page: Page, live_url: str, api: Api
) -> None:
    """'No cramps' for a night that got a cramp in another tab says why it was refused (409);
    the night keeps its cramp."""
    page.goto(live_url + "/")
    log_cramp(api)
    page.get_by_role("button", name="No cramps").click()
    refused(page, "already has 1 cramp(s) logged")
    stored = night_of(api)
    assert stored["status"] == "cramps" and stored["cramp_count"] == 1


def test_cramp_form_without_side_and_with_severity_99(page: Page, live_url: str, api: Api) -> None:
    """No side and severity 99: both named as the form labels them, how to fix each, beside
    its field; the address stays the form's and nothing is logged."""
    page.goto(f"{live_url}/cramps/new?night_of={LAST_NIGHT}")
    page.get_by_label("Severity").fill("99")
    page.get_by_role("button", name="Save cramp").click()
    refused(page, "Side: choose left, right or both.")
    refused(page, "Severity: give a whole number from 0 (none) to 10 (worst), e.g. 6.")
    marked(page, page.get_by_label("Severity"), "Severity: give a whole number from 0 (none)")
    marked(page, page.get_by_role("radio", name="left"), "Side: choose left, right or both.")
    expect(page.get_by_label("Severity")).to_have_value("99")  # what was typed is kept
    assert page.url.endswith(f"/cramps/new?night_of={LAST_NIGHT}")
    assert "severity_0_10" not in page.locator("main").inner_text()
    assert api.get("/nights")["count"] == 0
    assert axe_violations(page) == []


def test_cramp_form_for_a_night_that_has_not_begun(page: Page, live_url: str, api: Api) -> None:
    """A cramp form opened for June 2027 cannot be saved, and says so."""
    page.goto(live_url + "/cramps/new?night_of=2027-06-01")
    page.get_by_role("radio", name="left").check(force=True)
    page.get_by_label("Severity").fill("5")
    page.get_by_role("button", name="Save cramp").click()
    refused(page, "Night: is in the future.")
    assert api.get("/nights")["count"] == 0


def test_cramp_edit_with_severity_11(page: Page, live_url: str, api: Api) -> None:
    """Editing a cramp to severity 11 is refused beside the field; the cramp stays at 7."""
    cramp = log_cramp(api)
    page.goto(f"{live_url}/cramps/{cramp['id']}/edit")
    page.get_by_label("Severity").fill("11")
    page.get_by_role("button", name="Save changes").click()
    refused(page, "Severity: give a whole number from 0 (none) to 10 (worst)")
    marked(page, page.get_by_label("Severity"), "Severity: give a whole number")
    assert api.get(f"/cramps/{cramp['id']}")["severity_0_10"] == 7


def test_night_notes_with_disturbance_11(page: Page, live_url: str, api: Api) -> None:
    """Sleep disturbance 11 on a night's page: the message says how to fix it, and the same text
    appears beside the field, which is marked; the stored 3 stays."""
    log_cramp(api)
    api.patch(f"/nights/{LAST_NIGHT}", {"sleep_disturbance_0_10": 3})
    page.goto(f"{live_url}/diary/{LAST_NIGHT}")
    field = page.get_by_label("Sleep disturbance")
    field.fill("11")
    page.get_by_role("button", name="Save", exact=True).click()
    refused(page, CHECK)
    fix = "Sleep disturbance: give a whole number from 0 (slept through) to 10 (no sleep)."
    refused(page, fix)
    marked(page, field, fix)
    assert "sleep_disturbance" not in page.locator("main").inner_text()
    assert night_of(api)["sleep_disturbance_0_10"] == 3


def test_stale_cramp_delete_says_so_and_shows_what_is_stored(
    page: Page, live_url: str, api: Api
) -> None:
    """Deleting a cramp another tab already deleted says so, and the page then shows only the
    cramp that is still stored."""
    gone = log_cramp(api, severity=4, notes="deleted elsewhere")
    kept = log_cramp(api, severity=8, notes="still here")
    page.goto(f"{live_url}/diary/{LAST_NIGHT}")
    api.delete(f"/cramps/{gone['id']}")
    page.locator(f"#cramp-{gone['id']}").get_by_role("button", name=re.compile("Delete")).click()
    refused(page, STALE)
    expect(page.locator(f"#cramp-{gone['id']}")).to_have_count(0)
    expect(page.locator(f"#cramp-{kept['id']}")).to_contain_text("still here")
    assert night_of(api)["cramp_count"] == 1


def test_stale_night_delete_says_so(page: Page, live_url: str, api: Api) -> None:
    """'Delete this night' for a night deleted in another tab says what happened, not nothing."""
    log_cramp(api)
    page.goto(f"{live_url}/diary/{LAST_NIGHT}")
    api.delete(f"/nights/{LAST_NIGHT}")
    page.get_by_role("button", name="Delete this night").click()
    refused(page, STALE)
    assert night_of(api) is None


def test_stale_undo_says_so(page: Page, live_url: str, api: Api) -> None:
    """Undo of a delete already undone in another tab says so and shows the cramp as stored."""
    cramp = log_cramp(api, notes="undone twice")
    page.goto(f"{live_url}/diary/{LAST_NIGHT}")
    page.locator(f"#cramp-{cramp['id']}").get_by_role("button", name=re.compile("Delete")).click()
    expect(page.get_by_text("Cramp deleted.")).to_be_visible()
    api.post(f"/cramps/{cramp['id']}/restore")
    page.get_by_role("button", name="Undo").click()
    refused(page, "nothing to restore. The page now shows what is stored.")
    expect(page.locator(f"#cramp-{cramp['id']}")).to_contain_text("undone twice")
    assert night_of(api)["cramp_count"] == 1


def test_back_after_a_delete_never_shows_the_deleted_cramp(
    page: Page, live_url: str, api: Api
) -> None:
    """Delete a cramp, undo, delete the night, then Back: the page shown is what is stored
    (no cramp, no stale 'Cramp restored.'), not a snapshot from before."""
    cramp = log_cramp(api, notes="must not come back")
    page.goto(f"{live_url}/diary/{LAST_NIGHT}")
    row = page.locator(f"#cramp-{cramp['id']}")
    row.get_by_role("button", name=re.compile("Delete")).click()
    expect(page.get_by_text("Cramp deleted.")).to_be_visible()
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_text("Cramp restored.")).to_be_visible()
    page.get_by_role("button", name="Delete this night").click()
    expect(page.get_by_text(re.compile("Night of .* deleted."))).to_be_visible()
    page.go_back()
    page.wait_for_load_state()
    expect(page.locator("main")).not_to_contain_text("must not come back")
    expect(page.get_by_text("Cramp restored.")).to_have_count(0)
    assert night_of(api) is None


def test_pages_are_never_cached(page: Page, live_url: str) -> None:
    """Pages answer Cache-Control: no-store and htmx keeps no page snapshots."""
    answer = page.goto(live_url + "/diary")
    assert answer is not None and answer.headers["cache-control"] == "no-store"
    assert page.evaluate("() => htmx.config.historyCacheSize") == 0
    assert page.evaluate("() => htmx.config.refreshOnHistoryMiss") is True


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("/diary?month=abc", "Month: write it as 2026-11 (the year, then the month)."),
        ("/diary/2026-02-30", "There is no 30 February 2026; check the day. Check the address."),
    ],
)
def test_a_mistyped_address_says_how_to_fix_it(
    page: Page, live_url: str, address: str, message: str
) -> None:
    """A malformed month or an impossible date in the address says what to fix in words, not a
    pattern or a field name."""
    page.goto(live_url + address)
    refused(page, message)
    text = page.locator("main").inner_text()
    assert "\\d" not in text and "night_of" not in text and "Input should" not in text


# ---------------------------------------------------------------------------- profile


def test_profile_with_birth_year_2030(page: Page, live_url: str, api: Api) -> None:
    """Birth year 2030 is named and explained beside the field; the stored year stays."""
    api.patch("/profile", {"birth_year": 1960, "sex": "female"})
    page.goto(live_url + "/profile")
    page.get_by_label("Birth year").fill("2030")
    page.get_by_role("button", name="Save profile").click()
    refused(page, CHECK)
    marked(page, page.get_by_label("Birth year"), "Birth year: give the year you were born")
    assert api.get("/profile")["birth_year"] == 1960


# ---------------------------------------------------------------------------- accounts mode


@pytest.fixture
def accounts_url(settings: Settings, clock_start: datetime) -> Iterator[str]:
    """A second live server, in accounts mode (sign-up and sign-in)."""
    data = {**settings.model_dump(), "accounts": True, "secure_cookies": False,
            "secret_key": "x" * 40}  # fmt: skip
    with LiveServer(Settings.model_validate(data), clock=timing.ticking_clock(clock_start)) as srv:
        yield srv.url


def sign_up(page: Page, url: str, email: str, password: str = "correct horse battery") -> None:
    page.goto(url + "/signup")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Create account").click()


def test_sign_up_with_an_email_already_used(
    browser: Browser, page: Page, accounts_url: str
) -> None:
    """Signing up again with a used email is named beside the Email field; the first account
    still signs in with its own password."""
    sign_up(page, accounts_url, "ann@example.com")
    expect(page.get_by_text("Welcome! Your diary is ready.")).to_be_visible()
    other = browser.new_context().new_page()
    sign_up(other, accounts_url, "ann@example.com", "another long password")
    refused(other, CHECK)
    marked(other, other.get_by_label("Email"), "Email:")
    other.goto(accounts_url + "/signin")
    other.get_by_label("Email").fill("ann@example.com")
    other.get_by_label("Password").fill("correct horse battery")
    other.get_by_role("button", name="Sign in").click()
    expect(other.get_by_role("heading", name="How was last night?")).to_be_visible()
    other.context.close()


def test_sign_in_with_a_wrong_password(page: Page, accounts_url: str) -> None:
    """A wrong password says so, with the focus on the message; nobody is signed in."""
    sign_up(page, accounts_url, "bob@example.com")
    page.context.clear_cookies()
    page.goto(accounts_url + "/signin")
    page.get_by_label("Email").fill("bob@example.com")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    refused(page, "Wrong email or password.")
    assert page.request.get(accounts_url + "/api/v1/profile").status == 401


def test_sign_out_from_an_expired_page(page: Page, accounts_url: str) -> None:
    """Sign out from a page whose session has expired says what to do instead of nothing."""
    sign_up(page, accounts_url, "cy@example.com")
    page.context.clear_cookies()
    page.get_by_role("button", name="Sign out").click()
    refused(page, EXPIRED)


# ---------------------------------------------------------------------------- guidance


def test_checkup_sent_from_an_expired_page(page: Page, live_url: str) -> None:
    """Check-up answers sent after the session expired: the page says reload, nothing is kept."""
    page.goto(live_url + "/checkup")
    page.locator("fieldset", has_text="Is one calf swollen").get_by_text("Yes").click()
    page.context.clear_cookies()
    page.get_by_role("button", name="Check my answers").click()
    refused(page, EXPIRED)
    page.reload()
    expect(page.locator("#result")).to_contain_text("Answer the questions below")


def test_routine_done_sent_from_an_expired_page(page: Page, live_url: str, api: Api) -> None:
    """'Log it as done tonight' after the session expired says reload; nothing is logged."""
    page.goto(live_url + "/routine")
    page.context.clear_cookies()
    page.get_by_role("button", name="Log it as done tonight").click()
    refused(page, EXPIRED)
    assert api.get("/stretches")["count"] == 0


def test_reminder_time_typed_without_a_time_picker(page: Page, live_url: str, api: Api) -> None:
    """'7pm' typed where a browser has no time picker is refused beside 'Remind me at' with
    how to write it; no reminder is set."""
    page.goto(live_url + "/routine")
    field = page.get_by_label("Remind me at")
    field.evaluate("input => { input.type = 'text'; }")
    field.fill("7pm")
    page.get_by_role("button", name="Save reminder").click()
    refused(page, "write the time as HH:MM, for example 21:30 (not '7pm')")
    marked(page, field, "Remind me at: write the time as HH:MM")
    assert api.get("/routine/reminder")["remind_at"] is None


# ---------------------------------------------------------------------------- food


def test_food_add_with_nothing_typed(page: Page, live_url: str, api: Api) -> None:
    """Add with an empty box says what to type, beside the box, with the focus on it."""
    page.goto(f"{live_url}/day/{TODAY}")
    page.get_by_role("button", name="Add", exact=True).click()
    fix = "What and how much: type what you had and how much, e.g. 1 medium banana"
    refused(page, fix)
    marked(page, page.get_by_label("What and how much"), fix)
    assert "phrase" not in page.locator("#add").inner_text()
    assert api.get(f"/days/{TODAY}")["logged"] is False


def test_food_sent_as_a_drink_is_logged_as_food(page: Page, live_url: str, api: Api) -> None:
    """'1 cup cooked spinach' as 'a drink' is logged as food, saying why, with no CLI command
    or JSON key on the page; no fluid is counted."""
    page.goto(f"{live_url}/day/{TODAY}")
    page.get_by_label("What and how much").fill("1 cup cooked spinach")
    page.locator("form.entry label", has_text="a drink").click()
    page.get_by_role("button", name="Add", exact=True).click()
    expect(
        page.get_by_text(re.compile("Logged 1 cup cooked spinach as food: .* is a food"))
    ).to_be_visible()
    text = page.locator("main").inner_text()
    assert "nightcramps eat" not in text and '"kind"' not in text
    day = api.get(f"/days/{TODAY}")
    assert [e["kind"] for e in day["entries"]] == ["food"]


def test_food_picker_with_amount_0(page: Page, live_url: str, api: Api) -> None:
    """The amount picker with 0 says to give an amount above 0; nothing is logged."""
    page.goto(f"{live_url}/day/{TODAY}")
    page.get_by_label("What and how much").fill("banana")
    page.locator("#suggestions").get_by_role("button").first.click()
    page.locator("#picker").get_by_label("Amount").fill("0")
    page.locator("#picker").get_by_role("button", name=re.compile("^Add")).click()
    refused(page, "Amount: give an amount above 0, e.g. 1 or 0.5.")
    assert api.get(f"/days/{TODAY}")["logged"] is False


def test_food_entry_edit_with_amount_0(page: Page, live_url: str, api: Api) -> None:
    """Changing an entry's amount to 0 is refused and the entry keeps its amount."""
    entry = api.post("/intake", {"phrase": "1 medium banana", "at": f"{TODAY}T08:00:00"})
    page.goto(f"{live_url}/intake/{entry['id']}/edit")
    page.get_by_label(re.compile("^Amount")).fill("0")
    page.get_by_role("button", name="Save").click()
    refused(page, "Amount: give an amount above 0, e.g. 1 or 0.5.")
    assert api.get(f"/intake/{entry['id']}")["quantity"] == 1


def _yesterday_breakfast(api: Api) -> Any:
    return api.post("/intake", {"phrase": "1 cup milk", "at": f"{YESTERDAY}T07:30:00"})


def test_repeat_a_meal_deleted_in_another_tab(page: Page, live_url: str, api: Api) -> None:
    """'Repeat yesterday's breakfast' after it was deleted elsewhere says there is nothing to
    repeat; nothing is logged today."""
    entry = _yesterday_breakfast(api)
    page.goto(f"{live_url}/day/{TODAY}")
    api.delete(f"/intake/{entry['id']}")
    page.get_by_role("button", name=re.compile("Repeat yesterday's breakfast")).click()
    refused(page, "there is nothing to repeat")
    assert api.get(f"/days/{TODAY}")["logged"] is False


def test_favourite_removed_in_another_tab(page: Page, live_url: str, api: Api) -> None:
    """A favourite removed elsewhere says it is not there; nothing is logged today."""
    favourite = api.post("/favourites", {"entry_id": _yesterday_breakfast(api)["id"]})
    page.goto(f"{live_url}/day/{TODAY}")
    api.delete(f"/favourites/{favourite['id']}")
    page.get_by_role("button", name=re.compile("^Add .*milk")).first.click()
    refused(page, f"There is no favourite number {favourite['id']}")
    assert api.get(f"/days/{TODAY}")["logged"] is False


@pytest.mark.parametrize("button", ["again", "favourite"])
def test_recent_item_deleted_in_another_tab(
    page: Page, live_url: str, api: Api, button: str
) -> None:
    """'+ again' and '★' on an entry deleted elsewhere say it is not there; nothing changes."""
    entry = api.post("/intake", {"phrase": "1 cup milk", "at": f"{TODAY}T07:30:00"})
    page.goto(f"{live_url}/day/{TODAY}")
    api.delete(f"/intake/{entry['id']}")
    name = "Add 1 cup milk again" if button == "again" else "Add 1 cup milk to favourites"
    page.get_by_role("button", name=name).click()
    refused(page, f"number {entry['id']}")
    assert api.get(f"/days/{TODAY}")["logged"] is False
    assert api.get("/favourites")["count"] == 0


def test_supplement_removed_in_another_tab(page: Page, live_url: str, api: Api) -> None:
    """The supplement button of a supplement removed elsewhere says so without a CLI hint."""
    supplement = api.post("/supplements", {"name": "Magnesium citrate", "magnesium_mg": 200})
    page.goto(f"{live_url}/day/{TODAY}")
    api.delete(f"/supplements/{supplement['id']}")
    page.get_by_role("button", name="Take 1 tablet of Magnesium citrate").click()
    refused(page, "no longer")
    assert "supplement list" not in page.locator("main").inner_text()
    assert api.get(f"/days/{TODAY}")["logged"] is False


def test_stale_food_delete(page: Page, live_url: str, api: Api) -> None:
    """Deleting a food entry deleted elsewhere says so and the list shows what is stored."""
    entry = api.post("/intake", {"phrase": "1 medium banana", "at": f"{TODAY}T08:00:00"})
    page.goto(f"{live_url}/day/{TODAY}")
    api.delete(f"/intake/{entry['id']}")
    page.get_by_role("button", name="Delete 1 medium banana at 08:00").click()
    refused(page, STALE)
    expect(page.locator(f"#entry-{entry['id']}")).to_have_count(0)


# ---------------------------------------------------------------------------- my foods


def test_my_supplement_with_magnesium_200000(page: Page, live_url: str, api: Api) -> None:
    """200,000 mg per tablet is named by its label with the range; nothing is added."""
    page.goto(live_url + "/my-foods")
    page.get_by_text("Add a supplement from its label").click()
    page.get_by_label("Name", exact=True).first.fill("Mag 200")
    field = page.locator("#supplement-magnesium_mg")
    field.fill("200000")
    page.get_by_role("button", name="Add supplement").click()
    refused(page, CHECK)
    marked(
        page,
        page.locator("#supplement-magnesium_mg"),
        "Magnesium, mg: give a number from 0 to 100,000.",
    )
    assert api.get("/supplements")["data"] == []


def test_my_food_with_a_serving_of_6_kg(page: Page, live_url: str, api: Api) -> None:
    """A 6,000 g serving is named by its label with the range; nothing is added."""
    page.goto(live_url + "/my-foods")
    page.get_by_text("Add a food or drink from its label").click()
    page.locator("#custom-name").fill("Big pie")
    page.locator("#custom-serving_g").fill("6000")
    page.get_by_role("button", name="Add food").click()
    refused(page, CHECK)
    marked(
        page,
        page.locator("#custom-serving_g"),
        "Serving weight, g: give a number above 0, up to 5,000.",
    )
    assert api.get("/custom-foods")["data"] == []


def test_my_target_of_0(page: Page, live_url: str, api: Api) -> None:
    """A target of 0 mg says to give a number above 0 beside it; no target is set."""
    page.goto(live_url + "/my-foods")
    field = page.locator("#target-magnesium_mg")
    field.fill("0")
    page.get_by_role("button", name="Save your own magnesium target").click()
    refused(page, CHECK)
    marked(page, page.locator("#target-magnesium_mg"), "Your own target: give a number above 0")
    assert api.get("/targets")["overridden"] == {}


@pytest.mark.parametrize("what", ["supplements", "custom-foods"])
def test_stale_remove_on_my_foods(page: Page, live_url: str, api: Api, what: str) -> None:
    """Remove of a supplement or food already removed elsewhere says so and lists what is left."""
    body = {"name": "Zinc drops", "magnesium_mg": 1}
    row = api.post(f"/{what}", body)
    page.goto(live_url + "/my-foods")
    api.delete(f"/{what}/{row['id']}")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Remove Zinc drops").click()
    refused(page, STALE)
    expect(page.get_by_role("button", name="Remove Zinc drops")).to_have_count(0)


# ---------------------------------------------------------------------------- today


def test_no_caffeine_after_a_coffee_logged_on_food(page: Page, live_url: str, api: Api) -> None:
    """'No caffeine today' after a coffee was logged on Food says to delete it there (409)."""
    api.post("/intake", {"phrase": "1 cup coffee", "kind": "drink", "at": f"{TODAY}T08:00:00"})
    page.goto(f"{live_url}/today/{TODAY}")
    page.get_by_role("button", name="No caffeine today").click()
    refused(page, "delete those entries on the Food page")
    assert day_log(api)["no_caffeine"] is False


@pytest.mark.parametrize(
    ("fill", "button", "field", "message"),
    [
        ({"Steps": "-5"}, "Save", "Steps", "Steps: a whole number from 0 to 150,000"),
        ({"Went to sleep": "23:00"}, "Save sleep", "Woke up", "Woke up: give the time you woke up"),
        ({"Minutes": "0"}, "Add workout", "Minutes", "Minutes: give the minutes of exercise"),
        ({"Caffeine (mg)": "5000"}, "Add caffeine", "Caffeine (mg)", "Caffeine (mg): give the"),
        ({"Drinks": "0"}, "Add drinks", "Drinks", "Drinks: give a number above 0"),
    ],
    ids=["steps", "sleep", "workout", "caffeine", "alcohol"],
)
def test_today_forms(
    page: Page, live_url: str, api: Api, fill: dict[str, str], button: str, field: str,
    message: str,
) -> None:  # fmt: skip
    """Each Today form with a value the server refuses: named as labelled, how to fix, beside
    the field, focus on the message; the day log stays empty."""
    page.goto(f"{live_url}/today/{TODAY}")
    if button in ("Add caffeine", "Add drinks"):
        page.get_by_text("Other amounts of caffeine or alcohol").click()
    for label, value in fill.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name=button, exact=True).click()
    refused(page, message)
    marked(page, page.get_by_label(field, exact=True), message)
    log = day_log(api)
    assert log["steps"] is None
    assert log["activities"] == log["sleep"] == log["caffeine"] == log["alcohol"] == []


def test_stale_delete_on_today(page: Page, live_url: str, api: Api) -> None:
    """Deleting a workout deleted elsewhere says so and the list shows what is stored."""
    body = {"day": TODAY, "activity_type": "walking", "duration_min": 30, "intensity_0_10": 3}
    workout = api.post("/activities", body)
    page.goto(f"{live_url}/today/{TODAY}")
    api.delete(f"/activities/{workout['id']}")
    page.get_by_role("button", name=re.compile("^Delete walking")).click()
    refused(page, STALE)
    expect(page.locator("#day-entries")).to_have_count(0)


# ---------------------------------------------------------------------------- medicines


@pytest.mark.parametrize("where", ["/medicines", f"/today/{TODAY}"])
def test_medicine_started_tomorrow(page: Page, live_url: str, api: Api, where: str) -> None:
    """A medicine started on 25 Nov (tomorrow) is refused beside 'Started on', from the
    Medicines page and from Today's short form; nothing is added."""
    page.goto(live_url + where)
    page.locator("input[name=name]").fill("Lasix 40 mg")
    page.locator("input[name=started_on]").fill("2026-11-25")
    page.get_by_role("button", name="Add medicine").click()
    refused(page, "The start date 2026-11-25 is in the future; add the medicine once you start")
    marked(page, page.locator("input[name=started_on]"), "Started on: The start date 2026-11-25")
    assert api.get("/medicines")["count"] == 0


@pytest.mark.parametrize("where", ["/medicines", f"/today/{TODAY}"])
def test_last_dose_of_a_medicine_removed_elsewhere(
    page: Page, live_url: str, api: Api, where: str
) -> None:
    """'Last dose today' for a medicine removed in another tab says it is not there."""
    medicine = api.post("/medicines", {"name": "Lasix 40 mg"})
    page.goto(live_url + where)
    api.delete(f"/medicines/{medicine['id']}")
    page.get_by_role("button", name="Record the last dose of Lasix 40 mg today").click()
    refused(page, f"number {medicine['id']}")
    assert api.get("/medicines")["count"] == 0


def test_stale_medicine_remove(page: Page, live_url: str, api: Api) -> None:
    """Remove of a medicine already removed elsewhere says so and lists what is stored."""
    medicine = api.post("/medicines", {"name": "Lasix 40 mg"})
    page.goto(live_url + "/medicines")
    api.delete(f"/medicines/{medicine['id']}")
    page.get_by_role("button", name="Remove Lasix 40 mg from the list").click()
    refused(page, STALE)
    expect(page.locator("#medicine-list")).to_have_count(0)


# ---------------------------------------------------------------------------- daily CSV


def test_daily_csv_with_severity_99(page: Page, live_url: str, api: Api) -> None:
    """A daily CSV with a worst severity of 99 lists the problem by line and column; nothing
    is imported."""
    page.goto(live_url + "/data/daily")
    csv = f"date,worst_severity_0_10\n{LAST_NIGHT},99\n"
    page.get_by_label("CSV file").set_input_files(
        {"name": "days.csv", "mimeType": "text/csv", "buffer": csv.encode()}
    )
    page.get_by_role("button", name="Import").click()
    refused(page, "The file was not imported")
    refused(page, "99 is outside 0-10 for worst cramp of the night")
    assert "0-10; blank" not in page.locator("main").inner_text()
    assert night_of(api) is None
