"""The time zone in a real Chromium set to a zone of its own: the first-visit notice, the browser's
zone standing in until confirmed, the profile's list, its errors and what a change does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps.accounts import service as accounts_service
from nightcramps.accounts import zones
from nightcramps.accounts.models import Person
from nightcramps.config import Settings
from nightcramps.diary.models import Cramp
from nightcramps.owner import Owner
from tests.browser.conftest import LiveServer, axe_violations
from tests.factories import make_cramp

LOS_ANGELES = ZoneInfo("America/Los_Angeles")
MORNING = datetime(2026, 11, 17, 11, 27, tzinfo=LOS_ANGELES)
"""11:27 on Tue 17 Nov in Los Angeles, 19:27 in London and UTC: before the noon cut-over there,
so a cramp now is on the night of the 16th; read in London it would be on the 17th's."""
ALIASES = ["US/Pacific", "Asia/Calcutta", "GB", "Factory", "localtime", "posixrules", "Etc/UTC"]


@contextmanager
def zoned_page(browser: Browser, zone: str, *, javascript: bool = True) -> Iterator[Page]:
    """A fresh phone-sized page whose browser is set to ``zone``."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        color_scheme="dark",
        locale="en-US",
        timezone_id=zone,
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def la_page(browser: Browser) -> Iterator[Page]:
    """A phone-sized page whose browser is set to America/Los_Angeles."""
    with zoned_page(browser, "America/Los_Angeles") as page:
        yield page


def notice(page: Page) -> Locator:
    return page.get_by_role("region", name=re.compile(r"^Your time zone"))


def local_person(session: Session) -> Person:
    session.expire_all()
    person = accounts_service.find_local_person(session=session)
    assert person is not None
    return person


def confirmed_in_london(session: Session) -> Person:
    person = accounts_service.get_local_person(session=session, timezone="Europe/London")
    accounts_service.confirm_timezone(session=session, person=person, timezone="Europe/London")
    session.commit()
    return person


def log_cramp_now(page: Page, live_url: str) -> None:
    """Time a right-calf cramp on the cramp-now screen and log it with severity 6."""
    page.goto(live_url + "/now")
    expect(notice(page).locator("[data-tz-source]")).to_be_visible()  # "(from this browser)"
    page.get_by_role("button", name="Right leg").click()
    page.get_by_role("button", name="Cramp is over").click()
    page.get_by_role("button", name="Severity 6 of 10, log the cramp").click()


def test_a_new_person_confirms_the_browsers_zone_and_logs_on_the_right_night(
    la_page: Page, live_url: str, session: Session
) -> None:
    """Los Angeles is named on the first page, confirmed in one tap; a cramp lands on its night.

    The first page is one that never looks the person up (guidance), so the script brings it."""
    la_page.clock.install(time=MORNING)
    la_page.goto(live_url + "/guidance")
    box = notice(la_page)
    expect(box).to_have_accessible_name(
        "Your time zone: America/Los_Angeles (from this browser). Times and nights use it."
    )
    expect(box.get_by_text("This browser is set to")).to_be_hidden()
    expect(box.get_by_role("link", name="Choose another")).to_have_attribute(
        "href", "/profile#timezone"
    )
    assert axe_violations(la_page) == []
    person = local_person(session)
    assert (person.timezone, person.timezone_confirmed_at) == ("America/Los_Angeles", None)

    box.get_by_role("button", name="Use America/Los_Angeles").click()
    expect(la_page.get_by_text("Time zone confirmed: America/Los_Angeles.")).to_be_visible()
    expect(notice(la_page)).to_have_count(0)
    assert la_page.url == live_url + "/guidance"
    assert local_person(session).timezone_confirmed_at is not None

    la_page.goto(live_url + "/now")
    la_page.get_by_role("button", name="Right leg").click()
    la_page.get_by_role("button", name="Cramp is over").click()
    la_page.get_by_role("button", name="Severity 6 of 10, log the cramp").click()
    expect(la_page.get_by_text("Logged on the night of Mon, Nov 16")).to_be_visible()
    la_page.goto(live_url + "/diary/2026-11-16")
    expect(la_page.get_by_text("11:27")).to_be_visible()
    session.expire_all()
    cramp = session.scalars(select(Cramp)).one()
    assert cramp.started_at is not None
    assert cramp.started_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M") == "2026-11-17 19:27"


def test_before_confirming_the_first_cramp_already_uses_the_browsers_zone(
    la_page: Page, live_url: str, session: Session
) -> None:
    """Unconfirmed, the browser's zone dates the cramp, and the notice keeps asking."""
    la_page.clock.install(time=MORNING)
    la_page.goto(live_url + "/")
    expect(notice(la_page)).to_contain_text("America/Los_Angeles (from this browser)")
    expect(notice(la_page).locator("[data-tz-source]")).to_be_visible()
    log_cramp_now(la_page, live_url)
    expect(la_page.get_by_text("Logged on the night of Mon, Nov 16")).to_be_visible()
    la_page.goto(live_url + "/")
    expect(notice(la_page)).to_contain_text("Your time zone: America/Los_Angeles")
    person = local_person(session)
    assert (person.timezone, person.timezone_confirmed_at) == ("America/Los_Angeles", None)


