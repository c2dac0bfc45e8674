"""The health questions of the profile in a real Chromium: asked once, answered, refused with
their fix, and the cautions of the cramp-now screen that follow from them.

The clocks are at 19:00 on Tue 24 Nov 2026 in London (see conftest.py).
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations

ASK = "These change the advice you get; skip any you prefer not to answer."
CHECK = "Please check the fields marked below."


def _profile(page: Page, live_url: str) -> Any:
    answer = page.request.get(live_url + "/api/v1/profile")
    assert answer.ok, answer.text()
    return answer.json()


def _choose(page: Page, question: str, answer: str) -> None:
    """Tick ``answer`` of the health question whose legend is ``question``."""
    group = page.locator("#health fieldset").filter(has=page.locator("legend", has_text=question))
    group.locator("label").filter(has_text=answer).first.click()


def test_the_health_questions_are_asked_once_and_saved(page: Page, live_url: str) -> None:
    """The profile asks, the link leads to the questions; answers saved, the asking stops on
    the profile and the food page, and the page passes axe."""
    page.goto(live_url + "/profile")
    notice = page.locator("#conditions-notice")
    expect(notice).to_contain_text(ASK)
    assert axe_violations(page) == []
    notice.get_by_role("link", name="your profile").click()
    expect(page.get_by_role("heading", name="Health conditions")).to_be_visible()
    _choose(page, "Kidney disease", "yes, stage 3")
    _choose(page, "Diabetes", "yes")
    _choose(page, "Heart failure", "no")
    page.get_by_label("Daily fluid limit set by your doctor, in ml (optional)").fill("1500")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Profile saved.")).to_be_visible()
    expect(page.locator("#conditions-notice")).to_have_count(0)
    stored = _profile(page, live_url)
    assert (stored["kidney_disease"], stored["diabetes"], stored["heart_failure"]) == (
        "stage_3",
        True,
        False,
    )
    assert stored["fluid_limit_ml"] == 1500 and stored["liver_disease"] is None
    page.goto(live_url + "/day")
    expect(page.get_by_role("heading", name="Today")).to_be_visible()
    expect(page.locator("#conditions-notice")).to_have_count(0)


def test_a_fluid_limit_of_100_ml_is_refused_beside_its_field(page: Page, live_url: str) -> None:
    """100 ml: the refusal has the focus, the field is marked with its fix, nothing is kept."""
    page.goto(live_url + "/profile")
    _choose(page, "Liver disease", "no")
    field = page.get_by_label("Daily fluid limit set by your doctor, in ml (optional)")
    field.fill("100")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator(":focus")).to_contain_text(CHECK)
    field = page.get_by_label("Daily fluid limit set by your doctor, in ml (optional)")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#fluid_limit_ml-error")).to_contain_text(
        "Daily fluid limit: give the limit your doctor set in ml a day, from 500 to 3,000"
    )
    described = (field.get_attribute("aria-describedby") or "").split()
    assert "fluid_limit_ml-error" in described
    stored = _profile(page, live_url)
    assert stored["fluid_limit_ml"] is None and stored["liver_disease"] is None
    assert stored["conditions_reviewed_at"] is None


def test_cramp_now_puts_the_pregnancy_caution_first(page: Page, live_url: str) -> None:
    """Pregnant at week 24: the cramp-now screen says so above the steps; the fall and heat
    cautions stand beside walking and the warm bath."""
    answer = page.request.patch(
        live_url + "/api/v1/profile",
        data={"sex": "female", "pregnant": True, "pregnancy_week": 24},
    )
    assert answer.ok, answer.text()
    page.goto(live_url + "/now")
    for_you = page.locator("#now-for-you")
    expect(for_you).to_contain_text("You are 24 weeks pregnant: from about 20 weeks")
    expect(for_you).to_contain_text("keep the bath or shower warm, not hot")
    first = page.locator("#now-help li, #now-help [data-caveat]").first
    expect(first).to_have_attribute("data-caveat", "nsaid_pregnancy")
    expect(page.get_by_test_id("now-fall-caution")).to_contain_text("sit on the edge of the bed")
    expect(page.get_by_test_id("now-heat-caution")).to_contain_text("Warm, not hot")
    assert axe_violations(page) == []
