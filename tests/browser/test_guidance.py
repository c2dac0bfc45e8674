"""Guidance in a real Chromium: the bedtime routine and the cramp-now screen log themselves, the
red-flag banner appears, the pages work offline once loaded and pass axe."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session

from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.schemas import ProfileUpdate
from nightcramps.daylog import service as daylog_service
from nightcramps.diary import service as diary_service
from nightcramps.guidance import redflags
from nightcramps.owner import Owner
from tests.browser.conftest import BROWSER_NOW, axe_violations

LONDON = ZoneInfo("Europe/London")


def small_hours_yesterday() -> datetime:
    """03:10 yesterday (by the tests' clock) in London: a cramp then belongs to the night of the
    day before."""
    yesterday = BROWSER_NOW.astimezone(LONDON).date() - timedelta(days=1)
    return datetime.combine(yesterday, time(3, 10), tzinfo=LONDON)


def time_cramp(page: Page, live_url: str, minutes: float, severity: str = "7") -> None:
    """Start the cramp-now timer at 03:10 yesterday, let ``minutes`` pass, stop and log."""
    page.clock.install(time=small_hours_yesterday())
    page.goto(live_url + "/now")
    expect(page.get_by_role("heading", name="Which leg? Tap to start the timer")).to_be_visible()
    page.get_by_role("button", name="Left leg").click()
    page.get_by_role("button", name="Pull your toes up towards your knee, leg straight").click()
    page.clock.run_for(int(minutes * 60_000))
    page.get_by_role("button", name="Cramp is over").click()
    expect(page.get_by_role("heading", name="It lasted")).to_be_visible()
    page.get_by_role("button", name=f"Severity {severity} of 10, log the cramp").click()
    expect(page.get_by_text("Logged on the night of")).to_be_visible()


def test_routine_runs_its_timers_and_logs_itself(
    page: Page, live_url: str, session: Session, owner: Owner
) -> None:
    """At 50x speed the routine walks through each stretch, then logs a ~3.7-minute session."""
    page.goto(live_url + "/routine?speed=50")
    expect(page.get_by_role("heading", name="Bedtime calf and hamstring stretches")).to_be_visible()
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#step-title")).to_have_text("Calf stretch, left leg")
    expect(page.locator("#step-title")).to_have_text("Hamstring stretch, right leg")
    expect(page.locator("#routine-result")).to_contain_text("Logged: Bedtime calf", timeout=15_000)
    expect(page.locator("#step-title")).to_have_text("All done")
    session.expire_all()
    (stretch,) = daylog_service.list_stretches(session=session, owner=owner)
    assert stretch.routine == "Bedtime calf and hamstring stretches"
    assert stretch.duration_min is not None and 3.5 <= stretch.duration_min <= 4.0


def test_skipping_through_the_routine_still_logs_it(
    page: Page, live_url: str, session: Session, owner: Owner
) -> None:
    """Skipping every stretch ends the routine and logs what was done."""
    page.goto(live_url + "/routine?routine=seated")
    page.get_by_role("button", name="Start").click()
    for _ in range(4):
        page.get_by_role("button", name="Skip").click()
    expect(page.locator("#routine-result")).to_contain_text("Logged: Seated bedtime stretches")
    session.expire_all()
    assert len(daylog_service.list_stretches(session=session, owner=owner)) == 1


def test_cramp_now_logs_the_cramp_with_its_duration_to_the_right_night(
    page: Page, live_url: str, session: Session, owner: Owner
) -> None:
    """A 5.5-minute cramp timed from 03:10 is logged on the night before, with what helped."""
    time_cramp(page, live_url, 5.5)
    expect(page.locator("#now-findings")).to_be_empty()
    night_of = small_hours_yesterday().date() - timedelta(days=1)
    session.expire_all()
    night = diary_service.to_night_public(
        diary_service.get_night(session=session, owner=owner, day=night_of)
    )
    (cramp,) = night.cramps
    assert cramp.duration_min is not None and abs(cramp.duration_min - 5.5) < 0.05
    assert (cramp.side, cramp.muscle, cramp.severity_0_10) == ("left", "calf", 7)
    assert cramp.relief == ["stretch"]
    assert cramp.started_at is not None
    assert cramp.started_at.astimezone(LONDON).strftime("%H:%M") == "03:10"


def test_red_flag_banner_appears_after_a_15_minute_cramp(page: Page, live_url: str) -> None:
    """A 15-minute cramp brings 'see a doctor' on the cramp-now screen and the check-in page."""
    time_cramp(page, live_url, 15)
    expect(page.get_by_role("alert")).to_contain_text("See a doctor about your cramps")
    page.goto(live_url + "/")
    banner = page.locator("#guidance-banner")
    expect(banner).to_contain_text("See a doctor about your cramps")
    expect(banner).to_contain_text("15-minute cramp")
    assert axe_violations(page) == []


def test_routine_works_offline_once_loaded(
    page: Page, live_url: str, session: Session, owner: Owner
) -> None:
    """Loaded once, the routine opens and runs offline; its log is sent when back online."""
    page.goto(live_url + "/routine")
    # A function, not an expression string: Playwright would eval() the string on every poll,
    # which the Content-Security-Policy (no 'unsafe-eval') refuses.
    page.wait_for_function("() => navigator.serviceWorker?.controller != null")
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", name="Bedtime calf and hamstring stretches")).to_be_visible()
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(240_000)
    expect(page.locator("#routine-result")).to_contain_text("You are offline")
    session.expire_all()
    assert daylog_service.list_stretches(session=session, owner=owner) == []
    page.context.set_offline(False)
    page.reload()
    for _ in range(50):
        session.expire_all()
        if daylog_service.list_stretches(session=session, owner=owner):
            break
        page.wait_for_timeout(100)
    (stretch,) = daylog_service.list_stretches(session=session, owner=owner)
    assert stretch.duration_min == 3.7


def test_guidance_pages_are_accessible(page: Page, live_url: str) -> None:
    """Guidance index, an entry, the check-up with a finding, the routine: no serious axe issues."""
    for path in ("/guidance", "/guidance/magnesium", "/routine", "/routine?routine=nhs-wall"):
        page.goto(live_url + path)
        assert axe_violations(page) == [], path
    page.goto(live_url + "/checkup")
    page.locator("fieldset", has_text="Is one calf swollen").get_by_text("Yes").click()
    page.get_by_role("button", name="Check my answers").click()
    expect(page.locator("#result")).to_contain_text("Get medical help today")
    assert axe_violations(page) == []


def test_cramp_now_screen_is_accessible_at_every_step(page: Page, live_url: str) -> None:
    """The cramp-now screen passes axe before, during and after the timer."""
    page.clock.install(time=small_hours_yesterday())
    page.goto(live_url + "/now")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Right leg").click()
    page.clock.run_for(30_000)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cramp is over").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Severity 3 of 10, log the cramp").click()
    expect(page.get_by_text("Logged on the night of")).to_be_visible()
    assert axe_violations(page) == []


def test_checkup_follows_a_pregnancy_and_says_how_urgent(
    page: Page, live_url: str, session: Session, owner: Owner
) -> None:
    """At 24 weeks of pregnancy the check-up asks about pre-eclampsia; a yes is for today (the
    midwife), a partial check says so, and dark urine after exertion is an emergency."""
    person = accounts_service.get_person(session=session, person_id=owner.person_id)
    accounts_service.update_profile(
        session=session,
        person=person,
        profile_in=ProfileUpdate(sex="female", pregnant=True, pregnancy_week=24),
        now=BROWSER_NOW,
    )
    session.commit()
    page.goto(live_url + "/checkup")
    expect(page.get_by_text("You are pregnant (week 24)")).to_be_visible()
    question = page.locator("fieldset", has_text="pain just below your ribs")
    question.get_by_text("Yes").click()
    page.get_by_role("button", name="Check my answers").click()
    result = page.locator("#result")
    expect(result).to_contain_text("Get medical help today")
    expect(result).to_contain_text("Possible signs of pre-eclampsia")
    expect(result).to_contain_text("midwife")
    expect(result).to_contain_text("Cramps in pregnancy")  # the profile note, for next visit
    expect(result).to_contain_text(redflags.SAFETY_NET)
    assert axe_violations(page) == []
    page.locator("fieldset", has_text="is your urine dark").get_by_text("Yes").click()
    page.get_by_role("button", name="Check my answers").click()
    expect(result.get_by_role("heading")).to_have_text("Get emergency help now")
    expect(result).to_contain_text("Call 999 (UK), 911 (US)")


def test_checkup_without_a_warning_sign_says_what_was_not_answered(
    page: Page, live_url: str
) -> None:
    """Answering a few questions "no" is not an all-clear: the page counts those not answered."""
    page.goto(live_url + "/checkup")
    for text in ("Is one calf swollen", "longer than 10 minutes"):
        page.locator("fieldset", has_text=text).get_by_text("No").click()
    page.get_by_role("button", name="Check my answers").click()
    result = page.locator("#result")
    expect(result).to_contain_text("No warning signs found")
    expect(result).to_contain_text("questions are not answered, so the check is not complete")