def test_a_page_drawn_on_another_date_is_drawn_again(
    la_page: Page, live_url: str, session: Session
) -> None:
    """At 17:00 in Los Angeles it is already tomorrow in London: the first page reloads once."""
    la_page.add_init_script(
        "sessionStorage.setItem('loads', String(Number(sessionStorage.getItem('loads')) + 1))"
    )
    la_page.clock.install(time=datetime(2026, 11, 17, 17, 0, tzinfo=LOS_ANGELES))
    la_page.goto(live_url + "/")
    la_page.wait_for_function("() => sessionStorage.getItem('loads') === '2'")
    expect(notice(la_page)).to_contain_text("America/Los_Angeles (from this browser)")
    expect(notice(la_page).locator("[data-tz-source]")).to_be_visible()
    expect(la_page.get_by_text("This page was drawn before the change")).to_be_hidden()
    assert la_page.evaluate("sessionStorage.getItem('loads')") == "2"
    assert local_person(session).timezone == "America/Los_Angeles"


def test_someone_made_before_this_browser_is_offered_its_zone(
    la_page: Page, live_url: str, session: Session
) -> None:
    """A person the CLI made in London is not moved silently: both zones are offered."""
    accounts_service.get_local_person(session=session, timezone="Europe/London")
    session.commit()
    la_page.goto(live_url + "/")
    box = notice(la_page)
    expect(box).to_contain_text(
        "Your time zone: Europe/London. Times and nights use it.", use_inner_text=True
    )
    expect(box.locator("[data-tz-source]")).to_be_hidden()  # not "(from this browser)"
    expect(box).to_contain_text("This browser is set to America/Los_Angeles.")
    expect(box.get_by_role("button", name="Use Europe/London")).to_be_visible()
    assert axe_violations(la_page) == []
    assert local_person(session).timezone == "Europe/London"
    box.get_by_role("button", name="Use America/Los_Angeles").click()
    expect(la_page.get_by_text("Time zone confirmed: America/Los_Angeles.")).to_be_visible()
    expect(la_page.get_by_text("Nights and days already logged keep their dates.")).to_be_visible()
    person = local_person(session)
    assert person.timezone == "America/Los_Angeles"
    assert person.timezone_confirmed_at is not None


@pytest.mark.parametrize(
    ("browser_zone", "listed"),
    [("America/Los_Angeles", "America/Los_Angeles"), ("Asia/Kolkata", "Asia/Kolkata")],
)
def test_the_profile_lists_the_browsers_zone_first_and_no_aliases(
    browser: Browser, live_url: str, session: Session, browser_zone: str, listed: str
) -> None:
    """The datalist starts with this browser's zone (even when Chromium names it Asia/Calcutta)."""
    confirmed_in_london(session)
    with zoned_page(browser, browser_zone) as page:
        page.goto(live_url + "/profile")
        options = page.locator("#timezone-options option")
        expect(options.first).to_have_attribute("value", listed)
        values: list[str] = options.evaluate_all("all => all.map(o => o.value)")
        assert sorted(values) == sorted(zones.zone_choices())
        assert values[1:] == sorted(values[1:])
        assert set(values).isdisjoint(ALIASES)
        field = page.get_by_role("combobox", name="Time zone")
        expect(field).to_have_value("Europe/London")
        page.locator("[data-tz-picker]").get_by_role("button", name=f"Use {listed}").click()
        expect(field).to_have_value(listed)
        expect(field).to_be_focused()
        assert axe_violations(page) == []


def test_an_unknown_zone_shows_its_error_on_the_page(
    la_page: Page, live_url: str, session: Session
) -> None:
    """Typing a zone that is not one is refused beside the field, in the page's words."""
    confirmed_in_london(session)
    la_page.goto(live_url + "/profile")
    field = la_page.get_by_role("combobox", name="Time zone")
    field.fill("Mars/Olympus")
    la_page.get_by_role("button", name="Save profile").click()
    expect(la_page.locator("#timezone-error")).to_have_text(
        "Time zone: “Mars/Olympus” is not a time zone we know. Type your city or region, for "
        "example London or Los Angeles, and choose it from the list."
    )
    expect(la_page.get_by_role("combobox", name="Time zone")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert local_person(session).timezone == "Europe/London"


def test_changing_the_zone_explains_what_happens_to_logged_nights(
    la_page: Page, live_url: str, session: Session, owner: Owner
) -> None:
    """The profile says nights keep their dates and times move to the new clock, and they do."""
    confirmed_in_london(session)
    make_cramp(session, owner)  # 03:10 London on 24 Nov: the night of the 23rd
    session.commit()
    la_page.goto(live_url + "/profile")
    expect(la_page.locator("#timezone-change")).to_contain_text(
        "nights and days already logged keep their dates"
    )
    la_page.get_by_role("combobox", name="Time zone").fill("Los Angeles")
    la_page.get_by_role("button", name="Save profile").click()
    expect(la_page.get_by_text("Profile saved.")).to_be_visible()
    note = la_page.get_by_text("Your time zone is now America/Los_Angeles (it was Europe/London).")
    expect(note).to_contain_text("Nights and days already logged keep their dates.")
    expect(note).to_contain_text("shown on the America/Los_Angeles clock")
    la_page.goto(live_url + "/diary/2026-11-23")
    expect(la_page.get_by_text("19:10")).to_be_visible()


def test_without_javascript_the_notice_and_profile_still_work(
    browser: Browser, live_url: str, session: Session
) -> None:
    """With scripts off the notice names the zone in use and the profile saves a typed zone."""
    with zoned_page(browser, "America/Los_Angeles", javascript=False) as page:
        page.goto(live_url + "/")
        expect(notice(page)).to_contain_text(
            "Your time zone: Europe/London. Times and nights use", use_inner_text=True
        )
        page.goto(live_url + "/profile")
        page.get_by_role("combobox", name="Time zone").fill("america/new york")
        page.get_by_role("button", name="Save profile").click()
        expect(page.get_by_text("Your time zone is now America/New_York")).to_be_visible()
        expect(notice(page)).to_have_count(0)
    person = local_person(session)
    assert person.timezone == "America/New_York"
    assert person.timezone_confirmed_at is not None


def test_sign_up_takes_the_browsers_zone(
    browser: Browser, settings: Settings, session: Session
) -> None:
    """In accounts mode sign-up sends this browser's zone; the first page asks to confirm it."""
    accounts = Settings.model_validate(
        {**settings.model_dump(), "accounts": True, "secret_key": "k" * 40, "secure_cookies": False}
    )
    with LiveServer(accounts) as server:
        with zoned_page(browser, "America/Los_Angeles") as page:
            page.goto(server.url + "/signup")
            expect(
                page.get_by_text("this browser's time zone, America/Los_Angeles")
            ).to_be_visible()
            page.get_by_label("Email").fill("ann@example.org")
            page.get_by_label("Password").fill("correct horse battery")
            page.get_by_role("button", name="Create account").click()
            expect(notice(page)).to_contain_text(
                "Your time zone: America/Los_Angeles (from this browser)."
            )
    person = session.scalars(select(Person).where(Person.email == "ann@example.org")).one()
    assert (person.timezone, person.timezone_confirmed_at) == ("America/Los_Angeles", None)


def test_the_notice_filling_in_moves_nothing_on_the_page(page: Page, live_url: str) -> None:
    """The script's answer only reveals words already drawn, so what lies below the notice stays
    where it was (a tap aimed at a button there must not land elsewhere)."""
    page.add_init_script(
        """document.addEventListener("DOMContentLoaded", () => {
            window.headingTop = document.querySelector("h1").getBoundingClientRect().top;
        });"""
    )
    page.goto(live_url + "/day")
    expect(notice(page).locator("[data-tz-source]")).to_be_visible()
    moved = page.evaluate("document.querySelector('h1').getBoundingClientRect().top - headingTop")
    assert moved == 0
